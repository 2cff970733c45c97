import { and, asc, count, eq, sql, type SQL } from 'drizzle-orm';
import type { PurchaseOrderListQuery } from '#contracts/parts-purchasing';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { parts } from './catalog.table';
import { purchaseOrderLines, purchaseOrders, purchaseReceipts } from './purchasing.table';

export type OrderRow = typeof purchaseOrders.$inferSelect;
export type OrderInsert = typeof purchaseOrders.$inferInsert;
export type LineRow = typeof purchaseOrderLines.$inferSelect;
export type LineView = LineRow & { partNo: string; partName: string; unit: string; defaultLocation: string };

function listWhere(storeId: number, query: PurchaseOrderListQuery): SQL | undefined {
  return and(
    eq(purchaseOrders.storeId, storeId),
    query.status ? eq(purchaseOrders.status, query.status) : undefined,
    query.kind ? eq(purchaseOrders.kind, query.kind) : undefined,
    query.awaitingApproval === true
      ? sql`${purchaseOrders.kind} = 'outside' AND ${purchaseOrders.approvedAt} IS NULL AND ${purchaseOrders.status} IN ('draft', 'ordered')`
      : undefined,
    query.q ? sql`(${purchaseOrders.number} ILIKE ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} OR ${purchaseOrders.supplier} ILIKE ${`%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`})` : undefined,
  );
}

