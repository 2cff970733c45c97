import { and, arrayContains, asc, desc, eq, gt, inArray, isNull, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { LIST_COUNT_CAP } from '#contracts/common';
import type { CustomerListQuery } from '#contracts/customers';
import type { VehicleListQuery } from '#contracts/customers-vehicles';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';
import { customers, odometerReadings, vehicles } from './customers.table';
import { likeContains, likePrefix, nameMatches, shapeOf } from './search-sql';
import { customerSearch, vehicleSearch } from './search-views';

export type CustomerRow = typeof customers.$inferSelect;
export type CustomerInsert = typeof customers.$inferInsert;
export type VehicleRow = typeof vehicles.$inferSelect;
export type VehicleInsert = typeof vehicles.$inferInsert;
export type ReadingRow = typeof odometerReadings.$inferSelect;

/** `column = ANY($1::int[])`: one parameter however many ids (an export may ask for 50,000). */
export function anyOf(column: AnyPgColumn, ids: readonly number[]): SQL {
  return sql`${column} = ANY(${sql.param([...new Set(ids)])}::int[])`;
}

/** The matches of a list, counted up to LIST_COUNT_CAP (+1 to know whether there are more). */
function cappedCountSql(tx: Executor, table: typeof customers | typeof vehicles, where: SQL | undefined): SQL {
  const matches = tx
    .select({ one: sql`1` })
    .from(table as typeof customers)
    .where(where)
    .limit(LIST_COUNT_CAP + 1);
  return sql`(SELECT count(*) FROM (${matches}) matches)`;
}

const cappedTotal = (n: number) => ({ total: Math.min(n, LIST_COUNT_CAP), totalCapped: n > LIST_COUNT_CAP });

/**
 * A page of a list and its capped count in ONE statement: the count is an uncorrelated scalar
 * sub-select (an InitPlan, run once) carried on every row of the page. An empty page needs no count
 * on page 1 (none match) and a separate one only beyond it.
 */
async function pageWithCappedCount<T extends typeof customers | typeof vehicles>(
  tx: Executor,
  table: T,
  where: SQL | undefined,
  order: SQL[],
  limit: number,
  offset: number,
): Promise<{ rows: T['$inferSelect'][]; total: number; totalCapped: boolean }> {
  const t = table as typeof customers;
  const found = await tx
    .select({ row: t, n: sql<number>`${cappedCountSql(tx, table, where)}`.mapWith(Number) })
    .from(t)
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
  const rows = found.map((f) => f.row) as T['$inferSelect'][];
  if (found.length > 0) return { rows, ...cappedTotal(found[0]!.n) };
  if (offset === 0) return { rows, ...cappedTotal(0) };
  const [count] = await queryRows<{ n: string | number }>(tx, sql`SELECT ${cappedCountSql(tx, table, where)} AS n`);
  return { rows, ...cappedTotal(Number(count?.n ?? 0)) };
}

// ---------------------------------------------------------------------------------------------
// Customers

/** The list's `q`: a name fragment, pinyin initials or 4+ digits of a phone (same indexes as the search). */
function customerQueryCondition(q: string): SQL {
  const shape = shapeOf(q);
  const match = or(
    nameMatches(shape.name),
    shape.initials ? sql`${customerSearch.nameInitials} LIKE ${likePrefix(shape.initials)}` : undefined,
    shape.digits ? sql`${customerSearch.phoneDigits} LIKE ${likeContains(shape.digits)}` : undefined,
  );
  return match ? sql`${customers.id} IN (SELECT ${customerSearch.id} FROM ${customerSearch} WHERE ${match})` : sql`false`;
}

export async function listCustomers(tx: Executor, storeId: number, query: CustomerListQuery) {
  const where = and(
    eq(customers.storeId, storeId),
    query.includeMerged ? undefined : isNull(customers.mergedIntoId),
    query.kind ? eq(customers.kind, query.kind) : undefined,
    query.source ? eq(customers.source, query.source) : undefined,
    query.outletName ? eq(customers.outletName, query.outletName) : undefined,
    query.tag ? arrayContains(customers.tags, [query.tag]) : undefined,
    query.advisorId ? eq(customers.preferredAdvisorId, query.advisorId) : undefined,
    query.completenessBelow ? lt(customers.completeness, query.completenessBelow) : undefined,
    query.q ? customerQueryCondition(query.q) : undefined,
  );
  const columns = { name: customers.searchName, createdAt: customers.createdAt, updatedAt: customers.updatedAt, completeness: customers.completeness };
  return pageWithCappedCount(tx, customers, where, orderBy(query, columns, customers.id), query.pageSize, offsetOf(query));
}

/** Every customer matching the list filters, for the Excel export (capped by the caller). */
export async function allCustomers(tx: Executor, storeId: number, query: CustomerListQuery, limit: number) {
  return listCustomers(tx, storeId, { ...query, page: 1, pageSize: limit });
}

export async function findCustomer(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<CustomerRow | undefined> {
  const q = tx
    .select()
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function findCustomersByIds(tx: Executor, storeId: number, ids: readonly number[]): Promise<CustomerRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(customers)
    .where(and(eq(customers.storeId, storeId), anyOf(customers.id, ids)));
}

export async function insertCustomer(tx: Executor, row: CustomerInsert): Promise<CustomerRow> {
  const [created] = await tx.insert(customers).values(row).returning();
  return created!;
}

export async function updateCustomer(tx: Executor, storeId: number, id: number, version: number, patch: Partial<CustomerInsert>) {
  const [row] = await tx
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(customers.storeId, storeId), eq(customers.id, id), eq(customers.version, version)))
    .returning();
  return row;
}

