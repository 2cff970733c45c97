import type { Page } from '#contracts/common';
import { MESSAGES } from '#contracts/messages';
import {
  REASON_REQUIRED_ACTIONS,
  type LabourLineInput,
  type PartLineInput,
  type RepairOrder,
  type RepairOrderSummary,
  type RoListQuery,
  type ReasonBody,
  type RoUpdate,
  type TransitionBody,
} from '#contracts/repair-orders';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { daysRange } from '../../platform/local-time';
import { pageOf } from '../../platform/pagination';
import { staffName } from '../identity';
import { cancelRequestIn } from '../parts';
import { addLines, lineFigures } from './lines';
import * as repo from './repair-orders.repository';
import { applyTransition } from './state';
import { assertEditable, loadRepairOrder, requireRo, toSummary } from './views';

const LINE = { zh: '委托书行', en: 'Repair-order line' };

export function listRepairOrders(ctx: Ctx, query: RoListQuery): Promise<Page<RepairOrderSummary>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const range = query.from || query.to ? daysRange(query.from ?? '1970-01-01', query.to ?? '2999-12-31', ctx.timeZone) : undefined;
    const now = new Date();
    const { rows, total } = await repo.listRos(tx, ctx.storeId, query, { from: range?.start, to: range?.end }, now);
    return pageOf(query, rows.map((r) => toSummary(r, now)), total);
  });
}

export function getRepairOrder(ctx: Ctx, id: number): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadRepairOrder(tx, ctx.storeId, id));
}

export function assertPromisedInFuture(promisedAt: string | null, field = 'promisedAt'): void {
  if (promisedAt !== null && Date.parse(promisedAt) < Date.now() - 60_000) throw invalidField(field, MESSAGES['promisedAt.past']);
}

/** The header (walk-around, concerns, promised time…) is replaced as a whole, with the version read. */
export function updateRepairOrder(ctx: Ctx, id: number, input: RoUpdate): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await requireRo(tx, ctx.storeId, id);
    assertEditable(before);
    const { version, promisedAt, ...fields } = input;
    if (promisedAt !== (before.promisedAt?.toISOString() ?? null)) assertPromisedInFuture(promisedAt);
    const advisorId = fields.advisorId ?? before.advisorId;
    const row = await repo.updateRo(tx, ctx.storeId, id, version, {
      ...fields,
      advisorId,
      advisorName: advisorId === before.advisorId || advisorId === null ? before.advisorName : await advisorNameOf(tx, ctx, advisorId),
      promisedAt: promisedAt ? new Date(promisedAt) : null,
    });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'repair_order.updated', entity: 'repair_order', entityId: id, before: headerOf(before), after: headerOf(row) });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

export async function advisorNameOf(tx: Executor, ctx: Ctx, advisorId: number): Promise<string> {
  if (advisorId === ctx.actor.userId) return ctx.actor.displayName;
  const name = await staffName(tx, ctx.storeId, advisorId);
  if (name === null) throw invalidField('advisorId', { zh: '服务顾问不存在', en: 'Unknown service advisor' });
  return name;
}

function headerOf(row: repo.RoRow) {
  const { type, pricingMethod, broughtByName, fuelLevel, damageMarks, warningLights, belongings, concerns, promisedAt, advisorId, notes } = row;
  return { type, pricingMethod, broughtByName, fuelLevel, damageMarks, warningLights, belongings, concerns, promisedAt, advisorId, notes };
}

/** Lines change the RO: its version moves, so an editor holding an old copy gets 409. */
export function addLine(ctx: Ctx, id: number, line: LabourLineInput | PartLineInput, version: number): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id, { forUpdate: true });
    assertEditable(ro);
    if (ro.version !== version) throw staleVersion();
    await addLines(tx, ctx, ro, [line], { source: 'estimate', field: 'line' });
    await refreshFigures(tx, ctx, ro);
    await writeAudit(ctx, tx, { action: 'repair_order.line_added', entity: 'repair_order', entityId: id, after: line });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

export function changeLinePayer(ctx: Ctx, id: number, lineId: number, input: { payer: LabourLineInput['payer']; version: number }): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id, { forUpdate: true });
    assertEditable(ro);
    if (ro.version !== input.version) throw staleVersion();
    const line = await repo.findLiveLine(tx, ctx.storeId, id, lineId);
    if (!line) throw notFound(LINE);
    await repo.updateLine(tx, ctx.storeId, lineId, { payer: input.payer });
    await refreshFigures(tx, ctx, ro);
    await writeAudit(ctx, tx, { action: 'repair_order.line_payer_changed', entity: 'repair_order', entityId: id, before: { lineId, payer: line.payer }, after: { lineId, payer: input.payer } });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** A line is never deleted: it is removed with a reason (its part request is cancelled). */
