import type { Page } from '#contracts/common';
import {
  SegmentFilterSchema,
  type Segment,
  type SegmentCounts,
  type SegmentCreate,
  type SegmentFilter,
  type SegmentUpdate,
} from '#contracts/customers-tools';
import type { Vehicle } from '#contracts/customers-vehicles';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion } from '../../platform/errors';
import { offsetOf, pageOf } from '../../platform/pagination';
import * as repo from './segments.repository';
import type { SegmentScope } from './segments.sql';
import { presentVehicles } from './vehicles.service';
import { presentationOf } from './views';
import { todayIn } from '../../platform/local-time';

const SEGMENT = { zh: '客户细分', en: 'Segment' };

const scopeOf = (ctx: Ctx): SegmentScope => ({ storeId: ctx.storeId, timeZone: ctx.timeZone, today: todayIn(ctx.timeZone, new Date()) });

/** Stored filters are read through the schema: fields added later get their defaults. */
const filterOf = (row: repo.SegmentRow): SegmentFilter => SegmentFilterSchema.parse(row.filter);

async function toSegment(tx: Executor, ctx: Ctx, row: repo.SegmentRow): Promise<Segment> {
  const filter = filterOf(row);
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    filter,
    counts: await repo.countSegment(tx, filter, scopeOf(ctx)),
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function listSegments(ctx: Ctx): Promise<Segment[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rows = await repo.listSegments(tx, ctx.storeId);
    const out: Segment[] = [];
    for (const row of rows) out.push(await toSegment(tx, ctx, row));
    return out;
  });
}

export function getSegment(ctx: Ctx, id: number): Promise<Segment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findSegment(tx, ctx.storeId, id);
    if (!row) throw notFound(SEGMENT);
    return toSegment(tx, ctx, row);
  });
}

export function previewSegment(ctx: Ctx, filter: SegmentFilter): Promise<SegmentCounts> {
  return inStore(ctx.db, ctx.storeId, (tx) => repo.countSegment(tx, filter, scopeOf(ctx)));
}

export function createSegment(ctx: Ctx, input: SegmentCreate): Promise<Segment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.insertSegment(tx, { storeId: ctx.storeId, ...input, createdBy: ctx.actor.userId });
    await writeAudit(ctx, tx, { action: 'segment.created', entity: 'segment', entityId: row.id, after: input });
    return toSegment(tx, ctx, row);
  });
}

export function updateSegment(ctx: Ctx, id: number, input: SegmentUpdate): Promise<Segment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findSegment(tx, ctx.storeId, id);
    if (!before) throw notFound(SEGMENT);
    const { version, ...patch } = input;
    const row = await repo.updateSegment(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, {
      action: 'segment.updated',
      entity: 'segment',
      entityId: id,
      before: { name: before.name, description: before.description, filter: before.filter },
      after: patch,
    });
    return toSegment(tx, ctx, row);
  });
}

export function segmentVehicles(ctx: Ctx, id: number, query: { page: number; pageSize: number }): Promise<Page<Vehicle>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findSegment(tx, ctx.storeId, id);
    if (!row) throw notFound(SEGMENT);
    const filter = filterOf(row);
    const scope = scopeOf(ctx);
    const listQuery = { ...query, order: 'asc' as const };
    const rows = await repo.segmentVehicles(tx, filter, scope, { limit: query.pageSize, offset: offsetOf(listQuery) });
    const counts = await repo.countSegment(tx, filter, scope);
    return pageOf(listQuery, await presentVehicles(tx, ctx.storeId, rows, presentationOf(ctx, true)), counts.vehicles);
  });
}
