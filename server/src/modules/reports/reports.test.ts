import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shiftMonth, type KpiCode, type KpiValue } from '#contracts/kpis';
import { CSS_ITEMS } from '#contracts/satisfaction';
import type { Payer, RoType } from '#contracts/repair-orders';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { buildStore } from '../../../test/factories';
import { queryRows } from '../../db/rows';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { localToInstant } from '../../platform/local-time';
import { buildAppointment } from '../appointments/appointments.factories';
import { buildVehicle } from '../customers/customers.factories';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { repairOrders, repairOrderTransitions, settlementPayments, settlements } from '../repair-orders/repair-orders.table';
import { attendance, clockRecords, comebacks, jobs } from '../workshop/workshop.table';
import { buildCareTask } from '../care/care.factories';
import { careCalls } from '../care/care.table';
import { buildComplaint } from '../complaints/complaints.factories';
import { cssResults, ptResults } from '../satisfaction/satisfaction.table';
import { baseReport } from './base.service';
import { kpiDrill } from './drill.service';
import { computeKpis, kpiReport, kpiTrend, type KpiScope } from './kpis.service';
import { kpiTargets } from './reports.table';
import { freezeDueMonths, freezeStoreMonth, freezeStoreMonths } from './snapshots.service';
import { businessStatistics } from './statistics.service';

/**
 * Every KPI against a hand-built fixture whose answers are worked out by hand below (issue 8): the
 * period boundaries in the store's time zone, cancelled ROs, mixed payers, a reversed settlement,
 * comebacks from the previous period and a cancelled comeback.
 */

let t: TestApp;
let db: Executor;
beforeAll(async () => {
  t = await buildTestApp();
  db = t.database.db;
});
afterAll(() => t.close());

const SH = 'Asia/Shanghai';
const at = (local: string, tz = SH) => localToInstant(local.slice(0, 10), local.slice(11, 16), tz);
const OCT = { from: '2025-10-01', to: '2025-10-31' };
const SEP = { from: '2025-09-01', to: '2025-09-30' };

async function ro(storeId: number, vehicleId: number, type: RoType, opened: string, extra: Partial<typeof repairOrders.$inferInsert> = {}, tz = SH) {
  return buildRepairOrder(db, storeId, { vehicleId, type, state: 'open', openedAt: at(opened, tz), ...extra });
}

let settleSeq = 0;
async function settle(storeId: number, roId: number, settledAt: Date, byPayer: { payer: Payer; labourFen: number; partsFen: number }[], opts: { reversedAt?: Date; onAccount?: Payer[] } = {}) {
  const rows = byPayer.map((p) => ({ ...p, discountFen: 0, totalFen: p.labourFen + p.partsFen }));
  const sum = (k: 'labourFen' | 'partsFen' | 'totalFen') => rows.reduce((a, r) => a + r[k], 0);
  const totals = { labourFen: sum('labourFen'), partsFen: sum('partsFen'), discountFen: 0, totalFen: sum('totalFen'), byPayer: rows };
  await asSystem(db, async (tx) => {
    const [s] = await tx
      .insert(settlements)
      .values({ storeId, roId, number: `JS-R-${++settleSeq}`, totals, labourFen: totals.labourFen, partsFen: totals.partsFen, discountFen: 0, totalFen: totals.totalFen, gatePassNumber: `CC-R-${settleSeq}`, settledAt, reversedAt: opts.reversedAt ?? null })
      .returning();
    for (const r of rows) {
      await tx.insert(settlementPayments).values({ storeId, settlementId: s!.id, payer: r.payer, method: opts.onAccount?.includes(r.payer) ? 'on_account' : 'cash', amountFen: r.totalFen });
    }
  });
}

async function transition(storeId: number, roId: number, action: 'submit_qc' | 'qc_fail', when: Date) {
  await asSystem(db, (tx) => tx.insert(repairOrderTransitions).values({ storeId, roId, action, fromState: 'in_progress', toState: action === 'submit_qc' ? 'qc' : 'rework', at: when }));
}

async function comeback(storeId: number, roId: number, originalRoId: number) {
  await asSystem(db, async (tx) => {
    await tx.insert(comebacks).values({ storeId, roId, originalRoId, reason: 'noise' });
    await tx.update(repairOrders).set({ comebackOfRoId: originalRoId }).where(eq(repairOrders.id, roId));
  });
}

const valueOf = (values: KpiValue[], code: KpiCode) => values.find((v) => v.code === code)!;
const compute = (scope: KpiScope, period: { from: string; to: string }, codes?: KpiCode[]) => asSystem(db, (tx) => computeKpis(tx, scope, period, codes));

