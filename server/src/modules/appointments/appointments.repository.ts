import { and, asc, count, eq, gte, ilike, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { AppointmentListQuery, AppointmentStatus } from '#contracts/appointments';
import type { JobType } from '#contracts/stores';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { customers, vehicles } from '../customers/customers.table';
import { users } from '../identity/identity.table';
import { stores } from '../stores/stores.table';
import { vehicleModels } from '../vehicle-models/vehicle-models.table';
import { appointments, appointmentSlots } from './appointments.table';

export type AppointmentRow = typeof appointments.$inferSelect;

const advisors = alias(users, 'advisor');

/** An appointment with what the register shows next to it: plate, model, advisor's name. */
export interface AppointmentView extends AppointmentRow {
  plate: string | null;
  modelBrand: string | null;
  modelSeries: string | null;
  modelModel: string | null;
  modelYear: number | null;
  advisorName: string | null;
}

function selectViews(tx: Executor) {
  return tx
    .select({
      a: appointments,
      plate: vehicles.plate,
      modelBrand: vehicleModels.brand,
      modelSeries: vehicleModels.series,
      modelModel: vehicleModels.model,
      modelYear: vehicleModels.year,
      advisorName: advisors.displayName,
    })
    .from(appointments)
    .innerJoin(vehicles, eq(vehicles.id, appointments.vehicleId))
    .leftJoin(vehicleModels, eq(vehicleModels.id, vehicles.vehicleModelId))
    .leftJoin(advisors, eq(advisors.id, appointments.advisorId));
}

type Joined = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];
const flatten = ({ a, ...rest }: Joined): AppointmentView => ({ ...a, ...rest });

export async function findAppointment(tx: Executor, storeId: number, id: number): Promise<AppointmentView | undefined> {
  const [row] = await selectViews(tx).where(and(eq(appointments.storeId, storeId), eq(appointments.id, id)));
  return row && flatten(row);
}

export async function listAppointments(tx: Executor, storeId: number, query: AppointmentListQuery, range: { start?: Date; end?: Date }) {
  // Plates are typed and shown as 川A·12345; they are stored without the separator.
  const q = query.q ? likePattern(query.q.replace(/[·\s]/g, '')) : undefined;
  const where = and(
    eq(appointments.storeId, storeId),
    range.start ? gte(appointments.startsAt, range.start) : undefined,
    range.end ? lt(appointments.startsAt, range.end) : undefined,
    query.status ? eq(appointments.status, query.status) : undefined,
    query.channel ? eq(appointments.channel, query.channel) : undefined,
    query.advisorId ? eq(appointments.advisorId, query.advisorId) : undefined,
    query.vehicleId ? eq(appointments.vehicleId, query.vehicleId) : undefined,
    q
      ? or(
          ilike(appointments.number, q),
          ilike(appointments.contactName, q),
          ilike(appointments.contactPhone, q),
          ilike(vehicles.plate, q),
          ilike(appointments.requestedWork, q),
        )
      : undefined,
  );
  const sortable = { startsAt: appointments.startsAt, number: appointments.number, status: appointments.status };
  const [rows, [total]] = await Promise.all([
    selectViews(tx)
      .where(where)
      .orderBy(...(query.sort ? orderBy(query, sortable, appointments.id) : [asc(appointments.startsAt), asc(appointments.id)]))
      .limit(query.pageSize)
      .offset(offsetOf(query)),
    tx
      .select({ n: count() })
      .from(appointments)
      .innerJoin(vehicles, eq(vehicles.id, appointments.vehicleId))
      .where(where),
  ]);
  return { rows: rows.map(flatten), total: total?.n ?? 0 };
}

export async function appointmentsBetween(tx: Executor, storeId: number, start: Date, end: Date, extra?: SQL): Promise<AppointmentView[]> {
  const rows = await selectViews(tx)
    .where(and(eq(appointments.storeId, storeId), gte(appointments.startsAt, start), lt(appointments.startsAt, end), extra))
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  return rows.map(flatten);
}

