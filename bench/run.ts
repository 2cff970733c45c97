/**
 * `npm run bench -- [--database-url URL] [--stores 3] [--connections 20] [--duration 5] …`
 *
 * 1. generates a data set with the demo generator into a fresh database: PGlite in a temporary
 *    directory, or, with --database-url (an admin URL on this machine), a database
 *    `aftersales_bench` it drops and creates;
 * 2. starts the server as a child process on a free loopback port (DEMO_SEED=false, same database);
 * 3. signs in the demo accounts the endpoints need and drives every endpoint of bench/endpoints.ts
 *    with autocannon: first one connection (unloaded latency, also the warm-up), then --connections
 *    for --duration seconds, sampling the server's RSS and CPU from /proc;
 * 4. stops the server and runs each endpoint's SQL directly (PGlite can only be opened once the
 *    server has let go of the directory; PostgreSQL as the app role, same RLS) for the floor;
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
import { openDatabase } from '../server/src/db/open';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../server/src/demo';
import { seedDatabase, type SeedReport } from '../server/src/demo/seed';
import { ENDPOINTS, type BenchContext, type BenchEndpoint, type BenchStatement } from './endpoints';
import { ProcessSampler, startServer, type ServerProcess } from './server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results');
const BENCH_DB = 'aftersales_bench';
const SESSION_COOKIE = 'as_sid';

const USAGE = `Usage: npm run bench -- [options]        (each option also reads BENCH_<NAME>, e.g. BENCH_STORES)
  --database-url URL   PostgreSQL admin URL on this machine; creates/drops database ${BENCH_DB}
                       (default: PGlite in a temporary directory)
  --stores N           stores to generate (default 3)
  --years Y            years of history to generate (default 2)
  --connections C      concurrent connections (default 20; an endpoint may set its own)
  --duration S         seconds of load per endpoint (default 5)
  --serial S           seconds of single-connection run per endpoint, before the load (default 2; 0 skips)
  --sql-runs N         timed direct-SQL runs per endpoint (default 200, at most 3 s)
  --only a,b           only these endpoints (names from bench/endpoints.ts)
  --log-level L        server log level (default warn)
  --keep               keep the database / data directory afterwards`;

interface Options {
  databaseUrl?: string;
  stores: number;
  years: number;
  seed: number;
  connections: number;
  duration: number;
  serial: number;
  sqlRuns: number;
  only?: string[];
  logLevel: string;
  keep: boolean;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      stores: { type: 'string' },
      years: { type: 'string' },
      seed: { type: 'string' },
      connections: { type: 'string' },
      duration: { type: 'string' },
      serial: { type: 'string' },
      'sql-runs': { type: 'string' },
      only: { type: 'string' },
      'log-level': { type: 'string' },
      keep: { type: 'boolean' },
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
  return {
    databaseUrl: value('database-url'),
    stores: int('stores', 3, 1, 2000),
    years: int('years', 2, 1, 20),
    seed: int('seed', 20261123, 1, 2 ** 32 - 1),
    connections: int('connections', 20, 1, 1000),
    duration: int('duration', 5, 1, 120),
    serial: int('serial', 2, 0, 60),
    sqlRuns: int('sql-runs', 200, 1, 100_000),
    only: only ? only.split(',').map((s) => s.trim()) : undefined,
    logLevel: value('log-level') ?? 'warn',
    keep: values.keep ?? ['1', 'true'].includes(env('keep') ?? ''),
  };
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
  close(): Promise<void>;
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
      const database = await openDatabase({ kind: 'pglite', dataDir });
      return { query: (text, params) => database.query(text, params), close: () => database.close() };
    },
    async cleanup() {
      if (keep) console.log(`kept ${dataDir}`);
      else rmSync(dir, { recursive: true, force: true });
    },
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]', '']);

async function postgresTarget(adminUrl: string, keep: boolean): Promise<Target> {
  const admin = new URL(adminUrl);
  if (!LOOPBACK.has(admin.hostname)) throw new Error(`the benchmark only runs against a database on this machine (got host ${admin.hostname})`);
  if (admin.pathname === `/${BENCH_DB}`) throw new Error(`give the admin URL of another database (e.g. /postgres); ${BENCH_DB} is dropped and re-created`);
  const adminQuery = async (text: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${BENCH_DB}`);
  const benchUrl = new URL(adminUrl);
  benchUrl.pathname = `/${BENCH_DB}`;
  const config = loadConfig({ DATABASE_URL: benchUrl.toString(), APP_DB_ROLE: process.env.APP_DB_ROLE, APP_DB_PASSWORD: process.env.APP_DB_PASSWORD });
  if (config.database.kind !== 'postgres') throw new Error('unreachable');
  const { appRole, appPassword } = config.database;
  return {
    kind: 'postgres',
    label: `PostgreSQL ${benchUrl.host}/${BENCH_DB}`,
    config: config.database,
    env: { ...baseEnv(), DATABASE_URL: benchUrl.toString() },
    async openRunner() {
      const appUrl = new URL(benchUrl);
      appUrl.username = appRole;
      appUrl.password = appPassword ?? '';
      const client = new pg.Client({ connectionString: appUrl.toString() });
      await client.connect();
      return { query: async (text, params) => (await client.query(text, params)).rows, close: () => client.end() };
    },
    async cleanup() {
      if (keep) console.log(`kept database ${BENCH_DB}`);
      else await adminQuery(`DROP DATABASE IF EXISTS ${BENCH_DB} WITH (FORCE)`);
    },
  };
}

// ---- sessions -------------------------------------------------------------------------------------

interface Login {
  ctx: BenchContext;
  cookie: string;
}

async function signIn(baseUrl: string, username: string): Promise<Login> {
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
  return { cookie: `${SESSION_COOKIE}=${token}`, ctx: { username, userId: me.user.id, storeId: me.store.id, sessionId } };
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

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function requestOf(endpoint: BenchEndpoint, login: Login) {
  const headers: Record<string, string> = {};
  if (!endpoint.anonymous) headers.cookie = login.cookie;
  const payload = typeof endpoint.body === 'function' ? (endpoint.body as (c: BenchContext) => unknown)(login.ctx) : endpoint.body;
  let body: string | undefined;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(payload);
  }
  return { headers, body };
}

function load(baseUrl: string, endpoint: BenchEndpoint, login: Login, connections: number, seconds: number): Promise<LoadResult> {
  const { headers, body } = requestOf(endpoint, login);
  const latencies: number[] = [];
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      { url: baseUrl + endpoint.path, method: endpoint.method, headers, body, connections, duration: seconds, timeout: 10 },
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

async function timeSql(runner: SqlRunner, statements: BenchStatement[], ctx: BenchContext, runs: number): Promise<{ meanMs: number; runs: number }> {
  const check = async () => {
    for (const s of statements) {
      const rows = await runner.query(s.text, s.params?.(ctx));
      if (s.minRows !== undefined && rows.length < s.minRows) {
        throw new Error(`expected at least ${s.minRows} rows, got ${rows.length}: ${s.text.slice(0, 120)}`);
      }
    }
  };
  try {
    await check();
  } catch (err) {
    await runner.query('rollback').catch(() => {});
    throw err;
  }
  const once = async () => {
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

// ---- output ---------------------------------------------------------------------------------------

interface EndpointResult {
  name: string;
  method: string;
  path: string;
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
  const header = ['endpoint', 'conns', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'err/non2xx', 'RSS MB', 'CPU %', '1-conn ms', 'SQL ms', 'HTTP/SQL'];
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
    r.sql && 'meanMs' in r.sql ? f(r.sql.meanMs, 3) : r.sql ? 'error' : '–',
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

  const target = opts.databaseUrl ? await postgresTarget(opts.databaseUrl, opts.keep) : await pgliteTarget(opts.keep);
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
  const budgetS = endpoints.length * (opts.duration + opts.serial + 15) + 300 + opts.stores;
  const watchdog = setTimeout(() => abort(`the benchmark exceeded its ${budgetS} s budget`, 1), budgetS * 1000);
  watchdog.unref();

  try {
    console.log(`Database: ${target.label}`);
    console.log(`Generating ${opts.stores} stores (seed ${opts.seed})…`);
    const seed: SeedReport = await seedDatabase(target.config, { stores: opts.stores, years: opts.years, seed: opts.seed });
    console.log(
      `  ${seed.counts
        .filter((c) => c.rows > 0)
        .map((c) => `${c.table} ${c.rows}`)
        .join(', ')}\n  open+migrate ${f(seed.openMs / 1000, 2)} s, generate ${f(seed.generateMs / 1000, 2)} s`,
    );

    mkdirSync(RESULTS, { recursive: true });
    const logPath = join(RESULTS, `server-${target.kind}.log`);
    server = await startServer({ cwd: ROOT, env: { ...target.env, NODE_ENV: 'production', LOG_LEVEL: opts.logLevel, WEB_DIST: '/nonexistent' }, logPath });
    const sampler = new ProcessSampler(server.pid);
    const idleRssMb = sampler.rssKb() / 1024;
    const bootMs = server.bootMs;
    console.log(`Server pid ${server.pid} at ${server.baseUrl}, healthy after ${f(server.bootMs / 1000, 2)} s, RSS ${f(idleRssMb, 0)} MB (log: ${logPath})`);

    const logins = new Map<string, Login>();
    for (const username of new Set(endpoints.map(accountOf))) logins.set(username, await signIn(server.baseUrl, username));

    const results: EndpointResult[] = [];
    for (const endpoint of endpoints) {
      const login = logins.get(accountOf(endpoint))!;
      const { headers, body } = requestOf(endpoint, login);
      const probe = await fetch(server.baseUrl + endpoint.path, { method: endpoint.method, headers, body, signal: AbortSignal.timeout(10_000) });
      const probeBody = await probe.text();
      if (!probe.ok) console.warn(`  ! ${endpoint.name}: probe answered ${probe.status} ${probeBody.slice(0, 200)}`);
      const connections = endpoint.connections ?? opts.connections;
      process.stdout.write(`  ${endpoint.name.padEnd(14)} ${endpoint.method} ${endpoint.path} `);
      const serial = opts.serial > 0 ? await load(server.baseUrl, endpoint, login, 1, opts.serial) : undefined;
      sampler.start();
      const loaded = await load(server.baseUrl, endpoint, login, connections, opts.duration);
      const usage = sampler.stop();
      console.log(`${f(loaded.reqPerSec, 0)} req/s, p50 ${f(loaded.latencyMs.p50, 2)} ms`);
      results.push({
        name: endpoint.name,
        method: endpoint.method,
        path: endpoint.path,
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
        if (!endpoint.sql?.length) continue;
        try {
          const timed = await timeSql(runner, endpoint.sql, logins.get(accountOf(endpoint))!.ctx, opts.sqlRuns);
          result.sql = { ...timed, statements: endpoint.sql.length };
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
        `SQL = the endpoint's statements run directly over one connection; HTTP/SQL = 1-conn mean ÷ SQL.`,
    );
    for (const r of results.filter((r) => r.note)) console.log(`  ${r.name}: ${r.note}`);

    const report = {
      startedAt,
      finishedAt: new Date().toISOString(),
      database: target.kind,
      options: { ...opts, databaseUrl: opts.databaseUrl ? redact(opts.databaseUrl) : undefined },
      machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, totalMemMb: Math.round(totalmem() / 2 ** 20) },
      seed: { openMs: seed.openMs, generateMs: seed.generateMs, counts: seed.counts },
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
