import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { KpiCode } from '#contracts/kpis';
import { stores } from '../stores/stores.table';

/**
 * 指标目标 (SPEC §16): one target per KPI, store and month, in the KPI's unit (fen, count, 0…1 for
 * ratios, hours, score). The primary key makes the grid editor's save an upsert.
 */
export const kpiTargets = pgTable(
  'kpi_targets',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    code: text().$type<KpiCode>().notNull(),
    /** YYYY-MM, the store's calendar month. */
    month: text().notNull(),
    value: numeric({ precision: 18, scale: 6 }).notNull(),
    updatedBy: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.code, t.month] }), check('kpi_targets_value_check', sql`${t.value} >= 0`), check('kpi_targets_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)],
);

/**
 * Month-end KPI values frozen per store (SPEC §17 "a past month's report does not change"): the
 * first freeze of a month wins (primary key + ON CONFLICT DO NOTHING), so the job and a manager's
 * "冻结本月" racing each other leave one set of values.
 */
export const kpiSnapshots = pgTable(
  'kpi_snapshots',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    month: text().notNull(),
    code: text().$type<KpiCode>().notNull(),
    value: numeric({ precision: 24, scale: 8 }),
    numerator: numeric({ precision: 24, scale: 4 }),
    denominator: numeric({ precision: 24, scale: 4 }),
    frozenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** null when the month-end job froze it. */
    frozenBy: integer(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.month, t.code] }), check('kpi_snapshots_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)],
);
