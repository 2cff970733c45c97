import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { CareQueue, CareQueueTab, CareTaskKind, CareTaskStatus } from '#contracts/care';
import type { Executor } from '../../db/types';
import { customers } from '../customers/customers.table';
import { stores } from '../stores/stores.table';
import { careAnswers, careCalls, careTasks, questionnaires } from './care.table';

export type TaskRow = typeof careTasks.$inferSelect;
export type CallRow = typeof careCalls.$inferSelect;
export type QuestionnaireRow = typeof questionnaires.$inferSelect;

/** Every store with its zone and settings: the scan runs per store (stores are group reference data). */
export function allStores(tx: Executor) {
  return tx.select({ id: stores.id, timeZone: stores.timeZone, settings: stores.settings }).from(stores).orderBy(asc(stores.id));
}

const taskColumns = { task: careTasks, mobile: customers.mobile };

function queueWhere(storeId: number, queue: CareQueue, tab: CareQueueTab, now: Date, endOfToday: Date, kind?: CareTaskKind, assigneeId?: number | null): SQL {
  const window =
    tab === 'overdue' ? lt(careTasks.dueAt, now) : tab === 'today' ? and(gte(careTasks.dueAt, now), lt(careTasks.dueAt, endOfToday)) : gte(careTasks.dueAt, endOfToday);
  return and(
    eq(careTasks.storeId, storeId),
    eq(careTasks.queue, queue),
    eq(careTasks.status, 'open'),
    window,
    kind ? eq(careTasks.kind, kind) : undefined,
    // Pick-up notices belong to the RO's advisor; an advisor sees their own.
    assigneeId != null ? eq(careTasks.assigneeId, assigneeId) : undefined,
  )!;
}

