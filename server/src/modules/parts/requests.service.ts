import type { Page } from '#contracts/common';
import type { PartUnit } from '#contracts/parts';
import type { Fitted, Issue, PartRequest, PartRequestCreate, PartRequestListQuery, Return, RoParts } from '#contracts/parts-requests';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as catalog from './catalog.repository';
import { applyMovements } from './ledger.repository';
import { actorOf, assertUnitQty, illegal, iso, PART_REQUEST, REPAIR_ORDER_PARTS, unknownPart } from './parts.common';
import { fromMilli, normQty, roundDiv, sqlQty, toMilli } from './qty';
import * as repo from './requests.repository';

/**
 * Part requests and issuing (SPEC §6, §13). Lock order of every change: the request row first
 * (FOR UPDATE), then the stock rows through the ledger, then the request's conditional update. The
 * stock change and the request change commit together or not at all.
 */

/** What a service of this module (or the repair-order module, through index.ts) needs of its caller. */
export type PartsCtx = Pick<Ctx, 'actor' | 'storeId' | 'ip'>;

export function toRequest(v: repo.RequestView): PartRequest {
  const outstanding = toMilli(v.issued) - toMilli(v.returned) - toMilli(v.fitted);
  return {
    id: v.id,
    roId: v.roId,
    roLineId: v.roLineId,
    roNumber: v.roNumber,
    partId: v.partId,
    partNo: v.partNo,
    partName: v.partName,
    unit: v.unit as PartUnit,
    defaultLocation: v.defaultLocation,
    quantity: normQty(v.quantity),
    issued: normQty(v.issued),
    returned: normQty(v.returned),
    fitted: normQty(v.fitted),
    outstanding: fromMilli(outstanding),
    status: v.status,
    inStockAtRequest: v.inStockAtRequest,
    onHand: normQty(v.onHand),
    note: v.note,
    requestedByName: v.requestedByName,
    requestedAt: iso(v.requestedAt)!,
    version: v.version,
  };
}

async function view(tx: Executor, storeId: number, id: number): Promise<PartRequest> {
  const v = await repo.findRequestView(tx, storeId, id);
  if (!v) throw notFound(PART_REQUEST);
  return toRequest(v);
}

export function listRequests(ctx: Ctx, query: PartRequestListQuery): Promise<Page<PartRequest>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listRequests(tx, ctx.storeId, query);
    return pageOf(query, rows.map(toRequest), total);
  });
}

export function getRequest(ctx: Ctx, id: number): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, (tx) => view(tx, ctx.storeId, id));
}

/**
 * A job asks for a part (inside the caller's transaction: the repair-order module calls this when
 * a part line is added). Whether the store could serve it from stock is recorded now, for the fill rate.
 */
export async function requestPartsForLine(tx: Executor, ctx: PartsCtx, input: PartRequestCreate): Promise<PartRequest> {
  const part = await catalog.findPart(tx, ctx.storeId, input.partId);
  if (!part || !part.active) throw unknownPart('partId');
  const qty = toMilli(input.quantity);
  assertUnitQty(part.unit, qty, 'quantity');
  const inStockAtRequest = await repo.coveredByStock(tx, ctx.storeId, part.id, sqlQty(qty));
  const row = await repo.insertRequest(tx, {
    storeId: ctx.storeId,
    partId: part.id,
    roId: input.roId,
    roLineId: input.roLineId,
    roNumber: input.roNumber,
    quantity: sqlQty(qty),
    inStockAtRequest,
    note: input.note,
    requestedBy: ctx.actor.userId,
    requestedByName: ctx.actor.displayName,
  });
  const created = await view(tx, ctx.storeId, row.id);
  await writeAudit(ctx, tx, { action: 'part_request.created', entity: 'part_request', entityId: row.id, after: created });
  return created;
}

/** What the parts counter must know of the RO a request names (the repair-order module answers). */
export interface RoForParts {
  number: string;
  /** Still takes parts: not settled, delivered or cancelled. */
  open: boolean;
  /** The RO's line ids (a request may name one of them). */
  lineIds: number[];
}
export type RoResolver = (tx: Executor, storeId: number, roId: number) => Promise<RoForParts | null>;
let resolveRo: RoResolver | undefined;

/**
 * The repair-order module registers how to look an RO up: it sits above this module (it calls
 * `requestPartsForLine`), so parts cannot import it.
 */
export function registerRoResolver(resolver: RoResolver): void {
  resolveRo = resolver;
}

/**
 * A request made at the counter or on the technician's tablet: it must name an open RO of the store
 * (and one of its lines); the RO's own number is recorded, whatever the client sent.
 */
export function createRequest(ctx: Ctx, input: PartRequestCreate): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    if (!resolveRo) throw new Error('parts: no repair-order resolver registered');
    const ro = await resolveRo(tx, ctx.storeId, input.roId);
    if (!ro) throw invalidField('roId', { zh: '工单不存在', en: 'Unknown repair order' });
    if (!ro.open) throw illegal('工单已结算、交车或取消，不能再领料', 'The repair order is settled, delivered or cancelled: no more parts', { roId: input.roId });
    if (input.roLineId !== null && !ro.lineIds.includes(input.roLineId)) {
      throw invalidField('roLineId', { zh: '该项目不属于此工单', en: 'This line is not on the repair order' });
    }
    return requestPartsForLine(tx, ctx, { ...input, roNumber: ro.number });
  });
}

