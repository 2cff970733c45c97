import { z } from 'zod';
import { LocalDateSchema, listQuerySchema } from './common';
import { CUSTOMER_KINDS, CustomerSchema } from './customers';
import type { MessageKey } from './messages';
import { checkVin, isValidPlate, normalizePlate, normalizeVin } from './vehicle';

/**
 * Vehicles of the customer files (SPEC §3): VIN, plate, model, owner (车主) and usual driver
 * (使用人), insurance and warranty, odometer readings with the derived km/day and the next
 * maintenance due (SPEC §11), and the vehicle's timeline.
 */

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** 17 characters without I, O, Q and with the right check digit (9th character). */
export const VinSchema = z
  .string()
  .transform(normalizeVin)
  .superRefine((vin, ctx) => {
    const problem = checkVin(vin);
    if (problem) ctx.addIssue({ code: 'custom', message: problem satisfies MessageKey });
  });

/** Typed in any case, with or without the separator; stored as 川A12345, shown as 川A·12345. */
export const PlateSchema = z
  .string()
  .transform(normalizePlate)
  .refine(isValidPlate, { error: 'plate.invalid' satisfies MessageKey });

const nullableDate = z.preprocess(blankToNull, LocalDateSchema.nullable()).default(null);
const nullableId = z.number().int().positive().nullable().default(null);

export const MILEAGE_MAX_KM = 2_000_000;
export const KmSchema = z.number().int().min(0).max(MILEAGE_MAX_KM);

const VehicleFieldsSchema = z.object({
  vin: z.preprocess(blankToNull, VinSchema.nullable()).default(null),
  plate: z.preprocess(blankToNull, PlateSchema.nullable()).default(null),
  vehicleModelId: nullableId,
  colour: z.string().trim().max(30).default(''),
  engineNo: z.string().trim().max(40).default(''),
  purchaseDate: nullableDate,
  soldByUs: z.boolean().default(false),
  warrantyStart: nullableDate,
  insuranceCompany: z.string().trim().max(60).default(''),
  insuranceExpiry: nullableDate,
  extendedWarrantyUntil: nullableDate,
  extendedWarrantyKm: KmSchema.nullable().default(null),
  /** 车主 */
  ownerId: nullableId,
  /** 使用人 / 送修人: the usual driver and contact, when not the owner. */
  driverId: nullableId,
  notes: z.string().trim().max(2000).default(''),
  /** Save although another vehicle has the same plate (a VIN is never shared). */
  confirmDuplicate: z.boolean().default(false),
});

function checkVehicle(v: { vin: string | null; plate: string | null }, ctx: z.RefinementCtx) {
  if (v.vin === null && v.plate === null) {
    ctx.addIssue({ code: 'custom', path: ['vin'], message: 'vehicle.identifier' satisfies MessageKey });
  }
}

export const VehicleCreateSchema = VehicleFieldsSchema.extend({
  /** The first odometer reading, taken now. */
  mileageKm: KmSchema.nullable().default(null),
}).superRefine(checkVehicle);
export type VehicleCreate = z.infer<typeof VehicleCreateSchema>;

export const VehicleUpdateSchema = VehicleFieldsSchema.extend({ version: z.number().int() }).superRefine(checkVehicle);
export type VehicleUpdate = z.infer<typeof VehicleUpdateSchema>;

/** A customer as a vehicle shows it: masked like any list. */
export const PartyRefSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  mobile: z.string().nullable(),
});
export type PartyRef = z.infer<typeof PartyRefSchema>;

