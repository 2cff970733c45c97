import { type KpiCode, type KpiDrillQuery, type KpiPeriodQuery, type KpiTrendQuery, type KpiScopeKind } from '#contracts/kpis';
import type { Ctx } from '../../platform/context';
import { baseReport, lostCohort, neverBack } from './base.service';
import { kpiDrill } from './drill.service';
import { kpiReport, kpiTrend, readInScope, resolveKpiScope, TREND_CODES } from './kpis.service';
import { businessStatistics } from './statistics.service';

/** The request-level faces of the reports: resolve the scope from the session, read in its transaction. */

export async function getKpiReport(ctx: Ctx, q: KpiPeriodQuery) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => kpiReport(tx, scope, { from: q.from, to: q.to }, q.codes));
}

export async function getKpiTrend(ctx: Ctx, q: KpiTrendQuery) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => kpiTrend(tx, scope, q.month, q.months, (q.codes as KpiCode[] | undefined) ?? TREND_CODES));
}

export async function getKpiDrill(ctx: Ctx, q: KpiDrillQuery) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => kpiDrill(tx, q.code, scope, { from: q.from, to: q.to }, q));
}

export async function getStatistics(ctx: Ctx, q: { kind: 'day' | 'week' | 'month'; period: { from: string; to: string }; scope: KpiScopeKind }) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => businessStatistics(tx, scope, q.kind, q.period));
}

export async function getBaseReport(ctx: Ctx, q: { month: string; months: number; scope: KpiScopeKind }) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => baseReport(tx, scope, q.month, q.months));
}

export async function getLostCohort(ctx: Ctx, q: { month: string; scope: KpiScopeKind; page: number; pageSize: number }) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => lostCohort(tx, scope, q.month, q.page, q.pageSize));
}

export async function getNeverBack(ctx: Ctx, q: { scope: KpiScopeKind; soldDaysAgo: number; page: number; pageSize: number }) {
  const scope = await resolveKpiScope(ctx, q.scope);
  return readInScope(ctx, scope, (tx) => neverBack(tx, scope, q));
}
