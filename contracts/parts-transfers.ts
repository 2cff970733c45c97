import { z } from 'zod';
import { IdSchema, listQuerySchema } from './common';
import type { MessageKey } from './messages';
import { LocationSchema, PART_UNITS, QtySchema } from './parts';

/**
 * Transfers between stores of one dealer group (调拨, SPEC §13): the sending store's transfer_out
 * and the receiving store's transfer_in are written in one transaction, each store keeping its own
 * record under the same number. The value moves at the sender's moving-average cost.
 */

export const TRANSFER_DIRECTIONS = ['out', 'in'] as const;
export type TransferDirection = (typeof TRANSFER_DIRECTIONS)[number];

export const TransferLineSchema = z.object({
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  location: z.string(),
  quantity: z.string(),
  valueFen: z.number().int(),
});

export const TransferSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  direction: z.enum(TRANSFER_DIRECTIONS),
  counterpartStoreId: z.number().int(),
  counterpartStoreName: z.string(),
  reason: z.string(),
  totalValueFen: z.number().int(),
  lines: z.array(TransferLineSchema),
  actorName: z.string(),
  at: z.string(),
});
export type Transfer = z.infer<typeof TransferSchema>;

export const TransferCreateSchema = z.object({
  toStoreId: IdSchema,
  reason: z.string().trim().min(1).max(200),
  lines: z
    .array(z.object({ partId: IdSchema, quantity: QtySchema, fromLocation: LocationSchema.optional() }))
    .min(1)
    .max(200)
    .refine((lines) => new Set(lines.map((l) => `${l.partId}|${l.fromLocation ?? ''}`)).size === lines.length, {
      error: 'list.duplicate' satisfies MessageKey,
    }),
});
export type TransferCreate = z.infer<typeof TransferCreateSchema>;

export const TransferListQuerySchema = listQuerySchema(['at', 'number']).extend({ direction: z.enum(TRANSFER_DIRECTIONS).optional() });
export type TransferListQuery = z.infer<typeof TransferListQuerySchema>;
