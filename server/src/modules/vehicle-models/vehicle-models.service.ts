import type { Page } from '#contracts/common';
import type { VehicleModel, VehicleModelCreate, VehicleModelListQuery, VehicleModelUpdate } from '#contracts/vehicle-models';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import * as repo from './vehicle-models.repository';

const VEHICLE_MODEL = { zh: '车型', en: 'Vehicle model' };

function toVehicleModel(row: repo.VehicleModelRow): VehicleModel {
  const { id, brand, series, model, year, engine, maintenanceIntervalMonths, maintenanceIntervalKm, active, version } = row;
  return { id, brand, series, model, year, engine, maintenanceIntervalMonths, maintenanceIntervalKm, active, version };
}

/**
 * Same brand/series/model/year in one store is a duplicate. The unique index catches it when a
 * year is given (→ 409 by the error handler); a missing year is checked here under a lock.
 */
async function refuseYearlessDuplicate(tx: Executor, storeId: number, input: VehicleModelCreate, exceptId?: number) {
  if (input.year !== null) return;
  await repo.lockModelKey(tx, storeId, input);
  if (await repo.findYearlessTwin(tx, storeId, input, exceptId)) {
    throw new AppError('DUPLICATE', { zh: '车型已存在（品牌、车系、型号、年款相同）', en: 'This vehicle model exists already (same brand, series, model and year)' });
  }
}

export function listVehicleModels(ctx: Ctx, query: VehicleModelListQuery): Promise<Page<VehicleModel>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listVehicleModels(tx, ctx.storeId, query);
    return pageOf(query, rows.map(toVehicleModel), total);
  });
}

export function getVehicleModel(ctx: Ctx, id: number): Promise<VehicleModel> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const row = await repo.findVehicleModel(tx, ctx.storeId, id);
    if (!row) throw notFound(VEHICLE_MODEL);
    return toVehicleModel(row);
  });
}

export function createVehicleModel(ctx: Ctx, input: VehicleModelCreate): Promise<VehicleModel> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await refuseYearlessDuplicate(tx, ctx.storeId, input);
    const row = await repo.insertVehicleModel(tx, { ...input, storeId: ctx.storeId });
    await writeAudit(ctx, tx, { action: 'vehicle_model.created', entity: 'vehicle_model', entityId: row.id, after: toVehicleModel(row) });
    return toVehicleModel(row);
  });
}

/** Vehicle models are never deleted (vehicles and packages point to them): they are deactivated. */
export function updateVehicleModel(ctx: Ctx, id: number, input: VehicleModelUpdate): Promise<VehicleModel> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findVehicleModel(tx, ctx.storeId, id);
    if (!before) throw notFound(VEHICLE_MODEL);
    await refuseYearlessDuplicate(tx, ctx.storeId, input, id);
    const { version, ...patch } = input;
    const row = await repo.updateVehicleModel(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, {
      action: 'vehicle_model.updated',
      entity: 'vehicle_model',
      entityId: id,
      before: toVehicleModel(before),
      after: toVehicleModel(row),
    });
    return toVehicleModel(row);
  });
}

/**
 * For other modules, inside their own store-scoped transaction: a reference to a vehicle model
 * of another store (or none) is a bad field of the request, answered with 400 on `field`.
 */
export async function assertVehicleModelInStore(tx: Executor, storeId: number, id: number, field = 'vehicleModelId'): Promise<VehicleModel> {
  const row = await repo.findVehicleModel(tx, storeId, id);
  if (!row) throw invalidField(field, { zh: '车型不存在', en: 'Unknown vehicle model' });
  return toVehicleModel(row);
}
