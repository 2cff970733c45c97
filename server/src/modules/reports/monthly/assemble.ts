import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_LABELS } from '#contracts/complaints';
import {
  IMPROVEMENT_DEPARTMENT_LABELS,
  IMPROVEMENT_DEPARTMENTS,
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementAction,
} from '#contracts/improvement-actions';
import { KPI_DEFINITIONS, kpiMeetsTarget, monthPeriod, type KpiCard, type KpiCode, type KpiReport, type KpiTrend } from '#contracts/kpis';
import type { Lang } from '#contracts/messages';
import {
  MONTHLY_REPORT_LABELS,
  SECTION_LABELS,
  type ChartBlock,
  type FiguresBlock,
  type MonthlyReportKind,
  type MonthlyReportSection,
  type ReportBlock,
  type TableBlock,
} from '#contracts/monthly-reports';
import { RO_TYPE_LABELS } from '#contracts/repair-orders';
import { COMEBACK_REASON_LABELS, type ComebackReason } from '#contracts/workshop';
import { LOSS_REASON_LABELS, type CallbackStats, type LossReason } from '#contracts/care';
import type { ComplaintWeekly } from '#contracts/complaints';
import type { BaseReport } from '#contracts/kpis';
import type { ScoreMonth } from '#contracts/satisfaction';
import type { AdvisorFigures, TechnicianRo } from './people.sql';

type L = { zh: string; en: string };
const tr = (label: L, lang: Lang) => label[lang];

/** Everything a report is drawn from, read once per request (monthly.service.ts gathers it). */
export interface ReportInputs {
  lang: Lang;
  month: string;
  kpis: KpiReport;
  trend: KpiTrend;
  nextTargets: Map<KpiCode, number>;
  technicians: TechnicianRo[];
  advisors: AdvisorFigures[];
  intake: Map<string, number>;
  complaints: ComplaintWeekly | null;
  /** Manufacturer CSS/MOT/PT of the last 12 months with region and nation (customer-service report only). */
  scores: ScoreMonth[];
  /** The customer-care module's callback statistics for the month (customer-service report only). */
  callbacks: CallbackStats | null;
  /** Why lost customers left and where they went, from the month's recall calls (null: none made). */
  lossReasons: BaseReport['lossReasons'];
  lossDestinations: BaseReport['lossDestinations'];
  lastMonthActions: ImprovementAction[];
  nextMonthActions: ImprovementAction[];
}

