import { integer, pgView, text } from 'drizzle-orm/pg-core';

/**
 * The search views of migration 0004: the unmerged customers and vehicles of the transaction's
 * store (`app.store_id`, set by `inStore`), read as the schema owner so that the trigram and GIN
 * indexes work under row-level security (RLS only lets leakproof operators use an index; LIKE,
 * pg_trgm and `@>` are not). Read-only use: the search box and the lists' `q`.
 * Not a *.table.ts file: drizzle-kit does not manage them (`.existing()`).
 */
export const customerSearch = pgView('customer_search', {
  id: integer('id').notNull(),
  storeId: integer('store_id').notNull(),
  searchName: text('search_name').notNull(),
  nameGrams: text('name_grams').array().notNull(),
  nameInitials: text('name_initials').notNull(),
  mobile: text('mobile'),
  otherPhones: text('other_phones').array().notNull(),
  phoneDigits: text('phone_digits').notNull(),
}).existing();

export const vehicleSearch = pgView('vehicle_search', {
  id: integer('id').notNull(),
  storeId: integer('store_id').notNull(),
  plate: text('plate'),
  vin: text('vin'),
  ownerId: integer('owner_id'),
  driverId: integer('driver_id'),
}).existing();
