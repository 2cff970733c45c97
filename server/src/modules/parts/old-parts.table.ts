import { index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { OldPartStatus } from '#contracts/parts-old-parts';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';
import { partRequests } from './requests.table';

/**
 * 旧件: a part removed in a warranty job, tagged (JJ…), kept and returned to the manufacturer. Like
 * part requests, `roId`/`roLineId` get their foreign keys from the repair-order module (issue 4);
 * `claimNo` becomes a claim reference with the warranty module.
 */
export const oldParts = pgTable(
  'old_parts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    tagNo: text().notNull(),
    partId: integer().references(() => parts.id),
    partNo: text().notNull(),
    name: text().notNull(),
    quantity: numeric({ precision: 12, scale: 3 }).notNull(),
    roId: integer().notNull(),
    roLineId: integer(),
    roNumber: text().notNull().default(''),
    requestId: integer().references(() => partRequests.id),
    claimNo: text().notNull().default(''),
    location: text().notNull().default(''),
    status: text().$type<OldPartStatus>().notNull().default('in_storage'),
    waybillNo: text().notNull().default(''),
    returnedAt: timestamp({ withTimezone: true }),
    disposedAt: timestamp({ withTimezone: true }),
    disposedReason: text().notNull().default(''),
    note: text().notNull().default(''),
    taggedBy: integer(),
    taggedByName: text().notNull().default(''),
    taggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('old_parts_store_tag_uq').on(t.storeId, t.tagNo),
    index('old_parts_store_status_idx').on(t.storeId, t.status, t.taggedAt),
    index('old_parts_store_ro_idx').on(t.storeId, t.roId),
  ],
);
