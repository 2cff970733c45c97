import { getTableColumns, getTableName, sql, type SQL } from 'drizzle-orm';
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
 *   promise it: map them back by a unique key (code, number, username) when it matters. Rows that
 *   reference each other (a vehicle and its owner) are better given ids up front: `reserveIds`, then
 *   `overridingSystemValue` to write them into an identity column.
 * - Array columns (text[], int[]…) take a JS array per row (or null). unnest would flatten a 2-D
 *   array, so each is sent as one text per row, its elements joined by U+001F, and split back with
 *   `string_to_array` (so no element may contain U+001F, and `['']` cannot be told from `[]`).
 */
export interface BulkInsertOptions<R extends string> {
  /** Rows per statement; default 5,000. */
  chunkSize?: number;
  returning?: readonly R[];
  /** `ON CONFLICT DO NOTHING`: re-runnable loads that skip rows already present. */
  onConflictDoNothing?: boolean;
  /** `OVERRIDING SYSTEM VALUE`: the rows carry their own ids (from `reserveIds`) for a GENERATED ALWAYS identity. */
  overridingSystemValue?: boolean;
}

type ColumnKey<T extends PgTable> = keyof T['_']['columns'] & string;
/** Insertable columns, plus GENERATED ALWAYS identities (written with `overridingSystemValue`). */
type InsertKey<T extends PgTable> = (keyof T['$inferInsert'] & string) | (keyof T['$inferSelect'] & string);
/** The listed columns, each one required (explicit null for "no value"). */
export type BulkRow<T extends PgTable, K extends InsertKey<T>> = {
  [P in K]-?: P extends keyof T['$inferInsert'] ? T['$inferInsert'][P] : P extends keyof T['$inferSelect'] ? T['$inferSelect'][P] : never;
};

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
    const type = column.getSQLType();
    const array = type.endsWith(']');
    return { key, column, name: columnName(column), type: array ? type : (SERIAL_TYPES[type] ?? type), array };
  });
  const returning = (options.returning ?? []).map((key) => {
    const column = all[key];
    if (!column) throw new Error(`bulkInsert: ${key} is not a column of the table`);
    return sql`${sql.identifier(columnName(column))} AS ${sql.identifier(key)}`;
  });
  const hasArrays = specs.some((s) => s.array);
  // With array columns the unnest output is named (u(c0, c1…)) and the arrays are split back.
  const select = hasArrays
    ? sql.join(
        specs.map((s, i) => (s.array ? sql`string_to_array(${sql.raw(`c${i}`)}, ${ARRAY_SEPARATOR})::${sql.raw(s.type)}` : sql.raw(`c${i}`))),
        sql`, `,
      )
    : sql`*`;
  const head = sql`INSERT INTO ${table} (${sql.join(
    specs.map((s) => sql.identifier(s.name)),
    sql`, `,
  )})${options.overridingSystemValue ? sql` OVERRIDING SYSTEM VALUE` : sql``} SELECT ${select} FROM unnest(`;
  const tail: SQL[] = [hasArrays ? sql`) AS u(${sql.raw(specs.map((_, i) => `c${i}`).join(', '))})` : sql`)`];
  if (options.onConflictDoNothing) tail.push(sql` ON CONFLICT DO NOTHING`);
  if (returning.length) tail.push(sql` RETURNING ${sql.join(returning, sql`, `)}`);

  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const out: Record<string, unknown>[] = [];
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const arrays = specs.map(({ key, column, type, array }) => {
      const values = new Array<unknown>(chunk.length);
      for (let i = 0; i < chunk.length; i++) {
        const value = (chunk[i] as Record<string, unknown>)[key];
        if (value === undefined) throw new Error(`bulkInsert: row ${start + i} has no value for ${key} (use null)`);
        values[i] = value === null ? null : array ? joinArray(key, value) : column.mapToDriverValue(value);
      }
      return sql`${sql.param(values)}::${sql.raw(array ? 'text' : type)}[]`;
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

const ARRAY_SEPARATOR = '\u001f';

function joinArray(key: string, value: unknown): string {
  if (!Array.isArray(value)) throw new Error(`bulkInsert: ${key} is an array column, got ${typeof value}`);
  const parts = value.map((v) => String(v));
  if (parts.some((p) => p.includes(ARRAY_SEPARATOR))) throw new Error(`bulkInsert: an element of ${key} contains U+001F`);
  if (parts.length === 1 && parts[0] === '') throw new Error(`bulkInsert: ${key} = [''] cannot be told from []`);
  return parts.join(ARRAY_SEPARATOR);
}

/**
 * `n` fresh ids of `table`'s identity column, drawn from its sequence (safe next to concurrent
 * writers), in increasing order: rows can name each other before they are written.
 */
export async function reserveIds(tx: Executor, table: PgTable, n: number): Promise<number[]> {
  if (n <= 0) return [];
  const result = await tx.execute(
    sql`SELECT nextval(pg_get_serial_sequence(${getTableName(table)}, 'id'))::bigint AS id FROM generate_series(1, ${n}::int) ORDER BY 1`,
  );
  return rowsOf(result).map((r) => Number(r.id));
}

/** node-postgres answers `{ rows }`, PGlite too; keep both shapes working. */
function rowsOf(result: unknown): Record<string, unknown>[] {
  if (Array.isArray(result)) return result as Record<string, unknown>[];
  return ((result as { rows?: Record<string, unknown>[] }).rows ?? []) as Record<string, unknown>[];
}
