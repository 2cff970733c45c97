import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { buildBay, buildWorld } from '../../test/factories';
import { onPostgres, openTestDatabase } from '../../test/test-database';
import { openDatabase } from './open';
import { lockDataDir } from './pglite-lock';
import { queryRows } from './rows';
import { inStore } from './scope';
import type { Database } from './types';

describe('PGlite data directory lock', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses a directory held by another live process, with a clear message', () => {
    const dataDir = join(dir, 'held');
    writeFileSync(`${dataDir}.lock`, String(process.ppid)); // the parent is alive
    expect(() => lockDataDir(dataDir)).toThrow(/in use by process \d+/);
  });

  it('takes over a stale lock of a dead process and releases it', () => {
    const dataDir = join(dir, 'stale');
    writeFileSync(`${dataDir}.lock`, '999999999');
    const unlock = lockDataDir(dataDir);
    unlock();
    lockDataDir(dataDir)();
  });
});

describe.runIf(onPostgres)('PostgreSQL roles and row-level security', () => {
  let database: Database & { url?: string };
  let world: Awaited<ReturnType<typeof buildWorld>>;
  beforeAll(async () => {
    database = await openTestDatabase();
    world = await buildWorld(database.db);
    await buildBay(database.db, world.stores[0]!.id, { code: 'RLS0' });
    await buildBay(database.db, world.stores[1]!.id, { code: 'RLS1' });
  });
  afterAll(() => database.close());

  it('refuses to start as a superuser role', async () => {
    const config = loadConfig({ DATABASE_URL: database.url!, APP_DB_ROLE: 'postgres' });
    await expect(openDatabase(config.database)).rejects.toThrow(/superuser or BYPASSRLS/);
  });

  it('runs as a role that is neither superuser nor BYPASSRLS', async () => {
    const [me] = await database.query<{ rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    );
    expect(me).toEqual({ rolsuper: false, rolbypassrls: false });
  });

  it('hides other stores’ rows even from a query without a store filter', async () => {
    const codes = await inStore(database.db, world.stores[0]!.id, (tx) => queryRows<{ code: string }>(tx, sql`SELECT code FROM bays`));
    expect(codes.map((r) => r.code)).toEqual(['RLS0']);
    const none = await database.query('SELECT code FROM bays');
    expect(none).toEqual([]);
  });

  it('refuses to write a row into another store', async () => {
    await expect(
      inStore(database.db, world.stores[0]!.id, (tx) =>
        tx.execute(sql`INSERT INTO bays (store_id, code, name, type) VALUES (${world.stores[1]!.id}, 'X', 'x', 'wash')`),
      ),
    ).rejects.toThrow();
  });
});
