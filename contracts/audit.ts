import { z } from 'zod';
import { listQuerySchema, LocalDateSchema } from './common';

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  storeId: z.number().int().nullable(),
  actorId: z.number().int().nullable(),
  actorName: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  ip: z.string(),
  at: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntrySchema>;

export const AuditListQuerySchema = listQuerySchema(['at', 'action']).extend({
  action: z.string().trim().max(60).optional(),
  entity: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(60).optional(),
  actorId: z.coerce.number().int().positive().optional(),
  /** Store-local days, inclusive. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
});
export type AuditListQuery = z.infer<typeof AuditListQuerySchema>;
