import { sql } from 'drizzle-orm';
import type { ComebackReason } from '#contracts/workshop';
import { queryRows } from '../../../db/rows';
import type { Executor } from '../../../db/types';

/**
 * The monthly reports' own read queries (DESIGN §1: reports owns its read SQL) for what the KPI
 * facts do not split: per technician, per advisor, per day. `start`/`end` are the instants of the
 * store-local month.
 */

export interface TechnicianRo {
  userId: number;
  name: string;
  roId: number;
  /** The reason of the (first) comeback that links to this RO, or null. */
  reason: ComebackReason | null;
  earnedHours: number;
}

/**
 * ROs delivered in the month and the technicians who worked on them, with the comeback reason when
 * the car came back (first-time fix per technician, ADR 0007's rule: a comeback counts for the
 * original RO, a cancelled comeback RO does not count).
 */
export function technicianRos(tx: Executor, storeId: number, start: Date, end: Date): Promise<TechnicianRo[]> {
  return queryRows<{ user_id: number; name: string; ro_id: number; reason: ComebackReason | null; earned: string }>(
    tx,
    sql`SELECT jt.user_id, u.display_name AS name, ro.id AS ro_id,
               (SELECT c.reason FROM comebacks c JOIN repair_orders cr ON cr.store_id = c.store_id AND cr.id = c.ro_id AND cr.state <> 'cancelled'
                 WHERE c.store_id = ro.store_id AND c.original_ro_id = ro.id ORDER BY c.id LIMIT 1) AS reason,
               sum(j.standard_hours / (SELECT count(*) FROM job_technicians t2 WHERE t2.store_id = j.store_id AND t2.job_id = j.id))::text AS earned
          FROM repair_orders ro
          JOIN jobs j ON j.store_id = ro.store_id AND j.ro_id = ro.id
          JOIN job_technicians jt ON jt.store_id = j.store_id AND jt.job_id = j.id
          JOIN users u ON u.id = jt.user_id
         WHERE ro.store_id = ${storeId} AND ro.delivered_at >= ${start.toISOString()} AND ro.delivered_at < ${end.toISOString()}
         GROUP BY jt.user_id, u.display_name, ro.id`,
  ).then((rows) => rows.map((r) => ({ userId: Number(r.user_id), name: r.name, roId: Number(r.ro_id), reason: r.reason, earnedHours: Number(r.earned ?? 0) })));
}

export interface AdvisorFigures {
  advisorId: number;
  name: string;
  opened: number;
  fromAppointment: number;
  settled: number;
  revenueFen: number;
}

/** Per service advisor: ROs opened (and from appointments), ROs settled and their revenue in the month. */
export function advisorFigures(tx: Executor, storeId: number, start: Date, end: Date): Promise<AdvisorFigures[]> {
  const s = start.toISOString();
  const e = end.toISOString();
  return queryRows<{ advisor_id: number; name: string; opened: number; from_appointment: number; settled: number; revenue_fen: string }>(
    tx,
    sql`WITH o AS (
          SELECT advisor_id, count(*)::int AS opened, count(appointment_id)::int AS from_appointment
            FROM repair_orders WHERE store_id = ${storeId} AND opened_at >= ${s} AND opened_at < ${e} AND state <> 'cancelled' AND advisor_id IS NOT NULL
           GROUP BY advisor_id),
        st AS (
          SELECT ro.advisor_id, count(*)::int AS settled, sum(st.total_fen)::bigint AS revenue_fen
            FROM settlements st JOIN repair_orders ro ON ro.store_id = st.store_id AND ro.id = st.ro_id
           WHERE st.store_id = ${storeId} AND st.settled_at >= ${s} AND st.settled_at < ${e} AND st.reversed_at IS NULL AND ro.advisor_id IS NOT NULL
           GROUP BY ro.advisor_id)
        SELECT COALESCE(o.advisor_id, st.advisor_id) AS advisor_id, u.display_name AS name,
               COALESCE(o.opened, 0) AS opened, COALESCE(o.from_appointment, 0) AS from_appointment,
               COALESCE(st.settled, 0) AS settled, COALESCE(st.revenue_fen, 0)::text AS revenue_fen
          FROM o FULL JOIN st ON st.advisor_id = o.advisor_id
          JOIN users u ON u.id = COALESCE(o.advisor_id, st.advisor_id)
         ORDER BY COALESCE(st.revenue_fen, 0) DESC, u.display_name`,
  ).then((rows) =>
    rows.map((r) => ({ advisorId: Number(r.advisor_id), name: r.name, opened: Number(r.opened), fromAppointment: Number(r.from_appointment), settled: Number(r.settled), revenueFen: Number(r.revenue_fen) })),
  );
}

/** ROs opened per store-local day of the month (daily intake). */
export function dailyIntake(tx: Executor, storeId: number, timeZone: string, start: Date, end: Date): Promise<Map<string, number>> {
  return queryRows<{ day: string; n: number }>(
    tx,
    sql`SELECT to_char(opened_at AT TIME ZONE ${timeZone}, 'YYYY-MM-DD') AS day, count(*)::int AS n
          FROM repair_orders WHERE store_id = ${storeId} AND opened_at >= ${start.toISOString()} AND opened_at < ${end.toISOString()} AND state <> 'cancelled'
         GROUP BY 1`,
  ).then((rows) => new Map(rows.map((r) => [r.day, Number(r.n)])));
}
