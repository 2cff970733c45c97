import { and, eq } from 'drizzle-orm';
import type {
  Appointment,
  AppointmentCreate,
  AppointmentListQuery,
  AppointmentOutcome,
  AppointmentStats,
  AppointmentUpdate,
  Slot,
  SlotCapacity,
  SlotQuery,
} from '#contracts/appointments';
import type { Page } from '#contracts/common';
import { maskAnyPhone, maskName } from '#contracts/customers';
import { MESSAGES } from '#contracts/messages';
import { formatPlate } from '#contracts/vehicle';
import { JOB_TYPE_LABELS, JOB_TYPES, type JobType, type OpeningHours } from '#contracts/stores';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { nextDocNumber } from '../../platform/doc-numbers';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { countReservedBays, reservedBayCounts } from '../bays';
import { addTimelineEvent } from '../customers';
import { settingsOf } from '../stores';
import * as repo from './appointments.repository';
import { appointments } from './appointments.table';
import { addDays, daysBetween, daysRange, instantToLocal, localToInstant, todayIn } from '../../platform/local-time';
import { isSlotTime, slotTimes } from './slots';

const APPOINTMENT = { zh: '预约单', en: 'Appointment' };
/** The longest range the slot calendar returns in one request. */
export const MAX_SLOT_DAYS = 31;

// ---------------------------------------------------------------------------------------------
// Mapping

function modelName(v: repo.AppointmentView): string {
  if (v.modelBrand === null) return '';
  return [v.modelBrand, v.modelSeries, v.modelModel, v.modelYear === null ? '' : `${v.modelYear}款`].filter(Boolean).join(' ');
}

/**
 * DESIGN §3: the contact's phone and name are personal data. Roles that book and remind (or may
 * reveal phones) see them in full; the workshop sees 138****1234 and 张*.
 */
function seesContact(ctx: Ctx): boolean {
  const p = ctx.actor.permissions;
  return p.has('appointment:manage') || p.has('customer:reveal_phone');
}

function masked(a: Appointment): Appointment {
  return { ...a, contactName: maskName(a.contactName), contactPhone: maskAnyPhone(a.contactPhone) };
}

export function toAppointment(v: repo.AppointmentView, timeZone: string): Appointment {
  const local = instantToLocal(v.startsAt, timeZone);
  return {
    id: v.id,
    number: v.number,
    vehicleId: v.vehicleId,
    plate: v.plate === null ? null : formatPlate(v.plate),
    modelName: modelName(v),
    customerId: v.customerId,
    contactName: v.contactName,
    contactPhone: v.contactPhone,
    channel: v.channel,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
    date: local.date,
    time: local.time,
    jobType: v.jobType,
    requestedWork: v.requestedWork,
    advisorId: v.advisorId,
    advisorName: v.advisorName ?? '',
    partsToPrepare: v.partsToPrepare,
    depositFen: v.depositFen,
    notes: v.notes,
    status: v.status,
    arrivedAt: v.arrivedAt?.toISOString() ?? null,
    remindedAt: v.remindedAt?.toISOString() ?? null,
    cancelReason: v.cancelReason,
    roId: v.roId,
    createdByName: v.createdByName,
    createdAt: v.createdAt.toISOString(),
    version: v.version,
  };
}

/** What the audit log keeps of a booking (no joins needed). */
function auditView(row: repo.AppointmentRow) {
  const { id, number, vehicleId, customerId, channel, startsAt, jobType, advisorId, depositFen, status, arrivedAt, remindedAt, cancelReason, roId, version } = row;
  return { id, number, vehicleId, customerId, channel, startsAt, jobType, advisorId, depositFen, status, arrivedAt, remindedAt, cancelReason, roId, version };
}

// ---------------------------------------------------------------------------------------------
// Store rules: opening hours, slot length, lateness

