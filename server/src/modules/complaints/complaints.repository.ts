import { and, asc, count, desc, eq, gte, ilike, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { ComplaintCategory, ComplaintDepartment, ComplaintListQuery } from '#contracts/complaints';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { customers, vehicles } from '../customers/customers.table';
import { repairOrders } from '../repair-orders/repair-orders.table';
import { complaintRemedies, complaints, complaintSteps } from './complaints.table';

export type ComplaintRow = typeof complaints.$inferSelect;
export type ComplaintInsert = typeof complaints.$inferInsert;

export interface ComplaintView extends ComplaintRow {
  customerName: string | null;
  plate: string | null;
  roNumber: string | null;
  remedyCostFen: number;
}

const remedyCost = sql<number>`(SELECT coalesce(sum(r.cost_fen), 0)::bigint FROM complaint_remedies r WHERE r.store_id = ${complaints.storeId} AND r.complaint_id = ${complaints.id})`.mapWith(Number);

function selectViews(tx: Executor) {
  return tx
    .select({ c: complaints, customerName: customers.name, plate: vehicles.plate, roNumber: repairOrders.number, remedyCostFen: remedyCost })
    .from(complaints)
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(vehicles, eq(vehicles.id, complaints.vehicleId))
    .leftJoin(repairOrders, eq(repairOrders.id, complaints.roId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];
const flatten = ({ c, ...rest }: Joined): ComplaintView => ({ ...c, ...rest });

/** SQL form of isComplaintOverdue (contracts): the list filter and the escalation scan use it. */
export function overdueCondition(now: Date): SQL {
  return and(
    ne(complaints.state, 'closed'),
    or(and(eq(complaints.state, 'registered'), lt(complaints.acknowledgeDueAt, now)), lt(complaints.resolveDueAt, now)),
  )!;
}

export async function insertComplaint(tx: Executor, values: ComplaintInsert): Promise<ComplaintRow> {
  const [row] = await tx.insert(complaints).values(values).returning();
  return row!;
}

export async function findComplaint(tx: Executor, storeId: number, id: number): Promise<ComplaintView | undefined> {
  const [row] = await selectViews(tx).where(and(eq(complaints.storeId, storeId), eq(complaints.id, id)));
  return row && flatten(row);
}

/** Conditional on the version the caller read: null when someone else changed the case first. */
export async function updateComplaint(tx: Executor, storeId: number, id: number, version: number, patch: Partial<ComplaintInsert>): Promise<ComplaintRow | null> {
  const [row] = await tx
    .update(complaints)
    .set({ ...patch, version: sql`${complaints.version} + 1`, updatedAt: new Date() })
    .where(and(eq(complaints.storeId, storeId), eq(complaints.id, id), eq(complaints.version, version)))
    .returning();
  return row ?? null;
}

export async function insertStep(tx: Executor, values: typeof complaintSteps.$inferInsert): Promise<void> {
  await tx.insert(complaintSteps).values(values);
}

export async function insertRemedies(tx: Executor, values: (typeof complaintRemedies.$inferInsert)[]): Promise<void> {
  if (values.length > 0) await tx.insert(complaintRemedies).values(values);
}

export function listSteps(tx: Executor, storeId: number, complaintId: number) {
  return tx
    .select()
    .from(complaintSteps)
    .where(and(eq(complaintSteps.storeId, storeId), eq(complaintSteps.complaintId, complaintId)))
    .orderBy(asc(complaintSteps.at), asc(complaintSteps.id));
}

export function listRemedies(tx: Executor, storeId: number, complaintId: number) {
  return tx
    .select()
    .from(complaintRemedies)
    .where(and(eq(complaintRemedies.storeId, storeId), eq(complaintRemedies.complaintId, complaintId)))
    .orderBy(asc(complaintRemedies.id));
}

function listWhere(storeId: number, query: ComplaintListQuery, range: { start?: Date; end?: Date }, now: Date): SQL {
  const q = query.q ? likePattern(query.q.replace(/[·\s]/g, '')) : undefined;
  return and(
    eq(complaints.storeId, storeId),
    query.state ? eq(complaints.state, query.state) : undefined,
    query.open === true ? ne(complaints.state, 'closed') : query.open === false ? eq(complaints.state, 'closed') : undefined,
    query.category ? eq(complaints.category, query.category) : undefined,
    query.department ? eq(complaints.department, query.department) : undefined,
    query.vehicleId ? eq(complaints.vehicleId, query.vehicleId) : undefined,
    query.overdue === true ? overdueCondition(now) : query.overdue === false ? sql`NOT (${overdueCondition(now)})` : undefined,
    range.start ? gte(complaints.createdAt, range.start) : undefined,
    range.end ? lt(complaints.createdAt, range.end) : undefined,
    q ? or(ilike(complaints.number, q), ilike(customers.name, q), ilike(vehicles.plate, q), ilike(complaints.description, q)) : undefined,
  )!;
}

export async function listComplaints(tx: Executor, storeId: number, query: ComplaintListQuery, range: { start?: Date; end?: Date }, now: Date, limit?: number) {
  const where = listWhere(storeId, query, range, now);
  const sort = query.sort ? orderBy(query, { createdAt: complaints.createdAt, number: complaints.number, resolveDueAt: complaints.resolveDueAt }, complaints.id) : [desc(complaints.createdAt), desc(complaints.id)];
  const rows = await selectViews(tx)
    .where(where)
    .orderBy(...sort)
    .limit(limit ?? query.pageSize)
    .offset(limit === undefined ? offsetOf(query) : 0);
  const [total] = await tx
    .select({ n: count() })
    .from(complaints)
    .leftJoin(customers, eq(customers.id, complaints.customerId))
    .leftJoin(vehicles, eq(vehicles.id, complaints.vehicleId))
    .where(where);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

/** Counts by local week (Monday) and category of complaints registered in [start, end). */
export function countsByWeekAndCategory(tx: Executor, storeId: number, start: Date, end: Date, timeZone: string) {
  return queryRows<{ week: string; category: ComplaintCategory; n: number }>(
    tx,
    sql`SELECT to_char(date_trunc('week', created_at AT TIME ZONE ${timeZone}), 'YYYY-MM-DD') AS week, category, count(*)::int AS n
        FROM complaints
        WHERE store_id = ${storeId} AND created_at >= ${start} AND created_at < ${end}
        GROUP BY 1, 2`,
  );
}

export function countsByDepartment(tx: Executor, storeId: number, start: Date, end: Date, now: Date) {
  return queryRows<{ department: ComplaintDepartment | null; total: number; open: number; overdue: number; closed: number; cost: string }>(
    tx,
    sql`SELECT c.department,
               count(*)::int AS total,
               count(*) FILTER (WHERE c.state <> 'closed')::int AS open,
               count(*) FILTER (WHERE c.state <> 'closed' AND ((c.state = 'registered' AND c.acknowledge_due_at < ${now}) OR c.resolve_due_at < ${now}))::int AS overdue,
               count(*) FILTER (WHERE c.state = 'closed')::int AS closed,
               coalesce(sum((SELECT sum(r.cost_fen) FROM complaint_remedies r WHERE r.store_id = c.store_id AND r.complaint_id = c.id)), 0)::text AS cost
        FROM complaints c
        WHERE c.store_id = ${storeId} AND c.created_at >= ${start} AND c.created_at < ${end}
        GROUP BY c.department
        ORDER BY c.department NULLS LAST`,
  );
}

/**
 * Overdue cases of every store not yet escalated since they fell due (the escalation job):
 * a case is escalated once per deadline missed (level 1: acknowledge or resolve; level 2: both,
 * or the resolve deadline passed by as long again).
 */
export function overdueNotEscalated(tx: Executor, now: Date, limit: number) {
  return tx
    .select({ id: complaints.id, storeId: complaints.storeId, number: complaints.number, state: complaints.state, version: complaints.version, escalationLevel: complaints.escalationLevel, customerId: complaints.customerId, vehicleId: complaints.vehicleId })
    .from(complaints)
    .where(and(overdueCondition(now), eq(complaints.escalationLevel, 0)))
    .orderBy(asc(complaints.id))
    .limit(limit);
}

export async function isStoreMember(tx: Executor, storeId: number, userId: number): Promise<{ displayName: string } | null> {
  const rows = await queryRows<{ display_name: string }>(
    tx,
    sql`SELECT u.display_name FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.store_id = ${storeId} AND m.user_id = ${userId}`,
  );
  return rows[0] ? { displayName: rows[0].display_name } : null;
}

export async function customerOf(tx: Executor, storeId: number, id: number) {
  const [row] = await tx.select({ id: customers.id, mergedIntoId: customers.mergedIntoId, name: customers.name }).from(customers).where(and(eq(customers.storeId, storeId), eq(customers.id, id)));
  return row;
}

export async function vehicleOf(tx: Executor, storeId: number, id: number) {
  const [row] = await tx.select({ id: vehicles.id, mergedIntoId: vehicles.mergedIntoId, plate: vehicles.plate }).from(vehicles).where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)));
  return row;
}

export async function roOf(tx: Executor, storeId: number, id: number) {
  const [row] = await tx.select({ id: repairOrders.id, vehicleId: repairOrders.vehicleId }).from(repairOrders).where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, id)));
  return row;
}
