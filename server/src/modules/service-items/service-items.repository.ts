import { and, asc, count, eq, ilike, inArray, isNull, or, sql } from 'drizzle-orm';
import type { MaintenancePackageListQuery, ServiceItemListQuery } from '#contracts/service-items';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { maintenancePackageItems, maintenancePackages, serviceItems } from './service-items.table';

export type ServiceItemRow = typeof serviceItems.$inferSelect;
export type MaintenancePackageRow = typeof maintenancePackages.$inferSelect;

// 维修项目

export async function listServiceItems(tx: Executor, storeId: number, query: ServiceItemListQuery) {
  const where = and(
    eq(serviceItems.storeId, storeId),
    query.system ? eq(serviceItems.system, query.system) : undefined,
    query.jobType ? eq(serviceItems.jobType, query.jobType) : undefined,
    query.active === undefined ? undefined : eq(serviceItems.active, query.active),
    query.q ? or(ilike(serviceItems.code, likePattern(query.q)), ilike(serviceItems.name, likePattern(query.q))) : undefined,
  );
  const columns = { code: serviceItems.code, name: serviceItems.name, system: serviceItems.system, standardHours: serviceItems.standardHours };
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(serviceItems)
      .where(where)
      .orderBy(...orderBy(query, columns, serviceItems.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(serviceItems).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findServiceItem(tx: Executor, storeId: number, id: number): Promise<ServiceItemRow | undefined> {
  const [row] = await tx
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.storeId, storeId), eq(serviceItems.id, id)));
  return row;
}

/** Which of `ids` are service items of the store. */
export async function existingServiceItemIds(tx: Executor, storeId: number, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await tx
    .select({ id: serviceItems.id })
    .from(serviceItems)
    .where(and(eq(serviceItems.storeId, storeId), inArray(serviceItems.id, ids)));
  return new Set(rows.map((r) => r.id));
}

export async function insertServiceItem(tx: Executor, row: typeof serviceItems.$inferInsert): Promise<ServiceItemRow> {
  const [created] = await tx.insert(serviceItems).values(row).returning();
  return created!;
}

export async function updateServiceItem(
  tx: Executor,
  storeId: number,
  id: number,
  version: number,
  patch: Partial<typeof serviceItems.$inferInsert>,
) {
  const [row] = await tx
    .update(serviceItems)
    .set({ ...patch, version: sql`${serviceItems.version} + 1`, updatedAt: new Date() })
    .where(and(eq(serviceItems.storeId, storeId), eq(serviceItems.id, id), eq(serviceItems.version, version)))
    .returning();
  return row;
}

// 保养套餐

export async function listMaintenancePackages(tx: Executor, storeId: number, query: MaintenancePackageListQuery) {
  const where = and(
    eq(maintenancePackages.storeId, storeId),
    query.vehicleModelId ? eq(maintenancePackages.vehicleModelId, query.vehicleModelId) : undefined,
    query.active === undefined ? undefined : eq(maintenancePackages.active, query.active),
    query.q ? or(ilike(maintenancePackages.code, likePattern(query.q)), ilike(maintenancePackages.name, likePattern(query.q))) : undefined,
  );
  const columns = { code: maintenancePackages.code, name: maintenancePackages.name, mileageKm: maintenancePackages.mileageKm };
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(maintenancePackages)
      .where(where)
      .orderBy(...orderBy(query, columns, maintenancePackages.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(maintenancePackages).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findMaintenancePackage(tx: Executor, storeId: number, id: number): Promise<MaintenancePackageRow | undefined> {
  const [row] = await tx
    .select()
    .from(maintenancePackages)
    .where(and(eq(maintenancePackages.storeId, storeId), eq(maintenancePackages.id, id)));
  return row;
}

export async function insertMaintenancePackage(tx: Executor, row: typeof maintenancePackages.$inferInsert): Promise<MaintenancePackageRow> {
  const [created] = await tx.insert(maintenancePackages).values(row).returning();
  return created!;
}

export async function updateMaintenancePackage(
  tx: Executor,
  storeId: number,
  id: number,
  version: number,
  patch: Partial<typeof maintenancePackages.$inferInsert>,
) {
  const [row] = await tx
    .update(maintenancePackages)
    .set({ ...patch, version: sql`${maintenancePackages.version} + 1`, updatedAt: new Date() })
    .where(and(eq(maintenancePackages.storeId, storeId), eq(maintenancePackages.id, id), eq(maintenancePackages.version, version)))
    .returning();
  return row;
}

/** The ordered service item ids of each of `packageIds`. */
export async function itemIdsOfPackages(tx: Executor, storeId: number, packageIds: number[]): Promise<Map<number, number[]>> {
  const byPackage = new Map<number, number[]>(packageIds.map((id) => [id, []]));
  if (packageIds.length === 0) return byPackage;
  const rows = await tx
    .select({ packageId: maintenancePackageItems.packageId, serviceItemId: maintenancePackageItems.serviceItemId })
    .from(maintenancePackageItems)
    .where(and(eq(maintenancePackageItems.storeId, storeId), inArray(maintenancePackageItems.packageId, packageIds)))
    .orderBy(asc(maintenancePackageItems.packageId), asc(maintenancePackageItems.position));
  for (const row of rows) byPackage.get(row.packageId)?.push(row.serviceItemId);
  return byPackage;
}

export async function replacePackageItems(tx: Executor, storeId: number, packageId: number, serviceItemIds: number[]): Promise<void> {
  await tx
    .delete(maintenancePackageItems)
    .where(and(eq(maintenancePackageItems.storeId, storeId), eq(maintenancePackageItems.packageId, packageId)));
  if (serviceItemIds.length === 0) return;
  await tx
    .insert(maintenancePackageItems)
    .values(serviceItemIds.map((serviceItemId, position) => ({ storeId, packageId, serviceItemId, position })));
}

/** Active packages that fit a vehicle model: the model's own and the ones for any model. */
export async function packagesForModel(tx: Executor, storeId: number, vehicleModelId: number | null): Promise<MaintenancePackageRow[]> {
  return tx
    .select()
    .from(maintenancePackages)
    .where(
      and(
        eq(maintenancePackages.storeId, storeId),
        eq(maintenancePackages.active, true),
        vehicleModelId === null
          ? isNull(maintenancePackages.vehicleModelId)
          : or(eq(maintenancePackages.vehicleModelId, vehicleModelId), isNull(maintenancePackages.vehicleModelId)),
      ),
    )
    .orderBy(asc(maintenancePackages.code));
}

export async function findServiceItems(tx: Executor, storeId: number, ids: number[]): Promise<ServiceItemRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(serviceItems)
    .where(and(eq(serviceItems.storeId, storeId), inArray(serviceItems.id, ids)));
}
