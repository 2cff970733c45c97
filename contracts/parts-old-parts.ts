import { z } from 'zod';
import { IdSchema, listQuerySchema } from './common';
import { LocationSchema, QtySchema } from './parts';

/**
 * Old parts (旧件, SPEC §13–14): parts removed in warranty jobs are tagged, kept at a location and
 * returned to the manufacturer (or scrapped when it says so). The claim number is free text until
 * the warranty module links claims.
 */

export const OLD_PART_STATUSES = ['in_storage', 'returned', 'scrapped'] as const;
export type OldPartStatus = (typeof OLD_PART_STATUSES)[number];
export const OLD_PART_STATUS_LABELS: Record<OldPartStatus, { zh: string; en: string }> = {
  in_storage: { zh: '在库', en: 'In storage' },
  returned: { zh: '已返厂', en: 'Returned' },
  scrapped: { zh: '已报废', en: 'Scrapped' },
};

export const OldPartSchema = z.object({
  id: z.number().int(),
  tagNo: z.string(),
  partId: z.number().int().nullable(),
  partNo: z.string(),
  name: z.string(),
  quantity: z.string(),
  roId: z.number().int(),
  roLineId: z.number().int().nullable(),
  roNumber: z.string(),
  requestId: z.number().int().nullable(),
  claimNo: z.string(),
  location: z.string(),
  status: z.enum(OLD_PART_STATUSES),
  waybillNo: z.string(),
  returnedAt: z.string().nullable(),
  disposedReason: z.string(),
  note: z.string(),
  taggedByName: z.string(),
  taggedAt: z.string(),
  version: z.number().int(),
});
export type OldPart = z.infer<typeof OldPartSchema>;

export const OldPartCreateSchema = z.object({
  /** A catalog part (its number and name are copied) or, for a part not in the catalog, partNo and name. */
  partId: IdSchema.nullable().default(null),
  partNo: z.string().trim().max(40).default(''),
  name: z.string().trim().max(100).default(''),
  quantity: QtySchema,
  roId: IdSchema,
  roLineId: IdSchema.nullable().default(null),
  roNumber: z.string().trim().max(40).default(''),
  requestId: IdSchema.nullable().default(null),
  claimNo: z.string().trim().max(40).default(''),
  location: LocationSchema.default(''),
  note: z.string().trim().max(500).default(''),
});
export type OldPartCreate = z.infer<typeof OldPartCreateSchema>;

export const OldPartUpdateSchema = z.object({
  claimNo: z.string().trim().max(40).default(''),
  location: LocationSchema.default(''),
  note: z.string().trim().max(500).default(''),
  version: z.number().int(),
});
export type OldPartUpdate = z.infer<typeof OldPartUpdateSchema>;

export const OldPartReturnSchema = z.object({ version: z.number().int(), waybillNo: z.string().trim().max(60).default('') });
export const OldPartScrapSchema = z.object({ version: z.number().int(), reason: z.string().trim().min(1).max(200) });

export const OldPartListQuerySchema = listQuerySchema(['tagNo', 'taggedAt']).extend({
  status: z.enum(OLD_PART_STATUSES).optional(),
  roId: IdSchema.optional(),
  claimNo: z.string().trim().max(40).optional(),
});
export type OldPartListQuery = z.infer<typeof OldPartListQuerySchema>;
