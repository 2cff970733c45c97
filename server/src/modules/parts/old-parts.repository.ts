import { and, count, eq, sql } from 'drizzle-orm';
import type { OldPartListQuery } from '#contracts/parts-old-parts';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { oldParts } from './old-parts.table';

export type OldPartRow = typeof oldParts.$inferSelect;

export async function listOldParts(tx: Executor, storeId: number, query: OldPartListQuery) {
  const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = and(
    eq(oldParts.storeId, storeId),
    query.status ? eq(oldParts.status, query.status) : undefined,
    query.roId ? eq(oldParts.roId, query.roId) : undefined,
    query.claimNo ? eq(oldParts.claimNo, query.claimNo) : undefined,
    query.q ? sql`(${oldParts.tagNo} ILIKE ${like(query.q)} OR ${oldParts.partNo} ILIKE ${like(query.q)} OR ${oldParts.roNumber} ILIKE ${like(query.q)})` : undefined,
  );
  const rows = await tx
    .select()
    .from(oldParts)
    .where(where)
    .orderBy(...orderBy({ ...query, sort: query.sort ?? 'taggedAt', order: query.sort ? query.order : 'desc' }, { tagNo: oldParts.tagNo, taggedAt: oldParts.taggedAt }, oldParts.id))
    .limit(query.pageSize)
    .offset(offsetOf(query));
  const [total] = await tx.select({ n: count() }).from(oldParts).where(where);
  return { rows, total: Number(total?.n ?? 0) };
}

export async function findOldPart(tx: Executor, storeId: number, id: number): Promise<OldPartRow | undefined> {
  const [row] = await tx
    .select()
    .from(oldParts)
    .where(and(eq(oldParts.storeId, storeId), eq(oldParts.id, id)));
  return row;
}

export async function insertOldPart(tx: Executor, row: typeof oldParts.$inferInsert): Promise<OldPartRow> {
  const [created] = await tx.insert(oldParts).values(row).returning();
  return created!;
}

/** Versioned update; `onlyInStorage` makes a return/scrap refuse a part that already left. */
export async function updateOldPart(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof oldParts.$inferInsert>, onlyInStorage = false) {
  const [row] = await tx
    .update(oldParts)
    .set({ ...patch, version: sql`${oldParts.version} + 1`, updatedAt: new Date() })
    .where(and(eq(oldParts.storeId, storeId), eq(oldParts.id, id), eq(oldParts.version, version), onlyInStorage ? eq(oldParts.status, 'in_storage') : undefined))
    .returning();
  return row;
}