describe('KPIs on a hand-built October', () => {
  let storeA: number;
  let storeB: number;
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    storeA = (await buildStore(db, t.world.groupId)).id;
    storeB = (await buildStore(db, t.world.groupId, { timeZone: 'Asia/Tokyo' })).id;
    const v = await Promise.all([1, 2, 3, 4, 5, 6].map(() => buildVehicle(db, storeA)));
    const [v1, v2, v3, v4, v5, v6] = v.map((x) => x.id) as [number, number, number, number, number, number];
    const appt = async (vehicleId: number) => (await buildAppointment(db, storeA, { vehicleId })).id;

    // R0 (September, delivered in September): its comeback R8 comes in October and counts for September.
    const r0 = await ro(storeA, v2, 'general_repair', '2025-09-05 09:00', { state: 'delivered', readyAt: at('2025-09-05 15:00'), deliveredAt: at('2025-09-06 10:00') });
    // R1: opened 00:30 on 1 October local time (16:30 UTC on 30 September): October. Ready after 4 h,
    // delivered before the promise, settled by the customer: labour ¥200 + parts ¥100.
    const r1 = await ro(storeA, v1, 'periodic_maintenance', '2025-10-01 00:30', { state: 'delivered', readyAt: at('2025-10-01 04:30'), promisedAt: at('2025-10-01 12:00'), deliveredAt: at('2025-10-01 10:00') });
    await settle(storeA, r1.id, at('2025-10-01 09:00'), [{ payer: 'customer', labourFen: 20000, partsFen: 10000 }]);
    // R2: opened 23:59 on 30 September local: September. Ready (2 h) and delivered (late) in October;
    // mixed payers: customer ¥50 + warranty ¥150 (on account).
    const r2 = await ro(storeA, v2, 'quick_service', '2025-09-30 23:59', { state: 'delivered', readyAt: at('2025-10-01 01:59'), promisedAt: at('2025-10-01 08:00'), deliveredAt: at('2025-10-01 09:00') });
    await settle(storeA, r2.id, at('2025-10-01 08:30'), [
      { payer: 'customer', labourFen: 5000, partsFen: 0 },
      { payer: 'warranty', labourFen: 10000, partsFen: 5000 },
    ], { onAccount: ['warranty'] });
    // R3: from an appointment; 48 h in the workshop; no promised time; a reversed settlement of ¥500
    // then the live one: insurance ¥1,000 + customer ¥20. Through QC in October with a QC fail.
    const r3 = await ro(storeA, v3, 'body_paint', '2025-10-10 09:00', { state: 'delivered', appointmentId: await appt(v3), readyAt: at('2025-10-12 09:00'), deliveredAt: at('2025-10-12 18:00') });
    await settle(storeA, r3.id, at('2025-10-11 12:00'), [{ payer: 'customer', labourFen: 50000, partsFen: 0 }], { reversedAt: at('2025-10-12 16:00') });
    await settle(storeA, r3.id, at('2025-10-12 17:00'), [
      { payer: 'insurance', labourFen: 40000, partsFen: 60000 },
      { payer: 'customer', labourFen: 2000, partsFen: 0 },
    ], { onAccount: ['insurance'] });
    await transition(storeA, r3.id, 'submit_qc', at('2025-10-11 10:00'));
    await transition(storeA, r3.id, 'qc_fail', at('2025-10-11 11:00'));
    // R4: cancelled: counts nowhere.
    await ro(storeA, v4, 'general_repair', '2025-10-20 10:00', { state: 'cancelled', cancelledAt: at('2025-10-20 11:00') });
    // R5: a comeback of R1 (so R1 is not fixed first time); through QC without a fail.
    const r5 = await ro(storeA, v1, 'general_repair', '2025-10-25 09:00', { state: 'in_progress' });
    await comeback(storeA, r5.id, r1.id);
    await transition(storeA, r5.id, 'submit_qc', at('2025-10-26 10:00'));
    // R6: 23:59 on 31 October local: still October; quick service from an appointment.
    const r6 = await ro(storeA, v5, 'quick_service', '2025-10-31 23:59', { appointmentId: await appt(v5) });
    // R7: midnight of 1 November local: November.
    await ro(storeA, v6, 'periodic_maintenance', '2025-11-01 00:00');
    // R8: comeback of R0 (September's).
    const r8 = await ro(storeA, v2, 'general_repair', '2025-10-03 10:00');
    await comeback(storeA, r8.id, r0.id);
    // R9: a comeback of R3, cancelled afterwards: not a comeback any more.
    const r9 = await ro(storeA, v3, 'general_repair', '2025-10-28 10:00', { state: 'cancelled', cancelledAt: at('2025-10-28 12:00') });
    await comeback(storeA, r9.id, r3.id);

    // Workshop hours: 2 h clocked on 2 Oct (attendance entered: 8 h), 1 h on 3 Oct (no entry: the
    // store's opening hours, 08:30–18:00 = 9.5 h); a job of 3 standard hours finished on 2 Oct.
    await asSystem(db, async (tx) => {
      const [job] = await tx
        .insert(jobs)
        .values({ storeId: storeA, roId: r5.id, roLineId: r5.line.id, description: '检查', jobType: 'mechanical', standardHours: '3.00', state: 'done', finishedAt: at('2025-10-02 11:00') })
        .returning();
      await tx.insert(clockRecords).values([
        { storeId: storeA, jobId: job!.id, roId: r5.id, technicianId: 9001, startedAt: at('2025-10-02 09:00'), endedAt: at('2025-10-02 11:00'), endReason: 'finish' },
        { storeId: storeA, jobId: job!.id, roId: r5.id, technicianId: 9001, startedAt: at('2025-10-03 09:00'), endedAt: at('2025-10-03 10:00'), endReason: 'finish' },
      ]);
      await tx.insert(attendance).values({ storeId: storeA, userId: 9001, day: '2025-10-02', hours: '8' });
    });

    // Store B (Tokyo): an RO at 00:30 on 1 October Tokyo time, which is still 30 September in Shanghai.
    const vb = await buildVehicle(db, storeB);
    await ro(storeB, vb.id, 'general_repair', '2025-10-01 00:30', {}, 'Asia/Tokyo');
    Object.assign(ids, { r0: r0.id, r1: r1.id, r3: r3.id, r5: r5.id, r6: r6.id, r8: r8.id });
  });

  it('computes each KPI of the month as worked out by hand', async () => {
    const values = await compute({ kind: 'store', storeIds: [storeA] }, OCT);
    const v = (code: KpiCode) => valueOf(values, code);
    // Opened in October, not cancelled: R1, R3, R5, R6, R8.
    expect(v('ro_count')).toMatchObject({ status: 'ok', value: 5, numerator: 5, denominator: null });
    expect(v('quick_service_share')).toMatchObject({ numerator: 1, denominator: 5, value: 0.2 });
    expect(v('appointment_rate')).toMatchObject({ numerator: 2, denominator: 5, value: 0.4 });
    // Live settlements of October: 30,000 + 20,000 + 102,000 (the reversed 50,000 excluded).
    expect(v('revenue')).toMatchObject({ value: 152_000, numerator: 152_000 });
    expect(v('revenue_per_ro')).toMatchObject({ numerator: 152_000, denominator: 3, value: 50_667 });
    // Ready in October: 4 h, 2 h, 48 h.
    expect(v('avg_lead_time').denominator).toBe(3);
    expect(v('avg_lead_time').value).toBeCloseTo(18, 6);
    // Delivered in October with a promise: R1 on time, R2 late (R3 had none).
    expect(v('on_time_delivery_rate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // Delivered in October: R1, R2, R3; comebacks against them: R1's (R3's comeback was cancelled).
    expect(v('first_time_fix_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    expect(v('first_time_fix_rate').value).toBeCloseTo(2 / 3, 9);
    // Through QC in October: R3 (failed), R5.
    expect(v('internal_rework_rate')).toMatchObject({ numerator: 1, denominator: 2, value: 0.5 });
    // Served in October: v1, v2, v3, v5; seen in the 12 months before: v2 (September).
    expect(v('return_rate')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    // Visited in Nov 2024 … Oct 2025, not counting the cancelled-only v4 and November's v6.
    expect(v('base_customers')).toMatchObject({ value: 4 });
    // April's cohort is empty.
    expect(v('loss_rate')).toMatchObject({ numerator: 0, denominator: 0, value: null });
    // 3 h clocked; attendance 8 h + 9.5 h; 3 standard hours earned.
    expect(v('technician_utilisation').value).toBeCloseTo(3 / 17.5, 9);
    expect(v('technician_efficiency').value).toBeCloseTo(1, 9);
    // Figures whose records this system does not keep are never made up.
    for (const code of ['member_revenue_share', 'value_added_share', 'first_service_return_rate', 'claim_approval_rate', 'renewal_rate'] as const) {
      expect(v(code)).toEqual({ code, status: 'no_source', value: null, numerator: null, denominator: null });
    }
  });

  it('counts a comeback for the period of the RO it returns to', async () => {
    const sep = await compute({ kind: 'store', storeIds: [storeA] }, SEP, ['first_time_fix_rate', 'ro_count']);
    // September: R0 delivered, its comeback R8 (in October) → 1 − 1/1; opened: R0 and R2 (23:59 on the 30th).
    expect(valueOf(sep, 'first_time_fix_rate')).toMatchObject({ numerator: 1, denominator: 1, value: 0 });
    expect(valueOf(sep, 'ro_count').value).toBe(2);
  });

  it('sums the group over stores, each in its own time zone', async () => {
    const group = await compute({ kind: 'group', storeIds: [storeA, storeB] }, OCT, ['ro_count', 'quick_service_share']);
    expect(valueOf(group, 'ro_count').value).toBe(6);
    expect(valueOf(group, 'quick_service_share')).toMatchObject({ numerator: 1, denominator: 6 });
  });

  it('compares with the previous period and last year, and shows the target', async () => {
    await asSystem(db, (tx) =>
      tx.insert(kpiTargets).values([
        { storeId: storeA, code: 'ro_count', month: '2025-10', value: '4' },
        { storeId: storeA, code: 'first_time_fix_rate', month: '2025-10', value: '0.9' },
      ]),
    );
    const report = await asSystem(db, (tx) => kpiReport(tx, { kind: 'store', storeIds: [storeA] }, OCT, ['ro_count', 'first_time_fix_rate', 'revenue']));
    expect(report.previous).toEqual(SEP);
    expect(report.lastYear).toEqual({ from: '2024-10-01', to: '2024-10-31' });
    const card = (code: KpiCode) => report.cards.find((c) => c.code === code)!;
    expect(card('ro_count')).toMatchObject({ target: 4, current: { value: 5 }, previous: { value: 2 }, lastYear: { value: 0 } });
    expect(card('first_time_fix_rate').target).toBeCloseTo(0.9, 9);
    expect(card('revenue').target).toBeNull();
    expect(report.revenueByPayer).toEqual([
      { key: 'insurance', amountFen: 100_000, count: 1 },
      { key: 'customer', amountFen: 37_000, count: 3 },
      { key: 'warranty', amountFen: 15_000, count: 1 },
    ]);
    expect(report.revenueByType).toEqual([
      { key: 'body_paint', amountFen: 102_000, count: 1 },
      { key: 'periodic_maintenance', amountFen: 30_000, count: 1 },
      { key: 'quick_service', amountFen: 20_000, count: 1 },
    ]);
  });

  it('drills from the first-time fix rate down to the comebacks behind it', async () => {
    const scope = { kind: 'store' as const, storeIds: [storeA] };
    const focus = await asSystem(db, (tx) => kpiDrill(tx, 'first_time_fix_rate', scope, OCT, { side: 'focus', page: 1, pageSize: 20 }));
    expect(focus.total).toBe(1);
    expect(focus.items[0]).toMatchObject({ roId: ids.r1, linkedRoId: ids.r5, detail: 'noise' });
    const all = await asSystem(db, (tx) => kpiDrill(tx, 'first_time_fix_rate', scope, OCT, { side: 'all', page: 1, pageSize: 2 }));
    expect(all).toMatchObject({ total: 3, supported: true });
    expect(all.items).toHaveLength(2);
    const late = await asSystem(db, (tx) => kpiDrill(tx, 'on_time_delivery_rate', scope, OCT, { side: 'focus', page: 1, pageSize: 20 }));
    expect(late.items.map((r) => r.detail)).toEqual(['1.0']);
    const none = await asSystem(db, (tx) => kpiDrill(tx, 'renewal_rate', scope, OCT, { side: 'focus', page: 1, pageSize: 20 }));
    expect(none).toMatchObject({ supported: false, total: 0 });
  });

  it('builds the business statistics of the month', async () => {
    const stats = await asSystem(db, (tx) => businessStatistics(tx, { kind: 'store', storeIds: [storeA] }, 'month', OCT));
    expect(stats.totals).toEqual({ opened: 5, delivered: 3, settled: 3, revenueFen: 152_000 });
    expect(stats.rosByType.find((r) => r.type === 'quick_service')).toEqual({ type: 'quick_service', opened: 1, delivered: 1, settled: 1, amountFen: 20_000 });
    expect(stats.revenueByPayer.find((r) => r.payer === 'insurance')).toEqual({ payer: 'insurance', labourFen: 40_000, partsFen: 60_000, discountFen: 0, totalFen: 100_000 });
    expect(stats.receivables.onAccount).toEqual([
      { payer: 'warranty', amountFen: 15_000, count: 1 },
      { payer: 'insurance', amountFen: 100_000, count: 1 },
    ]);
    expect(stats.labour.clockedHours).toBe(3);
    expect(stats.labour.finishedJobs).toBe(1);
  });

  it('freezes a month; later corrections show as a difference, not a change', async () => {
    const frozen = await asSystem(db, (tx) => freezeStoreMonth(tx, storeA, '2025-10', null));
    expect(frozen).toBeGreaterThan(10);
    expect(await asSystem(db, (tx) => freezeStoreMonth(tx, storeA, '2025-10', null))).toBe(0);
    await asSystem(db, (tx) => tx.update(repairOrders).set({ state: 'cancelled', cancelledAt: at('2025-11-02 10:00') }).where(eq(repairOrders.id, ids.r6!)));
    const report = await asSystem(db, (tx) => kpiReport(tx, { kind: 'store', storeIds: [storeA] }, OCT, ['ro_count', 'revenue']));
    const count = report.cards.find((c) => c.code === 'ro_count')!;
    expect(count.current.value).toBe(4);
    expect(count.frozen).toMatchObject({ value: 5, liveDiffers: true });
    expect(report.cards.find((c) => c.code === 'revenue')!.frozen).toMatchObject({ value: 152_000, liveDiffers: false });

    // The trend reads a frozen month as frozen, the others live; November's comparison with October too.
    const storeScope: KpiScope = { kind: 'store', storeIds: [storeA] };
    const trend = await asSystem(db, (tx) => kpiTrend(tx, storeScope, '2025-11', 3, ['ro_count']));
    expect(trend.months.map((m) => [m.month, m.frozen, m.values[0]!.value])).toEqual([
      ['2025-09', false, valueOf(await compute(storeScope, SEP, ['ro_count']), 'ro_count').value],
      ['2025-10', true, 5],
      ['2025-11', false, valueOf(await compute(storeScope, { from: '2025-11-01', to: '2025-11-30' }, ['ro_count']), 'ro_count').value],
    ]);
    const november = await asSystem(db, (tx) => kpiReport(tx, storeScope, { from: '2025-11-01', to: '2025-11-30' }, ['ro_count']));
    expect(november.cards[0]!.previous.value).toBe(5);
    // The group is frozen only when every store is: store B was not, so the group's October is live.
    const group: KpiScope = { kind: 'group', storeIds: [storeA, storeB] };
    const groupTrend = await asSystem(db, (tx) => kpiTrend(tx, group, '2025-10', 1, ['ro_count']));
    expect(groupTrend.months[0]).toMatchObject({ frozen: false });
    expect(groupTrend.months[0]!.values[0]!.value).toBe(valueOf(await compute(group, OCT, ['ro_count']), 'ro_count').value);
  });

  it('the month-end job freezes the finished months since the first visit, once', async () => {
    const store = (await buildStore(db, t.world.groupId)).id;
    const v = await buildVehicle(db, store);
    await ro(store, v.id, 'general_repair', '2025-08-20 10:00');
    await ro(store, v.id, 'general_repair', '2025-11-03 10:00');
    const monthsOf = async () =>
      (await asSystem(db, (tx) => queryRows<{ month: string }>(tx, sql`SELECT DISTINCT month FROM kpi_snapshots WHERE store_id = ${store} ORDER BY month`))).map((r) => r.month);
    const now = at('2025-11-15 12:00');
    expect(await freezeDueMonths(db, now)).toBeGreaterThan(0);
    expect(await monthsOf()).toEqual(['2025-08', '2025-09', '2025-10']);
    const before = await asSystem(db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM kpi_snapshots`));
    await freezeDueMonths(db, now);
    expect(await asSystem(db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM kpi_snapshots`))).toEqual(before);
  });
});

describe('complaints, callbacks and manufacturer scores', () => {
  let store: number;
  beforeAll(async () => {
    store = (await buildStore(db, t.world.groupId)).id;
    // Four ROs delivered in October 2025; one complaint registered in October (and one in November).
    for (const day of ['02', '09', '16', '23']) {
      const v = await buildVehicle(db, store);
      await ro(store, v.id, 'general_repair', `2025-10-${day} 09:00`, { state: 'delivered', deliveredAt: at(`2025-10-${day} 17:00`) });
    }
    await buildComplaint(db, store, { createdAt: at('2025-10-20 10:00') });
    await buildComplaint(db, store, { createdAt: at('2025-11-01 00:10') });
    // Satisfaction callbacks of October: scored 5, 4 and 2 (valid), one unreachable; a follow-up call
    // scored 5 is not a satisfaction callback.
    const { task } = await buildCareTask(db, store);
    const { task: follow } = await buildCareTask(db, store, { kind: 'follow_up_1' });
    await asSystem(db, (tx) =>
      tx.insert(careCalls).values([
        { storeId: store, taskId: task.id, taskKind: 'satisfaction', calledAt: at('2025-10-05 10:00'), outcome: 'reached', overallScore: 5 },
        { storeId: store, taskId: task.id, taskKind: 'satisfaction', calledAt: at('2025-10-06 10:00'), outcome: 'reached', overallScore: 4 },
        { storeId: store, taskId: task.id, taskKind: 'satisfaction', calledAt: at('2025-10-07 10:00'), outcome: 'reached', overallScore: 2 },
        { storeId: store, taskId: task.id, taskKind: 'satisfaction', calledAt: at('2025-10-08 10:00'), outcome: 'no_answer' },
        { storeId: store, taskId: follow.id, taskKind: 'follow_up_1', calledAt: at('2025-10-08 11:00'), outcome: 'reached', overallScore: 5 },
      ]),
    );
    // October's manufacturer survey: every item 90 except "car clean" (weight 20%) at 80 → MOT 88;
    // CSS as reported 91.5; mystery shopper 18 of 19 items → 947 of 1000.
    const items = Object.fromEntries(CSS_ITEMS.map((i) => [i, i === 'car_clean' ? 80 : 90]));
    await asSystem(db, async (tx) => {
      await tx.insert(cssResults).values({ storeId: store, month: '2025-10', level: 'store', sampleSize: 30, cssScore: 91.5, itemScores: items });
      await tx.insert(ptResults).values([
        { storeId: store, month: '2025-10', section: 'reception', items: 8, passed: 8 },
        { storeId: store, month: '2025-10', section: 'facilities', items: 11, passed: 10 },
      ]);
    });
  });

  it('computes them as worked out by hand', async () => {
    const values = await compute({ kind: 'store', storeIds: [store] }, OCT, ['complaint_rate', 'callback_satisfaction', 'mot_score', 'css_score', 'pt_score']);
    expect(valueOf(values, 'complaint_rate')).toMatchObject({ numerator: 1, denominator: 4, value: 0.25 });
    expect(valueOf(values, 'callback_satisfaction')).toMatchObject({ numerator: 2, denominator: 3 });
    expect(valueOf(values, 'mot_score')).toMatchObject({ value: 88, denominator: 1 });
    expect(valueOf(values, 'css_score').value).toBeCloseTo(91.5, 9);
    expect(valueOf(values, 'pt_score').value).toBe(947);
    // Over September and October the months without a survey do not count as zero.
    const two = await compute({ kind: 'store', storeIds: [store] }, { from: '2025-09-01', to: '2025-10-31' }, ['mot_score']);
    expect(valueOf(two, 'mot_score').value).toBe(88);
    // Scores are monthly: a week has none.
    const week = await compute({ kind: 'store', storeIds: [store] }, { from: '2025-10-06', to: '2025-10-12' }, ['mot_score']);
    expect(valueOf(week, 'mot_score').status).toBe('months_only');
  });

  it('drills into the unsatisfied callbacks and the complaints', async () => {
    const scope = { kind: 'store' as const, storeIds: [store] };
    const calls = await asSystem(db, (tx) => kpiDrill(tx, 'callback_satisfaction', scope, OCT, { side: 'focus', page: 1, pageSize: 20 }));
    expect(calls.items.map((r) => r.detail)).toEqual(['2']);
    const complaints = await asSystem(db, (tx) => kpiDrill(tx, 'complaint_rate', scope, OCT, { side: 'focus', page: 1, pageSize: 20 }));
    expect(complaints.total).toBe(1);
  });
});

describe('customer base and loss over 18 months', () => {
  let store: number;
  const scope = () => ({ kind: 'store' as const, storeIds: [store] });
  beforeAll(async () => {
    store = (await buildStore(db, t.world.groupId)).id;
    const vehicle = (created: string) => buildVehicle(db, store, { createdAt: at(`${created} 10:00`) });
    const [a, b, c, d] = [await vehicle('2023-12-01'), await vehicle('2024-01-05'), await vehicle('2024-01-05'), await vehicle('2024-01-15')];
    // a: January and May 2024 (back within 6 months of January; May is its last visit).
    await ro(store, a.id, 'periodic_maintenance', '2024-01-10 09:00');
    await ro(store, a.id, 'periodic_maintenance', '2024-05-10 09:00');
    // b: January, then not before September (more than 6 months after January's end): lost in January.
    await ro(store, b.id, 'periodic_maintenance', '2024-01-20 09:00');
    await ro(store, b.id, 'general_repair', '2024-09-01 10:00');
    // c: 23:30 on 31 January, back 23:00 on 31 July, the last evening of the 6-month window.
    await ro(store, c.id, 'periodic_maintenance', '2024-01-31 23:30');
    await ro(store, c.id, 'periodic_maintenance', '2024-07-31 23:00');
    // d: a cancelled RO only: not a visit.
    await ro(store, d.id, 'general_repair', '2024-01-15 10:00', { state: 'cancelled', cancelledAt: at('2024-01-15 11:00') });
  });

  it('counts files, base and loss cohorts month by month', async () => {
    const report = await asSystem(db, (tx) => baseReport(tx, scope(), '2025-06', 18));
    expect(report.months).toHaveLength(18);
    const m = (month: string) => report.months.find((x) => x.month === month)!;
    expect(m('2024-01')).toEqual({ month: '2024-01', files: 4, base: 3, visited: 3, lost: 1, lossRate: 1 / 3 });
    expect(m('2024-05')).toMatchObject({ visited: 1, lost: 1, lossRate: 1 });
    expect(m('2024-07')).toMatchObject({ visited: 1, lost: 1 });
    expect(m('2024-02')).toMatchObject({ visited: 0, lost: 0, lossRate: null });
    // Base at the end of December 2024: a, b, c; of June 2025 (July 2024 onwards): b and c; files stay 4.
    expect(m('2024-12')).toMatchObject({ files: 4, base: 3 });
    expect(m('2025-06')).toMatchObject({ files: 4, base: 2 });
    expect(report.lostMonths).toBe(6);
    expect(report.baseMonths).toBe(12);
  });

  it('leaves a cohort open until its window has passed', async () => {
    const report = await asSystem(db, (tx) => baseReport(tx, scope(), '2024-12', 12, new Date('2024-12-15T00:00:00Z')));
    expect(report.months.find((x) => x.month === '2024-01')!.lost).toBe(1);
    expect(report.months.find((x) => x.month === '2024-09')).toMatchObject({ visited: 1, lost: null, lossRate: null });
  });

  it('computes the loss rate KPI of a month from the cohort six months earlier', async () => {
    const values = await compute(scope(), { from: '2024-07-01', to: '2024-07-31' }, ['loss_rate', 'base_customers']);
    expect(valueOf(values, 'loss_rate')).toMatchObject({ numerator: 1, denominator: 3 });
    // Base at the end of July 2024 (August 2023 onwards): a, b, c.
    expect(valueOf(values, 'base_customers').value).toBe(3);
  });

  // Last in this block: it corrects a record.
  it('reads closed months from their snapshots: the same figures, which a later correction does not move', async () => {
    const live = await asSystem(db, (tx) => baseReport(tx, scope(), '2025-06', 18));
    const months = Array.from({ length: 24 }, (_, i) => shiftMonth('2023-07', i));
    await asSystem(db, (tx) => freezeStoreMonths(tx, store, months, null));
    expect(await asSystem(db, (tx) => baseReport(tx, scope(), '2025-06', 18))).toEqual(live);
    // a's May visit is cancelled afterwards: January's cohort (judged in July) and May's visitors stay as frozen.
    const [may] = await asSystem(db, (tx) => queryRows<{ id: number }>(tx, sql`SELECT id FROM repair_orders WHERE store_id = ${store} AND opened_at = ${at('2024-05-10 09:00').toISOString()}::timestamptz`));
    await asSystem(db, (tx) => tx.update(repairOrders).set({ state: 'cancelled', cancelledAt: at('2024-05-10 10:00') }).where(eq(repairOrders.id, may!.id)));
    const after = await asSystem(db, (tx) => baseReport(tx, scope(), '2025-06', 18));
    expect(after.months.find((x) => x.month === '2024-05')).toMatchObject({ visited: 1, lost: 1 });
    expect(after.months.find((x) => x.month === '2024-01')).toMatchObject({ visited: 3, lost: 1 });
    // Live, without the snapshots, they would have moved.
    expect(valueOf(await compute(scope(), { from: '2024-07-01', to: '2024-07-31' }, ['loss_rate']), 'loss_rate')).toMatchObject({ numerator: 2, denominator: 3 });
  });
});

describe('the reports API', () => {
  let manager: Client;
  beforeAll(async () => {
    manager = await t.as('after_sales_manager');
  });

  it('answers the dashboard figures for the active store', async () => {
    const res = await manager.get('/api/reports/kpis?from=2025-10-01&to=2025-10-31&codes=ro_count,renewal_rate');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.storeIds).toEqual([t.world.stores[0]!.id]);
    expect(body.cards.map((c: { code: string }) => c.code)).toEqual(['ro_count', 'renewal_rate']);
    expect(body.cards[1].current.status).toBe('no_source');
  });

  it('refuses bad input with the field and reason', async () => {
    const bad = await manager.get('/api/reports/kpis?from=2025-10-31&to=2025-10-01');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('to');
    expect((await manager.get('/api/reports/kpis?from=2025-10-01&to=2025-10-31&codes=nope')).statusCode).toBe(400);
    expect((await manager.get('/api/reports/kpis/trend?month=2025-13')).statusCode).toBe(400);
    expect((await manager.get('/api/reports/kpis?from=2020-01-01&to=2025-01-01')).statusCode).toBe(400);
    const ratio = await manager.put('/api/reports/targets', { targets: [{ code: 'first_time_fix_rate', month: '2026-01', value: 95 }] });
    expect(ratio.statusCode).toBe(400);
    expect(ratio.json().error.details).toMatchObject({ fields: expect.anything() });
  });

  it('keeps the group view to group roles', async () => {
    expect((await manager.get('/api/reports/kpis?from=2025-10-01&to=2025-10-31&scope=group')).statusCode).toBe(403);
    const admin = await t.as('group_admin');
    const res = await admin.get('/api/reports/kpis?from=2025-10-01&to=2025-10-31&scope=group&codes=ro_count');
    expect(res.statusCode).toBe(200);
    expect(res.json().storeIds.length).toBeGreaterThanOrEqual(2);
  });

  it('refuses roles without the permission', async () => {
    const advisor = await t.as('service_advisor');
    expect((await advisor.get('/api/reports/kpis?from=2025-10-01&to=2025-10-31')).statusCode).toBe(403);
    const supervisor = await t.as('front_desk_supervisor');
    expect((await supervisor.put('/api/reports/targets', { targets: [{ code: 'ro_count', month: '2026-01', value: 100 }] })).statusCode).toBe(403);
  });

  it('saves targets per store and month, and removes them with null', async () => {
    const saved = await manager.put('/api/reports/targets', {
      targets: [
        { code: 'ro_count', month: '2026-01', value: 500 },
        { code: 'first_time_fix_rate', month: '2026-01', value: 0.95 },
      ],
    });
    expect(saved.json()).toEqual({ saved: 2, removed: 0 });
    const other = await t.as('after_sales_manager', 1);
    expect((await other.get('/api/reports/targets?year=2026')).json().targets).toEqual([]);
    expect((await manager.get('/api/reports/targets?year=2026')).json().targets).toEqual(
      expect.arrayContaining([
        { code: 'ro_count', month: '2026-01', value: 500 },
        { code: 'first_time_fix_rate', month: '2026-01', value: 0.95 },
      ]),
    );
    expect((await manager.put('/api/reports/targets', { targets: [{ code: 'ro_count', month: '2026-01', value: null }] })).json()).toEqual({ saved: 0, removed: 1 });
  });

  it('freezes only finished months', async () => {
    expect((await manager.post('/api/reports/snapshots', { month: '2999-01' })).statusCode).toBe(400);
    const res = await manager.post('/api/reports/snapshots', { month: '2025-01' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ month: '2025-01', alreadyFrozen: false });
    expect((await manager.post('/api/reports/snapshots', { month: '2025-01' })).json()).toMatchObject({ frozen: 0, alreadyFrozen: true });
  });

  it('answers statistics, base, lost cohort, never-back and drill pages', async () => {
    for (const url of [
      '/api/reports/statistics?kind=week&date=2025-10-08',
      '/api/reports/base?month=2025-10&months=18',
      '/api/reports/base/lost?month=2025-03',
      '/api/reports/base/never-back?soldDaysAgo=30',
      '/api/reports/kpis/drill?code=revenue&from=2025-10-01&to=2025-10-31',
      '/api/reports/kpis/trend?month=2025-10&months=12',
    ]) {
      const res = await manager.get(url);
      expect(res.statusCode, url).toBe(200);
    }
    const week = (await manager.get('/api/reports/statistics?kind=week&date=2025-10-08')).json();
    expect(week.period).toEqual({ from: '2025-10-06', to: '2025-10-12' });
  });

  it('lists our own sold cars that never came back', async () => {
    const store = t.world.stores[1]!.id;
    const never = await buildVehicle(db, store, { soldByUs: true, purchaseDate: '2024-03-01' });
    const back = await buildVehicle(db, store, { soldByUs: true, purchaseDate: '2024-03-01' });
    const pdsOnly = await buildVehicle(db, store, { soldByUs: true, purchaseDate: '2024-03-01' });
    await ro(store, back.id, 'periodic_maintenance', '2024-09-01 10:00');
    await ro(store, pdsOnly.id, 'pds', '2024-02-28 10:00');
    const other = await t.as('after_sales_manager', 1);
    const ids = (await other.get('/api/reports/base/never-back?pageSize=200')).json().items.map((r: { vehicleId: number }) => r.vehicleId);
    expect(ids).toEqual(expect.arrayContaining([never.id, pdsOnly.id]));
    expect(ids).not.toContain(back.id);
  });
});
