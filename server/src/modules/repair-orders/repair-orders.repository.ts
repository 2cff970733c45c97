import { and, asc, count, desc, eq, gte, ilike, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { FROZEN_RO_STATES, OPEN_RO_STATES, type Decision, type DeclinedWorkQuery, type DiscountRequestListQuery, type RoListQuery, type RoState } from '#contracts/repair-orders';
import type { Executor } from '../../db/types';
import type { RoForParts } from '../parts';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import {
  additionalWork,
  discountRequests,
  repairOrderLines,
  repairOrders,
  repairOrderTransitions,
  settlementPayments,
  settlements,
} from './repair-orders.table';

export type RoRow = typeof repairOrders.$inferSelect;
export type LineRow = typeof repairOrderLines.$inferSelect;
export type TransitionRow = typeof repairOrderTransitions.$inferSelect;
export type AdditionalWorkRow = typeof additionalWork.$inferSelect;
export type DiscountRequestRow = typeof discountRequests.$inferSelect;
export type SettlementRow = typeof settlements.$inferSelect;
export type PaymentRow = typeof settlementPayments.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Repair orders

export async function findRo(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<RoRow | undefined> {
  const q = tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertRo(tx: Executor, row: typeof repairOrders.$inferInsert): Promise<RoRow> {
  const [created] = await tx.insert(repairOrders).values(row).returning();
  return created!;
}

/** The optimistic-versioning write every RO change goes through: undefined when `version` is stale. */
export async function updateRo(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof repairOrders.$inferInsert>) {
  const [row] = await tx
    .update(repairOrders)
    .set({ ...patch, version: sql`${repairOrders.version} + 1`, updatedAt: new Date() })
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, id), eq(repairOrders.version, version)))
    .returning();
  return row;
}

function roWhere(storeId: number, query: RoListQuery, range: { from?: Date; to?: Date }, now: Date): SQL | undefined {
  const q = query.q?.replace(/[·\s]/g, '');
  return and(
    eq(repairOrders.storeId, storeId),
    query.state ? eq(repairOrders.state, query.state) : undefined,
    query.stage === 'open' ? inArray(repairOrders.state, [...OPEN_RO_STATES]) : undefined,
    query.stage === 'closed' ? inArray(repairOrders.state, ['settled', 'delivered', 'cancelled']) : undefined,
    query.type ? eq(repairOrders.type, query.type) : undefined,
    query.advisorId ? eq(repairOrders.advisorId, query.advisorId) : undefined,
    query.vehicleId ? eq(repairOrders.vehicleId, query.vehicleId) : undefined,
    range.from ? gte(repairOrders.openedAt, range.from) : undefined,
    range.to ? lt(repairOrders.openedAt, range.to) : undefined,
    query.late === true ? and(inArray(repairOrders.state, [...OPEN_RO_STATES]), lt(repairOrders.promisedAt, now)) : undefined,
    q
      ? or(
          ilike(repairOrders.number, likePattern(q)),
          ilike(repairOrders.plate, likePattern(q)),
          ilike(repairOrders.vin, likePattern(q)),
          ilike(repairOrders.customerName, likePattern(q)),
        )
      : undefined,
  );
}

export async function listRos(tx: Executor, storeId: number, query: RoListQuery, range: { from?: Date; to?: Date }, now: Date) {
  const where = roWhere(storeId, query, range, now);
  const columns = { number: repairOrders.number, openedAt: repairOrders.openedAt, promisedAt: repairOrders.promisedAt, state: repairOrders.state };
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(repairOrders)
      .where(where)
      .orderBy(...(query.sort ? orderBy(query, columns, repairOrders.id) : [desc(repairOrders.openedAt), desc(repairOrders.id)]))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(repairOrders).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** ROs opened in [start, end), cancelled ones left out, and those of them that came from an appointment. */
export async function countRosOpened(tx: Executor, storeId: number, start: Date, end: Date): Promise<{ ros: number; rosFromAppointments: number }> {
  const [row] = await tx
    .select({ ros: count(), rosFromAppointments: count(repairOrders.appointmentId) })
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), gte(repairOrders.openedAt, start), lt(repairOrders.openedAt, end), sql`${repairOrders.state} <> 'cancelled'`));
  return { ros: row?.ros ?? 0, rosFromAppointments: row?.rosFromAppointments ?? 0 };
}

/** The RO as the parts counter needs it: its number, whether it still takes parts, its line ids. */
export async function roForParts(tx: Executor, storeId: number, roId: number): Promise<RoForParts | null> {
  const [ro] = await tx
    .select({ number: repairOrders.number, state: repairOrders.state })
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, roId)));
  if (!ro) return null;
  const lines = await tx
    .select({ id: repairOrderLines.id })
    .from(repairOrderLines)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.roId, roId)));
  return { number: ro.number, open: !FROZEN_RO_STATES.includes(ro.state), lineIds: lines.map((l) => l.id) };
}

