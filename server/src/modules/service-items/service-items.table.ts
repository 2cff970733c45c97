import { boolean, index, integer, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { SkillGrade } from '#contracts/roles';
import type { JobType } from '#contracts/stores';
import type { VehicleSystem } from '#contracts/service-items';
import { stores } from '../stores/stores.table';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';

/**
 * 维修项目: priced either at a fixed price or standard hours × the store's labour rate for the
 * item's job type. Hours are numeric (0.5 h), never float.
 */
export const serviceItems = pgTable(
  'service_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    code: text().notNull(),
    name: text().notNull(),
    system: text().$type<VehicleSystem>().notNull(),
    jobType: text().$type<JobType>().notNull(),
    standardHours: numeric({ precision: 6, scale: 2 }).notNull(),
    requiredGrade: text().$type<SkillGrade>().notNull().default('junior'),
    /** Name of the manufacturer certification the technician must hold (持证上岗), if any. */
    requiredCertification: text(),
    fixedPriceFen: integer(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('service_items_store_code_uq').on(t.storeId, t.code)],
);

/** 保养套餐: a canned package (e.g. the 5,000 km service) per vehicle model. */
export const maintenancePackages = pgTable(
  'maintenance_packages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    code: text().notNull(),
    name: text().notNull(),
    vehicleModelId: integer().references(() => vehicleModels.id),
    /** The mileage this package is for (5,000 km service); null for any mileage. */
    mileageKm: integer(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('maintenance_packages_store_code_uq').on(t.storeId, t.code),
    index('maintenance_packages_model_idx').on(t.storeId, t.vehicleModelId),
  ],
);

export const maintenancePackageItems = pgTable(
  'maintenance_package_items',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    packageId: integer()
      .notNull()
      .references(() => maintenancePackages.id),
    serviceItemId: integer()
      .notNull()
      .references(() => serviceItems.id),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.packageId, t.serviceItemId] })],
);
