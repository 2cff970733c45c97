import { z } from 'zod';
import { CodeSchema, FenSchema, NameSchema, listQuerySchema } from './common';
import { SKILL_GRADES } from './roles';
import { JOB_TYPES, type JobType, type LabourRates } from './stores';

export const VEHICLE_SYSTEMS = ['maintenance', 'engine', 'chassis', 'electrical', 'body', 'air_conditioning', 'other'] as const;
export type VehicleSystem = (typeof VEHICLE_SYSTEMS)[number];
export const VEHICLE_SYSTEM_LABELS: Record<VehicleSystem, { zh: string; en: string }> = {
  maintenance: { zh: '保养', en: 'Maintenance' },
  engine: { zh: '发动机', en: 'Engine' },
  chassis: { zh: '底盘', en: 'Chassis' },
  electrical: { zh: '电气', en: 'Electrical' },
  body: { zh: '车身', en: 'Body' },
  air_conditioning: { zh: '空调', en: 'Air conditioning' },
  other: { zh: '其他', en: 'Other' },
};

/** Hours travel as decimal strings ("1.50") so that no float ever touches them. */
export const HoursSchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, { error: 'hours.invalid' }));

export const ServiceItemSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  system: z.enum(VEHICLE_SYSTEMS),
  jobType: z.enum(JOB_TYPES),
  standardHours: z.string(),
  requiredGrade: z.enum(SKILL_GRADES),
  requiredCertification: z.string().nullable(),
  fixedPriceFen: z.number().int().nullable(),
  /** What the item costs in this store now: the fixed price, or hours × the store's labour rate. */
  priceFen: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type ServiceItem = z.infer<typeof ServiceItemSchema>;

export const ServiceItemCreateSchema = z.object({
  code: CodeSchema,
  name: NameSchema,
  system: z.enum(VEHICLE_SYSTEMS),
  jobType: z.enum(JOB_TYPES),
  standardHours: HoursSchema,
  requiredGrade: z.enum(SKILL_GRADES).default('junior'),
  requiredCertification: z.string().trim().max(60).nullable().default(null),
  fixedPriceFen: FenSchema.nullable().default(null),
});
export type ServiceItemCreate = z.infer<typeof ServiceItemCreateSchema>;

export const ServiceItemUpdateSchema = ServiceItemCreateSchema.extend({
  active: z.boolean().default(true),
  version: z.number().int(),
});
export type ServiceItemUpdate = z.infer<typeof ServiceItemUpdateSchema>;

export const ServiceItemListQuerySchema = listQuerySchema(['code', 'name', 'system', 'standardHours']).extend({
  system: z.enum(VEHICLE_SYSTEMS).optional(),
  jobType: z.enum(JOB_TYPES).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type ServiceItemListQuery = z.infer<typeof ServiceItemListQuerySchema>;

export const MaintenancePackageSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  vehicleModelId: z.number().int().nullable(),
  mileageKm: z.number().int().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  serviceItemIds: z.array(z.number().int()),
});
export type MaintenancePackage = z.infer<typeof MaintenancePackageSchema>;

export const MaintenancePackageCreateSchema = z.object({
  code: CodeSchema,
  name: NameSchema,
  vehicleModelId: z.number().int().positive().nullable().default(null),
  mileageKm: z.number().int().min(0).max(1_000_000).nullable().default(null),
  /** In the order they are done and printed; each item once. */
  serviceItemIds: z
    .array(z.number().int().positive())
    .min(1)
    .max(50)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', message: 'list.duplicate', path: [i], input: id });
      });
    }),
});
export type MaintenancePackageCreate = z.infer<typeof MaintenancePackageCreateSchema>;

export const MaintenancePackageUpdateSchema = MaintenancePackageCreateSchema.extend({
  active: z.boolean().default(true),
  version: z.number().int(),
});
export type MaintenancePackageUpdate = z.infer<typeof MaintenancePackageUpdateSchema>;

export const MaintenancePackageListQuerySchema = listQuerySchema(['code', 'name', 'mileageKm']).extend({
  vehicleModelId: z.coerce.number().int().positive().optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type MaintenancePackageListQuery = z.infer<typeof MaintenancePackageListQuerySchema>;

export const ServiceItemPriceSchema = z.object({
  serviceItemId: z.number().int(),
  basis: z.enum(['fixed', 'hours']),
  standardHours: z.string(),
  /** The store's rate for the item's job type (fen per hour), also when a fixed price applies. */
  labourRateFen: z.number().int(),
  priceFen: z.number().int(),
});
export type ServiceItemPrice = z.infer<typeof ServiceItemPriceSchema>;

const HOURS_PATTERN = /^(\d+)(?:\.(\d{1,2}))?$/;

/** "1.25" → 125: hours as an integer number of hundredths, so no float ever touches them. */
export function hoursToHundredths(hours: string): number {
  const match = HOURS_PATTERN.exec(hours.trim());
  if (!match) throw new RangeError(`invalid hours: ${hours}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

/**
 * The price of one service item in fen (SPEC §2): its fixed price when it has one, otherwise
 * standard hours × the store's labour rate for its job type, rounded half-up to the fen. BigInt
 * keeps the product exact whatever the rate.
 */
export function priceOfServiceItem(
  item: { fixedPriceFen: number | null; standardHours: string; jobType: JobType },
  labourRates: LabourRates,
): number {
  if (item.fixedPriceFen !== null) return item.fixedPriceFen;
  const product = BigInt(hoursToHundredths(item.standardHours)) * BigInt(labourRates[item.jobType]);
  return Number((product + 50n) / 100n);
}