interface StoreRules {
  timeZone: string;
  openingHours: OpeningHours;
  slotMinutes: number;
  lateMinutes: number;
  reminderHoursBefore: number;
}

async function storeRules(tx: Executor, storeId: number): Promise<StoreRules> {
  const row = await repo.storeInfo(tx, storeId);
  if (!row) throw notFound({ zh: '门店', en: 'Store' });
  const settings = settingsOf(row);
  return {
    timeZone: row.timeZone,
    openingHours: row.openingHours,
    slotMinutes: settings.appointmentSlotMinutes,
    lateMinutes: settings.appointmentLateMinutes,
    reminderHoursBefore: settings.appointmentReminderHoursBefore,
  };
}

/** The instant a booking's slot starts, if it is a slot of the store's day and not in the past. */
function slotStart(rules: StoreRules, date: string, time: string, now = new Date()): Date {
  if (!isSlotTime(time, rules.openingHours, rules.slotMinutes)) throw invalidField('time', MESSAGES['appointment.slotTime']);
  const startsAt = localToInstant(date, time, rules.timeZone);
  if (startsAt.getTime() < now.getTime()) {
    throw invalidField(date < todayIn(rules.timeZone, now) ? 'date' : 'time', MESSAGES['appointment.past']);
  }
  return startsAt;
}

const slotFull = (date: string, time: string, jobType: JobType) =>
  new AppError(
    'SLOT_FULL',
    {
      zh: `${date} ${time} ${JOB_TYPE_LABELS[jobType].zh}时段已约满，请选择其他时段`,
      en: `The ${JOB_TYPE_LABELS[jobType].en} slot of ${date} ${time} is fully booked; choose another slot`,
    },
    { date, time, jobType },
  );

const notBooked = (status: string) =>
  new AppError(
    'ILLEGAL_TRANSITION',
    { zh: '只有"已预约"状态的预约单可以修改或登记结果', en: 'Only a booked appointment can be changed or given an outcome' },
    { status },
  );

/** Takes a place in the slot or throws SLOT_FULL. */
async function takePlace(tx: Executor, storeId: number, startsAt: Date, jobType: JobType, date: string, time: string) {
  const defaultCapacity = await countReservedBays(tx, storeId, jobType);
  const ok = await repo.takePlace(tx, { storeId, startsAt, jobType }, defaultCapacity);
  if (!ok) throw slotFull(date, time, jobType);
}

/** Vehicle, person and advisor named by the form must be this store's (400 naming the field). */
async function checkReferences(tx: Executor, storeId: number, input: { vehicleId?: number; customerId: number | null; advisorId: number | null }) {
  if (input.vehicleId !== undefined) {
    const vehicle = await repo.findVehicle(tx, storeId, input.vehicleId);
    if (!vehicle) throw invalidField('vehicleId', { zh: '车辆不存在', en: 'No such vehicle' });
    if (vehicle.mergedIntoId !== null) throw invalidField('vehicleId', { zh: '该车辆档案已合并，请选择合并后的档案', en: 'This vehicle file was merged; choose the surviving one' });
  }
  if (input.customerId !== null) {
    const customer = await repo.findCustomer(tx, storeId, input.customerId);
    if (!customer) throw invalidField('customerId', { zh: '客户不存在', en: 'No such customer' });
    if (customer.mergedIntoId !== null) throw invalidField('customerId', { zh: '该客户档案已合并', en: 'This customer file was merged' });
  }
  if (input.advisorId !== null && !(await repo.isStoreMember(tx, storeId, input.advisorId))) {
    throw invalidField('advisorId', { zh: '服务顾问不是本店员工', en: 'The advisor is not on this store’s staff' });
  }
}

/**
 * A form filled from the files carries the phone as the viewer saw it (138****1234 for roles that
 * may not reveal phones): the number on file that masks to it is used, so nobody retypes it.
 */
