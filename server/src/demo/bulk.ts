import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/types';

/**
 * Bulk loading for the demo and benchmark generators: one `INSERT … SELECT * FROM unnest($1::t1[],
 * $2::t2[], …)` statement per chunk, one typed array parameter per column. Compared with one
 * multi-row VALUES list this keeps the statement text and its parameter count constant (PostgreSQL
 * allows 65,535 parameters, a VALUES insert of 20 columns stops at ~3,000 rows), and compared with
 * row-by-row ORM inserts it is one round trip per chunk. It works the same on PGlite and on
 * node-postgres, inside the caller's transaction (so `asSystem` row-level security applies).
 *
 * - `columns` are the Drizzle property names (camelCase); the SQL type of each array comes from
 *   the table definition, values go through the column's own `mapToDriverValue` (jsonb,
 *   timestamps, numerics), so rows look like what `tx.insert(table).values(…)` takes.
 * - Every listed column must be present in every row (null is NULL, not the column default);
 *   columns left out of `columns` get their defaults (identity ids, created_at…).
 * - `returning` (Drizzle property names) gives back the driver's raw values of those columns,
 *   meant for ids and keys. PostgreSQL returns them in input order in practice, but does not
 *   promise it: map them back by a unique key (code, number, username) when it matters.
 * - Array-typed columns are not supported (unnest would flatten them).
 */
export interface BulkInsertOptions<R extends string> {
  /** Rows per statement; default 5,000. */
  chunkSize?: number;
  returning?: readonly R[];
  /** `ON CONFLICT DO NOTHING`: re-runnable loads that skip rows already present. */
  onConflictDoNothing?: boolean;
}

type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;
type InsertKey<T extends PgTable> = keyof T['$inferInsert'] & string;
/** The listed columns, each one required (explicit null for "no value"). */
export type BulkRow<T extends PgTable, K extends InsertKey<T>> = Required<Pick<T['$inferInsert'], K>>;

export const DEFAULT_CHUNK_SIZE = 5_000;

export async function bulkInsert<T extends PgTable, K extends InsertKey<T>, R extends ColumnKey<T> = never>(
  tx: Executor,
  table: T,
  columns: readonly K[],
  rows: readonly NoInfer<BulkRow<T, K>>[],
  options: BulkInsertOptions<R> = {},
): Promise<Pick<T['$inferSelect'], R & keyof T['$inferSelect']>[]> {
  if (rows.length === 0 || columns.length === 0) return [];
  const all = getTableColumns(table) as Record<string, PgColumn>;
  const specs = columns.map((key) => {
    const column = all[key];
    if (!column) throw new Error(`bulkInsert: ${key} is not a column of the table`);
    return { key, column, name: columnName(column), type: arrayElementType(column) };
  });
  const returning = (options.returning ?? []).map((key) => {
    const column = all[key];
    if (!column) throw new Error(`bulkInsert: ${key} is not a column of the table`);
    return sql`${sql.identifier(columnName(column))} AS ${sql.identifier(key)}`;
  });
  const head = sql`INSERT INTO ${table} (${sql.join(
    specs.map((s) => sql.identifier(s.name)),
    sql`, `,
  )}) SELECT * FROM unnest(`;
  const tail: SQL[] = [sql`)`];
  if (options.onConflictDoNothing) tail.push(sql` ON CONFLICT DO NOTHING`);
  if (returning.length) tail.push(sql` RETURNING ${sql.join(returning, sql`, `)}`);

  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const arrays = specs.map(({ key, column, type }) => {
      const values = new Array<unknown>(chunk.length);
      for (let i = 0; i < chunk.length; i++) {
        const value = (chunk[i] as Record<string, unknown>)[key];
        if (value === undefined) throw new Error(`bulkInsert: row ${start + i} has no value for ${key} (use null)`);
        values[i] = value === null ? null : column.mapToDriverValue(value);
      }
      return sql`${sql.param(values)}::${sql.raw(type)}[]`;
    });
    const result = await tx.execute(sql.join([head, sql.join(arrays, sql`, `), ...tail]));
    if (returning.length) out.push(...rowsOf(result));
  }
  return out as Pick<T['$inferSelect'], R & keyof T['$inferSelect']>[];
}

/** The app's Drizzle instances all use `casing: 'snake_case'`: a property without an explicit name is snake-cased. */
function columnName(column: PgColumn): string {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

const SERIAL_TYPES: Record<string, string> = { serial: 'integer', smallserial: 'smallint', bigserial: 'bigint' };

function arrayElementType(column: PgColumn): string {
  const type = column.getSQLType();
  if (type.endsWith(']')) throw new Error(`bulkInsert: array column ${column.name} (${type}) is not supported`);
  return SERIAL_TYPES[type] ?? type;
}

/** node-postgres answers `{ rows }`, PGlite too; keep both shapes working. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
