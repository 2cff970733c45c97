import { integer, jsonb, pgTable, text, timestamp, boolean, uniqueIndex } from 'drizzle-orm/pg-core';
import type { StoreSettings } from '#contracts/settings';
import type { LabourRates, OpeningHours } from '#contracts/stores';

/** 集团: a dealer group owning many stores. */
export const dealerGroups = pgTable('dealer_groups', {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** 门店. A reference table in a sharded deployment: small, read everywhere. */
export const stores = pgTable(
  'stores',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    groupId: integer()
      .notNull()
      .references(() => dealerGroups.id),
    code: text().notNull(),
    name: text().notNull(),
    brand: text().notNull().default(''),
    address: text().notNull().default(''),
    phone: text().notNull().default(''),
    timeZone: text().notNull().default('Asia/Shanghai'),
    labourRates: jsonb().$type<LabourRates>().notNull(),
    openingHours: jsonb().$type<OpeningHours>().notNull(),
    settings: jsonb().$type<Partial<StoreSettings>>().notNull().default({}),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('stores_group_code_uq').on(t.groupId, t.code)],
);