export function removeLine(ctx: Ctx, id: number, lineId: number, input: { reason: string; version: number }): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id, { forUpdate: true });
    assertEditable(ro);
    if (ro.version !== input.version) throw staleVersion();
    const line = await repo.findLiveLine(tx, ctx.storeId, id, lineId);
    if (!line) throw notFound(LINE);
    if (line.partRequestId !== null) await cancelRequestIn(tx, ctx, line.partRequestId, input.reason || '委托书删除该行');
    await repo.updateLine(tx, ctx.storeId, lineId, { removedAt: new Date(), removedReason: input.reason });
    await refreshFigures(tx, ctx, ro);
    await writeAudit(ctx, tx, { action: 'repair_order.line_removed', entity: 'repair_order', entityId: id, before: { lineId, description: line.description, amountFen: line.amountFen }, after: { reason: input.reason } });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** Refreshes the cached total and estimated hours, moving the version (the caller holds the row lock). */
export async function refreshFigures(tx: Executor, ctx: Ctx, ro: repo.RoRow): Promise<repo.RoRow> {
  const figures = await lineFigures(tx, ctx.storeId, ro.id);
  const row = await repo.updateRo(tx, ctx.storeId, ro.id, ro.version, figures);
  if (!row) throw staleVersion();
  return row;
}

/** The customer signs the RO (SPEC §5): on screen (the image is kept) or on paper (null). */
export function signRepairOrder(ctx: Ctx, id: number, input: { signature: string | null; version: number }): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id);
    await applyTransition(tx, ctx, ro, 'sign', { version: input.version, patch: { signature: input.signature }, reason: input.signature ? '' : '纸质签字' });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** The workshop's moves through the state machine (SPEC §5). */
export function transitionRepairOrder(ctx: Ctx, id: number, input: TransitionBody): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    if (REASON_REQUIRED_ACTIONS.includes(input.action) && input.reason === '' && !(input.action === 'pause' && input.pauseReason)) {
      throw invalidField('reason', { zh: '请填写原因', en: 'Give a reason' });
    }
    if (input.action === 'pause' && input.pauseReason === null) throw invalidField('pauseReason', { zh: '请选择暂停原因', en: 'Pick why the job is paused' });
    const ro = await requireRo(tx, ctx.storeId, id);
    await applyTransition(tx, ctx, ro, input.action, {
      version: input.version,
      reason: input.reason,
      patch: input.action === 'pause' ? { pauseReason: input.pauseReason } : {},
    });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** The advisor's check at delivery sends the car back: internal rework (SPEC §6). */
export function returnToWorkshop(ctx: Ctx, id: number, input: ReasonBody): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id);
    await applyTransition(tx, ctx, ro, 'return_to_workshop', { version: input.version, reason: input.reason });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** A customer who declines is still recorded (SPEC §5): the RO is cancelled, never deleted; its part requests are cancelled. */
export function cancelRepairOrder(ctx: Ctx, id: number, input: ReasonBody): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id);
    await applyTransition(tx, ctx, ro, 'cancel', { version: input.version, reason: input.reason, patch: { cancelReason: input.reason } });
    for (const line of await repo.liveLinesOf(tx, ctx.storeId, id)) {
      if (line.partRequestId !== null) await cancelRequestIn(tx, ctx, line.partRequestId, `委托书取消：${input.reason}`).catch(ignoreClosedRequest);
    }
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}

/** A request already issued in full cannot be cancelled: its parts come back through a return. */
function ignoreClosedRequest(err: unknown): void {
  if (!(err instanceof AppError) || err.status !== 409) throw err;
}

/** The advisor made the progress check (SPEC §5) or gave the pick-up notice (SPEC §7). */
export function markReminder(ctx: Ctx, id: number, input: { kind: 'progress_check' | 'pickup_notice'; version: number }): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, id);
    assertEditable(ro);
    const row = await repo.updateRo(tx, ctx.storeId, id, input.version, input.kind === 'progress_check' ? { progressCheckedAt: new Date() } : { pickupNoticeAt: new Date() });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: `repair_order.${input.kind}`, entity: 'repair_order', entityId: id });
    return loadRepairOrder(tx, ctx.storeId, id);
  });
}
