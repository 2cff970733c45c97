import {
  actionsFrom,
  FROZEN_RO_STATES,
  type AdditionalWork,
  type DiscountRequest,
  type RepairOrder,
  type RepairOrderSummary,
  type RoLine,
  type Settlement,
} from '#contracts/repair-orders';
import { computeTotals } from '#contracts/repair-order-pricing';
import type { Executor } from '../../db/types';
import { AppError, notFound } from '../../platform/errors';
import { issuedVsFitted } from '../parts';
import * as repo from './repair-orders.repository';

export const REPAIR_ORDER = { zh: '维修委托书', en: 'Repair order' };
export const ADDITIONAL_WORK = { zh: '追加项目', en: 'Additional work' };
export const DISCOUNT_REQUEST = { zh: '折扣审批', en: 'Discount request' };
export const SETTLEMENT = { zh: '结算单', en: 'Settlement' };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function isLate(row: Pick<repo.RoRow, 'state' | 'promisedAt'>, now: Date): boolean {
  return row.promisedAt !== null && !FROZEN_RO_STATES.includes(row.state) && row.promisedAt.getTime() < now.getTime();
}

export function toSummary(row: repo.RoRow, now = new Date()): RepairOrderSummary {
  return {
    id: row.id,
    number: row.number,
    type: row.type,
    state: row.state,
    vehicleId: row.vehicleId,
    plate: row.plate,
    vin: row.vin,
    modelName: row.modelName,
    customerId: row.customerId,
    customerName: row.customerName,
    advisorId: row.advisorId,
    advisorName: row.advisorName,
    openedAt: row.openedAt.toISOString(),
    promisedAt: iso(row.promisedAt),
    late: isLate(row, now),
    totalFen: row.totalFen,
    version: row.version,
  };
}

export function toLine(row: repo.LineRow): RoLine {
  return {
    id: row.id,
    kind: row.kind,
    source: row.source,
    additionalWorkId: row.additionalWorkId,
    serviceItemId: row.serviceItemId,
    partId: row.partId,
    description: row.description,
    jobType: row.jobType,
    hours: row.hours === null ? null : String(Number(row.hours)),
    rateFen: row.rateFen,
    fixedPriceFen: row.fixedPriceFen,
    quantity: row.quantity === null ? null : String(Number(row.quantity)),
    unitPriceFen: row.unitPriceFen,
    amountFen: row.amountFen,
    payer: row.payer,
  };
}

export function toAdditionalWork(row: repo.AdditionalWorkRow, ro: { number: string; plate: string | null }): AdditionalWork {
  return {
    id: row.id,
    roId: row.roId,
    roNumber: ro.number,
    plate: ro.plate,
    description: row.description,
    safety: row.safety,
    delayMinutes: row.delayMinutes,
    lines: row.lines,
    amountFen: row.amountFen,
    photos: row.photos,
    decision: row.decision,
    decidedBy: row.decidedBy,
    channel: row.channel,
    note: row.note,
    decidedAt: iso(row.decidedAt),
    recordedByName: row.recordedByName,
    raisedByName: row.raisedByName,
    raisedAt: row.raisedAt.toISOString(),
    followedUpAt: iso(row.followedUpAt),
    version: row.version,
  };
}

export function toDiscountRequest(row: repo.DiscountRequestRow, ro: { number: string; plate: string | null }): DiscountRequest {
  return {
    id: row.id,
    roId: row.roId,
    roNumber: ro.number,
    plate: ro.plate,
    labourDiscountFen: row.labourDiscountFen,
    partsDiscountFen: row.partsDiscountFen,
    percentOfLabourBp: row.percentOfLabourBp,
    reason: row.reason,
    status: row.status,
    requestedByName: row.requestedByName,
    requestedAt: row.requestedAt.toISOString(),
    decidedByName: row.decidedByName,
    decidedAt: iso(row.decidedAt),
    note: row.note,
  };
}

export function toSettlement(row: repo.SettlementRow, payments: repo.PaymentRow[]): Settlement {
  return {
    id: row.id,
    roId: row.roId,
    number: row.number,
    totals: row.totals,
    discountReason: row.discountReason,
    discountRequestId: row.discountRequestId,
    payments: payments.map((p) => ({ id: p.id, payer: p.payer, method: p.method, amountFen: p.amountFen, reference: p.reference })),
    settledByName: row.settledByName,
    settledAt: row.settledAt.toISOString(),
    gatePassNumber: row.gatePassNumber,
    reversedAt: iso(row.reversedAt),
    reversedByName: row.reversedByName,
    reversalReason: row.reversalReason,
    reversalNumber: row.reversalNumber,
  };
}

export async function requireRo(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<repo.RoRow> {
  const row = await repo.findRo(tx, storeId, id, opts);
  if (!row) throw notFound(REPAIR_ORDER);
  return row;
}

/** Lines, totals and the settlement are frozen once the RO is settled, delivered or cancelled. */
export function assertEditable(row: repo.RoRow): void {
  if (FROZEN_RO_STATES.includes(row.state)) {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      { zh: `委托书${row.number}已${row.state === 'cancelled' ? '取消' : '结算'}，不能再修改`, en: `Repair order ${row.number} is ${row.state} and cannot change` },
      { state: row.state },
    );
  }
}

/** The whole RO as the API shows it. */
export async function loadRepairOrder(tx: Executor, storeId: number, id: number): Promise<RepairOrder> {
  const row = await requireRo(tx, storeId, id);
  const [lines, transitions, work, discounts, settlement, parts] = await Promise.all([
    repo.liveLinesOf(tx, storeId, id),
    repo.transitionsOf(tx, storeId, id),
    repo.additionalWorkOf(tx, storeId, id),
    repo.discountRequestsOf(tx, storeId, id),
    repo.latestSettlementOf(tx, storeId, id),
    issuedVsFitted(tx, storeId, id),
  ]);
  const payments = settlement ? await repo.paymentsOf(tx, storeId, settlement.id) : [];
  const live = settlement && settlement.reversedAt === null ? settlement : null;
  const totals = live ? live.totals : computeTotals(lines);
  const ref = { number: row.number, plate: row.plate };
  return {
    ...toSummary(row),
    pricingMethod: row.pricingMethod,
    appointmentId: row.appointmentId,
    broughtByName: row.broughtByName,
    broughtByPhone: row.broughtByPhone,
    odometerKm: row.odometerKm,
    fuelLevel: row.fuelLevel,
    damageMarks: row.damageMarks,
    warningLights: row.warningLights,
    belongings: row.belongings,
    concerns: row.concerns,
    notes: row.notes,
    estimatedHours: (row.estimatedHundredths / 100).toFixed(2),
    signature: row.signature,
    signedAt: iso(row.signedAt),
    deliverySignature: row.deliverySignature,
    pauseReason: row.pauseReason,
    readyAt: iso(row.readyAt),
    settledAt: iso(row.settledAt),
    deliveredAt: iso(row.deliveredAt),
    cancelReason: row.cancelReason,
    lines: lines.map(toLine),
    totals,
    additionalWork: work.map((w) => toAdditionalWork(w, ref)),
    discountRequests: discounts.map((d) => toDiscountRequest(d, ref)),
    settlement: settlement ? toSettlement(settlement, payments) : null,
    transitions: transitions.map((t) => ({ action: t.action, fromState: t.fromState, toState: t.toState, reason: t.reason, byName: t.actorName, at: t.at.toISOString() })),
    actions: actionsFrom(row.state),
    partsOutstanding: parts.lines.filter((l) => l.status !== 'settled' && l.status !== 'cancelled' && Number(l.outstanding) !== 0).length,
  };
}
