import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { AppointmentChannel, AppointmentStatus } from '#contracts/appointments';
import type { JobType } from '#contracts/stores';
import { customers, vehicles } from '../customers/customers.table';
import { stores } from '../stores/stores.table';

/**
 * The load of one time slot for one bay type. Booking is one conditional upsert of this row
 * (`booked = booked + 1 WHERE booked < capacity`) and the CHECK makes overbooking impossible
 * whatever the code does: concurrent bookings queue on the row.
 */
export const appointmentSlots = pgTable(
  'appointment_slots',
  {
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    jobType: text().$type<JobType>().notNull(),
    capacity: integer().notNull(),
    booked: integer().notNull().default(0),
    /** The manager set this slot's capacity (otherwise it is the store's reserved bays of the type). */
    overridden: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ name: 'appointment_slots_pk', columns: [t.storeId, t.startsAt, t.jobType] }),
    check('appointment_slots_load_check', sql`${t.booked} >= 0 AND ${t.booked} <= ${t.capacity}`),
  ],
);

/** 维修预约单 (SPEC §4), registered in the appointment log (维修预约登记表). */
export const appointments = pgTable(
  'appointments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    customerId: integer().references(() => customers.id),
    contactName: text().notNull(),
    contactPhone: text().notNull(),
    channel: text().$type<AppointmentChannel>().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    jobType: text().$type<JobType>().notNull(),
    requestedWork: text().notNull(),
    advisorId: integer(),
    partsToPrepare: text().notNull().default(''),
    depositFen: bigint({ mode: 'number' }).notNull().default(0),
    notes: text().notNull().default(''),
    status: text().$type<AppointmentStatus>().notNull().default('booked'),
    arrivedAt: timestamp({ withTimezone: true }),
    remindedAt: timestamp({ withTimezone: true }),
    cancelReason: text().notNull().default(''),
    /** The repair order the arrival became. */
    roId: integer(),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('appointments_store_number_uq').on(t.storeId, t.number),
    index('appointments_store_starts_idx').on(t.storeId, t.startsAt),
    index('appointments_store_vehicle_idx').on(t.storeId, t.vehicleId, t.startsAt),
    check('appointments_deposit_check', sql`${t.depositFen} >= 0`),
  ],
);
