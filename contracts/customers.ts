import { z } from 'zod';
import { listQuerySchema } from './common';
import type { MessageKey } from './messages';
import type { Permission } from './permissions';
import { maskPhone, MOBILE_PATTERN, normalizePhone } from './vehicle';

/**
 * Customer files (客户档案, SPEC §3): a person or a company (fleet), its phones, source, contact
 * consent and tags. Vehicles, odometer readings and the timeline are in `customers-vehicles.ts`;
 * search, merge, quality, import and segments in `customers-tools.ts`.
 */

export const CUSTOMER_KINDS = ['person', 'company'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_KIND_LABELS: Record<CustomerKind, { zh: string; en: string }> = {
  person: { zh: '个人', en: 'Person' },
  company: { zh: '单位/车队', en: 'Company / fleet' },
};

/** Where the customer came from; second-tier outlets (二级网点) also carry the outlet's name. */
export const CUSTOMER_SOURCES = ['own_sale', 'outlet', 'other_shop', 'fleet', 'other'] as const;
export type CustomerSource = (typeof CUSTOMER_SOURCES)[number];
export const CUSTOMER_SOURCE_LABELS: Record<CustomerSource, { zh: string; en: string }> = {
  own_sale: { zh: '本店销售', en: 'Own new-car sale' },
  outlet: { zh: '二级网点', en: 'Second-tier outlet' },
  other_shop: { zh: '他店转入', en: 'From another shop' },
  fleet: { zh: '集团客户/公车', en: 'Fleet' },
  other: { zh: '其他', en: 'Other' },
};

export const CONSENT_CHANNELS = ['phone', 'sms', 'wechat'] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

// ---------------------------------------------------------------------------------------------
// Field schemas shared by the forms, the API and the Excel import.

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A mainland mobile, typed with spaces, dashes or +86; stored as 11 digits. */
export const MobileSchema = z
  .string()
  .trim()
  .transform(normalizePhone)
  .pipe(z.string().regex(MOBILE_PATTERN, { error: 'phone.invalid' satisfies MessageKey }));

/** Another phone: a mobile, a landline with area code (028-87654321), a 7–8 digit local number or 400. */
export const OTHER_PHONE_PATTERN = /^(?:1[3-9]\d{9}|0\d{9,11}|[1-9]\d{6,7}|400\d{7})$/;
export const OtherPhoneSchema = z
  .string()
  .trim()
  .transform(normalizePhone)
  .pipe(z.string().regex(OTHER_PHONE_PATTERN, { error: 'phone.otherInvalid' satisfies MessageKey }));

export const NullableMobileSchema = z.preprocess(blankToNull, MobileSchema.nullable()).default(null);

export const TagSchema = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[^,，;；]+$/, { error: 'tag.invalid' satisfies MessageKey });

/** null = not asked yet (counts against completeness); true/false = the customer's answer. */
export const ConsentSchema = z.object({
  phone: z.boolean().nullable().default(null),
  sms: z.boolean().nullable().default(null),
  wechat: z.boolean().nullable().default(null),
});
export type Consent = z.infer<typeof ConsentSchema>;

const CustomerFieldsSchema = z.object({
  kind: z.enum(CUSTOMER_KINDS).default('person'),
  name: z.string().trim().min(1).max(100),
  mobile: NullableMobileSchema,
  otherPhones: z.array(OtherPhoneSchema).max(5).default([]),
  address: z.string().trim().max(200).default(''),
  /** null: not known yet. */
  source: z.enum(CUSTOMER_SOURCES).nullable().default(null),
  outletName: z.string().trim().max(100).default(''),
  consent: ConsentSchema.default({ phone: null, sms: null, wechat: null }),
  /** A user of the store (服务顾问) the customer prefers. */
  preferredAdvisorId: z.number().int().positive().nullable().default(null),
  tags: z.array(TagSchema).max(20).default([]),
  notes: z.string().trim().max(2000).default(''),
  /** Save although a file with the same mobile exists (the 409 DUPLICATE answer lists them). */
  confirmDuplicate: z.boolean().default(false),
});

function checkCustomer(c: { source: CustomerSource | null; outletName: string; tags: string[] }, ctx: z.RefinementCtx) {
  if (c.source === 'outlet' && c.outletName === '') {
    ctx.addIssue({ code: 'custom', path: ['outletName'], message: 'customer.outletRequired' satisfies MessageKey });
  }
  if (new Set(c.tags).size !== c.tags.length) ctx.addIssue({ code: 'custom', path: ['tags'], message: 'list.duplicate' satisfies MessageKey });
}

export const CustomerCreateSchema = CustomerFieldsSchema.superRefine(checkCustomer);
export type CustomerCreate = z.infer<typeof CustomerCreateSchema>;

/**
 * A masked number as answers show it (138****1234). An edit form of a role that may not see phones
 * sends it back unchanged, meaning "keep the stored number": the service resolves it.
 */
