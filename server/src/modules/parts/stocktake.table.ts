import { bigint, boolean, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { StocktakeStatus } from '#contracts/parts-stocktake';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';

/**
 * 盘点单 (PD…). `snapshotMovementId` is the last ledger id when the book quantities were taken
 * (under share locks on the counted balances): later movements of a line's part and location, up to
 * the line's count time, are added to its book quantity at approval (see contracts/parts-stocktake.ts).
 */
export const stocktakes = pgTable(
  'stocktakes',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    status: text().$type<StocktakeStatus>().notNull().default('counting'),
    locations: text().array().notNull().default(sql`'{}'::text[]`),
    note: text().notNull().default(''),
    snapshotMovementId: bigint({ mode: 'number' }).notNull(),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    approvedBy: integer(),
    approvedByName: text(),
    approvedAt: timestamp({ withTimezone: true }),
    approvalNote: text().notNull().default(''),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text().notNull().default(''),
    version: integer().notNull().default(1),
  },
  (t) => [uniqueIndex('stocktakes_store_number_uq').on(t.storeId, t.number), index('stocktakes_store_status_idx').on(t.storeId, t.status)],
);

export const stocktakeLines = pgTable(
  'stocktake_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    stocktakeId: integer()
      .notNull()
      .references(() => stocktakes.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    location: text().notNull(),
    expectedQty: numeric({ precision: 12, scale: 3 }).notNull(),
    countedQty: numeric({ precision: 12, scale: 3 }),
    countedAt: timestamp({ withTimezone: true }),
    countedBy: integer(),
    found: boolean().notNull().default(false),
    /** Filled at approval: book at count, the posted adjustment and its value. */
    bookAtCount: numeric({ precision: 12, scale: 3 }),
    adjustment: numeric({ precision: 12, scale: 3 }),
    adjustmentValueFen: bigint({ mode: 'number' }),
  },
  (t) => [
    uniqueIndex('stocktake_lines_store_sheet_part_location_uq').on(t.storeId, t.stocktakeId, t.partId, t.location),
    index('stocktake_lines_store_part_idx').on(t.storeId, t.partId, t.location),
  ],
);