export function rosInStates(tx: Executor, storeId: number, states: readonly RoState[], advisorId?: number | null) {
  return tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), inArray(repairOrders.state, [...states]), advisorId ? eq(repairOrders.advisorId, advisorId) : undefined))
    .orderBy(asc(repairOrders.promisedAt), asc(repairOrders.id))
    .limit(500);
}

export async function openRoOfVehicle(tx: Executor, storeId: number, vehicleId: number): Promise<RoRow | undefined> {
  const [row] = await tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.vehicleId, vehicleId), inArray(repairOrders.state, [...OPEN_RO_STATES])))
    .orderBy(desc(repairOrders.openedAt))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Lines and transitions

export function liveLinesOf(tx: Executor, storeId: number, roId: number): Promise<LineRow[]> {
  return tx
    .select()
    .from(repairOrderLines)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.roId, roId), isNull(repairOrderLines.removedAt)))
    .orderBy(asc(repairOrderLines.id));
}

export async function insertLine(tx: Executor, row: typeof repairOrderLines.$inferInsert): Promise<LineRow> {
  const [created] = await tx.insert(repairOrderLines).values(row).returning();
  return created!;
}

export async function findLiveLine(tx: Executor, storeId: number, roId: number, lineId: number): Promise<LineRow | undefined> {
  const [row] = await tx
    .select()
    .from(repairOrderLines)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.roId, roId), eq(repairOrderLines.id, lineId), isNull(repairOrderLines.removedAt)));
  return row;
}

export async function updateLine(tx: Executor, storeId: number, lineId: number, patch: Partial<typeof repairOrderLines.$inferInsert>): Promise<void> {
  await tx
    .update(repairOrderLines)
    .set(patch)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.id, lineId)));
}

export function transitionsOf(tx: Executor, storeId: number, roId: number): Promise<TransitionRow[]> {
  return tx
    .select()
    .from(repairOrderTransitions)
    .where(and(eq(repairOrderTransitions.storeId, storeId), eq(repairOrderTransitions.roId, roId)))
    .orderBy(asc(repairOrderTransitions.at), asc(repairOrderTransitions.id));
}

export async function insertTransition(tx: Executor, row: typeof repairOrderTransitions.$inferInsert): Promise<void> {
  await tx.insert(repairOrderTransitions).values(row);
}

// ---------------------------------------------------------------------------------------------
// Additional work

export function additionalWorkOf(tx: Executor, storeId: number, roId: number): Promise<AdditionalWorkRow[]> {
  return tx
    .select()
    .from(additionalWork)
    .where(and(eq(additionalWork.storeId, storeId), eq(additionalWork.roId, roId)))
    .orderBy(asc(additionalWork.id));
}

export async function findAdditionalWork(tx: Executor, storeId: number, id: number): Promise<AdditionalWorkRow | undefined> {
  const [row] = await tx
    .select()
    .from(additionalWork)
    .where(and(eq(additionalWork.storeId, storeId), eq(additionalWork.id, id)));
  return row;
}

export async function insertAdditionalWork(tx: Executor, row: typeof additionalWork.$inferInsert): Promise<AdditionalWorkRow> {
  const [created] = await tx.insert(additionalWork).values(row).returning();
  return created!;
}

export async function updateAdditionalWork(
  tx: Executor,
  storeId: number,
  id: number,
  expect: { version?: number; decision?: Decision },
  patch: Partial<typeof additionalWork.$inferInsert>,
) {
  const [row] = await tx
    .update(additionalWork)
    .set({ ...patch, version: sql`${additionalWork.version} + 1` })
    .where(
      and(
        eq(additionalWork.storeId, storeId),
        eq(additionalWork.id, id),
        expect.version === undefined ? undefined : eq(additionalWork.version, expect.version),
        expect.decision === undefined ? undefined : eq(additionalWork.decision, expect.decision),
      ),
    )
    .returning();
  return row;
}

