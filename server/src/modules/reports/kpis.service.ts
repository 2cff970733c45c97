import { sql } from 'drizzle-orm';
import {
  KPI_CODES,
  KPI_DEFINITIONS,
  kpiDiffers,
  kpiValue,
  monthPeriod,
  monthsEndingWith,
  previousPeriod,
  samePeriodLastYear,
  wholeMonth,
  wholeMonths,
  type KpiCard,
  type KpiCode,
  type KpiReport,
  type KpiScopeKind,
  type KpiTrend,
  type KpiValue,
  type Period,
} from '#contracts/kpis';
import { StoreSettingsSchema } from '#contracts/settings';
import { queryRows } from '../../db/rows';
import { asSystem, inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { fillRate, slowMoving, turnover } from '../parts';
import { manufacturerScores } from '../satisfaction';
import { groupIdOfStore, storesOfGroup } from '../stores';
import { collectFacts, revenueBreakdown, type Bucket, type Facts, type Family, type FactTable } from './kpis.sql';

/**
 * Which stores a figure covers. `store`: the actor's active store; `group`: every store of the
 * actor's dealer group (group roles only). Resolve it with `resolveKpiScope` and read through
 * `readInScope`, which opens the matching transaction: `inStore` for one store (row-level security
 * binds), `asSystem` for the group (the SQL filters by `storeIds` itself).
 */
export interface KpiScope {
  kind: KpiScopeKind;
  storeIds: number[];
}

export async function resolveKpiScope(ctx: Ctx, kind: KpiScopeKind): Promise<KpiScope> {
  if (kind === 'store') return { kind, storeIds: [ctx.storeId] };
  if (!ctx.actor.groupRole) throw new AppError('FORBIDDEN', { zh: '只有集团角色可以查看集团汇总', en: 'Only group roles may read the group’s figures' });
  return asSystem(ctx.db, async (tx) => {
    const stores = await storesOfGroup(tx, await groupIdOfStore(tx, ctx.storeId));
    return { kind, storeIds: stores.map((s) => s.id).sort((a, b) => a - b) };
  });
}

export function readInScope<T>(ctx: Ctx, scope: KpiScope, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return scope.kind === 'store' ? inStore(ctx.db, scope.storeIds[0]!, fn) : asSystem(ctx.db, fn);
}

// ---------------------------------------------------------------------------------------------
// Codes → facts

interface Spec {
  families: Family[];
  /** numerator and denominator from one store's facts; denominator null = an amount or a count. */
  parts: (f: Facts) => [number, number | null];
}

const n = (f: Facts, k: string) => f[k] ?? 0;

const SPECS: Partial<Record<KpiCode, Spec>> = {
  revenue: { families: ['settled'], parts: (f) => [n(f, 'revenue_fen'), null] },
  ro_count: { families: ['opened'], parts: (f) => [n(f, 'opened'), null] },
  revenue_per_ro: { families: ['settled'], parts: (f) => [n(f, 'revenue_fen'), n(f, 'settled')] },
  quick_service_share: { families: ['opened'], parts: (f) => [n(f, 'quick'), n(f, 'opened')] },
  avg_lead_time: { families: ['ready'], parts: (f) => [n(f, 'lead_hours'), n(f, 'ready')] },
  on_time_delivery_rate: { families: ['delivered'], parts: (f) => [n(f, 'on_time'), n(f, 'promised')] },
  first_time_fix_rate: { families: ['delivered'], parts: (f) => [n(f, 'comeback_ros'), n(f, 'delivered')] },
  internal_rework_rate: { families: ['qc'], parts: (f) => [n(f, 'rework_ros'), n(f, 'qc_ros')] },
  appointment_rate: { families: ['opened'], parts: (f) => [n(f, 'from_appointment'), n(f, 'opened')] },
  return_rate: { families: ['retention'], parts: (f) => [n(f, 'returned'), n(f, 'served')] },
  base_customers: { families: ['retention'], parts: (f) => [n(f, 'base'), null] },
  loss_rate: { families: ['loss'], parts: (f) => [n(f, 'lost'), n(f, 'cohort')] },
  complaint_rate: { families: ['complaints', 'delivered'], parts: (f) => [n(f, 'complaints'), n(f, 'delivered')] },
  callback_satisfaction: { families: ['callbacks'], parts: (f) => [n(f, 'satisfied_callbacks'), n(f, 'valid_callbacks')] },
  technician_utilisation: { families: ['workshop'], parts: (f) => [n(f, 'clocked_hours'), n(f, 'attendance_hours')] },
  technician_efficiency: { families: ['workshop'], parts: (f) => [n(f, 'earned_hours'), n(f, 'clocked_hours')] },
};

const PARTS_CODES: readonly KpiCode[] = ['parts_fill_rate', 'parts_turnover', 'slow_moving_share'];
/** Manufacturer scores entered per store and month (satisfaction module): averaged over store-months that have one. */
const SCORE_CODES: readonly KpiCode[] = ['mot_score', 'css_score', 'pt_score'];
const MONTHLY_CODES: readonly KpiCode[] = [...PARTS_CODES, ...SCORE_CODES];

/** KPIs computed by this module today (the others answer `no_source`). */
export const COMPUTED_KPI_CODES: readonly KpiCode[] = KPI_CODES.filter((c) => SPECS[c] !== undefined || MONTHLY_CODES.includes(c));

const noSource = (code: KpiCode): KpiValue => ({ code, status: 'no_source', value: null, numerator: null, denominator: null });

function sumOver(storeIds: number[], facts: Map<number, Facts> | undefined, spec: Spec): [number, number | null] {
  let num = 0;
  let den: number | null = null;
  for (const id of storeIds) {
    const [a, b] = spec.parts(facts?.get(id) ?? {});
    num += a;
    if (b !== null) den = (den ?? 0) + b;
  }
  if (den === null && spec.parts({})[1] !== null) den = 0;
  return [num, den];
}

/** The parts figures of a store over whole months, through the parts module's own functions. */
async function partsFacts(tx: Executor, storeIds: number[], period: Period, codes: KpiCode[]): Promise<Map<KpiCode, [number, number]> | null> {
  const months = wholeMonths(period);
  if (!months) return null;
  const out = new Map<KpiCode, [number, number]>();
  const add = (code: KpiCode, a: number, b: number) => {
    const [x, y] = out.get(code) ?? [0, 0];
    out.set(code, [x + a, y + b]);
  };
  const zones = await queryRows<{ id: number; time_zone: string; slow_months: number }>(
    tx,
    sql`SELECT id, time_zone, COALESCE((settings->>'slowMovingMonths')::int, ${StoreSettingsSchema.parse({}).slowMovingMonths}) AS slow_months
          FROM stores WHERE id IN (${sql.join(storeIds.map((id) => sql`${id}`), sql`, `)})`,
  );
  for (const store of zones) {
    for (const month of months) {
      const period = { month, timeZone: store.time_zone };
      if (codes.includes('parts_fill_rate')) {
        const f = await fillRate(tx, store.id, period);
        add('parts_fill_rate', f.servedFromStock, f.requested);
      }
      if (codes.includes('parts_turnover')) {
        const t = await turnover(tx, store.id, period);
        // Turnover over several months: Σ outbound / the mean of the months' average stock.
        add('parts_turnover', t.outboundCostFen, t.averageValueFen / months.length);
      }
    }
    if (codes.includes('slow_moving_share')) {
      const s = await slowMoving(tx, store.id, { months: Number(store.slow_months), limit: 0 });
      add('slow_moving_share', s.valueFen, s.stockValueFen);
    }
  }
  return out;
}

/**
 * MOT, CSS and PT of the scope over whole months, through the satisfaction module: the mean of the
 * store-months that have a score (numerator Σ scores, denominator store-months), so a month the
 * survey has not reported yet does not count as zero.
 */
async function scoreFacts(tx: Executor, storeIds: number[], period: Period): Promise<Map<KpiCode, [number, number]> | null> {
  const months = wholeMonths(period);
  if (!months) return null;
  const out = new Map<KpiCode, [number, number]>(SCORE_CODES.map((c) => [c, [0, 0]]));
  const add = (code: KpiCode, v: number | null) => {
    if (v === null) return;
    const [x, y] = out.get(code)!;
    out.set(code, [x + v, y + 1]);
  };
  for (const storeId of storeIds) {
    for (const m of await manufacturerScores(tx, storeId, months[0]!, months.at(-1)!)) {
      add('mot_score', m.storeMot);
      add('css_score', m.storeCss);
      add('pt_score', m.ptScore);
    }
  }
  return out;
}

function familiesOf(codes: readonly KpiCode[]): Family[] {
  return [...new Set(codes.flatMap((c) => SPECS[c]?.families ?? []))];
}

/**
 * KPI values for several periods at once (one SQL statement per fact family for all of them), each
 * summed over the scope's stores. The caller's transaction must be the scope's (`readInScope`).
 */
export async function computeKpisForPeriods(tx: Executor, scope: KpiScope, periods: Bucket[], codes: readonly KpiCode[] = KPI_CODES): Promise<Map<string, KpiValue[]>> {
  const facts: FactTable = await collectFacts(tx, scope.storeIds, periods, familiesOf(codes));
  const out = new Map<string, KpiValue[]>();
  const wantsParts = codes.filter((c) => PARTS_CODES.includes(c));
  const wantsScores = codes.some((c) => SCORE_CODES.includes(c));
  for (const p of periods) {
    const parts = wantsParts.length > 0 ? await partsFacts(tx, scope.storeIds, p, wantsParts) : null;
    const scores = wantsScores ? await scoreFacts(tx, scope.storeIds, p) : null;
    out.set(
      p.key,
      codes.map((code): KpiValue => {
        const spec = SPECS[code];
        if (spec) {
          const [num, den] = sumOver(scope.storeIds, facts.get(p.key), spec);
          return { code, status: 'ok', value: kpiValue(code, num, den), numerator: num, denominator: den };
        }
        if (MONTHLY_CODES.includes(code)) {
          const facts = PARTS_CODES.includes(code) ? parts : scores;
          if (!facts) return { code, status: 'months_only', value: null, numerator: null, denominator: null };
          const [num, den] = facts.get(code) ?? [0, 0];
          return { code, status: 'ok', value: kpiValue(code, num, den), numerator: num, denominator: den };
        }
        return noSource(code);
      }),
    );
  }
  return out;
}

/**
 * The KPIs of one period (store-local days `from`…`to`) for the scope, live from the records.
 * Stable entry point for the monthly reports (engineer D).
 */
export async function computeKpis(tx: Executor, scope: KpiScope, period: Period, codes: readonly KpiCode[] = KPI_CODES): Promise<KpiValue[]> {
  return (await computeKpisForPeriods(tx, scope, [{ key: 'p', ...period }], codes)).get('p')!;
}

// ---------------------------------------------------------------------------------------------
// Targets and snapshots as the figures read them

/** Amounts and counts of several stores add up; rates and averages do not. */
function additive(code: KpiCode): boolean {
  return code === 'revenue' || KPI_DEFINITIONS[code].unit === 'count';
}

/** Targets of a month summed (amounts, counts) or averaged (rates) over the scope's stores; null unless every store has one. */
export async function targetsOf(tx: Executor, scope: KpiScope, months: string[]): Promise<Map<string, Map<KpiCode, number>>> {
  const out = new Map<string, Map<KpiCode, number>>();
  if (months.length === 0) return out;
  const rows = await queryRows<{ code: KpiCode; month: string; total: string; stores: number }>(
    tx,
    sql`SELECT code, month, sum(value)::text AS total, count(*)::int AS stores FROM kpi_targets
         WHERE store_id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)}) AND month IN (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
         GROUP BY code, month`,
  );
  for (const r of rows) {
    if (Number(r.stores) !== scope.storeIds.length) continue;
    if (!(r.code in KPI_DEFINITIONS)) continue;
    const value = additive(r.code) ? Number(r.total) : Number(r.total) / Number(r.stores);
    const m = out.get(r.month) ?? new Map<KpiCode, number>();
    m.set(r.code, value);
    out.set(r.month, m);
  }
  return out;
}

/** The target of a period: the month's for a single month, the sum (amounts, counts) or mean (rates) over whole months, else none. */
export function periodTarget(code: KpiCode, months: string[] | null, targets: Map<string, Map<KpiCode, number>>): number | null {
  if (!months || months.length === 0) return null;
  const values = months.map((m) => targets.get(m)?.get(code) ?? null);
  if (values.some((v) => v === null)) return null;
  const sum = (values as number[]).reduce((a, b) => a + b, 0);
  // The base is a stock at the period's end (its last month's target); flows add up; rates average.
  if (code === 'base_customers') return values.at(-1) as number;
  return code === 'revenue' || code === 'ro_count' ? sum : sum / values.length;
}

export interface FrozenValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  frozenAt: string;
}

