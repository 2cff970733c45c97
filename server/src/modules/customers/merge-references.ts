import { sql } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { customers, odometerReadings, timelineEvents, vehicles } from './customers.table';

/**
 * Every column that points to a customer or a vehicle file. Merging a duplicate re-points each of
 * them from the merged file to the surviving one, in one transaction, so no history row is lost.
 *
 * MODULES REGISTER THEIRS: a module whose table references a customer or a vehicle (repair orders,
 * appointments, calls, complaints, coupons, packages…) calls `registerCustomerReference` /
 * `registerVehicleReference` once in its `index.ts`, e.g.
 *
 *   registerVehicleReference({ table: repairOrders, column: repairOrders.vehicleId, storeColumn: repairOrders.storeId });
 *
 * A reference whose rows must stay unique per file (one membership per customer…) should merge its
 * own rows first, through a module hook, rather than be listed here.
 */
export interface MergeReference {
  table: PgTable;
  column: PgColumn;
  storeColumn: PgColumn;
}

const customerReferences: MergeReference[] = [
  { table: vehicles, column: vehicles.ownerId, storeColumn: vehicles.storeId },
  { table: vehicles, column: vehicles.driverId, storeColumn: vehicles.storeId },
  { table: odometerReadings, column: odometerReadings.broughtByCustomerId, storeColumn: odometerReadings.storeId },
  { table: timelineEvents, column: timelineEvents.customerId, storeColumn: timelineEvents.storeId },
  // Files merged earlier into the one merged now follow it to the survivor.
  { table: customers, column: customers.mergedIntoId, storeColumn: customers.storeId },
];

const vehicleReferences: MergeReference[] = [
  { table: odometerReadings, column: odometerReadings.vehicleId, storeColumn: odometerReadings.storeId },
  { table: timelineEvents, column: timelineEvents.vehicleId, storeColumn: timelineEvents.storeId },
  { table: vehicles, column: vehicles.mergedIntoId, storeColumn: vehicles.storeId },
];

export function registerCustomerReference(ref: MergeReference): void {
  if (!customerReferences.some((r) => r.column === ref.column)) customerReferences.push(ref);
}

export function registerVehicleReference(ref: MergeReference): void {
  if (!vehicleReferences.some((r) => r.column === ref.column)) vehicleReferences.push(ref);
}

export const customerMergeReferences = (): readonly MergeReference[] => customerReferences;
export const vehicleMergeReferences = (): readonly MergeReference[] => vehicleReferences;

/** The app's Drizzle instances use `casing: 'snake_case'`: a column without an explicit name is snake-cased. */
function columnName(column: PgColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

function tableName(table: PgTable): string {
  return (table as unknown as Record<symbol, string>)[Symbol.for('drizzle:Name')]!;
}

/** Re-points every reference from `fromId` to `toId`; returns the rows moved per `table.column`. */
export async function repoint(tx: Executor, storeId: number, refs: readonly MergeReference[], fromId: number, toId: number) {
  const moved: Record<string, number> = {};
  for (const ref of refs) {
    const [row] = await queryRows<{ n: number }>(
      tx,
      sql`WITH moved AS (
            UPDATE ${ref.table} SET ${sql.identifier(columnName(ref.column))} = ${toId}
            WHERE ${ref.storeColumn} = ${storeId} AND ${ref.column} = ${fromId}
            RETURNING 1)
          SELECT count(*)::int AS n FROM moved`,
    );
    moved[`${tableName(ref.table)}.${columnName(ref.column)}`] = Number(row?.n ?? 0);
  }
  return moved;
}
