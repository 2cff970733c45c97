import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { PartRequestListQuery } from '#contracts/parts-requests';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf } from '../../platform/pagination';
import { partRequests } from './requests.table';

export type RequestRow = typeof partRequests.$inferSelect;
export type RequestInsert = typeof partRequests.$inferInsert;

/** A request joined with what the counter needs of its part. */
export interface RequestView extends RequestRow {
  partNo: string;
  partName: string;
  unit: string;
  defaultLocation: string;
  onHand: string;
}

const VIEW_COLUMNS = sql`r.*, p.part_no AS "partNo", p.name AS "partName", p.unit, p.default_location AS "defaultLocation",
  COALESCE(v.on_hand, 0)::text AS "onHand"`;
const VIEW_FROM = sql`part_requests r JOIN parts p ON p.store_id = r.store_id AND p.id = r.part_id
  LEFT JOIN stock_valuations v ON v.store_id = r.store_id AND v.part_id = r.part_id`;

/** Raw rows come back snake_case: turn them into the Drizzle row shape. */
function fromRaw(r: Record<string, unknown>): RequestView {
  const d = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string));
  return {
    id: Number(r.id),
    storeId: Number(r.store_id),
    partId: Number(r.part_id),
    roId: Number(r.ro_id),
    roLineId: r.ro_line_id === null ? null : Number(r.ro_line_id),
    roNumber: r.ro_number as string,
    quantity: String(r.quantity),
    issued: String(r.issued),
    returned: String(r.returned),
    fitted: String(r.fitted),
    issuedValueFen: Number(r.issued_value_fen),
    status: r.status as RequestRow['status'],
    inStockAtRequest: Boolean(r.in_stock_at_request),
    note: r.note as string,
    requestedBy: r.requested_by === null ? null : Number(r.requested_by),
    requestedByName: r.requested_by_name as string,
    requestedAt: d(r.requested_at)!,
    firstIssuedAt: d(r.first_issued_at),
    settledAt: d(r.settled_at),
    cancelledAt: d(r.cancelled_at),
    cancelReason: r.cancel_reason as string,
    version: Number(r.version),
    updatedAt: d(r.updated_at)!,
    partNo: r.partNo as string,
    partName: r.partName as string,
    unit: r.unit as string,
    defaultLocation: r.defaultLocation as string,
    onHand: String(r.onHand),
  };
}

export async function listRequests(tx: Executor, storeId: number, query: PartRequestListQuery) {
  const conds: SQL[] = [sql`r.store_id = ${storeId}`];
  if (query.status === 'open') conds.push(sql`r.status IN ('pending', 'partly_issued')`);
  else if (query.status) conds.push(sql`r.status = ${query.status}`);
  if (query.roId) conds.push(sql`r.ro_id = ${query.roId}`);
  if (query.partId) conds.push(sql`r.part_id = ${query.partId}`);
  if (query.q) conds.push(sql`(r.ro_number ILIKE ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR p.part_no_key LIKE ${`%${query.q.toUpperCase().replace(/[^A-Z0-9]/g, '')}%`})`);
  const where = sql.join(conds, sql` AND `);
  const dir = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  // The counter's queue: pending first, then partly issued, then the rest; oldest first.
  const order = query.sort
    ? sql`r.requested_at ${dir}, r.id ${dir}`
    : sql`CASE r.status WHEN 'pending' THEN 0 WHEN 'partly_issued' THEN 1 ELSE 2 END, r.requested_at, r.id`;
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE ${where} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offsetOf(query)}`,
  );
  const [total] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM ${VIEW_FROM} WHERE ${where}`);
  return { rows: rows.map(fromRaw), total: Number(total?.n ?? 0) };
}

export async function findRequestView(tx: Executor, storeId: number, id: number): Promise<RequestView | undefined> {
  const [row] = await queryRows<Record<string, unknown>>(tx, sql`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE r.store_id = ${storeId} AND r.id = ${id}`);
  return row && fromRaw(row);
}

export async function requestsOfRo(tx: Executor, storeId: number, roId: number): Promise<RequestView[]> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    sql`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE r.store_id = ${storeId} AND r.ro_id = ${roId} ORDER BY r.id`,
  );
  return rows.map(fromRaw);
}

/** Locks the request: every change of a request starts here, before any stock row (lock order). */
export async function lockRequest(tx: Executor, storeId: number, id: number): Promise<RequestRow | undefined> {
  const [row] = await tx
    .select()
    .from(partRequests)
    .where(and(eq(partRequests.storeId, storeId), eq(partRequests.id, id)))
    .for('update');
  return row;
}

