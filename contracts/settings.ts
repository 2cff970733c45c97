import { z } from 'zod';
import { ROLES } from './roles';

/**
 * Every default of SPEC (§4–§19) that an administrator may change per store. Code reads these
 * through the store's settings, never as constants. Durations are in the unit their name says.
 */
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'time.hhmm' });

export const OpeningHoursSchema = z
  .object({ opens: hhmm, closes: hhmm })
  .refine((v) => v.opens < v.closes, { error: 'openingHours.order', path: ['closes'] });

const percent = z.number().min(0).max(100);

export const StoreSettingsSchema = z.object({
  // §3 customer files
  fileUpdateMaxDays: z.number().int().min(0).max(30).default(2),
  // §4 appointments
  appointmentReminderHoursBefore: z.number().int().min(1).max(72).default(24),
  appointmentSlotMinutes: z.number().int().min(15).max(240).default(60),
  /** An arrival later than this after the slot's start counts as late (迟到). */
  appointmentLateMinutes: z.number().int().min(0).max(240).default(15),
  // §5 progress check at 70–80 % of the estimated time
  progressCheckPercent: z.number().int().min(10).max(100).default(75),
  // §7 pick-up notice and settlement deadlines
  pickupNoticeShortJobHours: z.number().min(0).max(24).default(1),
  pickupNoticeLongJobHours: z.number().min(0).max(48).default(4),
  longJobThresholdDays: z.number().int().min(1).max(30).default(2),
  maintenanceSettleWithinDays: z.number().int().min(1).max(31).default(3),
  insuranceSettleWithinMonth: z.boolean().default(true),
  /** Discount limit as % of labour per role; roles not listed may not discount. */
  discountLimitPercent: z
    .partialRecord(z.enum(ROLES), percent)
    .default({ service_advisor: 5, front_desk_supervisor: 10, after_sales_manager: 100 }),
  // §8 follow-up
  satisfactionCallHoursAfterDelivery: z.number().int().min(1).max(240).default(48),
  followUp1FromDay: z.number().int().min(1).max(30).default(2),
  followUp1ToDay: z.number().int().min(1).max(60).default(7),
  followUp2WindowDays: z.number().int().min(1).max(60).default(7),
  unsolvedRequestEscalationDays: z.number().int().min(1).max(14).default(2),
  campaignPhoneDaysBefore: z.number().int().min(1).max(60).default(14),
  campaignLetterDaysAfter: z.number().int().min(0).max(14).default(2),
  callingHours: OpeningHoursSchema.default({ opens: '09:00', closes: '20:00' }),
  quietHours: z.object({ from: hhmm, to: hhmm }).default({ from: '21:00', to: '08:00' }),
  // §11 retention
  baseCustomerMonths: z.number().int().min(1).max(36).default(12),
  lostCustomerMonths: z.number().int().min(1).max(36).default(6),
  // §12 renewals
  renewalCallsPerDay: z.number().int().min(1).max(200).default(20),
  renewalPipelineDays: z.number().int().min(1).max(180).default(90),
  // §13 parts
  safetyStockFactor: z.number().min(0).max(10).default(1.5),
  /** Full months of outbound history the suggested order averages (before the current month). */
  suggestionHistoryMonths: z.number().int().min(1).max(24).default(3),
  slowMovingMonths: z.number().int().min(1).max(36).default(6),
  fillRateTargetPercent: percent.default(98),
  slowMovingTargetPercent: percent.default(6),
  stocktakeVarianceTargetPercent: percent.default(0.3),
  // §14 warranty
  claimApprovalTargetPercent: percent.default(98),
  firstServiceReturnTargetPercent: percent.default(95),
  // §10 satisfaction
  mysteryShopperTarget: z.number().int().min(0).max(1000).default(950),
});

export type StoreSettings = z.infer<typeof StoreSettingsSchema>;
export const DEFAULT_STORE_SETTINGS: StoreSettings = StoreSettingsSchema.parse({});
