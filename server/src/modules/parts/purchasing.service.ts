import type { Page } from '#contracts/common';
import { DECIMAL_UNITS, type PartCategory, type PartUnit } from '#contracts/parts';
import type {
  OrderSuggestionQuery,
  OrderSuggestions,
  PurchaseOrder,
  PurchaseOrderCreate,
  PurchaseOrderListQuery,
  PurchaseOrderUpdate,
  ReceiptCreate,
  ReceiptResult,
} from '#contracts/parts-purchasing';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { getStoreSettings } from '../stores';
import * as catalog from './catalog.repository';
import { nextDocNumber } from '../../platform/doc-numbers';
import { applyMovements, type MovementInput } from './ledger.repository';
import { actorOf, assertUnitQty, illegal, iso, PURCHASE_ORDER, unknownPart } from './parts.common';
import { fromMilli, normQty, sqlQty, toMilli, valueOf } from './qty';
import * as repo from './purchasing.repository';

/**
 * Ordering (SPEC §13): suggested orders, purchase orders draft → ordered → partly received →
 * received (or cancelled), receiving against an order, and outside purchases (外采) that the
 * workshop supervisor approves before anything of them is received.
 */

function toOrder(row: repo.OrderRow, lines: repo.LineView[]): PurchaseOrder {
  return {
    id: row.id,
    number: row.number,
    supplier: row.supplier,
    kind: row.kind,
    status: row.status,
    expectedDate: row.expectedDate,
    note: row.note,
    approval: row.approvedAt ? { byName: row.approvedByName ?? '', at: row.approvedAt.toISOString(), note: row.approvalNote } : null,
    totalFen: Number(lines.reduce((sum, l) => sum + valueOf(toMilli(l.quantity), l.unitCostFen), 0n)),
    lines: lines.map((l) => ({
      id: l.id,
      partId: l.partId,
      partNo: l.partNo,
      partName: l.partName,
      unit: l.unit as PartUnit,
      quantity: normQty(l.quantity),
      received: normQty(l.received),
      unitCostFen: l.unitCostFen,
      requestId: l.requestId,
      closed: l.closed,
      closeReason: l.closeReason,
    })),
    createdByName: row.createdByName,
    createdAt: row.createdAt.toISOString(),
    orderedAt: iso(row.orderedAt),
    version: row.version,
  };
}

async function loadOrder(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}) {
  const row = await repo.findOrder(tx, storeId, id, opts);
  if (!row) throw notFound(PURCHASE_ORDER);
  return row;
}

async function view(tx: Executor, storeId: number, row: repo.OrderRow): Promise<PurchaseOrder> {
  const lines = await repo.linesOf(tx, storeId, [row.id]);
  return toOrder(row, lines.get(row.id) ?? []);
}

export function listOrders(ctx: Ctx, query: PurchaseOrderListQuery): Promise<Page<PurchaseOrder>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listOrders(tx, ctx.storeId, query);
    const lines = await repo.linesOf(tx, ctx.storeId, rows.map((r) => r.id));
    return pageOf(query, rows.map((r) => toOrder(r, lines.get(r.id) ?? [])), total);
  });
}

export function getOrder(ctx: Ctx, id: number): Promise<PurchaseOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => view(tx, ctx.storeId, await loadOrder(tx, ctx.storeId, id)));
}

async function checkedLines(tx: Executor, storeId: number, input: PurchaseOrderCreate) {
  const parts = await catalog.findPartsByIds(tx, storeId, input.lines.map((l) => l.partId));
  const requests = await repo.existingRequestIds(tx, storeId, input.lines.flatMap((l) => (l.requestId ? [l.requestId] : [])));
  return input.lines.map((l, i) => {
    const part = parts.get(l.partId);
    if (!part || !part.active) throw unknownPart(`lines.${i}.partId`);
    const qty = toMilli(l.quantity);
    assertUnitQty(part.unit, qty, `lines.${i}.quantity`);
    if (l.requestId && !requests.has(l.requestId)) throw invalidField(`lines.${i}.requestId`, { zh: '领料申请不存在', en: 'Unknown part request' });
    return { partId: l.partId, quantity: sqlQty(qty), unitCostFen: l.unitCostFen, requestId: l.requestId };
  });
}

export function createOrder(ctx: Ctx, input: PurchaseOrderCreate): Promise<PurchaseOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const lines = await checkedLines(tx, ctx.storeId, input);
    const row = await repo.insertOrder(tx, {
      storeId: ctx.storeId,
      number: await nextDocNumber(tx, ctx.storeId, 'CG', ctx.timeZone),
      supplier: input.supplier,
      kind: input.kind,
      expectedDate: input.expectedDate,
      note: input.note,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await repo.replaceLines(tx, ctx.storeId, row.id, lines);
    const order = await view(tx, ctx.storeId, row);
    await writeAudit(ctx, tx, { action: 'purchase_order.created', entity: 'purchase_order', entityId: row.id, after: order });
    return order;
  });
}