async function lockOpen(tx: Executor, storeId: number, id: number) {
  const row = await repo.lockRequest(tx, storeId, id);
  if (!row) throw notFound(PART_REQUEST);
  return row;
}

const changedMeanwhile = () =>
  new AppError('CONFLICT', { zh: '领料申请已被他人处理，请刷新后重试', en: 'The request was changed meanwhile; reload and try again' });

/** The clerk issues (all that is still to issue, or part of it) from a location. */
export function issuePart(ctx: Ctx, id: number, input: Issue): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const req = await lockOpen(tx, ctx.storeId, id);
    if (req.status !== 'pending' && req.status !== 'partly_issued') {
      throw illegal('该申请已发料完毕、已结算或已取消', 'This request is fully issued, settled or cancelled', { status: req.status });
    }
    const part = (await catalog.findPart(tx, ctx.storeId, req.partId))!;
    const remaining = toMilli(req.quantity) - toMilli(req.issued);
    const qty = input.quantity === undefined ? remaining : toMilli(input.quantity);
    assertUnitQty(part.unit, qty, 'quantity');
    if (qty > remaining) {
      throw invalidField('quantity', { zh: `超出未发数量（还可发 ${fromMilli(remaining)}）`, en: `More than is left to issue (${fromMilli(remaining)})` });
    }
    const [moved] = await applyMovements(tx, ctx.storeId, actorOf(ctx), [
      {
        partId: part.id,
        location: input.location ?? part.defaultLocation,
        kind: 'issue_to_ro',
        qty: -qty,
        refType: 'part_request',
        refId: req.id,
        refLineId: req.roLineId,
        roId: req.roId,
        roNumber: req.roNumber,
      },
    ]);
    const updated = await repo.markIssued(tx, ctx.storeId, id, sqlQty(qty), -moved!.valueFen);
    if (!updated) throw changedMeanwhile();
    const after = await view(tx, ctx.storeId, id);
    await writeAudit(ctx, tx, {
      action: 'part_request.issued',
      entity: 'part_request',
      entityId: id,
      after: { quantity: fromMilli(qty), location: moved!.input.location, valueFen: Number(-moved!.valueFen), movementId: moved!.id, issued: after.issued },
    });
    return after;
  });
}

/** Parts issued but not fitted come back to stock at the cost they left it. */
export function returnPart(ctx: Ctx, id: number, input: Return): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const req = await lockOpen(tx, ctx.storeId, id);
    if (req.status !== 'partly_issued' && req.status !== 'issued') {
      throw illegal('该申请没有可退回的配件（未发料、已结算或已取消）', 'Nothing to return on this request (not issued, settled or cancelled)', { status: req.status });
    }
    const part = (await catalog.findPart(tx, ctx.storeId, req.partId))!;
    const qty = toMilli(input.quantity);
    assertUnitQty(part.unit, qty, 'quantity');
    const out = toMilli(req.issued) - toMilli(req.returned);
    const returnable = out - toMilli(req.fitted);
    if (qty > returnable) {
      throw invalidField('quantity', { zh: `超出可退数量（已领未装 ${fromMilli(returnable)}）`, en: `More than can be returned (${fromMilli(returnable)} issued and not fitted)` });
    }
    const held = BigInt(req.issuedValueFen);
    const value = qty === out ? held : roundDiv(held * qty, out);
    const [moved] = await applyMovements(tx, ctx.storeId, actorOf(ctx), [
      {
        partId: part.id,
        location: input.location ?? part.defaultLocation,
        kind: 'return_from_ro',
        qty,
        cost: { valueFen: value },
        reason: input.reason,
        refType: 'part_request',
        refId: req.id,
        refLineId: req.roLineId,
        roId: req.roId,
        roNumber: req.roNumber,
      },
    ]);
    const updated = await repo.markReturned(tx, ctx.storeId, id, sqlQty(qty), value);
    if (!updated) throw changedMeanwhile();
    const after = await view(tx, ctx.storeId, id);
    await writeAudit(ctx, tx, {
      action: 'part_request.returned',
      entity: 'part_request',
      entityId: id,
      after: { quantity: fromMilli(qty), location: moved!.input.location, valueFen: Number(value), movementId: moved!.id, reason: input.reason },
    });
    return after;
  });
}

