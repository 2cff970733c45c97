import { sql } from 'drizzle-orm';
import { monthPeriod, monthsEndingWith, type BaseReport } from '#contracts/kpis';
import { StoreSettingsSchema } from '#contracts/settings';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { boundsCte } from './kpis.sql';
import type { KpiScope } from './kpis.service';

/**
 * Customer base and loss (基盘与流失, SPEC §11), month by month, one statement for all months:
 * - files (档案客户): vehicle files created by the month's end and not merged away;
 * - base (基盘客户): vehicles with a (non-cancelled) visit within the base window up to the month's end;
 * - the month's loss cohort: vehicles that visited in it; lost = no visit from the month's end for
 *   the loss window — null while that window is not over yet (the cohort is still open).
 */
export async function baseReport(tx: Executor, scope: KpiScope, endMonth: string, count: number, now = new Date()): Promise<BaseReport> {
  const months = monthsEndingWith(endMonth, count);
  const cte = boundsCte(
    scope.storeIds,
    months.map((m) => ({ key: m, ...monthPeriod(m) })),
  );
  const rows = await queryRows<{ k: string; files: number; base: number; visited: number; lost: number; open_stores: number }>(
    tx,
    sql`WITH ${cte}
        SELECT b.k,
               sum((SELECT count(*) FROM vehicles v WHERE v.store_id = b.store_id AND v.created_at < b.t1 AND v.merged_into_id IS NULL))::int AS files,
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
  const byMonth = new Map(rows.map((r) => [r.k, r]));
  const settings = await queryRows<{ base: number; lost: number }>(
    tx,
    sql`SELECT max(COALESCE((settings->>'baseCustomerMonths')::int, ${StoreSettingsSchema.parse({}).baseCustomerMonths}))::int AS base,
               max(COALESCE((settings->>'lostCustomerMonths')::int, ${StoreSettingsSchema.parse({}).lostCustomerMonths}))::int AS lost
          FROM stores WHERE id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  return {
    baseMonths: Number(settings[0]?.base ?? 12),
    lostMonths: Number(settings[0]?.lost ?? 6),
    months: months.map((month) => {
      const r = byMonth.get(month);
      const visited = Number(r?.visited ?? 0);
      const open = Number(r?.open_stores ?? 0) > 0;
      const lost = open ? null : Number(r?.lost ?? 0);
      return { month, files: Number(r?.files ?? 0), base: Number(r?.base ?? 0), visited, lost, lossRate: lost === null || visited === 0 ? null : lost / visited };
    }),
    lossReasons: null,
  };
}

export interface VehiclePage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The lost vehicles of cohort month `month` (visited in it, not back within the loss window), last visit first. */
export async function lostCohort(tx: Executor, scope: KpiScope, month: string, page: number, pageSize: number) {
  const cte = boundsCte(scope.storeIds, [{ key: month, ...monthPeriod(month) }]);
  const rows = await queryRows<{ store_id: number; store_name: string; vehicle_id: number; plate: string | null; model_name: string; last_at: Date | string; last_ro_id: number; last_ro_number: string; total: number }>(
    tx,
    sql`WITH ${cte}, v AS (
          SELECT DISTINCT ON (b.store_id, ro.vehicle_id) b.store_id, b.t1, b.lost_t1, ro.vehicle_id, ro.plate, ro.model_name, ro.opened_at AS last_at, ro.id AS last_ro_id, ro.number AS last_ro_number
            FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'
           ORDER BY b.store_id, ro.vehicle_id, ro.opened_at DESC)
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
