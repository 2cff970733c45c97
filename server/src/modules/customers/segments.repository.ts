import { and, asc, count, countDistinct, desc, eq, sql } from 'drizzle-orm';
import type { SegmentFilter } from '#contracts/customers-tools';
import type { Executor } from '../../db/types';
import { customerSegments, vehicles } from './customers.table';
import { segmentCondition, type SegmentScope } from './segments.sql';

export type SegmentRow = typeof customerSegments.$inferSelect;

export function listSegments(tx: Executor, storeId: number) {
  return tx.select().from(customerSegments).where(eq(customerSegments.storeId, storeId)).orderBy(asc(customerSegments.name));
}

export async function findSegment(tx: Executor, storeId: number, id: number): Promise<SegmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(customerSegments)
    .where(and(eq(customerSegments.storeId, storeId), eq(customerSegments.id, id)));
  return row;
}

export async function insertSegment(tx: Executor, row: typeof customerSegments.$inferInsert): Promise<SegmentRow> {
  const [created] = await tx.insert(customerSegments).values(row).returning();
  return created!;
}

export async function updateSegment(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof customerSegments.$inferInsert>) {
  const [row] = await tx
    .update(customerSegments)
    .set({ ...patch, version: sql`${customerSegments.version} + 1`, updatedAt: new Date() })
    .where(and(eq(customerSegments.storeId, storeId), eq(customerSegments.id, id), eq(customerSegments.version, version)))
    .returning();
  return row;
}

/** Live counts: matching vehicles and their distinct owners. */
export async function countSegment(tx: Executor, filter: SegmentFilter, scope: SegmentScope) {
  const [row] = await tx
    .select({ vehicles: count(), customers: countDistinct(vehicles.ownerId) })
    .from(vehicles)
    .where(segmentCondition(filter, scope));
  return { vehicles: Number(row?.vehicles ?? 0), customers: Number(row?.customers ?? 0) };
}

/** The member vehicles, soonest due first (what reminders and campaigns call). */
export function segmentVehicles(tx: Executor, filter: SegmentFilter, scope: SegmentScope, page: { limit: number; offset: number }) {
  return tx
    .select()
    .from(vehicles)
    .where(segmentCondition(filter, scope))
    .orderBy(sql`${vehicles.nextDueDate} ASC NULLS LAST`, desc(vehicles.id))
    .limit(page.limit)
    .offset(page.offset);
}
