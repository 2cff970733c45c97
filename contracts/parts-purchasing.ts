import { z } from 'zod';
import { FenSchema, IdSchema, listQuerySchema, LocalDateSchema } from './common';
import type { MessageKey } from './messages';
import { CountQtySchema, LocationSchema, PART_CATEGORIES, PART_UNITS, QtySchema } from './parts';

/**
 * Ordering (订货, SPEC §13): suggested orders from safety stock and open demand, purchase orders,
 * receiving against an order (partial, over or short with a reason), outside purchases (外采) that
 * the workshop approves before they are received.
 */

export const PURCHASE_ORDER_STATUSES = ['draft', 'ordered', 'partly_received', 'received', 'cancelled'] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];
export const PURCHASE_ORDER_STATUS_LABELS: Record<PurchaseOrderStatus, { zh: string; en: string }> = {
  draft: { zh: '草稿', en: 'Draft' },
  ordered: { zh: '已下单', en: 'Ordered' },
  partly_received: { zh: '部分到货', en: 'Partly received' },
  received: { zh: '已到货', en: 'Received' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

/** regular: from the maker's parts system; outside (外采): bought locally, needs the workshop's approval. */
export const PURCHASE_KINDS = ['regular', 'outside'] as const;
export type PurchaseKind = (typeof PURCHASE_KINDS)[number];
export const PURCHASE_KIND_LABELS: Record<PurchaseKind, { zh: string; en: string }> = {
  regular: { zh: '常规订货', en: 'Regular order' },
  outside: { zh: '外采', en: 'Outside purchase' },
};

export const PurchaseOrderLineSchema = z.object({
  id: z.number().int(),
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  quantity: z.string(),
  received: z.string(),
  unitCostFen: z.number().int(),
  /** The part request this line buys for (an outside purchase for a job), if any. */
  requestId: z.number().int().nullable(),
  /** Closed short: the rest will not come. */
  closed: z.boolean(),
  closeReason: z.string(),
});
export type PurchaseOrderLine = z.infer<typeof PurchaseOrderLineSchema>;

export const PurchaseOrderSchema = z.object({
  id: z.number().int(),
  number: z.string(),
  supplier: z.string(),
  kind: z.enum(PURCHASE_KINDS),
  status: z.enum(PURCHASE_ORDER_STATUSES),
  expectedDate: z.string().nullable(),
  note: z.string(),
  /** Outside purchases only: the workshop's quality approval, required before receipt. */
  approval: z.object({ byName: z.string(), at: z.string(), note: z.string() }).nullable(),
  totalFen: z.number().int(),
  lines: z.array(PurchaseOrderLineSchema),
  createdByName: z.string(),
  createdAt: z.string(),
  orderedAt: z.string().nullable(),
  version: z.number().int(),
});
export type PurchaseOrder = z.infer<typeof PurchaseOrderSchema>;

const OrderLineInputSchema = z.object({
  partId: IdSchema,
  quantity: QtySchema,
  unitCostFen: FenSchema,
  requestId: IdSchema.nullable().default(null),
});

export const PurchaseOrderCreateSchema = z.object({
  supplier: z.string().trim().min(1).max(100),
  kind: z.enum(PURCHASE_KINDS).default('regular'),
  expectedDate: LocalDateSchema.nullable().default(null),
  note: z.string().trim().max(500).default(''),
  lines: z
    .array(OrderLineInputSchema)
    .min(1)
    .max(500)
    .refine((lines) => new Set(lines.map((l) => l.partId)).size === lines.length, { error: 'list.duplicate' satisfies MessageKey }),
});
export type PurchaseOrderCreate = z.infer<typeof PurchaseOrderCreateSchema>;

/** Drafts only: header and lines replaced whole. */
export const PurchaseOrderUpdateSchema = PurchaseOrderCreateSchema.extend({ version: z.number().int() });
export type PurchaseOrderUpdate = z.infer<typeof PurchaseOrderUpdateSchema>;

export const PurchaseOrderListQuerySchema = listQuerySchema(['number', 'createdAt', 'supplier']).extend({
  status: z.enum(PURCHASE_ORDER_STATUSES).optional(),
  kind: z.enum(PURCHASE_KINDS).optional(),
  /** Outside purchases waiting for the workshop's approval. */
  awaitingApproval: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
});
export type PurchaseOrderListQuery = z.infer<typeof PurchaseOrderListQuerySchema>;

export const VersionBodySchema = z.object({ version: z.number().int() });
export const CancelOrderSchema = z.object({ version: z.number().int(), reason: z.string().trim().min(1).max(200) });
export const ApproveOutsideSchema = z.object({ version: z.number().int(), note: z.string().trim().max(200).default('') });

export const ReceiptLineInputSchema = z.object({
  lineId: IdSchema,
  /** May be 0 when the line is only closed short. */
  quantity: CountQtySchema,
  location: LocationSchema.optional(),
  /** Default: the order line's cost. */
  unitCostFen: FenSchema.optional(),
  /** Required when more than ordered arrives, or when the line is closed short. */
  reason: z.string().trim().max(200).default(''),
  /** The rest of the line will not come: close it at what has arrived. */
  closeShort: z.boolean().default(false),
});

export const ReceiptCreateSchema = z.object({
  lines: z
    .array(ReceiptLineInputSchema)
    .min(1)
    .max(500)
    .refine((lines) => new Set(lines.map((l) => l.lineId)).size === lines.length, { error: 'list.duplicate' satisfies MessageKey }),
  note: z.string().trim().max(200).default(''),
});
export type ReceiptCreate = z.infer<typeof ReceiptCreateSchema>;

export const ReceiptResultSchema = z.object({
  receipt: z.object({ id: z.number().int(), number: z.string(), at: z.string() }),
  order: PurchaseOrderSchema,
});
export type ReceiptResult = z.infer<typeof ReceiptResultSchema>;

/**
 * A suggested order line: safety stock (the part's override, else safetyStockFactor × average
 * monthly outbound) plus open demand, minus on hand and on order; whole units rounded up.
 */
export const OrderSuggestionSchema = z.object({
  partId: z.number().int(),
  partNo: z.string(),
  partName: z.string(),
  unit: z.enum(PART_UNITS),
  category: z.enum(PART_CATEGORIES),
  onHand: z.string(),
  onOrder: z.string(),
  openDemand: z.string(),
  avgMonthlyOutbound: z.string(),
  safetyStock: z.string(),
  safetyFromOverride: z.boolean(),
  suggested: z.string(),
  unitCostFen: z.number().int(),
});
export type OrderSuggestion = z.infer<typeof OrderSuggestionSchema>;

export const OrderSuggestionQuerySchema = z.object({
  /** Months of outbound history averaged (full months before the current one); default the store's suggestionHistoryMonths. */
  months: z.coerce.number().int().min(1).max(24).optional(),
  category: z.enum(PART_CATEGORIES).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export type OrderSuggestionQuery = z.infer<typeof OrderSuggestionQuerySchema>;

export const OrderSuggestionsSchema = z.object({ safetyStockFactor: z.number(), months: z.number().int(), items: z.array(OrderSuggestionSchema) });
export type OrderSuggestions = z.infer<typeof OrderSuggestionsSchema>;
