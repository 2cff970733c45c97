import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, LossReason } from '#contracts/care';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { DAY_MS, MovableClock } from '../../platform/clock';
import { localToInstant } from '../../platform/local-time';
import { buildCareTask } from '../care/care.factories';
import { careCalls, careTasks } from '../care/care.table';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { customers } from '../customers/customers.table';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { baseReport } from './base.service';

/**
 * Lost-customer recall (SPEC §11, issue 8): recall tasks from a closed loss cohort (once per
 * vehicle, only vehicles still lost, only customers who may be called), the loss reason on the
 * call, and the report's reasons, destinations and outcomes on a hand-built fixture.
 */

const clock = new MovableClock('2026-03-15T02:00:00Z'); // 10:00 on 15 March 2026 in Asia/Shanghai
let t: TestApp;
let db: Executor;
let storeId: number;
let supervisor: Client;
let agent: Client;
beforeAll(async () => {
  t = await buildTestApp({}, { clock });
  db = t.database.db;
  storeId = t.world.stores[0]!.id;
  supervisor = await t.as('front_desk_supervisor');
  agent = await t.as('customer_service');
});
afterAll(() => t.close());

const SH = 'Asia/Shanghai';
const at = (local: string) => localToInstant(local.slice(0, 10), local.slice(11, 16), SH);

/** A customer, their vehicle and its visits (opened at the local times given). */
async function visitor(store: number, consentPhone: boolean | null, visits: string[], opts: { mobile?: string | null; cancelled?: boolean } = {}) {
  const customer = await buildCustomer(db, store, { consentPhone, ...(opts.mobile === undefined ? {} : { mobile: opts.mobile }) });
  const vehicle = await buildVehicle(db, store, { ownerId: customer.id });
  const ros = [];
  for (const v of visits) {
    ros.push(
      await buildRepairOrder(db, store, {
        vehicleId: vehicle.id,
        customerId: customer.id,
        customerName: customer.name,
        plate: vehicle.plate,
        openedAt: at(v),
        ...(opts.cancelled ? { state: 'cancelled', cancelledAt: at(v) } : { state: 'delivered', deliveredAt: at(v) }),
      }),
    );
  }
  return { customer, vehicle, ros };
}

type Visitor = Awaited<ReturnType<typeof visitor>>;
// The August cohort's vehicles the later describes call.
let v1: Visitor;
let v3: Visitor;
let v9: Visitor;

const recallTasks = () => asSystem(db, (tx) => tx.select().from(careTasks).where(and(eq(careTasks.storeId, storeId), eq(careTasks.kind, 'recall'))).orderBy(careTasks.id));

