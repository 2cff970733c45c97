import { sql } from 'drizzle-orm';
import { boolean, check, date, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { PauseReason } from '#contracts/repair-orders';
import type { SkillGrade } from '#contracts/roles';
import type { JobType } from '#contracts/stores';
import type { ComebackReason, IncidentKind, IncidentStatus, JobState, QcLevel, QcStage } from '#contracts/workshop';
import { bays } from '../bays/bays.table';
import { repairOrderLines, repairOrders } from '../repair-orders/repair-orders.table';
import { stores } from '../stores/stores.table';

const at = () => timestamp({ withTimezone: true });
const storeRef = () =>
  integer()
    .notNull()
    .references(() => stores.id);

/**
 * 派工 (SPEC §6): one job per labour line of a signed RO, on a bay, done by one technician or a
 * team (job_technicians). The line's skill needs are copied at dispatch: the job keeps what it was
 * dispatched against.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    roLineId: integer()
      .notNull()
      .references(() => repairOrderLines.id),
    description: text().notNull(),
    jobType: text().$type<JobType>().notNull(),
    standardHours: numeric({ precision: 8, scale: 2 }).notNull(),
    requiredGrade: text().$type<SkillGrade>(),
    requiredCertification: text(),
    bayId: integer().references(() => bays.id),
    state: text().$type<JobState>().notNull().default('assigned'),
    pauseReason: text().$type<PauseReason>(),
    /** The QC level the finished job waits for (null until finished). */
    qcStage: text().$type<QcStage>(),
    reworkCount: integer().notNull().default(0),
    assignedAt: at().notNull().defaultNow(),
    assignedBy: integer(),
    startedAt: at(),
    finishedAt: at(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('jobs_store_line_uq').on(t.storeId, t.roLineId),
    index('jobs_store_ro_idx').on(t.storeId, t.roId),
    index('jobs_store_state_idx').on(t.storeId, t.state, t.qcStage),
    index('jobs_store_finished_idx').on(t.storeId, t.finishedAt),
  ],
);

/** The technicians of a job (a team job has several; position 0 leads). */
export const jobTechnicians = pgTable(
  'job_technicians',
  {
    storeId: storeRef(),
    jobId: integer()
      .notNull()
      .references(() => jobs.id),
    userId: integer().notNull(),
    name: text().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.userId] }), index('job_technicians_store_user_idx').on(t.storeId, t.userId)],
);

/**
 * Job clocking: one record per technician from start/resume to pause/finish. A technician is clocked
 * on one job at a time (the partial unique index), so clocked hours never double-count.
 */
export const clockRecords = pgTable(
  'clock_records',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    jobId: integer()
      .notNull()
      .references(() => jobs.id),
    roId: integer().notNull(),
    technicianId: integer().notNull(),
    technicianName: text().notNull().default(''),
    startedAt: at().notNull(),
    endedAt: at(),
    /** pause reason, 'finish' or 'reassigned'; empty while open. */
    endReason: text().notNull().default(''),
    note: text().notNull().default(''),
  },
  (t) => [
    uniqueIndex('clock_records_open_uq')
      .on(t.storeId, t.technicianId)
      .where(sql`${t.endedAt} IS NULL`),
    index('clock_records_store_tech_idx').on(t.storeId, t.technicianId, t.startedAt),
    index('clock_records_store_job_idx').on(t.storeId, t.jobId),
    check('clock_records_order_check', sql`${t.endedAt} IS NULL OR ${t.endedAt} >= ${t.startedAt}`),
  ],
);

/** Attendance hours of a technician-day, entered by the team leader (default: opening hours). */
export const attendance = pgTable(
  'attendance',
  {
    storeId: storeRef(),
    userId: integer().notNull(),
    day: date({ mode: 'string' }).notNull(),
    hours: numeric({ precision: 4, scale: 2 }).notNull(),
    enteredBy: integer(),
    enteredAt: at().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.storeId, t.userId, t.day] }), check('attendance_hours_check', sql`${t.hours} >= 0 AND ${t.hours} <= 24`)],
);

/** The QC checklist of a store per job type (defaults written on first use). */
export const qcChecklistItems = pgTable(
  'qc_checklist_items',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    jobType: text().$type<JobType>().notNull(),
    code: text().notNull(),
    text: text().notNull(),
    position: integer().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [uniqueIndex('qc_checklist_items_store_type_code_uq').on(t.storeId, t.jobType, t.code)],
);

/** 三级质检: each inspection of a job with its item results; a failed one is internal rework (内返). */
export const qcInspections = pgTable(
  'qc_inspections',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    jobId: integer()
      .notNull()
      .references(() => jobs.id),
    roId: integer().notNull(),
    level: text().$type<QcLevel>().notNull(),
    passed: boolean().notNull(),
    items: jsonb().$type<{ code: string; text: string; pass: boolean; remark: string }[]>().notNull(),
    remarks: text().notNull().default(''),
    inspectorId: integer(),
    inspectorName: text().notNull().default(''),
    at: at().notNull().defaultNow(),
  },
  (t) => [index('qc_inspections_store_ro_idx').on(t.storeId, t.roId), index('qc_inspections_store_job_idx').on(t.storeId, t.jobId)],
);

/** 返修 / 外返: a new RO of the same vehicle linked to the earlier one, with the reason. */
export const comebacks = pgTable(
  'comebacks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    originalRoId: integer()
      .notNull()
      .references(() => repairOrders.id),
    reason: text().$type<ComebackReason>().notNull(),
    note: text().notNull().default(''),
    recordedBy: integer(),
    recordedByName: text().notNull().default(''),
    recordedAt: at().notNull().defaultNow(),
  },
  (t) => [uniqueIndex('comebacks_store_ro_uq').on(t.storeId, t.roId), index('comebacks_store_original_idx').on(t.storeId, t.originalRoId)],
);

/** 典型故障案例库: searchable by model and symptom words (trigram index on the text). */
export const faultCases = pgTable(
  'fault_cases',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    title: text().notNull(),
    modelName: text().notNull(),
    symptom: text().notNull(),
    diagnosis: text().notNull(),
    fix: text().notNull(),
    roId: integer().references(() => repairOrders.id),
    photos: jsonb().$type<string[]>().notNull().default([]),
    /** What the search matches: every text of the case, lower-cased. */
    searchText: text().generatedAlwaysAs(sql`lower(title || ' ' || model_name || ' ' || symptom || ' ' || diagnosis || ' ' || fix)`),
    authorId: integer(),
    authorName: text().notNull().default(''),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('fault_cases_search_trgm').using('gin', sql`${t.searchText} gin_trgm_ops`),
    index('fault_cases_model_trgm').using('gin', sql`lower(${t.modelName}) gin_trgm_ops`),
    index('fault_cases_store_created_idx').on(t.storeId, t.createdAt),
  ],
);

/** Quality and safety incidents (damage to a customer car, part issued but not fitted, item lost). */
export const qualityIncidents = pgTable(
  'quality_incidents',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    kind: text().$type<IncidentKind>().notNull(),
    roId: integer().references(() => repairOrders.id),
    occurredAt: at().notNull(),
    description: text().notNull(),
    ownerId: integer(),
    ownerName: text().notNull().default(''),
    followUp: text().notNull().default(''),
    status: text().$type<IncidentStatus>().notNull().default('open'),
    closedAt: at(),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [index('quality_incidents_store_status_idx').on(t.storeId, t.status, t.occurredAt)],
);
