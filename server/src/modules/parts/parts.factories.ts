import { eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { PART_IMPORT_COLUMNS, type PartImportColumnKey } from '#contracts/parts';
import { queryRows } from '../../db/rows';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { searchColumnsOf } from './catalog.keys';
import { parts } from './catalog.table';
import { applyMovements, type MovementInput } from './ledger.repository';
import { sqlQty, toMilli } from './qty';
import { oldParts } from './old-parts.table';
import { purchaseOrderLines, purchaseOrders } from './purchasing.table';
import { partRequests } from './requests.table';
import { stocktakeLines, stocktakes } from './stocktake.table';
import { stockTransfers } from './transfers.table';

/** Test factories: valid parts data written straight to the database (through the ledger for stock). */

let seq = 0;
const next = () => `${++seq}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;

export const FACTORY_ACTOR = { id: null, name: '测试' };

export async function buildPart(db: Executor, storeId: number, overrides: Partial<typeof parts.$inferInsert> = {}) {
  const partNo = overrides.partNo ?? `TP-${next()}`;
  const name = overrides.name ?? `测试配件${seq}`;
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(parts)
      .values({ storeId, costFen: 1000, retailPriceFen: 1500, defaultLocation: 'A-01', ...overrides, partNo, name, ...searchColumnsOf({ partNo, name }) })
      .returning(),
  );
  return row!;
}

/** Puts stock in through the ledger (a receipt at `unitCostFen`), like a delivery would. */
export async function buildStock(
  db: Executor,
  storeId: number,
  partId: number,
  quantity: string | number,
  opts: { location?: string; unitCostFen?: number; at?: Date } = {},
) {
  return moveStock(db, storeId, {
    partId,
    location: opts.location ?? 'A-01',
    kind: 'receive',
    qty: toMilli(quantity),
    cost: { unitCostFen: opts.unitCostFen ?? 1000 },
    reason: '测试入库',
    refType: 'manual',
    at: opts.at,
  });
}

/** Any movement through the ledger (fixtures back-date them with `at`). */
export async function moveStock(db: Executor, storeId: number, movement: MovementInput) {
  const [applied] = await asSystem(db, (tx) => applyMovements(tx, storeId, FACTORY_ACTOR, [movement]));
  return applied!;
}

/** A part with stock on hand. */
export async function buildStockedPart(db: Executor, storeId: number, quantity: string | number = 10, overrides: Partial<typeof parts.$inferInsert> = {}) {
  const part = await buildPart(db, storeId, overrides);
  await buildStock(db, storeId, part.id, quantity, { location: part.defaultLocation, unitCostFen: part.costFen });
  return part;
}

/** A repair order for requests to name (a part request's RO is a real one: foreign key). */
export async function buildRoForParts(db: Executor, storeId: number) {
  const ro = await buildRepairOrder(db, storeId, { state: 'in_progress' });
  return { roId: ro.id, roNumber: ro.number, roLineId: ro.line.id };
}

export async function buildRequest(
  db: Executor,
  storeId: number,
  partId: number,
  quantity: string | number = 1,
  overrides: Partial<typeof partRequests.$inferInsert> = {},
) {
  const ro = overrides.roId === undefined ? await buildRoForParts(db, storeId) : { roId: overrides.roId, roNumber: `RO-${overrides.roId}` };
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(partRequests)
      .values({ storeId, partId, roId: ro.roId, roNumber: ro.roNumber, quantity: sqlQty(toMilli(quantity)), inStockAtRequest: true, requestedByName: '测试', ...overrides })
      .returning(),
  );
  return row!;
}

/**
 * Every place where the ledger and the balances disagree, for tests (empty = consistent): each
 * balance equals the sum of its movements, each valuation the sum of its balances and of the
 * movements' values, and nothing is negative.
 */
export async function ledgerMismatches(db: Executor, storeId: number): Promise<string[]> {
  return asSystem(db, async (tx) => {
    const rows = await queryRows<{ problem: string }>(
      tx,
      sql`WITH m AS (SELECT part_id, location, sum(quantity) AS qty FROM stock_movements WHERE store_id = ${storeId} GROUP BY part_id, location),
        mv AS (SELECT part_id, sum(quantity) AS qty, sum(value_fen) AS value FROM stock_movements WHERE store_id = ${storeId} GROUP BY part_id),
        b AS (SELECT part_id, location, on_hand FROM stock_balances WHERE store_id = ${storeId}),
        bp AS (SELECT part_id, sum(on_hand) AS qty FROM b GROUP BY part_id),
        v AS (SELECT part_id, on_hand, value_fen FROM stock_valuations WHERE store_id = ${storeId})
      SELECT format('balance %s/%s: on hand %s, ledger %s', COALESCE(b.part_id, m.part_id), COALESCE(b.location, m.location), b.on_hand, m.qty) AS problem
        FROM b FULL JOIN m ON m.part_id = b.part_id AND m.location = b.location
        WHERE COALESCE(b.on_hand, 0) <> COALESCE(m.qty, 0) OR b.on_hand < 0
      UNION ALL
      SELECT format('valuation %s: on hand %s / value %s, balances %s, ledger %s / %s', COALESCE(v.part_id, mv.part_id), v.on_hand, v.value_fen, bp.qty, mv.qty, mv.value)
        FROM v FULL JOIN mv ON mv.part_id = v.part_id LEFT JOIN bp ON bp.part_id = COALESCE(v.part_id, mv.part_id)
        WHERE COALESCE(v.on_hand, 0) <> COALESCE(mv.qty, 0) OR COALESCE(v.on_hand, 0) <> COALESCE(bp.qty, 0)
           OR COALESCE(v.value_fen, 0) <> COALESCE(mv.value, 0) OR v.value_fen < 0 OR (v.on_hand = 0 AND v.value_fen <> 0)`,
    );
    return rows.map((r) => r.problem);
  });
}

/** A request whose part was issued in full (through the ledger), waiting to be fitted or returned. */
export async function buildIssuedRequest(db: Executor, storeId: number, quantity: string | number = 2) {
  const part = await buildStockedPart(db, storeId, quantity);
  const req = await buildRequest(db, storeId, part.id, quantity);
  return asSystem(db, async (tx) => {
    const qty = toMilli(quantity);
    const [moved] = await applyMovements(tx, storeId, FACTORY_ACTOR, [
      { partId: part.id, location: part.defaultLocation, kind: 'issue_to_ro', qty: -qty, refType: 'part_request', refId: req.id, roId: req.roId, roNumber: req.roNumber },
    ]);
    const [row] = await tx
      .update(partRequests)
      .set({ issued: sqlQty(qty), issuedValueFen: Number(-moved!.valueFen), status: 'issued', firstIssuedAt: new Date() })
      .where(eq(partRequests.id, req.id))
      .returning();
    return { part, request: row! };
  });
}

/** An import workbook as a user fills the template. */
export async function partsWorkbook(rows: Partial<Record<PartImportColumnKey, string | number>>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('配件目录');
  sheet.columns = PART_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function buildPurchaseOrder(
  db: Executor,
  storeId: number,
  opts: { kind?: 'regular' | 'outside'; status?: 'draft' | 'ordered'; approved?: boolean; lines?: { partId: number; quantity: string | number; unitCostFen?: number }[] } = {},
) {
  const lines = opts.lines ?? [{ partId: (await buildPart(db, storeId)).id, quantity: 5 }];
  return asSystem(db, async (tx) => {
    const [order] = await tx
      .insert(purchaseOrders)
      .values({
        storeId,
        number: `CGT${next()}`,
        supplier: '测试供应商',
        kind: opts.kind ?? 'regular',
        status: opts.status ?? 'draft',
        orderedAt: opts.status === 'ordered' ? new Date() : null,
        ...(opts.approved ? { approvedAt: new Date(), approvedByName: '车间主管' } : {}),
      })
      .returning();
    const rows = await tx
      .insert(purchaseOrderLines)
      .values(lines.map((l, i) => ({ storeId, orderId: order!.id, lineNo: i + 1, partId: l.partId, quantity: sqlQty(toMilli(l.quantity)), unitCostFen: l.unitCostFen ?? 1000 })))
      .returning();
    return { ...order!, lines: rows };
  });
}

export async function buildOldPart(db: Executor, storeId: number, overrides: Partial<typeof oldParts.$inferInsert> = {}) {
  const { roId, roNumber } = overrides.roId === undefined ? await buildRoForParts(db, storeId) : { roId: overrides.roId, roNumber: 'RO-OLD' };
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(oldParts)
      .values({ storeId, tagNo: `JJT${next()}`, partNo: 'OLD-1', name: '旧件', quantity: '1', roId, roNumber, ...overrides })
      .returning(),
  );
  return row!;
}

/** One side of a transfer (no lines), for reads. */
export async function buildTransfer(db: Executor, storeId: number, counterpartStoreId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx.insert(stockTransfers).values({ storeId, number: `DBT${next()}`, direction: 'out', counterpartStoreId, reason: '测试调拨', actorName: '测试' }).returning(),
  );
  return row!;
}

/**
 * An open stocktake of a location of its own (so it never overlaps another), with one stocked line,
 * counted (1 short) unless `counted: false`.
 */
export async function buildStocktake(db: Executor, storeId: number, opts: { counted?: boolean } = {}) {
  const location = `PDT-${next()}`;
  const part = await buildStockedPart(db, storeId, 3, { defaultLocation: location });
  return asSystem(db, async (tx) => {
    const [mark] = await queryRows<{ id: string }>(tx, sql`SELECT COALESCE(max(id), 0)::text AS id FROM stock_movements WHERE store_id = ${storeId}`);
    const [st] = await tx
      .insert(stocktakes)
      .values({ storeId, number: `PDT${next()}`, locations: [location], snapshotMovementId: Number(mark!.id), createdByName: '测试' })
      .returning();
    const counted = opts.counted ?? true;
    const [line] = await tx
      .insert(stocktakeLines)
      .values({ storeId, stocktakeId: st!.id, partId: part.id, location, expectedQty: '3', ...(counted ? { countedQty: '2', countedAt: new Date() } : {}) })
      .returning();
    return { ...st!, line: line!, part };
  });
}