/** One page of the agent queue, served by the partial index on open tasks (store, queue, due). */
export async function queuePage(
  tx: Executor,
  p: { storeId: number; queue: CareQueue; tab: CareQueueTab; now: Date; endOfToday: Date; kind?: CareTaskKind | undefined; q?: string | undefined; assigneeId?: number | null; offset: number; limit: number },
) {
  const search = p.q ? searchWhere(p.q) : undefined;
  const where = and(queueWhere(p.storeId, p.queue, p.tab, p.now, p.endOfToday, p.kind, p.assigneeId), search);
  // Earliest due first in every tab: the most overdue call is the next one.
  const order = [asc(careTasks.dueAt), asc(careTasks.id)];
  const rows = await tx
    .select(taskColumns)
    .from(careTasks)
    .leftJoin(customers, and(eq(customers.id, careTasks.customerId), eq(customers.storeId, careTasks.storeId)))
    .where(where)
    .orderBy(...order)
    .limit(p.limit)
    .offset(p.offset);
  const [total] = await tx.select({ n: count() }).from(careTasks).leftJoin(customers, and(eq(customers.id, careTasks.customerId), eq(customers.storeId, careTasks.storeId))).where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Plate (any part, with or without the dot) or 4+ digits of the customer's phone. */
function searchWhere(q: string): SQL {
  const plate = q.replace(/[·\s]/g, '').toUpperCase();
  const digits = q.replace(/\D/g, '');
  const byPlate = sql`${careTasks.plate} LIKE ${'%' + plate.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`;
  return digits.length >= 4 ? sql`(${byPlate} OR ${customers.phoneDigits} LIKE ${'%' + digits + '%'})` : byPlate;
}

export async function queueCounts(tx: Executor, storeId: number, queue: CareQueue, now: Date, endOfToday: Date, assigneeId?: number | null) {
  const [row] = await tx
    .select({
      overdue: sql<number>`count(*) FILTER (WHERE ${careTasks.dueAt} < ${now.toISOString()}::timestamptz)::int`,
      today: sql<number>`count(*) FILTER (WHERE ${careTasks.dueAt} >= ${now.toISOString()}::timestamptz AND ${careTasks.dueAt} < ${endOfToday.toISOString()}::timestamptz)::int`,
      upcoming: sql<number>`count(*) FILTER (WHERE ${careTasks.dueAt} >= ${endOfToday.toISOString()}::timestamptz)::int`,
    })
    .from(careTasks)
    .where(and(eq(careTasks.storeId, storeId), eq(careTasks.queue, queue), eq(careTasks.status, 'open'), assigneeId != null ? eq(careTasks.assigneeId, assigneeId) : undefined));
  return row ?? { overdue: 0, today: 0, upcoming: 0 };
}

export async function listTasks(
  tx: Executor,
  p: { storeId: number; status?: CareTaskStatus | undefined; kind?: CareTaskKind | undefined; vehicleId?: number | undefined; roId?: number | undefined; offset: number; limit: number },
) {
  const where = and(
    eq(careTasks.storeId, p.storeId),
    p.status ? eq(careTasks.status, p.status) : undefined,
    p.kind ? eq(careTasks.kind, p.kind) : undefined,
    p.vehicleId ? eq(careTasks.vehicleId, p.vehicleId) : undefined,
    p.roId ? eq(careTasks.roId, p.roId) : undefined,
  );
  const rows = await tx
    .select(taskColumns)
    .from(careTasks)
    .leftJoin(customers, and(eq(customers.id, careTasks.customerId), eq(customers.storeId, careTasks.storeId)))
    .where(where)
    .orderBy(desc(careTasks.dueAt), desc(careTasks.id))
    .limit(p.limit)
    .offset(p.offset);
  const [total] = await tx.select({ n: count() }).from(careTasks).where(where);
  return { rows, total: total?.n ?? 0 };
}

export async function findTask(tx: Executor, storeId: number, id: number, lock = false) {
  const q = tx
    .select(taskColumns)
    .from(careTasks)
    .leftJoin(customers, and(eq(customers.id, careTasks.customerId), eq(customers.storeId, careTasks.storeId)))
    .where(and(eq(careTasks.storeId, storeId), eq(careTasks.id, id)));
  const [row] = lock ? await q.for('update', { of: careTasks }) : await q;
  return row ?? null;
}

/** Conditional update on the version the agent saw: a second click or a colleague's call gets 409. */
export async function updateTask(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof careTasks.$inferInsert>) {
  const [row] = await tx
    .update(careTasks)
    .set({ ...patch, version: sql`${careTasks.version} + 1` })
    .where(and(eq(careTasks.storeId, storeId), eq(careTasks.id, id), eq(careTasks.version, version)))
    .returning();
  return row ?? null;
}

export async function insertTask(tx: Executor, row: typeof careTasks.$inferInsert) {
  const [created] = await tx.insert(careTasks).values(row).onConflictDoNothing({ target: [careTasks.storeId, careTasks.kind, careTasks.businessKey] }).returning();
  return created ?? null;
}

export async function insertCall(tx: Executor, row: typeof careCalls.$inferInsert) {
  const [created] = await tx.insert(careCalls).values(row).returning();
  return created!;
}

export async function linkSupervisorTask(tx: Executor, storeId: number, callId: number, taskId: number) {
  await tx.update(careCalls).set({ supervisorTaskId: taskId }).where(and(eq(careCalls.storeId, storeId), eq(careCalls.id, callId)));
}

export async function insertAnswers(tx: Executor, rows: (typeof careAnswers.$inferInsert)[]) {
  if (rows.length) await tx.insert(careAnswers).values(rows);
}

export async function callsOfTask(tx: Executor, storeId: number, taskId: number) {
  return tx.select().from(careCalls).where(and(eq(careCalls.storeId, storeId), eq(careCalls.taskId, taskId))).orderBy(desc(careCalls.calledAt), desc(careCalls.id));
}

export async function answersOf(tx: Executor, storeId: number, callIds: number[]) {
  if (callIds.length === 0) return [];
  return tx.select().from(careAnswers).where(and(eq(careAnswers.storeId, storeId), inArray(careAnswers.callId, callIds))).orderBy(asc(careAnswers.id));
}

/** 跟踪服务电话记录表: calls of the period, newest first, with the customer's phone. */
export async function callRegister(tx: Executor, p: { storeId: number; from: Date; to: Date; outcome?: string | undefined; offset: number; limit: number }) {
  const where = and(
    eq(careCalls.storeId, p.storeId),
    gte(careCalls.calledAt, p.from),
    lt(careCalls.calledAt, p.to),
    p.outcome ? eq(careCalls.outcome, p.outcome as CallRow['outcome']) : undefined,
  );
  const rows = await tx
    .select({ call: careCalls, customerName: careTasks.customerName, plate: careTasks.plate, roNumber: careTasks.roNumber, mobile: customers.mobile })
    .from(careCalls)
    .innerJoin(careTasks, and(eq(careTasks.id, careCalls.taskId), eq(careTasks.storeId, careCalls.storeId)))
    .leftJoin(customers, and(eq(customers.id, careCalls.customerId), eq(customers.storeId, careCalls.storeId)))
    .where(where)
    .orderBy(desc(careCalls.calledAt), desc(careCalls.id))
    .limit(p.limit)
    .offset(p.offset);
  const [total] = await tx.select({ n: count() }).from(careCalls).where(where);
  return { rows, total: total?.n ?? 0 };
}

// --- questionnaires ------------------------------------------------------------------------

export function listQuestionnaires(tx: Executor, storeId: number) {
  return tx.select().from(questionnaires).where(eq(questionnaires.storeId, storeId)).orderBy(desc(questionnaires.isDefault), asc(questionnaires.id));
}

export async function findQuestionnaire(tx: Executor, storeId: number, id: number) {
  const [row] = await tx.select().from(questionnaires).where(and(eq(questionnaires.storeId, storeId), eq(questionnaires.id, id)));
  return row ?? null;
}

export async function defaultQuestionnaire(tx: Executor, storeId: number) {
  const [row] = await tx.select().from(questionnaires).where(and(eq(questionnaires.storeId, storeId), eq(questionnaires.isDefault, true)));
  return row ?? null;
}

/** Writes the default set once: the partial unique index makes two first uses at once safe. */
export async function insertDefaultQuestionnaire(tx: Executor, row: typeof questionnaires.$inferInsert) {
  await tx
    .insert(questionnaires)
    .values(row)
    .onConflictDoNothing({ target: questionnaires.storeId, where: sql`${questionnaires.isDefault}` });
}

export async function insertQuestionnaire(tx: Executor, row: typeof questionnaires.$inferInsert) {
  const [created] = await tx.insert(questionnaires).values(row).returning();
  return created!;
}

export async function clearDefault(tx: Executor, storeId: number, exceptId: number | null) {
  await tx
    .update(questionnaires)
    .set({ isDefault: false })
    .where(and(eq(questionnaires.storeId, storeId), eq(questionnaires.isDefault, true), exceptId ? sql`${questionnaires.id} <> ${exceptId}` : undefined));
}

export async function updateQuestionnaire(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof questionnaires.$inferInsert>) {
  const [row] = await tx
    .update(questionnaires)
    .set({ ...patch, version: sql`${questionnaires.version} + 1`, updatedAt: new Date() })
    .where(and(eq(questionnaires.storeId, storeId), eq(questionnaires.id, id), eq(questionnaires.version, version)))
    .returning();
  return row ?? null;
}

// --- statistics ------------------------------------------------------------------------------

/**
 * SPEC §10 counts over satisfaction callbacks (tasks) with a call in [from, to): each callback
 * counted once however many attempts it took; its best outcome and overall score in the period.
 */
export async function callbackCounts(tx: Executor, storeId: number, from: Date, to: Date, groupByAdvisor: boolean) {
  const perTask = sql`
    SELECT c.task_id, max(c.advisor_id) AS advisor_id, max(c.advisor_name) AS advisor_name,
           bool_or(c.outcome = 'reached') AS reached,
           max(c.overall_score) FILTER (WHERE c.outcome = 'reached') AS score,
           count(c.complaint_id)::int AS complaints
    FROM ${careCalls} c
    WHERE c.store_id = ${storeId} AND c.task_kind = 'satisfaction'
      AND c.called_at >= ${from.toISOString()}::timestamptz AND c.called_at < ${to.toISOString()}::timestamptz
    GROUP BY c.task_id`;
  const group = groupByAdvisor ? sql`advisor_id` : sql`NULL::int`;
  const result = await tx.execute(sql`
    SELECT ${group} AS advisor_id, max(advisor_name) AS advisor_name,
           count(*)::int AS made,
           count(*) FILTER (WHERE reached AND score IS NOT NULL)::int AS valid,
           count(*) FILTER (WHERE score = 5)::int AS delighted,
           count(*) FILTER (WHERE score <= 3)::int AS disappointed,
           count(*) FILTER (WHERE NOT reached)::int AS unreachable,
           avg(score)::float8 AS average_score,
           sum(complaints)::int AS complaints
    FROM (${perTask}) t
    ${groupByAdvisor ? sql`GROUP BY advisor_id` : sql``}`);
  return rowsOf(result) as {
    advisor_id: number | null;
    advisor_name: string | null;
    made: number;
    valid: number;
    delighted: number;
    disappointed: number;
    unreachable: number;
    average_score: number | null;
    complaints: number;
  }[];
}

/** Per-question answers of reached satisfaction calls in the period. */
export async function questionAverages(tx: Executor, storeId: number, from: Date, to: Date) {
  const result = await tx.execute(sql`
    SELECT a.code, count(*)::int AS answers, avg(a.score)::float8 AS avg_score, avg(CASE WHEN a.yes THEN 1.0 WHEN a.yes IS NOT NULL THEN 0.0 END)::float8 AS yes_share
    FROM ${careAnswers} a JOIN ${careCalls} c ON c.id = a.call_id AND c.store_id = a.store_id
    WHERE a.store_id = ${storeId} AND c.task_kind = 'satisfaction'
      AND c.called_at >= ${from.toISOString()}::timestamptz AND c.called_at < ${to.toISOString()}::timestamptz
    GROUP BY a.code`);
  return rowsOf(result) as { code: string; answers: number; avg_score: number | null; yes_share: number | null }[];
}

export function rowsOf(result: unknown): unknown[] {
  // node-postgres and PGlite's drizzle drivers both return { rows }.
  return Array.isArray(result) ? result : ((result as { rows?: unknown[] }).rows ?? []);
}
