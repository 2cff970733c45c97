import type { Page } from '#contracts/common';
import {
  priceOfServiceItem,
  type MaintenancePackage,
  type MaintenancePackageCreate,
  type MaintenancePackageListQuery,
  type MaintenancePackageUpdate,
  type ServiceItem,
  type ServiceItemCreate,
  type ServiceItemListQuery,
  type ServiceItemPrice,
  type ServiceItemUpdate,
} from '#contracts/service-items';
import type { LabourRates } from '#contracts/stores';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { labourRatesOf } from '../stores';
import { assertVehicleModelInStore } from '../vehicle-models';
import * as repo from './service-items.repository';

const SERVICE_ITEM = { zh: '维修项目', en: 'Service item' };
const MAINTENANCE_PACKAGE = { zh: '保养套餐', en: 'Maintenance package' };

function toServiceItem(row: repo.ServiceItemRow, rates: LabourRates): ServiceItem {
  const { id, code, name, system, jobType, standardHours, requiredGrade, requiredCertification, fixedPriceFen, active, version } = row;
  const priceFen = priceOfServiceItem(row, rates);
  return { id, code, name, system, jobType, standardHours, requiredGrade, requiredCertification, fixedPriceFen, priceFen, active, version };
}

// 维修项目

export async function listServiceItems(ctx: Ctx, query: ServiceItemListQuery): Promise<Page<ServiceItem>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rates = await labourRatesOf(tx, ctx.storeId);
    const { rows, total } = await repo.listServiceItems(tx, ctx.storeId, query);
    return pageOf(query, rows.map((r) => toServiceItem(r, rates)), total);
  });
}

export async function getServiceItem(ctx: Ctx, id: number): Promise<ServiceItem> {
  return inStore(ctx.db, ctx.storeId, async (tx) =>
    toServiceItem(await loadServiceItem(tx, ctx.storeId, id), await labourRatesOf(tx, ctx.storeId)),
  );
}

async function loadServiceItem(tx: Executor, storeId: number, id: number): Promise<repo.ServiceItemRow> {
  const row = await repo.findServiceItem(tx, storeId, id);
  if (!row) throw notFound(SERVICE_ITEM);
  return row;
}

/** How the price of an item is made up in this store today (SPEC §2: fixed price or hours × rate). */
export async function priceServiceItem(ctx: Ctx, id: number): Promise<ServiceItemPrice> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rates = await labourRatesOf(tx, ctx.storeId);
    const row = await loadServiceItem(tx, ctx.storeId, id);
    return {
      serviceItemId: row.id,
      basis: row.fixedPriceFen === null ? 'hours' : 'fixed',
      standardHours: row.standardHours,
      labourRateFen: rates[row.jobType],
      priceFen: priceOfServiceItem(row, rates),
    };
  });
}

export async function createServiceItem(ctx: Ctx, input: ServiceItemCreate): Promise<ServiceItem> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rates = await labourRatesOf(tx, ctx.storeId);
    const row = await repo.insertServiceItem(tx, { ...input, storeId: ctx.storeId });
    const item = toServiceItem(row, rates);
    await writeAudit(ctx, tx, { action: 'service_item.created', entity: 'service_item', entityId: row.id, after: item });
    return item;
  });
}

/** Service items are never deleted (repair orders point to them): they are deactivated. */
export async function updateServiceItem(ctx: Ctx, id: number, input: ServiceItemUpdate): Promise<ServiceItem> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rates = await labourRatesOf(tx, ctx.storeId);
    const before = await loadServiceItem(tx, ctx.storeId, id);
    const { version, ...patch } = input;
    const row = await repo.updateServiceItem(tx, ctx.storeId, id, version, patch);
    if (!row) throw staleVersion();
    const after = toServiceItem(row, rates);
    await writeAudit(ctx, tx, { action: 'service_item.updated', entity: 'service_item', entityId: id, before: toServiceItem(before, rates), after });
    return after;
  });
}

// 保养套餐

function toPackage(row: repo.MaintenancePackageRow, serviceItemIds: number[]): MaintenancePackage {
  const { id, code, name, vehicleModelId, mileageKm, active, version } = row;
  return { id, code, name, vehicleModelId, mileageKm, active, version, serviceItemIds };
}

async function loadPackage(tx: Executor, storeId: number, id: number): Promise<MaintenancePackage> {
  const row = await repo.findMaintenancePackage(tx, storeId, id);
  if (!row) throw notFound(MAINTENANCE_PACKAGE);
  const items = await repo.itemIdsOfPackages(tx, storeId, [id]);
  return toPackage(row, items.get(id) ?? []);
}

