import { z } from 'zod';
import { CodeSchema, NameSchema, listQuerySchema } from './common';
import { JOB_TYPES } from './stores';

export const BaySchema = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  type: z.enum(JOB_TYPES),
  reservedForAppointments: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Bay = z.infer<typeof BaySchema>;

export const BayCreateSchema = z.object({
  code: CodeSchema,
  name: NameSchema,
  type: z.enum(JOB_TYPES),
  reservedForAppointments: z.boolean().default(false),
});
export type BayCreate = z.infer<typeof BayCreateSchema>;

export const BayUpdateSchema = BayCreateSchema.extend({ active: z.boolean().default(true), version: z.number().int() });
export type BayUpdate = z.infer<typeof BayUpdateSchema>;

export const BayListQuerySchema = listQuerySchema(['code', 'name', 'type']).extend({
  type: z.enum(JOB_TYPES).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type BayListQuery = z.infer<typeof BayListQuerySchema>;
