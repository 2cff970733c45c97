import { and, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/types';
import { additionalWork, repairOrders } from './repair-orders.table';

/**
 * What the follow-up desk (care) reads of repair orders. The task scan is set-based SQL over the
 * whole store, so the feeds are sub-queries the care module composes into its INSERT … SELECT;
 * every feed names the same columns: ro_id, vehicle_id, customer_id, advisor_id, advisor_name,
 * plate, customer_name, ro_number, at (the event's time), plus its own extras.
 */

/** Delivered ROs (出厂) with delivery in [from, to). */
export function deliveredRoFeed(storeId: number, from: Date, to: Date): SQL {
  return sql`SELECT r.id AS ro_id, r.vehicle_id, r.customer_id, r.advisor_id, r.advisor_name, r.plate, r.customer_name, r.number AS ro_number, r.delivered_at AS at
    FROM ${repairOrders} r
    WHERE r.store_id = ${storeId} AND r.state = 'delivered' AND r.delivered_at >= ${from.toISOString()}::timestamptz AND r.delivered_at < ${to.toISOString()}::timestamptz`;
}

/** Additional work the customer declined in [from, to) and nobody followed up yet; `description`. */
export function declinedWorkFeed(storeId: number, from: Date, to: Date): SQL {
  return sql`SELECT r.id AS ro_id, w.vehicle_id, r.customer_id, r.advisor_id, r.advisor_name, r.plate, r.customer_name, r.number AS ro_number, w.decided_at AS at,
      w.id AS additional_work_id, w.description
    FROM ${additionalWork} w JOIN ${repairOrders} r ON r.id = w.ro_id AND r.store_id = w.store_id
    WHERE w.store_id = ${storeId} AND w.decision = 'declined' AND w.followed_up_at IS NULL
      AND w.decided_at >= ${from.toISOString()}::timestamptz AND w.decided_at < ${to.toISOString()}::timestamptz`;
}

/**
 * ROs in the workshop (dispatched … ready) with a promised time in [from, to) and no pick-up notice
 * given yet; `opened_at` lets the caller choose the lead time (SPEC §7). `at` = the promised time.
 */
export function pickupFeed(storeId: number, from: Date, to: Date): SQL {
  return sql`SELECT r.id AS ro_id, r.vehicle_id, r.customer_id, r.advisor_id, r.advisor_name, r.plate, r.customer_name, r.number AS ro_number, r.promised_at AS at,
      r.opened_at
    FROM ${repairOrders} r
    WHERE r.store_id = ${storeId} AND r.state IN ('dispatched', 'in_progress', 'paused', 'qc', 'rework', 'washing', 'ready')
      AND r.pickup_notice_at IS NULL AND r.promised_at >= ${from.toISOString()}::timestamptz AND r.promised_at < ${to.toISOString()}::timestamptz`;
}

/** ROs whose pick-up notice no longer needs a call: given, delivered, settled or cancelled. */
export function pickupSettledFeed(storeId: number): SQL {
  return sql`SELECT r.id AS ro_id FROM ${repairOrders} r
    WHERE r.store_id = ${storeId} AND (r.pickup_notice_at IS NOT NULL OR r.state IN ('settled', 'delivered', 'cancelled'))`;
}

/** The vehicle's last visit for the call screen: its newest RO that is not a draft or cancelled. */
export async function lastVisitOf(tx: Executor, storeId: number, vehicleId: number) {
  const [row] = await tx
    .select({
      roId: repairOrders.id,
      roNumber: repairOrders.number,
      type: repairOrders.type,
      deliveredAt: repairOrders.deliveredAt,
      advisorName: repairOrders.advisorName,
      totalFen: repairOrders.totalFen,
      concerns: repairOrders.concerns,
      modelName: repairOrders.modelName,
    })
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.vehicleId, vehicleId), sql`${repairOrders.state} NOT IN ('draft', 'cancelled')`))
    .orderBy(desc(repairOrders.openedAt))
    .limit(1);
  return row ?? null;
}

/** ROs delivered in [from, to) per advisor (the per-advisor callback table, SPEC §10). */
export async function rosDeliveredByAdvisor(tx: Executor, storeId: number, from: Date, to: Date) {
  return tx
    .select({ advisorId: repairOrders.advisorId, advisorName: sql<string>`max(${repairOrders.advisorName})`, ros: sql<number>`count(*)::int` })
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.state, 'delivered'), sql`${repairOrders.deliveredAt} >= ${from.toISOString()}::timestamptz`, sql`${repairOrders.deliveredAt} < ${to.toISOString()}::timestamptz`))
    .groupBy(repairOrders.advisorId);
}
