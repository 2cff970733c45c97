import { z } from 'zod';
import { CodeSchema, FenSchema, NameSchema } from './common';
import type { MessageKey } from './messages';
import { OpeningHoursSchema, StoreSettingsSchema } from './settings';

/** 工位类型 / job types: a bay has one; a labour rate (工时单价) is set per job type. */
export const JOB_TYPES = ['quick_service', 'mechanical', 'body', 'paint', 'wash', 'inspection'] as const;
export type JobType = (typeof JOB_TYPES)[number];
export const JOB_TYPE_LABELS: Record<JobType, { zh: string; en: string }> = {
  quick_service: { zh: '快修快保', en: 'Quick service' },
  mechanical: { zh: '机电', en: 'Mechanical' },
  body: { zh: '钣金', en: 'Body' },
  paint: { zh: '喷漆', en: 'Paint' },
  wash: { zh: '洗车', en: 'Wash' },
  inspection: { zh: '检测', en: 'Inspection' },
};

export const LabourRatesSchema = z.record(z.enum(JOB_TYPES), FenSchema);
export type LabourRates = z.infer<typeof LabourRatesSchema>;
export type OpeningHours = z.infer<typeof OpeningHoursSchema>;

export const DEFAULT_LABOUR_RATES: LabourRates = {
  quick_service: 18000,
  mechanical: 24000,
  body: 22000,
  paint: 22000,
  wash: 5000,
  inspection: 20000,
};

const TimeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { error: 'timezone.invalid' satisfies MessageKey },
);

export const StoreSchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  brand: z.string(),
  address: z.string(),
  phone: z.string(),
  timeZone: z.string(),
  labourRates: LabourRatesSchema,
  openingHours: OpeningHoursSchema,
  active: z.boolean(),
  version: z.number().int(),
});
export type Store = z.infer<typeof StoreSchema>;

/** What a printed form's header shows of the store. */
export const StoreHeaderSchema = StoreSchema.pick({ id: true, code: true, name: true, brand: true, address: true, phone: true, timeZone: true });
export type StoreHeader = z.infer<typeof StoreHeaderSchema>;

export const StoreCreateSchema = z.object({
  code: CodeSchema,
  name: NameSchema,
  brand: z.string().trim().max(60).default(''),
  address: z.string().trim().max(200).default(''),
  phone: z.string().trim().max(30).default(''),
  timeZone: TimeZoneSchema.default('Asia/Shanghai'),
  labourRates: LabourRatesSchema.default(DEFAULT_LABOUR_RATES),
  openingHours: OpeningHoursSchema.default({ opens: '08:30', closes: '18:00' }),
});
export type StoreCreate = z.infer<typeof StoreCreateSchema>;

/** Updates replace the whole record (the edit form sends every field) and carry the version read. */
export const StoreUpdateSchema = StoreCreateSchema.extend({ active: z.boolean().default(true), version: z.number().int() });
export type StoreUpdate = z.infer<typeof StoreUpdateSchema>;

export const StoreSettingsResponseSchema = z.object({ settings: StoreSettingsSchema, version: z.number().int() });
/** The whole settings object; missing fields fall back to their SPEC default. */
export const StoreSettingsUpdateSchema = z.object({ settings: StoreSettingsSchema, version: z.number().int() });