/** Derived or merge-time changes: bump the version so an open edit form sees a stale version. */
export async function patchCustomer(tx: Executor, storeId: number, id: number, patch: Partial<CustomerInsert>) {
  const [row] = await tx
    .update(customers)
    .set({ ...patch, version: sql`${customers.version} + 1`, updatedAt: new Date() })
    .where(and(eq(customers.storeId, storeId), eq(customers.id, id)))
    .returning();
  return row;
}

/** Unmerged files having `mobile` as their mobile (btree) or among their other phones (trigram, via the search view). */
export async function findCustomersByPhone(tx: Executor, storeId: number, mobile: string, exceptId?: number) {
  return tx
    .select()
    .from(customers)
    .where(
      and(
        eq(customers.storeId, storeId),
        isNull(customers.mergedIntoId),
        or(
          eq(customers.mobile, mobile),
          sql`${customers.id} IN (SELECT ${customerSearch.id} FROM ${customerSearch} WHERE ${customerSearch.phoneDigits} LIKE ${likeContains(mobile)} AND ${mobile} = ANY(${customerSearch.otherPhones}))`,
        ),
        exceptId === undefined ? undefined : ne(customers.id, exceptId),
      ),
    )
    .limit(10);
}

/** Completeness is derived: written without touching the version (an edit form stays valid). */
export async function setCustomerCompleteness(tx: Executor, storeId: number, id: number, score: number, missing: string[]) {
  await tx
    .update(customers)
    .set({ completeness: score, completenessMissing: missing })
    .where(and(eq(customers.storeId, storeId), eq(customers.id, id)));
}

export interface UserRef {
  id: number;
  displayName: string;
}

/**
 * A member of the store (the preferred advisor). Read here by id + store only, until the identity
 * module's index offers such a check; no other identity data is touched.
 */
export async function findStoreMember(tx: Executor, storeId: number, userId: number): Promise<UserRef | undefined> {
  const [row] = await queryRows<UserRef>(
    tx,
    sql`SELECT u.id, u.display_name AS "displayName" FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.store_id = ${storeId} AND m.user_id = ${userId} AND u.active`,
  );
  return row;
}

export async function findUserName(tx: Executor, storeId: number, userId: number): Promise<string | null> {
  const [row] = await queryRows<{ displayName: string }>(
    tx,
    sql`SELECT u.display_name AS "displayName" FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.store_id = ${storeId} AND m.user_id = ${userId}`,
  );
  return row?.displayName ?? null;
}

// ---------------------------------------------------------------------------------------------
// Vehicle models: read by id + store only (names for display, intervals for the next due).

export interface ModelInfo {
  id: number;
  name: string;
  intervalMonths: number;
  intervalKm: number;
}

