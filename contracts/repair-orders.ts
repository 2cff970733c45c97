import { z } from 'zod';
import { FenSchema, IdSchema, listQuerySchema, LocalDateSchema } from './common';
import type { MessageKey } from './messages';
import { QtySchema } from './parts';
export { VersionBodySchema } from './parts-purchasing';
import { HoursSchema } from './service-items';
import { JOB_TYPES } from './stores';

/**
 * The repair order (RO, 委托书 / 进厂维修单, SPEC §5): its types, payers, pricing methods, the state
 * machine every transition goes through, and the request/response shapes of reception, lines,
 * additional work, discounts, settlement and delivery. Money is integer fen; totals come from
 * `./repair-order-pricing.ts`, the one place with a rounding rule.
 */

type Label = { zh: string; en: string };

// ---------------------------------------------------------------------------------------------
// Types, payers, pricing methods

export const RO_TYPES = [
  'periodic_maintenance',
  'first_service',
  'general_repair',
  'body_paint',
  'warranty',
  'pds',
  'internal',
  'recall',
  'quick_service',
] as const;
export type RoType = (typeof RO_TYPES)[number];
export const RO_TYPE_LABELS: Record<RoType, Label> = {
  periodic_maintenance: { zh: '定期保养', en: 'Periodic maintenance' },
  first_service: { zh: '首保/二保', en: 'First free service' },
  general_repair: { zh: '一般维修', en: 'General repair' },
  body_paint: { zh: '钣金喷漆', en: 'Body and paint' },
  warranty: { zh: '保修/索赔', en: 'Warranty' },
  pds: { zh: '新车PDS', en: 'PDS pre-delivery' },
  internal: { zh: '内部车', en: 'Internal' },
  recall: { zh: '召回', en: 'Recall' },
  quick_service: { zh: '快修快保', en: 'Quick service' },
};
/** Types whose settlement is due within the month rather than within days of completion (SPEC §19). */
export const MONTH_SETTLED_RO_TYPES: readonly RoType[] = ['body_paint'];

export const PAYERS = ['customer', 'warranty', 'insurance', 'internal'] as const;
export type Payer = (typeof PAYERS)[number];
export const PAYER_LABELS: Record<Payer, Label> = {
  customer: { zh: '客户付费', en: 'Customer' },
  warranty: { zh: '厂家索赔', en: 'Warranty' },
  insurance: { zh: '保险公司', en: 'Insurance' },
  internal: { zh: '内部', en: 'Internal' },
};

export const PRICING_METHODS = ['by_item', 'by_system', 'by_symptom'] as const;
export type PricingMethod = (typeof PRICING_METHODS)[number];
export const PRICING_METHOD_LABELS: Record<PricingMethod, Label> = {
  by_item: { zh: '项目定价', en: 'By item' },
  by_system: { zh: '系统估价', en: 'By system' },
  by_symptom: { zh: '现象估价', en: 'By symptom' },
};
/** What the advisor must tell the customer for each pricing method (SPEC §5). */
export const PRICING_METHOD_WARNINGS: Record<PricingMethod, Label> = {
  by_item: {
    zh: '按项目定价只对所列项目负责，不保证故障现象一定排除，请向客户说明。',
    en: 'Pricing by item covers the listed items only and does not guarantee the symptom is cured: tell the customer.',
  },
  by_system: {
    zh: '系统估价包含受影响系统的全部工作，请确认检查范围。',
    en: 'Pricing by system covers all work on the affected system: confirm the scope of the check.',
  },
  by_symptom: {
    zh: '现象估价为排除故障的固定价格，风险较高，应预留余量。',
    en: 'Pricing by symptom is a fixed price to remove the symptom: riskier, keep a margin.',
  },
};

export const FUEL_LEVELS = ['empty', 'quarter', 'half', 'three_quarters', 'full'] as const;
export type FuelLevel = (typeof FUEL_LEVELS)[number];
export const FUEL_LEVEL_LABELS: Record<FuelLevel, Label> = {
  empty: { zh: '空', en: 'Empty' },
  quarter: { zh: '1/4', en: '1/4' },
  half: { zh: '1/2', en: '1/2' },
  three_quarters: { zh: '3/4', en: '3/4' },
  full: { zh: '满', en: 'Full' },
};