async function contactPhoneOf(tx: Executor, storeId: number, phone: string, customerId: number | null, current?: string): Promise<string> {
  if (!phone.includes('*')) return phone;
  const known = [current ?? null];
  if (customerId !== null) {
    const customer = await repo.findCustomer(tx, storeId, customerId);
    known.push(customer?.mobile ?? null, ...(customer?.otherPhones ?? []));
  }
  const match = known.find((k): k is string => k !== null && k !== '' && maskAnyPhone(k) === phone);
  if (!match) throw invalidField('contactPhone', { zh: '请填写完整的联系电话', en: 'Enter the full contact phone number' });
  return match;
}

async function view(tx: Executor, storeId: number, id: number, timeZone: string, ctx?: Ctx): Promise<Appointment> {
  const row = await repo.findAppointment(tx, storeId, id);
  if (!row) throw notFound(APPOINTMENT);
  const a = toAppointment(row, timeZone);
  return ctx && !seesContact(ctx) ? masked(a) : a;
}

// ---------------------------------------------------------------------------------------------
// The register

export function listAppointments(ctx: Ctx, query: AppointmentListQuery): Promise<Page<Appointment>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { timeZone } = await storeRules(tx, ctx.storeId);
    const range = {
      start: query.from ? localToInstant(query.from, '00:00', timeZone) : undefined,
      end: query.to ? localToInstant(addDays(query.to, 1), '00:00', timeZone) : undefined,
    };
    const { rows, total } = await repo.listAppointments(tx, ctx.storeId, query, range);
    const full = seesContact(ctx);
    return pageOf(
      query,
      rows.map((r) => (full ? toAppointment(r, timeZone) : masked(toAppointment(r, timeZone)))),
      total,
    );
  });
}

export function getAppointment(ctx: Ctx, id: number): Promise<Appointment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => view(tx, ctx.storeId, id, (await storeRules(tx, ctx.storeId)).timeZone, ctx));
}

export function createAppointment(ctx: Ctx, input: AppointmentCreate): Promise<Appointment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    const startsAt = slotStart(rules, input.date, input.time);
    await checkReferences(tx, ctx.storeId, input);
    const contactPhone = await contactPhoneOf(tx, ctx.storeId, input.contactPhone, input.customerId);
    // The slot's row first (concurrent bookings queue there and a full slot fails fast), then the number.
    await takePlace(tx, ctx.storeId, startsAt, input.jobType, input.date, input.time);
    const number = await nextDocNumber(tx, ctx.storeId, 'YY', rules.timeZone);
    const { date: _date, time: _time, ...fields } = input;
    const row = await repo.insertAppointment(tx, {
      ...fields,
      contactPhone,
      storeId: ctx.storeId,
      number,
      startsAt,
      endsAt: new Date(startsAt.getTime() + rules.slotMinutes * 60_000),
      status: 'booked',
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await writeAudit(ctx, tx, { action: 'appointment.created', entity: 'appointment', entityId: row.id, after: auditView(row) });
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: row.vehicleId,
      customerId: row.customerId,
      kind: 'appointment',
      title: `预约 ${input.date} ${input.time} ${JOB_TYPE_LABELS[input.jobType].zh}：${input.requestedWork}`,
      refType: 'appointment',
      refId: row.id,
      data: { number, date: input.date, time: input.time, jobType: input.jobType, channel: input.channel },
      actor: ctx.actor,
    });
    return view(tx, ctx.storeId, row.id, rules.timeZone);
  });
}

