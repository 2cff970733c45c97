import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../src/config';
import { newPglite, openDatabase } from '../src/db/open';
import type { Database } from '../src/db/types';
import { TEST_APP_ROLE } from './global-setup';

export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/** A fresh database for one test file, cloned from the run's migrated template. */
export async function openTestDatabase(options: { poolSize?: number } = {}): Promise<Database & { url?: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const pglite = newPglite(undefined, new Blob([readFileSync(inject('pgliteTemplate'))]));
    return openDatabase({ kind: 'pglite', dataDir: '' }, { pglite });
  }
  const template = inject('pgTemplateDb');
  const name = `${template.replace('_tmpl_', '_t_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const config = loadConfig({ DATABASE_URL: url.toString(), APP_DB_ROLE: TEST_APP_ROLE });
  const database = await openDatabase(config.database, { poolSize: options.poolSize ?? 10 });
  return { ...database, url: url.toString() };
}
