import { and, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { SegmentFilter } from '#contracts/customers-tools';
import { customers, odometerReadings, vehicles } from './customers.table';
import { textArray } from './search-sql';
import { addDays, addMonths } from '../../platform/local-time';

/**
 * The one SQL builder of segments (SPEC §3 "segmentation for targeted marketing"): a filter becomes a
 * condition on `vehicles`, used for live counts and member lists (and by campaigns and reminders).
 *
 * VISITS AND SPEND PLUG IN HERE. A visit is a store-local day with a record in any visit source;
 * today the only source is the odometer readings (every visit records one). Spend is the sum of
 * the spend sources, of which there are none yet (spend = 0 for every vehicle). The repair-orders
 * module registers its settled ROs as a spend source (and, if it records visits without a reading,
 * as a visit source) with `registerVisitSource` / `registerSpendSource` in its index.ts.
 */
export interface SegmentScope {
  storeId: number;
  timeZone: string;
  /** Store-local today, YYYY-MM-DD. */
  today: string;
}

/** Rows `(vehicle_id int, at timestamptz)`, one per visit record, since `from` (a store-local day). */
export type VisitSource = (scope: SegmentScope, fromDay: string) => SQL;
/** Rows `(vehicle_id int, amount_fen bigint)`, since `from` (a store-local day). */
export type SpendSource = (scope: SegmentScope, fromDay: string) => SQL;

/** The instant a store-local day starts. */
export const dayStart = (scope: SegmentScope, day: string) => sql`((${day}::date)::timestamp AT TIME ZONE ${scope.timeZone})`;

const visitSources: VisitSource[] = [
  (scope, fromDay) =>
    sql`SELECT ${odometerReadings.vehicleId} AS vehicle_id, ${odometerReadings.readAt} AS at FROM ${odometerReadings}
        WHERE ${odometerReadings.storeId} = ${scope.storeId} AND ${odometerReadings.readAt} >= ${dayStart(scope, fromDay)}`,
];
const spendSources: SpendSource[] = [];

export function registerVisitSource(source: VisitSource): void {
  visitSources.push(source);
}
export function registerSpendSource(source: SpendSource): void {
  spendSources.push(source);
}

/** `(vehicle_id, n)`: visit days per vehicle since `fromDay`. */
export function visitCounts(scope: SegmentScope, fromDay: string): SQL {
  const union = sql.join(
    visitSources.map((s) => sql`(${s(scope, fromDay)})`),
    sql` UNION ALL `,
  );
  return sql`SELECT vehicle_id, count(DISTINCT (at AT TIME ZONE ${scope.timeZone})::date) AS n FROM (${union}) visits GROUP BY vehicle_id`;
}

/** `(vehicle_id, n)`: spend in fen per vehicle since `fromDay`; empty while there is no spend source. */
export function spendTotals(scope: SegmentScope, fromDay: string): SQL {
  if (spendSources.length === 0) return sql`SELECT NULL::int AS vehicle_id, 0::bigint AS n WHERE false`;
  const union = sql.join(
    spendSources.map((s) => sql`(${s(scope, fromDay)})`),
    sql` UNION ALL `,
  );
  return sql`SELECT vehicle_id, sum(amount_fen) AS n FROM (${union}) spend GROUP BY vehicle_id`;
}

/**
 * `min ≤ n ≤ max` over an aggregate `(vehicle_id, n)` where vehicles absent from it have n = 0:
 * an IN (or, when 0 qualifies, a NOT IN) over the aggregate, which PostgreSQL hashes once.
 */
function aggregateInRange(aggregate: SQL, min: number | null, max: number | null): SQL | undefined {
  if ((min ?? 0) > 0) {
    return sql`${vehicles.id} IN (SELECT vehicle_id FROM (${aggregate}) a WHERE vehicle_id IS NOT NULL AND n >= ${min}${max === null ? sql`` : sql` AND n <= ${max}`})`;
  }
  if (max !== null) return sql`${vehicles.id} NOT IN (SELECT vehicle_id FROM (${aggregate}) a WHERE vehicle_id IS NOT NULL AND n > ${max})`;
  return undefined;
}

function range(column: SQL | typeof vehicles.currentMileageKm, r: { min: number | null; max: number | null } | null): SQL | undefined {
  if (!r) return undefined;
  return and(r.min === null ? undefined : sql`${column} >= ${r.min}`, r.max === null ? undefined : sql`${column} <= ${r.max}`);
}

function warrantyCondition(w: NonNullable<SegmentFilter['warranty']>, scope: SegmentScope): SQL {
  const start = sql`COALESCE(${vehicles.warrantyStart}, ${vehicles.purchaseDate})`;
  const factory = sql`(${start} IS NOT NULL AND (${start} + make_interval(months => ${w.factoryMonths}))::date > ${scope.today}::date
    AND (${vehicles.currentMileageKm} IS NULL OR ${vehicles.currentMileageKm} < ${w.factoryKm}))`;
  const extended = sql`(${vehicles.extendedWarrantyUntil} >= ${scope.today}::date
    AND (${vehicles.extendedWarrantyKm} IS NULL OR ${vehicles.currentMileageKm} IS NULL OR ${vehicles.currentMileageKm} < ${vehicles.extendedWarrantyKm}))`;
  if (w.state === 'factory') return factory;
  if (w.state === 'extended') return sql`(NOT ${factory} AND ${extended})`;
  return sql`(${start} IS NOT NULL AND NOT ${factory} AND NOT COALESCE(${extended}, false))`;
}

/** The filter as a condition on `vehicles` (unmerged vehicles of the store). */
export function segmentCondition(filter: SegmentFilter, scope: SegmentScope): SQL {
  const f = filter;
  const ownerConditions = and(
    f.sources.length ? inArray(customers.source, f.sources) : undefined,
    f.outletName ? sql`${customers.outletName} = ${f.outletName}` : undefined,
    f.tags.length
      ? f.tagsMatch === 'all'
        ? sql`${customers.tags} @> ${textArray(f.tags)}`
        : sql`${customers.tags} && ${textArray(f.tags)}`
      : undefined,
    f.consent === 'phone' ? sql`${customers.consentPhone} IS TRUE` : undefined,
    f.consent === 'sms' ? sql`${customers.consentSms} IS TRUE` : undefined,
    f.consent === 'wechat' ? sql`${customers.consentWechat} IS TRUE` : undefined,
  );
  const lastVisit = f.lastVisit;
  const lastVisitCondition = lastVisit
    ? and(
        lastVisit.minDaysAgo === null
          ? undefined
          : sql`(${vehicles.lastVisitAt} < ${dayStart(scope, addDays(scope.today, 1 - lastVisit.minDaysAgo))}${
              lastVisit.includeNever ? sql` OR ${vehicles.lastVisitAt} IS NULL` : sql``
            })`,
        lastVisit.maxDaysAgo === null ? undefined : sql`${vehicles.lastVisitAt} >= ${dayStart(scope, addDays(scope.today, -lastVisit.maxDaysAgo))}`,
      )
    : undefined;
  const ageMonths = (years: number) => Math.round(years * 12);
  return and(
    sql`${vehicles.storeId} = ${scope.storeId}`,
    isNull(vehicles.mergedIntoId),
    f.vehicleModelIds.length ? inArray(vehicles.vehicleModelId, f.vehicleModelIds) : undefined,
    f.vehicleAgeYears?.min != null ? sql`${vehicles.purchaseDate} <= ${addMonths(scope.today, -ageMonths(f.vehicleAgeYears.min))}::date` : undefined,
    f.vehicleAgeYears?.max != null ? sql`${vehicles.purchaseDate} >= ${addMonths(scope.today, -ageMonths(f.vehicleAgeYears.max))}::date` : undefined,
    range(vehicles.currentMileageKm, f.mileageKm),
    range(sql`${vehicles.avgKmPerDay}`, f.avgKmPerDay),
    f.visits ? aggregateInRange(visitCounts(scope, addMonths(scope.today, -f.visits.withinMonths)), f.visits.min, f.visits.max) : undefined,
    f.spendFen ? aggregateInRange(spendTotals(scope, addMonths(scope.today, -f.spendFen.withinMonths)), f.spendFen.min, f.spendFen.max) : undefined,
    lastVisitCondition,
    f.warranty ? warrantyCondition(f.warranty, scope) : undefined,
    f.dueWithinDays === null ? undefined : sql`${vehicles.nextDueDate} <= ${addDays(scope.today, f.dueWithinDays)}::date`,
    f.soldByUs === null ? undefined : sql`${vehicles.soldByUs} = ${f.soldByUs}`,
    ownerConditions
      ? sql`EXISTS (SELECT 1 FROM ${customers} WHERE ${customers.id} = ${vehicles.ownerId} AND ${customers.storeId} = ${scope.storeId} AND ${ownerConditions})`
      : undefined,
  )!;
}