describe('recall tasks from a lost cohort', () => {
  // The August 2025 cohort: its 6-month loss window closed on 1 March 2026 (local), before "now".
  beforeAll(async () => {
    // v1: two visits in August, never back: lost; the task names its last visit.
    v1 = await visitor(storeId, true, ['2025-08-05 09:00', '2025-08-20 09:00']);
    // v2: back in December, within the window: not lost.
    await visitor(storeId, true, ['2025-08-10 09:00', '2025-12-01 09:00']);
    // v3, v4, v5: lost, but no phone consent, consent never asked, no mobile: no call, no task.
    v3 = await visitor(storeId, false, ['2025-08-12 09:00']);
    await visitor(storeId, null, ['2025-08-15 09:00']);
    await visitor(storeId, true, ['2025-08-16 09:00'], { mobile: null });
    // v6: lost for the KPI (not back within 6 months) but back on 5 March 2026: no recall needed.
    await visitor(storeId, true, ['2025-08-25 09:00', '2026-03-05 09:00']);
    // v7: a cancelled RO only is no visit; v8: 23:30 on 31 July is July's cohort.
    await visitor(storeId, true, ['2025-08-18 09:00'], { cancelled: true });
    await visitor(storeId, true, ['2025-07-31 23:30']);
    // v9: 23:30 on 31 August (15:30 UTC) is still August: lost.
    v9 = await visitor(storeId, true, ['2025-08-31 23:30']);
    // Another store's lost vehicle of August is none of this store's business.
    await visitor(t.world.stores[1]!.id, true, ['2025-08-08 09:00']);
  });

  it('lists the cohort as the KPI counts it', async () => {
    const res = await supervisor.get('/api/reports/base/lost?month=2025-08&pageSize=50');
    expect(res.statusCode, res.body).toBe(200);
    // v1, v3, v4, v5, v6, v9.
    expect(res.json().total).toBe(6);
  });

  it('creates one task per lost vehicle whose customer may be called, once however often it is asked', async () => {
    const res = await supervisor.post('/api/reports/base/lost/recall', { month: '2025-08' });
    expect(res.statusCode, res.body).toBe(200);
    // Candidates: v1, v3, v4, v5, v9 (v6 came back since); no consent or no mobile: v3, v4, v5.
    expect(res.json()).toEqual({ month: '2025-08', lost: 5, created: 2, existing: 0, noConsent: 3 });
    const tasks = await recallTasks();
    expect(tasks.map((x) => x.vehicleId).sort()).toEqual([v1.vehicle.id, v9.vehicle.id].sort());
    const task1 = tasks.find((x) => x.vehicleId === v1.vehicle.id)!;
    expect(task1).toMatchObject({
      businessKey: `lost:2025-08:vehicle:${v1.vehicle.id}`,
      queue: 'customer_service',
      status: 'open',
      roId: v1.ros[1]!.id,
      roNumber: v1.ros[1]!.number,
      customerId: v1.customer.id,
      plate: v1.vehicle.plate,
    });
    expect(task1.availableAt.toISOString()).toBe(clock.now().toISOString());
    expect(task1.dueAt.getTime() - task1.availableAt.getTime()).toBe(14 * DAY_MS);

    // Again, and three at once: nothing new.
    const again = await supervisor.post('/api/reports/base/lost/recall', { month: '2025-08' });
    expect(again.json()).toEqual({ month: '2025-08', lost: 5, created: 0, existing: 2, noConsent: 3 });
    const runs = await Promise.all([1, 2, 3].map(() => supervisor.post('/api/reports/base/lost/recall', { month: '2025-08' })));
    expect(runs.map((r) => r.json().created)).toEqual([0, 0, 0]);
    expect(await recallTasks()).toHaveLength(2);

    // The agent's queue offers them under their own kind.
    const queue = (await agent.get('/api/care/queue?tab=upcoming&kind=recall&pageSize=50')).json();
    expect(queue.items.map((i: { vehicleId: number }) => i.vehicleId).sort()).toEqual([v1.vehicle.id, v9.vehicle.id].sort());
  });

  it('creates a task once consent is given, on the next click', async () => {
    await asSystem(db, (tx) => tx.update(customers).set({ consentPhone: true }).where(eq(customers.id, v3.customer.id)));
    const res = await supervisor.post('/api/reports/base/lost/recall', { month: '2025-08' });
    expect(res.json()).toEqual({ month: '2025-08', lost: 5, created: 1, existing: 2, noConsent: 2 });
    await asSystem(db, (tx) => tx.update(customers).set({ consentPhone: false }).where(eq(customers.id, v3.customer.id)));
  });

  it('refuses a cohort whose loss window is still open, a bad month, and roles that do not supervise care', async () => {
    // September 2025 closes on 1 April 2026.
    const open = await supervisor.post('/api/reports/base/lost/recall', { month: '2025-09' });
    expect(open.statusCode).toBe(400);
    expect(JSON.stringify(open.json().error.details)).toContain('month');
    expect(open.json().error.message).toContain('2026-03-31');
    expect((await supervisor.post('/api/reports/base/lost/recall', { month: '2025-13' })).statusCode).toBe(400);
    expect((await supervisor.post('/api/reports/base/lost/recall', {})).statusCode).toBe(400);
    expect((await agent.post('/api/reports/base/lost/recall', { month: '2025-08' })).statusCode).toBe(403);
    const manager = await t.as('after_sales_manager');
    expect((await manager.post('/api/reports/base/lost/recall', { month: '2025-08' })).statusCode).toBe(200);
    const workshop = await t.as('workshop_supervisor');
    expect((await workshop.post('/api/reports/base/lost/recall', { month: '2025-08' })).statusCode).toBe(403);
  });
});

