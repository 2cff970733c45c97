import { bigint, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { TransferDirection } from '#contracts/parts-transfers';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';

/**
 * 调拨单 (DB…): each side of a transfer is a row of its own store (so that each store's row-level
 * security shows it its side) under the same number; `counterpartTransferId` links the two.
 */
export const stockTransfers = pgTable(
  'stock_transfers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    direction: text().$type<TransferDirection>().notNull(),
    counterpartStoreId: integer()
      .notNull()
      .references(() => stores.id),
    counterpartTransferId: integer(),
    reason: text().notNull().default(''),
    actorId: integer(),
    actorName: text().notNull().default(''),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The number comes from the sending store's counter: unique per side and counterpart.
    uniqueIndex('stock_transfers_store_side_number_uq').on(t.storeId, t.direction, t.counterpartStoreId, t.number),
    index('stock_transfers_store_at_idx').on(t.storeId, t.at),
  ],
);

export const stockTransferLines = pgTable(
  'stock_transfer_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    transferId: integer()
      .notNull()
      .references(() => stockTransfers.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    location: text().notNull(),
    quantity: numeric({ precision: 12, scale: 3 }).notNull(),
    valueFen: bigint({ mode: 'number' }).notNull(),
  },
  (t) => [index('stock_transfer_lines_store_transfer_idx').on(t.storeId, t.transferId)],
);
