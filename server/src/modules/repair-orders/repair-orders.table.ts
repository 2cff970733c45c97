import { sql } from 'drizzle-orm';
import { bigint, boolean, check, index, integer, jsonb, numeric, pgTable, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type {
  DamageMark,
  Decision,
  DecisionChannel,
  DiscountRequestStatus,
  FuelLevel,
  Payer,
  PauseReason,
  PaymentMethod,
  PricingMethod,
  RoAction,
  RoLineInput,
  RoLineKind,
  RoLineSource,
  RoState,
  RoTotals,
  RoType,
  WarningLight,
} from '#contracts/repair-orders';
import type { SkillGrade } from '#contracts/roles';
import type { JobType } from '#contracts/stores';
import { appointments } from '../appointments/appointments.table';
import { customers, vehicles } from '../customers/customers.table';
import { parts } from '../parts/catalog.table';
import { serviceItems } from '../service-items/service-items.table';
import { stores } from '../stores/stores.table';

const money = () => bigint({ mode: 'number' });
const at = () => timestamp({ withTimezone: true });

/** 委托书 / 进厂维修单 (SPEC §5): the centre of the system. */
export const repairOrders = pgTable(
  'repair_orders',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    number: text().notNull(),
    type: text().$type<RoType>().notNull(),
    state: text().$type<RoState>().notNull().default('draft'),
    pricingMethod: text().$type<PricingMethod>().notNull().default('by_item'),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    /** The owner when the RO was opened (the file may change owner later). */
    customerId: integer().references(() => customers.id),
    advisorId: integer(),
    // What the printed RO showed when it was opened: a document keeps its own copy (lists and the
    // board read these without joining the files; a merge or a re-registration does not rewrite them).
    plate: text(),
    vin: text(),
    modelName: text().notNull().default(''),
    customerName: text().notNull().default(''),
    advisorName: text().notNull().default(''),
    appointmentId: integer().references(() => appointments.id),
    broughtByName: text().notNull(),
    broughtByPhone: text().notNull().default(''),
    odometerKm: integer().notNull(),
    fuelLevel: text().$type<FuelLevel>().notNull(),
    damageMarks: jsonb().$type<DamageMark[]>().notNull().default([]),
    warningLights: jsonb().$type<WarningLight[]>().notNull().default([]),
    belongings: jsonb().$type<string[]>().notNull().default([]),
    concerns: jsonb().$type<string[]>().notNull().default([]),
    notes: text().notNull().default(''),
    promisedAt: at(),
    /** Σ standard hours of the live labour lines, in hundredths (the progress check's base). */
    estimatedHundredths: integer().notNull().default(0),
    /** Σ live line amounts less the settled discount (lists and the board show it). */
    totalFen: money().notNull().default(0),
    signature: text(),
    signedAt: at(),
    deliverySignature: text(),
    pauseReason: text().$type<PauseReason>(),
    /** A comeback (返修) of an earlier RO of the same vehicle (the workshop module sets it). */
    comebackOfRoId: integer().references((): AnyPgColumn => repairOrders.id),
    openedAt: at().notNull().defaultNow(),
    dispatchedAt: at(),
    startedAt: at(),
    readyAt: at(),
    settledAt: at(),
    deliveredAt: at(),
    cancelledAt: at(),
    cancelReason: text().notNull().default(''),
    progressCheckedAt: at(),
    pickupNoticeAt: at(),
    createdBy: integer(),
    version: integer().notNull().default(1),
    updatedAt: at().notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('repair_orders_store_number_uq').on(t.storeId, t.number),
    index('repair_orders_store_state_idx').on(t.storeId, t.state, t.promisedAt),
    index('repair_orders_store_vehicle_idx').on(t.storeId, t.vehicleId, t.openedAt),
    index('repair_orders_store_advisor_state_idx').on(t.storeId, t.advisorId, t.state),
    index('repair_orders_store_opened_idx').on(t.storeId, t.openedAt),
    check('repair_orders_odometer_check', sql`${t.odometerKm} >= 0`),
  ],
);

/** Labour and part lines of an RO (估价 and 追加). Removed lines are kept with `removedAt`. */
export const repairOrderLines = pgTable(
  'repair_order_lines',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    kind: text().$type<RoLineKind>().notNull(),
    source: text().$type<RoLineSource>().notNull().default('estimate'),
    additionalWorkId: integer().references((): AnyPgColumn => additionalWork.id),
    serviceItemId: integer().references(() => serviceItems.id),
    partId: integer().references(() => parts.id),
    description: text().notNull(),
    jobType: text().$type<JobType>(),
    hours: numeric({ precision: 8, scale: 2 }),
    rateFen: money(),
    fixedPriceFen: money(),
    quantity: numeric({ precision: 12, scale: 3 }),
    unitPriceFen: money(),
    amountFen: money().notNull(),
    payer: text().$type<Payer>().notNull(),
    /** The skill the job needs (dispatch matches it, SPEC §6). */
    requiredGrade: text().$type<SkillGrade>(),
    requiredCertification: text(),
    partRequestId: integer(),
    removedAt: at(),
    removedReason: text().notNull().default(''),
    createdAt: at().notNull().defaultNow(),
  },
  (t) => [
    index('repair_order_lines_store_ro_idx').on(t.storeId, t.roId),
    check('repair_order_lines_amount_check', sql`${t.amountFen} >= 0`),
    check(
      'repair_order_lines_kind_check',
      sql`(${t.kind} = 'labour' AND ${t.hours} IS NOT NULL) OR (${t.kind} = 'part' AND ${t.partId} IS NOT NULL AND ${t.quantity} > 0)`,
    ),
  ],
);