const TEXT = {
  noData: { zh: '暂无数据', en: 'No data yet' },
  noSource: { zh: '暂无数据：该指标的数据来源尚未接入', en: 'No data yet: the records behind this figure are not kept in the system yet' },
  snapshotDiffers: { zh: '月末冻结值；实时值已变化', en: 'Month-end frozen value; the live value has changed since' },
  keyFigures: { zh: '关键指标', en: 'Key figures' },
  actual: { zh: '本月', en: 'This month' },
  target: { zh: '目标', en: 'Target' },
  revenueMix: { zh: '产值构成（按业务类型）', en: 'Revenue by RO type' },
  trend12: { zh: '近12个月趋势', en: 'Last 12 months' },
  revenueTrend: { zh: '售后产值趋势（元）', en: 'Service revenue (yuan)' },
  roTrend: { zh: '进厂台次趋势', en: 'RO count' },
  ftfTrend: { zh: '一次修复率趋势', en: 'First-time fix rate' },
  technicians: { zh: '技师绩效', en: 'Technicians' },
  advisors: { zh: '服务顾问绩效', en: 'Service advisors' },
  name: { zh: '姓名', en: 'Name' },
  ros: { zh: '出厂台次', en: 'ROs delivered' },
  comebacks: { zh: '返修', en: 'Comebacks' },
  ftf: { zh: '一次修复率', en: 'First-time fix' },
  reasons: { zh: '返修原因', en: 'Comeback reasons' },
  earned: { zh: '完成标准工时', en: 'Hours earned' },
  opened: { zh: '开单', en: 'ROs opened' },
  fromAppointment: { zh: '预约进厂', en: 'From appointments' },
  settled: { zh: '结算台次', en: 'ROs settled' },
  revenue: { zh: '产值', en: 'Revenue' },
  dailyIntake: { zh: '每日进厂台次', en: 'Daily intake' },
  day: { zh: '日期', en: 'Day' },
  belowTarget: { zh: '未达成目标的指标', en: 'Figures below target' },
  kpi: { zh: '指标', en: 'Figure' },
  gap: { zh: '差距', en: 'Gap' },
  allMet: { zh: '本月有目标的指标均已达成', en: 'Every figure with a target met it this month' },
  nextTargets: { zh: '下月目标', en: "Next month's targets" },
  noTargets: { zh: '下月目标尚未设定', en: "Next month's targets are not set yet" },
  top5: { zh: '下月TOP5整改措施', en: "Next month's TOP5 actions" },
  noActions: { zh: '尚未制定整改措施', en: 'No improvement actions planned yet' },
  lastActions: { zh: '上月整改措施', en: "Last month's actions" },
  actionsDone: { zh: '已完成', en: 'Done' },
  actionsTotal: { zh: '措施数', en: 'Actions' },
  actionsOverdue: { zh: '逾期', en: 'Overdue' },
  department: { zh: '部门', en: 'Department' },
  rank: { zh: '排名', en: 'Rank' },
  problem: { zh: '问题', en: 'Problem' },
  measure: { zh: '措施', en: 'Measure' },
  owner: { zh: '责任人', en: 'Owner' },
  due: { zh: '完成期限', en: 'Due' },
  supervisor: { zh: '监督人', en: 'Supervisor' },
  checkpoint: { zh: '检查节点', en: 'Checkpoint' },
  status: { zh: '状态', en: 'Status' },
  yes: { zh: '是', en: 'yes' },
  complaintsByWeek: { zh: '每周投诉（按原因）', en: 'Complaints per week by cause' },
  weekOf: { zh: '周（起）', en: 'Week of' },
  total: { zh: '合计', en: 'Total' },
  share: { zh: '占比', en: 'Share' },
  complaintShares: { zh: '投诉原因占比', en: 'Complaints by cause' },
  noComplaints: { zh: '投诉模块暂无数据', en: 'No complaint records yet' },
  noCallbacks: { zh: '暂无数据：本月没有回访记录', en: 'No data yet: no callbacks were made this month' },
  noScores: { zh: '暂无数据：近12个月未录入厂家CSS/MOT/PT得分', en: 'No data yet: no manufacturer CSS/MOT/PT scores entered in the last 12 months' },
  noLossReasons: {
    zh: '流失客户原因与去向：暂无数据（本月没有流失客户回访记录）',
    en: 'Why lost customers left and where they went: no data yet (no recall call this month)',
  },
  noReasonsRecorded: { zh: '本月的流失客户回访均未接通，没有记录流失原因', en: 'No recall call reached a customer this month: no loss reason recorded' },
  lossReasons: { zh: '流失原因与去向', en: 'Loss reasons and destinations' },
  lossReason: { zh: '流失原因', en: 'Loss reason' },
  lossDestinations: { zh: '流失去向（前10）', en: 'Where they went (top 10)' },
  destination: { zh: '去向', en: 'Destination' },
  count: { zh: '数量', en: 'Count' },
  store: { zh: '本店', en: 'Store' },
  region: { zh: '区域', en: 'Region' },
  nation: { zh: '全国', en: 'Nation' },
  scoresVs: { zh: '本月得分：本店 vs 区域 vs 全国', en: 'This month: store vs region vs nation' },
  motTrend: { zh: 'MOT得分趋势（本店、区域、全国）', en: 'MOT score: store, region, nation' },
  scoresTable: { zh: '厂家得分（近12个月）', en: 'Manufacturer scores (12 months)' },
  sample: { zh: '样本量', en: 'Sample' },
  callbackTotals: { zh: '回访概况', en: 'Callbacks' },
  made: { zh: '回访数', en: 'Callbacks made' },
  valid: { zh: '有效回访', en: 'Valid' },
  validRate: { zh: '有效率', en: 'Valid rate' },
  delighted: { zh: '非常满意占比', en: 'Delighted share' },
  disappointed: { zh: '一般及以下占比', en: 'Disappointed share' },
  unreachable: { zh: '未接通', en: 'Unreachable' },
  perQuestion: { zh: '回访问题分析（按问题）', en: 'Callbacks per question' },
  question: { zh: '问题', en: 'Question' },
  answers: { zh: '回答数', en: 'Answers' },
  avgScore: { zh: '平均分', en: 'Average score' },
  yesShare: { zh: '“是”占比', en: 'Share of yes' },
  questionScores: { zh: '各问题平均分', en: 'Average score per question' },
  perAdvisor: { zh: '回访分析（按服务顾问）', en: 'Callbacks per service advisor' },
  delivered: { zh: '交车台次', en: 'ROs delivered' },
  complaintsCol: { zh: '投诉', en: 'Complaints' },
  retentionTrend: { zh: '预约率、基盘客户与流失率（近12个月）', en: 'Appointment rate, base customers and loss rate (12 months)' },
  month: { zh: '月份', en: 'Month' },
} satisfies Record<string, L>;

