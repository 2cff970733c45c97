import { sql, type SQL } from 'drizzle-orm';
import { LIST_COUNT_CAP } from '#contracts/common';
import type { MovementListQuery, StockListQuery } from '#contracts/parts';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf } from '../../platform/pagination';
import { partQueryCondition } from './catalog.repository';

export interface StockRow {
  part_id: number;
  part_no: string;
  name: string;
  brand: string;
  unit: string;
  category: string;
  cost_fen: number;
  on_hand: string;
  value_fen: string;
  locations: { location: string; onHand: string }[] | string | null;
  last_receipt_at: Date | string | null;
  last_outbound_at: Date | string | null;
}

/** Sorts with their tie-breaker, each readable from an index (quantity and value: of stock_valuations). */
const STOCK_SORT: Record<string, (dir: SQL) => SQL> = {
  partNo: (dir) => sql`p.part_no_key ${dir}, p.id ${dir}`,
  name: (dir) => sql`p.name_key ${dir}, p.id ${dir}`,
  onHand: (dir) => sql`v.on_hand ${dir}, v.part_id ${dir}`,
  valueFen: (dir) => sql`v.value_fen ${dir}, v.part_id ${dir}`,
};


/** Every part has its valuation row (migration 0017), so this is an inner join. */
function stockSelect(storeId: number): SQL {
  return sql`SELECT p.id AS part_id, p.part_no, p.name, p.brand, p.unit, p.category, p.cost_fen,
      v.on_hand::text AS on_hand, v.value_fen::text AS value_fen,
      v.last_receipt_at, v.last_outbound_at,
      (SELECT json_agg(json_build_object('location', b.location, 'onHand', b.on_hand::text) ORDER BY b.location)
         FROM stock_balances b WHERE b.store_id = ${storeId} AND b.part_id = p.id AND b.on_hand > 0) AS locations
    FROM parts p JOIN stock_valuations v ON v.store_id = p.store_id AND v.part_id = p.id`;
}

/** The stock list: one line per part of the store, with its locations. */
export async function listStock(tx: Executor, storeId: number, query: StockListQuery): Promise<{ rows: StockRow[]; total: number; totalCapped: boolean }> {
  const conds: SQL[] = [sql`p.store_id = ${storeId}`, sql`v.store_id = ${storeId}`];
  if (query.category) conds.push(sql`p.category = ${query.category}`);
  if (query.inStock === true) conds.push(sql`v.on_hand > 0`);
  if (query.inStock === false) conds.push(sql`v.on_hand = 0`);
  if (query.location !== undefined) {
    conds.push(sql`EXISTS (SELECT 1 FROM stock_balances b WHERE b.store_id = ${storeId} AND b.part_id = p.id AND b.location = ${query.location} AND b.on_hand > 0)`);
  }
  if (query.q) conds.push(partQueryCondition(storeId, query.q, sql`p.id`));
  const where = sql.join(conds, sql` AND `);
  const dir = query.order === 'desc' ? sql`DESC` : sql`ASC`;
  const order = STOCK_SORT[query.sort ?? 'partNo']!(dir);
  const rows = await queryRows<StockRow>(
    tx,
    sql`${stockSelect(storeId)} WHERE ${where} ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offsetOf(query)}`,
  );
  // Counted up to the cap (+1 to know there are more): "10,000+" tells as much as 50,000 and costs nothing.
  const [counted] = await queryRows<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM parts p JOIN stock_valuations v ON v.store_id = p.store_id AND v.part_id = p.id
        WHERE ${where} LIMIT ${LIST_COUNT_CAP + 1}) AS matches`,
  );
  const n = Number(counted?.n ?? 0);
  return { rows, total: Math.min(n, LIST_COUNT_CAP), totalCapped: n > LIST_COUNT_CAP };
}

export async function stockOfPart(tx: Executor, storeId: number, partId: number): Promise<StockRow | undefined> {
  const [row] = await queryRows<StockRow>(tx, sql`${stockSelect(storeId)} WHERE p.store_id = ${storeId} AND p.id = ${partId}`);
  return row;
}

/** What is promised around a part's stock: on jobs, fitted but unsettled, open demand, on order. */
export async function commitmentsOfPart(tx: Executor, storeId: number, partId: number) {
  const [row] = await queryRows<{ on_jobs: string; fitted: string; demand: string; on_order: string }>(
    tx,
    sql`SELECT
      (SELECT COALESCE(sum(issued - returned - fitted), 0) FROM part_requests
        WHERE store_id = ${storeId} AND part_id = ${partId} AND status IN ('partly_issued', 'issued'))::text AS on_jobs,
      (SELECT COALESCE(sum(fitted), 0) FROM part_requests
        WHERE store_id = ${storeId} AND part_id = ${partId} AND status IN ('partly_issued', 'issued'))::text AS fitted,
      (SELECT COALESCE(sum(quantity - issued), 0) FROM part_requests
        WHERE store_id = ${storeId} AND part_id = ${partId} AND status IN ('pending', 'partly_issued'))::text AS demand,
      (SELECT COALESCE(sum(GREATEST(l.quantity - l.received, 0)), 0) FROM purchase_order_lines l
        JOIN purchase_orders o ON o.store_id = l.store_id AND o.id = l.order_id
        WHERE l.store_id = ${storeId} AND l.part_id = ${partId} AND NOT l.closed AND o.status IN ('draft', 'ordered', 'partly_received'))::text AS on_order`,
  );
  return row!;
}

export interface MovementRow {
  id: number;
  kind: string;
  part_id: number;
  location: string;
  quantity: string;
  unit_cost_fen: number;
  value_fen: string;
  price_fen: number | null;
  reason: string;
  ref_type: string | null;
  ref_id: number | null;
  ro_id: number | null;
  ro_number: string | null;
  actor_name: string;
  at: Date | string;
}

export async function movementsOfPart(tx: Executor, storeId: number, partId: number, query: MovementListQuery) {
  const where = sql`store_id = ${storeId} AND part_id = ${partId} ${query.kind ? sql`AND kind = ${query.kind}` : sql``}`;
  const rows = await queryRows<MovementRow>(
    tx,
    sql`SELECT id, kind, part_id, location, quantity::text AS quantity, unit_cost_fen, value_fen::text AS value_fen, price_fen, reason,
          ref_type, ref_id, ro_id, ro_number, actor_name, at
        FROM stock_movements WHERE ${where} ORDER BY at DESC, id DESC LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`,
  );
  const [total] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM stock_movements WHERE ${where}`);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function movementById(tx: Executor, storeId: number, id: number): Promise<MovementRow | undefined> {
  const [row] = await queryRows<MovementRow>(
    tx,
    sql`SELECT id, kind, part_id, location, quantity::text AS quantity, unit_cost_fen, value_fen::text AS value_fen, price_fen, reason,
          ref_type, ref_id, ro_id, ro_number, actor_name, at
        FROM stock_movements WHERE store_id = ${storeId} AND id = ${id}`,
  );
  return row;
}