export const MASKED_PHONE_PATTERN = /^(?:[0-9]{3}\*{4}[0-9]{4}|\*{4})$/;
function keepMasked(pattern: RegExp, error: MessageKey) {
  return z
    .string()
    .trim()
    .transform((v) => (MASKED_PHONE_PATTERN.test(v) ? v : normalizePhone(v)))
    .pipe(z.string().refine((v) => MASKED_PHONE_PATTERN.test(v) || pattern.test(v), { error }));
}

/** Full replacement (docs/decisions/0002) with the version the editor read. */
export const CustomerUpdateSchema = CustomerFieldsSchema.extend({
  mobile: z.preprocess(blankToNull, keepMasked(MOBILE_PATTERN, 'phone.invalid').nullable()).default(null),
  otherPhones: z.array(keepMasked(OTHER_PHONE_PATTERN, 'phone.otherInvalid')).max(5).default([]),
  version: z.number().int(),
}).superRefine(checkCustomer);
export type CustomerUpdate = z.infer<typeof CustomerUpdateSchema>;

export const CustomerSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CUSTOMER_KINDS),
  /** Masked (张*) in lists for roles that do not need names; see `personalDataView`. */
  name: z.string(),
  /** Pinyin initials of the name, computed on save (张三 → zs): what `zs` in the search box finds. */
  nameInitials: z.string(),
  /** 138****1234 unless the role may reveal phone numbers. */
  mobile: z.string().nullable(),
  otherPhones: z.array(z.string()),
  /** True when the phones (and, in lists, the name) in this answer are masked. */
  masked: z.boolean(),
  address: z.string(),
  source: z.enum(CUSTOMER_SOURCES).nullable(),
  outletName: z.string(),
  consent: z.object({ phone: z.boolean().nullable(), sms: z.boolean().nullable(), wechat: z.boolean().nullable() }),
  preferredAdvisorId: z.number().int().nullable(),
  tags: z.array(z.string()),
  notes: z.string(),
  /** 0–100, see COMPLETENESS_WEIGHTS. */
  completeness: z.number().int(),
  /** What the file lacks, by COMPLETENESS_WEIGHTS key. */
  missing: z.array(z.string()),
  /** Set once merged into another file: that file holds its history now. */
  mergedIntoId: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type Customer = z.infer<typeof CustomerSchema>;