const CARD_CODES: Record<'results' | 'customer_service' | 'operations' | 'scores' | 'callbacks', KpiCode[]> = {
  results: ['revenue', 'ro_count', 'revenue_per_ro', 'quick_service_share', 'avg_lead_time', 'on_time_delivery_rate', 'return_rate', 'member_revenue_share', 'value_added_share', 'parts_fill_rate', 'parts_turnover', 'slow_moving_share'],
  customer_service: ['first_time_fix_rate', 'complaint_rate', 'callback_satisfaction', 'mot_score', 'css_score', 'pt_score', 'return_rate', 'loss_rate', 'base_customers'],
  operations: ['technician_utilisation', 'technician_efficiency', 'internal_rework_rate', 'appointment_rate', 'avg_lead_time', 'on_time_delivery_rate'],
  scores: ['css_score', 'mot_score', 'pt_score', 'callback_satisfaction'],
  callbacks: ['callback_satisfaction', 'complaint_rate'],
};

/** A past month reads its month-end snapshot when there is one (frozen figures), noting a live change. */
function figureOf(card: KpiCard, lang: Lang) {
  const def = KPI_DEFINITIONS[card.code];
  const frozen = card.frozen;
  const value = frozen ? frozen.value : card.current.value;
  const note = card.current.status === 'no_source' ? tr(TEXT.noSource, lang) : frozen?.liveDiffers ? tr(TEXT.snapshotDiffers, lang) : null;
  return {
    key: card.code,
    label: tr(def.name, lang),
    unit: def.unit,
    value,
    previous: card.previous.value,
    target: card.target,
    note,
    drill: def.drill ? card.code : null,
  };
}

function figures(input: ReportInputs, codes: KpiCode[], title: L = TEXT.keyFigures): FiguresBlock {
  const cards = new Map(input.kpis.cards.map((c) => [c.code, c]));
  return { type: 'figures', title: tr(title, input.lang), items: codes.flatMap((c) => (cards.has(c) ? [figureOf(cards.get(c)!, input.lang)] : [])) };
}

function trendChart(input: ReportInputs, code: KpiCode, title: L, chart: ChartBlock['chart'] = 'line'): ChartBlock {
  const i = input.trend.months[0]?.values.findIndex((v) => v.code === code) ?? -1;
  const def = KPI_DEFINITIONS[code];
  const scale = def.unit === 'fen' ? 100 : 1;
  return {
    type: 'chart',
    title: tr(title, input.lang),
    chart,
    unit: def.unit === 'fen' ? 'count' : def.unit,
    categories: input.trend.months.map((m) => m.month),
    series: [
      { name: tr(TEXT.actual, input.lang), values: input.trend.months.map((m) => (i < 0 ? null : (m.values[i]?.value ?? null) === null ? null : m.values[i]!.value! / scale)) },
      { name: tr(TEXT.target, input.lang), values: input.trend.months.map((m) => (m.targets[code] == null ? null : m.targets[code]! / scale)) },
    ].filter((s) => s.values.some((v) => v !== null)),
  };
}

const note = (text: L, lang: Lang): ReportBlock => ({ type: 'note', text: tr(text, lang) });

