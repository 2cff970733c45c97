import pg from 'pg';
import type { Config } from '../config';
import { openDatabase } from '../db/open';
import { tableCounts } from './counts';
import type { DemoOptions } from './generator';
import { hasAnyStore, seedDemo } from './index';

export interface SeedReport {
  database: 'pglite' | 'postgres';
  options: DemoOptions;
  /** Opening the database and migrating it. */
  openMs: number;
  /** The generator itself (one transaction). */
  generateMs: number;
  /** PostgreSQL: VACUUM ANALYZE afterwards, as the admin (PGlite's is part of `seedDemo`). */
  analyzeMs: number;
  counts: { table: string; rows: number }[];
}

export class DatabaseNotEmptyError extends Error {
  constructor() {
    super('the database already has stores; seed into an empty database (a new --data-dir or a freshly created PostgreSQL database)');
    this.name = 'DatabaseNotEmptyError';
  }
}

/**
 * A freshly loaded database has no planner statistics until autovacuum comes round, and plans made
 * without them are not what a live store gets. The app role owns no table (ANALYZE would skip them
 * all), so this runs over the admin URL. PGlite is analysed by `seedDemo` itself.
 */
async function vacuumAnalyze(config: Config['database']): Promise<void> {
  if (config.kind === 'pglite') return;
  const admin = new pg.Client({ connectionString: config.adminUrl });
  await admin.connect();
  try {
    await admin.query('VACUUM (ANALYZE)');
  } finally {
    await admin.end();
  }
}

/**
 * Opens (and migrates) the database, refuses one that already has stores, runs the generator and
 * closes the database again (an open PGlite keeps the process alive). Used by `npm run seed` and
 * by the benchmark.
 */
export async function seedDatabase(config: Config['database'], options: DemoOptions): Promise<SeedReport> {
  let started = performance.now();
  const database = await openDatabase(config, { migrate: true });
  try {
    const openMs = performance.now() - started;
    if (await hasAnyStore(database.db)) throw new DatabaseNotEmptyError();
    started = performance.now();
    await seedDemo(database, options);
    const generateMs = performance.now() - started;
    started = performance.now();
    await vacuumAnalyze(config);
    const analyzeMs = performance.now() - started;
    const counts = await tableCounts(database.db);
    return { database: database.kind, options, openMs, generateMs, analyzeMs, counts };
  } finally {
    await database.close();
  }
}
