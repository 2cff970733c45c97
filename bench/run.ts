/**
 * `npm run bench -- [--database-url URL] [--stores 3] [--connections 20] [--duration 5] …`
 *
 * 1. generates a data set with the demo generator into a fresh database: PGlite in a temporary
 *    directory, or, with --database-url (an admin URL on this machine), a database
 *    `aftersales_bench` it drops and creates (--vehicles-per-store sets the size of the customer
 *    files: --stores 3 --vehicles-per-store 100000 is the issue-3 data set of 300,000 vehicles),
 *    VACUUM ANALYZEs it, and samples real plates, VINs, names and ids of the first store (fixtures);
 * 2. starts the server as a child process on a free loopback port (DEMO_SEED=false, same database);
 * 3. signs in the demo accounts the endpoints need and drives every endpoint of bench/endpoints.ts
 *    with autocannon: first one connection (unloaded latency, also the warm-up), then --connections
 *    (or the endpoint's own) for --duration seconds, sampling the server's RSS and CPU from /proc;
 *    an endpoint with several paths (the search's queries) sends them in rotation;
 * 4. stops the server and runs each endpoint's SQL directly (PGlite can only be opened once the
 *    server has let go of the directory; PostgreSQL as the app role, same RLS) for the floor: the
 *    hand-written statements, or those recorded from the service call behind each path;
 * 5. prints a table and writes bench/results/latest.json (and latest-<kind>.json).
 * Every step is bounded; the server and the databases are cleaned up on success, error or Ctrl-C.
 */
import { createHash } from 'node:crypto';
import { cpus, totalmem, tmpdir } from 'node:os';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { loadConfig, type Config } from '../server/src/config';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { Logger } from 'drizzle-orm/logger';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { newPglite, openDatabase } from '../server/src/db/open';
import type { Executor } from '../server/src/db/types';
import type { Ctx } from '../server/src/platform/context';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/src/demo';
import { DEFAULT_VEHICLES_PER_YEAR } from '../server/src/demo/files';
import { seedDatabase, type SeedReport } from '../server/src/demo/seed';
// Modules add their endpoints to ENDPOINTS when imported.
import './service-process';
import './workshop';
import './care';
import './monthly-report';
import './complaints';
import { tableCounts } from '../server/src/demo/counts';
import { ENDPOINTS, SESSION_SQL, type BenchContext, type BenchEndpoint, type BenchFixtures, type BenchStatement, type StreamMeasurement } from './endpoints';
import { ProcessSampler, startServer, type ServerProcess } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results');
const DEFAULT_BENCH_DB = 'aftersales_bench';
const SESSION_COOKIE = 'as_sid';

const USAGE = `Usage: npm run bench -- [options]        (each option also reads BENCH_<NAME>, e.g. BENCH_STORES)
  --database-url URL   PostgreSQL admin URL on this machine; creates/drops database ${DEFAULT_BENCH_DB}
                       (default: PGlite in a temporary directory)
  --db-name NAME       PostgreSQL: the benchmark database's name (default ${DEFAULT_BENCH_DB}; must start
                       with "aftersales_bench": only such a database is ever dropped)
  --reuse              PostgreSQL: if the database already holds a data set, keep it (no drop, no
                       seeding; the server still migrates it at boot), re-ANALYZE it and keep it
                       afterwards; otherwise create and seed it as usual, and keep it
  --stores N           stores to generate (default 3)
  --years Y            years of history to generate (default 2)
  --vehicles-per-store N
                       vehicle files per store (default 1,000 × years); the issue-3 benchmark
                       data set is --stores 3 --vehicles-per-store 100000 (300,000 vehicles)
  --parts-per-store N  parts catalog and stock history per store (default 200; ~40 movements per part:
                       --stores 1 --parts-per-store 50000 is the parts data set, ~2,000,000 movements)
  --connections C      concurrent connections (default 20; an endpoint may set its own)
  --duration S         seconds of load per endpoint (default 5)
  --serial S           seconds of single-connection run per endpoint, before the load (default 2; 0 skips)
  --sql-runs N         timed direct-SQL runs per endpoint (default 200, at most 3 s)
  --only a,b           only these endpoints (names from bench/endpoints.ts)
  --log-level L        server log level (default warn)
  --keep               keep the database / data directory afterwards
  --budget S           seconds after which the run stops whatever it is doing (default: estimated from
                       the data set and the endpoints; raise it on a busy machine)`;

