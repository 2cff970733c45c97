import { z } from 'zod';
import { FenSchema, IdSchema, listQuerySchema, NameSchema } from './common';
import type { MessageKey } from './messages';

/**
 * Parts (配件, SPEC §13): the catalog and the stock ledger. Requests and issuing to repair orders
 * are in `parts-requests.ts`; ordering in `parts-purchasing.ts`; transfers and old parts in
 * `parts-transfers.ts`; stocktakes in `parts-stocktake.ts`; figures in `parts-figures.ts`.
 *
 * Quantities are decimal strings ("1.5" litres of oil) with at most 3 decimals: never a float. The
 * server answers them normalised ("10", "1.5"); requests may send a string or a number.
 */

export const PART_ORIGINS = ['oem', 'aftermarket'] as const;
export type PartOrigin = (typeof PART_ORIGINS)[number];
export const PART_ORIGIN_LABELS: Record<PartOrigin, { zh: string; en: string }> = {
  oem: { zh: '原厂件', en: 'OEM' },
  aftermarket: { zh: '副厂件', en: 'Aftermarket' },
};

export const PART_UNITS = ['piece', 'set', 'pair', 'bottle', 'litre', 'kg', 'metre'] as const;
export type PartUnit = (typeof PART_UNITS)[number];
export const PART_UNIT_LABELS: Record<PartUnit, { zh: string; en: string }> = {
  piece: { zh: '个', en: 'piece' },
  set: { zh: '套', en: 'set' },
  pair: { zh: '对', en: 'pair' },
  bottle: { zh: '瓶', en: 'bottle' },
  litre: { zh: '升', en: 'litre' },
  kg: { zh: '千克', en: 'kg' },
  metre: { zh: '米', en: 'metre' },
};
/** Units that may be issued in fractions (oil by the litre); the others count whole items. */
export const DECIMAL_UNITS: readonly PartUnit[] = ['litre', 'kg', 'metre'];

export const PART_CATEGORIES = [
  'oil_fluids',
  'filters',
  'brakes',
  'electrical',
  'engine',
  'chassis',
  'body',
  'tyres',
  'accessories',
  'consumables',
  'other',
] as const;
export type PartCategory = (typeof PART_CATEGORIES)[number];
export const PART_CATEGORY_LABELS: Record<PartCategory, { zh: string; en: string }> = {
  oil_fluids: { zh: '油品', en: 'Oil & fluids' },
  filters: { zh: '滤清器', en: 'Filters' },
  brakes: { zh: '制动', en: 'Brakes' },
  electrical: { zh: '电器', en: 'Electrical' },
  engine: { zh: '发动机', en: 'Engine' },
  chassis: { zh: '底盘', en: 'Chassis' },
  body: { zh: '车身钣金', en: 'Body' },
  tyres: { zh: '轮胎', en: 'Tyres' },
  accessories: { zh: '精品附件', en: 'Accessories' },
  consumables: { zh: '辅料', en: 'Consumables' },
  other: { zh: '其他', en: 'Other' },
};

/** Stock movements (SPEC §13). Inbound kinds add stock, outbound kinds take it away. */
export const MOVEMENT_KINDS = [
  'receive',
  'issue_to_ro',
  'return_from_ro',
  'counter_sale',
  'transfer_out',
  'transfer_in',
  'stocktake_adjustment',
  'scrap',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, { zh: string; en: string }> = {
  receive: { zh: '入库', en: 'Receipt' },
  issue_to_ro: { zh: '维修领用', en: 'Issue to RO' },
  return_from_ro: { zh: '维修退料', en: 'Return from RO' },
  counter_sale: { zh: '柜台销售', en: 'Counter sale' },
  transfer_out: { zh: '调拨出库', en: 'Transfer out' },
  transfer_in: { zh: '调拨入库', en: 'Transfer in' },
  stocktake_adjustment: { zh: '盘点调整', en: 'Stocktake adjustment' },
  scrap: { zh: '报废', en: 'Scrap' },
};

// ---------------------------------------------------------------------------------------------
// Field schemas

const QTY_PATTERN = /^\d{1,9}(\.\d{1,3})?$/;

/** A quantity ≥ 0 ("0", "2", "1.5"), as typed or as a JSON number; at most 3 decimals. */
export const CountQtySchema = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().regex(QTY_PATTERN, { error: 'quantity.invalid' satisfies MessageKey }));