/** Drafts are edited whole (header and lines); once ordered, an order changes only by its actions. */
export function updateOrder(ctx: Ctx, id: number, input: PurchaseOrderUpdate): Promise<PurchaseOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadOrder(tx, ctx.storeId, id, { forUpdate: true });
    if (before.status !== 'draft') throw illegal('只能修改草稿状态的采购订单', 'Only draft orders can be edited', { status: before.status });
    const lines = await checkedLines(tx, ctx.storeId, input);
    const kindChanged = before.kind !== input.kind;
    const row = await repo.updateOrder(tx, ctx.storeId, id, input.version, {
      supplier: input.supplier,
      kind: input.kind,
      expectedDate: input.expectedDate,
      note: input.note,
      // An approval was given to what the workshop saw: an edited outside purchase is approved again.
      ...(kindChanged || before.kind === 'outside' ? { approvedAt: null, approvedBy: null, approvedByName: null, approvalNote: '' } : {}),
    });
    if (!row) throw staleVersion();
    await repo.replaceLines(tx, ctx.storeId, id, lines);
    const order = await view(tx, ctx.storeId, row);
    await writeAudit(ctx, tx, { action: 'purchase_order.updated', entity: 'purchase_order', entityId: id, before: await view(tx, ctx.storeId, before), after: order });
    return order;
  });
}

async function transition(
  ctx: Ctx,
  id: number,
  version: number,
  action: string,
  check: (row: repo.OrderRow) => void,
  patch: (row: repo.OrderRow) => Partial<repo.OrderInsert>,
): Promise<PurchaseOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadOrder(tx, ctx.storeId, id, { forUpdate: true });
    if (before.version !== version) throw staleVersion();
    check(before);
    const row = await repo.updateOrder(tx, ctx.storeId, id, version, patch(before));
    if (!row) throw staleVersion();
    const order = await view(tx, ctx.storeId, row);
    await writeAudit(ctx, tx, { action: `purchase_order.${action}`, entity: 'purchase_order', entityId: id, before: { status: before.status }, after: { status: row.status, approval: order.approval } });
    return order;
  });
}

export function placeOrder(ctx: Ctx, id: number, version: number): Promise<PurchaseOrder> {
  return transition(
    ctx,
    id,
    version,
    'ordered',
    (row) => {
      if (row.status !== 'draft') throw illegal('只有草稿可以下单', 'Only drafts can be ordered', { status: row.status });
    },
    () => ({ status: 'ordered', orderedAt: new Date() }),
  );
}

export function cancelOrder(ctx: Ctx, id: number, version: number, reason: string): Promise<PurchaseOrder> {
  return transition(
    ctx,
    id,
    version,
    'cancelled',
    (row) => {
      if (row.status !== 'draft' && row.status !== 'ordered') {
        throw illegal('已到货的订单不能取消，请对未到的行做“短收关闭”', 'An order with receipts cannot be cancelled; close the open lines short', { status: row.status });
      }
    },
    () => ({ status: 'cancelled', cancelledAt: new Date(), cancelReason: reason }),
  );
}

/** 外采: the workshop supervisor's quality OK, required before receipt. */
export function approveOutside(ctx: Ctx, id: number, version: number, note: string): Promise<PurchaseOrder> {
  return transition(
    ctx,
    id,
    version,
    'approved',
    (row) => {
      if (row.kind !== 'outside') throw illegal('只有外采订单需要审核', 'Only outside purchases are approved', { kind: row.kind });
      if (row.approvedAt) throw illegal('该外采订单已审核', 'This outside purchase is approved already');
      if (row.status !== 'draft' && row.status !== 'ordered') throw illegal('该订单状态不能审核', 'This order cannot be approved in its state', { status: row.status });
    },
    () => ({ approvedAt: new Date(), approvedBy: ctx.actor.userId, approvedByName: ctx.actor.displayName, approvalNote: note }),
  );
}

/**
 * Receiving against an order: each line may receive part of what is open, more than ordered (with
 * a reason), or be closed short (with a reason). Stock and the order change in one transaction; the
 * order is locked first, then the stock rows through the ledger.
 */
