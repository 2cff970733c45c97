import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { CustomerKind, CustomerSource } from '#contracts/customers';
import type { SegmentFilter } from '#contracts/customers-tools';
import { stores } from '../stores/stores.table';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';

/**
 * 客户档案: a person or a company. Search columns are computed on save (customers.search.ts):
 * `searchName` (lower case, no spaces) with its 1- and 2-character grams in `nameGrams` (GIN: any
 * Chinese fragment of a name, one character included, which trigrams cannot index), `nameInitials`
 * (pinyin initials, 张三 → zs, btree prefix) and `phoneDigits` (every phone, trigram GIN: any 4+ digits).
 */
export const customers = pgTable(
  'customers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    kind: text().$type<CustomerKind>().notNull().default('person'),
    name: text().notNull(),
    searchName: text().notNull(),
    nameGrams: text().array().notNull().default(sql`'{}'::text[]`),
    nameInitials: text().notNull().default(''),
    mobile: text(),
    otherPhones: text().array().notNull().default(sql`'{}'::text[]`),
    phoneDigits: text().notNull().default(''),
    address: text().notNull().default(''),
    source: text().$type<CustomerSource>(),
    outletName: text().notNull().default(''),
    consentPhone: boolean(),
    consentSms: boolean(),
    consentWechat: boolean(),
    preferredAdvisorId: integer(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    notes: text().notNull().default(''),
    completeness: smallint().notNull().default(0),
    completenessMissing: text().array().notNull().default(sql`'{}'::text[]`),
    mergedIntoId: integer().references((): AnyPgColumn => customers.id),
    mergedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_store_mobile_idx').on(t.storeId, t.mobile),
    index('customers_store_search_name_idx').on(t.storeId, t.searchName.op('text_pattern_ops')),
    index('customers_store_initials_idx').on(t.storeId, t.nameInitials.op('text_pattern_ops')),
    index('customers_name_grams_gin').using('gin', t.nameGrams),
    index('customers_phone_digits_trgm').using('gin', sql`${t.phoneDigits} gin_trgm_ops`),
    index('customers_tags_gin').using('gin', t.tags),
    // The list's filters and sorts over live (unmerged) files: measured at 100k customers a store.
    index('customers_store_completeness_idx').on(t.storeId, t.completeness).where(sql`${t.mergedIntoId} IS NULL`),
    // The list sorted by name, and filtered by second-tier outlet (measured on the 300k data set).
    index('customers_store_name_sort_idx').on(t.storeId, t.searchName, t.id).where(sql`${t.mergedIntoId} IS NULL`),
    index('customers_store_outlet_source_idx').on(t.storeId, t.outletName, t.source, t.id).where(sql`${t.mergedIntoId} IS NULL`),
    index('customers_store_source_idx').on(t.storeId, t.source, t.completeness).where(sql`${t.mergedIntoId} IS NULL`),
    index('customers_store_kind_updated_idx').on(t.storeId, t.kind, t.updatedAt.desc().nullsFirst(), t.id.desc().nullsFirst()).where(sql`${t.mergedIntoId} IS NULL`),
    index('customers_store_advisor_created_idx')
      .on(t.storeId, t.preferredAdvisorId, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`${t.mergedIntoId} IS NULL`),
    index('customers_store_outlet_idx').on(t.storeId, t.outletName),
    index('customers_store_merged_into_idx').on(t.storeId, t.mergedIntoId),
  ],
);

/**
 * 车辆: VIN unique per store among files not merged away; plate stored normalised (川A12345).
 * Mileage, average km/day, last service and next due are derived from the odometer readings
 * (vehicle-stats.ts) and stored for lists, segments and reminders.
 */