/** The workshop states how much of what was issued went into the car. */
export function recordFitted(ctx: Ctx, id: number, input: Fitted): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const req = await lockOpen(tx, ctx.storeId, id);
    if (req.status === 'settled' || req.status === 'cancelled') {
      throw illegal('该申请已结算或已取消', 'This request is settled or cancelled', { status: req.status });
    }
    const part = (await catalog.findPart(tx, ctx.storeId, req.partId))!;
    const fitted = toMilli(input.fitted);
    assertUnitQty(part.unit, fitted, 'fitted');
    const max = toMilli(req.issued) - toMilli(req.returned);
    if (fitted > max) {
      throw invalidField('fitted', { zh: `装车数量不能超过已领未退数量 ${fromMilli(max)}`, en: `Cannot exceed what was issued and not returned (${fromMilli(max)})` });
    }
    const updated = await repo.setFitted(tx, ctx.storeId, id, sqlQty(fitted));
    if (!updated) throw changedMeanwhile();
    const after = await view(tx, ctx.storeId, id);
    await writeAudit(ctx, tx, { action: 'part_request.fitted', entity: 'part_request', entityId: id, before: { fitted: normQty(req.fitted) }, after: { fitted: after.fitted } });
    return after;
  });
}

/**
 * No more issuing on this request: cancelled when nothing was issued, otherwise the remainder is
 * dropped (quantity = issued) and what was issued stays to be fitted or returned.
 */
export function cancelRequest(ctx: Ctx, id: number, reason: string): Promise<PartRequest> {
  return inStore(ctx.db, ctx.storeId, (tx) => cancelRequestIn(tx, ctx, id, reason));
}

/** `cancelRequest` in the caller's transaction: removing a part line of an RO cancels its request. */
export async function cancelRequestIn(tx: Executor, ctx: PartsCtx, id: number, reason: string): Promise<PartRequest> {
  {
    const req = await lockOpen(tx, ctx.storeId, id);
    if (req.status !== 'pending' && req.status !== 'partly_issued') {
      throw illegal('只能取消待发料或部分发料的申请', 'Only pending or partly issued requests can be cancelled', { status: req.status });
    }
    const nothingIssued = toMilli(req.issued) === 0n;
    await repo.patchRequest(
      tx,
      ctx.storeId,
      id,
      nothingIssued
        ? { status: 'cancelled', cancelledAt: new Date(), cancelReason: reason }
        : { status: 'issued', quantity: req.issued, cancelReason: reason },
    );
    const after = await view(tx, ctx.storeId, id);
    await writeAudit(ctx, tx, { action: 'part_request.cancelled', entity: 'part_request', entityId: id, before: { status: req.status, quantity: normQty(req.quantity) }, after: { status: after.status, quantity: after.quantity, reason } });
    return after;
  }
}

// ---------------------------------------------------------------------------------------------
// Repair orders (issue 4 calls these through index.ts, inside its own transaction)

/** Issued vs fitted + returned, line by line, of one repair order. */
export async function issuedVsFitted(tx: Executor, storeId: number, roId: number): Promise<RoParts> {
  const rows = await repo.requestsOfRo(tx, storeId, roId);
  const lines = rows.map((r) => {
    const req = toRequest(r);
    return {
      requestId: r.id,
      roLineId: r.roLineId,
      partId: r.partId,
      partNo: r.partNo,
      partName: r.partName,
      quantity: req.quantity,
      issued: req.issued,
      returned: req.returned,
      fitted: req.fitted,
      outstanding: req.outstanding,
      issuedValueFen: Number(r.issuedValueFen),
      status: r.status,
    };
  });
  return {
    roId,
    roNumber: rows[0]?.roNumber ?? '',
    reconciled: lines.every((l) => l.status === 'settled' || l.status === 'cancelled' || toMilli(l.outstanding) === 0n),
    lines,
  };
}

/**
 * Refuses (409) while any line of the RO has issued ≠ fitted + returned: an RO is not settled with
 * parts that left the store and are neither in the car nor back on the shelf.
 */
export async function assertPartsReconciled(tx: Executor, storeId: number, roId: number): Promise<void> {
  const parts = await issuedVsFitted(tx, storeId, roId);
  const open = parts.lines.filter((l) => l.status !== 'settled' && l.status !== 'cancelled' && toMilli(l.outstanding) !== 0n);
  if (open.length === 0) return;
  const list = open.map((l) => `${l.partNo} 已领 ${l.issued}、已装 ${l.fitted}、已退 ${l.returned}`).join('；');
  const listEn = open.map((l) => `${l.partNo} issued ${l.issued}, fitted ${l.fitted}, returned ${l.returned}`).join('; ');
  throw new AppError(
    'CONFLICT',
    { zh: `配件未对账，不能结算：${list}。请登记装车数量或退回未装配件`, en: `Parts not reconciled, cannot settle: ${listEn}. Record what was fitted or return the rest` },
    { reason: 'PARTS_NOT_RECONCILED', lines: open },
  );
}

/** At settlement: checks the reconciliation, then closes the RO's lines (never-issued ones are cancelled). */
export async function settlePartsOfRo(tx: Executor, storeId: number, roId: number): Promise<void> {
  await assertPartsReconciled(tx, storeId, roId);
  await repo.settleRo(tx, storeId, roId);
}

export function getRoParts(ctx: Ctx, roId: number): Promise<RoParts> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const parts = await issuedVsFitted(tx, ctx.storeId, roId);
    if (parts.lines.length === 0) throw notFound(REPAIR_ORDER_PARTS);
    return parts;
  });
}
