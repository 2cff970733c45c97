import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, notExists, or, sql, type SQL } from 'drizzle-orm';
import { OPEN_RO_STATES, type RoState } from '#contracts/repair-orders';
import type { FaultCaseQuery, IncidentQuery, JobState } from '#contracts/workshop';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { bays } from '../bays/bays.table';
import { additionalWork, repairOrderLines, repairOrders } from '../repair-orders/repair-orders.table';
import { stores } from '../stores/stores.table';
import { attendance, clockRecords, comebacks, faultCases, jobs, jobTechnicians, qcChecklistItems, qcInspections, qualityIncidents } from './workshop.table';

/*
 * The workshop reads the repair-order, bay and store tables it joins against (read-only: see
 * docs/decisions/0007-workshop-jobs-events-and-kpis.md); it changes an RO's state only through the
 * repair-order module's applyTransition.
 */

export type JobRow = typeof jobs.$inferSelect;
export type ClockRow = typeof clockRecords.$inferSelect;
export type RoRow = typeof repairOrders.$inferSelect;
export type LineRow = typeof repairOrderLines.$inferSelect;
export type InspectionRow = typeof qcInspections.$inferSelect;
export type FaultCaseRow = typeof faultCases.$inferSelect;
export type IncidentRow = typeof qualityIncidents.$inferSelect;
export type ComebackRow = typeof comebacks.$inferSelect;

/** RO states whose labour lines may be dispatched. */
export const DISPATCHABLE_RO_STATES: readonly RoState[] = ['open', 'dispatched', 'in_progress', 'paused', 'rework'];

// ---------------------------------------------------------------------------------------------
// Repair orders (read) and lines

export async function findRoForUpdate(tx: Executor, storeId: number, roId: number): Promise<RoRow | undefined> {
  const [row] = await tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, roId)))
    .for('update');
  return row;
}

export async function findRo(tx: Executor, storeId: number, roId: number): Promise<RoRow | undefined> {
  const [row] = await tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, roId)));
  return row;
}

export async function findLabourLine(tx: Executor, storeId: number, lineId: number): Promise<LineRow | undefined> {
  const [row] = await tx
    .select()
    .from(repairOrderLines)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.id, lineId), eq(repairOrderLines.kind, 'labour'), isNull(repairOrderLines.removedAt)));
  return row;
}

/** Live labour lines of dispatchable ROs without a job (the dispatcher's queue), most urgent first. */
export function unassignedLines(tx: Executor, storeId: number) {
  return tx
    .select({ line: repairOrderLines, ro: repairOrders })
    .from(repairOrderLines)
    .innerJoin(repairOrders, and(eq(repairOrders.id, repairOrderLines.roId), eq(repairOrders.storeId, repairOrderLines.storeId)))
    .where(
      and(
        eq(repairOrderLines.storeId, storeId),
        eq(repairOrderLines.kind, 'labour'),
        isNull(repairOrderLines.removedAt),
        inArray(repairOrders.state, [...DISPATCHABLE_RO_STATES]),
        notExists(
          tx
            .select({ one: sql`1` })
            .from(jobs)
            .where(and(eq(jobs.storeId, storeId), eq(jobs.roLineId, repairOrderLines.id))),
        ),
      ),
    )
    .orderBy(sql`${repairOrders.promisedAt} ASC NULLS LAST`, asc(repairOrders.id), asc(repairOrderLines.id))
    .limit(500);
}

export async function liveLabourLineCount(tx: Executor, storeId: number, roId: number): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(repairOrderLines)
    .where(and(eq(repairOrderLines.storeId, storeId), eq(repairOrderLines.roId, roId), eq(repairOrderLines.kind, 'labour'), isNull(repairOrderLines.removedAt)));
  return row?.n ?? 0;
}

export function rosByIds(tx: Executor, storeId: number, ids: number[]) {
  if (ids.length === 0) return Promise.resolve([] as RoRow[]);
  return tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), inArray(repairOrders.id, ids)));
}

export function openRos(tx: Executor, storeId: number) {
  return tx
    .select()
    .from(repairOrders)
    .where(and(eq(repairOrders.storeId, storeId), inArray(repairOrders.state, [...OPEN_RO_STATES])))
    .orderBy(sql`${repairOrders.promisedAt} ASC NULLS LAST`, asc(repairOrders.id))
    .limit(500);
}