export const vehicles = pgTable(
  'vehicles',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    vin: text(),
    plate: text(),
    vehicleModelId: integer().references(() => vehicleModels.id),
    colour: text().notNull().default(''),
    engineNo: text().notNull().default(''),
    purchaseDate: date({ mode: 'string' }),
    soldByUs: boolean().notNull().default(false),
    warrantyStart: date({ mode: 'string' }),
    insuranceCompany: text().notNull().default(''),
    insuranceExpiry: date({ mode: 'string' }),
    extendedWarrantyUntil: date({ mode: 'string' }),
    extendedWarrantyKm: integer(),
    ownerId: integer().references(() => customers.id),
    driverId: integer().references(() => customers.id),
    currentMileageKm: integer(),
    mileageReadAt: timestamp({ withTimezone: true }),
    avgKmPerDay: doublePrecision(),
    lastServiceDate: date({ mode: 'string' }),
    lastServiceKm: integer(),
    nextDueDate: date({ mode: 'string' }),
    nextDueKm: integer(),
    lastVisitAt: timestamp({ withTimezone: true }),
    completeness: smallint().notNull().default(0),
    completenessMissing: text().array().notNull().default(sql`'{}'::text[]`),
    notes: text().notNull().default(''),
    mergedIntoId: integer().references((): AnyPgColumn => vehicles.id),
    mergedAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('vehicles_store_vin_uq').on(t.storeId, t.vin).where(sql`${t.mergedIntoId} IS NULL`),
    index('vehicles_store_plate_idx').on(t.storeId, t.plate),
    index('vehicles_plate_trgm').using('gin', sql`${t.plate} gin_trgm_ops`),
    index('vehicles_vin_trgm').using('gin', sql`${t.vin} gin_trgm_ops`),
    index('vehicles_store_owner_idx').on(t.storeId, t.ownerId),
    index('vehicles_store_driver_idx').on(t.storeId, t.driverId),
    index('vehicles_store_model_idx').on(t.storeId, t.vehicleModelId),
    index('vehicles_store_next_due_idx').on(t.storeId, t.nextDueDate),
    index('vehicles_store_completeness_idx').on(t.storeId, t.completeness),
    index('vehicles_store_merged_into_idx').on(t.storeId, t.mergedIntoId),
  ],
);

/** 里程读数: one per visit (SPEC §3); a reading below the previous one carries a reason. */
export const odometerReadings = pgTable(
  'odometer_readings',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    km: integer().notNull(),
    readAt: timestamp({ withTimezone: true }).notNull(),
    service: boolean().notNull().default(true),
    reason: text().notNull().default(''),
    broughtByCustomerId: integer().references(() => customers.id),
    broughtByName: text().notNull().default(''),
    /** The document that recorded it (a repair order…), when not typed on the vehicle page. */
    refType: text(),
    refId: text(),
    createdBy: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('odometer_readings_store_vehicle_at_idx').on(t.storeId, t.vehicleId, t.readAt),
    index('odometer_readings_store_brought_by_idx').on(t.storeId, t.broughtByCustomerId),
  ],
);

/**
 * The envelope of a vehicle (and its customer): every visit, repair order, call, message,
 * complaint and survey. Other modules write through `addTimelineEvent` (timeline.ts).
 */
export const timelineEvents = pgTable(
  'timeline_events',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    vehicleId: integer().references(() => vehicles.id),
    customerId: integer().references(() => customers.id),
    kind: text().notNull(),
    title: text().notNull(),
    refType: text(),
    refId: text(),
    at: timestamp({ withTimezone: true }).notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    actorId: integer(),
    actorName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('timeline_events_store_vehicle_at_idx').on(t.storeId, t.vehicleId, t.at.desc(), t.id.desc()),
    index('timeline_events_store_customer_at_idx').on(t.storeId, t.customerId, t.at.desc(), t.id.desc()),
    index('timeline_events_store_ref_idx').on(t.storeId, t.refType, t.refId),
  ],
);

/** Saved segments (客户细分): a filter over vehicles and their customers, counted live. */
export const customerSegments = pgTable(
  'customer_segments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    name: text().notNull(),
    description: text().notNull().default(''),
    filter: jsonb().$type<SegmentFilter>().notNull(),
    createdBy: integer(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('customer_segments_store_name_uq').on(t.storeId, t.name)],
);
