import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { JobType } from '#contracts/stores';
import { stores } from '../stores/stores.table';

/** 工位: a workshop bay of one type; some are held for appointments (预约工位). */
export const bays = pgTable(
  'bays',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    code: text().notNull(),
    name: text().notNull(),
    type: text().$type<JobType>().notNull(),
    reservedForAppointments: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bays_store_code_uq').on(t.storeId, t.code)],
);
