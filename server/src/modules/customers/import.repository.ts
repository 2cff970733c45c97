import { and, eq, isNull, sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { customers, vehicles } from './customers.table';

/**
 * Bulk writes of the Excel import: ids are drawn from the tables' identity sequences first (so rows
 * can reference each other without RETURNING-order assumptions), then each table is filled with
 * `INSERT … OVERRIDING SYSTEM VALUE SELECT * FROM unnest($1::int[], $2::text[], …)`: one statement
 * per 5,000 rows, one array parameter per column, on PGlite and PostgreSQL alike.
 */

export interface BulkColumn {
  name: string;
  /** The SQL element type (`int`, `text`, `date`, `timestamptz`, `boolean`, `smallint`). */
  type: string;
  values: readonly unknown[];
  /** A text[] column sent as one text per row joined by \x1f and split back in SQL. */
  textArray?: boolean;
}

const CHUNK = 5_000;
const SEP = '\u001f';

export const joinArray = (values: readonly string[]) => values.join(SEP);

export async function allocateIds(tx: Executor, table: 'customers' | 'vehicles' | 'odometer_readings' | 'timeline_events', n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: string | number }>(
    tx,
    sql`SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::bigint AS id FROM generate_series(1, ${n}::int)`,
  );
  return rows.map((r) => Number(r.id));
}

export async function bulkInsert(tx: Executor, table: string, columns: readonly BulkColumn[]): Promise<void> {
  const length = columns[0]?.values.length ?? 0;
  for (let start = 0; start < length; start += CHUNK) {
    const end = Math.min(length, start + CHUNK);
    const params = columns.map((c) => {
      const chunk = c.values.slice(start, end);
      return c.textArray ? sql`${sql.param(chunk)}::text[]` : sql`${sql.param(chunk)}::${sql.raw(c.type)}[]`;
    });
    const selects = columns.map((c, i) =>
      c.textArray ? sql`string_to_array(${sql.raw(`c${i}`)}, ${SEP})` : sql.raw(`c${i}`),
    );
    const aliases = columns.map((_, i) => `c${i}`).join(', ');
    await tx.execute(
      sql`INSERT INTO ${sql.identifier(table)} (${sql.join(
        columns.map((c) => sql.identifier(c.name)),
        sql`, `,
      )}) OVERRIDING SYSTEM VALUE SELECT ${sql.join(selects, sql`, `)} FROM unnest(${sql.join(params, sql`, `)}) AS u(${sql.raw(aliases)})`,
    );
  }
}

/** Unmerged customers of the store by mobile. */
export async function customersByMobiles(tx: Executor, storeId: number, mobiles: readonly string[]) {
  if (mobiles.length === 0) return [];
  return tx
    .select({ id: customers.id, mobile: customers.mobile })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), isNull(customers.mergedIntoId), sql`${customers.mobile} = ANY(${sql.param([...mobiles])}::text[])`));
}

export async function vehiclesByKeys(tx: Executor, storeId: number, vins: readonly string[], plates: readonly string[]) {
  const byVin = vins.length
    ? await tx
        .select({ id: vehicles.id, vin: vehicles.vin })
        .from(vehicles)
        .where(and(eq(vehicles.storeId, storeId), isNull(vehicles.mergedIntoId), sql`${vehicles.vin} = ANY(${sql.param([...vins])}::text[])`))
    : [];
  const byPlate = plates.length
    ? await tx
        .select({ id: vehicles.id, plate: vehicles.plate })
        .from(vehicles)
        .where(and(eq(vehicles.storeId, storeId), isNull(vehicles.mergedIntoId), sql`${vehicles.plate} = ANY(${sql.param([...plates])}::text[])`))
    : [];
  return { vins: new Set(byVin.map((v) => v.vin!)), plates: new Set(byPlate.map((v) => v.plate!)) };
}
