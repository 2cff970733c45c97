import { sql, type SQL } from 'drizzle-orm';
import { CALL_OUTCOME_LABELS, CALL_OUTCOMES, LOSS_REASON_LABELS, LOSS_REASONS, type CallOutcome, type LossReason, type RecallTasksResult } from '#contracts/care';
import { monthPeriod, monthsEndingWith, type BaseReport } from '#contracts/kpis';
import { StoreSettingsSchema } from '#contracts/settings';
import { inStore } from '../../db/scope';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { createRecallTasks } from '../care';
import { baseByMonth } from './base-months';
import { boundsCte } from './kpis.sql';
import type { KpiScope } from './kpis.service';

/**
 * Customer base and loss (基盘与流失, SPEC §11), month by month (closed months from their month-end
 * snapshots, see `baseByMonth`):
 * - files (档案客户): vehicle files created by the month's end and not merged away;
 * - base (基盘客户): vehicles with a (non-cancelled) visit within the base window up to the month's end;
 * - the month's loss cohort: vehicles that visited in it; lost = no visit from the month's end for
 *   the loss window — null while that window is not over yet (the cohort is still open);
 * - the recall calls (招揽回访) of all the months: loss reasons, destinations and outcomes
 *   (`recallFigures`).
 */
export async function baseReport(tx: Executor, scope: KpiScope, endMonth: string, count: number, now = new Date()): Promise<BaseReport> {
  const months = monthsEndingWith(endMonth, count);
  const byMonth = await baseByMonth(tx, scope, months, now);
  const settings = await queryRows<{ base: number; lost: number }>(
    tx,
    sql`SELECT max(COALESCE((settings->>'baseCustomerMonths')::int, ${StoreSettingsSchema.parse({}).baseCustomerMonths}))::int AS base,
               max(COALESCE((settings->>'lostCustomerMonths')::int, ${StoreSettingsSchema.parse({}).lostCustomerMonths}))::int AS lost
          FROM stores WHERE id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  const recall = await recallFigures(tx, scope.storeIds, months[0]!, months[months.length - 1]!);
  return {
    baseMonths: Number(settings[0]?.base ?? 12),
    lostMonths: Number(settings[0]?.lost ?? 6),
    months: months.map((month) => {
      const { files, base, visited, lost } = byMonth.get(month)!;
      return { month, files, base, visited, lost, lossRate: lost === null || visited === 0 ? null : lost / visited };
    }),
    ...recall,
  };
}

/** How many destinations the report lists (the most frequent). */
const TOP_DESTINATIONS = 10;

/**
 * Recall calls (task kind `recall`, the care module's records) made from the first month's start to
 * the last month's end, each store in its own zone: reached calls per loss reason, their 去向
 * (trimmed free text, most frequent first), and every attempt per outcome. All null when no recall
 * call was made at all in the months (the screens say "no data"); otherwise lists, possibly empty.
 */
async function recallFigures(tx: Executor, storeIds: number[], firstMonth: string, lastMonth: string): Promise<Pick<BaseReport, 'lossReasons' | 'lossDestinations' | 'recallOutcomes'>> {
  const cte = boundsCte(storeIds, [{ key: 'recall', from: monthPeriod(firstMonth).from, to: monthPeriod(lastMonth).to }]);
  const rows = await queryRows<{ kind: 'outcome' | 'reason' | 'destination'; key: string; n: number }>(
    tx,
    sql`WITH ${cte}, c AS MATERIALIZED (
          SELECT c.outcome, c.loss_reason, nullif(trim(c.loss_destination), '') AS destination
            FROM b JOIN care_calls c ON c.store_id = b.store_id AND c.called_at >= b.t0 AND c.called_at < b.t1
           WHERE c.task_kind = 'recall')
        SELECT 'outcome' AS kind, outcome AS key, count(*)::int AS n FROM c GROUP BY outcome
        UNION ALL
        SELECT 'reason', loss_reason, count(*)::int FROM c WHERE outcome = 'reached' AND loss_reason IS NOT NULL GROUP BY loss_reason
        UNION ALL
        SELECT 'destination', destination, count(*)::int FROM c WHERE outcome = 'reached' AND loss_reason IS NOT NULL AND destination IS NOT NULL GROUP BY destination`,
  );
  const outcomes = rows.filter((r) => r.kind === 'outcome');
  if (outcomes.length === 0) return { lossReasons: null, lossDestinations: null, recallOutcomes: null };
  const order = (keys: readonly string[], key: string) => keys.indexOf(key);
  return {
    lossReasons: rows
      .filter((r) => r.kind === 'reason')
      .map((r) => ({ key: r.key, label: LOSS_REASON_LABELS[r.key as LossReason]?.zh ?? r.key, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || order(LOSS_REASONS, a.key) - order(LOSS_REASONS, b.key)),
    lossDestinations: rows
      .filter((r) => r.kind === 'destination')
      .map((r) => ({ destination: r.key, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || a.destination.localeCompare(b.destination, 'zh'))
      .slice(0, TOP_DESTINATIONS),
    recallOutcomes: outcomes
      .map((r) => ({ key: r.key, label: CALL_OUTCOME_LABELS[r.key as CallOutcome]?.zh ?? r.key, count: Number(r.n) }))
      .sort((a, b) => order(CALL_OUTCOMES, a.key) - order(CALL_OUTCOMES, b.key)),
  };
}

export interface VehiclePage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * The loss cohort of `month` as CTEs `b` (bounds) and `v`: every vehicle that visited in the month
 * (a non-cancelled RO opened in it), with its last RO of the month; `t1` = the month's end and
 * `lost_t1` = the end of the loss window, per store.
 */
function cohortCte(storeIds: number[], month: string): SQL {
  const cte = boundsCte(storeIds, [{ key: month, ...monthPeriod(month) }]);
  return sql`${cte}, v AS (
          SELECT DISTINCT ON (b.store_id, ro.vehicle_id) b.store_id, b.t1, b.lost_t1, ro.vehicle_id, ro.plate, ro.model_name, ro.opened_at AS last_at, ro.id AS last_ro_id, ro.number AS last_ro_number,
                 ro.customer_id, ro.customer_name, ro.advisor_id, ro.advisor_name
            FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'
           ORDER BY b.store_id, ro.vehicle_id, ro.opened_at DESC)`;
}

/** The lost vehicles of cohort month `month` (visited in it, not back within the loss window), last visit first. */
export async function lostCohort(tx: Executor, scope: KpiScope, month: string, page: number, pageSize: number) {
  const rows = await queryRows<{ store_id: number; store_name: string; vehicle_id: number; plate: string | null; model_name: string; last_at: Date | string; last_ro_id: number; last_ro_number: string; total: number }>(
    tx,
    sql`WITH ${cohortCte(scope.storeIds, month)}
        SELECT v.store_id, s.name AS store_name, v.vehicle_id, v.plate, v.model_name, v.last_at, v.last_ro_id, v.last_ro_number, count(*) OVER ()::int AS total
          FROM v JOIN stores s ON s.id = v.store_id
         WHERE NOT EXISTS (SELECT 1 FROM repair_orders n WHERE n.store_id = v.store_id AND n.vehicle_id = v.vehicle_id AND n.state <> 'cancelled' AND n.opened_at >= v.t1 AND n.opened_at < v.lost_t1)
         ORDER BY v.last_at DESC, v.vehicle_id
         LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return {
    items: rows.map((r) => ({
      storeId: Number(r.store_id),
      storeName: r.store_name,
      vehicleId: Number(r.vehicle_id),
      plate: r.plate,
      modelName: r.model_name,
      lastVisitAt: new Date(r.last_at).toISOString(),
      lastRoId: Number(r.last_ro_id),
      lastRoNumber: r.last_ro_number,
    })),
    total: Number(rows[0]?.total ?? 0),
    page,
    pageSize,
  };
}

/**
 * The recall candidates of a store's cohort `month`, as the care module's task feed (ro_id = the
 * last visit, vehicle_id, customer_id, advisor_id, advisor_name, plate, customer_name, ro_number, at):
 * the lost vehicles of the cohort that have not come back since at all (a vehicle lost in March
 * but back in December needs no recall call).
 */
function recallFeed(storeId: number, month: string): SQL {
  return sql`WITH ${cohortCte([storeId], month)}
    SELECT v.last_ro_id AS ro_id, v.vehicle_id, v.customer_id, v.advisor_id, v.advisor_name, v.plate, v.customer_name, v.last_ro_number AS ro_number, v.last_at AS at
      FROM v
     WHERE v.vehicle_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM repair_orders n WHERE n.store_id = v.store_id AND n.vehicle_id = v.vehicle_id AND n.state <> 'cancelled' AND n.opened_at >= v.t1)`;
}

/**
 * Recall tasks for the lost vehicles of a store's cohort `month`, once per vehicle however often it
 * is asked (care's `createRecallTasks`). Only a closed cohort has lost vehicles: while its loss
 * window runs (in the store's zone, with its configured months), the month answers 400.
 */
export async function createCohortRecallTasks(tx: Executor, storeId: number, month: string, now: Date): Promise<RecallTasksResult> {
  const [bounds] = await queryRows<{ lost_t1: Date | string; last_day: string }>(
    tx,
    sql`WITH ${boundsCte([storeId], [{ key: month, ...monthPeriod(month) }])}
        SELECT b.lost_t1, ((b.lost_t1 - interval '1 second') AT TIME ZONE b.tz)::date::text AS last_day FROM b`,
  );
  if (!bounds || new Date(bounds.lost_t1).getTime() > now.getTime()) {
    const until = bounds?.last_day ?? '';
    throw invalidField('month', { zh: `${month} 的流失观察期到 ${until} 才结束，尚无流失车辆`, en: `The loss window of ${month} runs until ${until}: no vehicle is lost yet` });
  }
  return createRecallTasks(tx, storeId, month, recallFeed(storeId, month), now);
}

/** 生成招揽回访任务 (SPEC §11) in the session's store; audited. */
export function recallLostCohort(ctx: Ctx, month: string, now: Date): Promise<RecallTasksResult> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const result = await createCohortRecallTasks(tx, ctx.storeId, month, now);
    await writeAudit(ctx, tx, { action: 'care_task.recall_created', entity: 'care_task', after: result });
    return result;
  });
}