/** A package may only bundle this store's vehicle model and service items: anything else is a bad field. */
async function checkPackageReferences(tx: Executor, storeId: number, input: MaintenancePackageCreate): Promise<void> {
  if (input.vehicleModelId !== null) await assertVehicleModelInStore(tx, storeId, input.vehicleModelId);
  const known = await repo.existingServiceItemIds(tx, storeId, input.serviceItemIds);
  const message = { zh: '维修项目不存在', en: 'Unknown service item' };
  const fields = input.serviceItemIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `serviceItemIds.${i}`, message }]));
  if (fields.length) {
    throw new AppError('VALIDATION', { zh: `${fields[0]!.path}: ${message.zh}`, en: `${fields[0]!.path}: ${message.en}` }, { fields });
  }
}

export function listMaintenancePackages(ctx: Ctx, query: MaintenancePackageListQuery): Promise<Page<MaintenancePackage>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listMaintenancePackages(tx, ctx.storeId, query);
    const items = await repo.itemIdsOfPackages(tx, ctx.storeId, rows.map((r) => r.id));
    return pageOf(query, rows.map((r) => toPackage(r, items.get(r.id) ?? [])), total);
  });
}

export function getMaintenancePackage(ctx: Ctx, id: number): Promise<MaintenancePackage> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadPackage(tx, ctx.storeId, id));
}

export function createMaintenancePackage(ctx: Ctx, input: MaintenancePackageCreate): Promise<MaintenancePackage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await checkPackageReferences(tx, ctx.storeId, input);
    const { serviceItemIds, ...fields } = input;
    const row = await repo.insertMaintenancePackage(tx, { ...fields, storeId: ctx.storeId });
    await repo.replacePackageItems(tx, ctx.storeId, row.id, serviceItemIds);
    const created = toPackage(row, serviceItemIds);
    await writeAudit(ctx, tx, { action: 'maintenance_package.created', entity: 'maintenance_package', entityId: row.id, after: created });
    return created;
  });
}

/** Replaces the package's fields and its whole item list. Packages are deactivated, never deleted. */
export function updateMaintenancePackage(ctx: Ctx, id: number, input: MaintenancePackageUpdate): Promise<MaintenancePackage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await loadPackage(tx, ctx.storeId, id);
    await checkPackageReferences(tx, ctx.storeId, input);
    const { version, serviceItemIds, ...fields } = input;
    const row = await repo.updateMaintenancePackage(tx, ctx.storeId, id, version, fields);
    if (!row) throw staleVersion();
    await repo.replacePackageItems(tx, ctx.storeId, id, serviceItemIds);
    const after = toPackage(row, serviceItemIds);
    await writeAudit(ctx, tx, { action: 'maintenance_package.updated', entity: 'maintenance_package', entityId: id, before, after });
    return after;
  });
}

// For the repair-order module, inside its own store transaction

/** Service items by id, priced in this store today, in the order asked; unknown ids are left out. */
export async function pricedServiceItems(tx: Executor, storeId: number, ids: number[]): Promise<ServiceItem[]> {
  const rates = await labourRatesOf(tx, storeId);
  const rows = new Map((await repo.findServiceItems(tx, storeId, ids)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [toServiceItem(row, rates)] : [];
  });
}

/** A package with its items priced, for an RO's lines. */
export async function packageWithItems(tx: Executor, storeId: number, id: number): Promise<{ pkg: MaintenancePackage; items: ServiceItem[] }> {
  const pkg = await loadPackage(tx, storeId, id);
  return { pkg, items: await pricedServiceItems(tx, storeId, pkg.serviceItemIds) };
}

/**
 * The package to suggest at reception for a car due at `dueKm` (SPEC §5, §11): among the active
 * packages of its model (or of any model), the one with the largest mileage that divides the due
 * mileage (a 40,000 km service is the major one even though the 10,000 km package also divides
 * it), else the one whose mileage is nearest, else the first without a mileage.
 */
export async function suggestPackage(tx: Executor, storeId: number, vehicleModelId: number | null, dueKm: number | null): Promise<MaintenancePackage | null> {
  const rows = await repo.packagesForModel(tx, storeId, vehicleModelId);
  if (rows.length === 0) return null;
  const ownFirst = [...rows].sort((a, b) => Number(b.vehicleModelId !== null) - Number(a.vehicleModelId !== null));
  const withMileage = ownFirst.filter((r) => r.mileageKm !== null && r.mileageKm > 0);
  let pick: repo.MaintenancePackageRow | undefined;
  if (dueKm !== null && withMileage.length > 0) {
    const dividing = withMileage.filter((r) => dueKm % r.mileageKm! === 0).sort((a, b) => b.mileageKm! - a.mileageKm!);
    pick = dividing[0] ?? [...withMileage].sort((a, b) => Math.abs(a.mileageKm! - dueKm) - Math.abs(b.mileageKm! - dueKm))[0];
  }
  pick ??= ownFirst.find((r) => r.mileageKm === null) ?? ownFirst[0]!;
  return loadPackage(tx, storeId, pick.id);
}
