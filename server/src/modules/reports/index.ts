/**
 * Reports (SPEC §11, §16, §17): KPI computation, targets, month-end snapshots, the dashboard and
 * its drill-downs, business statistics, customer base and loss. It reads other modules' tables with
 * its own SQL (DESIGN §1), read-only. Other modules and the monthly reports use only what is here.
 *
 * Usage (inside a request):
 *   const scope = await resolveKpiScope(ctx, 'store');           // or 'group' (group roles)
 *   const values = await readInScope(ctx, scope, (tx) => computeKpis(tx, scope, { from: '2026-10-01', to: '2026-10-31' }));
 *
 * - `computeKpis(tx, scope, period, codes?)` → KpiValue[] (value, numerator, denominator, status).
 * - `kpiReport(tx, scope, period, codes?)` → cards with previous period, same period last year,
 *   target and the frozen month-end value (`frozen.liveDiffers` when records changed since).
 * - `kpiTrend(tx, scope, endMonth, months, codes?)` → month by month values and targets.
 * - `kpiDrill(tx, code, scope, period, { side, page, pageSize })` → the records behind a figure.
 * - `baseReport(tx, scope, endMonth, months)` → files vs base customers and the loss cohorts by month,
 *   with the recall calls' loss reasons, destinations and outcomes.
 * - `createCohortRecallTasks(tx, storeId, month, now)` → recall tasks for a closed cohort's lost vehicles.
 * - `frozenMonths(tx, scope, months)` / `freezeMonth(db, storeId, month, actorId)` → snapshots.
 */
import { registerJob } from '../../platform/jobs';
import { freezeDueMonths } from './snapshots.service';

export { reportRoutes } from './reports.routes';
export { computeKpis, computeKpisForPeriods, frozenMonths, kpiReport, kpiTrend, readInScope, resolveKpiScope, targetsOf, TREND_CODES, COMPUTED_KPI_CODES, type KpiScope, type FrozenValue } from './kpis.service';
export { kpiDrill, type DrillOptions } from './drill.service';
export { baseReport, createCohortRecallTasks, lostCohort, neverBack } from './base.service';
export { freezeMonth, freezeDueMonths, freezeStoreMonths } from './snapshots.service';
export { businessStatistics } from './statistics.service';
export { monthlyReportRoutes } from './monthly';

// Month-end snapshots (DESIGN §6): hourly, each store's previous local month is frozen once (the
// handler is idempotent; the first freeze wins).
registerJob({ name: 'reports.kpi-snapshots', everyMinutes: 60, handler: async (db, now) => void (await freezeDueMonths(db, now)) });