/** The month-end snapshots of months summed over the scope's stores (a code only when every store has it frozen). */
export async function frozenMonths(tx: Executor, scope: KpiScope, months: string[]): Promise<Map<string, Map<KpiCode, FrozenValue>>> {
  const out = new Map<string, Map<KpiCode, FrozenValue>>();
  if (months.length === 0) return out;
  const rows = await queryRows<{ month: string; code: KpiCode; num: string | null; den: string | null; stores: number; dens: number; frozen_at: Date | string }>(
    tx,
    sql`SELECT month, code, sum(numerator)::text AS num, sum(denominator)::text AS den, count(*)::int AS stores, count(denominator)::int AS dens, max(frozen_at) AS frozen_at
          FROM kpi_snapshots WHERE store_id IN (${sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `)})
           AND month IN (${sql.join(months.map((m) => sql`${m}`), sql`, `)})
         GROUP BY month, code`,
  );
  for (const r of rows) {
    if (Number(r.stores) !== scope.storeIds.length || !(r.code in KPI_DEFINITIONS)) continue;
    const num = r.num === null ? null : Number(r.num);
    const den = Number(r.dens) === 0 ? null : Number(r.den);
    const month = out.get(r.month) ?? new Map<KpiCode, FrozenValue>();
    out.set(r.month, month);
    month.set(r.code, {
      value: num === null ? null : kpiValue(r.code, num, den),
      numerator: num,
      denominator: den,
      frozenAt: new Date(r.frozen_at).toISOString(),
    });
  }
  return out;
}

/** The values of `codes` as frozen, or null when any computed code is missing from the snapshot. */
function valuesFromSnapshot(codes: readonly KpiCode[], frozen: Map<KpiCode, FrozenValue> | undefined): KpiValue[] | null {
  if (!frozen) return null;
  const out: KpiValue[] = [];
  for (const code of codes) {
    if (!COMPUTED_KPI_CODES.includes(code)) {
      out.push(noSource(code));
      continue;
    }
    const f = frozen.get(code);
    if (!f) return null;
    out.push({ code, status: 'ok', value: f.value, numerator: f.numerator, denominator: f.denominator });
  }
  return out;
}

/**
 * KPI values per bucket, where a bucket whose month-end snapshot (`snapshotOf`, summed over the
 * scope and complete for every store) has every code is read from it and the others are computed
 * live. SPEC §17: a closed month's figures do not move when old records are corrected; the
 * snapshots are also what keeps the group's twelve-month trend fast (ADR 0010).
 */
async function valuesPreferringSnapshots(
  tx: Executor,
  scope: KpiScope,
  buckets: Bucket[],
  codes: readonly KpiCode[],
  snapshotOf: (bucket: Bucket) => Map<KpiCode, FrozenValue> | undefined,
): Promise<{ values: Map<string, KpiValue[]>; frozen: Set<string> }> {
  const values = new Map<string, KpiValue[]>();
  const frozen = new Set<string>();
  for (const b of buckets) {
    const fromSnapshot = valuesFromSnapshot(codes, snapshotOf(b));
    if (fromSnapshot) {
      values.set(b.key, fromSnapshot);
      frozen.add(b.key);
    }
  }
  const live = buckets.filter((b) => !frozen.has(b.key));
  if (live.length > 0) for (const [key, v] of await computeKpisForPeriods(tx, scope, live, codes)) values.set(key, v);
  return { values, frozen };
}

// ---------------------------------------------------------------------------------------------
// The dashboard's figures

/**
 * The KPI cards of a period: live value, previous period, same period last year, target, and for a
 * whole past month its frozen month-end value with a flag when the live value now differs.
 */
export async function kpiReport(tx: Executor, scope: KpiScope, period: Period, codes: readonly KpiCode[] = KPI_CODES): Promise<KpiReport> {
  const previous = previousPeriod(period);
  const lastYear = samePeriodLastYear(period);
  // One read of the snapshots for all three. The comparisons are closed periods: a frozen month is
  // read as frozen. The period itself is live (its frozen value, if any, is shown beside it with a
  // note when they differ).
  const month = wholeMonth(period);
  const snapshots = await frozenMonths(tx, scope, [month, wholeMonth(previous), wholeMonth(lastYear)].filter((m): m is string => m !== null));
  const { values } = await valuesPreferringSnapshots(
    tx,
    scope,
    [
      { key: 'current', ...period },
      { key: 'previous', ...previous },
      { key: 'lastYear', ...lastYear },
    ],
    codes,
    (b) => (b.key === 'current' ? undefined : snapshots.get(wholeMonth(b) ?? '')),
  );
  const months = wholeMonths(period);
  const targets = await targetsOf(tx, scope, months ?? []);
  const frozen = (month ? snapshots.get(month) : undefined) ?? new Map<KpiCode, FrozenValue>();
  const at = (key: string, i: number) => values.get(key)![i]!;
  const cards = codes.map((code, i): KpiCard => {
    const current = at('current', i);
    const f = frozen.get(code);
    return {
      code,
      current,
      previous: at('previous', i),
      lastYear: at('lastYear', i),
      target: KPI_DEFINITIONS[code].source === 'records' ? periodTarget(code, months, targets) : null,
      frozen: f ? { ...f, liveDiffers: kpiDiffers(current.value, f.value) } : null,
    };
  });
  const mix = await revenueBreakdown(tx, scope.storeIds, { key: 'current', ...period });
  return { scope: scope.kind, storeIds: scope.storeIds, period, previous, lastYear, cards, revenueByType: mix.byType, revenueByPayer: mix.byPayer };
}

/** Default trend codes: the ones a manager reads every month (parts KPIs cost a query per store and month). */
export const TREND_CODES: readonly KpiCode[] = ['revenue', 'ro_count', 'revenue_per_ro', 'first_time_fix_rate', 'on_time_delivery_rate', 'internal_rework_rate', 'appointment_rate', 'avg_lead_time', 'base_customers', 'loss_rate'];

/**
 * Month by month values (and targets) of the `count` months ending with `endMonth`, oldest first:
 * months frozen for every store of the scope from their snapshots, the others live.
 */
export async function kpiTrend(tx: Executor, scope: KpiScope, endMonth: string, count: number, codes: readonly KpiCode[] = TREND_CODES): Promise<KpiTrend> {
  const months = monthsEndingWith(endMonth, count);
  const snapshots = await frozenMonths(tx, scope, months);
  const { values, frozen } = await valuesPreferringSnapshots(
    tx,
    scope,
    months.map((m) => ({ key: m, ...monthPeriod(m) })),
    codes,
    (b) => snapshots.get(b.key),
  );
  const targets = await targetsOf(tx, scope, months);
  return {
    scope: scope.kind,
    months: months.map((m) => ({
      month: m,
      frozen: frozen.has(m),
      values: values.get(m)!,
      targets: Object.fromEntries(codes.map((c) => [c, targets.get(m)?.get(c) ?? null])),
    })),
  };
}
