import { boolean, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { stores } from '../stores/stores.table';

/** 车型 with its maintenance interval (SPEC §2, §11): due by months or by km, whichever first. */
export const vehicleModels = pgTable(
  'vehicle_models',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    brand: text().notNull(),
    series: text().notNull(),
    model: text().notNull(),
    year: integer(),
    engine: text().notNull().default(''),
    maintenanceIntervalMonths: integer().notNull(),
    maintenanceIntervalKm: integer().notNull(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('vehicle_models_store_name_uq').on(t.storeId, t.brand, t.series, t.model, t.year)],
);
