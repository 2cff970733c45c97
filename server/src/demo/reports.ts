import { KPI_CODES, KPI_DEFINITIONS, monthPeriod, shiftMonth, type KpiCode } from '#contracts/kpis';
import type { Executor } from '../db/types';
import { COMPUTED_KPI_CODES, computeKpisForPeriods, freezeStoreMonths } from '../modules/reports';
import { kpiTargets } from '../modules/reports/reports.table';
import { bulkInsert } from './bulk';
import { Random } from './random';

/**
 * The reports' demo (issue 8): targets for every KPI and month of the demo's history and the rest of
 * this year, and month-end snapshots of every finished month, so that a new user opens a dashboard
 * with actual vs target and last year to compare with.
 *
 * Targets are set the way a manager sets them: last year's same month (as the records say) with a
 * growth of a few percent, rounded; a month with no history takes the store's average. KPIs whose
 * records this system does not keep get the SPEC's fixed targets (claim approval 98%, first-service
 * return 95%, mystery shopper 950…): they show as targets without actuals, never as made-up values.
 */
const FIXED_TARGETS: Partial<Record<KpiCode, number>> = {
  complaint_rate: 0.005,
  callback_satisfaction: 0.95,
  mot_score: 90,
  css_score: 90,
  pt_score: 950,
  member_revenue_share: 0.3,
  value_added_share: 0.1,
  first_service_return_rate: 0.95,
  claim_approval_rate: 0.98,
  renewal_rate: 0.6,
  parts_fill_rate: 0.9,
  slow_moving_share: 0.05,
};

function rounded(code: KpiCode, value: number): number {
  const unit = KPI_DEFINITIONS[code].unit;
  if (unit === 'fen') return Math.round(value / 100_000) * 100_000; // whole thousands of yuan
  if (unit === 'ratio') return Math.min(1, Math.round(value * 1000) / 1000);
  if (unit === 'count') return Math.max(1, Math.round(value));
  return Math.round(value * 10) / 10;
}

/** Months from `first` to `last` (YYYY-MM), inclusive. */
function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  for (let m = first; m <= last; m = shiftMonth(m, 1)) out.push(m);
  return out;
}

export async function insertDemoReports(tx: Executor, store: { id: number }, options: { asOf: string; years: number; seed: number }): Promise<{ targets: number; snapshots: number }> {
  const random = new Random(options.seed + store.id * 7919);
  const current = options.asOf.slice(0, 7);
  const history = monthsBetween(shiftMonth(current, -Math.round(options.years * 12)), shiftMonth(current, -1));
  const planned = monthsBetween(history[0]!, `${current.slice(0, 4)}-12`);
  const actuals = await computeKpisForPeriods(
    tx,
    { kind: 'store', storeIds: [store.id] },
    history.map((m) => ({ key: m, ...monthPeriod(m) })),
    COMPUTED_KPI_CODES.filter((c) => !KPI_DEFINITIONS[c].monthsOnly),
  );
  const actual = (code: KpiCode, month: string) => actuals.get(month)?.find((v) => v.code === code)?.value ?? null;
  const rows: { storeId: number; code: KpiCode; month: string; value: string }[] = [];
  for (const code of KPI_CODES) {
    const fixed = FIXED_TARGETS[code];
    const known = history.map((m) => actual(code, m)).filter((v): v is number => v !== null);
    const average = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : null;
    for (const month of planned) {
      let value: number | null = fixed ?? null;
      if (value === null) {
        const base = actual(code, shiftMonth(month, -12)) ?? average;
        if (base === null) continue;
        // Higher-is-better KPIs aim a little above last year, lower-is-better a little below.
        const step = 0.02 + random.int(0, 6) / 100;
        value = KPI_DEFINITIONS[code].direction === 'higher' ? base * (1 + step) : base * (1 - step);
      }
      rows.push({ storeId: store.id, code, month, value: String(rounded(code, value)) });
    }
  }
  await bulkInsert(tx, kpiTargets, ['storeId', 'code', 'month', 'value'], rows);
  const snapshots = await freezeStoreMonths(tx, store.id, history, null);
  return { targets: rows.length, snapshots };
}