export function receiveOrder(ctx: Ctx, id: number, input: ReceiptCreate): Promise<ReceiptResult> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const order = await loadOrder(tx, ctx.storeId, id, { forUpdate: true });
    if (order.status !== 'ordered' && order.status !== 'partly_received') {
      throw illegal('只有已下单或部分到货的订单可以收货', 'Only ordered or partly received orders can be received', { status: order.status });
    }
    if (order.kind === 'outside' && !order.approvedAt) {
      throw new AppError('CONFLICT', { zh: '外采配件需车间主管审核后方可入库', en: 'An outside purchase needs the workshop supervisor’s approval before receipt' }, { reason: 'OUTSIDE_PURCHASE_NOT_APPROVED' });
    }
    const lines = new Map(((await repo.linesOf(tx, ctx.storeId, [id])).get(id) ?? []).map((l) => [l.id, l]));
    const receipt = await repo.insertReceipt(tx, {
      storeId: ctx.storeId,
      orderId: id,
      number: await nextDocNumber(tx, ctx.storeId, 'RK', ctx.timeZone),
      note: input.note,
      receivedBy: ctx.actor.userId,
      receivedByName: ctx.actor.displayName,
    });
    const movements: MovementInput[] = [];
    const updates: { lineId: number; qty: bigint; close: { reason: string } | null }[] = [];
    input.lines.forEach((l, i) => {
      const line = lines.get(l.lineId);
      if (!line) throw invalidField(`lines.${i}.lineId`, { zh: '不是该订单的行', en: 'Not a line of this order' });
      if (line.closed) throw invalidField(`lines.${i}.lineId`, { zh: '该行已关闭', en: 'This line is closed' });
      const qty = toMilli(l.quantity);
      assertUnitQty(line.unit as PartUnit, qty, `lines.${i}.quantity`);
      if (qty === 0n && !l.closeShort) throw invalidField(`lines.${i}.quantity`, { zh: '数量应大于 0（或短收关闭该行）', en: 'Must be above 0 (or close the line short)' });
      const ordered = toMilli(line.quantity);
      const total = toMilli(line.received) + qty;
      if (total > ordered && !l.reason) {
        throw invalidField(`lines.${i}.reason`, { zh: `超出订货数量（订 ${fromMilli(ordered)}，累计到 ${fromMilli(total)}），请填写原因`, en: `More than ordered (${fromMilli(ordered)} ordered, ${fromMilli(total)} received): give a reason` });
      }
      const short = l.closeShort && total < ordered;
      if (short && !l.reason) throw invalidField(`lines.${i}.reason`, { zh: '短收关闭请填写原因', en: 'Give the reason for closing the line short' });
      if (qty > 0n) {
        movements.push({
          partId: line.partId,
          location: l.location ?? line.defaultLocation,
          kind: 'receive',
          qty,
          cost: { unitCostFen: l.unitCostFen ?? line.unitCostFen },
          reason: l.reason,
          refType: 'purchase_receipt',
          refId: receipt.id,
          refLineId: line.id,
        });
      }
      updates.push({ lineId: line.id, qty, close: l.closeShort || total >= ordered ? { reason: short ? l.reason : '' } : null });
    });
    await applyMovements(tx, ctx.storeId, actorOf(ctx), movements);
    for (const u of updates) await repo.receiveOnLine(tx, ctx.storeId, u.lineId, sqlQty(u.qty), u.close);
    const after = (await repo.linesOf(tx, ctx.storeId, [id])).get(id) ?? [];
    const done = after.every((l) => l.closed || toMilli(l.received) >= toMilli(l.quantity));
    const row = await repo.updateOrder(tx, ctx.storeId, id, null, { status: done ? 'received' : 'partly_received' });
    const result = { receipt: { id: receipt.id, number: receipt.number, at: receipt.at.toISOString() }, order: toOrder(row!, after) };
    await writeAudit(ctx, tx, {
      action: 'purchase_order.received',
      entity: 'purchase_order',
      entityId: id,
      after: { receipt: result.receipt, lines: input.lines, status: row!.status },
    });
    return result;
  });
}

export async function orderSuggestions(ctx: Ctx, query: OrderSuggestionQuery): Promise<OrderSuggestions> {
  // Read before the store transaction: on PGlite a second transaction would wait for this one.
  const settings = await getStoreSettings(ctx.db, ctx.storeId);
  // Months of history: the query's, else the store's setting (suggestionHistoryMonths).
  const months = query.months ?? settings.suggestionHistoryMonths;
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rows = await repo.suggestions(tx, ctx.storeId, {
      months,
      factor: String(settings.safetyStockFactor),
      timeZone: ctx.timeZone,
      category: query.category,
      limit: query.limit,
      decimalUnits: DECIMAL_UNITS,
    });
    return {
      safetyStockFactor: settings.safetyStockFactor,
      months,
      items: rows.map((r) => ({
        partId: Number(r.part_id),
        partNo: r.part_no,
        partName: r.name,
        unit: r.unit as PartUnit,
        category: r.category as PartCategory,
        onHand: normQty(r.on_hand),
        onOrder: normQty(r.on_order),
        openDemand: normQty(r.demand),
        avgMonthlyOutbound: normQty(r.avg_monthly),
        safetyStock: normQty(r.safety),
        safetyFromOverride: Boolean(r.from_override),
        suggested: normQty(r.suggested),
        unitCostFen: Number(r.cost_fen),
      })),
    };
  });
}
