import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/types';
import { dealerGroups, stores } from './stores.table';

export type StoreRow = typeof stores.$inferSelect;

export async function findStore(tx: Executor, id: number): Promise<StoreRow | undefined> {
  const [row] = await tx.select().from(stores).where(eq(stores.id, id));
  return row;
}

export async function listStoresOfGroup(tx: Executor, groupId: number): Promise<StoreRow[]> {
  return tx.select().from(stores).where(eq(stores.groupId, groupId)).orderBy(stores.id);
}

export async function insertGroup(tx: Executor, name: string): Promise<number> {
  const [row] = await tx.insert(dealerGroups).values({ name }).returning({ id: dealerGroups.id });
  return row!.id;
}

export async function insertStore(tx: Executor, row: typeof stores.$inferInsert): Promise<StoreRow> {
  const [created] = await tx.insert(stores).values(row).returning();
  return created!;
}

export async function updateStore(tx: Executor, id: number, version: number, patch: Partial<typeof stores.$inferInsert>) {
  const [row] = await tx
    .update(stores)
    .set({ ...patch, version: sql`${stores.version} + 1`, updatedAt: new Date() })
    .where(and(eq(stores.id, id), eq(stores.version, version)))
    .returning();
  return row;
}
