import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { LOSS_REASONS, type CallOutcome, type CareQueue, type CareTaskKind, type CareTaskStatus, type LossReason, type Question } from '#contracts/care';
import { customers, vehicles } from '../customers/customers.table';
import { stores } from '../stores/stores.table';

const at = () => timestamp({ withTimezone: true });

/**
 * Follow-up work (SPEC §8): one row per piece of work the system created, unique per business key
 * (`ro:42` for the callbacks of RO 42, `appointment:7`, `additional_work:9`, `call:15`), so the scan
 * may run any number of times on any number of instances and still create each task once.
 * Plate, names and the RO number are the snapshot the queue lists without joins.
 */
export const careTasks = pgTable(
  'care_tasks',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    kind: text().$type<CareTaskKind>().notNull(),
    businessKey: text().notNull(),
    queue: text().$type<CareQueue>().notNull(),
    status: text().$type<CareTaskStatus>().notNull().default('open'),
    /** The window: workable from `availableAt` (the scan creates it then), late after `dueAt`. */
    availableAt: at().notNull(),
    dueAt: at().notNull(),
    vehicleId: integer().references(() => vehicles.id),
    customerId: integer().references(() => customers.id),
    roId: integer(),
    appointmentId: integer(),
    additionalWorkId: integer(),
    /** The call that raised a supervisor request. */
    parentCallId: integer(),
    advisorId: integer(),
    /** Who must do it (pick-up notices: the RO's advisor); null = anyone of the queue. */
    assigneeId: integer(),
    advisorName: text().notNull().default(''),
    plate: text(),
    customerName: text().notNull().default(''),
    roNumber: text(),
    subject: text().notNull().default(''),
    attempts: integer().notNull().default(0),
    lastOutcome: text().$type<CallOutcome>(),
    lastCallAt: at(),
    closedAt: at(),
    closedBy: integer(),
    version: integer().notNull().default(1),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('care_tasks_business_key_uq').on(t.storeId, t.kind, t.businessKey),
    // The agent queue reads open tasks of a queue by due time; closed history never enters it.
    index('care_tasks_queue_open_idx').on(t.storeId, t.queue, t.dueAt).where(sql`${t.status} = 'open'`),
    index('care_tasks_store_vehicle_idx').on(t.storeId, t.vehicleId),
    index('care_tasks_store_ro_idx').on(t.storeId, t.roId),
    check('care_tasks_window_check', sql`${t.dueAt} > ${t.availableAt}`),
    check('care_tasks_attempts_check', sql`${t.attempts} >= 0`),
    check('care_tasks_status_check', sql`${t.status} IN ('open', 'done', 'unreachable', 'cancelled')`),
    check('care_tasks_closed_check', sql`(${t.status} = 'open') = (${t.closedAt} IS NULL)`),
  ],
);

/** 跟踪服务电话记录表: every call, reached or not, with what was said and what follows. */
export const careCalls = pgTable(
  'care_calls',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    taskId: integer()
      .notNull()
      .references(() => careTasks.id),
    /** Snapshot of the task's kind and RO advisor: statistics group by them without joins. */
    taskKind: text().$type<CareTaskKind>().notNull(),
    vehicleId: integer().references(() => vehicles.id),
    customerId: integer().references(() => customers.id),
    roId: integer(),
    advisorId: integer(),
    advisorName: text().notNull().default(''),
    agentId: integer(),
    agentName: text().notNull().default(''),
    phone: text(),
    calledAt: at().notNull(),
    outcome: text().$type<CallOutcome>().notNull(),
    questionnaireId: integer(),
    /** The overall-satisfaction answer, copied for the statistics. */
    overallScore: smallint(),
    note: text().notNull().default(''),
    nextStep: text().notNull().default(''),
    complaintId: integer(),
    complaintNumber: text(),
    supervisorTaskId: integer(),
    outsideCallingHours: boolean().notNull().default(false),
    /** Recall calls (SPEC §11): why the lost customer stayed away (or `booked`), and where they go now. */
    lossReason: text().$type<LossReason>(),
    lossDestination: text(),
  },
  (t) => [
    index('care_calls_store_called_idx').on(t.storeId, t.calledAt),
    index('care_calls_store_task_idx').on(t.storeId, t.taskId),
    check('care_calls_score_check', sql`${t.overallScore} BETWEEN 1 AND 5`),
    check('care_calls_answers_reached_check', sql`${t.outcome} = 'reached' OR (${t.overallScore} IS NULL AND ${t.complaintId} IS NULL)`),
    check('care_calls_loss_reason_check', sql`${t.lossReason} IN (${sql.raw(LOSS_REASONS.map((r) => `'${r}'`).join(', '))})`),
    // A reason only on a reached recall call; a destination only with a reason.
    check('care_calls_loss_reached_check', sql`${t.lossReason} IS NULL OR (${t.outcome} = 'reached' AND ${t.taskKind} = 'recall')`),
    check('care_calls_loss_destination_check', sql`${t.lossDestination} IS NULL OR (${t.lossReason} IS NOT NULL AND char_length(${t.lossDestination}) <= 100)`),
  ],
);

/** One answer per question per call. */
export const careAnswers = pgTable(
  'care_answers',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    callId: integer()
      .notNull()
      .references(() => careCalls.id),
    questionnaireId: integer().notNull(),
    code: text().notNull(),
    score: smallint(),
    yes: boolean(),
    choice: text(),
    text: text(),
  },
  (t) => [
    uniqueIndex('care_answers_call_code_uq').on(t.storeId, t.callId, t.code),
    index('care_answers_store_questionnaire_idx').on(t.storeId, t.questionnaireId, t.code),
    check('care_answers_score_check', sql`${t.score} BETWEEN 1 AND 5`),
  ],
);

/** Question sets (SPEC §10); the store's default is written from DEFAULT_CALLBACK_QUESTIONS on first use. */
export const questionnaires = pgTable(
  'questionnaires',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    name: text().notNull(),
    active: boolean().notNull().default(true),
    isDefault: boolean().notNull().default(false),
    questions: jsonb().$type<Question[]>().notNull(),
    version: integer().notNull().default(1),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    // One default per store: two first uses at once write it once.
    uniqueIndex('questionnaires_store_default_uq').on(t.storeId).where(sql`${t.isDefault}`),
    check('questionnaires_default_active_check', sql`NOT ${t.isDefault} OR ${t.active}`),
  ],
);
