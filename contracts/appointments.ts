import { z } from 'zod';
import { FenSchema, IdSchema, listQuerySchema, LocalDateSchema } from './common';
import type { MessageKey } from './messages';
import { JOB_TYPES } from './stores';

/**
 * Appointments (预约, SPEC §4). A booking takes one place of a time slot for one bay type; each
 * slot has a capacity per bay type (the store's reserved appointment bays of that type unless the
 * manager set another number for that slot). The database refuses an overbooking.
 */

type Label = { zh: string; en: string };

export const APPOINTMENT_CHANNELS = ['phone', 'counter', 'proactive', 'online'] as const;
export type AppointmentChannel = (typeof APPOINTMENT_CHANNELS)[number];
export const APPOINTMENT_CHANNEL_LABELS: Record<AppointmentChannel, Label> = {
  phone: { zh: '电话预约', en: 'By phone' },
  counter: { zh: '现场预约', en: 'At the counter' },
  proactive: { zh: '主动预约', en: 'Proactive' },
  online: { zh: '线上预约', en: 'Online' },
};

export const APPOINTMENT_STATUSES = ['booked', 'arrived', 'arrived_late', 'no_show', 'cancelled'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];
export const APPOINTMENT_STATUS_LABELS: Record<AppointmentStatus, Label> = {
  booked: { zh: '已预约', en: 'Booked' },
  arrived: { zh: '准时到店', en: 'Arrived on time' },
  arrived_late: { zh: '迟到', en: 'Arrived late' },
  no_show: { zh: '爽约', en: 'No-show' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
/** Outcomes that still hold the slot's place. */
export const HOLDING_APPOINTMENT_STATUSES: readonly AppointmentStatus[] = ['booked', 'arrived', 'arrived_late'];

const LocalTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time.hhmm' satisfies MessageKey });

export const AppointmentCreateSchema = z.object({
  vehicleId: IdSchema,
  /** The person booking (owner or driver) as recorded in the files; contact name/phone as given. */
  customerId: IdSchema.nullable().default(null),
  contactName: z.string().trim().min(1).max(50),
  contactPhone: z.string().trim().min(5).max(30),
  channel: z.enum(APPOINTMENT_CHANNELS),
  /** The slot: a day and its start time in the store's time zone. */
  date: LocalDateSchema,
  time: LocalTimeSchema,
  jobType: z.enum(JOB_TYPES),
  requestedWork: z.string().trim().min(1).max(500),
  advisorId: IdSchema.nullable().default(null),
  partsToPrepare: z.string().trim().max(500).default(''),
  depositFen: FenSchema.default(0),
  notes: z.string().trim().max(500).default(''),
});
export type AppointmentCreate = z.infer<typeof AppointmentCreateSchema>;

/** Moving or editing a booking: the whole form again with the version read. */
export const AppointmentUpdateSchema = AppointmentCreateSchema.omit({ vehicleId: true }).extend({ version: z.number().int() });
export type AppointmentUpdate = z.infer<typeof AppointmentUpdateSchema>;

export const AppointmentOutcomeSchema = z.object({
  outcome: z.enum(['arrived', 'no_show', 'cancelled']),
  reason: z.string().trim().max(300).default(''),
  version: z.number().int(),
});
export type AppointmentOutcome = z.infer<typeof AppointmentOutcomeSchema>;

export const AppointmentSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  vehicleId: z.number().int(),
  plate: z.string().nullable(),
  modelName: z.string(),
  customerId: z.number().int().nullable(),
  contactName: z.string(),
  contactPhone: z.string(),
  channel: z.enum(APPOINTMENT_CHANNELS),
  startsAt: z.string(),
  endsAt: z.string(),
  date: LocalDateSchema,
  time: z.string(),
  jobType: z.enum(JOB_TYPES),
  requestedWork: z.string(),
  advisorId: z.number().int().nullable(),
  advisorName: z.string(),
  partsToPrepare: z.string(),
  depositFen: z.number().int(),
  notes: z.string(),
  status: z.enum(APPOINTMENT_STATUSES),
  arrivedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  cancelReason: z.string(),
  roId: z.number().int().nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Appointment = z.infer<typeof AppointmentSchema>;

export const AppointmentListQuerySchema = listQuerySchema(['startsAt', 'number', 'status']).extend({
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  status: z.enum(APPOINTMENT_STATUSES).optional(),
  channel: z.enum(APPOINTMENT_CHANNELS).optional(),
  advisorId: z.coerce.number().int().positive().optional(),
  vehicleId: z.coerce.number().int().positive().optional(),
});
export type AppointmentListQuery = z.infer<typeof AppointmentListQuerySchema>;

/** One slot of the calendar for one bay type. */
export const SlotSchema = z.object({
  startsAt: z.string(),
  date: LocalDateSchema,
  time: z.string(),
  jobType: z.enum(JOB_TYPES),
  capacity: z.number().int(),
  booked: z.number().int(),
  /** Set by the manager for this slot (otherwise from the reserved bays). */
  overridden: z.boolean(),
});
export type Slot = z.infer<typeof SlotSchema>;

export const SlotQuerySchema = z
  .object({ from: LocalDateSchema, to: LocalDateSchema, jobType: z.enum(JOB_TYPES).optional() })
  .refine((v) => v.from <= v.to, { error: 'date.order' satisfies MessageKey, path: ['to'] });
export type SlotQuery = z.infer<typeof SlotQuerySchema>;

export const SlotCapacitySchema = z.object({
  date: LocalDateSchema,
  time: LocalTimeSchema,
  jobType: z.enum(JOB_TYPES),
  capacity: z.number().int().min(0).max(200),
});
export type SlotCapacity = z.infer<typeof SlotCapacitySchema>;

export const AppointmentStatsSchema = z.object({
  /** SPEC §4: ROs from appointments / all ROs, proactive share of bookings, no-show rate (in basis points). */
  ros: z.number().int(),
  rosFromAppointments: z.number().int(),
  appointmentRateBp: z.number().int().nullable(),
  bookings: z.number().int(),
  proactive: z.number().int(),
  proactiveShareBp: z.number().int().nullable(),
  due: z.number().int(),
  noShows: z.number().int(),
  noShowRateBp: z.number().int().nullable(),
});
export type AppointmentStats = z.infer<typeof AppointmentStatsSchema>;
export const AppointmentStatsQuerySchema = z.object({ from: LocalDateSchema, to: LocalDateSchema });