/** Every state change, timestamped with the user (SPEC §5). */
export const repairOrderTransitions = pgTable(
  'repair_order_transitions',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    action: text().$type<RoAction>().notNull(),
    fromState: text().$type<RoState>().notNull(),
    toState: text().$type<RoState>().notNull(),
    reason: text().notNull().default(''),
    actorId: integer(),
    actorName: text().notNull().default(''),
    at: at().notNull().defaultNow(),
  },
  (t) => [index('repair_order_transitions_store_ro_idx').on(t.storeId, t.roId, t.at)],
);

/** 维修追加项目单 (SPEC §5): never done without the customer's recorded consent. */
export const additionalWork = pgTable(
  'additional_work',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    roId: integer()
      .notNull()
      .references((): AnyPgColumn => repairOrders.id),
    vehicleId: integer()
      .notNull()
      .references(() => vehicles.id),
    description: text().notNull(),
    safety: boolean().notNull().default(false),
    delayMinutes: integer().notNull().default(0),
    lines: jsonb().$type<RoLineInput[]>().notNull(),
    amountFen: money().notNull(),
    photos: jsonb().$type<string[]>().notNull().default([]),
    decision: text().$type<Decision>().notNull().default('pending'),
    decidedBy: text().notNull().default(''),
    channel: text().$type<DecisionChannel>(),
    note: text().notNull().default(''),
    decidedAt: at(),
    recordedBy: integer(),
    recordedByName: text().notNull().default(''),
    raisedBy: integer(),
    raisedByName: text().notNull().default(''),
    raisedAt: at().notNull().defaultNow(),
    followedUpAt: at(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('additional_work_store_ro_idx').on(t.storeId, t.roId),
    index('additional_work_store_decision_idx').on(t.storeId, t.decision, t.raisedAt),
    index('additional_work_store_vehicle_idx').on(t.storeId, t.vehicleId),
  ],
);

/** A discount beyond the settler's limit waits for a higher role's approval (SPEC §7). */
export const discountRequests = pgTable(
  'discount_requests',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    labourDiscountFen: money().notNull(),
    partsDiscountFen: money().notNull(),
    percentOfLabourBp: integer().notNull(),
    reason: text().notNull(),
    status: text().$type<DiscountRequestStatus>().notNull().default('pending'),
    requestedBy: integer(),
    requestedByName: text().notNull().default(''),
    requestedAt: at().notNull().defaultNow(),
    decidedBy: integer(),
    decidedByName: text().notNull().default(''),
    decidedAt: at(),
    note: text().notNull().default(''),
  },
  (t) => [index('discount_requests_store_status_idx').on(t.storeId, t.status, t.requestedAt), index('discount_requests_store_ro_idx').on(t.storeId, t.roId)],
);

/**
 * 维修结算单 (SPEC §7). At most one live settlement per RO (the partial unique index); a
 * correction is a reversal of this document (reversed_at + its own number), never an edit.
 */
export const settlements = pgTable(
  'settlements',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    roId: integer()
      .notNull()
      .references(() => repairOrders.id),
    number: text().notNull(),
    totals: jsonb().$type<RoTotals>().notNull(),
    labourFen: money().notNull(),
    partsFen: money().notNull(),
    discountFen: money().notNull(),
    totalFen: money().notNull(),
    discountReason: text().notNull().default(''),
    discountRequestId: integer().references(() => discountRequests.id),
    gatePassNumber: text().notNull(),
    settledBy: integer(),
    settledByName: text().notNull().default(''),
    settledAt: at().notNull().defaultNow(),
    reversedAt: at(),
    reversedBy: integer(),
    reversedByName: text().notNull().default(''),
    reversalReason: text().notNull().default(''),
    reversalNumber: text(),
  },
  (t) => [
    uniqueIndex('settlements_store_number_uq').on(t.storeId, t.number),
    uniqueIndex('settlements_live_ro_uq')
      .on(t.storeId, t.roId)
      .where(sql`${t.reversedAt} IS NULL`),
    index('settlements_store_settled_idx').on(t.storeId, t.settledAt),
    // An RO's settlements, reversed ones included (the RO page shows the latest): without it the
    // look-up walks the whole table backwards for an RO never settled.
    index('settlements_store_ro_idx').on(t.storeId, t.roId, t.id),
  ],
);

export const settlementPayments = pgTable(
  'settlement_payments',
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    storeId: integer()
      .notNull()
      .references(() => stores.id),
    settlementId: integer()
      .notNull()
      .references(() => settlements.id),
    payer: text().$type<Payer>().notNull(),
    method: text().$type<PaymentMethod>().notNull(),
    amountFen: money().notNull(),
    reference: text().notNull().default(''),
  },
  (t) => [index('settlement_payments_store_settlement_idx').on(t.storeId, t.settlementId), check('settlement_payments_amount_check', sql`${t.amountFen} > 0`)],
);
