import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, numeric, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import type { PartRequestStatus } from '#contracts/parts-requests';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';

/**
 * 领料申请: a repair-order job asks the counter for a part. `roId` names the repair order: its
 * foreign key is written by hand in migration 0013 (the repair-order tables sit above this module,
 * which cannot import them), and the service checks the RO through the resolver the repair-order
 * module registers. `roLineId` names one of its lines (checked by the service, no key: a line can
 * be removed from an estimate); `roNumber` is the RO's number, copied for the counter.
 *
 * issued − returned − fitted is what the RO still holds (reserved against it until settled); the
 * CHECKs keep the counters consistent whatever the code does.
 */
export const partRequests = pgTable(
  'part_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    roId: integer().notNull(),
    roLineId: integer(),
    roNumber: text().notNull().default(''),
    quantity: numeric({ precision: 12, scale: 3 }).notNull(),
    issued: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    returned: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    fitted: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    /** Stock value issued on this line and not returned (fen): returns go back at the issue cost. */
    issuedValueFen: bigint({ mode: 'number' }).notNull().default(0),
    status: text().$type<PartRequestStatus>().notNull().default('pending'),
    /** On hand (beyond earlier open requests) covered the quantity when asked: the fill rate's numerator. */
    inStockAtRequest: boolean().notNull(),
    note: text().notNull().default(''),
    requestedBy: integer(),
    requestedByName: text().notNull().default(''),
    requestedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    firstIssuedAt: timestamp({ withTimezone: true }),
    settledAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text().notNull().default(''),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('part_requests_store_ro_idx').on(t.storeId, t.roId),
    index('part_requests_store_status_at_idx').on(t.storeId, t.status, t.requestedAt),
    index('part_requests_store_part_status_idx').on(t.storeId, t.partId, t.status),
    index('part_requests_store_requested_at_idx').on(t.storeId, t.requestedAt),
    check(
      'part_requests_quantities_check',
      sql`${t.quantity} > 0 AND ${t.issued} >= 0 AND ${t.returned} >= 0 AND ${t.fitted} >= 0 AND ${t.issued} <= ${t.quantity} AND ${t.returned} + ${t.fitted} <= ${t.issued} AND ${t.issuedValueFen} >= 0`,
    ),
  ],
);
