import type { RecallTasksResult } from '#contracts/care';
import type { BaseReport, KpiCode, KpiDrillPage, KpiReport, KpiScopeKind, KpiTarget, KpiTrend, Statistics } from '#contracts/kpis';
import { api } from '../../lib/api';

/** Query-key root of the reports: saving targets or freezing a month refreshes every figure. */
export const REPORTS_KEY = 'reports';

export interface LostRow {
  storeId: number;
  storeName: string;
  vehicleId: number;
  plate: string | null;
  modelName: string;
  lastVisitAt: string;
  lastRoId: number;
  lastRoNumber: string;
}
export interface NeverBackRow {
  storeId: number;
  storeName: string;
  vehicleId: number;
  plate: string | null;
  vin: string | null;
  modelName: string;
  purchaseDate: string | null;
  ownerName: string;
}
interface PageOf<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const reportsApi = {
  kpis: (q: { from: string; to: string; scope: KpiScopeKind; codes?: KpiCode[] }, signal?: AbortSignal) =>
    api.get<KpiReport>('/api/reports/kpis', { from: q.from, to: q.to, scope: q.scope, ...(q.codes ? { codes: q.codes.join(',') } : {}) }, signal),
  trend: (q: { month: string; months: number; scope: KpiScopeKind; codes?: KpiCode[] }, signal?: AbortSignal) =>
    api.get<KpiTrend>('/api/reports/kpis/trend', { month: q.month, months: q.months, scope: q.scope, ...(q.codes ? { codes: q.codes.join(',') } : {}) }, signal),
  drill: (q: { code: KpiCode; from: string; to: string; scope: KpiScopeKind; side: 'focus' | 'all'; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<KpiDrillPage>('/api/reports/kpis/drill', { ...q }, signal),
  targets: (year: number) => api.get<{ year: number; targets: KpiTarget[] }>('/api/reports/targets', { year }),
  saveTargets: (targets: { code: KpiCode; month: string; value: number | null }[]) => api.put<{ saved: number; removed: number }>('/api/reports/targets', { targets }),
  freeze: (month: string) => api.post<{ month: string; frozen: number; alreadyFrozen: boolean }>('/api/reports/snapshots', { month }),
  statistics: (q: { kind: 'day' | 'week' | 'month'; date: string; scope: KpiScopeKind }, signal?: AbortSignal) => api.get<Statistics>('/api/reports/statistics', { ...q }, signal),
  base: (q: { month: string; months: number; scope: KpiScopeKind }, signal?: AbortSignal) => api.get<BaseReport>('/api/reports/base', { ...q }, signal),
  lost: (q: { month: string; scope: KpiScopeKind; page: number; pageSize: number }, signal?: AbortSignal) => api.get<PageOf<LostRow>>('/api/reports/base/lost', { ...q }, signal),
  /** 生成招揽回访任务 for a closed cohort month of the session's store. */
  recall: (month: string) => api.post<RecallTasksResult>('/api/reports/base/lost/recall', { month }),
  neverBack: (q: { scope: KpiScopeKind; soldDaysAgo: number; page: number; pageSize: number }, signal?: AbortSignal) =>
    api.get<PageOf<NeverBackRow>>('/api/reports/base/never-back', { ...q }, signal),
};