export const DAMAGE_KINDS = ['scratch', 'dent', 'crack', 'paint', 'other'] as const;
export type DamageKind = (typeof DAMAGE_KINDS)[number];
export const DAMAGE_KIND_LABELS: Record<DamageKind, Label> = {
  scratch: { zh: '划痕', en: 'Scratch' },
  dent: { zh: '凹陷', en: 'Dent' },
  crack: { zh: '裂纹', en: 'Crack' },
  paint: { zh: '掉漆', en: 'Paint damage' },
  other: { zh: '其他', en: 'Other' },
};

export const WARNING_LIGHTS = ['engine', 'oil', 'battery', 'brake', 'abs', 'airbag', 'tyre_pressure', 'coolant', 'other'] as const;
export type WarningLight = (typeof WARNING_LIGHTS)[number];
export const WARNING_LIGHT_LABELS: Record<WarningLight, Label> = {
  engine: { zh: '发动机故障灯', en: 'Engine' },
  oil: { zh: '机油压力灯', en: 'Oil pressure' },
  battery: { zh: '蓄电池灯', en: 'Battery' },
  brake: { zh: '制动系统灯', en: 'Brake' },
  abs: { zh: 'ABS 灯', en: 'ABS' },
  airbag: { zh: '安全气囊灯', en: 'Airbag' },
  tyre_pressure: { zh: '胎压报警灯', en: 'Tyre pressure' },
  coolant: { zh: '水温报警灯', en: 'Coolant' },
  other: { zh: '其他', en: 'Other' },
};

/** The belongings list (随车物品清单) offers these; anything else is typed. */
export const COMMON_BELONGINGS = ['备胎', '随车工具', '三角警示牌', '灭火器', '行驶证', '钥匙', '贵重物品'] as const;

// ---------------------------------------------------------------------------------------------
// The state machine (SPEC §5)

