import type { StoreSettings } from '#contracts/settings';
import type { Text } from '../../lib/i18n';

/**
 * The store settings form, grouped by the SPEC section each default comes from. `FIELDS` is typed
 * over every key of StoreSettings: a setting added to the contract does not compile until it has a
 * label, a unit and a section here.
 */
export type SectionKey = 'files' | 'appointments' | 'reception' | 'settlement' | 'followUp' | 'satisfaction' | 'retention' | 'renewal' | 'parts' | 'warranty';

export const SECTIONS: { key: SectionKey; spec: string; title: Text }[] = [
  { key: 'files', spec: '§3', title: { zh: '客户档案', en: 'Customer files' } },
  { key: 'appointments', spec: '§4', title: { zh: '预约', en: 'Appointments' } },
  { key: 'reception', spec: '§5', title: { zh: '接车与委托书', en: 'Reception and repair orders' } },
  { key: 'settlement', spec: '§7', title: { zh: '结算与交车', en: 'Settlement and delivery' } },
  { key: 'followUp', spec: '§8', title: { zh: '跟踪服务（回访）', en: 'Follow-up calls' } },
  { key: 'satisfaction', spec: '§10', title: { zh: '满意度', en: 'Satisfaction' } },
  { key: 'retention', spec: '§11', title: { zh: '基盘与流失客户', en: 'Base and lost customers' } },
  { key: 'renewal', spec: '§12', title: { zh: '续保', en: 'Insurance renewal' } },
  { key: 'parts', spec: '§13', title: { zh: '配件', en: 'Parts' } },
  { key: 'warranty', spec: '§14', title: { zh: '三包索赔', en: 'Warranty' } },
];

export type FieldDef = { section: SectionKey; label: Text; hint?: Text } & (
  | { kind: 'number'; unit: Text; min: number; max: number; step?: number; precision?: number }
  | { kind: 'switch' }
  | { kind: 'timeRange'; keys: [string, string] }
  | { kind: 'discounts' }
);

const DAYS: Text = { zh: '天', en: 'days' };
const HOURS: Text = { zh: '小时', en: 'hours' };
const MONTHS: Text = { zh: '个月', en: 'months' };
const PERCENT: Text = { zh: '%', en: '%' };

