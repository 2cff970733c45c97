import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { TimelineEvent, TimelineQuery } from '#contracts/customers-vehicles';
import type { Executor } from '../../db/types';
import type { Actor } from '../../platform/access';
import { offsetOf } from '../../platform/pagination';
import { timelineEvents } from './customers.table';

/**
 * The timeline interface (SPEC §3: "one envelope per vehicle holds all its history"). Later modules
 * (repair orders, calls, messages, complaints, surveys…) call `addTimelineEvent` in their own
 * store-scoped transaction; the vehicle page shows the events newest first. Give `vehicleId` for
 * anything about a car, `customerId` for anything about a person (both when both apply), and
 * `refType`/`refId` to link back to the document (`repair_order`, 42).
 */
export interface TimelineEventInput {
  vehicleId?: number | null;
  customerId?: number | null;
  /** A kind of TIMELINE_KIND_LABELS (contracts/customers-vehicles.ts): add yours there. */
  kind: string;
  /** One line for the list, in Chinese (the UI language of the records). */
  title: string;
  refType?: string | null;
  refId?: string | number | null;
  /** When it happened; default now. */
  at?: Date;
  data?: Record<string, unknown>;
  actor?: Pick<Actor, 'userId' | 'displayName'> | null;
}

export async function addTimelineEvent(tx: Executor, storeId: number, event: TimelineEventInput): Promise<number> {
  const [row] = await tx
    .insert(timelineEvents)
    .values({
      storeId,
      vehicleId: event.vehicleId ?? null,
      customerId: event.customerId ?? null,
      kind: event.kind,
      title: event.title,
      refType: event.refType ?? null,
      refId: event.refId == null ? null : String(event.refId),
      at: event.at ?? new Date(),
      data: event.data ?? {},
      actorId: event.actor?.userId ?? null,
      actorName: event.actor?.displayName ?? '',
    })
    .returning({ id: timelineEvents.id });
  return row!.id;
}

function toEvent(row: typeof timelineEvents.$inferSelect): TimelineEvent {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    at: row.at.toISOString(),
    vehicleId: row.vehicleId,
    customerId: row.customerId,
    refType: row.refType,
    refId: row.refId,
    data: row.data,
    actorName: row.actorName,
  };
}

/** Newest first; `of` is the vehicle or the customer whose envelope is read. */
export async function listTimeline(tx: Executor, storeId: number, of: { vehicleId: number } | { customerId: number }, query: TimelineQuery) {
  const owner: SQL = 'vehicleId' in of ? eq(timelineEvents.vehicleId, of.vehicleId) : eq(timelineEvents.customerId, of.customerId);
  const where = and(eq(timelineEvents.storeId, storeId), owner, query.kind ? eq(timelineEvents.kind, query.kind) : undefined);
  const rows = await tx
    .select()
    .from(timelineEvents)
    .where(where)
    .orderBy(desc(timelineEvents.at), desc(timelineEvents.id))
    .limit(query.pageSize)
    .offset(offsetOf({ ...query, order: 'asc' }));
  const [total] = await tx.select({ n: count() }).from(timelineEvents).where(where);
  return { items: rows.map(toEvent), total: total?.n ?? 0, page: query.page, pageSize: query.pageSize };
}
