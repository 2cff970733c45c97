import { z } from 'zod';
import { FenSchema, IdSchema, LocalDateSchema, listQuerySchema } from './common';

/**
 * Complaints (客户抱怨与投诉, SPEC §9): intake from any channel, category and responsible
 * department, the lifecycle registered → acknowledged → investigating → solution proposed →
 * accepted → closed, remedies with their cost, escalation when overdue, and the weekly table by
 * category. The state machine lives here so the server and the detail page agree on what is legal.
 */

type Label = { zh: string; en: string };

export const COMPLAINT_CHANNELS = ['phone', 'counter', 'follow_up_call', 'survey', 'manufacturer', 'social_media'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, Label> = {
  phone: { zh: '来电', en: 'Phone' },
  counter: { zh: '前台', en: 'Counter' },
  follow_up_call: { zh: '回访', en: 'Follow-up call' },
  survey: { zh: '问卷调查', en: 'Survey' },
  manufacturer: { zh: '厂家转交', en: 'Manufacturer' },
  social_media: { zh: '网络媒体', en: 'Social media' },
};

/** 原因 (SPEC §9). */
export const COMPLAINT_CATEGORIES = ['quality', 'time', 'cost', 'parts', 'attitude', 'vehicle_product', 'warranty', 'other'] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_LABELS: Record<ComplaintCategory, Label> = {
  quality: { zh: '质量', en: 'Quality' },
  time: { zh: '时间', en: 'Time' },
  cost: { zh: '费用', en: 'Cost' },
  parts: { zh: '备件', en: 'Parts' },
  attitude: { zh: '服务态度', en: 'Attitude' },
  vehicle_product: { zh: '整车', en: 'Vehicle product' },
  warranty: { zh: '索赔', en: 'Warranty' },
  other: { zh: '其他', en: 'Other' },
};

/** 责任部门 (SPEC §9). */
export const COMPLAINT_DEPARTMENTS = ['front_desk', 'workshop', 'parts', 'customer_service', 'product'] as const;
export type ComplaintDepartment = (typeof COMPLAINT_DEPARTMENTS)[number];
export const COMPLAINT_DEPARTMENT_LABELS: Record<ComplaintDepartment, Label> = {
  front_desk: { zh: '前台', en: 'Front desk' },
  workshop: { zh: '车间', en: 'Workshop' },
  parts: { zh: '配件', en: 'Parts' },
  customer_service: { zh: '客服', en: 'Customer service' },
  product: { zh: '产品', en: 'Product' },
};

export const COMPLAINT_SEVERITIES = ['minor', 'major', 'critical'] as const;
export type ComplaintSeverity = (typeof COMPLAINT_SEVERITIES)[number];
export const COMPLAINT_SEVERITY_LABELS: Record<ComplaintSeverity, Label> = {
  minor: { zh: '一般', en: 'Minor' },
  major: { zh: '较重', en: 'Major' },
  critical: { zh: '严重', en: 'Critical' },
};

/**
 * Default deadlines by severity, in hours from registration: the apology and promised reply time
 * (acknowledge) and the solution the customer accepts (resolve). The registering user may set an
 * earlier or later resolve date on the form; these are what the form proposes.
 */
export const COMPLAINT_DUE_HOURS: Record<ComplaintSeverity, { acknowledge: number; resolve: number }> = {
  minor: { acknowledge: 24, resolve: 7 * 24 },
  major: { acknowledge: 8, resolve: 3 * 24 },
  critical: { acknowledge: 2, resolve: 48 },
};

export const COMPLAINT_STATES = ['registered', 'acknowledged', 'investigating', 'solution_proposed', 'accepted', 'closed'] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export const COMPLAINT_STATE_LABELS: Record<ComplaintState, Label> = {
  registered: { zh: '已登记', en: 'Registered' },
  acknowledged: { zh: '已致歉', en: 'Acknowledged' },
  investigating: { zh: '调查中', en: 'Investigating' },
  solution_proposed: { zh: '已提出方案', en: 'Solution proposed' },
  accepted: { zh: '客户已接受', en: 'Customer accepted' },
  closed: { zh: '已结案', en: 'Closed' },
};

const OPEN_STATES = ['registered', 'acknowledged', 'investigating', 'solution_proposed', 'accepted'] as const satisfies readonly ComplaintState[];

/**
 * Every legal step, by action. `escalate` and `assign` record a step without moving the state;
 * `decline` (the customer refuses the proposed solution) sends the case back to investigation.
 */
export const COMPLAINT_TRANSITIONS = {
  acknowledge: { from: ['registered'], to: 'acknowledged' },
  investigate: { from: ['acknowledged'], to: 'investigating' },
  propose: { from: ['investigating'], to: 'solution_proposed' },
  decline: { from: ['solution_proposed'], to: 'investigating' },
  accept: { from: ['solution_proposed'], to: 'accepted' },
  close: { from: ['accepted'], to: 'closed' },
  escalate: { from: OPEN_STATES, to: null },
  assign: { from: OPEN_STATES, to: null },
} as const satisfies Record<string, { from: readonly ComplaintState[]; to: ComplaintState | null }>;
export type ComplaintAction = keyof typeof COMPLAINT_TRANSITIONS | 'register';
export type ComplaintMove = keyof typeof COMPLAINT_TRANSITIONS;
export const COMPLAINT_MOVES = Object.keys(COMPLAINT_TRANSITIONS) as ComplaintMove[];
export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, Label> = {
  register: { zh: '登记', en: 'Register' },
  acknowledge: { zh: '致歉并承诺答复时间', en: 'Apologise and promise a reply' },
  investigate: { zh: '开始调查', en: 'Investigate' },
  propose: { zh: '提出解决方案', en: 'Propose a solution' },
  decline: { zh: '客户不接受方案', en: 'Customer declines' },
  accept: { zh: '客户接受方案', en: 'Customer accepts' },
  close: { zh: '结案', en: 'Close' },
  escalate: { zh: '升级', en: 'Escalate' },
  assign: { zh: '指定负责人', en: 'Assign owner' },
};

/** The state a move leads to: the same state for escalate/assign, null when illegal from `from`. */
export function complaintTransitionTarget(from: ComplaintState, action: ComplaintMove): ComplaintState | null {
  const t = COMPLAINT_TRANSITIONS[action];
  if (!(t.from as readonly ComplaintState[]).includes(from)) return null;
  return t.to ?? from;
}

export function complaintMovesFrom(state: ComplaintState): ComplaintMove[] {
  return COMPLAINT_MOVES.filter((a) => complaintTransitionTarget(state, a) !== null);
}

/**
 * Overdue (SPEC §9 "escalate when not solved in time"): not yet acknowledged after its acknowledge
 * deadline, or not closed after its resolve deadline.
 */
export function isComplaintOverdue(c: { state: ComplaintState; acknowledgeDueAt: string | Date; resolveDueAt: string | Date }, now: Date): boolean {
  if (c.state === 'closed') return false;
  const t = now.getTime();
  if (c.state === 'registered' && new Date(c.acknowledgeDueAt).getTime() < t) return true;
  return new Date(c.resolveDueAt).getTime() < t;
}

export const REMEDY_KINDS = ['rework', 'refund', 'voucher', 'loaner_car', 'gift'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];
export const REMEDY_KIND_LABELS: Record<RemedyKind, Label> = {
  rework: { zh: '免费返修', en: 'Free rework' },
  refund: { zh: '退款', en: 'Refund' },
  voucher: { zh: '代金券', en: 'Voucher' },
  loaner_car: { zh: '代步车', en: 'Loaner car' },
  gift: { zh: '礼品', en: 'Gift' },
};

/** 处理满意度: the customer's satisfaction with how the complaint was handled. */
export const HANDLING_SATISFACTION = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export type HandlingSatisfaction = (typeof HANDLING_SATISFACTION)[number];
export const HANDLING_SATISFACTION_LABELS: Record<HandlingSatisfaction, Label> = {
  very_satisfied: { zh: '非常满意', en: 'Very satisfied' },
  satisfied: { zh: '满意', en: 'Satisfied' },
  neutral: { zh: '一般', en: 'Neutral' },
  dissatisfied: { zh: '不满意', en: 'Dissatisfied' },
  very_dissatisfied: { zh: '非常不满意', en: 'Very dissatisfied' },
};

// ---------------------------------------------------------------------------------------------
// Requests

const Text = (max: number) => z.string().trim().max(max);
const Required = (max: number) => z.string().trim().min(1, { error: 'complaint.required' }).max(max);

export const ComplaintCreateSchema = z.object({
  customerId: IdSchema,
  vehicleId: IdSchema.nullable().default(null),
  roId: IdSchema.nullable().default(null),
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  department: z.enum(COMPLAINT_DEPARTMENTS).nullable().default(null),
  severity: z.enum(COMPLAINT_SEVERITIES).default('minor'),
  description: Required(2000),
  ownerId: IdSchema.nullable().default(null),
  /** Default: registration + COMPLAINT_DUE_HOURS[severity].resolve. */
  resolveDueAt: z.iso.datetime({ offset: true }).nullable().default(null),
});
export type ComplaintCreate = z.infer<typeof ComplaintCreateSchema>;

export const RemedyInputSchema = z.object({
  kind: z.enum(REMEDY_KINDS),
  costFen: FenSchema,
  note: Text(500).default(''),
});
export type RemedyInput = z.infer<typeof RemedyInputSchema>;

const Base = { version: z.number().int().positive(), note: Text(2000).default('') };

/** One lifecycle step; each action carries what that step must record. */
export const ComplaintStepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('acknowledge'), ...Base, apology: Required(1000), promisedReplyAt: z.iso.datetime({ offset: true }) }),
  z.object({ action: z.literal('investigate'), ...Base }),
  z.object({
    action: z.literal('propose'),
    ...Base,
    solution: Required(2000),
    remedies: z.array(RemedyInputSchema).max(10).default([]),
  }),
  z.object({ action: z.literal('decline'), ...Base, note: Required(2000) }),
  z.object({ action: z.literal('accept'), ...Base }),
  z.object({
    action: z.literal('close'),
    ...Base,
    cause: Required(2000),
    resolution: Required(2000),
    prevention: Text(2000).default(''),
    satisfaction: z.enum(HANDLING_SATISFACTION, { error: 'complaint.satisfactionRequired' }),
  }),
  z.object({ action: z.literal('escalate'), ...Base, note: Required(2000) }),
  z.object({
    action: z.literal('assign'),
    ...Base,
    ownerId: IdSchema,
    department: z.enum(COMPLAINT_DEPARTMENTS).optional(),
    resolveDueAt: z.iso.datetime({ offset: true }).optional(),
  }),
]);
export type ComplaintStepInput = z.infer<typeof ComplaintStepSchema>;

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

