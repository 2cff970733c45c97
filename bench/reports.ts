/**
 * Reports benchmark (issue 8): `tsx bench/reports.ts [--database-url URL] [--stores 50] [--ros 1500000]`
 *
 * - With --database-url (a PostgreSQL admin URL on this machine): creates `aftersales_bench_reports`
 *   (dropped first; --reuse keeps an existing one), migrates it, fills it set-based (generate_series)
 *   with a dealer group of --stores stores and --ros repair orders over two years (vehicles, live
 *   settlements with per-payer totals, a reversed one now and then, QC transitions with some fails,
 *   comebacks, cancellations), VACUUM ANALYZEs it, then times the group's figures through the app
 *   role (row-level security on, the scope the server uses): the 12-month KPI trend (target < 3 s),
 *   the month's KPI cards with previous period and last year, the base/loss report and a drill page.
 * - Without it: PGlite at demo scale (the demo generator: 3 stores, 2 years) and every request the
 *   dashboard makes, for a store and for the group (target < 500 ms each).
 *
 * Prints a table and writes bench/results/reports-<kind>.json. Runs are bounded (--runs, default 5).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { monthPeriod, monthsEndingWith, shiftMonth } from '#contracts/kpis';
import { openDatabase } from '../server/src/db/open';
import { queryRows } from '../server/src/db/rows';
import { asSystem, inStore } from '../server/src/db/scope';
import type { Database, Executor } from '../server/src/db/types';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import type { Ctx } from '../server/src/platform/context';
import { buildMonthlyReport } from '../server/src/modules/reports/monthly/monthly.service';
import { seedDemo } from '../server/src/demo';
import { baseReport, businessStatistics, computeKpisForPeriods, freezeDueMonths, kpiDrill, kpiReport, kpiTrend, TREND_CODES, type KpiScope } from '../server/src/modules/reports';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DB_NAME = 'aftersales_bench_reports';

interface Row {
  name: string;
  runs: number;
  medianMs: number;
  maxMs: number;
  targetMs: number;
}

async function time(name: string, runs: number, targetMs: number, fn: () => Promise<unknown>): Promise<Row> {
  await fn(); // warm-up (plans, caches)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const row = { name, runs, medianMs: Math.round(samples[Math.floor(samples.length / 2)]!), maxMs: Math.round(samples.at(-1)!), targetMs };
  console.log(`  ${name.padEnd(44)} median ${String(row.medianMs).padStart(6)} ms   max ${String(row.maxMs).padStart(6)} ms   ${targetMs === Number.POSITIVE_INFINITY ? '' : `${row.maxMs < targetMs ? 'ok' : 'OVER'} (< ${targetMs} ms)`}`);
  return row;
}

const lastMonth = () => shiftMonth(new Date().toISOString().slice(0, 7), -1);

/** The dashboard's requests for a scope, as the routes call them. */
async function measure(db: Executor, scope: KpiScope, runs: number, targetMs: number, label: string): Promise<Row[]> {
  const run = <T>(fn: (tx: Executor) => Promise<T>) => (scope.kind === 'store' ? inStore(db, scope.storeIds[0]!, fn) : asSystem(db, fn));
  const month = lastMonth();
  const period = monthPeriod(month);
  const rows: Row[] = [];
  rows.push(await time(`${label} kpi trend, 12 months`, runs, targetMs, () => run((tx) => kpiTrend(tx, scope, month, 12))));
  rows.push(await time(`${label} kpi cards (month, prev, last year)`, runs, targetMs, () => run((tx) => kpiReport(tx, scope, period))));
  rows.push(await time(`${label} drill first-time fix (all)`, runs, targetMs, () => run((tx) => kpiDrill(tx, 'first_time_fix_rate', scope, period, { side: 'all', page: 1, pageSize: 20 }))));
  rows.push(await time(`${label} statistics (month)`, runs, targetMs, () => run((tx) => businessStatistics(tx, scope, 'month', period))));
  rows.push(await time(`${label} base and loss, 18 months`, runs, targetMs, () => run((tx) => baseReport(tx, scope, month, 18))));
  if (scope.kind === 'store') {
    // Issue 8: one store's monthly report under 1 s (each report is one request of the browser).
    const ctx = await storeCtx(db, scope.storeIds[0]!);
    for (const kind of ['manager', 'customer_service'] as const) {
      rows.push(await time(`${label} monthly report (${kind})`, runs, 1000, () => buildMonthlyReport(ctx, kind, month, 'zh')));
    }
  }
  return rows;
}