describe('the loss reason on a recall call', () => {
  const recallTaskOf = async (vehicleId: number) => (await recallTasks()).find((x) => x.vehicleId === vehicleId)!;

  it('answers 400 with the field for a reason where none belongs, a missing one, or a bad destination', async () => {
    const task = await recallTaskOf(v1.vehicle.id);
    const ws = (await agent.get(`/api/care/tasks/${task.id}/workspace`)).json();
    expect(ws.canCall).toBe(true);
    expect(ws.questionnaire).toBeNull();
    expect(ws.script).toContain('没有回店');
    const cases = [
      { body: { outcome: 'reached' }, path: 'lossReason' },
      { body: { outcome: 'no_answer', lossReason: 'too_far' }, path: 'lossReason' },
      { body: { outcome: 'reached', lossReason: 'bored' }, path: 'lossReason' },
      { body: { outcome: 'reached', lossReason: 'too_far', lossDestination: '途虎养车' }, path: 'lossDestination' },
      { body: { outcome: 'reached', lossDestination: '途虎养车' }, path: 'lossDestination' },
      { body: { outcome: 'reached', lossReason: 'serviced_elsewhere', lossDestination: '店'.repeat(101) }, path: 'lossDestination' },
    ];
    for (const c of cases) {
      const res = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: task.version, ...c.body });
      expect(res.statusCode, JSON.stringify(c.body)).toBe(400);
      expect(JSON.stringify(res.json().error.details), JSON.stringify(c.body)).toContain(c.path);
    }
    // A reason on another kind of call: 400 in Chinese and English.
    const { task: satisfaction } = await buildCareTask(db, storeId, { now: clock.now() });
    const wrongKind = await agent.post(`/api/care/tasks/${satisfaction.id}/calls`, { version: 1, outcome: 'reached', lossReason: 'too_far' });
    expect(wrongKind.statusCode).toBe(400);
    expect(wrongKind.json().error.details.fields[0]).toEqual({ path: 'lossReason', message: '只有流失客户回访可以记录流失原因' });
    const wrongKindEn = await agent.request({ method: 'POST', url: `/api/care/tasks/${satisfaction.id}/calls`, payload: { version: 1, outcome: 'reached', lossReason: 'too_far' }, headers: { 'accept-language': 'en' } });
    expect(wrongKindEn.json().error.details.fields[0]).toEqual({ path: 'lossReason', message: 'Only recall calls record a loss reason' });
    const notReachedEn = await agent.request({ method: 'POST', url: `/api/care/tasks/${task.id}/calls`, payload: { version: task.version, outcome: 'no_answer', lossReason: 'too_far' }, headers: { 'accept-language': 'en' } });
    expect(notReachedEn.json().error.details.fields[0]).toMatchObject({ path: 'lossReason', message: 'A loss reason needs a recall call that reached the customer' });
    const unchanged = (await agent.get(`/api/care/tasks/${task.id}/workspace`)).json();
    expect(unchanged.calls).toEqual([]);
    expect(unchanged.task.attempts).toBe(0);
  });

  it('records the reason and the destination, closes the task and shows them in the register', async () => {
    const task = await recallTaskOf(v1.vehicle.id);
    const res = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: task.version, outcome: 'reached', lossReason: 'serviced_elsewhere', lossDestination: '  途虎养车  ', note: '离公司近' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().call).toMatchObject({ lossReason: 'serviced_elsewhere', lossDestination: '途虎养车', taskKind: 'recall' });
    expect(res.json().task.status).toBe('done');
    const register = (await agent.get('/api/care/calls?from=2026-03-15&to=2026-03-15')).json();
    expect(register.items.find((c: { taskId: number }) => c.taskId === task.id)).toMatchObject({ lossReason: 'serviced_elsewhere', lossDestination: '途虎养车' });
    const timeline = (await agent.get(`/api/vehicles/${task.vehicleId}/timeline`)).json();
    expect(timeline.items.map((e: { title: string }) => e.title)).toContain('流失客户回访：已接通，在其他店保养/维修（途虎养车）');
  });

  it('refuses the call once the customer withdrew phone consent', async () => {
    const task = await recallTaskOf(v9.vehicle.id);
    await asSystem(db, (tx) => tx.update(customers).set({ consentPhone: false }).where(eq(customers.id, task.customerId!)));
    const res = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: task.version, outcome: 'reached', lossReason: 'booked' });
    expect(res.statusCode).toBe(409);
  });
});