export const ComplaintListQuerySchema = listQuerySchema(['createdAt', 'number', 'resolveDueAt']).extend({
  state: z.enum(COMPLAINT_STATES).optional(),
  /** `open` = every state but closed. */
  open: booleanQuery.optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  department: z.enum(COMPLAINT_DEPARTMENTS).optional(),
  overdue: booleanQuery.optional(),
  vehicleId: IdSchema.optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type ComplaintListQuery = z.infer<typeof ComplaintListQuerySchema>;

export const ComplaintPeriodQuerySchema = z
  .object({ from: LocalDateSchema, to: LocalDateSchema })
  .refine((q) => q.from <= q.to, { error: 'date.order', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { error: 'complaint.periodTooLong', path: ['to'] });
export type ComplaintPeriodQuery = z.infer<typeof ComplaintPeriodQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export const RemedySchema = z.object({ id: z.number().int(), kind: z.enum(REMEDY_KINDS), costFen: z.number().int(), note: z.string(), createdAt: z.string() });
export type Remedy = z.infer<typeof RemedySchema>;

export const ComplaintStepRecordSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  fromState: z.enum(COMPLAINT_STATES).nullable(),
  toState: z.enum(COMPLAINT_STATES),
  note: z.string(),
  actorName: z.string(),
  at: z.string(),
});
export type ComplaintStepRecord = z.infer<typeof ComplaintStepRecordSchema>;

export const ComplaintSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  category: z.enum(COMPLAINT_CATEGORIES),
  department: z.enum(COMPLAINT_DEPARTMENTS).nullable(),
  severity: z.enum(COMPLAINT_SEVERITIES),
  state: z.enum(COMPLAINT_STATES),
  customerId: z.number().int(),
  customerName: z.string(),
  vehicleId: z.number().int().nullable(),
  plate: z.string().nullable(),
  roId: z.number().int().nullable(),
  roNumber: z.string().nullable(),
  description: z.string(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string(),
  acknowledgeDueAt: z.string(),
  resolveDueAt: z.string(),
  apology: z.string(),
  promisedReplyAt: z.string().nullable(),
  solution: z.string(),
  cause: z.string(),
  resolution: z.string(),
  prevention: z.string(),
  satisfaction: z.enum(HANDLING_SATISFACTION).nullable(),
  escalationLevel: z.number().int(),
  overdue: z.boolean(),
  remedyCostFen: z.number().int(),
  createdByName: z.string(),
  createdAt: z.string(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Complaint = z.infer<typeof ComplaintSchema>;

export const ComplaintDetailSchema = ComplaintSchema.extend({
  steps: z.array(ComplaintStepRecordSchema),
  remedies: z.array(RemedySchema),
});
export type ComplaintDetail = z.infer<typeof ComplaintDetailSchema>;

/** One row of the weekly table (投诉周报): the week starting Monday `weekStart`. */
export const ComplaintWeekSchema = z.object({
  weekStart: z.string(),
  counts: z.record(z.enum(COMPLAINT_CATEGORIES), z.number().int()),
  total: z.number().int(),
});
export const ComplaintWeeklySchema = z.object({
  from: z.string(),
  to: z.string(),
  weeks: z.array(ComplaintWeekSchema),
  totals: z.record(z.enum(COMPLAINT_CATEGORIES), z.number().int()),
  /** Each category's share of all complaints of the period, in percent to one decimal. */
  shares: z.record(z.enum(COMPLAINT_CATEGORIES), z.number()),
  total: z.number().int(),
});
export type ComplaintWeekly = z.infer<typeof ComplaintWeeklySchema>;

export const ComplaintDepartmentRowSchema = z.object({
  department: z.enum(COMPLAINT_DEPARTMENTS).nullable(),
  total: z.number().int(),
  open: z.number().int(),
  overdue: z.number().int(),
  closed: z.number().int(),
  remedyCostFen: z.number().int(),
});
export type ComplaintDepartmentRow = z.infer<typeof ComplaintDepartmentRowSchema>;

/** Share in percent to one decimal (0 when there is nothing to share). */
export function complaintShare(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

/** The Monday (YYYY-MM-DD) of the week containing a local day: weeks start on Monday (UX.md). */
export function weekStartOf(date: string): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  const dow = new Date(t).getUTCDay(); // 0 = Sunday
  const back = (dow + 6) % 7;
  return new Date(t - back * 86_400_000).toISOString().slice(0, 10);
}