export const RO_STATES = [
  'draft',
  'open',
  'dispatched',
  'in_progress',
  'paused',
  'qc',
  'rework',
  'washing',
  'ready',
  'settled',
  'delivered',
  'cancelled',
] as const;
export type RoState = (typeof RO_STATES)[number];
export const RO_STATE_LABELS: Record<RoState, Label> = {
  draft: { zh: '草稿', en: 'Draft' },
  open: { zh: '已签字', en: 'Signed' },
  dispatched: { zh: '已派工', en: 'Dispatched' },
  in_progress: { zh: '维修中', en: 'In progress' },
  paused: { zh: '暂停', en: 'Paused' },
  qc: { zh: '质检中', en: 'In QC' },
  rework: { zh: '返工', en: 'Rework' },
  washing: { zh: '洗车', en: 'Washing' },
  ready: { zh: '待结算', en: 'Ready' },
  settled: { zh: '已结算', en: 'Settled' },
  delivered: { zh: '已出厂', en: 'Delivered' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
/** States in which the car is in the store and the RO is being worked on (the control board's). */
export const OPEN_RO_STATES: readonly RoState[] = ['draft', 'open', 'dispatched', 'in_progress', 'paused', 'qc', 'rework', 'washing', 'ready'];
/** States after which the RO's lines and totals are frozen. */
export const FROZEN_RO_STATES: readonly RoState[] = ['settled', 'delivered', 'cancelled'];

export const PAUSE_REASONS = ['waiting_parts', 'waiting_approval', 'waiting_qc', 'break', 'other'] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];
export const PAUSE_REASON_LABELS: Record<PauseReason, Label> = {
  waiting_parts: { zh: '等待配件', en: 'Waiting for parts' },
  waiting_approval: { zh: '等待客户确认', en: 'Waiting for customer approval' },
  waiting_qc: { zh: '等待质检', en: 'Waiting for QC' },
  break: { zh: '休息', en: 'Break' },
  other: { zh: '其他', en: 'Other' },
};

/**
 * Every legal transition, by action. `settle` and `reverse_settlement` happen only through the
 * settlement endpoints, `sign` through signing, `deliver` through delivery; the others through the
 * transitions endpoint. Anything not listed is refused with 409 and the current state.
 */
export const RO_TRANSITIONS = {
  sign: { from: ['draft'], to: 'open' },
  dispatch: { from: ['open'], to: 'dispatched' },
  start: { from: ['dispatched', 'rework'], to: 'in_progress' },
  pause: { from: ['in_progress'], to: 'paused' },
  resume: { from: ['paused'], to: 'in_progress' },
  submit_qc: { from: ['in_progress'], to: 'qc' },
  qc_fail: { from: ['qc'], to: 'rework' },
  qc_pass: { from: ['qc'], to: 'washing' },
  skip_wash: { from: ['qc'], to: 'ready' },
  washed: { from: ['washing'], to: 'ready' },
  /** The advisor's own check at delivery sends the car back: internal rework (SPEC §6). */
  return_to_workshop: { from: ['ready'], to: 'rework' },
  settle: { from: ['ready'], to: 'settled' },
  /** A reversal document undoes a settlement before the car has left. */
  reverse_settlement: { from: ['settled'], to: 'ready' },
  deliver: { from: ['settled'], to: 'delivered' },
  cancel: { from: ['draft', 'open', 'dispatched'], to: 'cancelled' },
} as const satisfies Record<string, { from: readonly RoState[]; to: RoState }>;
export type RoAction = keyof typeof RO_TRANSITIONS;
export const RO_ACTIONS = Object.keys(RO_TRANSITIONS) as RoAction[];
export const RO_ACTION_LABELS: Record<RoAction, Label> = {
  sign: { zh: '客户签字', en: 'Customer signs' },
  dispatch: { zh: '派工', en: 'Dispatch' },
  start: { zh: '开工', en: 'Start' },
  pause: { zh: '暂停', en: 'Pause' },
  resume: { zh: '继续', en: 'Resume' },
  submit_qc: { zh: '完工报检', en: 'Submit for QC' },
  qc_fail: { zh: '质检不合格', en: 'QC failed' },
  qc_pass: { zh: '质检合格', en: 'QC passed' },
  skip_wash: { zh: '质检合格（免洗车）', en: 'QC passed (no wash)' },
  washed: { zh: '洗车完成', en: 'Washed' },
  return_to_workshop: { zh: '交车检查退回', en: 'Sent back at delivery check' },
  settle: { zh: '结算', en: 'Settle' },
  reverse_settlement: { zh: '冲销结算', en: 'Reverse settlement' },
  deliver: { zh: '交车出厂', en: 'Deliver' },
  cancel: { zh: '取消', en: 'Cancel' },
};
/**
 * The workshop's actions go through POST /api/repair-orders/:id/transitions (permission
 * repair_order:workshop); the front desk's own moves have their own endpoints (sign, cancel,
 * return-to-workshop, settle, deliver: repair_order:write / settlement:*).
 */
export const WORKSHOP_RO_ACTIONS = ['dispatch', 'start', 'pause', 'resume', 'submit_qc', 'qc_fail', 'qc_pass', 'skip_wash', 'washed'] as const satisfies readonly RoAction[];
/** Actions that need a reason. */
export const REASON_REQUIRED_ACTIONS: readonly RoAction[] = ['pause', 'qc_fail', 'return_to_workshop', 'cancel', 'reverse_settlement'];

export function transitionTarget(from: RoState, action: RoAction): RoState | null {
  const t = RO_TRANSITIONS[action];
  return (t.from as readonly RoState[]).includes(from) ? t.to : null;
}

/** The actions possible from a state (the RO page offers these). */
export function actionsFrom(state: RoState): RoAction[] {
  return RO_ACTIONS.filter((a) => transitionTarget(state, a) !== null);
}

// ---------------------------------------------------------------------------------------------
// Lines

export const RO_LINE_KINDS = ['labour', 'part'] as const;
export type RoLineKind = (typeof RO_LINE_KINDS)[number];
export const RO_LINE_SOURCES = ['estimate', 'additional'] as const;
export type RoLineSource = (typeof RO_LINE_SOURCES)[number];

export const LabourLineInputSchema = z
  .object({
    kind: z.literal('labour'),
    /** From the catalog (its hours and job type fill in), or a free line with a description. */
    serviceItemId: IdSchema.nullable().default(null),
    description: z.string().trim().max(200).default(''),
    jobType: z.enum(JOB_TYPES).default('mechanical'),
    hours: HoursSchema.default('0'),
    /** A fixed price (现象估价 or a fixed-price item) replaces hours × rate. */
    fixedPriceFen: FenSchema.nullable().default(null),
    payer: z.enum(PAYERS).default('customer'),
  })
  .refine((v) => v.serviceItemId !== null || v.description !== '', { error: 'roLine.description' satisfies MessageKey, path: ['description'] });

export const PartLineInputSchema = z.object({
  kind: z.literal('part'),
  partId: IdSchema,
  quantity: QtySchema,
  /** Retail price per unit; default the catalog's retail price. */
  unitPriceFen: FenSchema.nullable().default(null),
  payer: z.enum(PAYERS).default('customer'),
  /** Ask the parts counter for it now (the usual case). */
  requestParts: z.boolean().default(true),
});

export const RoLineInputSchema = z.discriminatedUnion('kind', [LabourLineInputSchema, PartLineInputSchema]);
export type RoLineInput = z.infer<typeof RoLineInputSchema>;
export type LabourLineInput = z.infer<typeof LabourLineInputSchema>;
export type PartLineInput = z.infer<typeof PartLineInputSchema>;

export const RoLineSchema = z.object({
  id: z.number().int(),
  kind: z.enum(RO_LINE_KINDS),
  source: z.enum(RO_LINE_SOURCES),
  additionalWorkId: z.number().int().nullable(),
  serviceItemId: z.number().int().nullable(),
  partId: z.number().int().nullable(),
  /** Item or part name (with the part number for parts). */
  description: z.string(),
  jobType: z.enum(JOB_TYPES).nullable(),
  hours: z.string().nullable(),
  rateFen: z.number().int().nullable(),
  fixedPriceFen: z.number().int().nullable(),
  quantity: z.string().nullable(),
  unitPriceFen: z.number().int().nullable(),
  amountFen: z.number().int(),
  payer: z.enum(PAYERS),
});
export type RoLine = z.infer<typeof RoLineSchema>;

export const LineAddSchema = z.object({ line: RoLineInputSchema, version: z.number().int() });
export const LineUpdateSchema = z.object({ payer: z.enum(PAYERS), version: z.number().int() });

// ---------------------------------------------------------------------------------------------
// Reception and the RO header

export const DamageMarkSchema = z.object({
  /** Position on the car outline, 0–100 % of its width and height. */
  x: z.number().min(0).max(100),
  y: z.number().min(0).max(100),
  kind: z.enum(DAMAGE_KINDS),
  note: z.string().trim().max(100).default(''),
});
export type DamageMark = z.infer<typeof DamageMarkSchema>;

const PhoneTextSchema = z.string().trim().max(30);

export const RoHeaderSchema = z.object({
  type: z.enum(RO_TYPES),
  pricingMethod: z.enum(PRICING_METHODS).default('by_item'),
  /** The person who brings the car (送修人), recorded per visit. */
  broughtByName: z.string().trim().min(1).max(50),
  broughtByPhone: PhoneTextSchema.default(''),
  fuelLevel: z.enum(FUEL_LEVELS).default('half'),
  damageMarks: z.array(DamageMarkSchema).max(40).default([]),
  warningLights: z.array(z.enum(WARNING_LIGHTS)).max(WARNING_LIGHTS.length).default([]),
  belongings: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  /** Customer concerns, each one a line, word for word (客户描述). */
  concerns: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
  /** Promised delivery time (ISO); must be in the future when set. */
  promisedAt: z.iso.datetime({ offset: true }).nullable().default(null),
  advisorId: IdSchema.nullable().default(null),
  notes: z.string().trim().max(1000).default(''),
});

export const RoCreateSchema = RoHeaderSchema.extend({
  vehicleId: IdSchema,
  appointmentId: IdSchema.nullable().default(null),
  odometerKm: z.number().int().min(0).max(2_000_000),
  /** Required when the reading is below the vehicle's last one. */
  odometerReason: z.string().trim().max(200).default(''),
  /** Add the lines of this maintenance package (the suggested one, usually). */
  packageId: IdSchema.nullable().default(null),
  lines: z.array(RoLineInputSchema).max(60).default([]),
});
export type RoCreate = z.infer<typeof RoCreateSchema>;

export const RoUpdateSchema = RoHeaderSchema.extend({ version: z.number().int() });
export type RoUpdate = z.infer<typeof RoUpdateSchema>;

export const SignatureSchema = z
  .string()
  .max(400_000)
  .regex(/^data:image\/png;base64,[A-Za-z0-9+/=]+$/, { error: 'signature.invalid' satisfies MessageKey });

export const SignBodySchema = z.object({
  /** The customer's signature drawn on screen (PNG data URL); null when signed on paper. */
  signature: SignatureSchema.nullable().default(null),
  version: z.number().int(),
});

export const TransitionBodySchema = z.object({
  action: z.enum(WORKSHOP_RO_ACTIONS),
  reason: z.string().trim().max(300).default(''),
  pauseReason: z.enum(PAUSE_REASONS).nullable().default(null),
  version: z.number().int(),
});
export type TransitionBody = z.infer<typeof TransitionBodySchema>;

/** Cancelling an RO, or sending the car back to the workshop at the delivery check: with a reason. */
export const ReasonBodySchema = z.object({ reason: z.string().trim().min(1).max(300), version: z.number().int() });
export type ReasonBody = z.infer<typeof ReasonBodySchema>;

// ---------------------------------------------------------------------------------------------
// Additional work (追加项目, SPEC §5)

export const DECISIONS = ['pending', 'approved', 'declined'] as const;
export type Decision = (typeof DECISIONS)[number];
export const DECISION_LABELS: Record<Decision, Label> = {
  pending: { zh: '待客户确认', en: 'Awaiting customer' },
  approved: { zh: '客户同意', en: 'Approved' },
  declined: { zh: '客户拒绝', en: 'Declined' },
};
export const DECISION_CHANNELS = ['phone', 'in_person', 'wechat', 'sms'] as const;
export type DecisionChannel = (typeof DECISION_CHANNELS)[number];
export const DECISION_CHANNEL_LABELS: Record<DecisionChannel, Label> = {
  phone: { zh: '电话', en: 'Phone' },
  in_person: { zh: '当面', en: 'In person' },
  wechat: { zh: '微信', en: 'WeChat' },
  sms: { zh: '短信', en: 'SMS' },
};

export const AdditionalWorkCreateSchema = z.object({
  description: z.string().trim().min(1).max(500),
  /** A safety item is stressed to the customer and stays on the declined list until done. */
  safety: z.boolean().default(false),
  delayMinutes: z.number().int().min(0).max(60 * 24 * 30).default(0),
  lines: z.array(RoLineInputSchema).min(1).max(20),
  /** Photo data URLs taken on the tablet (JPEG/PNG). */
  photos: z.array(z.string().max(2_000_000).regex(/^data:image\/(png|jpeg);base64,/)).max(6).default([]),
});
export type AdditionalWorkCreate = z.infer<typeof AdditionalWorkCreateSchema>;

export const AdditionalWorkDecisionSchema = z.object({
  decision: z.enum(['approved', 'declined']),
  /** Who decided on the customer's side (name). */
  decidedBy: z.string().trim().min(1).max(50),
  channel: z.enum(DECISION_CHANNELS),
  note: z.string().trim().max(300).default(''),
  version: z.number().int(),
});
export type AdditionalWorkDecision = z.infer<typeof AdditionalWorkDecisionSchema>;

export const AdditionalWorkSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  roNumber: z.string(),
  plate: z.string().nullable(),
  description: z.string(),
  safety: z.boolean(),
  delayMinutes: z.number().int(),
  /** The proposed lines as raised (RoLineInput, already normalised). */
  lines: z.array(z.looseObject({ kind: z.enum(RO_LINE_KINDS), payer: z.enum(PAYERS) })),
  amountFen: z.number().int(),
  photos: z.array(z.string()),
  decision: z.enum(DECISIONS),
  decidedBy: z.string(),
  channel: z.enum(DECISION_CHANNELS).nullable(),
  note: z.string(),
  decidedAt: z.string().nullable(),
  recordedByName: z.string(),
  raisedByName: z.string(),
  raisedAt: z.string(),
  /** A declined item followed up later (or done on a later visit). */
  followedUpAt: z.string().nullable(),
  version: z.number().int(),
});
export type AdditionalWork = z.infer<typeof AdditionalWorkSchema>;

