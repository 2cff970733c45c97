import { z } from 'zod';
import { PART_CATEGORIES, PART_UNITS } from './parts';

/**
 * Parts figures (SPEC §13, §16), computed from the ledger and the requests, for the parts dashboard
 * and the monthly report:
 * - stock value: Σ value of the stock (moving-average cost);
 * - fill rate (满足率) = request lines the store had in stock when they were requested / request lines
 *   (cancelled lines excluded), target fillRateTargetPercent;
 * - turnover (周转率) = outbound cost / average stock value, where outbound = issues to ROs − returns
 *   from ROs + counter sales at cost, and average = (value at the start + value at the end) / 2;
 *   annualised = monthly × 12;
 * - slow-moving (呆滞): parts on hand, in stock since before the window, without outbound for
 *   slowMovingMonths months; share = their value / stock value, target slowMovingTargetPercent;
 * - outbound by category: outbound lines, and their cost, per category.
 */

const MonthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'month.invalid' });

export const FiguresQuerySchema = z.object({ month: MonthSchema.optional() });
export type FiguresQuery = z.infer<typeof FiguresQuerySchema>;

export const FillRateSchema = z.object({ requested: z.number().int(), servedFromStock: z.number().int(), ratePercent: z.number().nullable() });
export type FillRate = z.infer<typeof FillRateSchema>;

export const TurnoverSchema = z.object({
  outboundCostFen: z.number().int(),
  openingValueFen: z.number().int(),
  closingValueFen: z.number().int(),
  averageValueFen: z.number().int(),
  /** Times per month; null without stock. */
  monthly: z.number().nullable(),
  annualised: z.number().nullable(),
});
export type Turnover = z.infer<typeof TurnoverSchema>;

export const SlowMovingItemSchema = z.object({
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  category: z.enum(PART_CATEGORIES),
  unit: z.enum(PART_UNITS),
  onHand: z.string(),
  valueFen: z.number().int(),
  lastOutboundAt: z.string().nullable(),
});
export type SlowMovingItem = z.infer<typeof SlowMovingItemSchema>;

export const SlowMovingSchema = z.object({
  months: z.number().int(),
  parts: z.number().int(),
  valueFen: z.number().int(),
  stockValueFen: z.number().int(),
  sharePercent: z.number().nullable(),
});
export type SlowMoving = z.infer<typeof SlowMovingSchema>;

export const OutboundByCategorySchema = z.array(z.object({ category: z.enum(PART_CATEGORIES), lines: z.number().int(), costFen: z.number().int() }));
export type OutboundByCategory = z.infer<typeof OutboundByCategorySchema>;

export const PartsFiguresSchema = z.object({
  month: z.string(),
  stockValueFen: z.number().int(),
  fillRate: FillRateSchema.extend({ targetPercent: z.number() }),
  turnover: TurnoverSchema,
  slowMoving: SlowMovingSchema.extend({ targetPercent: z.number() }),
  outboundByCategory: OutboundByCategorySchema,
});
export type PartsFigures = z.infer<typeof PartsFiguresSchema>;

export const SlowMovingQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(2000).default(200) });
export const SlowMovingListSchema = SlowMovingSchema.extend({ items: z.array(SlowMovingItemSchema) });
export type SlowMovingList = z.infer<typeof SlowMovingListSchema>;
