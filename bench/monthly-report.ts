/**
 * Monthly reports (issue 8): one store's 售后月度工作总结 for last month, as the after-sales manager
 * sees it in the browser. Issue 8's target: under 1 s on PostgreSQL on the benchmark data set.
 * The report reads every KPI of the month (with previous period, last year, targets and the frozen
 * snapshot), the 12-month trend, the technicians' and advisors' figures, the daily intake,
 * complaints, improvement actions and the saved commentary — all in one request.
 */
import { shiftMonth } from '#contracts/kpis';
import { buildMonthlyReport } from '../server/src/modules/reports/monthly/monthly.service';
import { todayIn } from '../server/src/platform/local-time';
import { ENDPOINTS, type BenchContext } from './endpoints';

/** Last month in the first store's time zone: the month a manager reports on at the start of a month. */
function reportMonth(c: BenchContext): string {
  return shiftMonth(todayIn(c.fixtures.timeZone).slice(0, 7), -1);
}

ENDPOINTS.push({
  name: 'monthly-report.manager',
  method: 'GET',
  path: (c: BenchContext) => `/api/monthly-reports/manager?month=${reportMonth(c)}`,
  as: 'after_sales_manager',
  // A manager opens it a few times a month; a handful of concurrent readers is the realistic load.
  connections: 4,
  capture: (ctx, url) => buildMonthlyReport(ctx, 'manager', url.searchParams.get('month')!, 'zh'),
  note: "last month's manager report: all KPIs with previous/last year/targets, 12-month trend, technicians, advisors, intake, actions, commentary",
});
