import { index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { MonthlyReportKind, MonthlyReportSection } from '#contracts/monthly-reports';
import { stores } from '../../stores/stores.table';

/**
 * The manager's written commentary on one section of a monthly report (问题与挑战 / 下月行动计划).
 * One row per store, report, month and section; `version` makes concurrent edits fail loudly.
 */
export const reportComments = pgTable(
  'report_comments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    kind: text().$type<MonthlyReportKind>().notNull(),
    month: text().notNull(),
    section: text().$type<MonthlyReportSection>().notNull(),
    problems: text().notNull().default(''),
    plan: text().notNull().default(''),
    updatedBy: integer(),
    updatedByName: text(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('report_comments_store_kind_month_section_uq').on(t.storeId, t.kind, t.month, t.section),
    index('report_comments_store_month_idx').on(t.storeId, t.month),
  ],
);
