import { and, count, eq, sql } from 'drizzle-orm';
import type { TransferListQuery } from '#contracts/parts-transfers';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { stockTransferLines, stockTransfers } from './transfers.table';

export type TransferRow = typeof stockTransfers.$inferSelect;
export interface TransferLineView {
  transferId: number;
  partId: number;
  partNo: string;
  partName: string;
  unit: string;
  location: string;
  quantity: string;
  valueFen: number;
}

export async function insertTransfer(tx: Executor, row: typeof stockTransfers.$inferInsert): Promise<TransferRow> {
  const [created] = await tx.insert(stockTransfers).values(row).returning();
  return created!;
}

export async function linkCounterpart(tx: Executor, storeId: number, id: number, counterpartId: number): Promise<void> {
  await tx
    .update(stockTransfers)
    .set({ counterpartTransferId: counterpartId })
    .where(and(eq(stockTransfers.storeId, storeId), eq(stockTransfers.id, id)));
}

export async function insertLines(tx: Executor, rows: (typeof stockTransferLines.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(stockTransferLines).values(rows);
}

export async function listTransfers(tx: Executor, storeId: number, query: TransferListQuery) {
  const where = and(
    eq(stockTransfers.storeId, storeId),
    query.direction ? eq(stockTransfers.direction, query.direction) : undefined,
    query.q ? sql`${stockTransfers.number} ILIKE ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : undefined,
  );
  const rows = await tx
    .select()
    .from(stockTransfers)
    .where(where)
    .orderBy(...orderBy({ ...query, sort: query.sort ?? 'at', order: query.sort ? query.order : 'desc' }, { at: stockTransfers.at, number: stockTransfers.number }, stockTransfers.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [total] = await tx.select({ n: count() }).from(stockTransfers).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findTransfer(tx: Executor, storeId: number, id: number): Promise<TransferRow | undefined> {
  const [row] = await tx
    .select()
    .from(stockTransfers)
    .where(and(eq(stockTransfers.storeId, storeId), eq(stockTransfers.id, id)));
  return row;
}

export async function linesOf(tx: Executor, storeId: number, ids: readonly number[]): Promise<Map<number, TransferLineView[]>> {
  const out = new Map<number, TransferLineView[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const rows = await queryRows<TransferLineView>(
    tx,
    sql`SELECT l.transfer_id AS "transferId", l.part_id AS "partId", p.part_no AS "partNo", p.name AS "partName", p.unit, l.location,
          l.quantity::text AS quantity, l.value_fen AS "valueFen"
        FROM stock_transfer_lines l JOIN parts p ON p.store_id = l.store_id AND p.id = l.part_id
        WHERE l.store_id = ${storeId} AND l.transfer_id = ANY(${sql.param([...ids])}::int[]) ORDER BY l.id`,
  );
  for (const r of rows) out.get(Number(r.transferId))?.push(r);
  return out;
}

/** Names of stores (group reference data, no store scope). */
export async function storeNames(tx: Executor, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: number; name: string }>(tx, sql`SELECT id, name FROM stores WHERE id = ANY(${sql.param([...new Set(ids)])}::int[])`);
  return new Map(rows.map((r) => [Number(r.id), r.name]));
}

/** Serialises transfers touching the same stores, always in store order: two opposite transfers cannot deadlock. */
export async function lockStoresForTransfer(tx: Executor, storeIds: readonly number[]): Promise<void> {
  for (const id of [...storeIds].sort((a, b) => a - b)) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('parts.transfer'), ${id}::int)`);
  }
}
