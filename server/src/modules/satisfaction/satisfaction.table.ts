import { sql } from 'drizzle-orm';
import { check, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { CssItem, CssLevel, PtSection } from '#contracts/satisfaction';
import { stores } from '../stores/stores.table';

/** The store's CSS item weights (whole percent); items without a row use the SPEC §10 default. */
export const cssWeights = pgTable(
  'css_weights',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    item: text().$type<CssItem>().notNull(),
    weight: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'css_weights_pk', columns: [t.storeId, t.item] }), check('css_weights_range_check', sql`${t.weight} BETWEEN 0 AND 100`)],
);

/** One month's CSS report for one level (the store, its region, the nation). */
export const cssResults = pgTable(
  'css_results',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    month: text().notNull(),
    level: text().$type<CssLevel>().notNull(),
    sampleSize: integer().notNull(),
    cssScore: numeric({ precision: 7, scale: 2, mode: 'number' }),
    /** Item → score (null when the report leaves it out). */
    itemScores: jsonb().$type<Partial<Record<CssItem, number | null>>>().notNull(),
    enteredBy: integer(),
    enteredByName: text().notNull().default(''),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'css_results_pk', columns: [t.storeId, t.month, t.level] }),
    check('css_results_sample_check', sql`${t.sampleSize} >= 0`),
    check('css_results_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);

/** One month's mystery-shopper (PT) result of one section. */
export const ptResults = pgTable(
  'pt_results',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    month: text().notNull(),
    section: text().$type<PtSection>().notNull(),
    items: integer().notNull(),
    passed: integer().notNull(),
    enteredBy: integer(),
    enteredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'pt_results_pk', columns: [t.storeId, t.month, t.section] }),
    check('pt_results_passed_check', sql`${t.items} > 0 AND ${t.passed} >= 0 AND ${t.passed} <= ${t.items}`),
  ],
);