export async function modelsByIds(tx: Executor, storeId: number, ids: readonly (number | null)[]): Promise<Map<number, ModelInfo>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await tx
    .select({
      id: vehicleModels.id,
      brand: vehicleModels.brand,
      series: vehicleModels.series,
      model: vehicleModels.model,
      year: vehicleModels.year,
      intervalMonths: vehicleModels.maintenanceIntervalMonths,
      intervalKm: vehicleModels.maintenanceIntervalKm,
    })
    .from(vehicleModels)
    .where(and(eq(vehicleModels.storeId, storeId), inArray(vehicleModels.id, wanted)));
  return new Map(
    rows.map((r) => [
      r.id,
      { id: r.id, name: modelLabel(r), intervalMonths: r.intervalMonths, intervalKm: r.intervalKm },
    ]),
  );
}

export function modelLabel(m: { brand: string; series: string; model: string; year: number | null }): string {
  return [m.brand, m.series, m.model, m.year === null ? '' : `${m.year}款`].filter(Boolean).join(' ');
}

/** Every model of the store, for the import's name matching and the template's model sheet. */
export async function storeModels(tx: Executor, storeId: number) {
  const rows = await tx
    .select({ id: vehicleModels.id, brand: vehicleModels.brand, series: vehicleModels.series, model: vehicleModels.model, year: vehicleModels.year, active: vehicleModels.active })
    .from(vehicleModels)
    .where(eq(vehicleModels.storeId, storeId))
    .orderBy(asc(vehicleModels.brand), asc(vehicleModels.series), asc(vehicleModels.model));
  return rows.map((r) => ({ id: r.id, name: modelLabel(r), active: r.active }));
}

// ---------------------------------------------------------------------------------------------
// Vehicles

function vehicleQueryCondition(q: string): SQL {
  const shape = shapeOf(q);
  const match = or(
    shape.plate ? sql`${vehicleSearch.plate} LIKE ${likeContains(shape.plate)}` : undefined,
    shape.vin ? sql`${vehicleSearch.vin} LIKE ${likeContains(shape.vin)}` : undefined,
  );
  return match ? sql`${vehicles.id} IN (SELECT ${vehicleSearch.id} FROM ${vehicleSearch} WHERE ${match})` : sql`false`;
}

export async function listVehicles(tx: Executor, storeId: number, query: VehicleListQuery) {
  const where = and(
    eq(vehicles.storeId, storeId),
    query.includeMerged ? undefined : isNull(vehicles.mergedIntoId),
    query.vehicleModelId ? eq(vehicles.vehicleModelId, query.vehicleModelId) : undefined,
    query.customerId ? or(eq(vehicles.ownerId, query.customerId), eq(vehicles.driverId, query.customerId)) : undefined,
    query.completenessBelow ? lt(vehicles.completeness, query.completenessBelow) : undefined,
    query.dueBefore ? lte(vehicles.nextDueDate, query.dueBefore) : undefined,
    query.q ? vehicleQueryCondition(query.q) : undefined,
  );
  const columns = {
    plate: vehicles.plate,
    createdAt: vehicles.createdAt,
    updatedAt: vehicles.updatedAt,
    nextDueDate: vehicles.nextDueDate,
    completeness: vehicles.completeness,
  };
  return pageWithCappedCount(tx, vehicles, where, orderBy(query, columns, vehicles.id), query.pageSize, offsetOf(query));
}

export async function findVehicle(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<VehicleRow | undefined> {
  const q = tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

/** A vehicle with its owner's name and its model, in one statement (reception opens an RO with it). */
export async function findVehicleForVisit(tx: Executor, storeId: number, id: number) {
  const [row] = await tx
    .select({
      id: vehicles.id,
      ownerId: vehicles.ownerId,
      ownerName: customers.name,
      plate: vehicles.plate,
      vin: vehicles.vin,
      mergedIntoId: vehicles.mergedIntoId,
      brand: vehicleModels.brand,
      series: vehicleModels.series,
      model: vehicleModels.model,
      year: vehicleModels.year,
    })
    .from(vehicles)
    .leftJoin(customers, and(eq(customers.storeId, vehicles.storeId), eq(customers.id, vehicles.ownerId)))
    .leftJoin(vehicleModels, and(eq(vehicleModels.storeId, vehicles.storeId), eq(vehicleModels.id, vehicles.vehicleModelId)))
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)));
  return row;
}

export async function findVehiclesByIds(tx: Executor, storeId: number, ids: readonly number[]): Promise<VehicleRow[]> {
  if (ids.length === 0) return [];
  return tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.storeId, storeId), anyOf(vehicles.id, ids)));
}