export function pendingAdditionalWorkCounts(tx: Executor, storeId: number, roIds: number[]) {
  if (roIds.length === 0) return Promise.resolve([] as { roId: number; n: number }[]);
  return tx
    .select({ roId: additionalWork.roId, n: count() })
    .from(additionalWork)
    .where(and(eq(additionalWork.storeId, storeId), inArray(additionalWork.roId, roIds), eq(additionalWork.decision, 'pending')))
    .groupBy(additionalWork.roId);
}

export async function storeOpeningHours(tx: Executor, storeId: number) {
  const [row] = await tx.select({ openingHours: stores.openingHours }).from(stores).where(eq(stores.id, storeId));
  return row?.openingHours ?? { opens: '08:30', closes: '18:00' };
}

export function activeBays(tx: Executor, storeId: number) {
  return tx
    .select()
    .from(bays)
    .where(and(eq(bays.storeId, storeId), eq(bays.active, true)))
    .orderBy(asc(bays.code));
}

export async function findBay(tx: Executor, storeId: number, bayId: number) {
  const [row] = await tx
    .select()
    .from(bays)
    .where(and(eq(bays.storeId, storeId), eq(bays.id, bayId)));
  return row;
}

// ---------------------------------------------------------------------------------------------
// Jobs

export async function findJob(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}): Promise<JobRow | undefined> {
  const q = tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.storeId, storeId), eq(jobs.id, id)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  return row;
}

export async function insertJob(tx: Executor, row: typeof jobs.$inferInsert): Promise<JobRow> {
  const [created] = await tx.insert(jobs).values(row).returning();
  return created!;
}

export async function updateJob(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof jobs.$inferInsert>): Promise<JobRow | undefined> {
  const [row] = await tx
    .update(jobs)
    .set({ ...patch, version: sql`${jobs.version} + 1` })
    .where(and(eq(jobs.storeId, storeId), eq(jobs.id, id), eq(jobs.version, version)))
    .returning();
  return row;
}

export function jobsOfRo(tx: Executor, storeId: number, roId: number) {
  return tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.storeId, storeId), eq(jobs.roId, roId)))
    .orderBy(asc(jobs.id));
}

export function jobsOfRos(tx: Executor, storeId: number, roIds: number[]) {
  if (roIds.length === 0) return Promise.resolve([] as JobRow[]);
  return tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.storeId, storeId), inArray(jobs.roId, roIds)))
    .orderBy(asc(jobs.id));
}

/** Jobs still being worked or waiting for QC, plus those finished since `since`. */
export function currentJobs(tx: Executor, storeId: number, since: Date) {
  return tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.storeId, storeId), or(ne(jobs.state, 'done'), ne(jobs.qcStage, 'passed'), gte(jobs.finishedAt, since))))
    .orderBy(asc(jobs.id))
    .limit(1000);
}

export function jobsOfTechnician(tx: Executor, storeId: number, userId: number, states: readonly JobState[]) {
  return tx
    .select({ job: jobs })
    .from(jobs)
    .innerJoin(jobTechnicians, and(eq(jobTechnicians.jobId, jobs.id), eq(jobTechnicians.storeId, jobs.storeId)))
    .where(and(eq(jobs.storeId, storeId), eq(jobTechnicians.userId, userId), or(inArray(jobs.state, [...states]), and(eq(jobs.state, 'done'), eq(jobs.qcStage, 'self')))))
    .orderBy(asc(jobs.id));
}

export function jobsAtQcStage(tx: Executor, storeId: number, stage: 'team' | 'final') {
  return tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.storeId, storeId), eq(jobs.state, 'done'), eq(jobs.qcStage, stage)))
    .orderBy(asc(jobs.finishedAt), asc(jobs.id))
    .limit(300);
}

export function techniciansOf(tx: Executor, storeId: number, jobIds: number[]) {
  if (jobIds.length === 0) return Promise.resolve([] as (typeof jobTechnicians.$inferSelect)[]);
  return tx
    .select()
    .from(jobTechnicians)
    .where(and(eq(jobTechnicians.storeId, storeId), inArray(jobTechnicians.jobId, jobIds)))
    .orderBy(asc(jobTechnicians.jobId), asc(jobTechnicians.position));
}

export async function setTechnicians(tx: Executor, storeId: number, jobId: number, technicians: { userId: number; name: string }[]): Promise<void> {
  await tx.delete(jobTechnicians).where(and(eq(jobTechnicians.storeId, storeId), eq(jobTechnicians.jobId, jobId)));
  await tx.insert(jobTechnicians).values(technicians.map((t, position) => ({ storeId, jobId, userId: t.userId, name: t.name, position })));
}