/** A request context of the store's after-sales manager, as the route would build it (no session needed here). */
async function storeCtx(db: Executor, storeId: number): Promise<Ctx> {
  const [store] = await asSystem(db, (tx) => queryRows<{ time_zone: string }>(tx, sql`SELECT time_zone FROM stores WHERE id = ${storeId}`));
  const role = 'after_sales_manager' as const;
  const actor = { userId: 0, username: 'bench', displayName: '基准', sessionId: 'bench', storeId, timeZone: store!.time_zone, role, groupRole: null, permissions: new Set(ROLE_PERMISSIONS[role]) };
  return { actor, storeId, timeZone: store!.time_zone, db, ip: '127.0.0.1' };
}

async function storesOf(db: Executor): Promise<number[]> {
  const rows = await asSystem(db, (tx) => queryRows<{ id: number }>(tx, sql`SELECT id FROM stores ORDER BY id`));
  return rows.map((r) => Number(r.id));
}

/** The PostgreSQL data set: set-based inserts per store (bounded memory, progress on the console). */
async function fill(admin: pg.Client, stores: number, ros: number): Promise<void> {
  const perStore = Math.ceil(ros / stores);
  const vehiclesPerStore = Math.max(100, Math.round(perStore / 5));
  const t0 = performance.now();
  await admin.query(`INSERT INTO dealer_groups (name) VALUES ('基准集团')`);
  await admin.query(
    `INSERT INTO stores (group_id, code, name, time_zone, labour_rates, opening_hours)
     SELECT (SELECT max(id) FROM dealer_groups), 'B' || g, '基准门店 ' || g, 'Asia/Shanghai', '{"mechanical":24000}'::jsonb, '{"opens":"08:30","closes":"18:00"}'::jsonb
       FROM generate_series(1, $1) g`,
    [stores],
  );
  const { rows: storeRows } = await admin.query<{ id: number }>('SELECT id FROM stores ORDER BY id');
  for (const [n, { id }] of storeRows.entries()) {
    await admin.query('BEGIN');
    await admin.query(
      `INSERT INTO vehicles (store_id, vin, plate, sold_by_us, purchase_date, created_at)
       SELECT $1::int, 'LBV' || lpad(($1::int * 1000000::bigint + g)::text, 14, '0'), '川A' || lpad(g::text, 5, '0'), g % 3 = 0, (now() - (g % 900) * interval '1 day')::date, now() - interval '3 years'
         FROM generate_series(1, $2) g`,
      [id, vehiclesPerStore],
    );
    // ROs over two years: 1% cancelled, the last two days still open, the rest delivered and settled.
    await admin.query(
      `WITH v AS (SELECT min(id) AS v0 FROM vehicles WHERE store_id = $1)
       INSERT INTO repair_orders (store_id, number, type, state, vehicle_id, brought_by_name, odometer_km, fuel_level, opened_at, promised_at, ready_at, settled_at, delivered_at, cancelled_at, total_fen)
       SELECT $1, 'RO' || g, t.type,
              CASE WHEN g % 100 = 0 THEN 'cancelled' WHEN o.at > now() - interval '2 days' THEN 'open' ELSE 'delivered' END,
              v.v0 + (g * 7919) % $3, '张三', 10000 + g % 90000, 'half',
              o.at, o.at + interval '6 hours',
              CASE WHEN g % 100 <> 0 AND o.at <= now() - interval '2 days' THEN o.at + (2 + g % 30) * interval '1 hour' END,
              CASE WHEN g % 100 <> 0 AND o.at <= now() - interval '2 days' THEN o.at + (3 + g % 30) * interval '1 hour' END,
              CASE WHEN g % 100 <> 0 AND o.at <= now() - interval '2 days' THEN o.at + (4 + g % 40) * interval '1 hour' END,
              CASE WHEN g % 100 = 0 THEN o.at + interval '1 hour' END,
              20000 + (g * 37) % 200000
         FROM generate_series(1, $2) g CROSS JOIN v
        CROSS JOIN LATERAL (SELECT now() - ((g::bigint * 104729) % 1051200) * interval '1 minute' AS at) o
        CROSS JOIN LATERAL (SELECT (ARRAY['periodic_maintenance','periodic_maintenance','quick_service','quick_service','general_repair','general_repair','body_paint','warranty','first_service'])[1 + g % 9] AS type) t`,
      [id, perStore, vehiclesPerStore],
    );
    await admin.query(
      `INSERT INTO settlements (store_id, ro_id, number, totals, labour_fen, parts_fen, discount_fen, total_fen, gate_pass_number, settled_at)
       SELECT ro.store_id, ro.id, 'JS' || ro.id, jsonb_build_object('labourFen', ro.total_fen / 2, 'partsFen', ro.total_fen - ro.total_fen / 2, 'discountFen', 0, 'totalFen', ro.total_fen,
                'byPayer', jsonb_build_array(jsonb_build_object('payer', p.payer, 'labourFen', ro.total_fen / 2, 'partsFen', ro.total_fen - ro.total_fen / 2, 'discountFen', 0, 'totalFen', ro.total_fen))),
              ro.total_fen / 2, ro.total_fen - ro.total_fen / 2, 0, ro.total_fen, 'CC' || ro.id, ro.settled_at
         FROM repair_orders ro
        CROSS JOIN LATERAL (SELECT CASE ro.type WHEN 'body_paint' THEN 'insurance' WHEN 'warranty' THEN 'warranty' WHEN 'first_service' THEN 'warranty' ELSE 'customer' END AS payer) p
        WHERE ro.store_id = $1 AND ro.settled_at IS NOT NULL`,
      [id],
    );
    await admin.query(
      `INSERT INTO repair_order_transitions (store_id, ro_id, action, from_state, to_state, at)
       SELECT ro.store_id, ro.id, 'submit_qc', 'in_progress', 'qc', ro.ready_at - interval '30 minutes' FROM repair_orders ro WHERE ro.store_id = $1 AND ro.ready_at IS NOT NULL
       UNION ALL
       SELECT ro.store_id, ro.id, 'qc_fail', 'qc', 'rework', ro.ready_at - interval '20 minutes' FROM repair_orders ro WHERE ro.store_id = $1 AND ro.ready_at IS NOT NULL AND ro.id % 31 = 0`,
      [id],
    );
    // About 2% of delivered ROs come back: a later RO of the store links to an earlier one.
    await admin.query(
      `INSERT INTO comebacks (store_id, ro_id, original_ro_id, reason)
       SELECT later.store_id, later.id, earlier.id, 'noise'
         FROM repair_orders later JOIN repair_orders earlier ON earlier.store_id = later.store_id AND earlier.id = later.id - 1
        WHERE later.store_id = $1 AND later.id % 50 = 0 AND earlier.state = 'delivered'`,
      [id],
    );
    await admin.query('COMMIT');
    if ((n + 1) % 5 === 0 || n + 1 === storeRows.length) console.log(`  filled ${n + 1}/${storeRows.length} stores (${Math.round((performance.now() - t0) / 1000)} s)`);
  }
  console.log('  VACUUM ANALYZE…');
  await admin.query('VACUUM ANALYZE');
  const { rows } = await admin.query<{ n: string }>('SELECT count(*)::text AS n FROM repair_orders');
  console.log(`  ${rows[0]!.n} repair orders in ${storeRows.length} stores (${Math.round((performance.now() - t0) / 1000)} s)`);
}

