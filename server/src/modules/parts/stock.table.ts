import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, numeric, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { MovementKind } from '#contracts/parts';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';

/**
 * The stock ledger (SPEC §13, DESIGN §5). `stock_movements` is the record: every change of stock is
 * one row. `stock_balances` (per part and location) and `stock_valuations` (per part: total on hand
 * and its value at moving-average cost) are kept equal to the ledger's sums by the ledger code alone
 * (ledger.repository.ts), with single conditional updates in the movement's transaction; the CHECKs
 * make negative stock impossible whatever the code does. Every part has its valuation row from its
 * creation on (a trigger and the index on (store, on hand, part) are in migration 0017, written by
 * hand): the stock list is an inner join sorted through indexes.
 */
export const stockBalances = pgTable(
  'stock_balances',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    location: text().notNull(),
    onHand: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'stock_balances_pk', columns: [t.storeId, t.partId, t.location] }),
    index('stock_balances_store_location_idx').on(t.storeId, t.location),
    check('stock_balances_on_hand_check', sql`${t.onHand} >= 0`),
  ],
);

export const stockValuations = pgTable(
  'stock_valuations',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    onHand: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    /** Value of what is on hand, fen; moving-average unit cost = value / on hand. */
    valueFen: bigint({ mode: 'number' }).notNull().default(0),
    lastReceiptAt: timestamp({ withTimezone: true }),
    lastOutboundAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'stock_valuations_pk', columns: [t.storeId, t.partId] }),
    index('stock_valuations_store_value_idx').on(t.storeId, t.valueFen),
    check('stock_valuations_on_hand_check', sql`${t.onHand} >= 0`),
    check('stock_valuations_value_check', sql`${t.valueFen} >= 0`),
  ],
);

export const stockMovements = pgTable(
  'stock_movements',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    location: text().notNull(),
    kind: text().$type<MovementKind>().notNull(),
    /** Signed: + into stock, − out of it. */
    quantity: numeric({ precision: 12, scale: 3 }).notNull(),
    unitCostFen: integer().notNull(),
    /** Signed change of the part's stock value (exact; rounding remainders stay in the stock). */
    valueFen: bigint({ mode: 'number' }).notNull(),
    /** Selling price per unit (counter sales). */
    priceFen: integer(),
    reason: text().notNull().default(''),
    /** The document that moved it: part_request, purchase_receipt, stock_transfer, stocktake. */
    refType: text(),
    refId: integer(),
    refLineId: integer(),
    roId: integer(),
    roNumber: text(),
    actorId: integer(),
    actorName: text().notNull().default(''),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('stock_movements_store_part_at_idx').on(t.storeId, t.partId, t.at),
    index('stock_movements_store_at_idx').on(t.storeId, t.at),
    index('stock_movements_store_ref_idx').on(t.storeId, t.refType, t.refId),
    check('stock_movements_quantity_check', sql`${t.quantity} <> 0`),
  ],
);