function reasonsText(counts: Map<ComebackReason, number>, lang: Lang): string {
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${COMEBACK_REASON_LABELS[r][lang]}×${n}`).join(lang === 'zh' ? '、' : ', ');
}

/** First-time fix per technician with the comeback reasons (SPEC §15, §17). */
function technicianTable(input: ReportInputs): TableBlock {
  const lang = input.lang;
  const byTech = new Map<number, { name: string; ros: number; comebacks: number; earned: number; reasons: Map<ComebackReason, number> }>();
  for (const r of input.technicians) {
    const t = byTech.get(r.userId) ?? { name: r.name, ros: 0, comebacks: 0, earned: 0, reasons: new Map() };
    t.ros += 1;
    t.earned += r.earnedHours;
    if (r.reason) {
      t.comebacks += 1;
      t.reasons.set(r.reason, (t.reasons.get(r.reason) ?? 0) + 1);
    }
    byTech.set(r.userId, t);
  }
  const rows = [...byTech.values()]
    .sort((a, b) => b.comebacks - a.comebacks || b.ros - a.ros || a.name.localeCompare(b.name))
    .map((t) => ({ name: t.name, ros: t.ros, comebacks: t.comebacks, ftf: t.ros === 0 ? null : 1 - t.comebacks / t.ros, earned: Math.round(t.earned * 10) / 10, reasons: reasonsText(t.reasons, lang) }));
  return {
    type: 'table',
    title: tr(TEXT.technicians, lang),
    columns: [
      { key: 'name', label: tr(TEXT.name, lang), unit: 'text' },
      { key: 'ros', label: tr(TEXT.ros, lang), unit: 'count' },
      { key: 'comebacks', label: tr(TEXT.comebacks, lang), unit: 'count' },
      { key: 'ftf', label: tr(TEXT.ftf, lang), unit: 'ratio' },
      { key: 'earned', label: tr(TEXT.earned, lang), unit: 'hours' },
      { key: 'reasons', label: tr(TEXT.reasons, lang), unit: 'text' },
    ],
    rows,
  };
}

function technicianChart(table: TableBlock, lang: Lang): ChartBlock {
  return {
    type: 'chart',
    title: tr(TEXT.ftf, lang),
    chart: 'bar',
    unit: 'ratio',
    categories: table.rows.map((r) => String(r.name)),
    series: [{ name: tr(TEXT.ftf, lang), values: table.rows.map((r) => (typeof r.ftf === 'number' ? r.ftf : null)) }],
  };
}

function advisorTable(input: ReportInputs): TableBlock {
  const lang = input.lang;
  return {
    type: 'table',
    title: tr(TEXT.advisors, lang),
    columns: [
      { key: 'name', label: tr(TEXT.name, lang), unit: 'text' },
      { key: 'opened', label: tr(TEXT.opened, lang), unit: 'count' },
      { key: 'fromAppointment', label: tr(TEXT.fromAppointment, lang), unit: 'count' },
      { key: 'settled', label: tr(TEXT.settled, lang), unit: 'count' },
      { key: 'revenueFen', label: tr(TEXT.revenue, lang), unit: 'fen' },
    ],
    rows: input.advisors.map((a) => ({ name: a.name, opened: a.opened, fromAppointment: a.fromAppointment, settled: a.settled, revenueFen: a.revenueFen })),
  };
}

function revenueMix(input: ReportInputs): ChartBlock {
  const lang = input.lang;
  const rows = input.kpis.revenueByType;
  return {
    type: 'chart',
    title: tr(TEXT.revenueMix, lang),
    chart: 'pie',
    unit: 'count',
    categories: rows.map((r) => (r.key in RO_TYPE_LABELS ? RO_TYPE_LABELS[r.key as keyof typeof RO_TYPE_LABELS][lang] : r.key)),
    series: [{ name: tr(TEXT.revenue, lang), values: rows.map((r) => r.amountFen / 100) }],
  };
}

function intakeChart(input: ReportInputs): ChartBlock {
  const { from, to } = monthPeriod(input.month);
  const days: string[] = [];
  for (let d = Number(from.slice(8)); d <= Number(to.slice(8)); d++) days.push(`${input.month}-${String(d).padStart(2, '0')}`);
  return {
    type: 'chart',
    title: tr(TEXT.dailyIntake, input.lang),
    chart: 'bar',
    unit: 'count',
    categories: days.map((d) => d.slice(5)),
    series: [{ name: tr(TEXT.opened, input.lang), values: days.map((d) => input.intake.get(d) ?? 0) }],
  };
}

function belowTarget(input: ReportInputs): ReportBlock {
  const lang = input.lang;
  const rows = input.kpis.cards
    .map((c) => ({ c, f: figureOf(c, lang) }))
    .filter(({ c, f }) => kpiMeetsTarget(KPI_DEFINITIONS[c.code].direction, f.value, f.target) === false)
    .map(({ c, f }) => ({ kpi: f.label, actual: f.value, target: f.target, gap: f.value !== null && f.target !== null ? f.value - f.target : null, unit: KPI_DEFINITIONS[c.code].unit }));
  if (rows.length === 0) return note(TEXT.allMet, lang);
  // Mixed units in one table: the cells are formatted text (the sheet keeps the same text).
  return {
    type: 'table',
    title: tr(TEXT.belowTarget, lang),
    columns: [
      { key: 'kpi', label: tr(TEXT.kpi, lang), unit: 'text' },
      { key: 'actual', label: tr(TEXT.actual, lang), unit: 'text' },
      { key: 'target', label: tr(TEXT.target, lang), unit: 'text' },
      { key: 'gap', label: tr(TEXT.gap, lang), unit: 'text' },
    ],
    rows: rows.map((r) => ({ kpi: r.kpi, actual: fmt(r.actual, r.unit), target: fmt(r.target, r.unit), gap: fmt(r.gap, r.unit) })),
  };
}

function fmt(v: number | null, unit: string): string | null {
  if (v === null) return null;
  if (unit === 'fen') return `¥${(v / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}%`;
  if (unit === 'count') return String(Math.round(v));
  return v.toFixed(1);
}

function nextTargets(input: ReportInputs): ReportBlock {
  const lang = input.lang;
  if (input.nextTargets.size === 0) return note(TEXT.noTargets, lang);
  return {
    type: 'table',
    title: tr(TEXT.nextTargets, lang),
    columns: [
      { key: 'kpi', label: tr(TEXT.kpi, lang), unit: 'text' },
      { key: 'target', label: tr(TEXT.target, lang), unit: 'text' },
    ],
    rows: [...input.nextTargets.entries()].map(([code, v]) => ({ kpi: tr(KPI_DEFINITIONS[code].name, lang), target: fmt(v, KPI_DEFINITIONS[code].unit) })),
  };
}

function actionsTable(actions: ImprovementAction[], title: L, lang: Lang, withStatus: boolean): ReportBlock {
  if (actions.length === 0) return note(TEXT.noActions, lang);
  const sorted = [...actions].sort((a, b) => IMPROVEMENT_DEPARTMENTS.indexOf(a.department) - IMPROVEMENT_DEPARTMENTS.indexOf(b.department) || a.rank - b.rank);
  return {
    type: 'table',
    title: tr(title, lang),
    columns: [
      { key: 'department', label: tr(TEXT.department, lang), unit: 'text' },
      { key: 'rank', label: tr(TEXT.rank, lang), unit: 'count' },
      { key: 'problem', label: tr(TEXT.problem, lang), unit: 'text' },
      { key: 'measure', label: tr(TEXT.measure, lang), unit: 'text' },
      { key: 'owner', label: tr(TEXT.owner, lang), unit: 'text' },
      { key: 'due', label: tr(TEXT.due, lang), unit: 'text' },
      { key: 'supervisor', label: tr(TEXT.supervisor, lang), unit: 'text' },
      { key: 'checkpoint', label: tr(TEXT.checkpoint, lang), unit: 'text' },
      ...(withStatus
        ? [
            { key: 'status', label: tr(TEXT.status, lang), unit: 'text' as const },
            { key: 'overdue', label: tr(TEXT.actionsOverdue, lang), unit: 'text' as const },
          ]
        : []),
    ],
    rows: sorted.map((a) => ({
      department: IMPROVEMENT_DEPARTMENT_LABELS[a.department][lang],
      rank: a.rank,
      problem: a.problem,
      measure: a.measure,
      owner: a.ownerName,
      due: a.dueDate,
      supervisor: a.supervisorName,
      checkpoint: a.checkpoint,
      ...(withStatus ? { status: IMPROVEMENT_STATUS_LABELS[a.status][lang], overdue: a.overdue ? tr(TEXT.yes, lang) : '' } : {}),
    })),
  };
}

function actionsReview(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const actions = input.lastMonthActions;
  const summary: FiguresBlock = {
    type: 'figures',
    title: tr(TEXT.lastActions, lang),
    items: [
      { key: 'actions_total', label: tr(TEXT.actionsTotal, lang), unit: 'count', value: actions.length, previous: null, target: null, note: null, drill: null },
      { key: 'actions_done', label: tr(TEXT.actionsDone, lang), unit: 'count', value: actions.filter((a) => a.status === 'done').length, previous: null, target: null, note: null, drill: null },
      { key: 'actions_overdue', label: tr(TEXT.actionsOverdue, lang), unit: 'count', value: actions.filter((a) => a.overdue).length, previous: null, target: null, note: null, drill: null },
    ],
  };
  const byStatus: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.status, lang),
    chart: 'stacked',
    unit: 'count',
    categories: IMPROVEMENT_DEPARTMENTS.map((d) => IMPROVEMENT_DEPARTMENT_LABELS[d][lang]),
    series: (['not_started', 'in_progress', 'done'] as const).map((s) => ({
      name: IMPROVEMENT_STATUS_LABELS[s][lang],
      values: IMPROVEMENT_DEPARTMENTS.map((d) => actions.filter((a) => a.department === d && a.status === s).length),
    })),
  };
  return [summary, ...(actions.length > 0 ? [byStatus] : []), actionsTable(actions, TEXT.lastActions, lang, true)];
}

function complaintBlocks(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const c = input.complaints;
  if (!c || c.total === 0) return [figures(input, ['complaint_rate']), note(TEXT.noComplaints, lang)];
  const label = (k: (typeof COMPLAINT_CATEGORIES)[number]) => COMPLAINT_CATEGORY_LABELS[k][lang];
  const table: TableBlock = {
    type: 'table',
    title: tr(TEXT.complaintsByWeek, lang),
    columns: [
      { key: 'week', label: tr(TEXT.weekOf, lang), unit: 'text' },
      ...COMPLAINT_CATEGORIES.map((k) => ({ key: k, label: label(k), unit: 'count' as const })),
      { key: 'total', label: tr(TEXT.total, lang), unit: 'count' },
    ],
    rows: [
      ...c.weeks.map((w) => ({ week: w.weekStart, ...w.counts, total: w.total })),
      { week: tr(TEXT.total, lang), ...c.totals, total: c.total },
      { week: tr(TEXT.share, lang), ...Object.fromEntries(COMPLAINT_CATEGORIES.map((k) => [k, `${((c.shares[k] ?? 0) * 100).toFixed(1)}%`])), total: '100.0%' },
    ],
  };
  const weekly: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.complaintsByWeek, lang),
    chart: 'stacked',
    unit: 'count',
    categories: c.weeks.map((w) => w.weekStart.slice(5)),
    series: COMPLAINT_CATEGORIES.filter((k) => c.totals[k] > 0).map((k) => ({ name: label(k), values: c.weeks.map((w) => w.counts[k]) })),
  };
  const shares: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.complaintShares, lang),
    chart: 'pie',
    unit: 'count',
    categories: COMPLAINT_CATEGORIES.filter((k) => c.totals[k] > 0).map(label),
    series: [{ name: tr(TEXT.total, lang), values: COMPLAINT_CATEGORIES.filter((k) => c.totals[k] > 0).map((k) => c.totals[k]) }],
  };
  return [figures(input, ['complaint_rate']), weekly, shares, table];
}

function retentionBlocks(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const col = (code: KpiCode) => input.trend.months[0]?.values.findIndex((v) => v.code === code) ?? -1;
  const [ia, ib, il] = [col('appointment_rate'), col('base_customers'), col('loss_rate')];
  const at = (m: KpiTrend['months'][number], i: number) => (i < 0 ? null : (m.values[i]?.value ?? null));
  return [
    figures(input, ['appointment_rate', 'base_customers', 'return_rate', 'loss_rate']),
    trendChart(input, 'appointment_rate', { zh: '预约率趋势', en: 'Appointment rate' }),
    trendChart(input, 'base_customers', { zh: '基盘客户数（按月）', en: 'Base customers by month' }, 'bar'),
    trendChart(input, 'loss_rate', { zh: '流失率趋势', en: 'Loss rate' }),
    {
      type: 'table',
      title: tr(TEXT.retentionTrend, lang),
      columns: [
        { key: 'month', label: tr(TEXT.month, lang), unit: 'text' },
        { key: 'appointment_rate', label: tr(KPI_DEFINITIONS.appointment_rate.name, lang), unit: 'ratio' },
        { key: 'base_customers', label: tr(KPI_DEFINITIONS.base_customers.name, lang), unit: 'count' },
        { key: 'loss_rate', label: tr(KPI_DEFINITIONS.loss_rate.name, lang), unit: 'ratio' },
      ],
      rows: input.trend.months.map((m) => ({ month: m.month, appointment_rate: at(m, ia), base_customers: at(m, ib), loss_rate: at(m, il) })),
    },
  ];
}

/** Manufacturer CSS/MOT/PT against the region and the nation (SPEC §10, §17), as entered from the manufacturer's reports. */
function scoreBlocks(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const entered = input.scores.filter((m) => [m.storeMot, m.regionMot, m.nationMot, m.storeCss, m.regionCss, m.nationCss, m.ptScore].some((v) => v !== null));
  if (entered.length === 0) return [note(TEXT.noScores, lang)];
  const current = input.scores.find((m) => m.month === input.month);
  const levels = [
    { name: TEXT.store, mot: current?.storeMot, css: current?.storeCss },
    { name: TEXT.region, mot: current?.regionMot, css: current?.regionCss },
    { name: TEXT.nation, mot: current?.nationMot, css: current?.nationCss },
  ];
  const vs: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.scoresVs, lang),
    chart: 'bar',
    unit: 'score',
    categories: ['MOT', 'CSS'],
    series: levels.map((l) => ({ name: tr(l.name, lang), values: [l.mot ?? null, l.css ?? null] })),
  };
  const motTrend: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.motTrend, lang),
    chart: 'line',
    unit: 'score',
    categories: input.scores.map((m) => m.month),
    series: [
      { name: tr(TEXT.store, lang), values: input.scores.map((m) => m.storeMot) },
      { name: tr(TEXT.region, lang), values: input.scores.map((m) => m.regionMot) },
      { name: tr(TEXT.nation, lang), values: input.scores.map((m) => m.nationMot) },
    ],
  };
  const table: TableBlock = {
    type: 'table',
    title: tr(TEXT.scoresTable, lang),
    columns: [
      { key: 'month', label: tr(TEXT.month, lang), unit: 'text' },
      { key: 'storeMot', label: `MOT ${tr(TEXT.store, lang)}`, unit: 'score' },
      { key: 'regionMot', label: `MOT ${tr(TEXT.region, lang)}`, unit: 'score' },
      { key: 'nationMot', label: `MOT ${tr(TEXT.nation, lang)}`, unit: 'score' },
      { key: 'storeCss', label: `CSS ${tr(TEXT.store, lang)}`, unit: 'score' },
      { key: 'regionCss', label: `CSS ${tr(TEXT.region, lang)}`, unit: 'score' },
      { key: 'nationCss', label: `CSS ${tr(TEXT.nation, lang)}`, unit: 'score' },
      { key: 'sampleSize', label: tr(TEXT.sample, lang), unit: 'count' },
      { key: 'ptScore', label: 'PT', unit: 'score' },
    ],
    // Newest first: the month under review heads the table.
    rows: [...entered].reverse().map((m) => ({
      month: m.month,
      storeMot: m.storeMot,
      regionMot: m.regionMot,
      nationMot: m.nationMot,
      storeCss: m.storeCss,
      regionCss: m.regionCss,
      nationCss: m.nationCss,
      sampleSize: m.sampleSize,
      ptScore: m.ptScore,
    })),
  };
  return [...(current && levels.some((l) => l.mot != null || l.css != null) ? [vs] : []), motTrend, table];
}

/** Internal callback analysis (SPEC §10, §17): the month's totals, each question's answers, each advisor's callbacks. */
function callbackBlocks(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const s = input.callbacks;
  if (!s || s.totals.made === 0) return [note(TEXT.noCallbacks, lang)];
  const item = (key: string, label: L, unit: 'count' | 'ratio', value: number | null) => ({ key, label: tr(label, lang), unit, value, previous: null, target: null, note: null, drill: null });
  const totals: FiguresBlock = {
    type: 'figures',
    title: tr(TEXT.callbackTotals, lang),
    items: [
      item('callbacks_made', TEXT.made, 'count', s.totals.made),
      item('callbacks_valid', TEXT.valid, 'count', s.totals.valid),
      item('callbacks_valid_rate', TEXT.validRate, 'ratio', s.totals.validRate),
      item('callbacks_delighted', TEXT.delighted, 'ratio', s.totals.delightedShare),
      item('callbacks_disappointed', TEXT.disappointed, 'ratio', s.totals.disappointedShare),
      item('callbacks_unreachable', TEXT.unreachable, 'count', s.totals.unreachable),
    ],
  };
  const asked = s.questions.filter((q) => q.type === 'score' || q.type === 'yes_no');
  const questions: TableBlock = {
    type: 'table',
    title: tr(TEXT.perQuestion, lang),
    columns: [
      { key: 'question', label: tr(TEXT.question, lang), unit: 'text' },
      { key: 'answers', label: tr(TEXT.answers, lang), unit: 'count' },
      { key: 'average', label: tr(TEXT.avgScore, lang), unit: 'score' },
      { key: 'yesShare', label: tr(TEXT.yesShare, lang), unit: 'ratio' },
    ],
    rows: asked.map((q) => ({ question: q.text, answers: q.answers, average: q.type === 'score' ? q.average : null, yesShare: q.type === 'yes_no' ? q.average : null })),
  };
  const scored = asked.filter((q) => q.type === 'score' && q.average !== null);
  const chart: ChartBlock = {
    type: 'chart',
    title: tr(TEXT.questionScores, lang),
    chart: 'bar',
    unit: 'score',
    categories: scored.map((q) => q.text),
    series: [{ name: tr(TEXT.avgScore, lang), values: scored.map((q) => q.average) }],
  };
  const advisors: TableBlock = {
    type: 'table',
    title: tr(TEXT.perAdvisor, lang),
    columns: [
      { key: 'name', label: tr(TEXT.name, lang), unit: 'text' },
      { key: 'delivered', label: tr(TEXT.delivered, lang), unit: 'count' },
      { key: 'made', label: tr(TEXT.made, lang), unit: 'count' },
      { key: 'valid', label: tr(TEXT.valid, lang), unit: 'count' },
      { key: 'average', label: tr(TEXT.avgScore, lang), unit: 'score' },
      { key: 'delighted', label: tr(TEXT.delighted, lang), unit: 'ratio' },
      { key: 'disappointed', label: tr(TEXT.disappointed, lang), unit: 'ratio' },
      { key: 'complaints', label: tr(TEXT.complaintsCol, lang), unit: 'count' },
    ],
    rows: s.advisors.map((a) => ({
      name: a.advisorName,
      delivered: a.rosDelivered,
      made: a.made,
      valid: a.valid,
      average: a.averageScore,
      delighted: a.delightedShare,
      disappointed: a.disappointedShare,
      complaints: a.complaints,
    })),
  };
  return [totals, ...(scored.length > 0 ? [chart] : []), questions, advisors];
}

function lossReasonBlocks(input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  const reasons = input.lossReasons;
  if (!reasons) return [note(TEXT.noLossReasons, lang)];
  if (reasons.length === 0) return [note(TEXT.noReasonsRecorded, lang)];
  // The reasons come labelled in Chinese; the report's language relabels them by key.
  const labelOf = (r: { key: string; label: string }) => LOSS_REASON_LABELS[r.key as LossReason]?.[lang] ?? r.label;
  const destinations = input.lossDestinations ?? [];
  return [
    { type: 'chart', title: tr(TEXT.lossReasons, lang), chart: 'pie', unit: 'count', categories: reasons.map(labelOf), series: [{ name: tr(TEXT.count, lang), values: reasons.map((r) => r.count) }] },
    {
      type: 'table',
      title: tr(TEXT.lossReasons, lang),
      columns: [
        { key: 'label', label: tr(TEXT.lossReason, lang), unit: 'text' },
        { key: 'count', label: tr(TEXT.count, lang), unit: 'count' },
      ],
      rows: reasons.map((r) => ({ label: labelOf(r), count: r.count })),
    },
    ...(destinations.length > 0
      ? [
          {
            type: 'table' as const,
            title: tr(TEXT.lossDestinations, lang),
            columns: [
              { key: 'destination', label: tr(TEXT.destination, lang), unit: 'text' as const },
              { key: 'count', label: tr(TEXT.count, lang), unit: 'count' as const },
            ],
            rows: destinations.map((d) => ({ destination: d.destination, count: d.count })),
          },
        ]
      : []),
  ];
}

/** The blocks of one section, in the order SPEC §17 lists its contents. */
export function sectionBlocks(kind: MonthlyReportKind, section: MonthlyReportSection, input: ReportInputs): ReportBlock[] {
  const lang = input.lang;
  if (kind === 'manager') {
    switch (section) {
      case 'results':
        return [figures(input, CARD_CODES.results), revenueMix(input), trendChart(input, 'revenue', TEXT.revenueTrend, 'bar'), trendChart(input, 'ro_count', TEXT.roTrend, 'bar')];
      case 'customer_service':
        return [figures(input, CARD_CODES.customer_service), trendChart(input, 'first_time_fix_rate', TEXT.ftfTrend), ...complaintBlocks(input).slice(1)];
      case 'team': {
        const techs = technicianTable(input);
        return [techs, ...(techs.rows.length > 0 ? [technicianChart(techs, lang)] : []), advisorTable(input)];
      }
      case 'operations':
        return [figures(input, CARD_CODES.operations), intakeChart(input)];
      case 'problems':
        return [belowTarget(input)];
      case 'plan':
        return [nextTargets(input), actionsTable(input.nextMonthActions, TEXT.top5, lang, false)];
    }
  } else {
    switch (section) {
      case 'actions_review':
        return actionsReview(input);
      case 'manufacturer_scores':
        return [figures(input, CARD_CODES.scores), ...scoreBlocks(input)];
      case 'callbacks':
        return [figures(input, CARD_CODES.callbacks), ...callbackBlocks(input)];
      case 'complaints':
        return complaintBlocks(input);
      case 'first_time_fix': {
        const techs = technicianTable(input);
        return [figures(input, ['first_time_fix_rate']), ...(techs.rows.length > 0 ? [technicianChart(techs, lang)] : []), techs, trendChart(input, 'first_time_fix_rate', TEXT.ftfTrend)];
      }
      case 'retention':
        return [...retentionBlocks(input), ...lossReasonBlocks(input)];
      case 'next_month':
        return [nextTargets(input), actionsTable(input.nextMonthActions, TEXT.top5, lang, false)];
    }
  }
  return [note(TEXT.noData, lang)];
}

export function reportTitle(kind: MonthlyReportKind, lang: Lang): string {
  return MONTHLY_REPORT_LABELS[kind][lang];
}

export function sectionTitle(section: MonthlyReportSection, lang: Lang): string {
  return SECTION_LABELS[section][lang];
}