interface Options {
  databaseUrl?: string;
  stores: number;
  years: number;
  vehiclesPerStore?: number;
  partsPerStore?: number;
  seed: number;
  connections: number;
  duration: number;
  serial: number;
  sqlRuns: number;
  only?: string[];
  logLevel: string;
  keep: boolean;
  dbName: string;
  reuse: boolean;
  budgetS?: number;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      stores: { type: 'string' },
      years: { type: 'string' },
      'vehicles-per-store': { type: 'string' },
      'parts-per-store': { type: 'string' },
      seed: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      serial: { type: 'string' },
      'sql-runs': { type: 'string' },
      only: { type: 'string' },
      'log-level': { type: 'string' },
      keep: { type: 'boolean' },
      'db-name': { type: 'string' },
      reuse: { type: 'boolean' },
      budget: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const env = (name: string) => process.env[`BENCH_${name.toUpperCase().replace(/-/g, '_')}`];
  const value = (name: keyof typeof values) => (values[name] as string | undefined) ?? env(name);
  const int = (name: keyof typeof values, fallback: number, min: number, max: number) => {
    const raw = value(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer from ${min} to ${max}\n\n${USAGE}`);
    return n;
  };
  const only = value('only');
  const vehiclesPerStore = value('vehicles-per-store') === undefined ? undefined : int('vehicles-per-store', 0, 1, 2_000_000);
  const partsPerStore = value('parts-per-store') === undefined ? undefined : int('parts-per-store', 0, 1, 500_000);
  return {
    partsPerStore,
    databaseUrl: value('database-url'),
    stores: int('stores', 3, 1, 2000),
    years: int('years', 2, 1, 20),
    vehiclesPerStore,
    seed: int('seed', 20261123, 1, 2 ** 32 - 1),
    connections: int('connections', 20, 1, 1000),
    duration: int('duration', 5, 1, 120),
    serial: int('serial', 2, 0, 60),
    sqlRuns: int('sql-runs', 200, 1, 100_000),
    only: only ? only.split(',').map((s) => s.trim()) : undefined,
    logLevel: value('log-level') ?? 'warn',
    keep: values.keep ?? ['1', 'true'].includes(env('keep') ?? ''),
    dbName: dbNameOf(value('db-name') ?? DEFAULT_BENCH_DB),
    reuse: values.reuse ?? ['1', 'true'].includes(env('reuse') ?? ''),
    budgetS: value('budget') === undefined ? undefined : int('budget', 0, 60, 86_400),
  };
}

/** Only a database named like the benchmark's is ever dropped or created. */
function dbNameOf(name: string): string {
  if (!/^aftersales_bench[a-z0-9_]*$/.test(name)) throw new Error(`--db-name must match aftersales_bench[a-z0-9_]* (got ${name})\n\n${USAGE}`);
  return name;
}

// ---- the database under test --------------------------------------------------------------------

interface Target {
  kind: 'pglite' | 'postgres';
  label: string;
  config: Config['database'];
  /** Environment of the server child for this database. */
  env: NodeJS.ProcessEnv;
  /** Runs statements directly, as the app would (only once the server has stopped, for PGlite). */
  openRunner(): Promise<SqlRunner>;
  cleanup(): Promise<void>;
}

interface SqlRunner {
  /** The rows of the statement. */
  query(text: string, params?: unknown[]): Promise<unknown[]>;
  /** Runs `fn` over this connection with a Drizzle instance that records every statement it sends. */
  record(fn: (db: Executor) => Promise<unknown>): Promise<BenchStatement[]>;
  close(): Promise<void>;
}

/** A Drizzle logger collecting the statements (text and driver parameters) in order. */
function recorder(): { logger: Logger; statements: BenchStatement[] } {
  const statements: BenchStatement[] = [];
  return {
    statements,
    logger: {
      logQuery(text: string, params: unknown[]) {
        const copy = [...params];
        statements.push(copy.length ? { text, params: () => copy } : { text });
      },
    },
  };
}

function baseEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return env;
}

async function pgliteTarget(keep: boolean): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-bench-'));
  const dataDir = join(dir, 'data');
  return {
    kind: 'pglite',
    label: `PGlite ${dataDir}`,
    config: { kind: 'pglite', dataDir },
    env: { ...baseEnv(), DATA_DIR: dataDir },
    async openRunner() {
      const client = newPglite(dataDir);
      const database = await openDatabase({ kind: 'pglite', dataDir }, { pglite: client });
      return {
        query: (text, params) => database.query(text, params),
        async record(fn) {
          const { logger, statements } = recorder();
          await fn(drizzlePglite({ client, casing: 'snake_case', logger }) as unknown as Executor);
          return statements;
        },
        close: () => database.close(),
      };
    },
    async cleanup() {
      if (keep) console.log(`kept ${dataDir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

async function postgresTarget(adminUrl: string, keep: boolean, benchDb: string, reuse: boolean): Promise<Target & { reused: boolean }> {
  const admin = new URL(adminUrl);
  if (!LOOPBACK.has(admin.hostname)) throw new Error(`the benchmark only runs against a database on this machine (got host ${admin.hostname})`);
  if (admin.pathname === `/${benchDb}`) throw new Error(`give the admin URL of another database (e.g. /postgres); ${benchDb} is dropped and re-created`);
  const queryAt = async (url: string, text: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as Record<string, unknown>[];
    } finally {
      await client.end();
    }
  };
  const adminQuery = (text: string) => queryAt(adminUrl, text);
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${benchDb}`;
  let reused = false;
  if (reuse) {
    const exists = await adminQuery(`SELECT 1 FROM pg_database WHERE datname = '${benchDb}'`);
    if (exists.length > 0) {
      const [row] = await queryAt(benchUrl.toString(), `SELECT to_regclass('public.vehicles') IS NOT NULL AND EXISTS (SELECT 1 FROM stores) AS seeded`).catch(() => [
        { seeded: false },
      ]);
      reused = row?.seeded === true;
    }
  }
  if (!reused) {
    await adminQuery(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
    await adminQuery(`CREATE DATABASE ${benchDb}`);
  }
  if (reuse) keep = true;
  const config = loadConfig({ DATABASE_URL: benchUrl.toString(), APP_DB_ROLE: process.env.APP_DB_ROLE, APP_DB_PASSWORD: process.env.APP_DB_PASSWORD });
  if (config.database.kind !== 'postgres') throw new Error('unreachable');
  const { appRole, appPassword } = config.database;
  return {
    reused,
    kind: 'postgres',
    label: `PostgreSQL ${benchUrl.host}/${benchDb}${reused ? ' (reused)' : ''}`,
    config: config.database,
    env: { ...baseEnv(), DATABASE_URL: benchUrl.toString() },
    async openRunner() {
      const appUrl = new URL(benchUrl);
      appUrl.username = appRole;
      appUrl.password = appPassword ?? '';
      const client = new pg.Client({ connectionString: appUrl.toString() });
      await client.connect();
      return {
        query: async (text, params) => (await client.query(text, params)).rows,
        async record(fn) {
          const { logger, statements } = recorder();
          await fn(drizzlePg({ client, casing: 'snake_case', logger }) as unknown as Executor);
          return statements;
        },
        close: () => client.end(),
      };
    },
    async cleanup() {
      if (keep) console.log(`kept database ${benchDb}`);
      else await adminQuery(`DROP DATABASE IF EXISTS ${benchDb} WITH (FORCE)`);
    },
  };
}

/**
 * A kept data set (--reuse): migrated by the server at boot like any database; re-analysed (cheap next to seeding)
 * so hand-made indexes and earlier runs' sessions leave no stale statistics. Options are whatever seeded it.
 */
async function reusedDataSet(config: Config['database']): Promise<SeedReport> {
  if (config.kind !== 'postgres') throw new Error('unreachable');
  let started = performance.now();
  const database = await openDatabase(config, { migrate: true });
  try {
    const openMs = performance.now() - started;
    started = performance.now();
    const admin = new pg.Client({ connectionString: config.adminUrl });
    await admin.connect();
    try {
      await admin.query('ANALYZE');
    } finally {
      await admin.end();
    }
    const analyzeMs = performance.now() - started;
    const counts = await tableCounts(database.db);
    console.log('Reusing the data set already in the database (--reuse): no seeding');
    return { database: 'postgres', options: {} as SeedReport['options'], openMs, generateMs: 0, analyzeMs, counts };
  } finally {
    await database.close();
  }
}

// ---- sessions -------------------------------------------------------------------------------------

interface Login {
  ctx: BenchContext;
  cookie: string;
}

async function signIn(baseUrl: string, username: string, fixtures: BenchFixtures): Promise<Login> {
  const res = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`sign-in of ${username} failed: ${res.status} ${await res.text()}`);
  const me = (await res.json()) as { user: { id: number }; store: { id: number } };
  const token = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1);
  if (!token) throw new Error(`sign-in of ${username} set no ${SESSION_COOKIE} cookie`);
  const sessionId = createHash('sha256').update(decodeURIComponent(token)).digest('hex');
  return { cookie: `${SESSION_COOKIE}=${token}`, ctx: { username, userId: me.user.id, storeId: me.store.id, sessionId, fixtures } };
}

function accountOf(endpoint: BenchEndpoint): string {
  const account = DEMO_ACCOUNTS.find((a) => a.role === endpoint.as);
  if (!account) throw new Error(`${endpoint.name}: no demo account for role ${endpoint.as}`);
  return account.username;
}

// ---- load -----------------------------------------------------------------------------------------

interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  reqPerSec: number;
  latencyMs: { mean: number; p50: number; p95: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
}

/** A custom measurement in the load table's shape (non-2xx counted from its status codes). */
function measured(m: StreamMeasurement): LoadResult {
  const non2xx = Object.entries(m.statusCodes).reduce((n, [code, count]) => (code.startsWith('2') ? n : n + count), 0);
  return { ...m, reqPerSec: m.requests / m.seconds, timeouts: 0, non2xx };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function requestOf(endpoint: BenchEndpoint, login: Login) {
  const headers: Record<string, string> = {};
  if (!endpoint.anonymous) headers.cookie = login.cookie;
  const payload = typeof endpoint.body === 'function' ? (endpoint.body as (c: BenchContext) => unknown)(login.ctx) : endpoint.body;
  const bodies = endpoint.bodies?.(login.ctx).map((b) => JSON.stringify(b));
  let body: string | undefined;
  if (payload !== undefined) body = JSON.stringify(payload);
  if (bodies) body = bodies[0];
  if (body !== undefined) headers['content-type'] = 'application/json';
  return { headers, body, bodies, paths: pathsOf(endpoint, login.ctx) };
}

/** The endpoint's path, or the paths it sends in rotation. */
function pathsOf(endpoint: BenchEndpoint, ctx: BenchContext): string[] {
  const path = typeof endpoint.path === 'function' ? endpoint.path(ctx) : endpoint.path;
  const paths = Array.isArray(path) ? path : [path];
  if (paths.length === 0) throw new Error(`${endpoint.name}: no path (empty fixtures?)`);
  return paths;
}

const pathLabel = (paths: string[]) => (paths.length > 1 ? `${paths[0]} (+${paths.length - 1} more in rotation)` : paths[0]!);

function load(baseUrl: string, endpoint: BenchEndpoint, login: Login, connections: number, seconds: number): Promise<LoadResult> {
  const { headers, body, bodies, paths } = requestOf(endpoint, login);
  const latencies: number[] = [];
  // Several paths: each connection cycles through them (method and headers are shared; the body too
  // unless the endpoint sends `bodies` in rotation).
  const requests = paths.length > 1 ? paths.map((path, i) => ({ path, ...(bodies ? { body: bodies[i % bodies.length] } : {}) })) : undefined;
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      { url: baseUrl + paths[0], method: endpoint.method, headers, body, connections, duration: seconds, timeout: 10, ...(requests ? { requests } : {}) },
      (err: unknown, result: autocannon.Result) => {
        if (err) return reject(err instanceof Error ? err : new Error(String(err)));
        latencies.sort((a, b) => a - b);
        const statusCodes: Record<string, number> = {};
        for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
        const requests = result.requests.total;
        resolvePromise({
          connections,
          seconds: result.duration,
          requests,
          reqPerSec: requests / result.duration,
          latencyMs: {
            mean: latencies.reduce((s, x) => s + x, 0) / (latencies.length || 1),
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
            max: latencies.at(-1) ?? NaN,
          },
          errors: result.errors,
          timeouts: result.timeouts,
          non2xx: result.non2xx,
          statusCodes,
        });
      },
    );
    // autocannon emits (client, statusCode, bytes, ms); its type declaration omits the client.
    (instance as unknown as NodeJS.EventEmitter).on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

// ---- direct SQL -----------------------------------------------------------------------------------

/** Times the statements of one request (or, for a rotation, of each request in turn): mean per request. */
async function timeSql(runner: SqlRunner, requests: BenchStatement[][], ctx: BenchContext, runs: number): Promise<{ meanMs: number; runs: number }> {
  const check = async () => {
    for (const statements of requests) {
      for (const s of statements) {
        const rows = await runner.query(s.text, s.params?.(ctx));
        if (s.minRows !== undefined && rows.length < s.minRows) {
          throw new Error(`expected at least ${s.minRows} rows, got ${rows.length}: ${s.text.slice(0, 120)}`);
        }
      }
    }
  };
  try {
    await check();
  } catch (err) {
    await runner.query('rollback').catch(() => {});
    throw err;
  }
  let turn = 0;
  const once = async () => {
    const statements = requests[turn++ % requests.length]!;
    try {
      for (const s of statements) await runner.query(s.text, s.params?.(ctx));
    } catch (err) {
      await runner.query('rollback').catch(() => {});
      throw err;
    }
  };
  for (let i = 0; i < Math.min(20, runs); i++) await once(); // warm-up: plans, caches
  const started = performance.now();
  let n = 0;
  while (n < runs && performance.now() - started < 3_000) {
    await once();
    n++;
  }
  return { meanMs: (performance.now() - started) / n, runs: n };
}

// ---- fixtures and recorded SQL ---------------------------------------------------------------------

async function withRunner<T>(target: Target, fn: (runner: SqlRunner) => Promise<T>): Promise<T> {
  const runner = await target.openRunner();
  try {
    return await fn(runner);
  } finally {
    await runner.close();
  }
}

/**
 * Real values of the first store (where the demo accounts work), evenly spread over its files:
 * what the endpoints type into the search box, filter by and open. Same seed, same fixtures.
 */
async function sampleFixtures(runner: SqlRunner): Promise<BenchFixtures> {
  const q = <T>(text: string, params?: unknown[]) => runner.query(text, params) as Promise<T[]>;
  await q('begin');
  try {
    await q("SELECT set_config('app.all_stores', 'on', true)");
    const [store] = await q<{ id: number; timeZone: string }>('SELECT id, time_zone AS "timeZone" FROM stores ORDER BY id LIMIT 1');
    if (!store) throw new Error('the data set has no store');
    const advisors = await q<{ id: number }>(
      "SELECT user_id AS id FROM memberships WHERE store_id = $1 AND role = 'service_advisor' ORDER BY user_id",
      [store.id],
    );
    await q('commit');
    await q('begin');
    await q("SELECT set_config('app.store_id', $1, true)", [String(store.id)]);
    const every = (table: string, columns: string, where: string, n: number) =>
      `SELECT ${columns} FROM (SELECT *, row_number() OVER (ORDER BY id) AS rn, count(*) OVER () AS total FROM ${table}
         WHERE store_id = $1 AND merged_into_id IS NULL AND ${where}) x
        WHERE rn % greatest(1, total / ${n}) = 0 ORDER BY id LIMIT ${n}`;
    const vehicles = await q<{ id: number; plate: string | null; vin: string | null }>(every('vehicles', 'id, plate, vin', 'true', 400), [store.id]);
    const people = await q<{ id: number; name: string; initials: string; mobile: string }>(
      every('customers', 'id, name, name_initials AS initials, mobile', "kind = 'person' AND mobile IS NOT NULL", 400),
      [store.id],
    );
    const outlets = await q<{ name: string }>(
      "SELECT outlet_name AS name FROM customers WHERE store_id = $1 AND source = 'outlet' AND outlet_name <> '' GROUP BY 1 ORDER BY count(*) DESC, 1",
      [store.id],
    );
    await q('commit');
    return {
      storeId: store.id,
      timeZone: store.timeZone,
      vehicles: vehicles.map((v) => ({ ...v, id: Number(v.id) })),
      people: people.map((p) => ({ ...p, id: Number(p.id) })),
      outlets: outlets.map((o) => o.name),
      advisorIds: advisors.map((a) => Number(a.id)),
    };
  } catch (err) {
    await q('rollback').catch(() => {});
    throw err;
  }
}

/**
 * The statements each request of the rotation sends: the session look-up, then the service call
 * behind the route run in-process as the same account over the runner's connection, recorded.
 */
async function recordRequests(runner: SqlRunner, endpoint: BenchEndpoint, ctx: BenchContext, paths: string[]): Promise<BenchStatement[][]> {
  const out: BenchStatement[][] = [];
  const bodies = endpoint.bodies?.(ctx);
  for (const [i, path] of paths.entries()) {
    const recorded = await runner.record((db) => {
      const serviceCtx: Ctx = {
        actor: {
          userId: ctx.userId,
          username: ctx.username,
          displayName: ctx.username,
          sessionId: ctx.sessionId,
          storeId: ctx.storeId,
          timeZone: ctx.fixtures.timeZone,
          role: endpoint.as,
          groupRole: null,
          permissions: new Set(ROLE_PERMISSIONS[endpoint.as]),
        },
        storeId: ctx.storeId,
        timeZone: ctx.fixtures.timeZone,
        db,
        ip: '127.0.0.1',
      };
      return endpoint.capture!(serviceCtx, new URL(path, 'http://bench.invalid'), bodies?.[i % bodies.length]);
    });
    // Drizzle's logger does not see the BEGIN/COMMIT of `db.transaction`; these services run in one
    // store-scoped transaction (inStore), so the pair goes around what was recorded.
    const wrapped = recorded[0]?.text.toLowerCase() === 'begin' ? recorded : [{ text: 'begin' }, ...recorded, { text: 'commit' }];
    out.push([...SESSION_SQL, ...wrapped]);
  }
  return out;
}

// ---- output ---------------------------------------------------------------------------------------

interface EndpointResult {
  name: string;
  method: string;
  path: string;
  /** Every path sent (a rotation has several). */
  paths: string[];
  as: string;
  note?: string;
  probe: { status: number; body?: string };
  serial?: LoadResult;
  load: LoadResult;
  server: { peakRssMb: number; cpuPercent: number };
  sql?: { meanMs: number; runs: number; statements: number } | { error: string };
  /** Unloaded HTTP latency (1 connection, mean; p50 under load if the serial run is skipped) ÷ direct SQL. */
  httpToSql?: number;
}

const f = (x: number | undefined, digits = 1) => (x === undefined || Number.isNaN(x) ? '–' : x.toFixed(digits));

function printTable(results: EndpointResult[]) {
  const header = ['endpoint', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'err/non2xx', 'RSS MB', 'CPU %', '1-conn ms', '1-conn p95', 'SQL ms', 'stmts', 'HTTP/SQL'];
  const rows = results.map((r) => [
    r.name,
    String(r.load.connections),
    f(r.load.reqPerSec, 0),
    f(r.load.latencyMs.p50, 2),
    f(r.load.latencyMs.p95, 2),
    f(r.load.latencyMs.p99, 2),
    `${r.load.errors}/${r.load.non2xx}`,
    f(r.server.peakRssMb, 0),
    f(r.server.cpuPercent, 0),
    f(r.serial?.latencyMs.mean, 2),
    f(r.serial?.latencyMs.p95, 2),
    r.sql && 'meanMs' in r.sql ? f(r.sql.meanMs, 3) : r.sql ? 'error' : '–',
    r.sql && 'meanMs' in r.sql ? String(r.sql.statements) : '–',
    r.httpToSql === undefined ? '–' : `${f(r.httpToSql, 1)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

// ---- main -----------------------------------------------------------------------------------------

async function main() {
  const opts = parseOptions();
  const startedAt = new Date().toISOString();
  const endpoints = opts.only ? ENDPOINTS.filter((e) => opts.only!.includes(e.name)) : ENDPOINTS;
  if (endpoints.length === 0) throw new Error(`no endpoint matches --only ${opts.only?.join(',')}; known: ${ENDPOINTS.map((e) => e.name).join(', ')}`);

  if (opts.reuse && !opts.databaseUrl) throw new Error('--reuse needs --database-url (PGlite runs in a temporary directory)');
  const target: Target & { reused?: boolean } = opts.databaseUrl
    ? await postgresTarget(opts.databaseUrl, opts.keep, opts.dbName, opts.reuse)
    : await pgliteTarget(opts.keep);
  let server: ServerProcess | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await server?.stop().catch(() => {});
    await target.cleanup().catch((err: unknown) => console.error('cleanup:', err));
  };
  const abort = (why: string, code: number) => {
    console.error(`\n${why}: stopping`);
    setTimeout(() => process.exit(code), 15_000).unref(); // cleanup itself is bounded too
    void cleanup().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('SIGINT', 130));
  process.once('SIGTERM', () => abort('SIGTERM', 143));
  // Whatever happens, the run ends: a budget of every bounded step plus set-up time.
  // Seeding takes about 0.7 ms per vehicle file on PostgreSQL here (with its readings and timeline).
  const vehicles = opts.stores * (opts.vehiclesPerStore ?? DEFAULT_VEHICLES_PER_YEAR * opts.years);
  // Parts: ~40 movements per part (about 25 s per 10,000 parts on PostgreSQL here).
  const budgetS = opts.budgetS ?? endpoints.length * (opts.duration + opts.serial + 15) + 300 + opts.stores + Math.ceil(vehicles / 500) + Math.ceil((opts.stores * (opts.partsPerStore ?? 200)) / 200);
  const watchdog = setTimeout(() => abort(`the benchmark exceeded its ${budgetS} s budget`, 1), budgetS * 1000);
  watchdog.unref();

  try {
    console.log(`Database: ${target.label}`);
    const seed: SeedReport = target.reused
      ? await reusedDataSet(target.config)
      : (console.log(`Generating ${opts.stores} stores, ${vehicles.toLocaleString('en-US')} vehicles (seed ${opts.seed})…`),
        await seedDatabase(target.config, {
          stores: opts.stores,
          years: opts.years,
          seed: opts.seed,
          ...(opts.vehiclesPerStore === undefined ? {} : { vehiclesPerStore: opts.vehiclesPerStore }),
          ...(opts.partsPerStore === undefined ? {} : { partsPerStore: opts.partsPerStore }),
        }));
    console.log(
      `  ${seed.counts
        .filter((c) => c.rows > 0)
        .map((c) => `${c.table} ${c.rows}`)
        .join(', ')}\n  open+migrate ${f(seed.openMs / 1000, 2)} s, generate ${f(seed.generateMs / 1000, 2)} s, vacuum analyze ${f(seed.analyzeMs / 1000, 2)} s`,
    );
    const fixtures = await withRunner(target, sampleFixtures);

    mkdirSync(RESULTS, { recursive: true });
    const logPath = join(RESULTS, `server-${target.kind}.log`);
    server = await startServer({ cwd: ROOT, env: { ...target.env, NODE_ENV: 'production', LOG_LEVEL: opts.logLevel, WEB_DIST: '/nonexistent' }, logPath });
    const sampler = new ProcessSampler(server.pid);
    const idleRssMb = sampler.rssKb() / 1024;
    const bootMs = server.bootMs;
    console.log(`Server pid ${server.pid} at ${server.baseUrl}, healthy after ${f(server.bootMs / 1000, 2)} s, RSS ${f(idleRssMb, 0)} MB (log: ${logPath})`);

    const logins = new Map<string, Login>();
    for (const username of new Set(endpoints.map(accountOf))) logins.set(username, await signIn(server.baseUrl, username, fixtures));

    const results: EndpointResult[] = [];
    for (const endpoint of endpoints) {
      const login = logins.get(accountOf(endpoint))!;
      if (endpoint.prepare) await endpoint.prepare(server.baseUrl, login.ctx);
      const { headers, body, paths } = requestOf(endpoint, login);
      const probe = await fetch(server.baseUrl + paths[0], { method: endpoint.method, headers, body, signal: AbortSignal.timeout(10_000) });
      const probeBody = await probe.text();
      if (!probe.ok) console.warn(`  ! ${endpoint.name}: probe answered ${probe.status} ${probeBody.slice(0, 200)}`);
      const connections = endpoint.connections ?? opts.connections;
      process.stdout.write(`  ${endpoint.name.padEnd(14)} ${endpoint.method} ${pathLabel(paths)} `);
      const serial = opts.serial > 0 && !endpoint.measure ? await load(server.baseUrl, endpoint, login, 1, opts.serial) : undefined;
      sampler.start();
      const loaded = endpoint.measure ? measured(await endpoint.measure(server.baseUrl, login.cookie)) : await load(server.baseUrl, endpoint, login, connections, opts.duration);
      const usage = sampler.stop();
      if (endpoint.cleanup) await endpoint.cleanup(server.baseUrl, login.ctx);
      console.log(`${f(loaded.reqPerSec, 0)} req/s, p50 ${f(loaded.latencyMs.p50, 2)} ms`);
      results.push({
        name: endpoint.name,
        method: endpoint.method,
        path: pathLabel(paths),
        paths,
        as: login.ctx.username,
        note: endpoint.note,
        probe: { status: probe.status, ...(probe.ok ? {} : { body: probeBody.slice(0, 500) }) },
        serial,
        load: loaded,
        server: usage,
      });
    }
    await server.stop();
    server = undefined;

    console.log('Timing the same SQL directly…');
    const runner = await target.openRunner();
    try {
      for (const [i, endpoint] of endpoints.entries()) {
        const result = results[i]!;
        if (!endpoint.sql?.length && !endpoint.capture) continue;
        const login = logins.get(accountOf(endpoint))!;
        try {
          const requests = endpoint.capture ? await recordRequests(runner, endpoint, login.ctx, result.paths) : [endpoint.sql!];
          const statements = Math.round(requests.reduce((n, r) => n + r.length, 0) / requests.length);
          if (endpoint.replayable === false) {
            result.sql = { error: `not replayable (${statements} statements per request)` };
            continue;
          }
          const timed = await timeSql(runner, requests, login.ctx, opts.sqlRuns);
          result.sql = { ...timed, statements };
          const http = result.serial?.latencyMs.mean ?? result.load.latencyMs.p50;
          result.httpToSql = http / timed.meanMs;
        } catch (err) {
          result.sql = { error: err instanceof Error ? err.message : String(err) };
          console.warn(`  ! ${endpoint.name}: direct SQL failed: ${result.sql.error}`);
        }
      }
    } finally {
      await runner.close();
    }

    printTable(results);
    console.log(
      `\n${target.kind}, ${opts.stores} stores; load ${opts.duration} s per endpoint after a ${opts.serial} s single-connection run; ` +
        `RSS = server peak, CPU = server process (% of one core; ${cpus().length} cores shared with autocannon and the database); ` +
        `SQL = the endpoint's statements run directly over one connection (stmts: per request, BEGIN/COMMIT included; ` +
        `the session comes from the session cache); HTTP/SQL = 1-conn mean ÷ SQL.`,
    );
    for (const r of results.filter((r) => r.note)) console.log(`  ${r.name}: ${r.note}`);

    const report = {
      startedAt,
      finishedAt: new Date().toISOString(),
      database: target.kind,
      options: { ...opts, databaseUrl: opts.databaseUrl ? redact(opts.databaseUrl) : undefined },
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMb: Math.round(totalmem() / 2 ** 20) },
      seed: { openMs: seed.openMs, generateMs: seed.generateMs, analyzeMs: seed.analyzeMs, counts: seed.counts },
      server: { bootMs, idleRssMb },
      endpoints: results,
    };
    const json = JSON.stringify(report, null, 2);
    writeFileSync(join(RESULTS, 'latest.json'), json);
    writeFileSync(join(RESULTS, `latest-${target.kind}.json`), json);
    console.log(`\nWrote ${join('bench/results', 'latest.json')} and latest-${target.kind}.json`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