export const DeclinedWorkQuerySchema = listQuerySchema(['raisedAt', 'amountFen']).extend({
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  open: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type DeclinedWorkQuery = z.infer<typeof DeclinedWorkQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Totals, discounts, settlement, payments

export const PayerTotalsSchema = z.object({
  payer: z.enum(PAYERS),
  labourFen: z.number().int(),
  partsFen: z.number().int(),
  discountFen: z.number().int(),
  totalFen: z.number().int(),
});
export type PayerTotals = z.infer<typeof PayerTotalsSchema>;

export const RoTotalsSchema = z.object({
  labourFen: z.number().int(),
  partsFen: z.number().int(),
  discountFen: z.number().int(),
  totalFen: z.number().int(),
  /** One row per payer that has lines, in PAYERS order. */
  byPayer: z.array(PayerTotalsSchema),
});
export type RoTotals = z.infer<typeof RoTotalsSchema>;

/** A discount is given on the customer-paid labour and parts only. */
export const DiscountSchema = z.object({
  labourDiscountFen: FenSchema.default(0),
  partsDiscountFen: FenSchema.default(0),
});
export type Discount = z.infer<typeof DiscountSchema>;

export const DISCOUNT_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'used'] as const;
export type DiscountRequestStatus = (typeof DISCOUNT_REQUEST_STATUSES)[number];
export const DISCOUNT_REQUEST_STATUS_LABELS: Record<DiscountRequestStatus, Label> = {
  pending: { zh: '待审批', en: 'Pending' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  used: { zh: '已使用', en: 'Used' },
};

export const DiscountRequestCreateSchema = DiscountSchema.extend({
  reason: z.string().trim().min(2).max(300),
});
export type DiscountRequestCreate = z.infer<typeof DiscountRequestCreateSchema>;

export const DiscountRequestDecisionSchema = z.object({
  approve: z.boolean(),
  note: z.string().trim().max(300).default(''),
});

export const DiscountRequestSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  roNumber: z.string(),
  plate: z.string().nullable(),
  labourDiscountFen: z.number().int(),
  partsDiscountFen: z.number().int(),
  /** The discount as a share of the customer-paid labour, in basis points (1 % = 100). */
  percentOfLabourBp: z.number().int(),
  reason: z.string(),
  status: z.enum(DISCOUNT_REQUEST_STATUSES),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string(),
});
export type DiscountRequest = z.infer<typeof DiscountRequestSchema>;