// ---------------------------------------------------------------------------------------------
// Clock records

export function openClocksOf(tx: Executor, storeId: number, technicianIds: number[]) {
  if (technicianIds.length === 0) return Promise.resolve([] as ClockRow[]);
  return tx
    .select()
    .from(clockRecords)
    .where(and(eq(clockRecords.storeId, storeId), inArray(clockRecords.technicianId, technicianIds), isNull(clockRecords.endedAt)));
}

export function allOpenClocks(tx: Executor, storeId: number) {
  return tx
    .select()
    .from(clockRecords)
    .where(and(eq(clockRecords.storeId, storeId), isNull(clockRecords.endedAt)));
}

export async function openClocks(tx: Executor, rows: (typeof clockRecords.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(clockRecords).values(rows);
}

export async function closeClocksOfJob(tx: Executor, storeId: number, jobId: number, at: Date, endReason: string, note = ''): Promise<void> {
  await tx
    .update(clockRecords)
    .set({ endedAt: at, endReason, note })
    .where(and(eq(clockRecords.storeId, storeId), eq(clockRecords.jobId, jobId), isNull(clockRecords.endedAt)));
}

export function clocksOfJobs(tx: Executor, storeId: number, jobIds: number[]) {
  if (jobIds.length === 0) return Promise.resolve([] as ClockRow[]);
  return tx
    .select()
    .from(clockRecords)
    .where(and(eq(clockRecords.storeId, storeId), inArray(clockRecords.jobId, jobIds)))
    .orderBy(asc(clockRecords.startedAt));
}

/** Clock records overlapping [from, to). */
export function clocksBetween(tx: Executor, storeId: number, from: Date, to: Date) {
  return tx
    .select()
    .from(clockRecords)
    .where(and(eq(clockRecords.storeId, storeId), lt(clockRecords.startedAt, to), or(isNull(clockRecords.endedAt), gte(clockRecords.endedAt, from))))
    .orderBy(asc(clockRecords.startedAt));
}

/** Jobs finished in [from, to) with their technicians (earned hours). */
export function finishedJobsBetween(tx: Executor, storeId: number, from: Date, to: Date) {
  return tx
    .select({ jobId: jobs.id, finishedAt: jobs.finishedAt, standardHours: jobs.standardHours, userId: jobTechnicians.userId, name: jobTechnicians.name })
    .from(jobs)
    .innerJoin(jobTechnicians, and(eq(jobTechnicians.jobId, jobs.id), eq(jobTechnicians.storeId, jobs.storeId)))
    .where(and(eq(jobs.storeId, storeId), isNotNull(jobs.finishedAt), gte(jobs.finishedAt, from), lt(jobs.finishedAt, to)));
}

export function attendanceBetween(tx: Executor, storeId: number, fromDay: string, toDay: string) {
  return tx
    .select()
    .from(attendance)
    .where(and(eq(attendance.storeId, storeId), gte(attendance.day, fromDay), sql`${attendance.day} <= ${toDay}`));
}

export async function upsertAttendance(tx: Executor, row: typeof attendance.$inferInsert): Promise<void> {
  await tx
    .insert(attendance)
    .values(row)
    .onConflictDoUpdate({ target: [attendance.storeId, attendance.userId, attendance.day], set: { hours: row.hours, enteredBy: row.enteredBy, enteredAt: new Date() } });
}

// ---------------------------------------------------------------------------------------------
// QC

export function checklistOf(tx: Executor, storeId: number, jobType: string) {
  return tx
    .select()
    .from(qcChecklistItems)
    .where(and(eq(qcChecklistItems.storeId, storeId), eq(qcChecklistItems.jobType, jobType as never), eq(qcChecklistItems.active, true)))
    .orderBy(asc(qcChecklistItems.position));
}

export async function anyChecklistRow(tx: Executor, storeId: number, jobType: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: qcChecklistItems.id })
    .from(qcChecklistItems)
    .where(and(eq(qcChecklistItems.storeId, storeId), eq(qcChecklistItems.jobType, jobType as never)))
    .limit(1);
  return row !== undefined;
}

/** Inserts items; an item whose code exists already is left alone (two first uses at once). */
export async function insertChecklistItems(tx: Executor, rows: (typeof qcChecklistItems.$inferInsert)[]): Promise<void> {
  if (rows.length) await tx.insert(qcChecklistItems).values(rows).onConflictDoNothing();
}

