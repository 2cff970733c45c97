import { integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { stores } from '../modules/stores/stores.table';

/**
 * Per-store, per-day counters of readable document numbers (RO20261123-0007, CG20261123-0001…).
 * Every module's documents draw from here (`nextDocNumber`), in the document's own transaction.
 */
export const documentCounters = pgTable(
  'document_counters',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    prefix: text().notNull(),
    day: text().notNull(),
    last: integer().notNull(),
  },
  (t) => [primaryKey({ name: 'document_counters_pk', columns: [t.storeId, t.prefix, t.day] })],
);

/**
 * The first answer to a money-moving POST sent with an `Idempotency-Key` (DESIGN §5): a replay
 * with the same body gets it again, another body with the same key gets 422. The row is inserted
 * at the start of the request's transaction, so concurrent replays wait on its key until the first
 * commits (or rolls back and frees the key).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    scope: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    statusCode: integer(),
    response: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: 'idempotency_keys_pk', columns: [t.storeId, t.scope, t.key] })],
);
