import { z } from 'zod';
import { listQuerySchema } from './common';

export const VehicleModelSchema = z.object({
  id: z.number().int(),
  brand: z.string(),
  series: z.string(),
  model: z.string(),
  year: z.number().int().nullable(),
  engine: z.string(),
  maintenanceIntervalMonths: z.number().int(),
  maintenanceIntervalKm: z.number().int(),
  active: z.boolean(),
  version: z.number().int(),
});
export type VehicleModel = z.infer<typeof VehicleModelSchema>;

export const VehicleModelCreateSchema = z.object({
  brand: z.string().trim().min(1).max(40),
  series: z.string().trim().min(1).max(60),
  model: z.string().trim().min(1).max(100),
  year: z.number().int().min(1990).max(2100).nullable().default(null),
  engine: z.string().trim().max(60).default(''),
  maintenanceIntervalMonths: z.number().int().min(1).max(60),
  maintenanceIntervalKm: z.number().int().min(500).max(100_000),
});
export type VehicleModelCreate = z.infer<typeof VehicleModelCreateSchema>;

export const VehicleModelUpdateSchema = VehicleModelCreateSchema.extend({
  active: z.boolean().default(true),
  version: z.number().int(),
});
export type VehicleModelUpdate = z.infer<typeof VehicleModelUpdateSchema>;

export const VehicleModelListQuerySchema = listQuerySchema(['brand', 'series', 'model', 'year']).extend({
  brand: z.string().trim().max(40).optional(),
  active: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type VehicleModelListQuery = z.infer<typeof VehicleModelListQuerySchema>;
