import { and, count, eq, ilike, or, sql } from 'drizzle-orm';
import type { BayListQuery } from '#contracts/bays';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { bays } from './bays.table';

export type BayRow = typeof bays.$inferSelect;

export async function listBays(tx: Executor, storeId: number, query: BayListQuery) {
  const where = and(
    eq(bays.storeId, storeId),
    query.type ? eq(bays.type, query.type) : undefined,
    query.active === undefined ? undefined : eq(bays.active, query.active),
    query.q ? or(ilike(bays.code, likePattern(query.q)), ilike(bays.name, likePattern(query.q))) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(bays)
      .where(where)
      .orderBy(...orderBy(query, { code: bays.code, name: bays.name, type: bays.type }, bays.id))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx.select({ n: count() }).from(bays).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findBay(tx: Executor, storeId: number, id: number): Promise<BayRow | undefined> {
  const [row] = await tx.select().from(bays).where(and(eq(bays.storeId, storeId), eq(bays.id, id)));
  return row;
}

export async function insertBay(tx: Executor, row: typeof bays.$inferInsert): Promise<BayRow> {
  const [created] = await tx.insert(bays).values(row).returning();
  return created!;
}

export async function updateBay(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof bays.$inferInsert>) {
  const [row] = await tx
    .update(bays)
    .set({ ...patch, version: sql`${bays.version} + 1`, updatedAt: new Date() })
    .where(and(eq(bays.storeId, storeId), eq(bays.id, id), eq(bays.version, version)))
    .returning();
  return row;
}

/** Active bays held for appointments (预约工位), per job type: the default capacity of a slot. */
export async function reservedBayCounts(tx: Executor, storeId: number): Promise<Partial<Record<BayRow['type'], number>>> {
  const rows = await tx
    .select({ type: bays.type, n: count() })
    .from(bays)
    .where(and(eq(bays.storeId, storeId), eq(bays.active, true), eq(bays.reservedForAppointments, true)))
    .groupBy(bays.type);
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

export async function countReservedBays(tx: Executor, storeId: number, jobType: BayRow['type']): Promise<number> {
  return (await reservedBayCounts(tx, storeId))[jobType] ?? 0;
}
