import { and, count, eq, ilike, isNull, ne, or, sql } from 'drizzle-orm';
import type { VehicleModelListQuery } from '#contracts/vehicle-models';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { vehicleModels } from './vehicle-models.table';

export type VehicleModelRow = typeof vehicleModels.$inferSelect;

export async function listVehicleModels(tx: Executor, storeId: number, query: VehicleModelListQuery) {
  const where = and(
    eq(vehicleModels.storeId, storeId),
    query.brand ? eq(vehicleModels.brand, query.brand) : undefined,
    query.active === undefined ? undefined : eq(vehicleModels.active, query.active),
    query.q
      ? or(
          ilike(vehicleModels.brand, likePattern(query.q)),
          ilike(vehicleModels.series, likePattern(query.q)),
          ilike(vehicleModels.model, likePattern(query.q)),
        )
      : undefined,
  );
  const columns = { brand: vehicleModels.brand, series: vehicleModels.series, model: vehicleModels.model, year: vehicleModels.year };
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(vehicleModels)
      .where(where)
      .orderBy(...orderBy(query, columns, vehicleModels.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(vehicleModels).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findVehicleModel(tx: Executor, storeId: number, id: number): Promise<VehicleModelRow | undefined> {
  const [row] = await tx
    .select()
    .from(vehicleModels)
    .where(and(eq(vehicleModels.storeId, storeId), eq(vehicleModels.id, id)));
  return row;
}

/**
 * Serialises writers of one brand/series/model in a store until the transaction ends, so that the
 * yearless-duplicate check below cannot race (two sessions checking, then both inserting).
 */
export async function lockModelKey(tx: Executor, storeId: number, key: { brand: string; series: string; model: string }) {
  const name = [key.brand, key.series, key.model].join('\u001f');
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${storeId}::int, hashtext(${name}))`);
}

/**
 * Another model of the store without a year and the same brand/series/model. The unique index
 * treats NULL years as distinct, so this case is checked here.
 */
export async function findYearlessTwin(
  tx: Executor,
  storeId: number,
  key: { brand: string; series: string; model: string },
  exceptId?: number,
): Promise<{ id: number } | undefined> {
  const [row] = await tx
    .select({ id: vehicleModels.id })
    .from(vehicleModels)
    .where(
      and(
        eq(vehicleModels.storeId, storeId),
        eq(vehicleModels.brand, key.brand),
        eq(vehicleModels.series, key.series),
        eq(vehicleModels.model, key.model),
        isNull(vehicleModels.year),
        exceptId === undefined ? undefined : ne(vehicleModels.id, exceptId),
      ),
    )
    .limit(1);
  return row;
}

export async function insertVehicleModel(tx: Executor, row: typeof vehicleModels.$inferInsert): Promise<VehicleModelRow> {
  const [created] = await tx.insert(vehicleModels).values(row).returning();
  return created!;
}

export async function updateVehicleModel(
  tx: Executor,
  storeId: number,
  id: number,
  version: number,
  patch: Partial<typeof vehicleModels.$inferInsert>,
) {
  const [row] = await tx
    .update(vehicleModels)
    .set({ ...patch, version: sql`${vehicleModels.version} + 1`, updatedAt: new Date() })
    .where(and(eq(vehicleModels.storeId, storeId), eq(vehicleModels.id, id), eq(vehicleModels.version, version)))
    .returning();
  return row;
}
