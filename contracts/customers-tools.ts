import { z } from 'zod';
import { IdSchema } from './common';
import { CONSENT_CHANNELS, CUSTOMER_SOURCES, TagSchema } from './customers';
import type { MessageKey } from './messages';

/** Search, merge, data quality, Excel import/export and segments of the customer files. */

// ---------------------------------------------------------------------------------------------
// Search: one box that finds a car or a customer from any fragment.

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(50),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export type SearchQuery = z.infer<typeof SearchQuerySchema>;

export const SEARCH_FIELDS = ['plate', 'vin', 'mobile', 'phone', 'name', 'pinyin'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];
/** `suffix`: the last characters of a VIN (车架号后六位). */
export const MATCH_KINDS = ['exact', 'prefix', 'suffix', 'contains'] as const;
export type MatchKind = (typeof MATCH_KINDS)[number];

export const SearchResultSchema = z.object({
  type: z.enum(['vehicle', 'customer']),
  id: z.number().int(),
  /** The plate (川A·12345) or VIN of a vehicle; the (masked) name of a customer. */
  title: z.string(),
  /** Model and owner of a vehicle; masked mobile of a customer. */
  subtitle: z.string(),
  matched: z.object({
    field: z.enum(SEARCH_FIELDS),
    kind: z.enum(MATCH_KINDS),
    /** A vehicle found through its owner's or driver's name or phone. */
    via: z.enum(['owner', 'driver']).nullable(),
  }),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
export const SearchResponseSchema = z.object({ q: z.string(), items: z.array(SearchResultSchema) });
export type SearchResponse = z.infer<typeof SearchResponseSchema>;

// ---------------------------------------------------------------------------------------------
// Duplicates and merge.

export const DuplicateCandidateSchema = z.object({
  type: z.enum(['vehicle', 'customer']),
  id: z.number().int(),
  title: z.string(),
  matched: z.enum(['vin', 'plate', 'mobile']),
});
export type DuplicateCandidate = z.infer<typeof DuplicateCandidateSchema>;

/** `POST /api/customers/:id/merge`: the file `:id` is merged into `intoId`, which survives. */
export const MergeRequestSchema = z.object({ intoId: IdSchema });
export type MergeRequest = z.infer<typeof MergeRequestSchema>;
export const MergeResultSchema = z.object({
  survivorId: z.number().int(),
  mergedId: z.number().int(),
  /** Rows re-pointed to the survivor, by `table.column`. */
  moved: z.record(z.string(), z.number().int()),
});
export type MergeResult = z.infer<typeof MergeResultSchema>;

// ---------------------------------------------------------------------------------------------
// Data quality.

export const QualityGroupSchema = z.object({
  source: z.enum(CUSTOMER_SOURCES).nullable(),
  outletName: z.string(),
  files: z.number().int(),
  averageCompleteness: z.number(),
  incomplete: z.number().int(),
});
export const QualityReportSchema = z.object({
  threshold: z.number().int(),
  overall: z.object({ files: z.number().int(), averageCompleteness: z.number(), incomplete: z.number().int() }),
  bySource: z.array(QualityGroupSchema),
  /** How many files miss each completeness item. */
  missing: z.record(z.string(), z.number().int()),
});
export type QualityReport = z.infer<typeof QualityReportSchema>;

// ---------------------------------------------------------------------------------------------
// Excel import / export: one row per customer and vehicle, Chinese headers.

export type ImportColumnKey =
  | 'kind'
  | 'name'
  | 'mobile'
  | 'otherPhones'
  | 'address'
  | 'source'
  | 'outletName'
  | 'consentPhone'
  | 'consentSms'
  | 'consentWechat'
  | 'tags'
  | 'notes'
  | 'vin'
  | 'plate'
  | 'model'
  | 'colour'
  | 'engineNo'
  | 'purchaseDate'
  | 'soldByUs'
  | 'warrantyStart'
  | 'insuranceCompany'
  | 'insuranceExpiry'
  | 'extendedWarrantyUntil'
  | 'extendedWarrantyKm'
  | 'mileageKm'
  | 'driverName'
  | 'driverMobile';

export interface ImportColumn {
  key: ImportColumnKey;
  header: string;
  example: string;
  width: number;
}

/**
 * The template's columns, in order. Only 客户姓名 is required; a row without VIN and plate imports
 * the customer alone. Yes/no columns take 是/否; dates YYYY-MM-DD; 车型 is the model's name as on the
 * template's 车型 sheet (or its id).
 */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'kind', header: '客户类型(个人/单位)', example: '个人', width: 16 },
  { key: 'name', header: '客户姓名*', example: '张三', width: 14 },
  { key: 'mobile', header: '手机号', example: '13812341234', width: 15 },
  { key: 'otherPhones', header: '其他电话(逗号分隔)', example: '028-87654321', width: 18 },
  { key: 'address', header: '地址', example: '四川省成都市武侯区天府大道100号', width: 30 },
  { key: 'source', header: '客户来源(本店销售/二级网点/他店转入/集团客户/其他)', example: '二级网点', width: 20 },
  { key: 'outletName', header: '网点名称', example: '双流汽贸', width: 14 },
  { key: 'consentPhone', header: '同意电话联系(是/否)', example: '是', width: 10 },
  { key: 'consentSms', header: '同意短信(是/否)', example: '是', width: 10 },
  { key: 'consentWechat', header: '同意微信(是/否)', example: '否', width: 10 },
  { key: 'tags', header: '标签(逗号分隔)', example: '老客户,车队', width: 16 },
  { key: 'notes', header: '备注', example: '', width: 20 },
  { key: 'vin', header: 'VIN码', example: 'LSVAB4189M2000001', width: 20 },
  { key: 'plate', header: '车牌号', example: '川A12345', width: 12 },
  { key: 'model', header: '车型', example: '', width: 26 },
  { key: 'colour', header: '颜色', example: '白色', width: 8 },
  { key: 'engineNo', header: '发动机号', example: 'EA211-123456', width: 14 },
  { key: 'purchaseDate', header: '购车日期', example: '2023-05-20', width: 12 },
  { key: 'soldByUs', header: '本店销售(是/否)', example: '否', width: 10 },
  { key: 'warrantyStart', header: '保修开始日期', example: '2023-05-20', width: 12 },
  { key: 'insuranceCompany', header: '保险公司', example: '人保财险', width: 12 },
  { key: 'insuranceExpiry', header: '保险到期日', example: '2026-05-19', width: 12 },
  { key: 'extendedWarrantyUntil', header: '延保截止日期', example: '', width: 12 },
  { key: 'extendedWarrantyKm', header: '延保里程(km)', example: '', width: 12 },
  { key: 'mileageKm', header: '当前里程(km)', example: '23500', width: 12 },
  { key: 'driverName', header: '使用人姓名', example: '李四', width: 12 },
  { key: 'driverMobile', header: '使用人手机', example: '13900001111', width: 15 },
];

