import { and, eq, sql } from 'drizzle-orm';
import type { MonthlyReportKind, MonthlyReportSection } from '#contracts/monthly-reports';
import type { Executor } from '../../../db/types';
import { reportComments } from './monthly.table';

export type CommentRow = typeof reportComments.$inferSelect;

export function commentsOf(tx: Executor, storeId: number, kind: MonthlyReportKind, month: string): Promise<CommentRow[]> {
  return tx.select().from(reportComments).where(and(eq(reportComments.storeId, storeId), eq(reportComments.kind, kind), eq(reportComments.month, month)));
}

export async function findComment(tx: Executor, storeId: number, kind: MonthlyReportKind, month: string, section: MonthlyReportSection) {
  const [row] = await tx
    .select()
    .from(reportComments)
    .where(and(eq(reportComments.storeId, storeId), eq(reportComments.kind, kind), eq(reportComments.month, month), eq(reportComments.section, section)));
  return row;
}

type Text = { problems: string; plan: string; updatedBy: number; updatedByName: string };

/** The first save: the unique key makes a second concurrent "first save" insert nothing (→ stale). */
export async function insertComment(tx: Executor, row: { storeId: number; kind: MonthlyReportKind; month: string; section: MonthlyReportSection } & Text) {
  const [created] = await tx.insert(reportComments).values(row).onConflictDoNothing().returning();
  return created;
}

/** Later saves: conditional on the version the writer read. */
export async function updateComment(tx: Executor, id: number, storeId: number, version: number, text: Text) {
  const [row] = await tx
    .update(reportComments)
    .set({ ...text, updatedAt: new Date(), version: sql`${reportComments.version} + 1` })
    .where(and(eq(reportComments.storeId, storeId), eq(reportComments.id, id), eq(reportComments.version, version)))
    .returning();
  return row;
}