/** The whole form again; a new day, time or bay type takes the new place first, then frees the old. */
export function updateAppointment(ctx: Ctx, id: number, input: AppointmentUpdate): Promise<Appointment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    const before = await repo.lockAppointment(tx, ctx.storeId, id);
    if (!before) throw notFound(APPOINTMENT);
    if (before.version !== input.version) throw staleVersion();
    if (before.status !== 'booked') throw notBooked(before.status);
    await checkReferences(tx, ctx.storeId, { customerId: input.customerId, advisorId: input.advisorId });

    const target = localToInstant(input.date, input.time, rules.timeZone);
    const moved = target.getTime() !== before.startsAt.getTime() || input.jobType !== before.jobType;
    let startsAt = before.startsAt;
    let endsAt = before.endsAt;
    if (moved) {
      startsAt = slotStart(rules, input.date, input.time);
      endsAt = new Date(startsAt.getTime() + rules.slotMinutes * 60_000);
      const oldKey = { storeId: ctx.storeId, startsAt: before.startsAt, jobType: before.jobType };
      await repo.lockSlots(tx, [oldKey, { storeId: ctx.storeId, startsAt, jobType: input.jobType }]);
      await takePlace(tx, ctx.storeId, startsAt, input.jobType, input.date, input.time);
      await repo.freePlace(tx, oldKey);
    }
    const { date: _date, time: _time, version, ...fields } = input;
    const contactPhone = await contactPhoneOf(tx, ctx.storeId, input.contactPhone, input.customerId, before.contactPhone);
    const row = await repo.updateAppointment(tx, ctx.storeId, id, version, { ...fields, contactPhone, startsAt, endsAt }, 'booked');
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, {
      action: moved ? 'appointment.moved' : 'appointment.updated',
      entity: 'appointment',
      entityId: id,
      before: auditView(before),
      after: auditView(row),
    });
    return view(tx, ctx.storeId, id, rules.timeZone);
  });
}

function arrivalStatus(startsAt: Date, arrivedAt: Date, lateMinutes: number): 'arrived' | 'arrived_late' {
  return arrivedAt.getTime() > startsAt.getTime() + lateMinutes * 60_000 ? 'arrived_late' : 'arrived';
}

export function recordOutcome(ctx: Ctx, id: number, input: AppointmentOutcome): Promise<Appointment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    const before = await repo.lockAppointment(tx, ctx.storeId, id);
    if (!before) throw notFound(APPOINTMENT);
    if (before.version !== input.version) throw staleVersion();
    if (before.status !== 'booked') throw notBooked(before.status);
    if (input.outcome === 'cancelled' && input.reason === '') {
      throw invalidField('reason', { zh: '请填写取消原因', en: 'Give the reason for cancelling' });
    }
    const now = new Date();
    let patch: Partial<typeof appointments.$inferInsert>;
    if (input.outcome === 'arrived') {
      patch = { status: arrivalStatus(before.startsAt, now, rules.lateMinutes), arrivedAt: now };
    } else {
      // A no-show or a cancellation gives the place back.
      await repo.freePlace(tx, { storeId: ctx.storeId, startsAt: before.startsAt, jobType: before.jobType });
      patch = { status: input.outcome, cancelReason: input.reason };
    }
    const row = await repo.updateAppointment(tx, ctx.storeId, id, input.version, patch, 'booked');
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: `appointment.${input.outcome}`, entity: 'appointment', entityId: id, before: auditView(before), after: auditView(row) });
    return view(tx, ctx.storeId, id, rules.timeZone);
  });
}

/** The advisor reminded the customer (SPEC §4: one day, or half a day, before). */
export function markReminded(ctx: Ctx, id: number): Promise<Appointment> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    const before = await repo.lockAppointment(tx, ctx.storeId, id);
    if (!before) throw notFound(APPOINTMENT);
    if (before.status !== 'booked') throw notBooked(before.status);
    const row = await repo.updateAppointment(tx, ctx.storeId, id, before.version, { remindedAt: new Date() });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'appointment.reminded', entity: 'appointment', entityId: id, before: auditView(before), after: auditView(row) });
    return view(tx, ctx.storeId, id, rules.timeZone);
  });
}

// ---------------------------------------------------------------------------------------------
// Slots

