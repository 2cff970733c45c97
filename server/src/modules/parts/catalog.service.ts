import type { Page } from '#contracts/common';
import type { Part, PartCreate, PartListQuery, PartUpdate } from '#contracts/parts';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { assertVehicleModelInStore } from '../vehicle-models';
import * as repo from './catalog.repository';
import { searchColumnsOf } from './catalog.keys';
import { assertUnitQty, partNotFound } from './parts.common';
import { normQty, sqlQty, toMilli } from './qty';

export function toPart(row: repo.PartRow, modelIds: number[], onHand: string | null): Part {
  return {
    id: row.id,
    partNo: row.partNo,
    name: row.name,
    brand: row.brand,
    origin: row.origin,
    unit: row.unit,
    category: row.category,
    costFen: row.costFen,
    retailPriceFen: row.retailPriceFen,
    vehicleModelIds: modelIds,
    defaultLocation: row.defaultLocation,
    safetyStock: row.safetyStock === null ? null : normQty(row.safetyStock),
    onHand: normQty(onHand ?? '0'),
    active: row.active,
    version: row.version,
  };
}

export const duplicatePartNo = (partNo: string) =>
  new AppError('DUPLICATE', { zh: `配件编号 ${partNo} 已存在`, en: `Part number ${partNo} exists already` }, { fields: [{ path: 'partNo', message: { zh: '配件编号已存在', en: 'Part number exists already' } }] });

export function listParts(ctx: Ctx, query: PartListQuery): Promise<Page<Part>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listParts(tx, ctx.storeId, query);
    const models = await repo.modelIdsOf(tx, ctx.storeId, rows.map((r) => r.id));
    return pageOf(query, rows.map((r) => toPart(r, models.get(r.id) ?? [], r.onHand)), total);
  });
}

export async function loadPart(tx: Executor, storeId: number, id: number): Promise<Part> {
  const row = await repo.findPartWithStock(tx, storeId, id);
  if (!row) throw partNotFound();
  const models = await repo.modelIdsOf(tx, storeId, [id]);
  return toPart(row, models.get(id) ?? [], row.onHand);
}

export function getPart(ctx: Ctx, id: number): Promise<Part> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadPart(tx, ctx.storeId, id));
}

async function checkModels(tx: Executor, storeId: number, ids: readonly number[]) {
  for (const [i, id] of ids.entries()) await assertVehicleModelInStore(tx, storeId, id, `vehicleModelIds.${i}`);
}

function fieldsOf(input: PartCreate) {
  const { vehicleModelIds: _models, safetyStock, ...fields } = input;
  if (safetyStock !== null) assertUnitQty(input.unit, toMilli(safetyStock), 'safetyStock');
  return { ...fields, safetyStock: safetyStock === null ? null : sqlQty(toMilli(safetyStock)), ...searchColumnsOf(input) };
}

export function createPart(ctx: Ctx, input: PartCreate): Promise<Part> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const fields = fieldsOf(input);
    if ((await repo.findPartsByKeys(tx, ctx.storeId, [fields.partNoKey])).size) throw duplicatePartNo(input.partNo);
    await checkModels(tx, ctx.storeId, input.vehicleModelIds);
    const row = await repo.insertPart(tx, { ...fields, storeId: ctx.storeId });
    await repo.setPartModels(tx, ctx.storeId, row.id, input.vehicleModelIds);
    const part = toPart(row, input.vehicleModelIds, '0');
    await writeAudit(ctx, tx, { action: 'part.created', entity: 'part', entityId: row.id, after: part });
    return part;
  });
}

/** Parts are never deleted (the ledger points to them): they are deactivated. */
export function updatePart(ctx: Ctx, id: number, input: PartUpdate): Promise<Part> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadPart(tx, ctx.storeId, id);
    const { version, ...rest } = input;
    const fields = fieldsOf(rest);
    const twin = (await repo.findPartsByKeys(tx, ctx.storeId, [fields.partNoKey])).get(fields.partNoKey);
    if (twin && twin.id !== id) throw duplicatePartNo(input.partNo);
    await checkModels(tx, ctx.storeId, input.vehicleModelIds);
    const row = await repo.updatePart(tx, ctx.storeId, id, version, fields);
    if (!row) throw staleVersion();
    await repo.setPartModels(tx, ctx.storeId, id, input.vehicleModelIds);
    const part = toPart(row, input.vehicleModelIds, before.onHand);
    await writeAudit(ctx, tx, { action: 'part.updated', entity: 'part', entityId: id, before, after: part });
    return part;
  });
}
