import { sql, type SQL } from 'drizzle-orm';
import type { KpiCode, KpiDrillPage, KpiDrillRow, Period } from '#contracts/kpis';
import type { RoType } from '#contracts/repair-orders';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { boundsCte } from './kpis.sql';
import type { KpiScope } from './kpis.service';

/**
 * The records behind a figure (UX: "why did first-time fix drop this month?" in three clicks). Each
 * KPI's drill is the same predicate as its computation in kpis.sql.ts, listing rows instead of
 * counting them: `focus` lists what makes the figure (comebacks, late deliveries, reworked ROs, lost
 * vehicles, settlements…), `all` the whole base it is divided by.
 */
interface DrillSql {
  /** SELECT returning the drill columns, with `b` (the period bounds per store) in scope. */
  focus: SQL;
  all?: SQL;
}

/** The internal-rework predicate of kpis.sql.ts (ADR 0007) on an RO `q.ro_id` of store `b.store_id`. */
const REWORKED = sql`(EXISTS (SELECT 1 FROM qc_inspections i WHERE i.store_id = b.store_id AND i.ro_id = q.ro_id AND NOT i.passed AND i.level IN ('team', 'final'))
  OR EXISTS (SELECT 1 FROM repair_order_transitions t WHERE t.store_id = b.store_id AND t.ro_id = q.ro_id AND t.action IN ('qc_fail', 'return_to_workshop')))`;

const RO_COLUMNS = sql`b.store_id, ro.id AS ro_id, ro.number AS ro_number, ro.vehicle_id, ro.plate, ro.type AS ro_type`;

function drillSql(code: KpiCode): DrillSql | null {
  const opened = (extra: SQL) =>
    sql`SELECT ${RO_COLUMNS}, ro.opened_at AS at, ro.total_fen AS amount_fen, '' AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
          FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled' ${extra}`;
  const settled = sql`SELECT ${RO_COLUMNS}, st.settled_at AS at, st.total_fen AS amount_fen, st.number AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
          FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
          JOIN repair_orders ro ON ro.store_id = st.store_id AND ro.id = st.ro_id`;
  const delivered = (extra: SQL, detail: SQL = sql`''`) =>
    sql`SELECT ${RO_COLUMNS}, ro.delivered_at AS at, ro.total_fen AS amount_fen, ${detail} AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
          FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.delivered_at >= b.t0 AND ro.delivered_at < b.t1 ${extra}`;
  const vehicles = (from: SQL, to: SQL, extra: SQL) =>
    sql`SELECT b.store_id, NULL::int AS ro_id, NULL::text AS ro_number, v.vehicle_id, v.plate, NULL::text AS ro_type, v.last_at AS at, NULL::bigint AS amount_fen, '' AS detail,
               v.last_ro_id AS linked_ro_id, v.last_ro_number AS linked_ro_number
          FROM b JOIN LATERAL (
            SELECT DISTINCT ON (ro.vehicle_id) ro.vehicle_id, ro.plate, ro.opened_at AS last_at, ro.id AS last_ro_id, ro.number AS last_ro_number
              FROM repair_orders ro WHERE ro.store_id = b.store_id AND ro.opened_at >= ${from} AND ro.opened_at < ${to} AND ro.state <> 'cancelled'
             ORDER BY ro.vehicle_id, ro.opened_at DESC) v ON true
         WHERE true ${extra}`;
  switch (code) {
    case 'revenue':
    case 'revenue_per_ro':
      return { focus: settled };
    case 'ro_count':
      return { focus: opened(sql``) };
    case 'quick_service_share':
      return { focus: opened(sql`AND ro.type = 'quick_service'`), all: opened(sql``) };
    case 'appointment_rate':
      return { focus: opened(sql`AND ro.appointment_id IS NOT NULL`), all: opened(sql``) };
    case 'avg_lead_time':
      return {
        focus: sql`SELECT ${RO_COLUMNS}, ro.ready_at AS at, ro.total_fen AS amount_fen,
                          to_char(EXTRACT(epoch FROM ro.ready_at - ro.opened_at) / 3600.0, 'FM999990.0') AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
                     FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.ready_at >= b.t0 AND ro.ready_at < b.t1 AND ro.state <> 'cancelled'`,
      };
    case 'on_time_delivery_rate':
      return {
        focus: delivered(sql`AND ro.promised_at IS NOT NULL AND ro.delivered_at > ro.promised_at`, sql`to_char(EXTRACT(epoch FROM ro.delivered_at - ro.promised_at) / 3600.0, 'FM999990.0')`),
        all: delivered(sql`AND ro.promised_at IS NOT NULL`),
      };
    case 'first_time_fix_rate':
      // The comebacks: the original RO (delivered in the period) with the comeback RO linked to it.
      return {
        focus: sql`SELECT ${RO_COLUMNS}, ro.delivered_at AS at, ro.total_fen AS amount_fen, c.reason AS detail, cr.id AS linked_ro_id, cr.number AS linked_ro_number
                     FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.delivered_at >= b.t0 AND ro.delivered_at < b.t1
                     JOIN comebacks c ON c.store_id = ro.store_id AND c.original_ro_id = ro.id
                     JOIN repair_orders cr ON cr.store_id = c.store_id AND cr.id = c.ro_id AND cr.state <> 'cancelled'`,
        all: delivered(sql``),
      };
    case 'internal_rework_rate': {
      const qc = (reworked: boolean) =>
        sql`SELECT ${RO_COLUMNS}, q.at AS at, ro.total_fen AS amount_fen, '' AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
              FROM b JOIN LATERAL (SELECT t.ro_id, min(t.at) AS at FROM repair_order_transitions t
                                    WHERE t.store_id = b.store_id AND t.action = 'submit_qc' AND t.at >= b.t0 AND t.at < b.t1 GROUP BY t.ro_id) q ON true
              JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.id = q.ro_id
             ${reworked ? sql`WHERE ${REWORKED}` : sql``}`;
      return { focus: qc(true), all: qc(false) };
    }
    case 'complaint_rate':
      return {
        focus: sql`SELECT b.store_id, c.ro_id, ro.number AS ro_number, c.vehicle_id, ro.plate, ro.type AS ro_type, c.created_at AS at, NULL::bigint AS amount_fen,
                          c.number || ' ' || c.category AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
                     FROM b JOIN complaints c ON c.store_id = b.store_id AND c.created_at >= b.t0 AND c.created_at < b.t1
                     LEFT JOIN repair_orders ro ON ro.store_id = c.store_id AND ro.id = c.ro_id`,
        all: delivered(sql``),
      };
    case 'callback_satisfaction': {
      const calls = (unsatisfied: boolean) =>
        sql`SELECT b.store_id, c.ro_id, ro.number AS ro_number, c.vehicle_id, ro.plate, ro.type AS ro_type, c.called_at AS at, NULL::bigint AS amount_fen,
                   c.overall_score::text AS detail, NULL::int AS linked_ro_id, NULL::text AS linked_ro_number
              FROM b JOIN care_calls c ON c.store_id = b.store_id AND c.called_at >= b.t0 AND c.called_at < b.t1
               AND c.task_kind = 'satisfaction' AND c.outcome = 'reached' AND c.overall_score IS NOT NULL ${unsatisfied ? sql`AND c.overall_score < 4` : sql``}
              LEFT JOIN repair_orders ro ON ro.store_id = c.store_id AND ro.id = c.ro_id`;
      return { focus: calls(true), all: calls(false) };
    }
    case 'base_customers':
      return { focus: vehicles(sql`b.base_end_t0`, sql`b.t1`, sql``) };
    case 'return_rate':
      return {
        focus: vehicles(
          sql`b.t0`,
          sql`b.t1`,
          sql`AND EXISTS (SELECT 1 FROM repair_orders p WHERE p.store_id = b.store_id AND p.vehicle_id = v.vehicle_id AND p.state <> 'cancelled' AND p.opened_at >= b.base_t0 AND p.opened_at < b.t0)`,
        ),
        all: vehicles(sql`b.t0`, sql`b.t1`, sql``),
      };
    case 'loss_rate':
      return {
        focus: vehicles(
          sql`b.cohort_t0`,
          sql`b.cohort_t1`,
          sql`AND NOT EXISTS (SELECT 1 FROM repair_orders n WHERE n.store_id = b.store_id AND n.vehicle_id = v.vehicle_id AND n.state <> 'cancelled' AND n.opened_at >= b.cohort_t1 AND n.opened_at < b.t1)`,
        ),
        all: vehicles(sql`b.cohort_t0`, sql`b.cohort_t1`, sql``),
      };
    default:
      return null;
  }
}