async function postgres(url: string, stores: number, ros: number, runs: number, reuse: boolean): Promise<Row[]> {
  const target = new URL(url);
  target.pathname = `/${DB_NAME}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])).rowCount === 1;
  if (!(reuse && exists)) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME}`);
    await admin.query(`CREATE DATABASE ${DB_NAME}`);
  }
  await admin.end();
  const database = await openDatabase({ kind: 'postgres', adminUrl: target.toString(), appRole: process.env.APP_DB_ROLE ?? 'aftersales_app', appPassword: process.env.APP_DB_PASSWORD }, { migrate: true });
  try {
    const owner = new pg.Client({ connectionString: target.toString() });
    await owner.connect();
    const { rows } = await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM repair_orders');
    if (Number(rows[0]!.n) === 0) await fill(owner, stores, ros);
    await owner.end();
    const ids = await storesOf(database.db);
    console.log(`\nPostgreSQL, ${ids.length} stores (app role, row-level security):`);
    // What the dashboard reads for a closed month is its month-end snapshot; the hourly job freezes
    // every finished month of the last two years that is not frozen yet (here: all of them, once).
    const t0 = performance.now();
    const frozen = await freezeDueMonths(database.db);
    console.log(`  month-end snapshots: ${frozen} values frozen by the job in ${Math.round(performance.now() - t0)} ms`);
    const group: KpiScope = { kind: 'group', storeIds: ids };
    const rowsOut = await measure(database.db, group, runs, 3000, 'group');
    // For comparison (no target): the same twelve months computed from the records, no snapshot.
    const months = monthsEndingWith(lastMonth(), 12).map((m) => ({ key: m, ...monthPeriod(m) }));
    rowsOut.push(await time('group kpi trend, 12 months, all live (info)', 1, Number.POSITIVE_INFINITY, () => asSystem(database.db, (tx) => computeKpisForPeriods(tx, group, months, TREND_CODES))));
    rowsOut.push(...(await measure(database.db, { kind: 'store', storeIds: [ids[0]!] }, runs, 500, 'store')));
    return rowsOut;
  } finally {
    await database.close();
  }
}