export async function deactivateChecklist(tx: Executor, storeId: number, jobType: string): Promise<void> {
  await tx
    .update(qcChecklistItems)
    .set({ active: false })
    .where(and(eq(qcChecklistItems.storeId, storeId), eq(qcChecklistItems.jobType, jobType as never)));
}

export async function upsertChecklistItem(tx: Executor, row: typeof qcChecklistItems.$inferInsert): Promise<void> {
  await tx
    .insert(qcChecklistItems)
    .values(row)
    .onConflictDoUpdate({ target: [qcChecklistItems.storeId, qcChecklistItems.jobType, qcChecklistItems.code], set: { text: row.text, position: row.position, active: true } });
}

export async function insertInspection(tx: Executor, row: typeof qcInspections.$inferInsert): Promise<InspectionRow> {
  const [created] = await tx.insert(qcInspections).values(row).returning();
  return created!;
}

export function inspectionsOfJob(tx: Executor, storeId: number, jobId: number) {
  return tx
    .select()
    .from(qcInspections)
    .where(and(eq(qcInspections.storeId, storeId), eq(qcInspections.jobId, jobId)))
    .orderBy(asc(qcInspections.at), asc(qcInspections.id));
}

// ---------------------------------------------------------------------------------------------
// Comebacks and the quality KPIs

export async function insertComeback(tx: Executor, row: typeof comebacks.$inferInsert): Promise<ComebackRow> {
  const [created] = await tx.insert(comebacks).values(row).returning();
  return created!;
}

export async function setComebackOf(tx: Executor, storeId: number, roId: number, originalRoId: number): Promise<void> {
  await tx
    .update(repairOrders)
    .set({ comebackOfRoId: originalRoId })
    .where(and(eq(repairOrders.storeId, storeId), eq(repairOrders.id, roId)));
}

export function comebacksBetween(tx: Executor, storeId: number, from: Date, to: Date) {
  return tx
    .select()
    .from(comebacks)
    .where(and(eq(comebacks.storeId, storeId), gte(comebacks.recordedAt, from), lt(comebacks.recordedAt, to)))
    .orderBy(desc(comebacks.recordedAt))
    .limit(500);
}

export function technicianNamesOfRos(tx: Executor, storeId: number, roIds: number[]) {
  if (roIds.length === 0) return Promise.resolve([] as { roId: number; name: string }[]);
  return tx
    .selectDistinct({ roId: jobs.roId, name: jobTechnicians.name })
    .from(jobs)
    .innerJoin(jobTechnicians, and(eq(jobTechnicians.jobId, jobs.id), eq(jobTechnicians.storeId, jobs.storeId)))
    .where(and(eq(jobs.storeId, storeId), inArray(jobs.roId, roIds)));
}

export interface QualityFacts {
  roId: number;
  /** Delivered in the period. */
  delivered: boolean;
  comeback: boolean;
  /** Reached QC in the period. */
  throughQc: boolean;
  rework: boolean;
}

/**
 * One row per RO delivered in [from, to) or submitted to QC in [from, to), with whether a comeback
 * is linked to it and whether it had internal rework (SPEC §16; formulas in contracts/workshop.ts).
 */
export async function qualityFacts(tx: Executor, storeId: number, from: Date, to: Date): Promise<QualityFacts[]> {
  const f = from.toISOString();
  const t = to.toISOString();
  const rows = await queryRows<{ ro_id: number; delivered: boolean; comeback: boolean; through_qc: boolean; rework: boolean }>(tx, sql`
    WITH period_ros AS (
      SELECT ro.id,
             (ro.delivered_at >= ${f}::timestamptz AND ro.delivered_at < ${t}::timestamptz) AS delivered,
             EXISTS (SELECT 1 FROM repair_order_transitions t
                      WHERE t.store_id = ro.store_id AND t.ro_id = ro.id AND t.action = 'submit_qc' AND t.at >= ${f}::timestamptz AND t.at < ${t}::timestamptz) AS through_qc
        FROM repair_orders ro
       WHERE ro.store_id = ${storeId}
         AND ((ro.delivered_at >= ${f}::timestamptz AND ro.delivered_at < ${t}::timestamptz)
              OR EXISTS (SELECT 1 FROM repair_order_transitions t
                          WHERE t.store_id = ro.store_id AND t.ro_id = ro.id AND t.action = 'submit_qc' AND t.at >= ${f}::timestamptz AND t.at < ${t}::timestamptz))
    )
    SELECT p.id AS ro_id, p.delivered, p.through_qc,
           EXISTS (SELECT 1 FROM comebacks c WHERE c.store_id = ${storeId} AND c.original_ro_id = p.id) AS comeback,
           (EXISTS (SELECT 1 FROM qc_inspections q WHERE q.store_id = ${storeId} AND q.ro_id = p.id AND NOT q.passed AND q.level IN ('team', 'final'))
            OR EXISTS (SELECT 1 FROM repair_order_transitions t WHERE t.store_id = ${storeId} AND t.ro_id = p.id AND t.action IN ('qc_fail', 'return_to_workshop'))) AS rework
      FROM period_ros p`);
  return rows.map((r) => ({
    roId: Number(r.ro_id),
    delivered: r.delivered === true,
    comeback: r.comeback === true,
    throughQc: r.through_qc === true,
    rework: r.rework === true,
  }));
}