describe('loss reasons, destinations and outcomes in the base report', () => {
  // Hand-built: recall calls in December 2025 and January 2026 (Asia/Shanghai), and around them.
  let task: number;
  beforeAll(async () => {
    task = (await buildCareTask(db, storeId, { kind: 'recall', now: at('2025-11-20 10:00') })).task.id;
    const satisfaction = (await buildCareTask(db, storeId, { now: at('2025-11-20 10:00') })).task.id;
    const call = (when: string, outcome: CallOutcome, lossReason: LossReason | null = null, lossDestination: string | null = null, taskKind: 'recall' | 'satisfaction' = 'recall') =>
      asSystem(db, (tx) => tx.insert(careCalls).values({ storeId, taskId: taskKind === 'recall' ? task : satisfaction, taskKind, calledAt: at(when), outcome, lossReason, lossDestination }));
    await call('2025-12-01 00:00', 'reached', 'serviced_elsewhere', '途虎养车'); // the first instant of December
    await call('2025-12-10 10:00', 'reached', 'serviced_elsewhere', ' 途虎养车 '); // the same destination, untrimmed
    await call('2026-01-03 10:00', 'reached', 'serviced_elsewhere', '途虎养车');
    await call('2026-01-05 10:00', 'reached', 'serviced_elsewhere', '天猫养车');
    await call('2026-01-10 10:00', 'reached', 'too_far');
    await call('2026-01-31 23:59', 'reached', 'other'); // the last minute of January
    await call('2026-01-12 10:00', 'no_answer');
    await call('2025-12-20 10:00', 'powered_off');
    await call('2026-02-01 00:00', 'reached', 'booked'); // February: outside
    await call('2025-11-30 23:59', 'reached', 'coming_soon'); // November: outside
    await call('2026-01-10 11:00', 'reached', null, null, 'satisfaction'); // not a recall call
    await call('2025-10-15 10:00', 'no_answer'); // October: only an unreached recall call
  });

  const report = (endMonth: string, months: number) => asSystem(db, (tx) => baseReport(tx, { kind: 'store', storeIds: [storeId] }, endMonth, months, clock.now()));

  it('counts reached recall calls per reason, their destinations and every attempt per outcome over the months', async () => {
    const r = await report('2026-01', 2);
    // serviced_elsewhere: 12-01, 12-10, 01-03, 01-05; too_far: 01-10; other: 01-31 23:59.
    expect(r.lossReasons).toEqual([
      { key: 'serviced_elsewhere', label: '在其他店保养/维修', count: 4 },
      { key: 'too_far', label: '距离太远', count: 1 },
      { key: 'other', label: '其他', count: 1 },
    ]);
    expect(r.lossDestinations).toEqual([
      { destination: '途虎养车', count: 3 },
      { destination: '天猫养车', count: 1 },
    ]);
    // Six reached, one unanswered (January), one powered off (December).
    expect(r.recallOutcomes).toEqual([
      { key: 'reached', label: '已接通', count: 6 },
      { key: 'no_answer', label: '无人接听', count: 1 },
      { key: 'powered_off', label: '关机', count: 1 },
    ]);
    // January alone.
    const jan = await report('2026-01', 1);
    expect(jan.lossReasons!.map((x) => [x.key, x.count])).toEqual([
      ['serviced_elsewhere', 2],
      ['too_far', 1],
      ['other', 1],
    ]);
    expect(jan.lossDestinations!.map((d) => d.destination).sort()).toEqual(['天猫养车', '途虎养车'].sort());
  });

  it('says null without any recall call, and empty lists when none reached a customer', async () => {
    expect(await report('2025-09', 1)).toMatchObject({ lossReasons: null, lossDestinations: null, recallOutcomes: null });
    expect(await report('2025-10', 1)).toMatchObject({ lossReasons: [], lossDestinations: [], recallOutcomes: [{ key: 'no_answer', count: 1 }] });
  });

  it('shows them on the base page API and in the customer-service monthly report, in its language', async () => {
    const manager = await t.as('after_sales_manager');
    const api = await manager.get('/api/reports/base?month=2026-01&months=2');
    expect(api.statusCode, api.body).toBe(200);
    expect(api.json().lossReasons[0]).toEqual({ key: 'serviced_elsewhere', label: '在其他店保养/维修', count: 4 });
    const monthly = await manager.get('/api/monthly-reports/customer_service?month=2026-01');
    expect(monthly.statusCode, monthly.body).toBe(200);
    const retention = monthly.json().sections.find((s: { key: string }) => s.key === 'retention').blocks;
    const pie = retention.find((b: { type: string; chart?: string }) => b.type === 'chart' && b.chart === 'pie');
    expect(pie.categories).toEqual(['在其他店保养/维修', '距离太远', '其他']);
    expect(pie.series[0].values).toEqual([2, 1, 1]);
    const destinations = retention.find((b: { title: string }) => b.title === '流失去向（前10）');
    expect(destinations.rows.map((r: { destination: string; count: number }) => [r.destination, r.count]).sort()).toEqual([
      ['天猫养车', 1],
      ['途虎养车', 1],
    ]);
    const en = await manager.request({ method: 'GET', url: '/api/monthly-reports/customer_service?month=2026-01', headers: { 'accept-language': 'en' } });
    const enPie = en.json().sections.find((s: { key: string }) => s.key === 'retention').blocks.find((b: { chart?: string }) => b.chart === 'pie');
    expect(enPie.categories).toEqual(['Serviced at another dealer', 'Too far', 'Other']);
    // A month without recall calls says so.
    const none = await manager.get('/api/monthly-reports/customer_service?month=2025-09');
    expect(JSON.stringify(none.json().sections.find((s: { key: string }) => s.key === 'retention').blocks)).toContain('流失客户原因与去向：暂无数据');
  });
});