/** A quantity > 0. */
export const QtySchema = CountQtySchema.refine((v) => /[1-9]/.test(v), { error: 'quantity.positive' satisfies MessageKey });

/** 配件编号 as printed by the maker: letters, digits and the usual separators (space - . /). */
export const PartNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 .\-/_]*$/, { error: 'partNo.invalid' satisfies MessageKey })
  .transform((v) => v.toUpperCase().replace(/\s+/g, ' '));

/** 库位 (bin location), e.g. A-01-03; '' = not assigned. */
export const LocationSchema = z.string().trim().max(30);

/** The key part numbers are matched on: 06L-115-562 B, 06L115562B and 06l 115 562b are one part. */
export function partNoKey(partNo: string): string {
  return partNo.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// ---------------------------------------------------------------------------------------------
// Catalog

export const PartSchema = z.object({
  id: z.number().int(),
  partNo: z.string(),
  name: z.string(),
  brand: z.string(),
  origin: z.enum(PART_ORIGINS),
  unit: z.enum(PART_UNITS),
  category: z.enum(PART_CATEGORIES),
  costFen: z.number().int(),
  retailPriceFen: z.number().int(),
  vehicleModelIds: z.array(z.number().int()),
  defaultLocation: z.string(),
  /** Override of the computed safety stock (safetyStockFactor × average monthly outbound); null = computed. */
  safetyStock: z.string().nullable(),
  /** On hand in all locations of the store. */
  onHand: z.string(),
  active: z.boolean(),
  version: z.number().int(),
});
export type Part = z.infer<typeof PartSchema>;

export const PartCreateSchema = z.object({
  partNo: PartNoSchema,
  name: NameSchema,
  brand: z.string().trim().max(40).default(''),
  origin: z.enum(PART_ORIGINS).default('oem'),
  unit: z.enum(PART_UNITS).default('piece'),
  category: z.enum(PART_CATEGORIES).default('other'),
  costFen: FenSchema,
  retailPriceFen: FenSchema,
  vehicleModelIds: z
    .array(IdSchema)
    .max(200)
    .default([])
    .refine((ids) => new Set(ids).size === ids.length, { error: 'list.duplicate' satisfies MessageKey }),
  defaultLocation: LocationSchema.default(''),
  safetyStock: CountQtySchema.nullable().default(null),
});
export type PartCreate = z.infer<typeof PartCreateSchema>;

export const PartUpdateSchema = PartCreateSchema.extend({ active: z.boolean().default(true), version: z.number().int() });
export type PartUpdate = z.infer<typeof PartUpdateSchema>;

const boolParam = z.enum(['true', 'false']).transform((v) => v === 'true');

/** `q` matches a part-number fragment (separators ignored) or a name fragment. */
export const PartListQuerySchema = listQuerySchema(['partNo', 'name', 'category', 'retailPriceFen']).extend({
  category: z.enum(PART_CATEGORIES).optional(),
  origin: z.enum(PART_ORIGINS).optional(),
  vehicleModelId: IdSchema.optional(),
  active: boolParam.optional(),
});
export type PartListQuery = z.infer<typeof PartListQuerySchema>;

export const PART_IMPORT_COLUMNS = [
  { key: 'partNo', header: '配件编号*', example: '06L115562B', width: 18 },
  { key: 'name', header: '配件名称*', example: '机油滤清器', width: 20 },
  { key: 'brand', header: '品牌', example: '大众', width: 12 },
  { key: 'origin', header: '类型(原厂件/副厂件)', example: '原厂件', width: 14 },
  { key: 'unit', header: '单位*(个/套/对/瓶/升/千克/米)', example: '个', width: 12 },
  { key: 'category', header: '类别', example: '滤清器', width: 12 },
  { key: 'cost', header: '成本价(元)*', example: '45.50', width: 12 },
  { key: 'retailPrice', header: '销售价(元)*', example: '68.00', width: 12 },
  { key: 'models', header: '适用车型(车型ID或名称，逗号分隔)', example: '', width: 30 },
  { key: 'defaultLocation', header: '默认库位', example: 'A-01-03', width: 12 },
  { key: 'safetyStock', header: '安全库存(空=按出库自动计算)', example: '', width: 14 },
] as const;
export type PartImportColumnKey = (typeof PART_IMPORT_COLUMNS)[number]['key'];

export const PartImportReportSchema = z.object({
  dryRun: z.boolean(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  rejectedRows: z.number().int(),
  rejected: z.array(z.object({ row: z.number().int(), column: z.string(), reason: z.object({ zh: z.string(), en: z.string() }) })),
});
export type PartImportReport = z.infer<typeof PartImportReportSchema>;

// ---------------------------------------------------------------------------------------------
// Stock

export const StockLocationSchema = z.object({ location: z.string(), onHand: z.string() });

/** A part's stock line in the stock list: on hand in all locations, value at moving-average cost. */
export const StockItemSchema = z.object({
  partId: z.number().int(),
  partNo: z.string(),
  name: z.string(),
  brand: z.string(),
  unit: z.enum(PART_UNITS),
  category: z.enum(PART_CATEGORIES),
  onHand: z.string(),
  valueFen: z.number().int(),
  /** Moving-average unit cost, rounded to the fen (value / on hand); the catalog cost when none in stock. */
  avgCostFen: z.number().int(),
  locations: z.array(StockLocationSchema),
});
export type StockItem = z.infer<typeof StockItemSchema>;

export const StockListQuerySchema = listQuerySchema(['partNo', 'name', 'onHand', 'valueFen']).extend({
  category: z.enum(PART_CATEGORIES).optional(),
  /** Only parts with stock at this location. */
  location: LocationSchema.optional(),
  /** true: only parts with stock; false: only parts without. */
  inStock: boolParam.optional(),
});
export type StockListQuery = z.infer<typeof StockListQuerySchema>;

/** The part page's stock box: where it is, what it is worth, and what is promised. */
export const PartStockSchema = StockItemSchema.extend({
  /** Issued to repair orders not settled yet and neither fitted nor returned (reserved against those ROs). */
  onJobs: z.string(),
  /** Fitted on repair orders not settled yet. */
  fittedUnsettled: z.string(),
  /** Requested by open requests and not issued yet. */
  openDemand: z.string(),
  /** Ordered (draft or ordered purchase orders) and not received yet. */
  onOrder: z.string(),
  lastReceiptAt: z.string().nullable(),
  lastOutboundAt: z.string().nullable(),
});
export type PartStock = z.infer<typeof PartStockSchema>;

export const MovementSchema = z.object({
  id: z.number().int(),
  kind: z.enum(MOVEMENT_KINDS),
  partId: z.number().int(),
  location: z.string(),
  /** Signed: + into stock, − out of stock. */
  quantity: z.string(),
  /** Unit cost of this movement (the moving average for outbound), rounded to the fen. */
  unitCostFen: z.number().int(),
  /** Signed change of the stock value, exact: the ledger's values sum to the stock value. */
  valueFen: z.number().int(),
  /** Selling price per unit of a counter sale. */
  priceFen: z.number().int().nullable(),
  reason: z.string(),
  refType: z.string().nullable(),
  refId: z.number().int().nullable(),
  roId: z.number().int().nullable(),
  roNumber: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
});
export type Movement = z.infer<typeof MovementSchema>;

export const MovementListQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  kind: z.enum(MOVEMENT_KINDS).optional(),
});
export type MovementListQuery = z.infer<typeof MovementListQuerySchema>;

const ReasonSchema = z.string().trim().max(200);

/** 入库 without a purchase order (opening stock, goods on consignment…): the reason is required. */
export const ManualReceiptSchema = z.object({
  partId: IdSchema,
  location: LocationSchema.optional(),
  quantity: QtySchema,
  unitCostFen: FenSchema,
  reason: ReasonSchema.min(1),
});
export type ManualReceipt = z.infer<typeof ManualReceiptSchema>;

/** 柜台销售: parts sold over the counter, at the retail price unless another is given. */
export const CounterSaleSchema = z.object({
  partId: IdSchema,
  location: LocationSchema.optional(),
  quantity: QtySchema,
  unitPriceFen: FenSchema.optional(),
  customer: z.string().trim().max(100).default(''),
  reason: ReasonSchema.default(''),
});
export type CounterSale = z.infer<typeof CounterSaleSchema>;

export const ScrapSchema = z.object({
  partId: IdSchema,
  location: LocationSchema.optional(),
  quantity: QtySchema,
  reason: ReasonSchema.min(1),
});
export type Scrap = z.infer<typeof ScrapSchema>;

export const MovementResultSchema = z.object({ movement: MovementSchema, stock: PartStockSchema });
export type MovementResult = z.infer<typeof MovementResultSchema>;
