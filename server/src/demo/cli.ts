/**
 * `npm run seed -- --stores 50 --years 2 --seed 20261123 [--vehicles-per-store N] [--as-of YYYY-MM-DD]
 *                  [--parts-per-store N] [--database-url URL | --data-dir DIR]`
 *
 * Fills an empty database with the deterministic demo data set, at any scale: the same seed gives
 * the same data on every machine. Without --database-url it uses DATABASE_URL from the environment,
 * else the embedded PGlite in --data-dir (default DATA_DIR or ./data).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { AppError } from '../platform/errors';
import { DEMO_STORES } from './catalog';
import { FEATURED_CAR } from './files';
import { resolveOptions } from './generator';
import { DEMO_PASSWORD } from './index';
import { DatabaseNotEmptyError, seedDatabase } from './seed';

const USAGE = `Usage: npm run seed -- [options]
  --stores N          stores to generate (default 3)
  --years Y           years of history (default 2)
  --seed S            random seed (default 20261123)
  --vehicles-per-store N
                      vehicle files per store (default 1,000 × years; e.g. 3 stores × 100000
                      for the 300,000-vehicle benchmark data set)
  --parts-per-store N catalog parts per store, each with its stock history (default 200; about 40
                      movements per part over 2 years: --stores 1 --parts-per-store 50000 is the
                      parts benchmark data set of 50,000 parts and ~2,000,000 movements)
  --as-of DAY         the data set's "today", YYYY-MM-DD (default: today in Asia/Shanghai);
                      the same seed and day give identical data
  --database-url URL  PostgreSQL admin/owner URL (default: $DATABASE_URL)
  --data-dir DIR      PGlite data directory when no URL is given (default: $DATA_DIR or ./data)
The database must not have any store yet: use a new data directory or a freshly created database.`;

function positiveInt(name: string, raw: string, max: number): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} must be an integer from 1 to ${max} (got "${raw}")`);
  return n;
}

function localDay(name: string, raw: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(`${raw}T00:00:00Z`))) throw new UsageError(`--${name} must be a day YYYY-MM-DD (got "${raw}")`);
  return raw;
}

class UsageError extends Error {}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      stores: { type: 'string', default: '3' },
      years: { type: 'string', default: '2' },
      seed: { type: 'string', default: '20261123' },
      'vehicles-per-store': { type: 'string' },
      'parts-per-store': { type: 'string' },
      'as-of': { type: 'string' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const options = {
    stores: positiveInt('stores', values.stores, 2000),
    years: positiveInt('years', values.years, 20),
    seed: positiveInt('seed', values.seed, 2 ** 32 - 1),
    ...(values['vehicles-per-store'] === undefined ? {} : { vehiclesPerStore: positiveInt('vehicles-per-store', values['vehicles-per-store'], 2_000_000) }),
    ...(values['parts-per-store'] === undefined ? {} : { partsPerStore: positiveInt('parts-per-store', values['parts-per-store'], 500_000) }),
    ...(values['as-of'] === undefined ? {} : { asOf: localDay('as-of', values['as-of']) }),
  };
  const env = { ...process.env };
  if (values['database-url']) env.DATABASE_URL = values['database-url'];
  if (values['data-dir']) {
    if (values['database-url']) throw new UsageError('give either --database-url or --data-dir, not both');
    delete env.DATABASE_URL;
    env.DATA_DIR = values['data-dir'];
  }
  const config = loadConfig(env);
  const target = config.database.kind === 'pglite' ? `PGlite ${config.database.dataDir}` : `PostgreSQL ${redact(config.database.adminUrl)}`;
  const resolved = resolveOptions(options);
  console.log(
    `Seeding ${target}: ${resolved.stores} stores × ${resolved.vehiclesPerStore.toLocaleString('en-US')} vehicles and ${resolved.partsPerStore.toLocaleString('en-US')} parts, ${resolved.years} years to ${resolved.asOf}, seed ${resolved.seed}…`,
  );

  const started = performance.now();
  const report = await seedDatabase(config.database, options);
  const totalMs = performance.now() - started;

  const width = Math.max(...report.counts.map((c) => c.table.length), 5);
  for (const c of report.counts.filter((c) => c.rows > 0)) console.log(`  ${c.table.padEnd(width)} ${String(c.rows).padStart(10)}`);
  console.log(
    `Done in ${(totalMs / 1000).toFixed(2)} s (open + migrate ${(report.openMs / 1000).toFixed(2)} s, generate ${(report.generateMs / 1000).toFixed(2)} s, vacuum analyze ${(report.analyzeMs / 1000).toFixed(2)} s).`,
  );
  console.log(`Demo logins: admin, manager, advisor, tech, … (stores 2+: manager2, advisor2, …); password ${DEMO_PASSWORD}`);
  console.log(`Demo car (store ${DEMO_STORES[0]!.code}): ${FEATURED_CAR.plate} of ${FEATURED_CAR.ownerName}; search "${FEATURED_CAR.plateQuery}" or "${FEATURED_CAR.ownerInitials}".`);
  return 0;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || (err instanceof TypeError && (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${err.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (err instanceof DatabaseNotEmptyError) {
      console.error(`Refusing to seed: ${err.message}.\n拒绝生成：数据库中已有门店，请使用空数据库或新的数据目录。`);
      process.exit(3);
    }
    if (err instanceof AppError) console.error(`${err.text.zh}\n${err.text.en}`);
    else console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
