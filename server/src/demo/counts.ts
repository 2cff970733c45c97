import { sql } from 'drizzle-orm';
import { asSystem } from '../db/scope';
import type { Executor } from '../db/types';

/**
 * Row counts of every table of the public schema (all stores), largest first. Tables of new
 * modules show up by themselves, so the seed CLI and the benchmark need no list to maintain.
 */
export async function tableCounts(db: Executor): Promise<{ table: string; rows: number }[]> {
  return asSystem(db, async (tx) => {
    const tables = rowsOf<{ name: string }>(
      await tx.execute(sql`SELECT table_name AS name FROM information_schema.tables
                            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`),
    );
    if (tables.length === 0) return [];
    const union = sql.join(
      tables.map((t) => sql`SELECT ${t.name}::text AS "table", count(*)::int AS "rows" FROM ${sql.identifier(t.name)}`),
      sql` UNION ALL `,
    );
    const counts = rowsOf<{ table: string; rows: number }>(await tx.execute(union));
    return counts.map((c) => ({ table: c.table, rows: Number(c.rows) })).sort((a, b) => b.rows - a.rows || a.table.localeCompare(b.table));
  });
}

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : ((result as { rows?: T[] }).rows ?? [])) as T[];
}
