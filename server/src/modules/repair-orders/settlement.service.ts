import type { Page } from '#contracts/common';
import { computeTotals, discountExceedsBase, discountShareOfLabourBp, quantityToThousandths, withinDiscountLimit } from '#contracts/repair-order-pricing';
import {
  PAYER_LABELS,
  type Discount,
  type DiscountRequest,
  type DiscountRequestCreate,
  type DiscountRequestListQuery,
  type RepairOrder,
  type RoTotals,
  type SettleBody,
} from '#contracts/repair-orders';
import type { Role } from '#contracts/roles';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { nextDocNumber } from '../../platform/doc-numbers';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { runOncePerKey } from '../../platform/idempotency';
import { pageOf } from '../../platform/pagination';
import { addTimelineEvent } from '../customers';
import { issuedVsFitted, settlePartsOfRo } from '../parts';
import { storeSettingsIn } from '../stores';
import * as repo from './repair-orders.repository';
import { applyTransition } from './state';
import { DISCOUNT_REQUEST, loadRepairOrder, requireRo, SETTLEMENT, toDiscountRequest } from './views';

/**
 * Settlement and delivery (结算与交车, SPEC §7): per-payer totals, discounts within the settler's
 * limit or approved by a higher role, payments split across methods and payers, exactly once per
 * Idempotency-Key, immutable afterwards (a reversal document undoes it), then the gate pass and the
 * customer's signature at delivery.
 */

export interface SettlementPreview {
  totals: RoTotals;
  shareBp: number;
  limitPercent: number | null;
  withinLimit: boolean;
  approvedRequestId: number | null;
}

async function limitOf(tx: Executor, storeId: number, role: Role): Promise<number | undefined> {
  const settings = await storeSettingsIn(tx, storeId);
  return settings.discountLimitPercent[role];
}

function checkDiscountBase(lines: repo.LineRow[], discount: Discount): void {
  const over = discountExceedsBase(lines, discount);
  if (over) {
    throw invalidField(over === 'labour' ? 'labourDiscountFen' : 'partsDiscountFen', {
      zh: over === 'labour' ? '工时折扣不能超过客户付费工时费' : '材料折扣不能超过客户付费材料费',
      en: over === 'labour' ? 'The labour discount exceeds the customer-paid labour' : 'The parts discount exceeds the customer-paid parts',
    });
  }
}

const sameDiscount = (r: repo.DiscountRequestRow, d: Discount) => r.labourDiscountFen === d.labourDiscountFen && r.partsDiscountFen === d.partsDiscountFen;

export function settlementPreview(ctx: Ctx, roId: number, discount: Discount): Promise<SettlementPreview> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await requireRo(tx, ctx.storeId, roId);
    const lines = await repo.liveLinesOf(tx, ctx.storeId, roId);
    checkDiscountBase(lines, discount);
    const shareBp = discountShareOfLabourBp(lines, discount);
    const limit = await limitOf(tx, ctx.storeId, ctx.actor.role);
    const approved = (await repo.discountRequestsOf(tx, ctx.storeId, roId)).find((r) => r.status === 'approved' && sameDiscount(r, discount));
    return {
      totals: computeTotals(lines, discount),
      shareBp: Math.min(shareBp, 1_000_000),
      limitPercent: limit ?? null,
      withinLimit: withinDiscountLimit(shareBp, limit),
      approvedRequestId: approved?.id ?? null,
    };
  });
}

export function requestDiscount(ctx: Ctx, roId: number, input: DiscountRequestCreate): Promise<DiscountRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, roId);
    if (ro.state === 'settled' || ro.state === 'delivered' || ro.state === 'cancelled') {
      throw new AppError('ILLEGAL_TRANSITION', { zh: '委托书已结算或取消，不能申请折扣', en: 'The RO is settled or cancelled' }, { state: ro.state });
    }
    const lines = await repo.liveLinesOf(tx, ctx.storeId, roId);
    checkDiscountBase(lines, input);
    if (input.labourDiscountFen + input.partsDiscountFen === 0) throw invalidField('labourDiscountFen', { zh: '请填写折扣金额', en: 'Enter the discount' });
    const row = await repo.insertDiscountRequest(tx, {
      storeId: ctx.storeId,
      roId,
      labourDiscountFen: input.labourDiscountFen,
      partsDiscountFen: input.partsDiscountFen,
      percentOfLabourBp: Math.min(discountShareOfLabourBp(lines, input), 1_000_000),
      reason: input.reason,
      requestedBy: ctx.actor.userId,
      requestedByName: ctx.actor.displayName,
    });
    await writeAudit(ctx, tx, { action: 'discount.requested', entity: 'discount_request', entityId: row.id, after: { roId, labourDiscountFen: row.labourDiscountFen, partsDiscountFen: row.partsDiscountFen, reason: row.reason } });
    return toDiscountRequest(row, ro);
  });
}

