import type { Page } from '#contracts/common';
import type {
  CounterSale,
  ManualReceipt,
  Movement,
  MovementListQuery,
  MovementResult,
  PartCategory,
  PartStock,
  PartUnit,
  Scrap,
  StockItem,
  StockListQuery,
} from '#contracts/parts';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { pageOf } from '../../platform/pagination';
import * as catalog from './catalog.repository';
import { applyMovements, type AppliedMovement, type MovementInput } from './ledger.repository';
import { actorOf, assertUnitQty, iso, partNotFound, unknownPart } from './parts.common';
import { normQty, roundDiv, toMilli, MILLI } from './qty';
import * as repo from './stock.repository';

export function toStockItem(row: repo.StockRow): StockItem {
  const onHand = toMilli(row.on_hand);
  const value = BigInt(row.value_fen);
  const locations = typeof row.locations === 'string' ? (JSON.parse(row.locations) as StockItem['locations']) : (row.locations ?? []);
  return {
    partId: Number(row.part_id),
    partNo: row.part_no,
    name: row.name,
    brand: row.brand,
    unit: row.unit as PartUnit,
    category: row.category as PartCategory,
    onHand: normQty(row.on_hand),
    valueFen: Number(value),
    avgCostFen: onHand > 0n ? Number(roundDiv(value * MILLI, onHand)) : Number(row.cost_fen),
    locations: locations.map((l) => ({ location: l.location, onHand: normQty(l.onHand) })),
  };
}

export function toMovement(row: repo.MovementRow): Movement {
  return {
    id: Number(row.id),
    kind: row.kind as Movement['kind'],
    partId: Number(row.part_id),
    location: row.location,
    quantity: normQty(row.quantity),
    unitCostFen: Number(row.unit_cost_fen),
    valueFen: Number(row.value_fen),
    priceFen: row.price_fen === null ? null : Number(row.price_fen),
    reason: row.reason,
    refType: row.ref_type,
    refId: row.ref_id === null ? null : Number(row.ref_id),
    roId: row.ro_id === null ? null : Number(row.ro_id),
    roNumber: row.ro_number,
    actorName: row.actor_name,
    at: iso(row.at)!,
  };
}

export function listStock(ctx: Ctx, query: StockListQuery): Promise<Page<StockItem> & { totalCapped: boolean }> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total, totalCapped } = await repo.listStock(tx, ctx.storeId, query);
    return { ...pageOf(query, rows.map(toStockItem), total), totalCapped };
  });
}

export async function loadPartStock(tx: Executor, storeId: number, partId: number): Promise<PartStock> {
  const row = await repo.stockOfPart(tx, storeId, partId);
  if (!row) throw partNotFound();
  const c = await repo.commitmentsOfPart(tx, storeId, partId);
  return {
    ...toStockItem(row),
    onJobs: normQty(c.on_jobs),
    fittedUnsettled: normQty(c.fitted),
    openDemand: normQty(c.demand),
    onOrder: normQty(c.on_order),
    lastReceiptAt: iso(row.last_receipt_at),
    lastOutboundAt: iso(row.last_outbound_at),
  };
}

export function getPartStock(ctx: Ctx, partId: number): Promise<PartStock> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadPartStock(tx, ctx.storeId, partId));
}

export function listMovements(ctx: Ctx, partId: number, query: MovementListQuery): Promise<Page<Movement>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    if (!(await catalog.findPart(tx, ctx.storeId, partId))) throw partNotFound();
    const { rows, total } = await repo.movementsOfPart(tx, ctx.storeId, partId, query);
    return { items: rows.map(toMovement), total, page: query.page, pageSize: query.pageSize };
  });
}

/** One movement of one part, written and audited; answers the movement and the part's stock after it. */
async function moveOne(ctx: Ctx, tx: Executor, input: { partId: number; location?: string | undefined; quantity: string }, build: (part: catalog.PartRow, qty: bigint, location: string) => MovementInput): Promise<MovementResult> {
  const part = await catalog.findPart(tx, ctx.storeId, input.partId);
  if (!part) throw unknownPart('partId');
  const qty = toMilli(input.quantity);
  assertUnitQty(part.unit, qty, 'quantity');
  const location = input.location ?? part.defaultLocation;
  const [applied] = await applyMovements(tx, ctx.storeId, actorOf(ctx), [build(part, qty, location)]);
  const movement = toMovement(await movementRow(tx, ctx.storeId, applied!));
  await writeAudit(ctx, tx, { action: `stock.${movement.kind}`, entity: 'part', entityId: part.id, after: movement });
  return { movement, stock: await loadPartStock(tx, ctx.storeId, part.id) };
}

async function movementRow(tx: Executor, storeId: number, applied: AppliedMovement): Promise<repo.MovementRow> {
  const row = await repo.movementById(tx, storeId, applied.id);
  return row!;
}

/** 入库 without an order (opening stock, consignment…): the reason says why. */
export function receiveManual(ctx: Ctx, input: ManualReceipt): Promise<MovementResult> {
  return inStore(ctx.db, ctx.storeId, (tx) =>
    moveOne(ctx, tx, input, (part, qty, location) => ({
      partId: part.id,
      location,
      kind: 'receive',
      qty,
      cost: { unitCostFen: input.unitCostFen },
      reason: input.reason,
      refType: 'manual',
    })),
  );
}

export function counterSale(ctx: Ctx, input: CounterSale): Promise<MovementResult> {
  return inStore(ctx.db, ctx.storeId, (tx) =>
    moveOne(ctx, tx, input, (part, qty, location) => ({
      partId: part.id,
      location,
      kind: 'counter_sale',
      qty: -qty,
      priceFen: input.unitPriceFen ?? part.retailPriceFen,
      reason: [input.customer, input.reason].filter(Boolean).join(' · '),
    })),
  );
}

export function scrap(ctx: Ctx, input: Scrap): Promise<MovementResult> {
  return inStore(ctx.db, ctx.storeId, (tx) =>
    moveOne(ctx, tx, input, (part, qty, location) => ({ partId: part.id, location, kind: 'scrap', qty: -qty, reason: input.reason })),
  );
}
