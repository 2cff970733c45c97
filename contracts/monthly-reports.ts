import { z } from 'zod';
import type { MessageKey } from './messages';

/** A calendar month `YYYY-MM`, meant in the store's time zone. */
export const ReportMonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month.invalid' satisfies MessageKey });

/**
 * The two monthly reports of SPEC §17: the after-sales manager's 售后月度工作总结 (six sections) and
 * the customer-service department's 客服部月报 (seven sections).
 */
export const MONTHLY_REPORT_KINDS = ['manager', 'customer_service'] as const;
export type MonthlyReportKind = (typeof MONTHLY_REPORT_KINDS)[number];
export const MONTHLY_REPORT_LABELS: Record<MonthlyReportKind, { zh: string; en: string }> = {
  manager: { zh: '售后月度工作总结', en: 'After-sales monthly report' },
  customer_service: { zh: '客服部月报', en: 'Customer-service monthly report' },
};

export const MONTHLY_REPORT_SECTIONS = {
  manager: ['results', 'customer_service', 'team', 'operations', 'problems', 'plan'],
  customer_service: ['actions_review', 'manufacturer_scores', 'callbacks', 'complaints', 'first_time_fix', 'retention', 'next_month'],
} as const satisfies Record<MonthlyReportKind, readonly string[]>;
export type ManagerSection = (typeof MONTHLY_REPORT_SECTIONS)['manager'][number];
export type CustomerServiceSection = (typeof MONTHLY_REPORT_SECTIONS)['customer_service'][number];
export type MonthlyReportSection = ManagerSection | CustomerServiceSection;
export const ALL_REPORT_SECTIONS = [...new Set([...MONTHLY_REPORT_SECTIONS.manager, ...MONTHLY_REPORT_SECTIONS.customer_service])] as [
  MonthlyReportSection,
  ...MonthlyReportSection[],
];

export const SECTION_LABELS: Record<MonthlyReportSection, { zh: string; en: string }> = {
  results: { zh: '业绩回顾', en: 'Results' },
  customer_service: { zh: '客户服务总结', en: 'Customer service' },
  team: { zh: '团队管理与绩效', en: 'Team and performance' },
  operations: { zh: '运营效率分析', en: 'Operations' },
  problems: { zh: '问题与挑战', en: 'Problems and challenges' },
  plan: { zh: '下月行动计划', en: "Next month's action plan" },
  actions_review: { zh: '上月整改措施回顾', en: "Review of last month's actions" },
  manufacturer_scores: { zh: '厂家CSS/PT评分', en: 'Manufacturer CSS/PT scores' },
  callbacks: { zh: '内部回访分析', en: 'Internal callback analysis' },
  complaints: { zh: '投诉跟踪与原因', en: 'Complaint tracking and causes' },
  first_time_fix: { zh: '一次修复率（按技师）', en: 'First-time fix per technician' },
  retention: { zh: '预约、基盘与流失', en: 'Appointments, base and lost customers' },
  next_month: { zh: '下月目标与TOP5整改', en: "Next month's targets and TOP5 actions" },
};

/** How a figure is shown: money in fen, shares as fractions (0.274 → 27.4%), plain counts, hours, scores. */
export const FIGURE_UNITS = ['fen', 'ratio', 'count', 'hours', 'score', 'text'] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

const Cell = z.union([z.string(), z.number(), z.null()]);

/** Blocks of a section, already in the reader's language: the browser, the slides and the sheets draw the same blocks. */
export const ReportBlockSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('figures'),
    title: z.string(),
    items: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        unit: z.enum(FIGURE_UNITS),
        value: z.number().nullable(),
        previous: z.number().nullable(),
        target: z.number().nullable(),
        /** e.g. "snapshot differs from live value" or the KPI's definition. */
        note: z.string().nullable(),
        /** Where the dashboard drills into this figure (a KPI key), when it can. */
        drill: z.string().nullable(),
      }),
    ),
  }),
  z.object({
    type: z.literal('table'),
    title: z.string(),
    columns: z.array(z.object({ key: z.string(), label: z.string(), unit: z.enum(FIGURE_UNITS) })),
    rows: z.array(z.record(z.string(), Cell)),
  }),
  z.object({
    type: z.literal('chart'),
    title: z.string(),
    chart: z.enum(['bar', 'line', 'pie', 'stacked']),
    unit: z.enum(FIGURE_UNITS),
    categories: z.array(z.string()),
    series: z.array(z.object({ name: z.string(), values: z.array(z.number().nullable()) })),
  }),
  z.object({ type: z.literal('note'), text: z.string() }),
]);
export type ReportBlock = z.infer<typeof ReportBlockSchema>;
export type FiguresBlock = Extract<ReportBlock, { type: 'figures' }>;
export type TableBlock = Extract<ReportBlock, { type: 'table' }>;
export type ChartBlock = Extract<ReportBlock, { type: 'chart' }>;

export const ReportCommentSchema = z.object({
  problems: z.string(),
  plan: z.string(),
  version: z.number().int(),
  updatedByName: z.string().nullable(),
  updatedAt: z.string().nullable(),
});
export type ReportComment = z.infer<typeof ReportCommentSchema>;

export const ReportSectionSchema = z.object({
  key: z.enum(ALL_REPORT_SECTIONS),
  title: z.string(),
  blocks: z.array(ReportBlockSchema),
  comment: ReportCommentSchema,
});
export type ReportSection = z.infer<typeof ReportSectionSchema>;

export const MonthlyReportSchema = z.object({
  kind: z.enum(MONTHLY_REPORT_KINDS),
  title: z.string(),
  month: z.string(),
  storeId: z.number().int(),
  storeName: z.string(),
  generatedAt: z.string(),
  /** True when the month's figures come from frozen snapshots rather than a live computation. */
  fromSnapshot: z.boolean(),
  sections: z.array(ReportSectionSchema),
});
export type MonthlyReport = z.infer<typeof MonthlyReportSchema>;

export const MonthlyReportParamsSchema = z.object({ kind: z.enum(MONTHLY_REPORT_KINDS) });
export const MonthlyReportQuerySchema = z.object({ month: ReportMonthSchema });
export const CommentParamsSchema = z.object({ kind: z.enum(MONTHLY_REPORT_KINDS), section: z.enum(ALL_REPORT_SECTIONS) });

export const ReportCommentBodySchema = z.object({
  month: ReportMonthSchema,
  problems: z.string().trim().max(4000),
  plan: z.string().trim().max(4000),
  /** 0 for the first save of a section's commentary. */
  version: z.number().int().min(0),
});
export type ReportCommentBody = z.infer<typeof ReportCommentBodySchema>;

export function sectionsOf(kind: MonthlyReportKind): readonly MonthlyReportSection[] {
  return MONTHLY_REPORT_SECTIONS[kind];
}

/** The month before `YYYY-MM`. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** Formats a figure for slides, sheets and the browser alike (UX: ¥1,234.50, 27.4%). */
export function formatFigure(value: number | null, unit: FigureUnit): string {
  if (value === null) return '—';
  switch (unit) {
    case 'fen':
      return `¥${(value / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
    case 'ratio':
      return `${(value * 100).toFixed(1)}%`;
    case 'hours':
      return value.toFixed(1);
    case 'score':
      return value.toFixed(1);
    default:
      return value.toLocaleString('en-US');
  }
}
