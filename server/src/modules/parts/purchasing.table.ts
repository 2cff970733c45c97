import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PurchaseKind, PurchaseOrderStatus } from '#contracts/parts-purchasing';
import { stores } from '../stores/stores.table';
import { parts } from './catalog.table';
import { partRequests } from './requests.table';

/** 采购订单 (CG…): draft → ordered → partly received → received, or cancelled. 外采 needs approval. */
export const purchaseOrders = pgTable(
  'purchase_orders',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    supplier: text().notNull(),
    kind: text().$type<PurchaseKind>().notNull().default('regular'),
    status: text().$type<PurchaseOrderStatus>().notNull().default('draft'),
    expectedDate: date({ mode: 'string' }),
    note: text().notNull().default(''),
    approvedBy: integer(),
    approvedByName: text(),
    approvedAt: timestamp({ withTimezone: true }),
    approvalNote: text().notNull().default(''),
    orderedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelReason: text().notNull().default(''),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('purchase_orders_store_number_uq').on(t.storeId, t.number),
    index('purchase_orders_store_status_idx').on(t.storeId, t.status, t.createdAt),
  ],
);

export const purchaseOrderLines = pgTable(
  'purchase_order_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    orderId: integer()
      .notNull()
      .references(() => purchaseOrders.id),
    lineNo: integer().notNull(),
    partId: integer()
      .notNull()
      .references(() => parts.id),
    quantity: numeric({ precision: 12, scale: 3 }).notNull(),
    received: numeric({ precision: 12, scale: 3 }).notNull().default('0'),
    unitCostFen: integer().notNull(),
    requestId: integer().references(() => partRequests.id),
    closed: boolean().notNull().default(false),
    closeReason: text().notNull().default(''),
  },
  (t) => [
    index('purchase_order_lines_store_order_idx').on(t.storeId, t.orderId, t.lineNo),
    index('purchase_order_lines_store_part_idx').on(t.storeId, t.partId),
    check('purchase_order_lines_quantities_check', sql`${t.quantity} > 0 AND ${t.received} >= 0 AND ${t.unitCostFen} >= 0`),
  ],
);

/** 入库单 (RK…): one delivery received against an order; its lines are the receive movements. */
export const purchaseReceipts = pgTable(
  'purchase_receipts',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    orderId: integer()
      .notNull()
      .references(() => purchaseOrders.id),
    number: text().notNull(),
    note: text().notNull().default(''),
    receivedBy: integer(),
    receivedByName: text().notNull().default(''),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('purchase_receipts_store_number_uq').on(t.storeId, t.number), index('purchase_receipts_store_order_idx').on(t.storeId, t.orderId)],
);
