import { z } from 'zod';

export const IdSchema = z.coerce.number().int().positive();
export const IdParamsSchema = z.object({ id: IdSchema });

/** Money is integer fen (分) everywhere: in the database, the API and the forms' values. */
export const FenSchema = z.number().int().min(0).max(10_000_000_000);

export const CodeSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'code.invalid' });

export const NameSchema = z.string().trim().min(1).max(100);

export const PAGE_SIZE_MAX = 200;

/** Query string of every list endpoint: `?page=1&pageSize=20&sort=name&order=asc&q=…`. */
export function listQuerySchema<const S extends readonly [string, ...string[]]>(sortFields: S) {
  return z.object({
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(20),
    sort: z.enum(sortFields, { error: 'sort.invalid' }).optional(),
    order: z.enum(['asc', 'desc']).default('asc'),
    q: z.string().trim().max(100).optional(),
  });
}

export type ListQuery<S extends string = string> = {
  page: number;
  pageSize: number;
  sort?: S | undefined;
  order: 'asc' | 'desc';
  q?: string | undefined;
};

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

export const OkSchema = z.object({ ok: z.literal(true) });

/** A calendar day `YYYY-MM-DD` (a real one: no 2001-13-01), meant in the store's time zone. */
export const LocalDateSchema = z.iso.date({ error: 'date.invalid' });

/**
 * Lists count at most this many matches: beyond it `total` is this cap and `totalCapped` is true
 * (show "10,000+"). Exact counts of a 300,000-file store cost tens of ms per request.
 */
export const LIST_COUNT_CAP = 10_000;

/** A page of a list that counts up to LIST_COUNT_CAP: the usual page plus whether `total` hit the cap. */
export function cappedPageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    totalCapped: z.boolean(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}