/**
 * Cars of our own sales (sold_by_us) bought at least `soldDaysAgo` days ago that never came back for
 * anything but their pre-delivery inspection (SPEC §11: "a separate, important list").
 */
export async function neverBack(tx: Executor, scope: KpiScope, opts: { soldDaysAgo: number; page: number; pageSize: number }, now = new Date()) {
  const rows = await queryRows<{ store_id: number; store_name: string; vehicle_id: number; plate: string | null; vin: string | null; model_name: string | null; purchase_date: string | null; owner_name: string | null; total: number }>(
    tx,
    sql`SELECT v.store_id, s.name AS store_name, v.id AS vehicle_id, v.plate, v.vin,
               COALESCE(NULLIF(trim(concat_ws(' ', m.brand, m.series, m.model)), ''), '') AS model_name,
               v.purchase_date::text AS purchase_date, c.name AS owner_name, count(*) OVER ()::int AS total
          FROM vehicles v
          JOIN stores s ON s.id = v.store_id
          LEFT JOIN vehicle_models m ON m.id = v.vehicle_model_id
          LEFT JOIN customers c ON c.store_id = v.store_id AND c.id = v.owner_id
         WHERE v.store_id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})
           AND v.sold_by_us AND v.merged_into_id IS NULL
           AND (v.purchase_date IS NULL OR v.purchase_date <= ((${now.toISOString()}::timestamptz AT TIME ZONE s.time_zone)::date - ${opts.soldDaysAgo}::int))
           AND NOT EXISTS (SELECT 1 FROM repair_orders ro WHERE ro.store_id = v.store_id AND ro.vehicle_id = v.id AND ro.state <> 'cancelled' AND ro.type <> 'pds')
         ORDER BY v.purchase_date NULLS LAST, v.id
         LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`,
  );
  return {
    items: rows.map((r) => ({
      storeId: Number(r.store_id),
      storeName: r.store_name,
      vehicleId: Number(r.vehicle_id),
      plate: r.plate,
      vin: r.vin,
      modelName: r.model_name ?? '',
      purchaseDate: r.purchase_date,
      ownerName: r.owner_name ?? '',
    })),
    total: Number(rows[0]?.total ?? 0),
    page: opts.page,
    pageSize: opts.pageSize,
  };
}