export async function insertRequest(tx: Executor, row: RequestInsert): Promise<RequestRow> {
  const [created] = await tx.insert(partRequests).values(row).returning();
  return created!;
}

/**
 * On hand (all locations) beyond what earlier open requests still wait for, compared with the
 * quantity asked: the fill rate's "served from stock at first request".
 */
export async function coveredByStock(tx: Executor, storeId: number, partId: number, qty: string): Promise<boolean> {
  const [row] = await queryRows<{ covered: boolean }>(
    tx,
    sql`SELECT (COALESCE((SELECT on_hand FROM stock_valuations WHERE store_id = ${storeId} AND part_id = ${partId}), 0)
          - COALESCE((SELECT sum(quantity - issued) FROM part_requests
              WHERE store_id = ${storeId} AND part_id = ${partId} AND status IN ('pending', 'partly_issued')), 0)
          >= ${qty}::numeric) AS covered`,
  );
  return Boolean(row?.covered);
}

/** The issue's update: conditional, so an over-issue can never be written whatever the caller read. */
export async function markIssued(tx: Executor, storeId: number, id: number, qty: string, valueFen: bigint): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(partRequests)
    .set({
      issued: sql`${partRequests.issued} + ${qty}::numeric`,
      issuedValueFen: sql`${partRequests.issuedValueFen} + ${String(valueFen)}::bigint`,
      status: sql`CASE WHEN ${partRequests.issued} + ${qty}::numeric >= ${partRequests.quantity} THEN 'issued' ELSE 'partly_issued' END`,
      firstIssuedAt: sql`COALESCE(${partRequests.firstIssuedAt}, now())`,
      version: sql`${partRequests.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(partRequests.storeId, storeId),
        eq(partRequests.id, id),
        sql`${partRequests.status} IN ('pending', 'partly_issued')`,
        sql`${partRequests.quantity} - ${partRequests.issued} >= ${qty}::numeric`,
      ),
    )
    .returning();
  return row;
}

export async function markReturned(tx: Executor, storeId: number, id: number, qty: string, valueFen: bigint): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(partRequests)
    .set({
      returned: sql`${partRequests.returned} + ${qty}::numeric`,
      issuedValueFen: sql`${partRequests.issuedValueFen} - ${String(valueFen)}::bigint`,
      version: sql`${partRequests.version} + 1`,
      updatedAt: new Date(),
    })
    .where(
      and(
        eq(partRequests.storeId, storeId),
        eq(partRequests.id, id),
        sql`${partRequests.status} IN ('partly_issued', 'issued')`,
        sql`${partRequests.issued} - ${partRequests.returned} - ${partRequests.fitted} >= ${qty}::numeric`,
      ),
    )
    .returning();
  return row;
}

export async function setFitted(tx: Executor, storeId: number, id: number, fitted: string): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(partRequests)
    .set({ fitted: sql`${fitted}::numeric`, version: sql`${partRequests.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(partRequests.storeId, storeId),
        eq(partRequests.id, id),
        sql`${partRequests.status} IN ('pending', 'partly_issued', 'issued')`,
        sql`${partRequests.issued} - ${partRequests.returned} >= ${fitted}::numeric`,
      ),
    )
    .returning();
  return row;
}

export async function patchRequest(tx: Executor, storeId: number, id: number, patch: Partial<RequestInsert>): Promise<RequestRow | undefined> {
  const [row] = await tx
    .update(partRequests)
    .set({ ...patch, version: sql`${partRequests.version} + 1`, updatedAt: new Date() })
    .where(and(eq(partRequests.storeId, storeId), eq(partRequests.id, id)))
    .returning();
  return row;
}

/** Settlement of an RO: issued lines are settled, lines never issued are cancelled. */
export async function settleRo(tx: Executor, storeId: number, roId: number): Promise<number> {
  const rows = await queryRows(
    tx,
    sql`UPDATE part_requests SET
          status = CASE WHEN issued > 0 THEN 'settled' ELSE 'cancelled' END,
          settled_at = CASE WHEN issued > 0 THEN now() ELSE settled_at END,
          cancelled_at = CASE WHEN issued > 0 THEN cancelled_at ELSE now() END,
          cancel_reason = CASE WHEN issued > 0 THEN cancel_reason ELSE '工单结算时未发料' END,
          version = version + 1, updated_at = now()
        WHERE store_id = ${storeId} AND ro_id = ${roId} AND status IN ('pending', 'partly_issued', 'issued')
        RETURNING id`,
  );
  return rows.length;
}
