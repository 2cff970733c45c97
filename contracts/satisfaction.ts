import { z } from 'zod';

/**
 * Manufacturer scores (SPEC §10): the CSS survey's item scores per month for the store, the region
 * and the nation, with the sample size and the CSS score as reported; MOT = the weighted average of
 * the item scores with configurable weights (the SPEC defaults below); the mystery shopper (PT)
 * sections with the share of items passed.
 */

type Label = { zh: string; en: string };

export const CSS_ITEMS = [
  'explain_work',
  'quick_reception',
  'work_done_right',
  'explain_invoice',
  'quick_pickup',
  'time_at_store',
  'listened_kindly',
  'helped_at_pickup',
  'car_clean',
  'comfortable_lounge',
] as const;
export type CssItem = (typeof CSS_ITEMS)[number];
export const CSS_ITEM_LABELS: Record<CssItem, Label> = {
  explain_work: { zh: '解释即将开展的维修工作', en: 'Explain the upcoming work' },
  quick_reception: { zh: '接车过程迅速', en: 'Quick vehicle reception' },
  work_done_right: { zh: '正确、彻底地完成维修保养', en: 'Work done right and completely' },
  explain_invoice: { zh: '解释结算清单', en: 'Explain the invoice' },
  quick_pickup: { zh: '提车过程迅速', en: 'Quick vehicle pick-up' },
  time_at_store: { zh: '服务站停留时间', en: 'Time spent at the store' },
  listened_kindly: { zh: '积极友好地倾听要求和期望并给予响应', en: 'Listened and responded kindly' },
  helped_at_pickup: { zh: '有人协助提车', en: 'Helped at pick-up' },
  car_clean: { zh: '车辆干净并车况良好', en: 'Car clean and in good condition' },
  comfortable_lounge: { zh: '顾客休息区舒适', en: 'Comfortable customer lounge' },
};

/** Weights in whole percent; SPEC §10 defaults. */
export type CssWeights = Record<CssItem, number>;
export const DEFAULT_CSS_WEIGHTS: CssWeights = {
  explain_work: 10,
  quick_reception: 5,
  work_done_right: 15,
  explain_invoice: 10,
  quick_pickup: 5,
  time_at_store: 15,
  listened_kindly: 5,
  helped_at_pickup: 5,
  car_clean: 20,
  comfortable_lounge: 10,
};

export type CssItemScores = Partial<Record<CssItem, number | null>>;

/**
 * MOT = Σ(weight × item score) / Σ(weight) over the items that have a score, to one decimal.
 * Weights summing to 100 make this the plain weighted average; an item missing from a period's
 * report leaves the others' relative weights unchanged. Null when no weighted item has a score.
 */
export function motScore(scores: CssItemScores, weights: CssWeights): number | null {
  let sum = 0;
  let weightSum = 0;
  for (const item of CSS_ITEMS) {
    const s = scores[item];
    const w = weights[item];
    if (s === null || s === undefined || w === 0) continue;
    sum += s * w;
    weightSum += w;
  }
  if (weightSum === 0) return null;
  return Math.round((sum / weightSum) * 10) / 10;
}

export const CSS_LEVELS = ['store', 'region', 'nation'] as const;
export type CssLevel = (typeof CSS_LEVELS)[number];
export const CSS_LEVEL_LABELS: Record<CssLevel, Label> = {
  store: { zh: '本店', en: 'Store' },
  region: { zh: '大区', en: 'Region' },
  nation: { zh: '全国', en: 'Nation' },
};

/** Mystery shopper (神秘访客) sections and their item counts (SPEC §10). */
export const PT_SECTIONS = ['reception', 'job_definition', 'waiting', 'delivery', 'facilities'] as const;
export type PtSection = (typeof PT_SECTIONS)[number];
export const PT_SECTION_ITEMS: Record<PtSection, number> = { reception: 8, job_definition: 3, waiting: 4, delivery: 4, facilities: 11 };
export const PT_SECTION_LABELS: Record<PtSection, Label> = {
  reception: { zh: '接车', en: 'Vehicle reception' },
  job_definition: { zh: '确定维修项目及委托书', en: 'Job definition and RO' },
  waiting: { zh: '维修等待', en: 'Waiting during repair' },
  delivery: { zh: '交车及结算', en: 'Delivery and settlement' },
  facilities: { zh: '设施', en: 'Facilities' },
};
/** Target for the mystery shopper and the phone survey: ≥ 950 of 1000. */
export const PT_TARGET = 950;