export const VehicleSchema = z.object({
  id: z.number().int(),
  vin: z.string().nullable(),
  plate: z.string().nullable(),
  /** 川A·12345 */
  plateDisplay: z.string().nullable(),
  vehicleModelId: z.number().int().nullable(),
  /** 品牌 车系 型号 年款 of the model, for display. */
  modelName: z.string().nullable(),
  colour: z.string(),
  engineNo: z.string(),
  purchaseDate: z.string().nullable(),
  soldByUs: z.boolean(),
  warrantyStart: z.string().nullable(),
  insuranceCompany: z.string(),
  insuranceExpiry: z.string().nullable(),
  extendedWarrantyUntil: z.string().nullable(),
  extendedWarrantyKm: z.number().int().nullable(),
  ownerId: z.number().int().nullable(),
  driverId: z.number().int().nullable(),
  owner: PartyRefSchema.nullable(),
  driver: PartyRefSchema.nullable(),
  currentMileageKm: z.number().int().nullable(),
  mileageReadAt: z.string().nullable(),
  /** Derived from the odometer readings; one decimal. */
  avgKmPerDay: z.number().nullable(),
  lastServiceDate: z.string().nullable(),
  lastServiceKm: z.number().int().nullable(),
  /** The earlier of the due-by-date and the estimated due-by-km date. */
  nextDueDate: z.string().nullable(),
  nextDueKm: z.number().int().nullable(),
  lastVisitAt: z.string().nullable(),
  completeness: z.number().int(),
  missing: z.array(z.string()),
  notes: z.string(),
  mergedIntoId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Vehicle = z.infer<typeof VehicleSchema>;

export const OdometerReadingSchema = z.object({
  id: z.number().int(),
  km: z.number().int(),
  readAt: z.string(),
  /** A maintenance service was done at this visit (the base of the next due). */
  service: z.boolean(),
  reason: z.string(),
  broughtByCustomerId: z.number().int().nullable(),
  broughtByName: z.string(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
});
export type OdometerReading = z.infer<typeof OdometerReadingSchema>;

/** Every visit records the odometer; a reading below the last one needs a reason (meter replaced, typo…). */
export const OdometerCreateSchema = z.object({
  km: KmSchema,
  /** Default: now. Not in the future. */
  readAt: z.iso.datetime({ offset: true }).optional(),
  service: z.boolean().default(true),
  reason: z.string().trim().max(200).default(''),
  /** 送修人: who brought the car, a customer file or just a name. */
  broughtByCustomerId: nullableId,
  broughtByName: z.string().trim().max(40).default(''),
});
export type OdometerCreate = z.infer<typeof OdometerCreateSchema>;

export const NextDueSchema = z.object({
  intervalMonths: z.number().int(),
  intervalKm: z.number().int(),
  /** The service the interval counts from: the last service, else the purchase, else the first reading. */
  baseDate: z.string(),
  baseKm: z.number().int(),
  byDate: z.string(),
  byKm: z.number().int(),
  /** When the car reaches `byKm` at its average km/day; null without an average. */
  byKmEstimatedDate: z.string().nullable(),
  /** The earlier of `byDate` and `byKmEstimatedDate`. */
  date: z.string(),
  overdue: z.boolean(),
});
export type NextDue = z.infer<typeof NextDueSchema>;

/** The vehicle page: the file, its people, odometer history and what is due next. */
export const VehiclePageSchema = VehicleSchema.extend({
  odometer: z.array(OdometerReadingSchema),
  nextDue: NextDueSchema.nullable(),
});
export type VehiclePage = z.infer<typeof VehiclePageSchema>;

export const VehicleListQuerySchema = listQuerySchema(['plate', 'createdAt', 'updatedAt', 'nextDueDate', 'completeness']).extend({
  vehicleModelId: z.coerce.number().int().positive().optional(),
  customerId: z.coerce.number().int().positive().optional(),
  completenessBelow: z.coerce.number().int().min(1).max(101).optional(),
  /** Vehicles due for maintenance on or before this store-local day. */
  dueBefore: LocalDateSchema.optional(),
  includeMerged: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type VehicleListQuery = z.infer<typeof VehicleListQuerySchema>;

/** The customer file page: the customer and the vehicles it owns or drives. */
export const CustomerVehicleRefSchema = z.object({
  id: z.number().int(),
  plateDisplay: z.string().nullable(),
  vin: z.string().nullable(),
  modelName: z.string().nullable(),
  role: z.enum(['owner', 'driver']),
  nextDueDate: z.string().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Timeline: one envelope per vehicle with every visit, RO, call, message, complaint and survey.

/**
 * Kinds written by this module; later modules add theirs (repair_order, call, message, complaint,
 * survey…) here with a label, and write events through `addTimelineEvent` of the customers module.
 */
export const TIMELINE_KINDS = ['file_created', 'vehicle_created', 'visit', 'owner_changed', 'merged', 'imported'] as const;
export const TIMELINE_KIND_LABELS: Record<string, { zh: string; en: string }> = {
  file_created: { zh: '建档', en: 'File created' },
  vehicle_created: { zh: '车辆建档', en: 'Vehicle added' },
  visit: { zh: '进厂/里程', en: 'Visit / odometer' },
  owner_changed: { zh: '车主变更', en: 'Owner changed' },
  merged: { zh: '档案合并', en: 'Files merged' },
  imported: { zh: '导入', en: 'Imported' },
  appointment: { zh: '预约', en: 'Appointment' },
  repair_order: { zh: '维修委托书', en: 'Repair order' },
  additional_work: { zh: '追加项目', en: 'Additional work' },
  call: { zh: '电话', en: 'Call' },
  message: { zh: '短信/信函', en: 'Message' },
  complaint: { zh: '投诉', en: 'Complaint' },
  survey: { zh: '回访/调查', en: 'Survey' },
};

export const TimelineEventSchema = z.object({
  id: z.number().int(),
  kind: z.string(),
  title: z.string(),
  at: z.string(),
  vehicleId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  refType: z.string().nullable(),
  refId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  actorName: z.string(),
});
export type TimelineEvent = z.infer<typeof TimelineEventSchema>;

export const TimelineQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  kind: z.string().trim().max(40).optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuerySchema>;

export const CustomerDetailSchema = CustomerSchema.extend({
  vehicles: z.array(CustomerVehicleRefSchema),
  preferredAdvisorName: z.string().nullable(),
});
export type CustomerDetail = z.infer<typeof CustomerDetailSchema>;