export function listSlots(ctx: Ctx, query: SlotQuery): Promise<Slot[]> {
  if (daysBetween(query.from, query.to) >= MAX_SLOT_DAYS) {
    throw invalidField('to', { zh: `一次最多查询 ${MAX_SLOT_DAYS} 天`, en: `At most ${MAX_SLOT_DAYS} days at a time` });
  }
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    const { start, end } = daysRange(query.from, query.to, rules.timeZone);
    const [rows, defaults] = await Promise.all([
      repo.slotRowsBetween(tx, ctx.storeId, start, end, query.jobType),
      reservedBayCounts(tx, ctx.storeId),
    ]);
    const byKey = new Map(rows.map((r) => [`${r.startsAt.getTime()}|${r.jobType}`, r]));
    const types = query.jobType ? [query.jobType] : JOB_TYPES;
    const times = slotTimes(rules.openingHours, rules.slotMinutes);
    const slots: Slot[] = [];
    for (let date = query.from; date <= query.to; date = addDays(date, 1)) {
      for (const time of times) {
        const startsAt = localToInstant(date, time, rules.timeZone);
        for (const jobType of types) {
          const row = byKey.get(`${startsAt.getTime()}|${jobType}`);
          slots.push({
            startsAt: startsAt.toISOString(),
            date,
            time,
            jobType,
            capacity: row?.overridden ? row.capacity : (defaults[jobType] ?? 0),
            booked: row?.booked ?? 0,
            overridden: row?.overridden ?? false,
          });
        }
      }
    }
    return slots;
  });
}

export function setSlotCapacity(ctx: Ctx, input: SlotCapacity): Promise<Slot> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rules = await storeRules(tx, ctx.storeId);
    if (!isSlotTime(input.time, rules.openingHours, rules.slotMinutes)) throw invalidField('time', MESSAGES['appointment.slotTime']);
    const key = { storeId: ctx.storeId, startsAt: localToInstant(input.date, input.time, rules.timeZone), jobType: input.jobType };
    const before = await repo.findSlot(tx, key);
    if (before && input.capacity < before.booked) {
      throw new AppError(
        'CONFLICT',
        { zh: `该时段已有 ${before.booked} 个预约，容量不能低于此数`, en: `${before.booked} places are already booked; the capacity cannot be lower` },
        { booked: before.booked },
      );
    }
    // The CHECK (booked <= capacity) refuses it anyway if a booking slipped in meanwhile.
    const row = await repo.setSlotCapacity(tx, key, input.capacity);
    await writeAudit(ctx, tx, {
      action: 'appointment_slot.capacity',
      entity: 'appointment_slot',
      entityId: `${key.startsAt.toISOString()}|${key.jobType}`,
      before: before ? { capacity: before.capacity, booked: before.booked, overridden: before.overridden } : null,
      after: { capacity: row.capacity, booked: row.booked, overridden: true },
    });
    return { startsAt: key.startsAt.toISOString(), date: input.date, time: input.time, jobType: input.jobType, capacity: row.capacity, booked: row.booked, overridden: true };
  });
}

// ---------------------------------------------------------------------------------------------
// Figures (SPEC §4)

const bp = (part: number, whole: number) => (whole === 0 ? null : Math.round((part * 10_000) / whole));

/**
 * 预约率, proactive share and no-show rate of the appointments whose slot falls in the range.
 * The repair-order counts come from the caller (the repair-order module owns them).
 */
export async function appointmentStats(
  tx: Executor,
  storeId: number,
  range: { from: string; to: string; timeZone: string },
  rosCount: { ros: number; rosFromAppointments: number },
  now = new Date(),
): Promise<AppointmentStats> {
  const { start, end } = daysRange(range.from, range.to, range.timeZone);
  const s = await repo.statsBetween(tx, storeId, start, end, now);
  return {
    ros: rosCount.ros,
    rosFromAppointments: rosCount.rosFromAppointments,
    appointmentRateBp: bp(rosCount.rosFromAppointments, rosCount.ros),
    bookings: s.bookings,
    proactive: s.proactive,
    proactiveShareBp: bp(s.proactive, s.bookings),
    due: s.due,
    noShows: s.noShows,
    noShowRateBp: bp(s.noShows, s.due),
  };
}

