import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, newPglite } from '../src/db/open';
import { loadConfig } from '../src/config';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string;
  }
}

export const TEST_APP_ROLE = 'aftersales_test_app';

/**
 * Migrates one database per test run; each test file then clones it (DESIGN §7): PGlite from a
 * dumped data directory, PostgreSQL with CREATE DATABASE … TEMPLATE.
 */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-test-'));
  const pglite = newPglite();
  const database = await openDatabase({ kind: 'pglite', dataDir: '' }, { migrate: true, pglite });
  const dump = await pglite.dumpDataDir('none');
  await database.close();
  const templatePath = join(dir, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', templatePath);

  const url = process.env.TEST_DATABASE_URL;
  let templateDb = '';
  if (url) {
    templateDb = `aftersales_tmpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDb}`);
    await admin.query(`CREATE DATABASE ${templateDb}`);
    await admin.end();
    const tmplUrl = new URL(url);
    tmplUrl.pathname = `/${templateDb}`;
    const config = loadConfig({ DATABASE_URL: tmplUrl.toString(), APP_DB_ROLE: TEST_APP_ROLE });
    const db = await openDatabase(config.database, { migrate: true, poolSize: 1 });
    await db.close();
  }
  project.provide('pgTemplateDb', templateDb);

  return async () => {
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [`aftersales_t_${process.pid}_%`, templateDb],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
      await admin.end();
    }
  };
}
