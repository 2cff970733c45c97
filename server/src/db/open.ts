import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Config } from '../config';
import { lockDataDir } from './pglite-lock';
import { applyDatabaseSecurity, assertSafeAppRole } from './security';
import type { Database, Executor } from './types';

export const MIGRATIONS_FOLDER = resolve(dirname(fileURLToPath(import.meta.url)), '../../migrations');
const PGLITE_EXTENSIONS = { pg_trgm, btree_gist };
/** Any constant: serialises migrations of instances that boot at the same moment. */
const MIGRATION_LOCK_KEY = 7_420_611;

export interface OpenOptions {
  /** Apply pending migrations (and, on PostgreSQL, the role/RLS set-up) before returning. */
  migrate?: boolean;
  /** Tests hand in a ready PGlite (cloned from a migrated dump) instead of a directory. */
  pglite?: PGlite;
  poolSize?: number;
}

export async function openDatabase(config: Config['database'], options: OpenOptions = {}): Promise<Database> {
  return config.kind === 'pglite'
    ? openPglite(config.dataDir, options)
    : openPostgres(config.adminUrl, config.appRole, config.appPassword, options);
}

export function newPglite(dataDir?: string, loadDataDir?: Blob): PGlite {
  return new PGlite({ dataDir, loadDataDir, extensions: PGLITE_EXTENSIONS });
}

async function openPglite(dataDir: string, options: OpenOptions): Promise<Database> {
  let unlock = () => {};
  let client = options.pglite;
  if (!client) {
    unlock = lockDataDir(dataDir);
    mkdirSync(dirname(dataDir), { recursive: true });
    client = newPglite(dataDir);
  }
  try {
    await client.waitReady;
    const db = drizzlePglite({ client, casing: 'snake_case' }) as unknown as Executor;
    if (options.migrate) await migratePglite(drizzlePglite({ client, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
    const pglite = client;
    return {
      kind: 'pglite',
      db,
      async query(text, params) {
        return (await pglite.query(text, params)).rows as never[];
      },
      async close() {
        await pglite.close();
        unlock();
      },
    };
  } catch (err) {
    await client.close().catch(() => {});
    unlock();
    throw err;
  }
}

async function openPostgres(
  adminUrl: string,
  appRole: string,
  appPassword: string | undefined,
  options: OpenOptions,
): Promise<Database> {
  if (options.migrate) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      await migratePg(drizzlePg({ client: admin, casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_FOLDER });
      await applyDatabaseSecurity(admin, appRole, appPassword);
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
      await admin.end();
    }
  }
  const url = new URL(adminUrl);
  url.username = appRole;
  url.password = appPassword ?? '';
  const pool = new pg.Pool({ connectionString: url.toString(), max: options.poolSize ?? 10 });
  pool.on('error', () => {}); // a dropped idle connection is replaced on next checkout
  try {
    await assertSafeAppRole(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return {
    kind: 'postgres',
    db: drizzlePg({ client: pool, casing: 'snake_case' }) as unknown as Executor,
    async query(text, params) {
      return (await pool.query(text, params)).rows;
    },
    async close() {
      await pool.end();
    },
  };
}