export function listDiscountRequests(ctx: Ctx, query: DiscountRequestListQuery): Promise<Page<DiscountRequest>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listDiscountRequests(tx, ctx.storeId, query);
    return pageOf(query, rows.map((r) => toDiscountRequest(r.request, { number: r.roNumber, plate: r.plate })), total);
  });
}

/** The approver's own limit must cover the discount: a supervisor cannot approve beyond 10 %. */
export function decideDiscountRequest(ctx: Ctx, id: number, input: { approve: boolean; note: string }): Promise<DiscountRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const request = await repo.findDiscountRequest(tx, ctx.storeId, id, { forUpdate: true });
    if (!request) throw notFound(DISCOUNT_REQUEST);
    if (request.status !== 'pending') throw new AppError('CONFLICT', { zh: '该折扣申请已处理', en: 'This request was decided already' }, { status: request.status });
    if (input.approve && !withinDiscountLimit(request.percentOfLabourBp, await limitOf(tx, ctx.storeId, ctx.actor.role))) {
      throw new AppError('FORBIDDEN', { zh: '折扣超出您的审批权限，请上报更高级别', en: 'The discount is beyond your own limit: pass it up' });
    }
    const row = await repo.updateDiscountRequest(tx, ctx.storeId, id, 'pending', {
      status: input.approve ? 'approved' : 'rejected',
      decidedBy: ctx.actor.userId,
      decidedByName: ctx.actor.displayName,
      decidedAt: new Date(),
      note: input.note,
    });
    if (!row) throw new AppError('CONFLICT', { zh: '该折扣申请已处理', en: 'This request was decided already' });
    const ro = await requireRo(tx, ctx.storeId, row.roId);
    await writeAudit(ctx, tx, { action: input.approve ? 'discount.approved' : 'discount.rejected', entity: 'discount_request', entityId: id, before: { status: 'pending' }, after: { status: row.status, note: input.note } });
    return toDiscountRequest(row, ro);
  });
}

/** Part lines bill what was fitted: a billed quantity the workshop did not fit is refused. */
async function assertPartLinesFitted(tx: Executor, storeId: number, roId: number, lines: repo.LineRow[]): Promise<void> {
  await settlePartsOfRo(tx, storeId, roId);
  const parts = await issuedVsFitted(tx, storeId, roId);
  for (const line of lines) {
    if (line.kind !== 'part' || line.partRequestId === null) continue;
    const request = parts.lines.find((l) => l.requestId === line.partRequestId);
    const fitted = request ? quantityToThousandths(request.fitted) : 0;
    if (fitted !== quantityToThousandths(String(line.quantity))) {
      throw new AppError(
        'CONFLICT',
        { zh: `配件“${line.description}”装车数量（${request?.fitted ?? '0'}）与委托书数量（${Number(line.quantity)}）不一致`, en: `Part ${line.description}: fitted ${request?.fitted ?? '0'} but billed ${Number(line.quantity)}` },
        { reason: 'PARTS_NOT_FITTED', lineId: line.id },
      );
    }
  }
}

function checkPayments(totals: RoTotals, payments: SettleBody['payments']): void {
  for (const [i, p] of payments.entries()) {
    if (!totals.byPayer.some((t) => t.payer === p.payer)) {
      throw invalidField(`payments.${i}.payer`, { zh: `委托书没有${PAYER_LABELS[p.payer].zh}的项目`, en: `The RO has no ${PAYER_LABELS[p.payer].en} lines` });
    }
  }
  for (const t of totals.byPayer) {
    const paid = payments.filter((p) => p.payer === t.payer).reduce((a, p) => a + p.amountFen, 0);
    if (paid !== t.totalFen) {
      const yuan = (f: number) => (f / 100).toFixed(2);
      throw invalidField('payments', {
        zh: `${PAYER_LABELS[t.payer].zh}应付 ¥${yuan(t.totalFen)}，收款合计 ¥${yuan(paid)}`,
        en: `${PAYER_LABELS[t.payer].en} owes ¥${yuan(t.totalFen)} but the payments add up to ¥${yuan(paid)}`,
      });
    }
  }
}

