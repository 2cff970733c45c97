import { and, count, eq, isNull, sql } from 'drizzle-orm';
import type { CustomerSource } from '#contracts/customers';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { customers } from './customers.table';

/** Data-quality figures over the store's current (unmerged) customer files. */

export async function completenessBySource(tx: Executor, storeId: number, threshold: number) {
  const rows = await tx
    .select({
      source: customers.source,
      outletName: customers.outletName,
      files: count(),
      sum: sql<number>`coalesce(sum(${customers.completeness}), 0)::int`,
      incomplete: sql<number>`count(*) FILTER (WHERE ${customers.completeness} < ${threshold})::int`,
    })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), isNull(customers.mergedIntoId)))
    .groupBy(customers.source, customers.outletName)
    .orderBy(customers.source, customers.outletName);
  return rows.map((r) => ({ ...r, source: r.source as CustomerSource | null, sum: Number(r.sum), incomplete: Number(r.incomplete) }));
}

/** How many files miss each completeness item. */
export async function missingCounts(tx: Executor, storeId: number): Promise<Record<string, number>> {
  const rows = await queryRows<{ k: string; n: number }>(
    tx,
    sql`SELECT k, count(*)::int AS n FROM ${customers}, unnest(${customers.completenessMissing}) AS k
        WHERE ${customers.storeId} = ${storeId} AND ${customers.mergedIntoId} IS NULL GROUP BY k`,
  );
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}
