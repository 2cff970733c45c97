import { sql, type SQL } from 'drizzle-orm';
import { StoreSettingsSchema } from '#contracts/settings';
import { oneByOne, queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';

/**
 * The KPI facts of SPEC §16 as set-based SQL (DESIGN §1: `reports` owns its read queries and reads
 * the other modules' tables directly, read-only). Every statement works on "buckets": named runs of
 * store-local days (`from`…`to`), turned into [t0, t1) instants per store in the store's own time
 * zone by the `b` CTE, so one statement answers the current period, the previous one and last year
 * (or 12 months of a trend) for one store or the whole group at once. Rows come back per bucket and
 * store: numerators and denominators, which are summed over stores by the caller.
 */

export interface Bucket {
  key: string;
  from: string;
  to: string;
}

export type Facts = Record<string, number>;
/** bucket key → store id → fact name → number */
export type FactTable = Map<string, Map<number, Facts>>;

const DEFAULTS = StoreSettingsSchema.parse({});

/**
 * Per store and bucket: t0/t1 (the period), and the windows the retention KPIs need, each a local
 * date shifted by whole months and then read in the store's zone (so "12 months before 1 March"
 * is local midnight of 1 March a year earlier, whatever the offset).
 */
export function boundsCte(storeIds: number[], buckets: Bucket[]): SQL {
  const values = sql.join(
    buckets.map((b) => sql`(${b.key}::text, ${b.from}::date, ${b.to}::date)`),
    sql`, `,
  );
  return sql`b AS MATERIALIZED (
    SELECT s.id AS store_id, p.k, s.time_zone AS tz,
           ((p.f)::timestamp AT TIME ZONE s.time_zone) AS t0,
           ((p.t + 1)::timestamp AT TIME ZONE s.time_zone) AS t1,
           ((p.f - make_interval(months => w.base_months))::timestamp AT TIME ZONE s.time_zone) AS base_t0,
           ((p.t + 1 - make_interval(months => w.base_months))::timestamp AT TIME ZONE s.time_zone) AS base_end_t0,
           ((p.f - make_interval(months => w.lost_months))::timestamp AT TIME ZONE s.time_zone) AS cohort_t0,
           ((p.t + 1 - make_interval(months => w.lost_months))::timestamp AT TIME ZONE s.time_zone) AS cohort_t1,
           ((p.t + 1 + make_interval(months => w.lost_months))::timestamp AT TIME ZONE s.time_zone) AS lost_t1,
           GREATEST(0, EXTRACT(epoch FROM ((s.opening_hours->>'closes')::time - (s.opening_hours->>'opens')::time)) / 3600.0) AS opening_hours
      FROM stores s
     CROSS JOIN LATERAL (SELECT COALESCE((s.settings->>'baseCustomerMonths')::int, ${DEFAULTS.baseCustomerMonths}) AS base_months,
                                COALESCE((s.settings->>'lostCustomerMonths')::int, ${DEFAULTS.lostCustomerMonths}) AS lost_months) w
     CROSS JOIN (VALUES ${values}) AS p(k, f, t)
     WHERE s.id IN (${sql.join(storeIds.map((id) => sql`${id}`), sql`, `)})
  )`;
}

type Row = { k: string; store_id: number } & Record<string, string | number | null>;

function collect(into: FactTable, rows: Row[]): void {
  for (const row of rows) {
    const byStore = into.get(row.k) ?? new Map<number, Facts>();
    into.set(row.k, byStore);
    const facts = byStore.get(Number(row.store_id)) ?? {};
    byStore.set(Number(row.store_id), facts);
    for (const [name, v] of Object.entries(row)) if (name !== 'k' && name !== 'store_id') facts[name] = Number(v ?? 0);
  }
}

/** The fact families; a KPI needs one or more of them (kpis.service.ts maps codes to families). */
export const FAMILIES = ['opened', 'settled', 'delivered', 'ready', 'qc', 'retention', 'loss', 'workshop', 'complaints', 'callbacks'] as const;
export type Family = (typeof FAMILIES)[number];

/**
 * A family's statement follows `WITH b AS (…)`: either a SELECT, or `, name AS (…) SELECT …` when it
 * needs CTEs of its own. Each family counts per (bucket, store) in a LATERAL subquery: one index range scan per bucket and
 * store (hundreds of small scans) rather than a join of every RO with every bucket, which the
 * planner can only filter (measured: 12 s → see ADR 0010 for the bench figures).
 */
export function familySql(family: Family): SQL {
  const per = (inner: SQL) => sql`SELECT b.k, b.store_id, x.* FROM b CROSS JOIN LATERAL (${inner}) x`;
  switch (family) {
    case 'opened':
      // ROs opened in the period (cancelled ones are not visits): volume, quick-service share, appointments.
      return per(sql`SELECT count(*)::int AS opened, count(*) FILTER (WHERE ro.type = 'quick_service')::int AS quick, count(ro.appointment_id)::int AS from_appointment
                       FROM repair_orders ro WHERE ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'`);
    case 'settled':
      // Live settlements (a reversed one no longer counts; its replacement does, when it is settled).
      return per(sql`SELECT COALESCE(sum(st.total_fen), 0)::bigint AS revenue_fen, count(*)::int AS settled
                       FROM settlements st WHERE st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL`);
    case 'delivered':
      // ROs delivered (出厂) in the period: on-time delivery, and first-time fix (ADR 0007: a comeback
      // counts for the period of the RO it returns to, an RO with two comebacks once; a comeback RO that
      // was cancelled afterwards is not a comeback). Deliveries are counted per bucket and store by an
      // index-only range scan; comebacks, few, from their side: each original once, with its delivery
      // time, then put in its buckets.
      return sql`, cb AS MATERIALIZED (
                   SELECT DISTINCT c.store_id, c.original_ro_id, o.delivered_at FROM comebacks c
                     JOIN repair_orders cr ON cr.store_id = c.store_id AND cr.id = c.ro_id AND cr.state <> 'cancelled'
                     JOIN repair_orders o ON o.store_id = c.store_id AND o.id = c.original_ro_id
                    WHERE c.store_id IN (SELECT DISTINCT store_id FROM b)
                      AND o.delivered_at >= (SELECT min(t0) FROM b) AND o.delivered_at < (SELECT max(t1) FROM b)),
                 cbk AS MATERIALIZED (
                   SELECT b.k, b.store_id, count(*)::int AS comeback_ros
                     FROM b JOIN cb ON cb.store_id = b.store_id AND cb.delivered_at >= b.t0 AND cb.delivered_at < b.t1
                    GROUP BY b.k, b.store_id)
                 SELECT b.k, b.store_id, x.*, COALESCE(cbk.comeback_ros, 0)::int AS comeback_ros
                   FROM b CROSS JOIN LATERAL (
                   SELECT count(*)::int AS delivered,
                          count(*) FILTER (WHERE ro.promised_at IS NOT NULL)::int AS promised,
                          count(*) FILTER (WHERE ro.delivered_at <= ro.promised_at)::int AS on_time
                     FROM repair_orders ro
                    WHERE ro.store_id = b.store_id AND ro.delivered_at >= b.t0 AND ro.delivered_at < b.t1) x
                   LEFT JOIN cbk ON cbk.k = b.k AND cbk.store_id = b.store_id`;
    case 'ready':
      return per(sql`SELECT count(*)::int AS ready, COALESCE(sum(EXTRACT(epoch FROM ro.ready_at - ro.opened_at)) / 3600.0, 0)::float8 AS lead_hours
                       FROM repair_orders ro WHERE ro.store_id = b.store_id AND ro.ready_at >= b.t0 AND ro.ready_at < b.t1 AND ro.state <> 'cancelled'`);
    case 'qc':
      // ADR 0007: ROs that reached QC in the period (counted per bucket and store by an index range
      // scan); reworked = a team/final fail or a QC fail / delivery send-back transition. Fails are few:
      // each failed RO once, then its QC submissions put in their buckets. A fail transition comes
      // after the submission it fails, so none before the earliest bucket can matter.
      return sql`, fails AS MATERIALIZED (
                   SELECT t.store_id, t.ro_id FROM repair_order_transitions t
                    WHERE t.store_id IN (SELECT DISTINCT store_id FROM b) AND t.action IN ('qc_fail', 'return_to_workshop') AND t.at >= (SELECT min(t0) FROM b)
                   UNION
                   SELECT i.store_id, i.ro_id FROM qc_inspections i
                    WHERE i.store_id IN (SELECT DISTINCT store_id FROM b) AND NOT i.passed AND i.level IN ('team', 'final')),
                 submitted AS MATERIALIZED (
                   SELECT q.store_id, q.ro_id, q.at FROM fails f
                     JOIN repair_order_transitions q ON q.store_id = f.store_id AND q.ro_id = f.ro_id AND q.action = 'submit_qc'),
                 reworked AS MATERIALIZED (
                   SELECT b.k, b.store_id, count(DISTINCT q.ro_id)::int AS rework_ros
                     FROM b JOIN submitted q ON q.store_id = b.store_id AND q.at >= b.t0 AND q.at < b.t1
                    GROUP BY b.k, b.store_id)
                 SELECT b.k, b.store_id, x.qc_ros, COALESCE(r.rework_ros, 0)::int AS rework_ros
                   FROM b CROSS JOIN LATERAL (
                   SELECT count(DISTINCT t.ro_id)::int AS qc_ros FROM repair_order_transitions t
                    WHERE t.store_id = b.store_id AND t.action = 'submit_qc' AND t.at >= b.t0 AND t.at < b.t1) x
                   LEFT JOIN reworked r ON r.k = b.k AND r.store_id = b.store_id`;
    case 'retention':
      // Vehicles served in the period, those of them seen within the base window before it (return
      // rate), and the base at the period's end: vehicles with a visit in the base window before t1.
      return per(sql`SELECT
                        (SELECT count(DISTINCT ro.vehicle_id) FROM repair_orders ro
                          WHERE ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled')::int AS served,
                        (SELECT count(DISTINCT ro.vehicle_id) FROM repair_orders ro
                          WHERE ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled'
                            AND ro.vehicle_id IN (SELECT p.vehicle_id FROM repair_orders p WHERE p.store_id = b.store_id AND p.state <> 'cancelled'
                                                     AND p.opened_at >= b.base_t0 AND p.opened_at < b.t0))::int AS returned,
                        (SELECT count(DISTINCT ro.vehicle_id) FROM repair_orders ro
                          WHERE ro.store_id = b.store_id AND ro.opened_at >= b.base_end_t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled')::int AS base`);
    case 'loss':
      // SPEC §11: the cohort is the vehicles that visited in the period shifted back by the loss
      // window; lost = no visit from the cohort period's end up to this period's end.
      return per(sql`SELECT count(*)::int AS cohort, count(*) FILTER (WHERE n.vehicle_id IS NULL)::int AS lost
                       FROM (SELECT DISTINCT ro.vehicle_id FROM repair_orders ro
                              WHERE ro.store_id = b.store_id AND ro.opened_at >= b.cohort_t0 AND ro.opened_at < b.cohort_t1 AND ro.state <> 'cancelled') v
                       LEFT JOIN (SELECT DISTINCT ro.vehicle_id FROM repair_orders ro
                                   WHERE ro.store_id = b.store_id AND ro.opened_at >= b.cohort_t1 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled') n ON n.vehicle_id = v.vehicle_id`);
    case 'complaints':
      // SPEC §9/§16: complaints registered in the period, whatever their channel or state.
      return per(sql`SELECT count(*)::int AS complaints FROM complaints c WHERE c.store_id = b.store_id AND c.created_at >= b.t0 AND c.created_at < b.t1`);
    case 'callbacks':
      // SPEC §10: satisfaction callbacks of the period that reached the customer and got the overall
      // score (valid callbacks); satisfied = 满意 or better (4–5 of 5).
      return per(sql`SELECT count(*)::int AS valid_callbacks, count(*) FILTER (WHERE c.overall_score >= 4)::int AS satisfied_callbacks
                       FROM care_calls c WHERE c.store_id = b.store_id AND c.called_at >= b.t0 AND c.called_at < b.t1
                        AND c.task_kind = 'satisfaction' AND c.outcome = 'reached' AND c.overall_score IS NOT NULL`);
    case 'workshop':
      // ADR 0007 / SPEC §6: clocked hours inside the period (an open stretch counts up to now),
      // standard hours of jobs finished in it, attendance entered per technician-day, else the
      // store's opening hours on a day the technician clocked.
      return sql`SELECT b.k, b.store_id,
                        COALESCE((SELECT sum(EXTRACT(epoch FROM LEAST(COALESCE(c.ended_at, now()), b.t1) - GREATEST(c.started_at, b.t0))) / 3600.0
                                    FROM clock_records c WHERE c.store_id = b.store_id AND c.started_at < b.t1 AND COALESCE(c.ended_at, now()) > b.t0), 0)::float8 AS clocked_hours,
                        COALESCE((SELECT sum(j.standard_hours) FROM jobs j WHERE j.store_id = b.store_id AND j.finished_at >= b.t0 AND j.finished_at < b.t1), 0)::float8 AS earned_hours,
                        (COALESCE((SELECT sum(a.hours) FROM attendance a
                                    WHERE a.store_id = b.store_id AND a.day >= (b.t0 AT TIME ZONE b.tz)::date AND a.day < (b.t1 AT TIME ZONE b.tz)::date), 0)
                         + b.opening_hours * (SELECT count(*) FROM (
                              SELECT DISTINCT c.technician_id, (c.started_at AT TIME ZONE b.tz)::date AS day FROM clock_records c
                               WHERE c.store_id = b.store_id AND c.started_at >= b.t0 AND c.started_at < b.t1) d
                             WHERE NOT EXISTS (SELECT 1 FROM attendance a WHERE a.store_id = b.store_id AND a.user_id = d.technician_id AND a.day = d.day)))::float8 AS attendance_hours
                   FROM b`;
  }
}

/** Runs the families' statements for the buckets; the answer is keyed bucket → store → fact. */
export async function collectFacts(tx: Executor, storeIds: number[], buckets: Bucket[], families: Iterable<Family>): Promise<FactTable> {
  const out: FactTable = new Map();
  if (storeIds.length === 0 || buckets.length === 0) return out;
  const cte = boundsCte(storeIds, buckets);
  for (const family of new Set(families)) {
    collect(out, await queryRows<Row>(tx, sql`WITH ${cte} ${familySql(family)}`));
  }
  return out;
}

/** Revenue of a period split by RO type and by payer (Σ live settlements; per payer from the settled totals). */
export async function revenueBreakdown(tx: Executor, storeIds: number[], bucket: Bucket) {
  const cte = boundsCte(storeIds, [bucket]);
  const [byType, byPayer] = await oneByOne(
    () => queryRows<{ key: string; amount_fen: string; n: number }>(
      tx,
      sql`WITH ${cte}
          SELECT ro.type AS key, sum(st.total_fen)::text AS amount_fen, count(*)::int AS n
            FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
            JOIN repair_orders ro ON ro.store_id = st.store_id AND ro.id = st.ro_id
           GROUP BY ro.type ORDER BY sum(st.total_fen) DESC`,
    ),
    () => queryRows<{ key: string; amount_fen: string; n: number }>(
      tx,
      sql`WITH ${cte}
          SELECT p->>'payer' AS key, sum((p->>'totalFen')::bigint)::text AS amount_fen, count(*)::int AS n
            FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
            CROSS JOIN LATERAL jsonb_array_elements(st.totals->'byPayer') p
           GROUP BY p->>'payer' ORDER BY sum((p->>'totalFen')::bigint) DESC`,
    ),
  );
  const map = (rows: { key: string; amount_fen: string; n: number }[]) => rows.map((r) => ({ key: r.key, amountFen: Number(r.amount_fen), count: Number(r.n) }));
  return { byType: map(byType), byPayer: map(byPayer) };
}
