import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PartCategory, PartOrigin, PartUnit } from '#contracts/parts';
import { stores } from '../stores/stores.table';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';

/**
 * 配件目录: one row per part number and store. Search columns are computed on save (catalog.keys.ts):
 * `partNoKey` (upper case, letters and digits only: unique per store, trigram GIN for any fragment),
 * `nameKey` (lower case, no spaces: trigram GIN for Latin fragments) and `nameGrams` (1- and
 * 2-character grams: GIN for Chinese fragments, which trigrams cannot index). The search reads them
 * through the `part_search` view (ADR 0004: indexes under row-level security).
 */
export const parts = pgTable(
  'parts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partNo: text().notNull(),
    partNoKey: text().notNull(),
    name: text().notNull(),
    nameKey: text().notNull(),
    nameGrams: text().array().notNull().default(sql`'{}'::text[]`),
    brand: text().notNull().default(''),
    origin: text().$type<PartOrigin>().notNull().default('oem'),
    unit: text().$type<PartUnit>().notNull().default('piece'),
    category: text().$type<PartCategory>().notNull().default('other'),
    costFen: integer().notNull().default(0),
    retailPriceFen: integer().notNull().default(0),
    defaultLocation: text().notNull().default(''),
    /** Override of the computed safety stock; null = safetyStockFactor × average monthly outbound. */
    safetyStock: numeric({ precision: 12, scale: 3 }),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('parts_store_part_no_key_uq').on(t.storeId, t.partNoKey),
    index('parts_store_category_idx').on(t.storeId, t.category),
    index('parts_store_name_idx').on(t.storeId, t.nameKey),
    index('parts_part_no_key_trgm').using('gin', sql`${t.partNoKey} gin_trgm_ops`),
    index('parts_name_key_trgm').using('gin', sql`${t.nameKey} gin_trgm_ops`),
    index('parts_name_grams_gin').using('gin', t.nameGrams),
    check('parts_prices_check', sql`${t.costFen} >= 0 AND ${t.retailPriceFen} >= 0`),
    check('parts_safety_stock_check', sql`${t.safetyStock} IS NULL OR ${t.safetyStock} >= 0`),
  ],
);

/** 适用车型: the vehicle models a part fits (equality look-ups both ways: btree, usable under RLS). */
export const partVehicleModels = pgTable(
  'part_vehicle_models',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    vehicleModelId: integer()
      .notNull()
      .references(() => vehicleModels.id),
  },
  (t) => [
    primaryKey({ name: 'part_vehicle_models_pk', columns: [t.storeId, t.partId, t.vehicleModelId] }),
    index('part_vehicle_models_store_model_idx').on(t.storeId, t.vehicleModelId, t.partId),
  ],
);