/** Booked, not reminded, starting after `now` and at the latest `until`. */
export async function reminderCandidates(tx: Executor, storeId: number, now: Date, until: Date): Promise<AppointmentView[]> {
  const rows = await selectViews(tx)
    .where(
      and(
        eq(appointments.storeId, storeId),
        eq(appointments.status, 'booked'),
        isNull(appointments.remindedAt),
        sql`${appointments.startsAt} > ${now}`,
        lte(appointments.startsAt, until),
      ),
    )
    .orderBy(asc(appointments.startsAt), asc(appointments.id));
  return rows.map(flatten);
}

export async function insertAppointment(tx: Executor, row: typeof appointments.$inferInsert): Promise<AppointmentRow> {
  const [created] = await tx.insert(appointments).values(row).returning();
  return created!;
}

export async function updateAppointment(
  tx: Executor,
  storeId: number,
  id: number,
  version: number,
  patch: Partial<typeof appointments.$inferInsert>,
  onlyStatus?: AppointmentStatus,
): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .update(appointments)
    .set({ ...patch, version: sql`${appointments.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(appointments.storeId, storeId),
        eq(appointments.id, id),
        eq(appointments.version, version),
        onlyStatus ? eq(appointments.status, onlyStatus) : undefined,
      ),
    )
    .returning();
  return row;
}

/** Locks the row (arrival from reception races with an outcome recorded at the desk). */
export async function lockAppointment(tx: Executor, storeId: number, id: number): Promise<AppointmentRow | undefined> {
  const [row] = await tx
    .select()
    .from(appointments)
    .where(and(eq(appointments.storeId, storeId), eq(appointments.id, id)))
    .for('update');
  return row;
}

// ---------------------------------------------------------------------------------------------
// Slots

export interface SlotKey {
  storeId: number;
  startsAt: Date;
  jobType: JobType;
}

/**
 * Takes one place of a slot: ONE conditional upsert. A slot the manager did not set follows the
 * reserved bays (`defaultCapacity`); an overridden one keeps its number. No row back = full.
 */
export async function takePlace(tx: Executor, key: SlotKey, defaultCapacity: number): Promise<boolean> {
  if (defaultCapacity < 1) {
    // Nothing reserved for this type: only a slot the manager opened can take the booking.
    const rows = await queryRows<{ booked: number }>(
      tx,
      sql`UPDATE appointment_slots SET booked = booked + 1
          WHERE store_id = ${key.storeId} AND starts_at = ${key.startsAt} AND job_type = ${key.jobType}
            AND overridden AND booked < capacity
          RETURNING booked`,
    );
    return rows.length === 1;
  }
  const rows = await queryRows<{ booked: number }>(
    tx,
    sql`INSERT INTO appointment_slots (store_id, starts_at, job_type, capacity, booked)
        VALUES (${key.storeId}, ${key.startsAt}, ${key.jobType}, ${defaultCapacity}, 1)
        ON CONFLICT (store_id, starts_at, job_type) DO UPDATE
          SET booked = appointment_slots.booked + 1,
              capacity = CASE WHEN appointment_slots.overridden THEN appointment_slots.capacity ELSE EXCLUDED.capacity END
          WHERE appointment_slots.booked < CASE WHEN appointment_slots.overridden THEN appointment_slots.capacity ELSE EXCLUDED.capacity END
        RETURNING booked`,
  );
  return rows.length === 1;
}

/** Gives a place back (cancelled, no-show, moved away). */
export async function freePlace(tx: Executor, key: SlotKey): Promise<void> {
  await tx.execute(
    sql`UPDATE appointment_slots SET booked = booked - 1
        WHERE store_id = ${key.storeId} AND starts_at = ${key.startsAt} AND job_type = ${key.jobType} AND booked > 0`,
  );
}

/** Locks slot rows in key order before a move touches two of them (no deadlock between opposite moves). */
export async function lockSlots(tx: Executor, keys: SlotKey[]): Promise<void> {
  if (keys.length === 0) return;
  const conditions = keys.map((k) => sql`(starts_at = ${k.startsAt} AND job_type = ${k.jobType})`);
  await tx.execute(
    sql`SELECT 1 FROM appointment_slots WHERE store_id = ${keys[0]!.storeId} AND (${sql.join(conditions, sql` OR `)})
        ORDER BY starts_at, job_type FOR UPDATE`,
  );
}

export type SlotRow = typeof appointmentSlots.$inferSelect;

export function slotRowsBetween(tx: Executor, storeId: number, start: Date, end: Date, jobType?: JobType): Promise<SlotRow[]> {
  return tx
    .select()
    .from(appointmentSlots)
    .where(
      and(
        eq(appointmentSlots.storeId, storeId),
        gte(appointmentSlots.startsAt, start),
        lt(appointmentSlots.startsAt, end),
        jobType ? eq(appointmentSlots.jobType, jobType) : undefined,
      ),
    );
}

export async function findSlot(tx: Executor, key: SlotKey): Promise<SlotRow | undefined> {
  const [row] = await tx
    .select()
    .from(appointmentSlots)
    .where(and(eq(appointmentSlots.storeId, key.storeId), eq(appointmentSlots.startsAt, key.startsAt), eq(appointmentSlots.jobType, key.jobType)));
  return row;
}

/** The manager's number for a slot; the CHECK refuses one below the places already booked. */
export async function setSlotCapacity(tx: Executor, key: SlotKey, capacity: number): Promise<SlotRow> {
  const [row] = await queryRows<{ storeId: number; startsAt: Date | string; jobType: JobType; capacity: number; booked: number; overridden: boolean }>(
    tx,
    sql`INSERT INTO appointment_slots (store_id, starts_at, job_type, capacity, booked, overridden)
        VALUES (${key.storeId}, ${key.startsAt}, ${key.jobType}, ${capacity}, 0, true)
        ON CONFLICT (store_id, starts_at, job_type) DO UPDATE SET capacity = EXCLUDED.capacity, overridden = true
        RETURNING store_id AS "storeId", starts_at AS "startsAt", job_type AS "jobType", capacity, booked, overridden`,
  );
  return { ...row!, startsAt: new Date(row!.startsAt) };
}

// ---------------------------------------------------------------------------------------------
// References checked on a booking

export async function storeInfo(tx: Executor, storeId: number) {
  const [row] = await tx
    .select({ timeZone: stores.timeZone, openingHours: stores.openingHours, settings: stores.settings })
    .from(stores)
    .where(eq(stores.id, storeId));
  return row;
}

export async function findVehicle(tx: Executor, storeId: number, id: number) {
  const [row] = await tx
    .select({ id: vehicles.id, plate: vehicles.plate, ownerId: vehicles.ownerId, driverId: vehicles.driverId, mergedIntoId: vehicles.mergedIntoId })
    .from(vehicles)
    .where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, id)));
  return row;
}

export async function findCustomer(tx: Executor, storeId: number, id: number) {
  const [row] = await tx
    .select({ id: customers.id, mobile: customers.mobile, otherPhones: customers.otherPhones, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.id, id)));
  return row;
}

/** A member of this store (any role): the advisor of an appointment. */
export async function isStoreMember(tx: Executor, storeId: number, userId: number): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(tx, sql`SELECT 1 AS one FROM memberships WHERE store_id = ${storeId} AND user_id = ${userId}`);
  return rows.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Figures

export async function statsBetween(tx: Executor, storeId: number, start: Date, end: Date, now: Date) {
  const [row] = await queryRows<{ bookings: number; proactive: number; due: number; noShows: number }>(
    tx,
    sql`SELECT count(*)::int AS bookings,
               count(*) FILTER (WHERE channel = 'proactive')::int AS proactive,
               count(*) FILTER (WHERE status <> 'cancelled' AND starts_at <= ${now})::int AS due,
               count(*) FILTER (WHERE status = 'no_show')::int AS "noShows"
        FROM appointments
        WHERE store_id = ${storeId} AND starts_at >= ${start} AND starts_at < ${end}`,
  );
  return { bookings: Number(row?.bookings ?? 0), proactive: Number(row?.proactive ?? 0), due: Number(row?.due ?? 0), noShows: Number(row?.noShows ?? 0) };
}