/** Technicians (with their team, as the job recorded them) of the ROs' jobs. */
export function technicianRos(tx: Executor, storeId: number, roIds: number[]) {
  if (roIds.length === 0) return Promise.resolve([] as { roId: number; userId: number; name: string }[]);
  return tx
    .selectDistinct({ roId: jobs.roId, userId: jobTechnicians.userId, name: jobTechnicians.name })
    .from(jobs)
    .innerJoin(jobTechnicians, and(eq(jobTechnicians.jobId, jobs.id), eq(jobTechnicians.storeId, jobs.storeId)))
    .where(and(eq(jobs.storeId, storeId), inArray(jobs.roId, roIds)));
}

// ---------------------------------------------------------------------------------------------
// Case library and incidents

function caseWhere(storeId: number, query: FaultCaseQuery): SQL | undefined {
  const words = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  const like = (w: string) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return and(
    eq(faultCases.storeId, storeId),
    query.model ? sql`lower(${faultCases.modelName}) LIKE ${like(query.model.toLowerCase())}` : undefined,
    ...words.map((w) => sql`${faultCases.searchText} LIKE ${like(w)}`),
  );
}

export async function listCases(tx: Executor, storeId: number, query: FaultCaseQuery) {
  const where = caseWhere(storeId, query);
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(faultCases)
      .where(where)
      .orderBy(desc(faultCases.createdAt), desc(faultCases.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ n: count() }).from(faultCases).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findCase(tx: Executor, storeId: number, id: number): Promise<FaultCaseRow | undefined> {
  const [row] = await tx
    .select()
    .from(faultCases)
    .where(and(eq(faultCases.storeId, storeId), eq(faultCases.id, id)));
  return row;
}

export async function insertCase(tx: Executor, row: typeof faultCases.$inferInsert): Promise<FaultCaseRow> {
  const [created] = await tx.insert(faultCases).values(row).returning();
  return created!;
}

export async function updateCase(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof faultCases.$inferInsert>) {
  const [row] = await tx
    .update(faultCases)
    .set({ ...patch, updatedAt: new Date(), version: sql`${faultCases.version} + 1` })
    .where(and(eq(faultCases.storeId, storeId), eq(faultCases.id, id), eq(faultCases.version, version)))
    .returning();
  return row;
}

export async function listIncidents(tx: Executor, storeId: number, query: IncidentQuery) {
  const where = and(
    eq(qualityIncidents.storeId, storeId),
    query.status ? eq(qualityIncidents.status, query.status) : undefined,
    query.kind ? eq(qualityIncidents.kind, query.kind) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    tx
      .select()
      .from(qualityIncidents)
      .where(where)
      .orderBy(desc(qualityIncidents.occurredAt), desc(qualityIncidents.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    tx.select({ n: count() }).from(qualityIncidents).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function findIncident(tx: Executor, storeId: number, id: number): Promise<IncidentRow | undefined> {
  const [row] = await tx
    .select()
    .from(qualityIncidents)
    .where(and(eq(qualityIncidents.storeId, storeId), eq(qualityIncidents.id, id)));
  return row;
}

export async function insertIncident(tx: Executor, row: typeof qualityIncidents.$inferInsert): Promise<IncidentRow> {
  const [created] = await tx.insert(qualityIncidents).values(row).returning();
  return created!;
}

export async function updateIncident(tx: Executor, storeId: number, id: number, version: number, patch: Partial<typeof qualityIncidents.$inferInsert>) {
  const [row] = await tx
    .update(qualityIncidents)
    .set({ ...patch, updatedAt: new Date(), version: sql`${qualityIncidents.version} + 1` })
    .where(and(eq(qualityIncidents.storeId, storeId), eq(qualityIncidents.id, id), eq(qualityIncidents.version, version)))
    .returning();
  return row;
}