export const FIELDS: { [K in keyof StoreSettings]: FieldDef } = {
  fileUpdateMaxDays: {
    section: 'files',
    kind: 'number',
    label: { zh: '档案建立/更新最迟', en: 'File created/updated within' },
    hint: { zh: '到店当天建档，最迟不超过该天数', en: 'Days after the visit at the latest' },
    unit: DAYS,
    min: 0,
    max: 30,
  },
  appointmentReminderHoursBefore: {
    section: 'appointments',
    kind: 'number',
    label: { zh: '预约提醒提前', en: 'Appointment reminder' },
    hint: { zh: '在预约时间前多久提醒客户', en: 'How long before the appointment the customer is reminded' },
    unit: HOURS,
    min: 1,
    max: 72,
  },
  appointmentSlotMinutes: {
    section: 'appointments',
    kind: 'number',
    label: { zh: '预约时段长度', en: 'Appointment slot length' },
    unit: { zh: '分钟', en: 'minutes' },
    min: 15,
    max: 240,
    step: 15,
  },
  progressCheckPercent: {
    section: 'reception',
    kind: 'number',
    label: { zh: '进度查询时点', en: 'Progress check at' },
    hint: { zh: '预计工时过去该比例时，服务顾问向车间确认进度', en: 'Share of the estimated time after which the advisor checks progress' },
    unit: PERCENT,
    min: 10,
    max: 100,
    step: 5,
  },
  pickupNoticeShortJobHours: {
    section: 'settlement',
    kind: 'number',
    label: { zh: '提车通知提前（短时维修）', en: 'Pick-up notice (short jobs)' },
    unit: HOURS,
    min: 0,
    max: 24,
    step: 0.5,
    precision: 1,
  },
  pickupNoticeLongJobHours: {
    section: 'settlement',
    kind: 'number',
    label: { zh: '提车通知提前（长时维修）', en: 'Pick-up notice (long jobs)' },
    unit: HOURS,
    min: 0,
    max: 48,
    step: 0.5,
    precision: 1,
  },
  longJobThresholdDays: {
    section: 'settlement',
    kind: 'number',
    label: { zh: '长时维修判定（在厂）', en: 'Long job from' },
    hint: { zh: '在厂达到该天数即按长时维修通知', en: 'Days in the workshop from which a job counts as long' },
    unit: DAYS,
    min: 1,
    max: 30,
  },
  maintenanceSettleWithinDays: {
    section: 'settlement',
    kind: 'number',
    label: { zh: '保养工单结算时限', en: 'Settle maintenance ROs within' },
    hint: { zh: '完工后多少天内必须结算', en: 'Days after completion' },
    unit: DAYS,
    min: 1,
    max: 31,
  },
  insuranceSettleWithinMonth: {
    section: 'settlement',
    kind: 'switch',
    label: { zh: '保险工单当月结算', en: 'Settle insurance ROs within the month' },
  },
  discountLimitPercent: {
    section: 'settlement',
    kind: 'discounts',
    label: { zh: '折扣权限（占工时费的比例）', en: 'Discount limits (share of labour)' },
    hint: {
      zh: '留空表示该岗位不能打折；超出权限的折扣需要审批并记录原因',
      en: 'Empty: the role may not discount. Discounts beyond the limit need an approval with a reason',
    },
  },
  satisfactionCallHoursAfterDelivery: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '满意度回访（交车后）', en: 'Satisfaction call after delivery' },
    unit: HOURS,
    min: 1,
    max: 240,
  },
  followUp1FromDay: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '首次跟踪回访：交车后第几天起', en: 'First follow-up from day' },
    unit: DAYS,
    min: 1,
    max: 30,
  },
  followUp1ToDay: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '首次跟踪回访：至第几天', en: 'First follow-up until day' },
    unit: DAYS,
    min: 1,
    max: 60,
  },
  followUp2WindowDays: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '二次跟踪回访窗口', en: 'Second follow-up window' },
    hint: { zh: '首次回访之后的天数内完成', en: 'Days after the first follow-up' },
    unit: DAYS,
    min: 1,
    max: 60,
  },
  unsolvedRequestEscalationDays: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '未解决诉求上报主管时限', en: 'Escalate unsolved requests within' },
    unit: DAYS,
    min: 1,
    max: 14,
  },
  campaignPhoneDaysBefore: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '活动电话邀约（活动前）', en: 'Campaign phone invitation before' },
    unit: DAYS,
    min: 1,
    max: 60,
  },
  campaignLetterDaysAfter: {
    section: 'followUp',
    kind: 'number',
    label: { zh: '活动信函/短信（邀约后）', en: 'Campaign letter/SMS after' },
    unit: DAYS,
    min: 0,
    max: 14,
  },
  callingHours: {
    section: 'followUp',
    kind: 'timeRange',
    keys: ['opens', 'closes'],
    label: { zh: '允许致电时段', en: 'Calling hours' },
  },
  quietHours: {
    section: 'followUp',
    kind: 'timeRange',
    keys: ['from', 'to'],
    label: { zh: '免打扰时段', en: 'Quiet hours' },
    hint: { zh: '该时段内不发送短信和微信通知', en: 'No messages are sent in these hours' },
  },
  mysteryShopperTarget: {
    section: 'satisfaction',
    kind: 'number',
    label: { zh: '神秘访客/电话调查目标', en: 'Mystery shopper target' },
    unit: { zh: '分（满分 1000）', en: 'of 1,000' },
    min: 0,
    max: 1000,
    step: 10,
  },
  baseCustomerMonths: {
    section: 'retention',
    kind: 'number',
    label: { zh: '基盘客户：最近到店', en: 'Base customer: visited within' },
    unit: MONTHS,
    min: 1,
    max: 36,
  },
  lostCustomerMonths: {
    section: 'retention',
    kind: 'number',
    label: { zh: '流失客户：未回厂超过', en: 'Lost customer: no return within' },
    unit: MONTHS,
    min: 1,
    max: 36,
  },
  renewalCallsPerDay: {
    section: 'renewal',
    kind: 'number',
    label: { zh: '续保专员每日电话量', en: 'Renewal calls per specialist per day' },
    unit: { zh: '通', en: 'calls' },
    min: 1,
    max: 200,
  },
  renewalPipelineDays: {
    section: 'renewal',
    kind: 'number',
    label: { zh: '续保跟进（保险到期前）', en: 'Renewal pipeline before expiry' },
    unit: DAYS,
    min: 1,
    max: 180,
  },
  safetyStockFactor: {
    section: 'parts',
    kind: 'number',
    label: { zh: '安全库存系数', en: 'Safety stock factor' },
    hint: { zh: '安全库存 = 系数 × 月均出库量', en: 'Safety stock = factor × average monthly outbound' },
    unit: { zh: '倍', en: '×' },
    min: 0,
    max: 10,
    step: 0.1,
    precision: 1,
  },
  slowMovingMonths: {
    section: 'parts',
    kind: 'number',
    label: { zh: '呆滞判定：无出库超过', en: 'Slow-moving: no outbound for' },
    unit: MONTHS,
    min: 1,
    max: 36,
  },
  fillRateTargetPercent: {
    section: 'parts',
    kind: 'number',
    label: { zh: '满足率目标（≥）', en: 'Fill rate target (≥)' },
    unit: PERCENT,
    min: 0,
    max: 100,
    step: 0.1,
    precision: 1,
  },
  slowMovingTargetPercent: {
    section: 'parts',
    kind: 'number',
    label: { zh: '呆滞占比目标（≤）', en: 'Slow-moving share target (≤)' },
    unit: PERCENT,
    min: 0,
    max: 100,
    step: 0.1,
    precision: 1,
  },
  stocktakeVarianceTargetPercent: {
    section: 'parts',
    kind: 'number',
    label: { zh: '盘点差异率目标（≤）', en: 'Stocktake variance target (≤)' },
    unit: PERCENT,
    min: 0,
    max: 100,
    step: 0.1,
    precision: 2,
  },
  claimApprovalTargetPercent: {
    section: 'warranty',
    kind: 'number',
    label: { zh: '一次赔付率目标（≥）', en: 'One-time claim approval target (≥)' },
    unit: PERCENT,
    min: 0,
    max: 100,
    step: 0.1,
    precision: 1,
  },
  firstServiceReturnTargetPercent: {
    section: 'warranty',
    kind: 'number',
    label: { zh: '首保回厂率目标（≥）', en: 'First-service return target (≥)' },
    unit: PERCENT,
    min: 0,
    max: 100,
    step: 0.1,
    precision: 1,
  },
};

export const FIELD_KEYS = Object.keys(FIELDS) as (keyof StoreSettings)[];
