import { and, count, eq, sql } from 'drizzle-orm';
import type { StocktakeListQuery } from '#contracts/parts-stocktake';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { textArray } from './catalog.repository';
import { stocktakeLines, stocktakes } from './stocktake.table';

export type StocktakeRow = typeof stocktakes.$inferSelect;
export type StocktakeLineRow = typeof stocktakeLines.$inferSelect;
export type StocktakeWithCounts = StocktakeRow & { lineCount: number; countedCount: number };

// Written out in full: Drizzle may leave a lone table's columns unqualified, which inside the
// subquery would name the line's own columns.
const withCounts = {
  lineCount: sql<number>`(SELECT count(*)::int FROM stocktake_lines l WHERE l.store_id = stocktakes.store_id AND l.stocktake_id = stocktakes.id)`,
  countedCount: sql<number>`(SELECT count(*)::int FROM stocktake_lines l WHERE l.store_id = stocktakes.store_id AND l.stocktake_id = stocktakes.id AND l.counted_qty IS NOT NULL)`,
};

export async function listStocktakes(tx: Executor, storeId: number, query: StocktakeListQuery) {
  const where = and(eq(stocktakes.storeId, storeId), query.status ? eq(stocktakes.status, query.status) : undefined);
  const rows = await tx
    .select({ st: stocktakes, ...withCounts })
    .from(stocktakes)
    .where(where)
    .orderBy(...orderBy({ ...query, sort: query.sort ?? 'createdAt', order: query.sort ? query.order : 'desc' }, { createdAt: stocktakes.createdAt, number: stocktakes.number }, stocktakes.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [total] = await tx.select({ n: count() }).from(stocktakes).where(where);
  return { rows: rows.map((r) => ({ ...r.st, lineCount: Number(r.lineCount), countedCount: Number(r.countedCount) })), total: Number(total?.n ?? 0) };
}

export async function findStocktake(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<StocktakeWithCounts | undefined> {
  const q = tx
    .select({ st: stocktakes, ...withCounts })
    .from(stocktakes)
    .where(and(eq(stocktakes.storeId, storeId), eq(stocktakes.id, id)));
  const [row] = opts.forUpdate ? await q.for('update', { of: stocktakes }) : await q;
  return row && { ...row.st, lineCount: Number(row.lineCount), countedCount: Number(row.countedCount) };
}

/** One stocktake at a time per store may be created: the overlap check and the snapshot run under this lock. */
export async function lockStocktakeCreation(tx: Executor, storeId: number): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('parts.stocktake'), ${storeId}::int)`);
}

export async function openLocations(tx: Executor, storeId: number): Promise<string[][]> {
  const rows = await tx
    .select({ locations: stocktakes.locations })
    .from(stocktakes)
    .where(and(eq(stocktakes.storeId, storeId), eq(stocktakes.status, 'counting')));
  return rows.map((r) => r.locations);
}

/**
 * The book quantities of the counted locations, taken under share locks: a movement that touched
 * one of them has committed before this returns (and is ≤ the watermark read next), and any later
 * one waits for this transaction (and gets a higher id).
 */
export async function snapshotBalances(tx: Executor, storeId: number, locations: readonly string[]) {
  const rows = await queryRows<{ part_id: number; location: string; on_hand: string }>(
    tx,
    sql`SELECT part_id, location, on_hand::text AS on_hand FROM stock_balances
        WHERE store_id = ${storeId} ${locations.length ? sql`AND location = ANY(${textArray(locations)})` : sql``}
        ORDER BY part_id, location FOR SHARE`,
  );
  const [mark] = await queryRows<{ id: string }>(tx, sql`SELECT COALESCE(max(id), 0)::text AS id FROM stock_movements WHERE store_id = ${storeId}`);
  return { rows: rows.map((r) => ({ partId: Number(r.part_id), location: r.location, onHand: r.on_hand })), watermark: Number(mark!.id) };
}

export async function insertStocktake(tx: Executor, row: typeof stocktakes.$inferInsert): Promise<StocktakeRow> {
  const [created] = await tx.insert(stocktakes).values(row).returning();
  return created!;
}

export async function insertLines(tx: Executor, rows: (typeof stocktakeLines.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await tx.insert(stocktakeLines).values(rows.slice(i, i + 1000));
}

export interface SheetLine {
  id: number;
  part_id: number;
  part_no: string;
  name: string;
  unit: string;
  cost_fen: number;
  location: string;
  expected_qty: string;
  counted_qty: string | null;
  counted_at: Date | string | null;
  found: boolean;
  book_at_count: string | null;
  adjustment: string | null;
  adjustment_value_fen: string | null;
  /** Net movements after the snapshot up to the count (or now, uncounted); not this stocktake's own. */
  moved: string;
  val_on_hand: string;
  val_value: string;
}

export async function sheetLines(tx: Executor, storeId: number, stocktake: Pick<StocktakeRow, 'id' | 'snapshotMovementId'>): Promise<SheetLine[]> {
  return queryRows<SheetLine>(
    tx,
    sql`SELECT l.id, l.part_id, p.part_no, p.name, p.unit, p.cost_fen, l.location, l.expected_qty::text AS expected_qty,
          l.counted_qty::text AS counted_qty, l.counted_at, l.found, l.book_at_count::text AS book_at_count,
          l.adjustment::text AS adjustment, l.adjustment_value_fen::text AS adjustment_value_fen,
          COALESCE((SELECT sum(m.quantity) FROM stock_movements m
             WHERE m.store_id = l.store_id AND m.part_id = l.part_id AND m.location = l.location
               AND m.id > ${stocktake.snapshotMovementId} AND m.at <= COALESCE(l.counted_at, now())
               AND (m.ref_type IS DISTINCT FROM 'stocktake' OR m.ref_id <> ${stocktake.id})), 0)::text AS moved,
          COALESCE(v.on_hand, 0)::text AS val_on_hand, COALESCE(v.value_fen, 0)::text AS val_value
        FROM stocktake_lines l
        JOIN parts p ON p.store_id = l.store_id AND p.id = l.part_id
        LEFT JOIN stock_valuations v ON v.store_id = l.store_id AND v.part_id = l.part_id
        WHERE l.store_id = ${storeId} AND l.stocktake_id = ${stocktake.id}
        ORDER BY l.location, p.part_no_key, l.id`,
  );
}

export async function findLines(tx: Executor, storeId: number, stocktakeId: number): Promise<StocktakeLineRow[]> {
  return tx
    .select()
    .from(stocktakeLines)
    .where(and(eq(stocktakeLines.storeId, storeId), eq(stocktakeLines.stocktakeId, stocktakeId)));
}

export async function setCount(tx: Executor, storeId: number, lineId: number, counted: string, at: Date, by: number): Promise<void> {
  await tx
    .update(stocktakeLines)
    .set({ countedQty: counted, countedAt: at, countedBy: by })
    .where(and(eq(stocktakeLines.storeId, storeId), eq(stocktakeLines.id, lineId)));
}

export async function setOutcome(tx: Executor, storeId: number, lineId: number, outcome: { bookAtCount: string; adjustment: string; adjustmentValueFen: number }): Promise<void> {
  await tx
    .update(stocktakeLines)
    .set(outcome)
    .where(and(eq(stocktakeLines.storeId, storeId), eq(stocktakeLines.id, lineId)));
}

/** Locks the balances of the lines (key order), so no movement lands between the variance and its adjustment. */
export async function lockBalances(tx: Executor, storeId: number, keys: { partId: number; location: string }[]): Promise<void> {
  if (keys.length === 0) return;
  await tx.execute(
    sql`SELECT 1 FROM stock_balances WHERE store_id = ${storeId}
        AND (part_id, location) IN (SELECT * FROM unnest(${sql.param(keys.map((k) => k.partId))}::int[], ${textArray(keys.map((k) => k.location))}))
        ORDER BY part_id, location FOR UPDATE`,
  );
}

export async function updateStocktake(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof stocktakes.$inferInsert>) {
  const [row] = await tx
    .update(stocktakes)
    .set({ ...patch, version: sql`${stocktakes.version} + 1` })
    .where(and(eq(stocktakes.storeId, storeId), eq(stocktakes.id, id), eq(stocktakes.version, version)))
    .returning();
  return row;
}