export interface DrillOptions {
  side: 'focus' | 'all';
  page: number;
  pageSize: number;
}

/** A page of the records behind `code` over the period (newest first); `supported: false` for figures without records to list. */
export async function kpiDrill(tx: Executor, code: KpiCode, scope: KpiScope, period: Period, opts: DrillOptions): Promise<KpiDrillPage> {
  const spec = drillSql(code);
  const empty = { items: [], total: 0, page: opts.page, pageSize: opts.pageSize };
  if (!spec) return { ...empty, supported: false };
  const body = opts.side === 'all' ? (spec.all ?? spec.focus) : spec.focus;
  const cte = boundsCte(scope.storeIds, [{ key: 'p', ...period }]);
  const rows = await queryRows<{
    store_id: number;
    store_name: string;
    ro_id: number | null;
    ro_number: string | null;
    vehicle_id: number | null;
    plate: string | null;
    ro_type: RoType | null;
    at: Date | string | null;
    amount_fen: string | number | null;
    detail: string | null;
    linked_ro_id: number | null;
    linked_ro_number: string | null;
    total: number;
  }>(
    tx,
    sql`WITH ${cte}, d AS (${body})
        SELECT d.*, s.name AS store_name, count(*) OVER ()::int AS total
          FROM d JOIN stores s ON s.id = d.store_id
         ORDER BY d.at DESC NULLS LAST, d.ro_id DESC NULLS LAST, d.vehicle_id DESC
         LIMIT ${opts.pageSize} OFFSET ${(opts.page - 1) * opts.pageSize}`,
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && opts.page > 1) {
    const [c] = await queryRows<{ total: number }>(tx, sql`WITH ${cte}, d AS (${body}) SELECT count(*)::int AS total FROM d`);
    total = c?.total ?? 0;
  }
  const items: KpiDrillRow[] = rows.map((r) => ({
    storeId: Number(r.store_id),
    storeName: r.store_name,
    roId: r.ro_id === null ? null : Number(r.ro_id),
    roNumber: r.ro_number,
    vehicleId: r.vehicle_id === null ? null : Number(r.vehicle_id),
    plate: r.plate,
    roType: r.ro_type,
    at: r.at === null ? null : new Date(r.at).toISOString(),
    amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
    detail: r.detail ?? '',
    linkedRoId: r.linked_ro_id === null ? null : Number(r.linked_ro_id),
    linkedRoNumber: r.linked_ro_number,
  }));
  return { items, total: Number(total), page: opts.page, pageSize: opts.pageSize, supported: true };
}
