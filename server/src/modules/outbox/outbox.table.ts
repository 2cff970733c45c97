import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { MessageChannel, MessageState, OutboxProviderKind } from '#contracts/outbox';
import { customers, vehicles } from '../customers/customers.table';
import { stores } from '../stores/stores.table';

/** 短信模板: SMS / WeCom / e-mail texts with {客户} {车牌} {时间} {门店}. */
export const messageTemplates = pgTable(
  'message_templates',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    name: text().notNull(),
    channel: text().$type<MessageChannel>().notNull(),
    subject: text().notNull().default(''),
    body: text().notNull(),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('message_templates_store_name_uq').on(t.storeId, t.name)],
);

/**
 * The outbox: a message is written here in the business transaction and delivered afterwards by
 * the delivery job (queued → sending → sent / failed). `claimedAt` lets a message left in
 * `sending` by a crashed instance be claimed again after a lease.
 */
export const outboxMessages = pgTable(
  'outbox_messages',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    channel: text().$type<MessageChannel>().notNull(),
    templateId: integer().references(() => messageTemplates.id),
    templateName: text().notNull().default(''),
    customerId: integer().references(() => customers.id),
    vehicleId: integer().references(() => vehicles.id),
    recipient: text().notNull(),
    subject: text().notNull().default(''),
    body: text().notNull(),
    state: text().$type<MessageState>().notNull().default('queued'),
    attempts: integer().notNull().default(0),
    maxAttempts: integer().notNull(),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp({ withTimezone: true }),
    lastError: text().notNull().default(''),
    provider: text().notNull().default(''),
    providerRef: text().notNull().default(''),
    sentAt: timestamp({ withTimezone: true }),
    refType: text(),
    refId: text(),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The delivery job's claim scans due messages of every store.
    index('outbox_messages_due_idx').on(t.nextAttemptAt).where(sql`${t.state} IN ('queued', 'sending')`),
    index('outbox_messages_store_created_idx').on(t.storeId, t.createdAt),
    index('outbox_messages_store_sent_idx').on(t.storeId, t.sentAt).where(sql`${t.sentAt} IS NOT NULL`),
    index('outbox_messages_store_customer_idx').on(t.storeId, t.customerId),
    check('outbox_messages_attempts_check', sql`${t.attempts} >= 0 AND ${t.attempts} <= ${t.maxAttempts}`),
    check('outbox_messages_sent_check', sql`${t.state} <> 'sent' OR ${t.sentAt} IS NOT NULL`),
  ],
);

/** Per-store delivery settings: quiet hours, provider and gateway URL, retries. */
export const outboxSettings = pgTable('outbox_settings', {
  storeId: integer()
    .primaryKey()
    .references(() => stores.id),
  quietStart: text().notNull().default('21:00'),
  quietEnd: text().notNull().default('08:00'),
  provider: text().$type<OutboxProviderKind>().notNull().default('record'),
  webhookUrl: text().notNull().default(''),
  maxAttempts: integer().notNull().default(5),
  retryBaseSeconds: integer().notNull().default(60),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
