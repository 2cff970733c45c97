import type { Page } from '#contracts/common';
import type { OldPart, OldPartCreate, OldPartListQuery, OldPartUpdate } from '#contracts/parts-old-parts';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as catalog from './catalog.repository';
import { nextDocNumber } from '../../platform/doc-numbers';
import * as repo from './old-parts.repository';
import { illegal, iso, OLD_PART, unknownPart } from './parts.common';
import { normQty, sqlQty, toMilli } from './qty';
import * as requests from './requests.repository';

/** Old parts of warranty jobs (旧件): tagged, kept at a location, returned to the maker or scrapped. */

function toOldPart(r: repo.OldPartRow): OldPart {
  return {
    id: r.id,
    tagNo: r.tagNo,
    partId: r.partId,
    partNo: r.partNo,
    name: r.name,
    quantity: normQty(r.quantity),
    roId: r.roId,
    roLineId: r.roLineId,
    roNumber: r.roNumber,
    requestId: r.requestId,
    claimNo: r.claimNo,
    location: r.location,
    status: r.status,
    waybillNo: r.waybillNo,
    returnedAt: iso(r.returnedAt),
    disposedReason: r.disposedReason,
    note: r.note,
    taggedByName: r.taggedByName,
    taggedAt: r.taggedAt.toISOString(),
    version: r.version,
  };
}

async function load(tx: Executor, storeId: number, id: number) {
  const row = await repo.findOldPart(tx, storeId, id);
  if (!row) throw notFound(OLD_PART);
  return row;
}

export function listOldParts(ctx: Ctx, query: OldPartListQuery): Promise<Page<OldPart>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listOldParts(tx, ctx.storeId, query);
    return pageOf(query, rows.map(toOldPart), total);
  });
}

export function getOldPart(ctx: Ctx, id: number): Promise<OldPart> {
  return inStore(ctx.db, ctx.storeId, async (tx) => toOldPart(await load(tx, ctx.storeId, id)));
}

export function tagOldPart(ctx: Ctx, input: OldPartCreate): Promise<OldPart> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    let { partNo, name } = input;
    if (input.partId !== null) {
      const part = await catalog.findPart(tx, ctx.storeId, input.partId);
      if (!part) throw unknownPart('partId');
      partNo ||= part.partNo;
      name ||= part.name;
    }
    if (!partNo) throw invalidField('partNo', { zh: '请选择配件或填写配件编号', en: 'Choose a part or enter its number' });
    if (!name) throw invalidField('name', { zh: '请填写配件名称', en: 'Enter the part name' });
    if (input.requestId !== null) {
      const req = await requests.findRequestView(tx, ctx.storeId, input.requestId);
      if (!req) throw invalidField('requestId', { zh: '领料申请不存在', en: 'Unknown part request' });
    }
    const row = await repo.insertOldPart(tx, {
      ...input,
      partNo,
      name,
      quantity: sqlQty(toMilli(input.quantity)),
      storeId: ctx.storeId,
      tagNo: await nextDocNumber(tx, ctx.storeId, 'JJ', ctx.timeZone),
      taggedBy: ctx.actor.userId,
      taggedByName: ctx.actor.displayName,
    });
    await writeAudit(ctx, tx, { action: 'old_part.tagged', entity: 'old_part', entityId: row.id, after: toOldPart(row) });
    return toOldPart(row);
  });
}

export function updateOldPart(ctx: Ctx, id: number, input: OldPartUpdate): Promise<OldPart> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await load(tx, ctx.storeId, id);
    const { version, ...patch } = input;
    const row = await repo.updateOldPart(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'old_part.updated', entity: 'old_part', entityId: id, before: toOldPart(before), after: toOldPart(row) });
    return toOldPart(row);
  });
}

async function leaveStorage(ctx: Ctx, id: number, version: number, action: 'returned' | 'scrapped', patch: Parameters<typeof repo.updateOldPart>[4]) {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await load(tx, ctx.storeId, id);
    if (before.status !== 'in_storage') throw illegal('该旧件已返厂或已报废', 'This old part was returned or scrapped already', { status: before.status });
    const row = await repo.updateOldPart(tx, ctx.storeId, id, version, patch, true);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: `old_part.${action}`, entity: 'old_part', entityId: id, before: { status: before.status }, after: toOldPart(row) });
    return toOldPart(row);
  });
}

export function returnOldPart(ctx: Ctx, id: number, version: number, waybillNo: string): Promise<OldPart> {
  return leaveStorage(ctx, id, version, 'returned', { status: 'returned', returnedAt: new Date(), waybillNo });
}

export function scrapOldPart(ctx: Ctx, id: number, version: number, reason: string): Promise<OldPart> {
  return leaveStorage(ctx, id, version, 'scrapped', { status: 'scrapped', disposedAt: new Date(), disposedReason: reason });
}