export const DiscountRequestListQuerySchema = listQuerySchema(['requestedAt']).extend({
  status: z.enum(DISCOUNT_REQUEST_STATUSES).optional(),
});
export type DiscountRequestListQuery = z.infer<typeof DiscountRequestListQuerySchema>;

export const PAYMENT_METHODS = ['cash', 'card', 'wechat', 'alipay', 'transfer', 'prepaid_package', 'coupon', 'member_balance', 'on_account'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, Label> = {
  cash: { zh: '现金', en: 'Cash' },
  card: { zh: '银行卡', en: 'Card' },
  wechat: { zh: '微信支付', en: 'WeChat Pay' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  transfer: { zh: '转账', en: 'Bank transfer' },
  prepaid_package: { zh: '预付套餐', en: 'Prepaid package' },
  coupon: { zh: '优惠券', en: 'Coupon' },
  member_balance: { zh: '会员余额', en: 'Member balance' },
  on_account: { zh: '挂账', en: 'On account' },
};

export const PaymentInputSchema = z.object({
  payer: z.enum(PAYERS),
  method: z.enum(PAYMENT_METHODS),
  amountFen: FenSchema.refine((v) => v > 0, { error: 'payment.positive' satisfies MessageKey }),
  reference: z.string().trim().max(60).default(''),
});
export type PaymentInput = z.infer<typeof PaymentInputSchema>;

export const SettleBodySchema = DiscountSchema.extend({
  discountReason: z.string().trim().max(300).default(''),
  /** An approved discount request covering a discount beyond the settler's limit. */
  discountRequestId: IdSchema.nullable().default(null),
  /** Must add up, per payer, to that payer's total (warranty, insurance and internal usually on account). */
  payments: z.array(PaymentInputSchema).min(1).max(20),
  version: z.number().int(),
});
export type SettleBody = z.infer<typeof SettleBodySchema>;

export const PaymentSchema = PaymentInputSchema.extend({ id: z.number().int() });

export const SettlementSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  number: z.string(),
  totals: RoTotalsSchema,
  discountReason: z.string(),
  discountRequestId: z.number().int().nullable(),
  payments: z.array(PaymentSchema),
  settledByName: z.string(),
  settledAt: z.string(),
  /** 出厂通知单 number, printed at settlement. */
  gatePassNumber: z.string(),
  reversedAt: z.string().nullable(),
  reversedByName: z.string(),
  reversalReason: z.string(),
  reversalNumber: z.string().nullable(),
});
export type Settlement = z.infer<typeof SettlementSchema>;