const boolParam = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const CustomerListQuerySchema = listQuerySchema(['name', 'createdAt', 'updatedAt', 'completeness']).extend({
  kind: z.enum(CUSTOMER_KINDS).optional(),
  source: z.enum(CUSTOMER_SOURCES).optional(),
  outletName: z.string().trim().max(100).optional(),
  tag: TagSchema.optional(),
  advisorId: z.coerce.number().int().positive().optional(),
  /** Files whose completeness is below this score: the "incomplete files to fix" list. */
  completenessBelow: z.coerce.number().int().min(1).max(101).optional(),
  includeMerged: boolParam,
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

export type CappedPage<T> = { items: T[]; total: number; totalCapped: boolean; page: number; pageSize: number };

export const RevealedPhonesSchema = z.object({ id: z.number().int(), mobile: z.string().nullable(), otherPhones: z.array(z.string()) });
export type RevealedPhones = z.infer<typeof RevealedPhonesSchema>;

// ---------------------------------------------------------------------------------------------
// Personal data (SPEC §3, DESIGN §3): who sees full phone numbers and names in lists.

export interface PersonalDataView {
  /** Full phone numbers in lists, search, the file page and exports. */
  phones: boolean;
  /** Full names of persons in lists and search (the file page always shows the name). */
  names: boolean;
}

/**
 * Phones are shown in full only to roles holding `customer:reveal_phone`; names of persons are
 * shown in lists to roles that maintain the files (`customer:write`) or may reveal phones. Every
 * other role reading files sees 138****1234 and 张*.
 */
export function personalDataView(permissions: ReadonlySet<Permission> | readonly Permission[]): PersonalDataView {
  const has = (p: Permission) => ('has' in permissions ? permissions.has(p) : permissions.includes(p));
  return { phones: has('customer:reveal_phone'), names: has('customer:write') || has('customer:reveal_phone') };
}

/** 张三 → 张*, 欧阳娜娜 → 欧***; a company's name is not personal data and stays. */
export function maskName(name: string, kind: CustomerKind = 'person'): string {
  if (kind === 'company') return name;
  const chars = Array.from(name);
  return chars.length <= 1 ? '*' : `${chars[0]}${'*'.repeat(Math.min(chars.length - 1, 3))}`;
}

/** Masks any phone number, mobile or landline: keeps the first 3 and the last 4 characters. */
export function maskAnyPhone(phone: string): string {
  return phone.length >= 8 ? maskPhone(phone) : '****';
}

// ---------------------------------------------------------------------------------------------
// Completeness (SPEC §3: scored per file and per source; second-tier outlets are measured on it).

/**
 * Weights of a customer file's completeness score, summing to 100. The customer's own fields give
 * 50; the vehicle fields give 50 as the average over the customer's vehicles (a file without a
 * vehicle scores none of them). `consent` counts when all three channels have an answer; `source`
 * when it is known (and, for an outlet, named); `mileage` when the vehicle has an odometer reading.
 */
export const COMPLETENESS_WEIGHTS = {
  mobile: 20,
  address: 10,
  consent: 10,
  source: 10,
  model: 10,
  vin: 10,
  plate: 10,
  purchaseDate: 10,
  insuranceExpiry: 5,
  mileage: 5,
} as const;
export type CompletenessKey = keyof typeof COMPLETENESS_WEIGHTS;
export const CUSTOMER_COMPLETENESS_KEYS = ['mobile', 'address', 'consent', 'source'] as const satisfies readonly CompletenessKey[];
export const VEHICLE_COMPLETENESS_KEYS = ['model', 'vin', 'plate', 'purchaseDate', 'insuranceExpiry', 'mileage'] as const satisfies readonly CompletenessKey[];

/** A file scoring below this is listed as incomplete. */
export const COMPLETE_FILE_THRESHOLD = 80;

export const COMPLETENESS_LABELS: Record<CompletenessKey, { zh: string; en: string }> = {
  mobile: { zh: '手机号', en: 'Mobile' },
  address: { zh: '地址', en: 'Address' },
  consent: { zh: '联系同意', en: 'Contact consent' },
  source: { zh: '客户来源', en: 'Source' },
  model: { zh: '车型', en: 'Model' },
  vin: { zh: 'VIN 码', en: 'VIN' },
  plate: { zh: '车牌号', en: 'Plate' },
  purchaseDate: { zh: '购车日期', en: 'Purchase date' },
  insuranceExpiry: { zh: '保险到期日', en: 'Insurance expiry' },
  mileage: { zh: '里程', en: 'Mileage' },
};

export interface CompletenessCustomer {
  mobile: string | null;
  address: string;
  consent: Consent;
  source: CustomerSource | null;
  outletName: string;
}
export interface CompletenessVehicle {
  vehicleModelId: number | null;
  vin: string | null;
  plate: string | null;
  purchaseDate: string | null;
  insuranceExpiry: string | null;
  currentMileageKm: number | null;
}

export function vehicleFieldsPresent(v: CompletenessVehicle): Record<(typeof VEHICLE_COMPLETENESS_KEYS)[number], boolean> {
  return {
    model: v.vehicleModelId !== null,
    vin: !!v.vin,
    plate: !!v.plate,
    purchaseDate: !!v.purchaseDate,
    insuranceExpiry: !!v.insuranceExpiry,
    mileage: v.currentMileageKm !== null,
  };
}

/** The vehicle's own score, 0–100: its share of the vehicle weights. */
export function vehicleCompleteness(v: CompletenessVehicle): { score: number; missing: CompletenessKey[] } {
  const present = vehicleFieldsPresent(v);
  const total = VEHICLE_COMPLETENESS_KEYS.reduce((s, k) => s + COMPLETENESS_WEIGHTS[k], 0);
  const got = VEHICLE_COMPLETENESS_KEYS.reduce((s, k) => s + (present[k] ? COMPLETENESS_WEIGHTS[k] : 0), 0);
  return { score: Math.round((got * 100) / total), missing: VEHICLE_COMPLETENESS_KEYS.filter((k) => !present[k]) };
}

export function customerCompleteness(c: CompletenessCustomer, vehicles: readonly CompletenessVehicle[]): { score: number; missing: CompletenessKey[] } {
  const present: Record<(typeof CUSTOMER_COMPLETENESS_KEYS)[number], boolean> = {
    mobile: !!c.mobile,
    address: c.address.trim() !== '',
    consent: c.consent.phone !== null && c.consent.sms !== null && c.consent.wechat !== null,
    source: c.source !== null && (c.source !== 'outlet' || c.outletName.trim() !== ''),
  };
  let score = CUSTOMER_COMPLETENESS_KEYS.reduce((s, k) => s + (present[k] ? COMPLETENESS_WEIGHTS[k] : 0), 0);
  const missing: CompletenessKey[] = CUSTOMER_COMPLETENESS_KEYS.filter((k) => !present[k]);
  if (vehicles.length === 0) return { score, missing: [...missing, ...VEHICLE_COMPLETENESS_KEYS] };
  for (const key of VEHICLE_COMPLETENESS_KEYS) {
    const share = vehicles.filter((v) => vehicleFieldsPresent(v)[key]).length / vehicles.length;
    score += COMPLETENESS_WEIGHTS[key] * share;
    if (share < 1) missing.push(key);
  }
  return { score: Math.round(score), missing };
}