export async function listOrders(tx: Executor, storeId: number, query: PurchaseOrderListQuery) {
  const where = listWhere(storeId, query);
  const rows = await tx
    .select()
    .from(purchaseOrders)
    .where(where)
    .orderBy(...orderBy({ ...query, sort: query.sort ?? 'createdAt', order: query.sort ? query.order : 'desc' }, { number: purchaseOrders.number, createdAt: purchaseOrders.createdAt, supplier: purchaseOrders.supplier }, purchaseOrders.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [total] = await tx.select({ n: count() }).from(purchaseOrders).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findOrder(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<OrderRow | undefined> {
  const q = tx
    .select()
    .from(purchaseOrders)
    .where(and(eq(purchaseOrders.storeId, storeId), eq(purchaseOrders.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function linesOf(tx: Executor, storeId: number, orderIds: readonly number[]): Promise<Map<number, LineView[]>> {
  const out = new Map<number, LineView[]>(orderIds.map((id) => [id, []]));
  if (orderIds.length === 0) return out;
  const rows = await tx
    .select({ line: purchaseOrderLines, partNo: parts.partNo, partName: parts.name, unit: parts.unit, defaultLocation: parts.defaultLocation })
    .from(purchaseOrderLines)
    .innerJoin(parts, and(eq(parts.storeId, purchaseOrderLines.storeId), eq(parts.id, purchaseOrderLines.partId)))
    .where(and(eq(purchaseOrderLines.storeId, storeId), sql`${purchaseOrderLines.orderId} = ANY(${sql.param([...orderIds])}::int[])`))
    .orderBy(asc(purchaseOrderLines.orderId), asc(purchaseOrderLines.lineNo));
  for (const r of rows) out.get(r.line.orderId)?.push({ ...r.line, partNo: r.partNo, partName: r.partName, unit: r.unit, defaultLocation: r.defaultLocation });
  return out;
}

export async function insertOrder(tx: Executor, row: OrderInsert): Promise<OrderRow> {
  const [created] = await tx.insert(purchaseOrders).values(row).returning();
  return created!;
}

export async function replaceLines(tx: Executor, storeId: number, orderId: number, lines: Omit<typeof purchaseOrderLines.$inferInsert, 'storeId' | 'orderId' | 'lineNo'>[]) {
  await tx.delete(purchaseOrderLines).where(and(eq(purchaseOrderLines.storeId, storeId), eq(purchaseOrderLines.orderId, orderId)));
  if (lines.length) await tx.insert(purchaseOrderLines).values(lines.map((l, i) => ({ ...l, storeId, orderId, lineNo: i + 1 })));
}

export async function updateOrder(tx: Executor, storeId: number, id: number, version: number | null, patch: Partial<OrderInsert>): Promise<OrderRow | undefined> {
  const [row] = await tx
    .update(purchaseOrders)
    .set({ ...patch, version: sql`${purchaseOrders.version} + 1`, updatedAt: new Date() })
    .where(and(eq(purchaseOrders.storeId, storeId), eq(purchaseOrders.id, id), version === null ? undefined : eq(purchaseOrders.version, version)))
    .returning();
  return row;
}

export async function receiveOnLine(tx: Executor, storeId: number, lineId: number, qty: string, close: { reason: string } | null): Promise<void> {
  await tx
    .update(purchaseOrderLines)
    .set({
      received: sql`${purchaseOrderLines.received} + ${qty}::numeric`,
      ...(close ? { closed: true, closeReason: close.reason } : {}),
    })
    .where(and(eq(purchaseOrderLines.storeId, storeId), eq(purchaseOrderLines.id, lineId)));
}

export async function insertReceipt(tx: Executor, row: typeof purchaseReceipts.$inferInsert) {
  const [created] = await tx.insert(purchaseReceipts).values(row).returning();
  return created!;
}

/** Request ids that exist in the store (outside purchases name the job they buy for). */
export async function existingRequestIds(tx: Executor, storeId: number, ids: readonly number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(tx, sql`SELECT id FROM part_requests WHERE store_id = ${storeId} AND id = ANY(${sql.param([...ids])}::int[])`);
  return new Set(rows.map((r) => Number(r.id)));
}

export interface SuggestionRow {
  part_id: number;
  part_no: string;
  name: string;
  unit: string;
  category: string;
  cost_fen: number;
  on_hand: string;
  on_order: string;
  demand: string;
  avg_monthly: string;
  safety: string;
  from_override: boolean;
  suggested: string;
}

/**
 * Suggested order lines, all in SQL on exact numerics: average monthly outbound over the `months`
 * full months before the current one (issues − returns + counter sales), safety stock = the part's
 * override or factor × that average, suggested = safety + open demand − on hand − on order (> 0),
 * rounded up to whole units for countable units and to 0.001 for the others.
 */
export async function suggestions(
  tx: Executor,
  storeId: number,
  opts: { months: number; factor: string; timeZone: string; category?: string | undefined; limit: number; decimalUnits: readonly string[] },
): Promise<SuggestionRow[]> {
  return queryRows<SuggestionRow>(
    tx,
    sql`WITH bounds AS (
          SELECT (date_trunc('month', now() AT TIME ZONE ${opts.timeZone}) - make_interval(months => ${opts.months})) AT TIME ZONE ${opts.timeZone} AS from_ts,
                 date_trunc('month', now() AT TIME ZONE ${opts.timeZone}) AT TIME ZONE ${opts.timeZone} AS to_ts),
        outbound AS (
          SELECT m.part_id, -sum(m.quantity) AS qty FROM stock_movements m, bounds
          WHERE m.store_id = ${storeId} AND m.kind IN ('issue_to_ro', 'return_from_ro', 'counter_sale') AND m.at >= bounds.from_ts AND m.at < bounds.to_ts
          GROUP BY m.part_id),
        demand AS (
          SELECT part_id, sum(quantity - issued) AS qty FROM part_requests
          WHERE store_id = ${storeId} AND status IN ('pending', 'partly_issued') GROUP BY part_id),
        on_order AS (
          SELECT l.part_id, sum(GREATEST(l.quantity - l.received, 0)) AS qty FROM purchase_order_lines l
          JOIN purchase_orders o ON o.store_id = l.store_id AND o.id = l.order_id
          WHERE l.store_id = ${storeId} AND NOT l.closed AND o.status IN ('draft', 'ordered', 'partly_received') GROUP BY l.part_id),
        calc AS (
          SELECT p.id AS part_id, p.part_no, p.name, p.unit, p.category, p.cost_fen,
            COALESCE(v.on_hand, 0) AS on_hand, COALESCE(oo.qty, 0) AS on_order, COALESCE(d.qty, 0) AS demand,
            GREATEST(COALESCE(ob.qty, 0), 0) / ${opts.months} AS avg_monthly,
            p.safety_stock IS NOT NULL AS from_override,
            COALESCE(p.safety_stock, ${opts.factor}::numeric * GREATEST(COALESCE(ob.qty, 0), 0) / ${opts.months}) AS safety
          FROM parts p
          LEFT JOIN stock_valuations v ON v.store_id = p.store_id AND v.part_id = p.id
          LEFT JOIN outbound ob ON ob.part_id = p.id
          LEFT JOIN demand d ON d.part_id = p.id
          LEFT JOIN on_order oo ON oo.part_id = p.id
          WHERE p.store_id = ${storeId} AND p.active ${opts.category ? sql`AND p.category = ${opts.category}` : sql``}),
        need AS (
          SELECT calc.*, safety + demand - on_hand - on_order AS raw FROM calc)
        SELECT part_id, part_no, name, unit, category, cost_fen, on_hand::text, on_order::text, demand::text,
          round(avg_monthly, 3)::text AS avg_monthly, round(safety, 3)::text AS safety, from_override,
          (CASE WHEN unit = ANY(${sql.param([...opts.decimalUnits])}::text[]) THEN ceil(raw * 1000) / 1000 ELSE ceil(raw) END)::text AS suggested
        FROM need WHERE raw > 0
        ORDER BY part_no LIMIT ${opts.limit}`,
  );
}