async function pglite(runs: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-bench-reports-'));
  let database: Database | null = null;
  try {
    database = await openDatabase({ kind: 'pglite', dataDir: join(dir, 'data') }, { migrate: true });
    console.log('  seeding the demo (3 stores, 2 years)…');
    const t0 = performance.now();
    await seedDemo(database, { stores: 3, years: 2, seed: 20261123 });
    console.log(`  seeded in ${Math.round((performance.now() - t0) / 1000)} s`);
    const ids = await storesOf(database.db);
    console.log('\nPGlite, demo scale:');
    const rows = await measure(database.db, { kind: 'store', storeIds: [ids[0]!] }, runs, 500, 'store');
    rows.push(...(await measure(database.db, { kind: 'group', storeIds: ids }, runs, 500, 'group')));
    return rows;
  } finally {
    await database?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'database-url': { type: 'string' },
      stores: { type: 'string', default: '50' },
      ros: { type: 'string', default: '1500000' },
      runs: { type: 'string', default: '5' },
      reuse: { type: 'boolean', default: false },
    },
  });
  const runs = Math.max(1, Math.min(50, Number(values.runs)));
  const url = values['database-url'] ?? process.env.BENCH_DATABASE_URL;
  const rows = url ? await postgres(url, Number(values.stores), Number(values.ros), runs, values.reuse ?? false) : await pglite(runs);
  const kind = url ? 'postgres' : 'pglite';
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/reports-${kind}.json`), JSON.stringify({ at: new Date().toISOString(), kind, rows }, null, 2));
  const over = rows.filter((r) => r.maxMs >= r.targetMs);
  console.log(over.length === 0 ? '\nall within target' : `\nover target: ${over.map((r) => r.name).join(', ')}`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