/** Unmerged vehicles owned (or, with `includeDriven`, driven) by these customers. */
export async function vehiclesOfCustomers(tx: Executor, storeId: number, customerIds: readonly number[], includeDriven = false): Promise<VehicleRow[]> {
  if (customerIds.length === 0) return [];
  const ids = [...new Set(customerIds)];
  return tx
    .select()
    .from(vehicles)
    .where(
      and(
        eq(vehicles.storeId, storeId),
        isNull(vehicles.mergedIntoId),
        includeDriven ? or(anyOf(vehicles.ownerId, ids), anyOf(vehicles.driverId, ids)) : anyOf(vehicles.ownerId, ids),
      ),
    )
    .orderBy(asc(vehicles.id));
}

export async function insertVehicle(tx: Executor, row: VehicleInsert): Promise<VehicleRow> {
  const [created] = await tx.insert(vehicles).values(row).returning();
  return created!;
}

export async function updateVehicle(tx: Executor, storeId: number, id: number, version: number, patch: Partial<VehicleInsert>) {
  const [row] = await tx
    .update(vehicles)
    .set({ ...patch, version: sql`${vehicles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id), eq(vehicles.version, version)))
    .returning();
  return row;
}

export async function patchVehicle(tx: Executor, storeId: number, id: number, patch: Partial<VehicleInsert>) {
  const [row] = await tx
    .update(vehicles)
    .set({ ...patch, version: sql`${vehicles.version} + 1`, updatedAt: new Date() })
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)))
    .returning();
  return row;
}

/** Derived columns (mileage, due, completeness): no version bump. */
export async function setVehicleDerived(tx: Executor, storeId: number, id: number, patch: Partial<VehicleInsert>): Promise<VehicleRow> {
  const [row] = await tx
    .update(vehicles)
    .set(patch)
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)))
    .returning();
  return row!;
}

/** Unmerged vehicles with this VIN or plate (other than `exceptId`). */
export async function findVehicleTwins(tx: Executor, storeId: number, key: { vin: string | null; plate: string | null }, exceptId?: number) {
  const conditions = [key.vin ? eq(vehicles.vin, key.vin) : undefined, key.plate ? eq(vehicles.plate, key.plate) : undefined].filter(Boolean);
  if (conditions.length === 0) return [];
  return tx
    .select()
    .from(vehicles)
    .where(and(eq(vehicles.storeId, storeId), isNull(vehicles.mergedIntoId), or(...conditions), exceptId === undefined ? undefined : ne(vehicles.id, exceptId)))
    .limit(10);
}

// ---------------------------------------------------------------------------------------------
// Odometer readings

export async function readingsOf(tx: Executor, storeId: number, vehicleId: number): Promise<ReadingRow[]> {
  return tx
    .select()
    .from(odometerReadings)
    .where(and(eq(odometerReadings.storeId, storeId), eq(odometerReadings.vehicleId, vehicleId)))
    .orderBy(desc(odometerReadings.readAt), desc(odometerReadings.id));
}

/** The latest reading at or before `at`: a new reading below it needs a reason. */
export async function readingBefore(tx: Executor, storeId: number, vehicleId: number, at: Date): Promise<ReadingRow | undefined> {
  const [row] = await tx
    .select()
    .from(odometerReadings)
    .where(and(eq(odometerReadings.storeId, storeId), eq(odometerReadings.vehicleId, vehicleId), lte(odometerReadings.readAt, at)))
    .orderBy(desc(odometerReadings.readAt), desc(odometerReadings.id))
    .limit(1);
  return row;
}

/** The earliest reading after `at` (a reading typed late must not exceed it without a reason). */
export async function readingAfter(tx: Executor, storeId: number, vehicleId: number, at: Date): Promise<ReadingRow | undefined> {
  const [row] = await tx
    .select()
    .from(odometerReadings)
    .where(and(eq(odometerReadings.storeId, storeId), eq(odometerReadings.vehicleId, vehicleId), gt(odometerReadings.readAt, at)))
    .orderBy(asc(odometerReadings.readAt), asc(odometerReadings.id))
    .limit(1);
  return row;
}

export async function insertReading(tx: Executor, row: typeof odometerReadings.$inferInsert): Promise<ReadingRow> {
  const [created] = await tx.insert(odometerReadings).values(row).returning();
  return created!;
}
