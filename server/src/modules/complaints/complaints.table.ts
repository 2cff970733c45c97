import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { ComplaintCategory, ComplaintChannel, ComplaintDepartment, ComplaintSeverity, ComplaintState, HandlingSatisfaction, RemedyKind } from '#contracts/complaints';
import { customers, vehicles } from '../customers/customers.table';
import { stores } from '../stores/stores.table';

/** 客户投诉 (SPEC §9): one case from intake to closure. */
export const complaints = pgTable(
  'complaints',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    channel: text().$type<ComplaintChannel>().notNull(),
    category: text().$type<ComplaintCategory>().notNull(),
    department: text().$type<ComplaintDepartment>(),
    severity: text().$type<ComplaintSeverity>().notNull(),
    state: text().$type<ComplaintState>().notNull().default('registered'),
    customerId: integer()
      .notNull()
      .references(() => customers.id),
    vehicleId: integer().references(() => vehicles.id),
    /** The repair order complained about (not a foreign key: the RO module owns its table). */
    roId: integer(),
    description: text().notNull(),
    ownerId: integer(),
    ownerName: text().notNull().default(''),
    acknowledgeDueAt: timestamp({ withTimezone: true }).notNull(),
    resolveDueAt: timestamp({ withTimezone: true }).notNull(),
    apology: text().notNull().default(''),
    promisedReplyAt: timestamp({ withTimezone: true }),
    acknowledgedAt: timestamp({ withTimezone: true }),
    solution: text().notNull().default(''),
    cause: text().notNull().default(''),
    resolution: text().notNull().default(''),
    prevention: text().notNull().default(''),
    satisfaction: text().$type<HandlingSatisfaction>(),
    escalationLevel: integer().notNull().default(0),
    escalatedAt: timestamp({ withTimezone: true }),
    closedAt: timestamp({ withTimezone: true }),
    createdBy: integer(),
    createdByName: text().notNull().default(''),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('complaints_store_number_uq').on(t.storeId, t.number),
    index('complaints_store_created_idx').on(t.storeId, t.createdAt),
    index('complaints_store_state_due_idx').on(t.storeId, t.state, t.resolveDueAt),
    index('complaints_store_vehicle_idx').on(t.storeId, t.vehicleId),
    index('complaints_store_customer_idx').on(t.storeId, t.customerId),
    // SPEC §9: a case closes only with its resolution and the customer's satisfaction with the handling.
    check('complaints_closed_check', sql`${t.state} <> 'closed' OR (${t.resolution} <> '' AND ${t.satisfaction} IS NOT NULL AND ${t.closedAt} IS NOT NULL)`),
    check('complaints_acknowledged_check', sql`${t.state} = 'registered' OR (${t.apology} <> '' AND ${t.promisedReplyAt} IS NOT NULL)`),
    check('complaints_escalation_check', sql`${t.escalationLevel} >= 0`),
  ],
);

/** Every step of a case, with who, when and what was said (SPEC §9 "every step recorded"). */
export const complaintSteps = pgTable(
  'complaint_steps',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    complaintId: integer()
      .notNull()
      .references(() => complaints.id),
    action: text().notNull(),
    fromState: text().$type<ComplaintState>(),
    toState: text().$type<ComplaintState>().notNull(),
    note: text().notNull().default(''),
    actorId: integer(),
    actorName: text().notNull().default(''),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaint_steps_store_complaint_idx').on(t.storeId, t.complaintId, t.at)],
);

/** Remedies offered with a solution (free rework, refund, voucher, loaner car, gift) and their cost. */
export const complaintRemedies = pgTable(
  'complaint_remedies',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    complaintId: integer()
      .notNull()
      .references(() => complaints.id),
    kind: text().$type<RemedyKind>().notNull(),
    costFen: bigint({ mode: 'number' }).notNull(),
    note: text().notNull().default(''),
    createdBy: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('complaint_remedies_store_complaint_idx').on(t.storeId, t.complaintId), check('complaint_remedies_cost_check', sql`${t.costFen} >= 0`)],
);