/** Settles once per Idempotency-Key: a replay gets the first answer, another body 422. */
export function settleRepairOrder(ctx: Ctx, roId: number, key: string, body: SettleBody): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, (tx) =>
    runOncePerKey(tx, ctx.storeId, `settle:${roId}`, key, body, async () => {
      const ro = await requireRo(tx, ctx.storeId, roId, { forUpdate: true });
      const discount = { labourDiscountFen: body.labourDiscountFen, partsDiscountFen: body.partsDiscountFen };
      const lines = await repo.liveLinesOf(tx, ctx.storeId, roId);
      checkDiscountBase(lines, discount);
      const discountFen = discount.labourDiscountFen + discount.partsDiscountFen;
      if (discountFen > 0 && body.discountReason === '') throw invalidField('discountReason', { zh: '有折扣时请填写折扣原因', en: 'Give the reason for the discount' });
      const shareBp = discountShareOfLabourBp(lines, discount);
      let usedRequest: repo.DiscountRequestRow | undefined;
      if (!withinDiscountLimit(shareBp, await limitOf(tx, ctx.storeId, ctx.actor.role))) {
        usedRequest = body.discountRequestId === null ? undefined : await repo.findDiscountRequest(tx, ctx.storeId, body.discountRequestId, { forUpdate: true });
        if (!usedRequest || usedRequest.roId !== roId || usedRequest.status !== 'approved' || !sameDiscount(usedRequest, discount)) {
          throw new AppError('FORBIDDEN', { zh: '折扣超出您的权限，需要上级审批通过的折扣申请', en: 'The discount is beyond your limit and needs an approved request' }, { reason: 'DISCOUNT_APPROVAL_REQUIRED', shareBp });
        }
        await repo.updateDiscountRequest(tx, ctx.storeId, usedRequest.id, 'approved', { status: 'used' });
      }
      const totals = computeTotals(lines, discount);
      checkPayments(totals, body.payments);
      await assertPartLinesFitted(tx, ctx.storeId, roId, lines);
      const number = await nextDocNumber(tx, ctx.storeId, 'JS', ctx.timeZone);
      const settlement = await repo.insertSettlement(tx, {
        storeId: ctx.storeId,
        roId,
        number,
        totals,
        labourFen: totals.labourFen,
        partsFen: totals.partsFen,
        discountFen: totals.discountFen,
        totalFen: totals.totalFen,
        discountReason: body.discountReason,
        discountRequestId: usedRequest?.id ?? null,
        gatePassNumber: await nextDocNumber(tx, ctx.storeId, 'CC', ctx.timeZone),
        settledBy: ctx.actor.userId,
        settledByName: ctx.actor.displayName,
      });
      await repo.insertPayments(tx, body.payments.map((p) => ({ ...p, storeId: ctx.storeId, settlementId: settlement.id })));
      await applyTransition(tx, ctx, ro, 'settle', { version: body.version, patch: { totalFen: totals.totalFen } });
      await addTimelineEvent(tx, ctx.storeId, {
        vehicleId: ro.vehicleId,
        customerId: ro.customerId,
        kind: 'repair_order',
        title: `结算 ${ro.number}，合计 ¥${(totals.totalFen / 100).toFixed(2)}`,
        refType: 'repair_order',
        refId: ro.id,
        data: { settlement: number, totalFen: totals.totalFen, discountFen: totals.discountFen },
        actor: ctx.actor,
      });
      await writeAudit(ctx, tx, { action: 'settlement.created', entity: 'settlement', entityId: settlement.id, after: { roId, number, totals, payments: body.payments, discountRequestId: usedRequest?.id ?? null } });
      return loadRepairOrder(tx, ctx.storeId, roId);
    }),
  );
}

/** A settled RO is never edited: the settlement is reversed by its own document and the RO is ready again. */
export function reverseSettlement(ctx: Ctx, settlementId: number, reason: string): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const settlement = await repo.findSettlement(tx, ctx.storeId, settlementId);
    if (!settlement) throw notFound(SETTLEMENT);
    const ro = await requireRo(tx, ctx.storeId, settlement.roId, { forUpdate: true });
    if (settlement.reversedAt !== null) throw new AppError('CONFLICT', { zh: '该结算单已冲销', en: 'This settlement was reversed already' });
    await applyTransition(tx, ctx, ro, 'reverse_settlement', { version: ro.version, reason, patch: { settledAt: null } });
    const reversalNumber = await nextDocNumber(tx, ctx.storeId, 'CX', ctx.timeZone);
    await repo.reverseSettlement(tx, ctx.storeId, settlementId, {
      reversedAt: new Date(),
      reversedBy: ctx.actor.userId,
      reversedByName: ctx.actor.displayName,
      reversalReason: reason,
      reversalNumber,
    });
    await writeAudit(ctx, tx, { action: 'settlement.reversed', entity: 'settlement', entityId: settlementId, before: { number: settlement.number, totalFen: settlement.totalFen }, after: { reversalNumber, reason } });
    return loadRepairOrder(tx, ctx.storeId, ro.id);
  });
}

/** Handover (SPEC §7): the customer signs for the car; the gate pass was printed at settlement. */
export function deliverRepairOrder(ctx: Ctx, roId: number, input: { signature: string | null; version: number }): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, roId);
    await applyTransition(tx, ctx, ro, 'deliver', { version: input.version, patch: { deliverySignature: input.signature } });
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: ro.vehicleId,
      customerId: ro.customerId,
      kind: 'repair_order',
      title: `交车出厂 ${ro.number}`,
      refType: 'repair_order',
      refId: ro.id,
      actor: ctx.actor,
    });
    return loadRepairOrder(tx, ctx.storeId, roId);
  });
}
