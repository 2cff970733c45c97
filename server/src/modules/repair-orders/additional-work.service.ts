import type { Page } from '#contracts/common';
import type { AdditionalWork, AdditionalWorkCreate, AdditionalWorkDecision, DeclinedWorkQuery, RepairOrder } from '#contracts/repair-orders';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { notifyChange } from '../../platform/events';
import { daysRange } from '../../platform/local-time';
import { pageOf } from '../../platform/pagination';
import { addTimelineEvent } from '../customers';
import { addLines, priceLines } from './lines';
import * as repo from './repair-orders.repository';
import { refreshFigures } from './repair-orders.service';
import { ADDITIONAL_WORK, assertEditable, loadRepairOrder, requireRo, toAdditionalWork } from './views';

/**
 * Additional work (追加项目, SPEC §5): the workshop or the advisor raises it with its price and the
 * delay; nothing is done without the customer's recorded answer. Approved items join the RO as
 * lines; declined ones stay on the declined-work list for later follow-up.
 */
export function raiseAdditionalWork(ctx: Ctx, roId: number, input: AdditionalWorkCreate): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const ro = await requireRo(tx, ctx.storeId, roId);
    assertEditable(ro);
    const priced = await priceLines(tx, ctx.storeId, input.lines, 'lines');
    const row = await repo.insertAdditionalWork(tx, {
      storeId: ctx.storeId,
      roId,
      vehicleId: ro.vehicleId,
      description: input.description,
      safety: input.safety,
      delayMinutes: input.delayMinutes,
      lines: input.lines,
      amountFen: priced.reduce((a, l) => a + l.amountFen, 0),
      photos: input.photos,
      raisedBy: ctx.actor.userId,
      raisedByName: ctx.actor.displayName,
    });
    await notifyChange(tx, ctx.storeId);
    await writeAudit(ctx, tx, { action: 'additional_work.raised', entity: 'additional_work', entityId: row.id, after: { roId, description: row.description, amountFen: row.amountFen } });
    return loadRepairOrder(tx, ctx.storeId, roId);
  });
}

export function decideAdditionalWork(ctx: Ctx, id: number, input: AdditionalWorkDecision): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const work = await repo.findAdditionalWork(tx, ctx.storeId, id);
    if (!work) throw notFound(ADDITIONAL_WORK);
    const ro = await requireRo(tx, ctx.storeId, work.roId, { forUpdate: true });
    if (input.decision === 'approved') assertEditable(ro);
    if (work.decision !== 'pending') {
      throw new AppError('CONFLICT', { zh: '该追加项目已有客户答复', en: 'The customer has answered this item already' }, { decision: work.decision });
    }
    const decided = await repo.updateAdditionalWork(tx, ctx.storeId, id, { version: input.version, decision: 'pending' }, {
      decision: input.decision,
      decidedBy: input.decidedBy,
      channel: input.channel,
      note: input.note,
      decidedAt: new Date(),
      recordedBy: ctx.actor.userId,
      recordedByName: ctx.actor.displayName,
    });
    if (!decided) throw staleVersion();
    if (input.decision === 'approved') {
      await addLines(tx, ctx, ro, work.lines, { source: 'additional', additionalWorkId: id, field: 'lines' });
      await refreshFigures(tx, ctx, ro);
    }
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: ro.vehicleId,
      customerId: ro.customerId,
      kind: 'additional_work',
      title: `追加项目${input.decision === 'approved' ? '客户同意' : '客户拒绝'}：${work.description}`,
      refType: 'repair_order',
      refId: ro.id,
      data: { amountFen: work.amountFen, decidedBy: input.decidedBy, channel: input.channel },
      actor: ctx.actor,
    });
    await notifyChange(tx, ctx.storeId);
    await writeAudit(ctx, tx, { action: `additional_work.${input.decision}`, entity: 'additional_work', entityId: id, before: { decision: 'pending' }, after: { decision: input.decision, decidedBy: input.decidedBy, channel: input.channel } });
    return loadRepairOrder(tx, ctx.storeId, ro.id);
  });
}

export function listDeclinedWork(ctx: Ctx, query: DeclinedWorkQuery): Promise<Page<AdditionalWork>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const range = query.from || query.to ? daysRange(query.from ?? '1970-01-01', query.to ?? '2999-12-31', ctx.timeZone) : undefined;
    const { rows, total } = await repo.listDeclinedWork(tx, ctx.storeId, query, { from: range?.start, to: range?.end });
    return pageOf(query, rows.map((r) => toAdditionalWork(r.work, { number: r.roNumber, plate: r.plate })), total);
  });
}

/** A declined item was followed up (called again, or done on a later visit). */
export function markDeclinedWorkFollowedUp(ctx: Ctx, id: number): Promise<AdditionalWork> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const work = await repo.findAdditionalWork(tx, ctx.storeId, id);
    if (!work) throw notFound(ADDITIONAL_WORK);
    if (work.decision !== 'declined') throw new AppError('CONFLICT', { zh: '只有客户拒绝的项目需要跟进', en: 'Only declined items are followed up' });
    const row = await repo.updateAdditionalWork(tx, ctx.storeId, id, { decision: 'declined' }, { followedUpAt: new Date() });
    if (!row) throw staleVersion();
    const ro = await requireRo(tx, ctx.storeId, row.roId);
    await writeAudit(ctx, tx, { action: 'additional_work.followed_up', entity: 'additional_work', entityId: id });
    return toAdditionalWork(row, { number: ro.number, plate: ro.plate });
  });
}
