import { and, asc, count, desc, eq, gte, ilike, isNotNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { MessageListQuery, OutboxSettings } from '#contracts/outbox';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { likePattern, offsetOf, orderBy } from '../../platform/pagination';
import { customers, vehicles } from '../customers/customers.table';
import { stores } from '../stores/stores.table';
import { messageTemplates, outboxMessages, outboxSettings } from './outbox.table';

export type TemplateRow = typeof messageTemplates.$inferSelect;
export type MessageRow = typeof outboxMessages.$inferSelect;

// ---------------------------------------------------------------------------------------------
// Templates

export function listTemplates(tx: Executor, storeId: number) {
  return tx.select().from(messageTemplates).where(eq(messageTemplates.storeId, storeId)).orderBy(asc(messageTemplates.name));
}

export async function findTemplate(tx: Executor, storeId: number, id: number): Promise<TemplateRow | undefined> {
  const [row] = await tx.select().from(messageTemplates).where(and(eq(messageTemplates.storeId, storeId), eq(messageTemplates.id, id)));
  return row;
}

export async function insertTemplate(tx: Executor, values: typeof messageTemplates.$inferInsert): Promise<TemplateRow> {
  const [row] = await tx.insert(messageTemplates).values(values).returning();
  return row!;
}

export async function updateTemplate(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof messageTemplates.$inferInsert>) {
  const [row] = await tx
    .update(messageTemplates)
    .set({ ...patch, version: sql`${messageTemplates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(messageTemplates.storeId, storeId), eq(messageTemplates.id, id), eq(messageTemplates.version, version)))
    .returning();
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Settings

export async function findSettings(tx: Executor, storeId: number) {
  const [row] = await tx.select().from(outboxSettings).where(eq(outboxSettings.storeId, storeId));
  return row;
}

export async function upsertSettings(tx: Executor, storeId: number, s: OutboxSettings) {
  const values = { ...s, updatedAt: new Date() };
  await tx.insert(outboxSettings).values({ storeId, ...values }).onConflictDoUpdate({ target: outboxSettings.storeId, set: values });
}

export async function storeInfo(tx: Executor, storeId: number) {
  const [row] = await tx.select({ name: stores.name, timeZone: stores.timeZone }).from(stores).where(eq(stores.id, storeId));
  return row;
}

export async function plateOf(tx: Executor, storeId: number, vehicleId: number) {
  const [row] = await tx.select({ plate: vehicles.plate, mergedIntoId: vehicles.mergedIntoId }).from(vehicles).where(and(eq(vehicles.storeId, storeId), eq(vehicles.id, vehicleId)));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Messages

export async function insertMessage(tx: Executor, values: typeof outboxMessages.$inferInsert): Promise<MessageRow> {
  const [row] = await tx.insert(outboxMessages).values(values).returning();
  return row!;
}

function selectViews(tx: Executor) {
  return tx
    .select({ m: outboxMessages, customerName: customers.name, plate: vehicles.plate })
    .from(outboxMessages)
    .leftJoin(customers, eq(customers.id, outboxMessages.customerId))
    .leftJoin(vehicles, eq(vehicles.id, outboxMessages.vehicleId));
}
type Joined = Awaited<ReturnType<ReturnType<typeof selectViews>['execute']>>[number];
export type MessageView = MessageRow & { customerName: string | null; plate: string | null };
const flatten = ({ m, ...rest }: Joined): MessageView => ({ ...m, ...rest });

export async function findMessage(tx: Executor, storeId: number, id: number): Promise<MessageView | undefined> {
  const [row] = await selectViews(tx).where(and(eq(outboxMessages.storeId, storeId), eq(outboxMessages.id, id)));
  return row && flatten(row);
}

export async function listMessages(tx: Executor, storeId: number, query: MessageListQuery, range: { start?: Date; end?: Date }, limit?: number) {
  const q = query.q ? likePattern(query.q.replace(/[·\s]/g, '')) : undefined;
  const where: SQL = and(
    eq(outboxMessages.storeId, storeId),
    query.state ? eq(outboxMessages.state, query.state) : undefined,
    query.channel ? eq(outboxMessages.channel, query.channel) : undefined,
    query.customerId ? eq(outboxMessages.customerId, query.customerId) : undefined,
    query.vehicleId ? eq(outboxMessages.vehicleId, query.vehicleId) : undefined,
    query.sentOnly ? isNotNull(outboxMessages.sentAt) : undefined,
    range.start ? gte(outboxMessages.createdAt, range.start) : undefined,
    range.end ? lt(outboxMessages.createdAt, range.end) : undefined,
    q ? or(ilike(customers.name, q), ilike(vehicles.plate, q), ilike(outboxMessages.recipient, q), ilike(outboxMessages.body, q)) : undefined,
  )!;
  const sort = query.sort ? orderBy(query, { createdAt: outboxMessages.createdAt, sentAt: outboxMessages.sentAt }, outboxMessages.id) : [desc(outboxMessages.createdAt), desc(outboxMessages.id)];
  const rows = await selectViews(tx)
    .where(where)
    .orderBy(...sort)
    .limit(limit ?? query.pageSize)
    .offset(limit === undefined ? offsetOf(query) : 0);
  const [total] = await tx
    .select({ n: count() })
    .from(outboxMessages)
    .leftJoin(customers, eq(customers.id, outboxMessages.customerId))
    .leftJoin(vehicles, eq(vehicles.id, outboxMessages.vehicleId))
    .where(where);
  return { items: rows.map(flatten), total: total?.n ?? 0 };
}

// ---------------------------------------------------------------------------------------------
// Delivery

/** A claimed message with what delivery decides on: the store's settings and the customer's consent. */
export interface ClaimedMessage {
  id: number;
  store_id: number;
  channel: MessageRow['channel'];
  customer_id: number | null;
  vehicle_id: number | null;
  recipient: string;
  subject: string;
  body: string;
  template_name: string;
  attempts: number;
  max_attempts: number;
  claimed_at: Date | string;
  store_name: string;
  time_zone: string;
  quiet_start: string | null;
  quiet_end: string | null;
  provider: OutboxSettings['provider'] | null;
  webhook_url: string | null;
  retry_base_seconds: number | null;
  consent_sms: boolean | null;
  consent_wechat: boolean | null;
}

/**
 * Claims up to `limit` due messages of every store: queued ones whose time has come, and ones left
 * `sending` longer than the lease by an instance that died. `FOR UPDATE SKIP LOCKED` lets several
 * instances claim side by side without ever taking the same row; the claim commits before anything
 * is sent, so a second instance sees the row as `sending` with a fresh lease.
 */
export function claimDue(tx: Executor, now: Date, leaseSeconds: number, limit: number) {
  return queryRows<ClaimedMessage>(
    tx,
    sql`WITH due AS (
          SELECT id FROM outbox_messages
          WHERE (state = 'queued' AND next_attempt_at <= ${now})
             OR (state = 'sending' AND claimed_at < ${now}::timestamptz - make_interval(secs => ${leaseSeconds}))
          ORDER BY next_attempt_at, id
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        ), claimed AS (
          UPDATE outbox_messages m SET state = 'sending', claimed_at = ${now}, updated_at = ${now}
          FROM due WHERE m.id = due.id
          RETURNING m.*
        )
        SELECT c.id, c.store_id, c.channel, c.customer_id, c.vehicle_id, c.recipient, c.subject, c.body, c.template_name,
               c.attempts, c.max_attempts, c.claimed_at,
               s.name AS store_name, s.time_zone AS time_zone,
               o.quiet_start, o.quiet_end, o.provider, o.webhook_url, o.retry_base_seconds,
               cu.consent_sms, cu.consent_wechat
        FROM claimed c
        JOIN stores s ON s.id = c.store_id
        LEFT JOIN outbox_settings o ON o.store_id = c.store_id
        LEFT JOIN customers cu ON cu.id = c.customer_id
        ORDER BY c.id`,
  );
}

/** Finishes a claimed message, only if this claim still holds it (a lease taken over is left alone). */
export async function finishClaim(tx: Executor, id: number, claimedAt: Date, patch: Partial<typeof outboxMessages.$inferInsert>): Promise<boolean> {
  const rows = await tx
    .update(outboxMessages)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.state, 'sending'), eq(outboxMessages.claimedAt, claimedAt)))
    .returning({ id: outboxMessages.id });
  return rows.length > 0;
}
