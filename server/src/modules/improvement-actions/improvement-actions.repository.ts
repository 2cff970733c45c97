import { and, asc, count, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import type { ImprovementActionListQuery } from '#contracts/improvement-actions';
import type { Executor } from '../../db/types';
import { offsetOf, orderBy } from '../../platform/pagination';
import { improvementActionEvidence, improvementActions } from './improvement-actions.table';

export type ActionRow = typeof improvementActions.$inferSelect;
export type EvidenceMeta = Omit<typeof improvementActionEvidence.$inferSelect, 'content'>;

const evidenceMeta = {
  id: improvementActionEvidence.id,
  storeId: improvementActionEvidence.storeId,
  actionId: improvementActionEvidence.actionId,
  fileName: improvementActionEvidence.fileName,
  mimeType: improvementActionEvidence.mimeType,
  sizeBytes: improvementActionEvidence.sizeBytes,
  uploadedBy: improvementActionEvidence.uploadedBy,
  uploadedByName: improvementActionEvidence.uploadedByName,
  uploadedAt: improvementActionEvidence.uploadedAt,
};

export async function listActions(tx: Executor, storeId: number, query: ImprovementActionListQuery, today: string) {
  const where = and(
    eq(improvementActions.storeId, storeId),
    query.month ? eq(improvementActions.month, query.month) : undefined,
    query.department ? eq(improvementActions.department, query.department) : undefined,
    query.status ? eq(improvementActions.status, query.status) : undefined,
    query.overdue === undefined
      ? undefined
      : query.overdue
        ? and(ne(improvementActions.status, 'done'), lt(improvementActions.dueDate, today))
        : sql`NOT (${improvementActions.status} <> 'done' AND ${improvementActions.dueDate} < ${today})`,
    query.q ? sql`(${improvementActions.problem} ILIKE ${`%${query.q}%`} OR ${improvementActions.measure} ILIKE ${`%${query.q}%`})` : undefined,
  );
  const cols = { month: improvementActions.month, department: improvementActions.department, rank: improvementActions.rank, dueDate: improvementActions.dueDate, status: improvementActions.status };
  const sortKeys = query.sort ? orderBy(query, cols, improvementActions.id) : [asc(improvementActions.month), asc(improvementActions.department), asc(improvementActions.rank)];
  const [rows, [total]] = await Promise.all([
    tx.select().from(improvementActions).where(where).orderBy(...sortKeys).limit(query.pageSize).offset(offsetOf(query)),
    tx.select({ n: count() }).from(improvementActions).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Every action of some months (the reports read one or two months at a time). */
export function actionsOfMonths(tx: Executor, storeId: number, months: string[]): Promise<ActionRow[]> {
  return tx
    .select()
    .from(improvementActions)
    .where(and(eq(improvementActions.storeId, storeId), inArray(improvementActions.month, months)))
    .orderBy(asc(improvementActions.department), asc(improvementActions.rank));
}

export async function findAction(tx: Executor, storeId: number, id: number): Promise<ActionRow | undefined> {
  const [row] = await tx.select().from(improvementActions).where(and(eq(improvementActions.storeId, storeId), eq(improvementActions.id, id)));
  return row;
}

export async function insertAction(tx: Executor, row: typeof improvementActions.$inferInsert): Promise<ActionRow> {
  const [created] = await tx.insert(improvementActions).values(row).returning();
  return created!;
}

/** A conditional update on the version the editor read: a stale editor changes nothing. */
export async function updateAction(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof improvementActions.$inferInsert>) {
  const [row] = await tx
    .update(improvementActions)
    .set({ ...patch, version: sql`${improvementActions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(improvementActions.storeId, storeId), eq(improvementActions.id, id), eq(improvementActions.version, version)))
    .returning();
  return row;
}

export function evidenceOf(tx: Executor, storeId: number, actionIds: number[]): Promise<EvidenceMeta[]> {
  if (actionIds.length === 0) return Promise.resolve([]);
  return tx
    .select(evidenceMeta)
    .from(improvementActionEvidence)
    .where(and(eq(improvementActionEvidence.storeId, storeId), inArray(improvementActionEvidence.actionId, actionIds)))
    .orderBy(asc(improvementActionEvidence.id));
}

export async function insertEvidence(tx: Executor, row: typeof improvementActionEvidence.$inferInsert): Promise<EvidenceMeta> {
  const [created] = await tx.insert(improvementActionEvidence).values(row).returning(evidenceMeta);
  return created!;
}

export async function findEvidence(tx: Executor, storeId: number, actionId: number, id: number) {
  const [row] = await tx
    .select()
    .from(improvementActionEvidence)
    .where(and(eq(improvementActionEvidence.storeId, storeId), eq(improvementActionEvidence.actionId, actionId), eq(improvementActionEvidence.id, id)));
  return row;
}
