import { z } from 'zod';
import { IdSchema, listQuerySchema, LocalDateSchema } from './common';
import { COMPLAINT_CATEGORIES, COMPLAINT_SEVERITIES } from './complaints';

/**
 * Follow-up service (跟踪服务 / 回访, SPEC §8) and the internal callback questionnaire (SPEC §10):
 * tasks the system creates from events and time, the agent's calls, answers and statistics.
 */
type Label = { zh: string; en: string };

// ---------------------------------------------------------------------------------------------
// Tasks

export const CARE_TASK_KINDS = ['satisfaction', 'follow_up_1', 'follow_up_2', 'declined_work', 'appointment_reminder', 'pickup_notice', 'supervisor_request', 'recall'] as const;
export type CareTaskKind = (typeof CARE_TASK_KINDS)[number];
export const CARE_TASK_KIND_LABELS: Record<CareTaskKind, Label> = {
  satisfaction: { zh: '满意度回访', en: 'Satisfaction call' },
  follow_up_1: { zh: '第一次跟踪', en: 'Follow-up 1' },
  follow_up_2: { zh: '第二次跟踪', en: 'Follow-up 2' },
  declined_work: { zh: '未修项目提醒', en: 'Declined-work reminder' },
  appointment_reminder: { zh: '预约提醒', en: 'Appointment reminder' },
  pickup_notice: { zh: '取车通知', en: 'Pick-up notice' },
  supervisor_request: { zh: '主管处理请求', en: 'Supervisor request' },
  recall: { zh: '流失客户回访', en: 'Lost-customer recall' },
};
/** What the agent talks about on each kind of call (the script's opening). */
export const CARE_SCRIPTS: Record<CareTaskKind, Label> = {
  satisfaction: {
    zh: '您好，我是{门店}的客服专员。您的爱车 {车牌} 前两天在我店做了维修保养，想占用您两分钟了解一下您对这次服务的评价，可以吗？',
    en: 'Hello, this is customer service of {store}. Your car {plate} was serviced with us two days ago; may we take two minutes to ask how we did?',
  },
  follow_up_1: {
    zh: '您好，我是{门店}的客服专员。想了解一下 {车牌} 维修后使用情况如何？有没有新的需要？顺便提醒您注意保养小常识和本月的优惠活动。',
    en: 'Hello, customer service of {store}. How is {plate} running since the visit? Any new needs? A few care tips and this month’s offers.',
  },
  follow_up_2: {
    zh: '您好，我是{门店}的客服专员。再次打扰，想了解 {车牌} 近期用车情况，并告知下次保养的时间和里程。',
    en: 'Hello again from {store}. How has {plate} been lately? Let us tell you when the next service is due.',
  },
  declined_work: {
    zh: '您好，上次 {车牌} 进厂时技师发现的项目您暂未维修，为了行车安全，建议近期安排检查，需要帮您预约吗？',
    en: 'Hello, the work our technician found on {plate} at the last visit is still open; for your safety, may we book a check?',
  },
  appointment_reminder: {
    zh: '您好，提醒您明天 {时间} 在{门店}有维修预约（{车牌}），请问能按时到店吗？',
    en: 'Hello, a reminder of your appointment at {store} for {plate} at {time}. Will you make it?',
  },
  pickup_notice: {
    zh: '您好，您的爱车 {车牌} 预计 {时间} 可以交车，届时请到店取车。',
    en: 'Hello, your car {plate} will be ready at {time}; please come and collect it.',
  },
  supervisor_request: {
    zh: '客户的请求在回访中未能解决，请主管在期限内跟进并当天答复客户。',
    en: 'A request the call could not solve: follow up before the deadline and answer the customer the same day.',
  },
  recall: {
    zh: '您好，我是{门店}的客服专员。您的爱车 {车牌} 有一段时间没有回店了，想了解一下最近的用车情况，是什么原因没有回来保养呢？我们现在有老客户回厂优惠，需要帮您预约吗？',
    en: 'Hello, customer service of {store}. We have not seen {plate} for a while: how is the car, and what kept you from coming back? We have an offer for returning customers; may we book you in?',
  },
};

