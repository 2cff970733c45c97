import { sql } from 'drizzle-orm';
import { monthPeriod, shiftMonth } from '#contracts/kpis';
import { StoreSettingsSchema } from '#contracts/settings';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { currentMonth } from '../parts';
import { boundsCte } from './kpis.sql';
import type { KpiScope } from './kpis.service';

/** One month of SPEC §11's base and loss figures, summed over the scope's stores. */
export interface BaseMonthFigures {
  files: number;
  base: number;
  visited: number;
  /** Vehicles of the month's cohort not back within the loss window; null while the window is open. */
  lost: number | null;
}

const DEFAULTS = StoreSettingsSchema.parse({});

interface StoreWindows {
  id: number;
  lostMonths: number;
  /** The store's last finished local month (the latest a snapshot can exist for). */
  lastFinished: string;
}

type Snapshot = Map<string, { num: number; den: number | null }>;
const snapKey = (storeId: number, month: string, code: string) => `${storeId}|${month}|${code}`;

/**
 * Files, base, visited and lost of each month for the scope. A store-month closed by a month-end
 * snapshot is read from it, like the KPI trend (ADR 0010): the base is `base_customers`, the
 * visitors are the served vehicles of `return_rate`, and the cohort of month M is the one the
 * `loss_rate` of month M + the loss window judged. Months some store has no snapshot for are
 * computed from the records; files are always counted live (a cumulative count per month).
 */
export async function baseByMonth(tx: Executor, scope: KpiScope, months: string[], now: Date): Promise<Map<string, BaseMonthFigures>> {
  const stores = await storeWindows(tx, scope, now);
  const snapshots = await snapshotsOf(tx, scope, months, stores);
  const out = new Map<string, BaseMonthFigures>();
  const live: string[] = [];
  for (const month of months) {
    const figures = fromSnapshots(month, stores, snapshots);
    if (figures) out.set(month, figures);
    else live.push(month);
  }
  for (const [month, figures] of await liveFigures(tx, scope, live, now)) out.set(month, figures);
  for (const [month, files] of await filesByMonth(tx, scope, months)) out.get(month)!.files = files;
  return out;
}

async function storeWindows(tx: Executor, scope: KpiScope, now: Date): Promise<StoreWindows[]> {
  const rows = await queryRows<{ id: number; time_zone: string; lost_months: number }>(
    tx,
    sql`SELECT id, time_zone, COALESCE((settings->>'lostCustomerMonths')::int, ${DEFAULTS.lostCustomerMonths})::int AS lost_months
          FROM stores WHERE id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return rows.map((r) => ({ id: Number(r.id), lostMonths: Number(r.lost_months), lastFinished: shiftMonth(currentMonth(r.time_zone, now), -1) }));
}

async function snapshotsOf(tx: Executor, scope: KpiScope, months: string[], stores: StoreWindows[]): Promise<Snapshot> {
  const wanted = new Set(months);
  for (const s of stores) for (const m of months) wanted.add(shiftMonth(m, s.lostMonths));
  const rows = await queryRows<{ store_id: number; month: string; code: string; numerator: string | null; denominator: string | null }>(
    tx,
    sql`SELECT store_id, month, code, numerator::text, denominator::text FROM kpi_snapshots
         WHERE store_id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})
           AND month IN (${sql.join([...wanted].map((m) => sql`${m}`), sql`, `)})
           AND code IN ('base_customers', 'return_rate', 'loss_rate')`,
  );
  return new Map(rows.map((r) => [snapKey(Number(r.store_id), r.month, r.code), { num: Number(r.numerator ?? 0), den: r.denominator === null ? null : Number(r.denominator) }]));
}

/** The month from every store's snapshots, or null when one of them is missing. */
function fromSnapshots(month: string, stores: StoreWindows[], snapshots: Snapshot): BaseMonthFigures | null {
  let base = 0;
  let visited = 0;
  let lost: number | null = 0;
  for (const s of stores) {
    const b = snapshots.get(snapKey(s.id, month, 'base_customers'));
    const served = snapshots.get(snapKey(s.id, month, 'return_rate'));
    if (!b || !served) return null;
    base += b.num;
    visited += served.den ?? 0;
    const judged = shiftMonth(month, s.lostMonths);
    if (judged > s.lastFinished) lost = null;
    else {
      const l = snapshots.get(snapKey(s.id, judged, 'loss_rate'));
      if (!l) return null;
      if (lost !== null) lost += l.num;
    }
  }
  return { files: 0, base, visited, lost };
}

/** Base, visitors and lost of months from the records, one statement for all of them. */
async function liveFigures(tx: Executor, scope: KpiScope, months: string[], now: Date): Promise<Map<string, BaseMonthFigures>> {
  if (months.length === 0) return new Map();
  const cte = boundsCte(
    scope.storeIds,
    months.map((m) => ({ key: m, ...monthPeriod(m) })),
  );
  const rows = await queryRows<{ k: string; base: number; visited: number; lost: number; open_stores: number }>(
    tx,
    sql`WITH ${cte}
        SELECT b.k,
               sum((SELECT count(DISTINCT ro.vehicle_id) FROM repair_orders ro
                     WHERE ro.store_id = b.store_id AND ro.opened_at >= b.base_end_t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'))::int AS base,
               sum((SELECT count(DISTINCT ro.vehicle_id) FROM repair_orders ro
                     WHERE ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'))::int AS visited,
               sum((SELECT count(*) FROM (SELECT DISTINCT ro.vehicle_id FROM repair_orders ro
                                           WHERE ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled') v
                     WHERE NOT EXISTS (SELECT 1 FROM repair_orders n WHERE n.store_id = b.store_id AND n.vehicle_id = v.vehicle_id AND n.state <> 'cancelled'
                                          AND n.opened_at >= b.t1 AND n.opened_at < b.lost_t1)))::int AS lost,
               count(*) FILTER (WHERE b.lost_t1 > ${now.toISOString()}::timestamptz)::int AS open_stores
          FROM b GROUP BY b.k`,
  );
  return new Map(
    rows.map((r) => [r.k, { files: 0, base: Number(r.base), visited: Number(r.visited), lost: Number(r.open_stores) > 0 ? null : Number(r.lost) }]),
  );
}

/**
 * Vehicle files on record at each month's end (created by then, not merged away): the files before
 * the first month once per store, then each month's new files, summed up month by month.
 */
async function filesByMonth(tx: Executor, scope: KpiScope, months: string[]): Promise<Map<string, number>> {
  if (months.length === 0) return new Map();
  const cte = boundsCte(
    scope.storeIds,
    months.map((m) => ({ key: m, ...monthPeriod(m) })),
  );
  const rows = await queryRows<{ k: string; files: string }>(
    tx,
    sql`WITH ${cte},
        first AS (SELECT store_id, min(t0) AS t0 FROM b GROUP BY store_id),
        before AS (SELECT f.store_id, (SELECT count(*) FROM vehicles v WHERE v.store_id = f.store_id AND v.created_at < f.t0 AND v.merged_into_id IS NULL) AS n FROM first f),
        created AS (SELECT b.k, b.store_id, (SELECT count(*) FROM vehicles v WHERE v.store_id = b.store_id AND v.created_at >= b.t0 AND v.created_at < b.t1 AND v.merged_into_id IS NULL) AS n FROM b)
        SELECT c.k, (sum(c.n) OVER (PARTITION BY c.store_id ORDER BY c.k) + p.n)::text AS files
          FROM created c JOIN before p ON p.store_id = c.store_id`,
  );
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.k, (out.get(r.k) ?? 0) + Number(r.files));
  return out;
}
