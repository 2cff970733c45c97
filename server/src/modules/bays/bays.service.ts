import type { Bay, BayCreate, BayListQuery, BayUpdate } from '#contracts/bays';
import type { Page } from '#contracts/common';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as repo from './bays.repository';

const BAY = { zh: '工位', en: 'Bay' };

function toBay({ id, code, name, type, reservedForAppointments, active, version }: repo.BayRow): Bay {
  return { id, code, name, type, reservedForAppointments, active, version };
}

export function listBays(ctx: Ctx, query: BayListQuery): Promise<Page<Bay>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listBays(tx, ctx.storeId, query);
    return pageOf(query, rows.map(toBay), total);
  });
}

export function getBay(ctx: Ctx, id: number): Promise<Bay> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findBay(tx, ctx.storeId, id);
    if (!row) throw notFound(BAY);
    return toBay(row);
  });
}

export function createBay(ctx: Ctx, input: BayCreate): Promise<Bay> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.insertBay(tx, { ...input, storeId: ctx.storeId });
    await writeAudit(ctx, tx, { action: 'bay.created', entity: 'bay', entityId: row.id, after: toBay(row) });
    return toBay(row);
  });
}

/** Bays are never deleted (appointments and jobs point to them): they are deactivated. */
export function updateBay(ctx: Ctx, id: number, input: BayUpdate): Promise<Bay> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findBay(tx, ctx.storeId, id);
    if (!before) throw notFound(BAY);
    const { version, ...patch } = input;
    const row = await repo.updateBay(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'bay.updated', entity: 'bay', entityId: id, before: toBay(before), after: toBay(row) });
    return toBay(row);
  });
}
