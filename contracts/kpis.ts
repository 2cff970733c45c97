import { z } from 'zod';
import { LocalDateSchema } from './common';
import type { MessageKey } from './messages';
import { PAYERS, RO_TYPES } from './repair-orders';

/**
 * KPIs of SPEC §16, defined once: code, Chinese and English name, formula, unit and direction.
 * The server computes each one by SQL over the records (server/src/modules/reports/kpis.sql.ts);
 * web and the monthly reports read these definitions for labels, units and colours.
 *
 * A value is always numerator / denominator (or the numerator alone for amounts and counts), so the
 * group's figure is the sum of its stores' numerators over the sum of their denominators, and a
 * drill-down can list the records behind either side.
 */

type Label = { zh: string; en: string };

/** `ratio` values are 0…1 (shown as percent), `fen` integer money, `hours` decimal hours, `score` as reported. */
export const KPI_UNITS = ['fen', 'count', 'ratio', 'hours', 'score'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/** Whether a rising value is good news (green arrow) or bad news (red arrow). */
export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

/**
 * Where a KPI's records come from: `records` = computed from this system's records; `pending` =
 * its records are being built by another module (care, complaints, satisfaction) and it answers
 * "no data source yet" until they exist; `none` = the module that would record it (memberships,
 * value-added products, warranty claims, insurance renewals) does not exist: never a made-up number.
 */
export const KPI_SOURCES = ['records', 'pending', 'none'] as const;
export type KpiSource = (typeof KPI_SOURCES)[number];

export const KPI_CATEGORIES = ['results', 'quality', 'customers', 'workshop', 'parts', 'warranty'] as const;
export type KpiCategory = (typeof KPI_CATEGORIES)[number];
export const KPI_CATEGORY_LABELS: Record<KpiCategory, Label> = {
  results: { zh: '业绩', en: 'Results' },
  quality: { zh: '质量与满意度', en: 'Quality and satisfaction' },
  customers: { zh: '客户保有', en: 'Retention' },
  workshop: { zh: '车间效率', en: 'Workshop' },
  parts: { zh: '配件', en: 'Parts' },
  warranty: { zh: '索赔与续保', en: 'Warranty and renewals' },
};

export const KPI_CODES = [
  'revenue',
  'ro_count',
  'revenue_per_ro',
  'quick_service_share',
  'avg_lead_time',
  'on_time_delivery_rate',
  'first_time_fix_rate',
  'internal_rework_rate',
  'complaint_rate',
  'callback_satisfaction',
  'mot_score',
  'css_score',
  'pt_score',
  'appointment_rate',
  'return_rate',
  'loss_rate',
  'base_customers',
  'member_revenue_share',
  'value_added_share',
  'technician_utilisation',
  'technician_efficiency',
  'parts_fill_rate',
  'parts_turnover',
  'slow_moving_share',
  'first_service_return_rate',
  'claim_approval_rate',
  'renewal_rate',
] as const;
export type KpiCode = (typeof KPI_CODES)[number];

export interface KpiDefinition {
  code: KpiCode;
  name: Label;
  formula: Label;
  unit: KpiUnit;
  direction: KpiDirection;
  category: KpiCategory;
  source: KpiSource;
  /** What a click on the figure lists (the records behind it); null when there is nothing to list. */
  drill: Label | null;
  /** Computed for whole calendar months only (the parts figures are monthly by definition). */
  monthsOnly?: boolean;
}

const d = (def: KpiDefinition) => def;

export const KPI_DEFINITIONS: Record<KpiCode, KpiDefinition> = {
  revenue: d({
    code: 'revenue',
    name: { zh: '售后产值', en: 'Service revenue' },
    formula: { zh: '期间内有效结算单（未冲红）的结算金额合计，按业务类型与付费方拆分', en: 'Σ live settlements settled in the period, split by RO type and payer' },
    unit: 'fen',
    direction: 'higher',
    category: 'results',
    source: 'records',
    drill: { zh: '期间内的结算单', en: 'Settlements of the period' },
  }),
  ro_count: d({
    code: 'ro_count',
    name: { zh: '进厂台次', en: 'RO count' },
    formula: { zh: '期间内开单的委托书数（不含已取消）', en: 'ROs opened in the period, cancelled ones excluded' },
    unit: 'count',
    direction: 'higher',
    category: 'results',
    source: 'records',
    drill: { zh: '期间内开单的委托书', en: 'ROs opened in the period' },
  }),
  revenue_per_ro: d({
    code: 'revenue_per_ro',
    name: { zh: '单车产值', en: 'Revenue per RO' },
    formula: { zh: '售后产值 ÷ 期间内结算的委托书数', en: 'Service revenue / ROs settled in the period' },
    unit: 'fen',
    direction: 'higher',
    category: 'results',
    source: 'records',
    drill: { zh: '期间内的结算单', en: 'Settlements of the period' },
  }),
  quick_service_share: d({
    code: 'quick_service_share',
    name: { zh: '快修占比', en: 'Quick-service share' },
    formula: { zh: '快修快保委托书 ÷ 进厂台次', en: 'Quick-service ROs / ROs opened' },
    unit: 'ratio',
    direction: 'higher',
    category: 'results',
    source: 'records',
    drill: { zh: '快修快保委托书', en: 'Quick-service ROs' },
  }),
  avg_lead_time: d({
    code: 'avg_lead_time',
    name: { zh: '平均在厂时长', en: 'Average lead time' },
    formula: { zh: '期间内完工（待结算）的委托书从开单到完工的平均小时数', en: 'Mean hours from opening to ready over ROs that became ready in the period' },
    unit: 'hours',
    direction: 'lower',
    category: 'results',
    source: 'records',
    drill: { zh: '期间内完工的委托书（按在厂时长）', en: 'ROs ready in the period, longest first' },
  }),
  on_time_delivery_rate: d({
    code: 'on_time_delivery_rate',
    name: { zh: '准时交车率', en: 'On-time delivery rate' },
    formula: { zh: '按承诺时间出厂的委托书 ÷ 期间内出厂且有承诺时间的委托书', en: 'Delivered by the promised time / delivered in the period with a promised time' },
    unit: 'ratio',
    direction: 'higher',
    category: 'results',
    source: 'records',
    drill: { zh: '超过承诺时间出厂的委托书', en: 'ROs delivered after the promised time' },
  }),
  first_time_fix_rate: d({
    code: 'first_time_fix_rate',
    name: { zh: '一次修复率', en: 'First-time fix rate' },
    formula: { zh: '1 − 有返修关联的委托书 ÷ 期间内出厂的委托书（返修计入原委托书所在期间）', en: '1 − ROs of the period a comeback links to / ROs delivered in the period (a comeback counts for its original RO’s period)' },
    unit: 'ratio',
    direction: 'higher',
    category: 'quality',
    source: 'records',
    drill: { zh: '返修及其原委托书', en: 'Comebacks and their original ROs' },
  }),
  internal_rework_rate: d({
    code: 'internal_rework_rate',
    name: { zh: '内返率', en: 'Internal rework rate' },
    formula: { zh: '互检/终检不合格或交车检查退回的委托书 ÷ 期间内送检的委托书', en: 'ROs with a team/final QC fail or a delivery send-back / ROs that reached QC in the period' },
    unit: 'ratio',
    direction: 'lower',
    category: 'quality',
    source: 'records',
    drill: { zh: '内返委托书', en: 'ROs with internal rework' },
  }),
  complaint_rate: d({
    code: 'complaint_rate',
    name: { zh: '投诉率', en: 'Complaint rate' },
    formula: { zh: '期间内登记的投诉 ÷ 期间内出厂的委托书', en: 'Complaints registered in the period / ROs delivered in the period' },
    unit: 'ratio',
    direction: 'lower',
    category: 'quality',
    source: 'records',
    drill: { zh: '期间内的投诉', en: 'Complaints of the period' },
  }),
  callback_satisfaction: d({
    code: 'callback_satisfaction',
    name: { zh: '回访满意度', en: 'Callback satisfaction' },
    formula: { zh: '期间内有效满意度回访（接通且回答总体满意度）中评分4分（满意）及以上的比例', en: 'Valid satisfaction callbacks of the period (reached, overall score given) scoring 4 (satisfied) or 5 / valid callbacks' },
    unit: 'ratio',
    direction: 'higher',
    category: 'quality',
    source: 'records',
    drill: { zh: '评分低于满意的有效回访', en: 'Valid callbacks scoring below satisfied' },
  }),
  mot_score: d({
    code: 'mot_score',
    name: { zh: 'MOT得分', en: 'MOT score' },
    formula: { zh: '厂家调研各项得分的加权平均（SPEC §10 权重）', en: 'Weighted average of the manufacturer survey items (SPEC §10 weights)' },
    unit: 'score',
    direction: 'higher',
    category: 'quality',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  css_score: d({
    code: 'css_score',
    name: { zh: 'CSS得分', en: 'CSS score' },
    formula: { zh: '厂家第三方调研公布的CSS得分', en: 'CSS score as reported by the manufacturer survey' },
    unit: 'score',
    direction: 'higher',
    category: 'quality',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  pt_score: d({
    code: 'pt_score',
    name: { zh: '神秘访客得分', en: 'Mystery shopper score' },
    formula: { zh: '神秘访客各部分通过项目占比，折算为千分制', en: 'Share of mystery-shopper items passed, out of 1000' },
    unit: 'score',
    direction: 'higher',
    category: 'quality',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  appointment_rate: d({
    code: 'appointment_rate',
    name: { zh: '预约率', en: 'Appointment rate' },
    formula: { zh: '来自预约的委托书 ÷ 进厂台次', en: 'ROs from appointments / ROs opened' },
    unit: 'ratio',
    direction: 'higher',
    category: 'customers',
    source: 'records',
    drill: { zh: '来自预约的委托书', en: 'ROs from appointments' },
  }),
  return_rate: d({
    code: 'return_rate',
    name: { zh: '回厂率', en: 'Return rate' },
    formula: { zh: '期间内进厂车辆中，此前基盘期（默认12个月）内来过的车辆 ÷ 期间内进厂车辆', en: 'Vehicles served in the period that had visited within the base window (default 12 months) before / vehicles served' },
    unit: 'ratio',
    direction: 'higher',
    category: 'customers',
    source: 'records',
    drill: { zh: '期间内进厂的车辆', en: 'Vehicles served in the period' },
  }),
  loss_rate: d({
    code: 'loss_rate',
    name: { zh: '流失率', en: 'Loss rate' },
    formula: { zh: '期间前推流失期（默认6个月）的来厂车辆中，之后流失期内未再来厂的车辆 ÷ 该期来厂车辆', en: 'Of the vehicles that visited in the period shifted back by the loss window (default 6 months), those not back within the window / all of them' },
    unit: 'ratio',
    direction: 'lower',
    category: 'customers',
    source: 'records',
    drill: { zh: '流失车辆', en: 'Lost vehicles' },
  }),
  base_customers: d({
    code: 'base_customers',
    name: { zh: '基盘客户数', en: 'Base customers' },
    formula: { zh: '期末前基盘期（默认12个月）内来过厂的车辆数', en: 'Vehicles that visited within the base window (default 12 months) up to the end of the period' },
    unit: 'count',
    direction: 'higher',
    category: 'customers',
    source: 'records',
    drill: { zh: '基盘车辆', en: 'Base vehicles' },
  }),
  member_revenue_share: d({
    code: 'member_revenue_share',
    name: { zh: '会员消费占比', en: 'Member revenue share' },
    formula: { zh: '会员消费 ÷ 售后产值', en: 'Member revenue / revenue' },
    unit: 'ratio',
    direction: 'higher',
    category: 'results',
    source: 'none',
    drill: null,
  }),
  value_added_share: d({
    code: 'value_added_share',
    name: { zh: '增值服务占比', en: 'Value-added revenue share' },
    formula: { zh: '延保、养护用品、套餐收入 ÷ 售后产值', en: 'Extended warranty, care products and packages / revenue' },
    unit: 'ratio',
    direction: 'higher',
    category: 'results',
    source: 'none',
    drill: null,
  }),
  technician_utilisation: d({
    code: 'technician_utilisation',
    name: { zh: '工时利用率', en: 'Technician utilisation' },
    formula: { zh: '打卡工时 ÷ 出勤工时（未登记出勤的打卡日按营业时长）', en: 'Clocked hours / attendance hours (opening hours on clocked days without an entry)' },
    unit: 'ratio',
    direction: 'higher',
    category: 'workshop',
    source: 'records',
    drill: null,
  }),
  technician_efficiency: d({
    code: 'technician_efficiency',
    name: { zh: '工时效率', en: 'Technician efficiency' },
    formula: { zh: '期间内完工作业的标准工时 ÷ 打卡工时', en: 'Standard hours of jobs finished in the period / clocked hours' },
    unit: 'ratio',
    direction: 'higher',
    category: 'workshop',
    source: 'records',
    drill: null,
  }),
  parts_fill_rate: d({
    code: 'parts_fill_rate',
    name: { zh: '配件满足率', en: 'Parts fill rate' },
    formula: { zh: '申领时有库存的配件申请行 ÷ 配件申请行（按月）', en: 'Request lines in stock when asked / request lines (monthly)' },
    unit: 'ratio',
    direction: 'higher',
    category: 'parts',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  parts_turnover: d({
    code: 'parts_turnover',
    name: { zh: '配件周转率', en: 'Parts turnover' },
    formula: { zh: '月出库成本 ÷ 月平均库存金额（按月，各月之和）', en: 'Outbound cost of the month / average stock value (monthly, summed over months)' },
    unit: 'score',
    direction: 'higher',
    category: 'parts',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  slow_moving_share: d({
    code: 'slow_moving_share',
    name: { zh: '呆滞占比', en: 'Slow-moving share' },
    formula: { zh: '呆滞库存金额 ÷ 库存金额（当前库存）', en: 'Slow-moving stock value / stock value (stock as it is now)' },
    unit: 'ratio',
    direction: 'lower',
    category: 'parts',
    source: 'records',
    drill: null,
    monthsOnly: true,
  }),
  first_service_return_rate: d({
    code: 'first_service_return_rate',
    name: { zh: '首保回厂率', en: 'First-service return rate' },
    formula: { zh: '回厂做首保的本店售出车辆 ÷ 应做首保的本店售出车辆', en: 'Our-sold cars back for the first service / our-sold cars due for it' },
    unit: 'ratio',
    direction: 'higher',
    category: 'warranty',
    source: 'none',
    drill: null,
  }),
  claim_approval_rate: d({
    code: 'claim_approval_rate',
    name: { zh: '一次赔付率', en: 'Claim approval rate' },
    formula: { zh: '一次通过的索赔单 ÷ 提交的索赔单', en: 'Claims approved first time / claims submitted' },
    unit: 'ratio',
    direction: 'higher',
    category: 'warranty',
    source: 'none',
    drill: null,
  }),
  renewal_rate: d({
    code: 'renewal_rate',
    name: { zh: '续保率', en: 'Renewal rate' },
    formula: { zh: '已续保 ÷ 到期保单', en: 'Renewed / policies due' },
    unit: 'ratio',
    direction: 'higher',
    category: 'warranty',
    source: 'none',
    drill: null,
  }),
};

// ---------------------------------------------------------------------------------------------
// Pure formulas (unit-tested in kpis.test.ts)

/** numerator / denominator; null when there is nothing to divide by. */
export function kpiRatio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/**
 * The value of a KPI from its summed numerator and denominator. Amounts and counts are the
 * numerator itself; the first-time fix rate is 1 − failures/ROs (its numerator counts failures, so
 * that the drill-down lists them).
 */
export function kpiValue(code: KpiCode, numerator: number, denominator: number | null): number | null {
  const def = KPI_DEFINITIONS[code];
  if (denominator === null) return numerator;
  if (code === 'first_time_fix_rate') return denominator === 0 ? null : 1 - numerator / denominator;
  if (def.unit === 'fen') return denominator === 0 ? null : Math.round(numerator / denominator);
  return kpiRatio(numerator, denominator);
}

/** Change of `current` against `base`, as a ratio (0.1 = +10%); for ratios the difference in points. */
export function kpiChange(unit: KpiUnit, current: number | null, base: number | null): number | null {
  if (current === null || base === null) return null;
  if (unit === 'ratio') return current - base;
  return base === 0 ? null : (current - base) / Math.abs(base);
}

/** Whether a change is good news for this KPI (null when unchanged or unknown). */
export function kpiTrendIsGood(direction: KpiDirection, change: number | null): boolean | null {
  if (change === null || change === 0) return null;
  return direction === 'higher' ? change > 0 : change < 0;
}

/** Whether the actual meets the target (null without either). */
export function kpiMeetsTarget(direction: KpiDirection, actual: number | null, target: number | null): boolean | null {
  if (actual === null || target === null) return null;
  return direction === 'higher' ? actual >= target : actual <= target;
}

/** Live and frozen values differ beyond rounding noise. */
export function kpiDiffers(live: number | null, frozen: number | null): boolean {
  if (live === null || frozen === null) return live !== frozen;
  return Math.abs(live - frozen) > 1e-9 * Math.max(1, Math.abs(frozen));
}

// ---------------------------------------------------------------------------------------------
// Periods: runs of store-local days

export interface Period {
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}
function fmt(t: Date): string {
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}
export function shiftDays(date: string, days: number): string {
  const [y, m, dd] = parts(date);
  return fmt(new Date(Date.UTC(y, m - 1, dd + days)));
}
/** YYYY-MM shifted by n months. */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = new Date(Date.UTC(y, m - 1 + n, 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}`;
}
export function lastDayOfMonth(month: string): string {
  return shiftDays(`${shiftMonth(month, 1)}-01`, -1);
}
export function monthPeriod(month: string): Period {
  return { from: `${month}-01`, to: lastDayOfMonth(month) };
}
export function periodDays(p: Period): number {
  return Math.round((Date.parse(`${p.to}T00:00:00Z`) - Date.parse(`${p.from}T00:00:00Z`)) / 86_400_000) + 1;
}
/** The month a period is exactly (YYYY-MM), or null. */
export function wholeMonth(p: Period): string | null {
  const month = p.from.slice(0, 7);
  return p.from.endsWith('-01') && p.to === lastDayOfMonth(month) ? month : null;
}
/** The months of a period made of whole calendar months (first to last), or null. */
export function wholeMonths(p: Period): string[] | null {
  if (!p.from.endsWith('-01') || p.to !== lastDayOfMonth(p.to.slice(0, 7))) return null;
  const out: string[] = [];
  for (let m = p.from.slice(0, 7); m <= p.to.slice(0, 7); m = shiftMonth(m, 1)) out.push(m);
  return out;
}

/**
 * The period just before: as many whole months before when the period is whole months (so March
 * compares with February, not with the 31 days before), else the same number of days before.
 */
export function previousPeriod(p: Period): Period {
  const months = wholeMonths(p);
  if (months) {
    const n = months.length;
    return { from: `${shiftMonth(months[0]!, -n)}-01`, to: lastDayOfMonth(shiftMonth(months[0]!, -1)) };
  }
  const days = periodDays(p);
  return { from: shiftDays(p.from, -days), to: shiftDays(p.from, -1) };
}

/** The same period a year earlier (whole months stay whole months: Feb 2028 → Feb 2027; 29 Feb → 28 Feb). */
export function samePeriodLastYear(p: Period): Period {
  const months = wholeMonths(p);
  if (months) return { from: `${shiftMonth(months[0]!, -12)}-01`, to: lastDayOfMonth(shiftMonth(months.at(-1)!, -12)) };
  const back = (date: string) => {
    const [y, m, dd] = parts(date);
    const last = Number(lastDayOfMonth(`${y - 1}-${pad(m)}`).slice(8));
    return `${y - 1}-${pad(m)}-${pad(Math.min(dd, last))}`;
  };
  return { from: back(p.from), to: back(p.to) };
}

export const PERIOD_KINDS = ['day', 'week', 'month', 'range'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];
export const PERIOD_KIND_LABELS: Record<PeriodKind, Label> = {
  day: { zh: '日', en: 'Day' },
  week: { zh: '周', en: 'Week' },
  month: { zh: '月', en: 'Month' },
  range: { zh: '自定义', en: 'Range' },
};

/** The day, the Monday-to-Sunday week (UX: weeks start on Monday) or the calendar month around `date`. */
export function periodAround(kind: Exclude<PeriodKind, 'range'>, date: string): Period {
  if (kind === 'day') return { from: date, to: date };
  if (kind === 'month') return monthPeriod(date.slice(0, 7));
  const [y, m, dd] = parts(date);
  const weekday = (new Date(Date.UTC(y, m - 1, dd)).getUTCDay() + 6) % 7; // Monday 0
  const from = shiftDays(date, -weekday);
  return { from, to: shiftDays(from, 6) };
}

/** The last `count` months ending with `month`, oldest first. */
export function monthsEndingWith(month: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => shiftMonth(month, i - count + 1));
}

// ---------------------------------------------------------------------------------------------
// API shapes

export const KPI_SCOPES = ['store', 'group'] as const;
export type KpiScopeKind = (typeof KPI_SCOPES)[number];

const codesParam = z
  .string()
  .trim()
  .max(1000)
  .transform((v, ctx) => {
    const list = v.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.find((c) => !(KPI_CODES as readonly string[]).includes(c));
    if (bad) {
      ctx.addIssue({ code: 'custom', message: 'kpi.code' satisfies MessageKey });
      return z.NEVER;
    }
    return list as KpiCode[];
  });

export const KpiPeriodQuerySchema = z
  .object({
    from: LocalDateSchema,
    to: LocalDateSchema,
    scope: z.enum(KPI_SCOPES).default('store'),
    codes: codesParam.optional(),
  })
  .refine((q) => q.to >= q.from, { error: 'date.order', path: ['to'] })
  .refine((q) => periodDays(q) <= 731, { error: 'period.tooLong', path: ['to'] });
export type KpiPeriodQuery = z.infer<typeof KpiPeriodQuerySchema>;

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month.invalid' });
export { MonthSchema as KpiMonthSchema };

export const KpiTrendQuerySchema = z.object({
  month: MonthSchema,
  months: z.coerce.number().int().min(1).max(36).default(12),
  scope: z.enum(KPI_SCOPES).default('store'),
  codes: codesParam.optional(),
});
export type KpiTrendQuery = z.infer<typeof KpiTrendQuerySchema>;

export const KPI_VALUE_STATUSES = ['ok', 'no_source', 'months_only'] as const;
export type KpiValueStatus = (typeof KPI_VALUE_STATUSES)[number];

/** One KPI over one period and scope. `value` is null when nothing can be divided or there is no source. */
export const KpiValueSchema = z.object({
  code: z.enum(KPI_CODES),
  status: z.enum(KPI_VALUE_STATUSES),
  value: z.number().nullable(),
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
});
export type KpiValue = z.infer<typeof KpiValueSchema>;

export const BreakdownRowSchema = z.object({ key: z.string(), amountFen: z.number().int(), count: z.number().int() });
export type BreakdownRow = z.infer<typeof BreakdownRowSchema>;

/** A KPI on the dashboard: actual, target, previous period, same period last year, frozen values. */
export const KpiCardSchema = z.object({
  code: z.enum(KPI_CODES),
  current: KpiValueSchema,
  previous: KpiValueSchema,
  lastYear: KpiValueSchema,
  target: z.number().nullable(),
  /** The month-end snapshot of a past month, when one exists (the report shows it, not the live value). */
  frozen: z
    .object({ value: z.number().nullable(), numerator: z.number().nullable(), denominator: z.number().nullable(), frozenAt: z.string(), liveDiffers: z.boolean() })
    .nullable(),
});
export type KpiCard = z.infer<typeof KpiCardSchema>;

export const PeriodSchema = z.object({ from: z.string(), to: z.string() });

export const KpiReportSchema = z.object({
  scope: z.enum(KPI_SCOPES),
  storeIds: z.array(z.number().int()),
  period: PeriodSchema,
  previous: PeriodSchema,
  lastYear: PeriodSchema,
  cards: z.array(KpiCardSchema),
  revenueByType: z.array(BreakdownRowSchema),
  revenueByPayer: z.array(BreakdownRowSchema),
});
export type KpiReport = z.infer<typeof KpiReportSchema>;

/** A month of a trend; `frozen`: its values are the month-end snapshot (SPEC §17), not recomputed. */
export const KpiTrendPointSchema = z.object({ month: z.string(), frozen: z.boolean(), values: z.array(KpiValueSchema), targets: z.record(z.string(), z.number().nullable()) });
export const KpiTrendSchema = z.object({ scope: z.enum(KPI_SCOPES), months: z.array(KpiTrendPointSchema) });
export type KpiTrend = z.infer<typeof KpiTrendSchema>;

export const KPI_DRILL_SIDES = ['focus', 'all'] as const;
export const KpiDrillQuerySchema = z
  .object({
    code: z.enum(KPI_CODES),
    from: LocalDateSchema,
    to: LocalDateSchema,
    scope: z.enum(KPI_SCOPES).default('store'),
    /** `focus`: the records that make the figure (comebacks, late ROs, lost vehicles…); `all`: the whole base. */
    side: z.enum(KPI_DRILL_SIDES).default('focus'),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .refine((q) => q.to >= q.from, { error: 'date.order', path: ['to'] })
  .refine((q) => periodDays(q) <= 731, { error: 'period.tooLong', path: ['to'] });
export type KpiDrillQuery = z.infer<typeof KpiDrillQuerySchema>;

/** A record behind a figure: an RO (with its store), or a vehicle for the retention KPIs. */
export const KpiDrillRowSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  roId: z.number().int().nullable(),
  roNumber: z.string().nullable(),
  vehicleId: z.number().int().nullable(),
  plate: z.string().nullable(),
  roType: z.enum(RO_TYPES).nullable(),
  /** The instant that put the record in the period (opened, delivered, settled, last visit…). */
  at: z.string().nullable(),
  amountFen: z.number().int().nullable(),
  /** A short, already translated-agnostic detail: a comeback reason code, hours, a linked RO number. */
  detail: z.string(),
  linkedRoId: z.number().int().nullable(),
  linkedRoNumber: z.string().nullable(),
});
export type KpiDrillRow = z.infer<typeof KpiDrillRowSchema>;
export const KpiDrillPageSchema = z.object({ items: z.array(KpiDrillRowSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int(), supported: z.boolean() });
export type KpiDrillPage = z.infer<typeof KpiDrillPageSchema>;

// Targets (目标)

export const KpiTargetSchema = z.object({ code: z.enum(KPI_CODES), month: MonthSchema, value: z.number().nullable() });
export type KpiTarget = z.infer<typeof KpiTargetSchema>;
export const KpiTargetsQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });
export const KpiTargetsSchema = z.object({ year: z.number().int(), targets: z.array(KpiTargetSchema) });
export const KpiTargetsUpdateSchema = z.object({
  targets: z
    .array(
      z.object({
        code: z.enum(KPI_CODES),
        month: MonthSchema,
        /** In the KPI's unit: fen, count, 0…1 for ratios, hours, score. null removes the target. */
        value: z.number().min(0).max(1e12).nullable(),
      }),
    )
    .min(1)
    .max(1000),
});
export type KpiTargetsUpdate = z.infer<typeof KpiTargetsUpdateSchema>;

// Snapshots (月末冻结)

export const KpiFreezeBodySchema = z.object({ month: MonthSchema });
export const KpiSnapshotResultSchema = z.object({ month: z.string(), frozen: z.number().int(), alreadyFrozen: z.boolean() });

// ---------------------------------------------------------------------------------------------
// Customer base and loss (基盘与流失, SPEC §11)

export const BaseReportQuerySchema = z.object({
  month: MonthSchema,
  months: z.coerce.number().int().min(1).max(36).default(12),
  scope: z.enum(KPI_SCOPES).default('store'),
});
export const BaseMonthSchema = z.object({
  month: z.string(),
  /** 档案客户: vehicle files existing at the end of the month. */
  files: z.number().int(),
  /** 基盘客户: vehicles that visited within the base window up to the end of the month. */
  base: z.number().int(),
  /** Vehicles that visited in the month (the month's loss cohort). */
  visited: z.number().int(),
  /** Of those, not back within the loss window; null while the window is not over. */
  lost: z.number().int().nullable(),
  lossRate: z.number().nullable(),
});
export const BaseReportSchema = z.object({
  baseMonths: z.number().int(),
  lostMonths: z.number().int(),
  months: z.array(BaseMonthSchema),
  /**
   * Recall calls (招揽回访, SPEC §11) made in the report's months, from the care module's call
   * records. All three are null when no recall call was made in the months at all; with calls they
   * are lists (possibly empty). Reasons: reached recall calls per loss reason (`key` a LOSS_REASONS
   * value, `label` in Chinese; screens may relabel by key). Destinations: the free-text 去向 of
   * those calls, trimmed, most frequent first (top 10). Outcomes: every recall call attempt per
   * outcome (reached and the unreachable outcomes of SPEC §8).
   */
  lossReasons: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })).nullable(),
  lossDestinations: z.array(z.object({ destination: z.string(), count: z.number().int() })).nullable(),
  recallOutcomes: z.array(z.object({ key: z.string(), label: z.string(), count: z.number().int() })).nullable(),
});
export type BaseReport = z.infer<typeof BaseReportSchema>;

export const NeverBackQuerySchema = z.object({
  scope: z.enum(KPI_SCOPES).default('store'),
  /** Sold at least this many days ago (a car sold last week is not "never back"). */
  soldDaysAgo: z.coerce.number().int().min(0).max(3650).default(90),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const NeverBackRowSchema = z.object({
  storeId: z.number().int(),
  storeName: z.string(),
  vehicleId: z.number().int(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  modelName: z.string(),
  purchaseDate: z.string().nullable(),
  ownerName: z.string(),
});
export const NeverBackPageSchema = pageSchemaOf(NeverBackRowSchema);

function pageSchemaOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const LostCohortQuerySchema = z.object({
  month: MonthSchema,
  scope: z.enum(KPI_SCOPES).default('store'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
/** 生成招揽回访任务 for the lost vehicles of a cohort month (the session's store). */
export const LostRecallBodySchema = z.object({ month: MonthSchema });

// ---------------------------------------------------------------------------------------------
// Business statistics (业务统计表, SPEC §17)

export const StatisticsQuerySchema = z
  .object({ kind: z.enum(['day', 'week', 'month']), date: LocalDateSchema, scope: z.enum(KPI_SCOPES).default('store') })
  .transform((q) => ({ ...q, period: periodAround(q.kind, q.date) }));
export type StatisticsQuery = z.input<typeof StatisticsQuerySchema>;

export const StatisticsSchema = z.object({
  kind: z.enum(['day', 'week', 'month']),
  period: PeriodSchema,
  scope: z.enum(KPI_SCOPES),
  /** ROs opened / delivered / cancelled in the period, per RO type. */
  rosByType: z.array(z.object({ type: z.enum(RO_TYPES), opened: z.number().int(), delivered: z.number().int(), settled: z.number().int(), amountFen: z.number().int() })),
  /** Settled amounts per payer: labour, parts, discount, total. */
  revenueByPayer: z.array(z.object({ payer: z.enum(PAYERS), labourFen: z.number().int(), partsFen: z.number().int(), discountFen: z.number().int(), totalFen: z.number().int() })),
  labour: z.object({ soldHours: z.number(), clockedHours: z.number(), finishedJobs: z.number().int() }),
  parts: z.object({ outboundCostFen: z.number().int(), partsSalesFen: z.number().int(), lines: z.number().int() }),
  /** On-account (挂账) payments of the period per payer, and finished ROs not settled yet. */
  receivables: z.object({ onAccount: z.array(z.object({ payer: z.enum(PAYERS), amountFen: z.number().int(), count: z.number().int() })), unsettledRos: z.number().int(), unsettledFen: z.number().int() }),
  totals: z.object({ opened: z.number().int(), delivered: z.number().int(), settled: z.number().int(), revenueFen: z.number().int() }),
});
export type Statistics = z.infer<typeof StatisticsSchema>;