export const ReverseBodySchema = z.object({ reason: z.string().trim().min(2).max(300) });

export const DeliverBodySchema = z.object({
  signature: SignatureSchema.nullable().default(null),
  version: z.number().int(),
});

// ---------------------------------------------------------------------------------------------
// The RO as the API shows it

export const RoTransitionSchema = z.object({
  action: z.enum(RO_ACTIONS as [RoAction, ...RoAction[]]),
  fromState: z.enum(RO_STATES),
  toState: z.enum(RO_STATES),
  reason: z.string(),
  byName: z.string(),
  at: z.string(),
});

export const RepairOrderSummarySchema = z.object({
  id: z.number().int(),
  number: z.string(),
  type: z.enum(RO_TYPES),
  state: z.enum(RO_STATES),
  vehicleId: z.number().int(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  modelName: z.string(),
  customerId: z.number().int().nullable(),
  customerName: z.string(),
  advisorId: z.number().int().nullable(),
  advisorName: z.string(),
  openedAt: z.string(),
  promisedAt: z.string().nullable(),
  /** Promised time passed and the car not settled/delivered. */
  late: z.boolean(),
  totalFen: z.number().int(),
  version: z.number().int(),
});
export type RepairOrderSummary = z.infer<typeof RepairOrderSummarySchema>;

export const RepairOrderSchema = RepairOrderSummarySchema.extend({
  pricingMethod: z.enum(PRICING_METHODS),
  appointmentId: z.number().int().nullable(),
  broughtByName: z.string(),
  broughtByPhone: z.string(),
  odometerKm: z.number().int(),
  fuelLevel: z.enum(FUEL_LEVELS),
  damageMarks: z.array(DamageMarkSchema),
  warningLights: z.array(z.enum(WARNING_LIGHTS)),
  belongings: z.array(z.string()),
  concerns: z.array(z.string()),
  notes: z.string(),
  estimatedHours: z.string(),
  signature: z.string().nullable(),
  signedAt: z.string().nullable(),
  deliverySignature: z.string().nullable(),
  pauseReason: z.enum(PAUSE_REASONS).nullable(),
  readyAt: z.string().nullable(),
  settledAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  cancelReason: z.string(),
  lines: z.array(RoLineSchema),
  totals: RoTotalsSchema,
  additionalWork: z.array(AdditionalWorkSchema),
  discountRequests: z.array(DiscountRequestSchema),
  settlement: SettlementSchema.nullable(),
  transitions: z.array(RoTransitionSchema),
  /** What may be done next from the current state. */
  actions: z.array(z.enum(RO_ACTIONS as [RoAction, ...RoAction[]])),
  /** Parts issued and not yet fitted or returned: settlement waits for these. */
  partsOutstanding: z.number().int(),
});
export type RepairOrder = z.infer<typeof RepairOrderSchema>;

export const RoListQuerySchema = listQuerySchema(['number', 'openedAt', 'promisedAt', 'state']).extend({
  state: z.enum(RO_STATES).optional(),
  /** open = any of OPEN_RO_STATES. */
  stage: z.enum(['open', 'closed']).optional(),
  type: z.enum(RO_TYPES).optional(),
  advisorId: z.coerce.number().int().positive().optional(),
  vehicleId: z.coerce.number().int().positive().optional(),
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  late: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type RoListQuery = z.infer<typeof RoListQuerySchema>;

// ---------------------------------------------------------------------------------------------
// Reception suggestion and the advisor's home

export const SuggestedLineSchema = z.object({
  serviceItemId: z.number().int(),
  description: z.string(),
  jobType: z.enum(JOB_TYPES),
  hours: z.string(),
  amountFen: z.number().int(),
});

export const ReceptionSuggestionSchema = z.object({
  vehicleId: z.number().int(),
  plate: z.string().nullable(),
  vin: z.string().nullable(),
  modelName: z.string(),
  ownerId: z.number().int().nullable(),
  ownerName: z.string(),
  /** The usual driver, the likely person bringing the car. */
  driverName: z.string(),
  driverPhone: z.string(),
  lastOdometerKm: z.number().int().nullable(),
  lastVisitAt: z.string().nullable(),
  nextDueKm: z.number().int().nullable(),
  nextDueDate: z.string().nullable(),
  suggestedType: z.enum(RO_TYPES),
  suggestedPackage: z
    .object({ id: z.number().int(), name: z.string(), mileageKm: z.number().int().nullable(), lines: z.array(SuggestedLineSchema), totalFen: z.number().int() })
    .nullable(),
  /** The vehicle already has an open RO: open it instead of a second one. */
  openRo: z.object({ id: z.number().int(), number: z.string(), state: z.enum(RO_STATES) }).nullable(),
  /** Today's appointment of this vehicle, to be marked arrived by the RO. */
  appointment: z.object({ id: z.number().int(), number: z.string(), startsAt: z.string(), requestedWork: z.string() }).nullable(),
  /** Declined work of earlier visits still to offer. */
  declinedWork: z.array(z.object({ id: z.number().int(), description: z.string(), amountFen: z.number().int(), raisedAt: z.string(), safety: z.boolean() })),
});
export type ReceptionSuggestion = z.infer<typeof ReceptionSuggestionSchema>;

export const AdvisorHomeSchema = z.object({
  today: LocalDateSchema,
  appointments: z.array(
    z.object({ id: z.number().int(), number: z.string(), startsAt: z.string(), plate: z.string().nullable(), customerName: z.string(), requestedWork: z.string(), status: z.string(), vehicleId: z.number().int() }),
  ),
  /** Appointments starting within the reminder window (settings: 24 h by default) not yet reminded (SPEC §4: remind the day before). */
  remindersDue: z.array(z.object({ id: z.number().int(), number: z.string(), startsAt: z.string(), plate: z.string().nullable(), customerName: z.string(), phone: z.string() })),
  openRos: z.array(RepairOrderSummarySchema),
  /** ROs past progressCheckPercent of their time to promise (SPEC §5 progress check). */
  progressChecks: z.array(RepairOrderSummarySchema),
  /** ROs whose pick-up notice is due now (1 h / 4 h before the promised time, SPEC §7). */
  pickupNotices: z.array(RepairOrderSummarySchema),
  pendingAdditionalWork: z.array(AdditionalWorkSchema),
  /** Ready ROs past their settlement deadline (SPEC §19). */
  settlementOverdue: z.array(RepairOrderSummarySchema),
  pendingDiscountApprovals: z.number().int(),
});
export type AdvisorHome = z.infer<typeof AdvisorHomeSchema>;

export const SettlementDueQuerySchema = listQuerySchema(['dueAt']).extend({
  overdue: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export const SettlementDueSchema = RepairOrderSummarySchema.extend({ readyAt: z.string().nullable(), settleBy: z.string(), overdue: z.boolean() });
export type SettlementDue = z.infer<typeof SettlementDueSchema>;
