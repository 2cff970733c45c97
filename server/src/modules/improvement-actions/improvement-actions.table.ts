import { sql } from 'drizzle-orm';
import { check, customType, date, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ImprovementDepartment, ImprovementStatus } from '#contracts/improvement-actions';
import { stores } from '../stores/stores.table';

const at = () => timestamp({ withTimezone: true });
const storeRef = () =>
  integer()
    .notNull()
    .references(() => stores.id);

/** Raw bytes (PostgreSQL bytea): both drivers hand back a Buffer/Uint8Array. */
export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/**
 * 整改措施 / TOP5 (SPEC §17): one department's ranked action for a month. The (store, month,
 * department, rank) key lets the database refuse a second "No. 1" however the requests interleave.
 * Owner and supervisor names are kept as assigned, so a report of a past month reads as it was.
 */
export const improvementActions = pgTable(
  'improvement_actions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    month: text().notNull(),
    department: text().$type<ImprovementDepartment>().notNull(),
    rank: integer().notNull(),
    problem: text().notNull(),
    measure: text().notNull(),
    ownerId: integer().notNull(),
    ownerName: text().notNull(),
    supervisorId: integer().notNull(),
    supervisorName: text().notNull(),
    dueDate: date({ mode: 'string' }).notNull(),
    checkpoint: text().notNull(),
    status: text().$type<ImprovementStatus>().notNull().default('not_started'),
    statusNote: text(),
    completedAt: at(),
    createdBy: integer(),
    createdAt: at().notNull().defaultNow(),
    updatedAt: at().notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('improvement_actions_store_month_dept_rank_uq').on(t.storeId, t.month, t.department, t.rank),
    index('improvement_actions_store_status_due_idx').on(t.storeId, t.status, t.dueDate),
    check('improvement_actions_rank_check', sql`${t.rank} BETWEEN 1 AND 5`),
    check('improvement_actions_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('improvement_actions_status_check', sql`${t.status} IN ('not_started', 'in_progress', 'done')`),
    check('improvement_actions_done_check', sql`(${t.status} = 'done') = (${t.completedAt} IS NOT NULL)`),
  ],
);

/** Evidence (photo or document) that an action was carried out; bytes kept in the database. */
export const improvementActionEvidence = pgTable(
  'improvement_action_evidence',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: storeRef(),
    actionId: integer()
      .notNull()
      .references(() => improvementActions.id),
    fileName: text().notNull(),
    mimeType: text().notNull(),
    sizeBytes: integer().notNull(),
    content: bytea().notNull(),
    uploadedBy: integer(),
    uploadedByName: text().notNull(),
    uploadedAt: at().notNull().defaultNow(),
  },
  (t) => [
    index('improvement_action_evidence_store_action_idx').on(t.storeId, t.actionId),
    check('improvement_action_evidence_size_check', sql`${t.sizeBytes} > 0 AND ${t.sizeBytes} <= 2097152 AND octet_length(${t.content}) = ${t.sizeBytes}`),
  ],
);