/** Share of items passed on the 1000 scale, rounded to a whole point; null without items. */
export function ptScore(sections: readonly { items: number; passed: number }[]): number | null {
  const items = sections.reduce((s, x) => s + x.items, 0);
  const passed = sections.reduce((s, x) => s + x.passed, 0);
  return items === 0 ? null : Math.round((passed / items) * 1000);
}

// ---------------------------------------------------------------------------------------------
// Requests and responses

export const ScoreMonthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month.invalid' });

const Score = z.number().min(0).max(1000).multipleOf(0.01);

export const CssWeightsSchema = z
  .object(Object.fromEntries(CSS_ITEMS.map((i) => [i, z.number().int().min(0).max(100)])) as Record<CssItem, z.ZodNumber>)
  .refine((w) => CSS_ITEMS.reduce((s, i) => s + w[i], 0) === 100, { error: 'css.weightsSum' });

export const CssLevelInputSchema = z.object({
  sampleSize: z.number().int().min(0).max(1_000_000),
  cssScore: Score.nullable(),
  items: z.object(Object.fromEntries(CSS_ITEMS.map((i) => [i, Score.nullable().default(null)])) as Record<CssItem, z.ZodDefault<z.ZodNullable<typeof Score>>>),
});
export type CssLevelInput = z.infer<typeof CssLevelInputSchema>;

/** One month's report: the store's figures, and the region's and nation's when known. */
export const CssPeriodInputSchema = z.object({
  month: ScoreMonthKeySchema,
  store: CssLevelInputSchema,
  region: CssLevelInputSchema.nullable().default(null),
  nation: CssLevelInputSchema.nullable().default(null),
});
export type CssPeriodInput = z.infer<typeof CssPeriodInputSchema>;

export const CssLevelSchema = z.object({
  sampleSize: z.number().int(),
  cssScore: z.number().nullable(),
  items: z.record(z.string(), z.number().nullable()),
  mot: z.number().nullable(),
});
export type CssLevelResult = z.infer<typeof CssLevelSchema>;

export const CssPeriodSchema = z.object({
  month: z.string(),
  store: CssLevelSchema.nullable(),
  region: CssLevelSchema.nullable(),
  nation: CssLevelSchema.nullable(),
});
export type CssPeriod = z.infer<typeof CssPeriodSchema>;

export const PtSectionInputSchema = z
  .object({ section: z.enum(PT_SECTIONS), items: z.number().int().min(1).max(100), passed: z.number().int().min(0).max(100) })
  .refine((s) => s.passed <= s.items, { error: 'pt.passedOverItems', path: ['passed'] });
export const PtPeriodInputSchema = z.object({
  month: ScoreMonthKeySchema,
  sections: z
    .array(PtSectionInputSchema)
    .min(1)
    .max(PT_SECTIONS.length)
    .refine((a) => new Set(a.map((s) => s.section)).size === a.length, { error: 'list.duplicate' }),
});
export type PtPeriodInput = z.infer<typeof PtPeriodInputSchema>;

export const PtPeriodSchema = z.object({
  month: z.string(),
  sections: z.array(z.object({ section: z.enum(PT_SECTIONS), items: z.number().int(), passed: z.number().int(), share: z.number() })),
  score: z.number().nullable(),
  target: z.number(),
});
export type PtPeriod = z.infer<typeof PtPeriodSchema>;

export const ScoreRangeQuerySchema = z
  .object({ from: ScoreMonthKeySchema, to: ScoreMonthKeySchema })
  .refine((q) => q.from <= q.to, { error: 'date.order', path: ['to'] })
  .refine((q) => scoreMonthsBetween(q.from, q.to).length <= 60, { error: 'scores.rangeTooLong', path: ['to'] });
export type ScoreRangeQuery = z.infer<typeof ScoreRangeQuerySchema>;

/** A month of the trend chart (and of the monthly reports). */
export const ScoreMonthSchema = z.object({
  month: z.string(),
  storeMot: z.number().nullable(),
  regionMot: z.number().nullable(),
  nationMot: z.number().nullable(),
  storeCss: z.number().nullable(),
  regionCss: z.number().nullable(),
  nationCss: z.number().nullable(),
  sampleSize: z.number().int().nullable(),
  ptScore: z.number().nullable(),
});
export type ScoreMonth = z.infer<typeof ScoreMonthSchema>;

/** Months from..to inclusive as YYYY-MM. */
export function scoreMonthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