export const ImportQuerySchema = z.object({
  /** Validate and report only; nothing is written. */
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
});

export const ImportRejectionSchema = z.object({
  /** The Excel row number (the header is row 1). */
  row: z.number().int(),
  /** The column's header as in the template. */
  column: z.string(),
  reason: z.object({ zh: z.string(), en: z.string() }),
});
export type ImportRejection = z.infer<typeof ImportRejectionSchema>;

export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  importedRows: z.number().int(),
  rejectedRows: z.number().int(),
  customersCreated: z.number().int(),
  /** Rows whose customer (by mobile) already had a file: the vehicle joins that file. */
  customersMatched: z.number().int(),
  vehiclesCreated: z.number().int(),
  /** Every problem of every rejected row. */
  rejected: z.array(ImportRejectionSchema),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

// ---------------------------------------------------------------------------------------------
// Segments: saved filters over vehicles and their customers, for campaigns and reminders.

function range<T extends z.ZodNumber>(n: T) {
  return z
    .object({ min: n.nullable().default(null), max: n.nullable().default(null) })
    .refine((r) => r.min === null || r.max === null || r.min <= r.max, { error: 'segment.range' satisfies MessageKey, path: ['max'] })
    .nullable()
    .default(null);
}

export const WARRANTY_STATES = ['factory', 'extended', 'expired'] as const;
export type WarrantyState = (typeof WARRANTY_STATES)[number];