export async function listDeclinedWork(tx: Executor, storeId: number, query: DeclinedWorkQuery, range: { from?: Date; to?: Date }) {
  const where = and(
    eq(additionalWork.storeId, storeId),
    eq(additionalWork.decision, 'declined'),
    query.open === true ? isNull(additionalWork.followedUpAt) : undefined,
    query.open === false ? sql`${additionalWork.followedUpAt} IS NOT NULL` : undefined,
    range.from ? gte(additionalWork.raisedAt, range.from) : undefined,
    range.to ? lt(additionalWork.raisedAt, range.to) : undefined,
    query.q ? ilike(additionalWork.description, likePattern(query.q)) : undefined,
  );
  const columns = { raisedAt: additionalWork.raisedAt, amountFen: additionalWork.amountFen };
  const [rows, [total]] = await Promise.all([
    tx
      .select({ work: additionalWork, roNumber: repairOrders.number, plate: repairOrders.plate })
      .from(additionalWork)
      .innerJoin(repairOrders, and(eq(repairOrders.storeId, additionalWork.storeId), eq(repairOrders.id, additionalWork.roId)))
      .where(where)
      .orderBy(...(query.sort ? orderBy(query, columns, additionalWork.id) : [desc(additionalWork.raisedAt)]))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(additionalWork).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Declined work of a vehicle not yet followed up: reception offers it again. */
export function openDeclinedWorkOfVehicle(tx: Executor, storeId: number, vehicleId: number) {
  return tx
    .select()
    .from(additionalWork)
    .where(
      and(eq(additionalWork.storeId, storeId), eq(additionalWork.vehicleId, vehicleId), eq(additionalWork.decision, 'declined'), isNull(additionalWork.followedUpAt)),
    )
    .orderBy(desc(additionalWork.raisedAt))
    .limit(20);
}

export function pendingAdditionalWork(tx: Executor, storeId: number, advisorId: number | null) {
  return tx
    .select({ work: additionalWork, roNumber: repairOrders.number, plate: repairOrders.plate })
    .from(additionalWork)
    .innerJoin(repairOrders, and(eq(repairOrders.storeId, additionalWork.storeId), eq(repairOrders.id, additionalWork.roId)))
    .where(and(eq(additionalWork.storeId, storeId), eq(additionalWork.decision, 'pending'), advisorId ? eq(repairOrders.advisorId, advisorId) : undefined))
    .orderBy(asc(additionalWork.raisedAt))
    .limit(100);
}

// ---------------------------------------------------------------------------------------------
// Discounts

export function discountRequestsOf(tx: Executor, storeId: number, roId: number): Promise<DiscountRequestRow[]> {
  return tx
    .select()
    .from(discountRequests)
    .where(and(eq(discountRequests.storeId, storeId), eq(discountRequests.roId, roId)))
    .orderBy(asc(discountRequests.id));
}

export async function findDiscountRequest(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}) {
  const q = tx
    .select()
    .from(discountRequests)
    .where(and(eq(discountRequests.storeId, storeId), eq(discountRequests.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertDiscountRequest(tx: Executor, row: typeof discountRequests.$inferInsert): Promise<DiscountRequestRow> {
  const [created] = await tx.insert(discountRequests).values(row).returning();
  return created!;
}

export async function updateDiscountRequest(tx: Executor, storeId: number, id: number, fromStatus: DiscountRequestRow['status'], patch: Partial<typeof discountRequests.$inferInsert>) {
  const [row] = await tx
    .update(discountRequests)
    .set(patch)
    .where(and(eq(discountRequests.storeId, storeId), eq(discountRequests.id, id), eq(discountRequests.status, fromStatus)))
    .returning();
  return row;
}

export async function listDiscountRequests(tx: Executor, storeId: number, query: DiscountRequestListQuery) {
  const where = and(eq(discountRequests.storeId, storeId), query.status ? eq(discountRequests.status, query.status) : undefined);
  const [rows, [total]] = await Promise.all([
    tx
      .select({ request: discountRequests, roNumber: repairOrders.number, plate: repairOrders.plate })
      .from(discountRequests)
      .innerJoin(repairOrders, and(eq(repairOrders.storeId, discountRequests.storeId), eq(repairOrders.id, discountRequests.roId)))
      .where(where)
      .orderBy(query.order === 'asc' ? asc(discountRequests.requestedAt) : desc(discountRequests.requestedAt))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(discountRequests).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function countPendingDiscountRequests(tx: Executor, storeId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(discountRequests)
    .where(and(eq(discountRequests.storeId, storeId), eq(discountRequests.status, 'pending')));
  return row?.n ?? 0;
}

// ---------------------------------------------------------------------------------------------
// Settlements

export async function latestSettlementOf(tx: Executor, storeId: number, roId: number): Promise<SettlementRow | undefined> {
  const [row] = await tx
    .select()
    .from(settlements)
    .where(and(eq(settlements.storeId, storeId), eq(settlements.roId, roId)))
    .orderBy(desc(settlements.id))
    .limit(1);
  return row;
}

export async function findSettlement(tx: Executor, storeId: number, id: number): Promise<SettlementRow | undefined> {
  const [row] = await tx
    .select()
    .from(settlements)
    .where(and(eq(settlements.storeId, storeId), eq(settlements.id, id)));
  return row;
}

export async function insertSettlement(tx: Executor, row: typeof settlements.$inferInsert): Promise<SettlementRow> {
  const [created] = await tx.insert(settlements).values(row).returning();
  return created!;
}

export async function insertPayments(tx: Executor, rows: (typeof settlementPayments.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(settlementPayments).values(rows);
}

export function paymentsOf(tx: Executor, storeId: number, settlementId: number): Promise<PaymentRow[]> {
  return tx
    .select()
    .from(settlementPayments)
    .where(and(eq(settlementPayments.storeId, storeId), eq(settlementPayments.settlementId, settlementId)))
    .orderBy(asc(settlementPayments.id));
}

export async function reverseSettlement(tx: Executor, storeId: number, id: number, patch: Partial<typeof settlements.$inferInsert>) {
  const [row] = await tx
    .update(settlements)
    .set(patch)
    .where(and(eq(settlements.storeId, storeId), eq(settlements.id, id), isNull(settlements.reversedAt)))
    .returning();
  return row;
}