/** Counts the ROs opened in [start, end) and those of them that came from an appointment. */
export type RoCounter = (tx: Executor, storeId: number, start: Date, end: Date) => Promise<{ ros: number; rosFromAppointments: number }>;
let roCounter: RoCounter = () => Promise.resolve({ ros: 0, rosFromAppointments: 0 });

/** The repair-order module (which depends on this one) plugs its RO counts in here. */
export function registerRoCounter(counter: RoCounter): void {
  roCounter = counter;
}

export function getStats(ctx: Ctx, query: { from: string; to: string }): Promise<AppointmentStats> {
  if (query.from > query.to) throw invalidField('to', MESSAGES['date.order']);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { timeZone } = await storeRules(tx, ctx.storeId);
    const { start, end } = daysRange(query.from, query.to, timeZone);
    return appointmentStats(tx, ctx.storeId, { ...query, timeZone }, await roCounter(tx, ctx.storeId, start, end));
  });
}

// ---------------------------------------------------------------------------------------------
// For the repair-order module (reception) and reminders: all run in the caller's transaction.

/** The vehicle's 'booked' appointment of today (store's time zone), earliest first. */
export async function findArrivingAppointment(
  tx: Executor,
  storeId: number,
  vehicleId: number,
  timeZone: string,
): Promise<{ id: number; number: string; startsAt: Date; requestedWork: string; advisorId: number | null } | null> {
  const today = todayIn(timeZone);
  const { start, end } = daysRange(today, today, timeZone);
  const rows = await repo.appointmentsBetween(tx, storeId, start, end, and(eq(appointments.vehicleId, vehicleId), eq(appointments.status, 'booked')));
  const first = rows[0];
  return first ? { id: first.id, number: first.number, startsAt: first.startsAt, requestedWork: first.requestedWork, advisorId: first.advisorId } : null;
}

/** Reception opened a repair order for the appointment: arrived (or late) now, linked to the RO. */
export async function markAppointmentArrived(tx: Executor, ctx: Ctx, appointmentId: number, vehicleId: number, roId: number): Promise<void> {
  const before = await repo.lockAppointment(tx, ctx.storeId, appointmentId);
  if (!before || before.vehicleId !== vehicleId) throw notFound(APPOINTMENT);
  if (before.status !== 'booked') throw notBooked(before.status);
  const rules = await storeRules(tx, ctx.storeId);
  const now = new Date();
  const row = await repo.updateAppointment(
    tx,
    ctx.storeId,
    appointmentId,
    before.version,
    { status: arrivalStatus(before.startsAt, now, rules.lateMinutes), arrivedAt: now, roId },
    'booked',
  );
  if (!row) throw staleVersion();
  await writeAudit(ctx, tx, { action: 'appointment.arrived', entity: 'appointment', entityId: appointmentId, before: auditView(before), after: auditView(row) });
}

/** Every appointment of a local day (any status), in slot order: the workshop's list of the day. */
export async function appointmentsOfDay(tx: Executor, storeId: number, timeZone: string, day: string): Promise<Appointment[]> {
  const { start, end } = daysRange(day, day, timeZone);
  const rows = await repo.appointmentsBetween(tx, storeId, start, end);
  return rows.map((r) => toAppointment(r, timeZone));
}

/** Booked, not yet reminded, starting within the next `hoursBefore` hours (and not started). */
export async function remindersDue(tx: Executor, storeId: number, timeZone: string, now: Date, hoursBefore: number): Promise<Appointment[]> {
  const rows = await repo.reminderCandidates(tx, storeId, now, new Date(now.getTime() + hoursBefore * 3_600_000));
  return rows.map((r) => toAppointment(r, timeZone));
}
