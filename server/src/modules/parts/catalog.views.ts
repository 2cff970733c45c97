import { integer, pgView, text, boolean } from 'drizzle-orm/pg-core';

/**
 * The catalog search view of migration 0006 (as ADR 0004 for customers): the parts of the
 * transaction's store (`app.store_id`, set by `inStore`), read as the schema owner so that the
 * trigram and GIN indexes work under row-level security. Read-only, for the `q` of the lists.
 * Not a *.table.ts file: drizzle-kit does not manage it (`.existing()`).
 */
export const partSearch = pgView('part_search', {
  id: integer('id').notNull(),
  storeId: integer('store_id').notNull(),
  partNoKey: text('part_no_key').notNull(),
  nameKey: text('name_key').notNull(),
  nameGrams: text('name_grams').array().notNull(),
  category: text('category').notNull(),
  active: boolean('active').notNull(),
}).existing();
