import { z } from 'zod';
import { IdSchema, listQuerySchema } from './common';
import type { MessageKey } from './messages';
import { CountQtySchema, LocationSchema, PART_UNITS } from './parts';

/**
 * Stocktake (盘点, SPEC §13, §19): count sheets by location, counted blind (the counter never sees
 * the book quantity), a variance report by value with the variance rate, and the supervisor's
 * approval that posts the adjustments.
 *
 * Stock keeps moving during a count. The book quantity of each line is snapshotted when the sheet is
 * created; at approval the movements posted on that part and location after the snapshot and up to
 * the moment the line was counted are added to it ("book at count"). Movements after the count
 * happened after the shelf was looked at, so they are not part of the variance.
 */

export const STOCKTAKE_STATUSES = ['counting', 'approved', 'cancelled'] as const;
export type StocktakeStatus = (typeof STOCKTAKE_STATUSES)[number];
export const STOCKTAKE_STATUS_LABELS: Record<StocktakeStatus, { zh: string; en: string }> = {
  counting: { zh: '盘点中', en: 'Counting' },
  approved: { zh: '已审核', en: 'Approved' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const StocktakeSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  status: z.enum(STOCKTAKE_STATUSES),
  /** The locations counted; empty = every location of the store. */
  locations: z.array(z.string()),
  note: z.string(),
  lineCount: z.number().int(),
  countedCount: z.number().int(),
  createdByName: z.string(),
  createdAt: z.string(),
  approvedByName: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number().int(),
});
export type Stocktake = z.infer<typeof StocktakeSchema>;

export const StocktakeCreateSchema = z.object({
  locations: z
    .array(LocationSchema)
    .max(200)
    .default([])
    .refine((l) => new Set(l).size === l.length, { error: 'list.duplicate' satisfies MessageKey }),
  note: z.string().trim().max(200).default(''),
});
export type StocktakeCreate = z.infer<typeof StocktakeCreateSchema>;

export const StocktakeListQuerySchema = listQuerySchema(['createdAt', 'number']).extend({ status: z.enum(STOCKTAKE_STATUSES).optional() });
export type StocktakeListQuery = z.infer<typeof StocktakeListQuerySchema>;

/** A line of the blind count sheet: no book quantity. */
export const SheetLineSchema = z.object({
  id: z.number().int(),
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  location: z.string(),
  countedQty: z.string().nullable(),
  countedAt: z.string().nullable(),
  /** Found on the shelf but not on the sheet (added while counting). */
  found: z.boolean(),
});
export const StocktakeSheetSchema = z.object({ stocktake: StocktakeSchema, lines: z.array(SheetLineSchema) });
export type StocktakeSheet = z.infer<typeof StocktakeSheetSchema>;

export const CountsInputSchema = z.object({
  counts: z
    .array(
      z.object({
        lineId: IdSchema,
        countedQty: CountQtySchema,
        /** When the shelf was counted (a paper sheet typed in later); default now. */
        countedAt: z.iso.datetime({ offset: true }).optional(),
      }),
    )
    .max(2000)
    .default([]),
  /** Parts found at a location of the count but not on the sheet. */
  found: z
    .array(z.object({ partId: IdSchema, location: LocationSchema, countedQty: CountQtySchema, countedAt: z.iso.datetime({ offset: true }).optional() }))
    .max(200)
    .default([]),
});
export type CountsInput = z.infer<typeof CountsInputSchema>;

export const VarianceLineSchema = z.object({
  lineId: z.number().int(),
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  location: z.string(),
  /** Book quantity at the snapshot. */
  expected: z.string(),
  /** Net movements after the snapshot, up to the count. */
  movedSinceSnapshot: z.string(),
  bookAtCount: z.string(),
  counted: z.string().nullable(),
  variance: z.string().nullable(),
  unitCostFen: z.number().int(),
  varianceValueFen: z.number().int().nullable(),
});
export type VarianceLine = z.infer<typeof VarianceLineSchema>;

/**
 * Variance rate (盘点差异率) = Σ |variance value| / book value of the counted lines, in percent;
 * target stocktakeVarianceTargetPercent (0.3 %) of the store's settings.
 */
export const VarianceReportSchema = z.object({
  stocktake: StocktakeSchema,
  lines: z.array(VarianceLineSchema),
  totals: z.object({
    uncounted: z.number().int(),
    bookValueFen: z.number().int(),
    gainValueFen: z.number().int(),
    lossValueFen: z.number().int(),
    netValueFen: z.number().int(),
    absValueFen: z.number().int(),
    varianceRatePercent: z.number().nullable(),
    targetPercent: z.number(),
    withinTarget: z.boolean().nullable(),
  }),
});
export type VarianceReport = z.infer<typeof VarianceReportSchema>;

export const StocktakeApproveSchema = z.object({ version: z.number().int(), note: z.string().trim().max(200).default('') });
export const StocktakeCancelSchema = z.object({ version: z.number().int(), reason: z.string().trim().min(1).max(200) });