export const SegmentFilterSchema = z.object({
  vehicleModelIds: z.array(IdSchema).max(200).default([]),
  /** Years since the purchase date. */
  vehicleAgeYears: range(z.number().min(0).max(50)),
  mileageKm: range(z.number().int().min(0).max(2_000_000)),
  /** Usage pattern (SPEC §3): average km per day. */
  avgKmPerDay: range(z.number().min(0).max(2_000)),
  /** Visits in the last `withinMonths` months (a visit = a day with an odometer reading or a repair order). */
  visits: z
    .object({
      min: z.number().int().min(0).max(1000).nullable().default(null),
      max: z.number().int().min(0).max(1000).nullable().default(null),
      withinMonths: z.number().int().min(1).max(120).default(12),
    })
    .nullable()
    .default(null),
  /** Last visit at least `minDaysAgo` days ago (lost customers) and/or at most `maxDaysAgo` days ago. */
  lastVisit: z
    .object({
      minDaysAgo: z.number().int().min(0).max(10_000).nullable().default(null),
      maxDaysAgo: z.number().int().min(0).max(10_000).nullable().default(null),
      /** Also match vehicles that never visited. */
      includeNever: z.boolean().default(false),
    })
    .nullable()
    .default(null),
  /** Spend in fen in the last `withinMonths` months (from settled repair orders, once they exist). */
  spendFen: z
    .object({
      min: z.number().int().min(0).nullable().default(null),
      max: z.number().int().min(0).nullable().default(null),
      withinMonths: z.number().int().min(1).max(120).default(12),
    })
    .nullable()
    .default(null),
  sources: z.array(z.enum(CUSTOMER_SOURCES)).max(CUSTOMER_SOURCES.length).default([]),
  outletName: z.string().trim().max(100).default(''),
  /**
   * Factory warranty (from the warranty start, else the purchase date, for `factoryMonths` /
   * `factoryKm`), extended warranty (until its date and km), or expired.
   */
  warranty: z
    .object({
      state: z.enum(WARRANTY_STATES),
      factoryMonths: z.number().int().min(1).max(240).default(36),
      factoryKm: z.number().int().min(1000).max(1_000_000).default(100_000),
    })
    .nullable()
    .default(null),
  tags: z.array(TagSchema).max(20).default([]),
  tagsMatch: z.enum(['any', 'all']).default('any'),
  /** Maintenance due within this many days (overdue included). */
  dueWithinDays: z.number().int().min(0).max(3650).nullable().default(null),
  soldByUs: z.boolean().nullable().default(null),
  /** Only customers who agreed to be contacted on this channel. */
  consent: z.enum(CONSENT_CHANNELS).nullable().default(null),
});
export type SegmentFilter = z.infer<typeof SegmentFilterSchema>;

export const SegmentCountsSchema = z.object({ vehicles: z.number().int(), customers: z.number().int() });
export type SegmentCounts = z.infer<typeof SegmentCountsSchema>;

export const SegmentSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: z.string(),
  filter: SegmentFilterSchema,
  /** Live: counted when read. */
  counts: SegmentCountsSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const SegmentCreateSchema = z.object({
  name: z.string().trim().min(1).max(60),
  description: z.string().trim().max(500).default(''),
  filter: SegmentFilterSchema,
});
export type SegmentCreate = z.infer<typeof SegmentCreateSchema>;
export const SegmentUpdateSchema = SegmentCreateSchema.extend({ version: z.number().int() });
export type SegmentUpdate = z.infer<typeof SegmentUpdateSchema>;
export const SegmentPreviewSchema = z.object({ filter: SegmentFilterSchema });