/** The desk that works a kind of task (owner queue). */
export const CARE_QUEUES = ['customer_service', 'service_advisor', 'supervisor'] as const;
export type CareQueue = (typeof CARE_QUEUES)[number];
export const CARE_QUEUE_LABELS: Record<CareQueue, Label> = {
  customer_service: { zh: '客服', en: 'Customer service' },
  service_advisor: { zh: '服务顾问', en: 'Service advisor' },
  supervisor: { zh: '客服主管', en: 'Supervisor' },
};
export const CARE_QUEUE_OF: Record<CareTaskKind, CareQueue> = {
  satisfaction: 'customer_service',
  follow_up_1: 'customer_service',
  follow_up_2: 'customer_service',
  declined_work: 'customer_service',
  appointment_reminder: 'customer_service',
  pickup_notice: 'service_advisor',
  supervisor_request: 'supervisor',
  recall: 'customer_service',
};

export const CARE_TASK_STATUSES = ['open', 'done', 'unreachable', 'cancelled'] as const;
export type CareTaskStatus = (typeof CARE_TASK_STATUSES)[number];
export const CARE_TASK_STATUS_LABELS: Record<CareTaskStatus, Label> = {
  open: { zh: '待处理', en: 'Open' },
  done: { zh: '已完成', en: 'Done' },
  unreachable: { zh: '无法联系', en: 'Unreachable' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/**
 * Declined work (SPEC §5 "kept for later follow-up") has no SPEC default: the reminder window
 * opens this many days after the customer declined and lasts a week.
 */
export const DECLINED_WORK_REMINDER_DAYS = 30;
export const DECLINED_WORK_WINDOW_DAYS = 7;
/** A satisfaction call is due within a day of its window opening (48 h after delivery). */
export const SATISFACTION_WINDOW_HOURS = 24;
/** The scan creates only tasks whose window opened in the last N days (no flood after downtime or on first start). */
export const CARE_SCAN_LOOKBACK_DAYS = 14;
/** A recall task (流失客户回访, SPEC §11) is workable from its creation for two weeks (SPEC has no default). */
export const RECALL_WINDOW_DAYS = 14;

// ---------------------------------------------------------------------------------------------
// Calls (跟踪服务电话记录表)

export const CALL_OUTCOMES = ['reached', 'no_answer', 'powered_off', 'rejected', 'suspended', 'unreachable', 'wrong_number'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];
export const CALL_OUTCOME_LABELS: Record<CallOutcome, Label> = {
  reached: { zh: '已接通', en: 'Reached' },
  no_answer: { zh: '无人接听', en: 'No answer' },
  powered_off: { zh: '关机', en: 'Powered off' },
  rejected: { zh: '拒接', en: 'Rejected' },
  suspended: { zh: '停机', en: 'Number suspended' },
  unreachable: { zh: '无法接通', en: 'Unreachable' },
  wrong_number: { zh: '号码错误', en: 'Wrong number' },
};

/**
 * Recall calls (招揽回访, SPEC §11): why a lost customer stayed away, asked on a reached recall call;
 * `booked` is the answer of a customer who books again on the call. The database CHECKs this list.
 */
export const LOSS_REASONS = ['booked', 'coming_soon', 'km_not_reached', 'serviced_elsewhere', 'too_far', 'inconvenient_route', 'used_by_other', 'other'] as const;
export type LossReason = (typeof LOSS_REASONS)[number];
export const LOSS_REASON_LABELS: Record<LossReason, Label> = {
  booked: { zh: '已预约', en: 'Booked' },
  coming_soon: { zh: '近期会来', en: 'Coming soon' },
  km_not_reached: { zh: '里程未到', en: 'Mileage not reached' },
  serviced_elsewhere: { zh: '在其他店保养/维修', en: 'Serviced at another dealer' },
  too_far: { zh: '距离太远', en: 'Too far' },
  inconvenient_route: { zh: '路线不便', en: 'Inconvenient route' },
  used_by_other: { zh: '车辆他人使用', en: 'Car used by someone else' },
  other: { zh: '其他', en: 'Other' },
};
/** Reasons that take a destination (去向: the other dealer, or what "other" means). */
export const LOSS_REASONS_WITH_DESTINATION: readonly LossReason[] = ['serviced_elsewhere', 'other'];
export const LOSS_DESTINATION_MAX = 100;

// ---------------------------------------------------------------------------------------------
// Questionnaires

export const QUESTION_TYPES = ['score', 'yes_no', 'choice', 'text'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const QUESTION_TYPE_LABELS: Record<QuestionType, Label> = {
  score: { zh: '评分（1–5）', en: 'Score (1–5)' },
  yes_no: { zh: '是/否', en: 'Yes / no' },
  choice: { zh: '单选', en: 'Choice' },
  text: { zh: '文字', en: 'Text' },
};
/** Scores are 1–5: 5 特别满意, 4 满意, 3 一般, 2 不满意, 1 很不满意. */
export const SCORE_LABELS: Record<number, Label> = {
  5: { zh: '特别满意', en: 'Delighted' },
  4: { zh: '满意', en: 'Satisfied' },
  3: { zh: '一般', en: 'Average' },
  2: { zh: '不满意', en: 'Dissatisfied' },
  1: { zh: '很不满意', en: 'Very dissatisfied' },
};
export const DELIGHTED_SCORE = 5;
/** 一般以下 counts 一般 itself (以下 includes the stated level, as in Chinese statistics). */
export const DISAPPOINTED_MAX_SCORE = 3;

const QuestionCodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[a-z0-9_]+$/, { error: 'care.questionCode' });

export const QuestionSchema = z
  .object({
    code: QuestionCodeSchema,
    text: z.string().trim().min(1).max(200),
    type: z.enum(QUESTION_TYPES),
    options: z.array(z.string().trim().min(1).max(50)).max(10).default([]),
    required: z.boolean().default(false),
  })
  .refine((q) => q.type !== 'choice' || q.options.length >= 2, { error: 'care.choiceOptions', path: ['options'] });
export type Question = z.infer<typeof QuestionSchema>;

/** The overall-satisfaction question: statistics read delighted / disappointed from it. */
export const OVERALL_QUESTION_CODE = 'overall';

/** 内部回访 (SPEC §10): the default set every store starts with. */
export const DEFAULT_CALLBACK_QUESTIONS: Question[] = [
  { code: 'overall', text: '您对本次服务的总体满意度', type: 'score', options: [], required: true },
  { code: 'greeting', text: '到店时是否得到及时、热情的接待', type: 'score', options: [], required: false },
  { code: 'on_time_price', text: '是否按约定的时间和价格完成维修', type: 'score', options: [], required: false },
  { code: 'explained_before', text: '维修前是否向您说明了项目、价格和时间', type: 'yes_no', options: [], required: false },
  { code: 'lounge', text: '休息区是否舒适', type: 'score', options: [], required: false },
  { code: 'washed', text: '交车时车辆是否已清洗干净', type: 'yes_no', options: [], required: false },
  { code: 'explained_at_car', text: '交车时是否在车旁讲解维修内容和结算清单', type: 'yes_no', options: [], required: false },
  { code: 'come_back', text: '是否愿意再次光临或向朋友推荐', type: 'choice', options: ['愿意', '不确定', '不愿意'], required: false },
  { code: 'suggestion', text: '您对我们还有什么意见或建议', type: 'text', options: [], required: false },
];

const uniqueCodes = (qs: Question[]) => new Set(qs.map((q) => q.code)).size === qs.length;

export const QuestionnaireInputSchema = z
  .object({
    name: z.string().trim().min(1).max(60),
    active: z.boolean().default(true),
    isDefault: z.boolean().default(false),
    questions: z.array(QuestionSchema).min(1).max(30),
  })
  .refine((v) => uniqueCodes(v.questions), { error: 'list.duplicate', path: ['questions'] });
export type QuestionnaireInput = z.infer<typeof QuestionnaireInputSchema>;
export const QuestionnaireUpdateSchema = QuestionnaireInputSchema.and(z.object({ version: z.number().int().min(1) }));
export type QuestionnaireUpdate = z.infer<typeof QuestionnaireUpdateSchema>;

export const QuestionnaireSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  active: z.boolean(),
  isDefault: z.boolean(),
  questions: z.array(QuestionSchema),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type Questionnaire = z.infer<typeof QuestionnaireSchema>;

export const AnswerInputSchema = z.object({
  code: QuestionCodeSchema,
  score: z.number().int().min(1).max(5).nullish(),
  yes: z.boolean().nullish(),
  choice: z.string().trim().max(50).nullish(),
  text: z.string().trim().max(1000).nullish(),
});
export type AnswerInput = z.infer<typeof AnswerInputSchema>;

/** Checks answers against the questionnaire: the service and the call form use the same rules. */
export function answerProblems(questions: Question[], answers: AnswerInput[]): { index: number | null; code: string; key: string }[] {
  const problems: { index: number | null; code: string; key: string }[] = [];
  const byCode = new Map(questions.map((q) => [q.code, q]));
  const seen = new Set<string>();
  answers.forEach((a, index) => {
    const q = byCode.get(a.code);
    if (!q) return problems.push({ index, code: a.code, key: 'care.unknownQuestion' });
    if (seen.has(a.code)) return problems.push({ index, code: a.code, key: 'list.duplicate' });
    seen.add(a.code);
    const ok =
      (q.type === 'score' && a.score != null) ||
      (q.type === 'yes_no' && a.yes != null) ||
      (q.type === 'choice' && a.choice != null && q.options.includes(a.choice)) ||
      (q.type === 'text' && a.text != null);
    if (!ok) problems.push({ index, code: a.code, key: 'care.answerType' });
    return undefined;
  });
  for (const q of questions) if (q.required && !seen.has(q.code)) problems.push({ index: null, code: q.code, key: 'care.answerRequired' });
  return problems;
}

// ---------------------------------------------------------------------------------------------
// Requests

export const CallInputSchema = z
  .object({
    outcome: z.enum(CALL_OUTCOMES),
    questionnaireId: IdSchema.nullish(),
    answers: z.array(AnswerInputSchema).max(30).default([]),
    /** The customer's requests or remarks, word for word. */
    note: z.string().trim().max(2000).default(''),
    nextStep: z.string().trim().max(500).default(''),
    /** Try again later: the task stays open with this new window start. */
    rescheduleTo: z.iso.datetime({ offset: true }).nullish(),
    /** After an unreachable outcome: give up on this task (it counts as unreachable). */
    giveUp: z.boolean().default(false),
    complaint: z
      .object({
        category: z.enum(COMPLAINT_CATEGORIES),
        severity: z.enum(COMPLAINT_SEVERITIES).default('major'),
        description: z.string().trim().min(1).max(2000),
      })
      .nullish(),
    /** A request the call could not solve: becomes a supervisor task due within the store's limit. */
    supervisorRequest: z.string().trim().min(1).max(1000).nullish(),
    /** The agent saw the outside-calling-hours warning and calls anyway. */
    confirmOutsideHours: z.boolean().default(false),
    /** Recall tasks only, on a reached call: why the customer stayed away (or `booked`). */
    lossReason: z.enum(LOSS_REASONS).nullish(),
    /** Where the customer goes now (the other dealer's name), with `serviced_elsewhere` or `other`. */
    lossDestination: z.string().trim().max(LOSS_DESTINATION_MAX).nullish(),
  })
  .refine((v) => v.outcome === 'reached' || v.answers.length === 0, { error: 'care.answersNeedReached', path: ['answers'] })
  .refine((v) => v.outcome === 'reached' || (!v.complaint && !v.supervisorRequest), { error: 'care.answersNeedReached', path: ['complaint'] })
  .refine((v) => v.outcome === 'reached' || !v.lossReason, { error: 'care.lossReasonNeedsReached', path: ['lossReason'] })
  .refine((v) => !v.lossDestination || (v.lossReason != null && LOSS_REASONS_WITH_DESTINATION.includes(v.lossReason)), { error: 'care.lossDestination', path: ['lossDestination'] })
  .refine((v) => !(v.giveUp && v.rescheduleTo), { error: 'care.giveUpOrReschedule', path: ['rescheduleTo'] });
export type CallInput = z.infer<typeof CallInputSchema>;

export const RescheduleSchema = z.object({ to: z.iso.datetime({ offset: true }), reason: z.string().trim().max(200).default('') });
export type Reschedule = z.infer<typeof RescheduleSchema>;

export const CARE_QUEUE_TABS = ['today', 'overdue', 'upcoming'] as const;
export type CareQueueTab = (typeof CARE_QUEUE_TABS)[number];

export const CareQueueQuerySchema = listQuerySchema(['dueAt', 'availableAt']).extend({
  tab: z.enum(CARE_QUEUE_TABS).default('today'),
  queue: z.enum(CARE_QUEUES).default('customer_service'),
  kind: z.enum(CARE_TASK_KINDS).optional(),
});
export type CareQueueQuery = z.infer<typeof CareQueueQuerySchema>;

export const CareTaskListQuerySchema = listQuerySchema(['dueAt', 'closedAt']).extend({
  status: z.enum(CARE_TASK_STATUSES).optional(),
  kind: z.enum(CARE_TASK_KINDS).optional(),
  vehicleId: IdSchema.optional(),
  roId: IdSchema.optional(),
});
export type CareTaskListQuery = z.infer<typeof CareTaskListQuerySchema>;

export const CarePeriodQuerySchema = z
  .object({ from: LocalDateSchema, to: LocalDateSchema })
  .refine((q) => q.from <= q.to, { error: 'date.order', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 400 * 86_400_000, { error: 'complaint.periodTooLong', path: ['to'] });
export type CarePeriodQuery = z.infer<typeof CarePeriodQuerySchema>;

export const CallRegisterQuerySchema = listQuerySchema(['calledAt']).extend({ from: LocalDateSchema, to: LocalDateSchema, outcome: z.enum(CALL_OUTCOMES).optional() });
export type CallRegisterQuery = z.infer<typeof CallRegisterQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Responses

export const CareTaskSchema = z.object({
  id: z.number().int(),
  kind: z.enum(CARE_TASK_KINDS),
  queue: z.enum(CARE_QUEUES),
  status: z.enum(CARE_TASK_STATUSES),
  availableAt: z.string(),
  dueAt: z.string(),
  vehicleId: z.number().int().nullable(),
  customerId: z.number().int().nullable(),
  roId: z.number().int().nullable(),
  roNumber: z.string().nullable(),
  plate: z.string().nullable(),
  customerName: z.string(),
  /** Masked unless the role may see full numbers. */
  phone: z.string().nullable(),
  advisorName: z.string(),
  subject: z.string(),
  attempts: z.number().int(),
  lastOutcome: z.enum(CALL_OUTCOMES).nullable(),
  lastCallAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  version: z.number().int(),
});
export type CareTask = z.infer<typeof CareTaskSchema>;

export const CareQueueCountsSchema = z.object({ today: z.number().int(), overdue: z.number().int(), upcoming: z.number().int() });
export type CareQueueCounts = z.infer<typeof CareQueueCountsSchema>;

export const CallSchema = z.object({
  id: z.number().int(),
  taskId: z.number().int().nullable(),
  taskKind: z.enum(CARE_TASK_KINDS).nullable(),
  calledAt: z.string(),
  outcome: z.enum(CALL_OUTCOMES),
  agentName: z.string(),
  customerName: z.string(),
  phone: z.string().nullable(),
  plate: z.string().nullable(),
  roNumber: z.string().nullable(),
  note: z.string(),
  nextStep: z.string(),
  overallScore: z.number().int().nullable(),
  complaintId: z.number().int().nullable(),
  complaintNumber: z.string().nullable(),
  supervisorTaskId: z.number().int().nullable(),
  outsideCallingHours: z.boolean(),
  /** Recall calls: why the customer stayed away, and where they go now. */
  lossReason: z.enum(LOSS_REASONS).nullable(),
  lossDestination: z.string().nullable(),
  answers: z.array(AnswerInputSchema),
});
export type Call = z.infer<typeof CallSchema>;

export const CallWorkspaceSchema = z.object({
  task: CareTaskSchema,
  script: z.string(),
  customer: z
    .object({ id: z.number().int(), name: z.string(), phone: z.string().nullable(), consentPhone: z.boolean().nullable(), tags: z.array(z.string()) })
    .nullable(),
  vehicle: z.object({ id: z.number().int(), plate: z.string().nullable(), vin: z.string().nullable(), modelName: z.string(), mileageKm: z.number().int().nullable() }).nullable(),
  lastVisit: z
    .object({ roId: z.number().int(), roNumber: z.string(), type: z.string(), deliveredAt: z.string().nullable(), advisorName: z.string(), totalFen: z.number().int(), concerns: z.array(z.string()) })
    .nullable(),
  questionnaire: QuestionnaireSchema.nullable(),
  calls: z.array(CallSchema),
  canCall: z.boolean(),
  /** Why a call is refused (no phone consent, no number) or warned about (outside calling hours). */
  blockedReason: z.string().nullable(),
  outsideCallingHours: z.boolean(),
  callingHours: z.object({ opens: z.string(), closes: z.string() }),
});
export type CallWorkspace = z.infer<typeof CallWorkspaceSchema>;

export const CallResultSchema = z.object({
  call: CallSchema,
  task: CareTaskSchema,
  complaint: z.object({ id: z.number().int(), number: z.string() }).nullable(),
  supervisorTaskId: z.number().int().nullable(),
});
export type CallResult = z.infer<typeof CallResultSchema>;

export const ScanResultSchema = z.object({ created: z.record(z.string(), z.number().int()), ms: z.number() });
export type ScanResult = z.infer<typeof ScanResultSchema>;

/** 生成招揽回访任务: one recall task per lost vehicle of a closed cohort month (SPEC §11). */
export const RecallTasksResultSchema = z.object({
  month: z.string(),
  /** Lost vehicles of the cohort not back since (the candidates). */
  lost: z.number().int(),
  /** New recall tasks. */
  created: z.number().int(),
  /** Candidates that already had their recall task (an earlier click): created once only. */
  existing: z.number().int(),
  /** Candidates without phone consent or a mobile number: no task, as no call may be made. */
  noConsent: z.number().int(),
});
export type RecallTasksResult = z.infer<typeof RecallTasksResultSchema>;

// ---------------------------------------------------------------------------------------------
// Statistics (SPEC §10)

/** What the database counts; `callbackRates` turns it into the SPEC's rates. */
export interface CallbackCounts {
  /** Satisfaction callbacks (tasks) with at least one call in the period. */
  made: number;
  /** …of which the customer was reached and gave the overall score. */
  valid: number;
  /** …of which the overall score was 特别满意 (5). */
  delighted: number;
  /** …of which the overall score was 一般 or below (≤ 3). */
  disappointed: number;
  /** …whose calls in the period never reached the customer. */
  unreachable: number;
}

export function callbackRates(c: CallbackCounts) {
  // SPEC §10: valid rate, delighted and disappointed shares are each over ALL callbacks made.
  const share = (n: number) => (c.made === 0 ? null : n / c.made);
  return { validRate: share(c.valid), delightedShare: share(c.delighted), disappointedShare: share(c.disappointed) };
}

const rate = z.number().nullable();
export const CallbackTotalsSchema = z.object({
  made: z.number().int(),
  valid: z.number().int(),
  delighted: z.number().int(),
  disappointed: z.number().int(),
  unreachable: z.number().int(),
  validRate: rate,
  delightedShare: rate,
  disappointedShare: rate,
});
export const QuestionAverageSchema = z.object({
  code: z.string(),
  text: z.string(),
  type: z.enum(QUESTION_TYPES),
  answers: z.number().int(),
  /** Score questions: mean score; yes/no: share of yes (0–1); choice/text: null. */
  average: z.number().nullable(),
});
export const AdvisorCallbackRowSchema = z.object({
  advisorId: z.number().int().nullable(),
  advisorName: z.string(),
  rosDelivered: z.number().int(),
  made: z.number().int(),
  valid: z.number().int(),
  averageScore: z.number().nullable(),
  delightedShare: rate,
  disappointedShare: rate,
  complaints: z.number().int(),
});
export const CallbackStatsSchema = z.object({
  from: z.string(),
  to: z.string(),
  totals: CallbackTotalsSchema,
  questions: z.array(QuestionAverageSchema),
  advisors: z.array(AdvisorCallbackRowSchema),
});
export type CallbackStats = z.infer<typeof CallbackStatsSchema>;
export type AdvisorCallbackRow = z.infer<typeof AdvisorCallbackRowSchema>;
