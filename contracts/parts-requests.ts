import { z } from 'zod';
import { IdSchema, listQuerySchema } from './common';
import { CountQtySchema, LocationSchema, PART_UNITS, QtySchema } from './parts';

/**
 * Part requests (领料申请, SPEC §6, §13): a job of a repair order asks the parts counter for a part;
 * the clerk issues it (full or partial) against the RO line; what is not fitted comes back; the
 * workshop records what was fitted. An RO cannot be settled while issued ≠ fitted + returned.
 *
 * A request names a real RO of the store (foreign key) and, from the tablet, the job's line; the RO's
 * part lines create their requests themselves.
 */

export const PART_REQUEST_STATUSES = ['pending', 'partly_issued', 'issued', 'settled', 'cancelled'] as const;
export type PartRequestStatus = (typeof PART_REQUEST_STATUSES)[number];
export const PART_REQUEST_STATUS_LABELS: Record<PartRequestStatus, { zh: string; en: string }> = {
  pending: { zh: '待发料', en: 'Pending' },
  partly_issued: { zh: '部分发料', en: 'Partly issued' },
  issued: { zh: '已发料', en: 'Issued' },
  settled: { zh: '已结算', en: 'Settled' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};
/** Requests the counter still has to serve. */
export const OPEN_REQUEST_STATUSES: readonly PartRequestStatus[] = ['pending', 'partly_issued'];

export const PartRequestSchema = z.object({
  id: z.number().int(),
  roId: z.number().int(),
  roLineId: z.number().int().nullable(),
  roNumber: z.string(),
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  defaultLocation: z.string(),
  quantity: z.string(),
  issued: z.string(),
  returned: z.string(),
  fitted: z.string(),
  /** Issued and neither fitted nor returned: what the RO still has to account for. */
  outstanding: z.string(),
  status: z.enum(PART_REQUEST_STATUSES),
  /** Whether the store had the quantity on hand (beyond earlier open requests) when it was asked for: the fill rate's numerator. */
  inStockAtRequest: z.boolean(),
  /** On hand now, all locations (for the counter). */
  onHand: z.string(),
  note: z.string(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  version: z.number().int(),
});
export type PartRequest = z.infer<typeof PartRequestSchema>;

export const PartRequestCreateSchema = z.object({
  roId: IdSchema,
  roLineId: IdSchema.nullable().default(null),
  roNumber: z.string().trim().max(40).default(''),
  partId: IdSchema,
  quantity: QtySchema,
  note: z.string().trim().max(200).default(''),
});
export type PartRequestCreate = z.infer<typeof PartRequestCreateSchema>;

/** The counter's queue: pending first, then oldest first. `status=open` = pending or partly issued. */
export const PartRequestListQuerySchema = listQuerySchema(['requestedAt']).extend({
  status: z.enum([...PART_REQUEST_STATUSES, 'open']).optional(),
  roId: IdSchema.optional(),
  partId: IdSchema.optional(),
});
export type PartRequestListQuery = z.infer<typeof PartRequestListQuerySchema>;

export const IssueSchema = z.object({
  /** Default: everything still to issue. */
  quantity: QtySchema.optional(),
  /** Default: the part's default location. */
  location: LocationSchema.optional(),
});
export type Issue = z.infer<typeof IssueSchema>;

export const ReturnSchema = z.object({
  quantity: QtySchema,
  location: LocationSchema.optional(),
  reason: z.string().trim().max(200).default(''),
});
export type Return = z.infer<typeof ReturnSchema>;

/** The workshop states how much of what was issued went into the car (the total, not an increment). */
export const FittedSchema = z.object({ fitted: CountQtySchema });
export type Fitted = z.infer<typeof FittedSchema>;

export const CancelRequestSchema = z.object({ reason: z.string().trim().max(200).default('') });

export const RoPartsLineSchema = z.object({
  requestId: z.number().int(),
  roLineId: z.number().int().nullable(),
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  quantity: z.string(),
  issued: z.string(),
  returned: z.string(),
  fitted: z.string(),
  outstanding: z.string(),
  issuedValueFen: z.number().int(),
  status: z.enum(PART_REQUEST_STATUSES),
});
export type RoPartsLine = z.infer<typeof RoPartsLineSchema>;

/** Issued vs fitted of one repair order: reconciled when every line's issued = fitted + returned. */
export const RoPartsSchema = z.object({
  roId: z.number().int(),
  roNumber: z.string(),
  reconciled: z.boolean(),
  lines: z.array(RoPartsLineSchema),
});
export type RoParts = z.infer<typeof RoPartsSchema>;
