import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackRates } from '#contracts/care';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/test-database';
import { asSystem } from '../../db/scope';
import { DAY_MS, HOUR_MS, MovableClock } from '../../platform/clock';
import { buildCareTask, buildDeliveredRo } from './care.factories';
import { careTasks } from './care.table';
import { scanCareTasks } from './scan';

const clock = new MovableClock('2026-03-10T02:00:00Z'); // 10:00 in Asia/Shanghai
let t: TestApp;
let agent: Client;
let storeId: number;
beforeAll(async () => {
  t = await buildTestApp({}, { clock });
  agent = await t.as('customer_service');
  storeId = t.world.stores[0]!.id;
});
afterAll(() => t.close());

const tasksOfRo = (roId: number) =>
  asSystem(t.database.db, (tx) => tx.select().from(careTasks).where(and(eq(careTasks.storeId, storeId), eq(careTasks.roId, roId))).orderBy(careTasks.kind));
const kindsOfRo = async (roId: number) => (await tasksOfRo(roId)).map((r) => r.kind).sort();
const at = (iso: string) => new Date(iso);

describe('task scan', () => {
  it('creates each task when its window opens (store time), not before', async () => {
    const delivered = at('2026-03-10T02:00:00Z'); // 10:00 local on 3/10
    const { ro } = await buildDeliveredRo(t.database.db, storeId, delivered);
    const scan = (iso: string) => scanCareTasks(t.database.db, at(iso), storeId);

    await scan('2026-03-11T15:59:00Z'); // 3/11 23:59 local: nothing is due yet
    expect(await kindsOfRo(ro.id)).toEqual([]);
    await scan('2026-03-11T16:00:00Z'); // local midnight of day 2: follow-up 1 opens
    expect(await kindsOfRo(ro.id)).toEqual(['follow_up_1']);
    await scan('2026-03-12T01:59:00Z'); // 47 h 59 min after delivery
    expect(await kindsOfRo(ro.id)).toEqual(['follow_up_1']);
    await scan('2026-03-12T02:00:00Z'); // 48 h: the satisfaction call
    expect(await kindsOfRo(ro.id)).toEqual(['follow_up_1', 'satisfaction']);
    await scan('2026-03-17T15:59:00Z');
    expect(await kindsOfRo(ro.id)).toEqual(['follow_up_1', 'satisfaction']);
    await scan('2026-03-17T16:00:00Z'); // day 8 local: follow-up 2
    const tasks = await tasksOfRo(ro.id);
    expect(tasks.map((r) => [r.kind, r.availableAt.toISOString(), r.dueAt.toISOString(), r.queue])).toEqual([
      ['follow_up_1', '2026-03-11T16:00:00.000Z', '2026-03-17T16:00:00.000Z', 'customer_service'],
      ['follow_up_2', '2026-03-17T16:00:00.000Z', '2026-03-24T16:00:00.000Z', 'customer_service'],
      ['satisfaction', '2026-03-12T02:00:00.000Z', '2026-03-13T02:00:00.000Z', 'customer_service'],
    ]);
  });

  it('creates each task once however often, and however many scans run at once', async () => {
    const { ro } = await buildDeliveredRo(t.database.db, storeId, at('2026-03-20T02:00:00Z'));
    const now = at('2026-03-28T00:00:00Z');
    const first = await scanCareTasks(t.database.db, now, storeId);
    expect(first.satisfaction + first.follow_up_1 + first.follow_up_2).toBeGreaterThanOrEqual(3);
    const again = await scanCareTasks(t.database.db, now, storeId);
    expect(again.satisfaction + again.follow_up_1 + again.follow_up_2).toBe(0);
    // Several "instances" at once (on PostgreSQL: concurrent transactions on separate connections).
    const { ro: other } = await buildDeliveredRo(t.database.db, storeId, at('2026-03-20T03:00:00Z'));
    const runs = await Promise.all([1, 2, 3, 4].map(() => scanCareTasks(t.database.db, now, storeId)));
    expect(runs.reduce((n, r) => n + r.satisfaction, 0)).toBe(1);
    expect(await kindsOfRo(ro.id)).toEqual(['follow_up_1', 'follow_up_2', 'satisfaction']);
    expect(await kindsOfRo(other.id)).toEqual(['follow_up_1', 'follow_up_2', 'satisfaction']);
  });

  it('does not flood the queue with history older than the look-back', async () => {
    const { ro } = await buildDeliveredRo(t.database.db, storeId, at('2025-01-10T02:00:00Z'));
    await scanCareTasks(t.database.db, at('2026-03-28T00:00:00Z'), storeId);
    expect(await kindsOfRo(ro.id)).toEqual([]);
  });

  it('lets a supervisor run the scan now and nobody else', async () => {
    const supervisor = await t.as('front_desk_supervisor');
    const res = await supervisor.post('/api/care/scan');
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toHaveProperty('satisfaction');
    expect((await agent.post('/api/care/scan')).statusCode).toBe(403);
  });
});

describe('agent queue and calls', () => {
  it('sorts open tasks into today, overdue and upcoming in the store’s day', async () => {
    clock.set('2026-05-06T02:00:00Z'); // 10:00 local
    const now = clock.now();
    const make = async (dueInHours: number) => {
      const { task } = await buildCareTask(t.database.db, storeId, { now });
      await asSystem(t.database.db, (tx) =>
        tx.update(careTasks).set({ availableAt: new Date(now.getTime() - 30 * HOUR_MS), dueAt: new Date(now.getTime() + dueInHours * HOUR_MS) }).where(eq(careTasks.id, task.id)),
      );
      return task.id;
    };
    const overdue = await make(-1);
    const today = await make(13.5); // 23:30 local
    const upcoming = await make(14.5); // 00:30 tomorrow
    const ids = async (tab: string) => ((await agent.get(`/api/care/queue?tab=${tab}&pageSize=200`)).json().items as { id: number }[]).map((i) => i.id);
    expect(await ids('overdue')).toContain(overdue);
    expect(await ids('today')).toContain(today);
    expect(await ids('today')).not.toContain(upcoming);
    expect(await ids('upcoming')).toContain(upcoming);
    const counts = (await agent.get('/api/care/queue/counts')).json();
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
    expect(counts.today).toBeGreaterThanOrEqual(1);
  });

  it('finds tasks by plate or phone', async () => {
    const { task, customer } = await buildCareTask(t.database.db, storeId, { now: clock.now() });
    const byPlate = (await agent.get(`/api/care/queue?tab=today&q=${encodeURIComponent(task.plate!.slice(2))}`)).json();
    expect(byPlate.items.map((i: { id: number }) => i.id)).toContain(task.id);
    const byPhone = (await agent.get(`/api/care/queue?tab=today&q=${customer.mobile!.slice(-6)}`)).json();
    expect(byPhone.items.map((i: { id: number }) => i.id)).toContain(task.id);
  });

  it('records a reached call with a low score, raises a complaint and a supervisor request, and puts it on the timeline', async () => {
    const { task, vehicle } = await buildCareTask(t.database.db, storeId, { now: clock.now() });
    const ws = (await agent.get(`/api/care/tasks/${task.id}/workspace`)).json();
    expect(ws.canCall).toBe(true);
    expect(ws.questionnaire.questions.map((q: { code: string }) => q.code)).toContain('overall');
    expect(ws.script).toContain(task.plate);
    const res = await agent.post(`/api/care/tasks/${task.id}/calls`, {
      version: task.version,
      outcome: 'reached',
      answers: [
        { code: 'overall', score: 2 },
        { code: 'washed', yes: false },
      ],
      note: '车没洗干净，等了很久',
      complaint: { category: 'time', severity: 'major', description: '交车晚了两小时' },
      supervisorRequest: '客户要求退还部分工时费',
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body.task.status).toBe('done');
    expect(body.complaint.number).toMatch(/^TS/);
    expect(body.call.overallScore).toBe(2);
    const sup = await asSystem(t.database.db, (tx) => tx.select().from(careTasks).where(eq(careTasks.id, body.supervisorTaskId)));
    expect(sup[0]!.queue).toBe('supervisor');
    expect(sup[0]!.dueAt.getTime() - clock.now().getTime()).toBe(2 * DAY_MS);
    // The agent's queue does not show supervisor requests; the supervisor's does.
    expect((await agent.get('/api/care/queue?queue=supervisor')).statusCode).toBe(403);
    const supervisor = await t.as('front_desk_supervisor');
    const supQueue = (await supervisor.get('/api/care/queue?queue=supervisor&tab=upcoming')).json();
    expect(supQueue.items.map((i: { id: number }) => i.id)).toContain(body.supervisorTaskId);
    const timeline = (await agent.get(`/api/vehicles/${vehicle.id}/timeline`)).json();
    const kinds = timeline.items.map((e: { kind: string }) => e.kind);
    expect(kinds).toContain('call');
    expect(kinds).toContain('complaint');
    // The same version again (a double click) changes nothing.
    const again = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: task.version, outcome: 'reached', answers: [{ code: 'overall', score: 2 }] });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a call to a customer without phone consent, and warns outside calling hours', async () => {
    const { task } = await buildCareTask(t.database.db, storeId, { now: clock.now(), consentPhone: false });
    const ws = (await agent.get(`/api/care/tasks/${task.id}/workspace`)).json();
    expect(ws.canCall).toBe(false);
    expect(ws.blockedReason).toContain('未同意');
    const refused = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: 1, outcome: 'no_answer' });
    expect(refused.statusCode).toBe(409);

    const { task: late } = await buildCareTask(t.database.db, storeId, { now: clock.now() });
    clock.set('2026-05-06T13:30:00Z'); // 21:30 local, after 20:00
    const warned = await agent.post(`/api/care/tasks/${late.id}/calls`, { version: 1, outcome: 'no_answer' });
    expect(warned.statusCode).toBe(409);
    expect(warned.json().error.message).toContain('20:00');
    const confirmed = await agent.post(`/api/care/tasks/${late.id}/calls`, { version: 1, outcome: 'no_answer', confirmOutsideHours: true, rescheduleTo: '2026-05-07T02:00:00Z' });
    expect(confirmed.statusCode).toBe(201);
    expect(confirmed.json().task).toMatchObject({ status: 'open', attempts: 1, availableAt: '2026-05-07T02:00:00.000Z', lastOutcome: 'no_answer' });
    expect(confirmed.json().call.outsideCallingHours).toBe(true);
    clock.set('2026-05-06T02:00:00Z');
  });

  it('answers 400 with the field for bad input and changes nothing', async () => {
    const { task } = await buildCareTask(t.database.db, storeId, { now: clock.now() });
    const cases = [
      { body: { version: 1, outcome: 'maybe' }, path: 'outcome' },
      { body: { version: 1, outcome: 'no_answer', answers: [{ code: 'overall', score: 4 }] }, path: 'answers' },
      { body: { version: 1, outcome: 'reached', answers: [{ code: 'overall', score: 9 }] }, path: 'answers.0.score' },
      { body: { version: 1, outcome: 'reached', answers: [{ code: 'nope', score: 3 }] }, path: 'answers.0' },
      { body: { version: 1, outcome: 'reached', answers: [{ code: 'washed', yes: true }] }, path: 'answers' },
      { body: { version: 1, outcome: 'no_answer', rescheduleTo: '2020-01-01T00:00:00Z' }, path: 'rescheduleTo' },
    ];
    for (const c of cases) {
      const res = await agent.post(`/api/care/tasks/${task.id}/calls`, c.body);
      expect(res.statusCode, JSON.stringify(c.body)).toBe(400);
      expect(JSON.stringify(res.json().error.details), JSON.stringify(c.body)).toContain(c.path);
    }
    const ws = (await agent.get(`/api/care/tasks/${task.id}/workspace`)).json();
    expect(ws.calls).toEqual([]);
    expect(ws.task.attempts).toBe(0);
  });

  it('hides another store’s tasks (404) and refuses roles without the permission (403)', async () => {
    const { task } = await buildCareTask(t.database.db, t.world.stores[1]!.id, { now: clock.now() });
    expect((await agent.get(`/api/care/tasks/${task.id}/workspace`)).statusCode).toBe(404);
    expect((await agent.post(`/api/care/tasks/${task.id}/calls`, { version: 1, outcome: 'no_answer' })).statusCode).toBe(404);
    const technician = await t.as('technician');
    expect((await technician.get('/api/care/queue')).statusCode).toBe(403);
  });

  it('reschedules a task to a later window', async () => {
    const { task } = await buildCareTask(t.database.db, storeId, { now: clock.now() });
    const res = await agent.post(`/api/care/tasks/${task.id}/reschedule`, { to: '2026-05-08T03:00:00Z', version: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ availableAt: '2026-05-08T03:00:00.000Z', version: 2 });
    expect((await agent.post(`/api/care/tasks/${task.id}/reschedule`, { to: '2026-05-08T03:00:00Z', version: 1 })).statusCode).toBe(409);
  });
});

describe('questionnaires', () => {
  it('starts every store with the internal callback set and keeps one default', async () => {
    const manager = await t.as('after_sales_manager');
    const list = (await manager.get('/api/care/questionnaires')).json();
    expect(list.filter((q: { isDefault: boolean }) => q.isDefault)).toHaveLength(1);
    expect(list[0].questions).toHaveLength(9);
    const created = await manager.post('/api/care/questionnaires', { name: '首保回访', isDefault: true, questions: [{ code: 'overall', text: '总体', type: 'score', required: true }, { code: 'pick', text: '选', type: 'choice', options: ['甲', '乙'] }] });
    expect(created.statusCode).toBe(201);
    const after = (await manager.get('/api/care/questionnaires')).json();
    expect(after.filter((q: { isDefault: boolean }) => q.isDefault).map((q: { id: number }) => q.id)).toEqual([created.json().id]);
    const bad = await manager.post('/api/care/questionnaires', { name: 'x', questions: [{ code: 'pick', text: '选', type: 'choice', options: ['甲'] }] });
    expect(bad.statusCode).toBe(400);
    const dup = await manager.post('/api/care/questionnaires', { name: 'x', questions: [{ code: 'a', text: '1', type: 'text' }, { code: 'a', text: '2', type: 'text' }] });
    expect(dup.statusCode).toBe(400);
    expect((await agent.post('/api/care/questionnaires', { name: 'x', questions: [{ code: 'a', text: '1', type: 'text' }] })).statusCode).toBe(403);
    // Back to the internal set as default, for the statistics below.
    const internal = after.find((q: { name: string }) => q.name === '内部回访问卷');
    const restored = await manager.put(`/api/care/questionnaires/${internal.id}`, { name: internal.name, isDefault: true, questions: internal.questions, version: internal.version });
    expect(restored.statusCode).toBe(200);
  });
});

describe('callback statistics', () => {
  it('computes SPEC §10 totals, per-question averages and per-advisor rows on a hand-built fixture', async () => {
    const advisorA = { advisorId: 9_000_001, advisorName: '顾问甲' };
    const advisorB = { advisorId: 9_000_002, advisorName: '顾问乙' };
    const delivered = at('2026-06-01T02:00:00Z');
    const ros = [
      await buildDeliveredRo(t.database.db, storeId, delivered, advisorA),
      await buildDeliveredRo(t.database.db, storeId, delivered, advisorA),
      await buildDeliveredRo(t.database.db, storeId, delivered, advisorB),
      await buildDeliveredRo(t.database.db, storeId, delivered, advisorB),
      await buildDeliveredRo(t.database.db, storeId, delivered, advisorB),
    ];
    await scanCareTasks(t.database.db, at('2026-06-03T03:00:00Z'), storeId);
    const satisfaction = async (i: number) => (await tasksOfRo(ros[i]!.ro.id)).find((r) => r.kind === 'satisfaction')!;
    clock.set('2026-06-03T04:00:00Z'); // 12:00 local, 3 June
    const call = async (i: number, body: Record<string, unknown>) => {
      const task = await satisfaction(i);
      const res = await agent.post(`/api/care/tasks/${task.id}/calls`, { version: task.version, ...body });
      expect(res.statusCode, res.body).toBe(201);
    };
    const full = (overall: number) => [
      { code: 'overall', score: overall },
      { code: 'greeting', score: overall === 5 ? 5 : 4 },
      { code: 'washed', yes: overall >= 4 },
    ];
    await call(0, { outcome: 'reached', answers: full(5) }); // A: delighted
    await call(1, { outcome: 'no_answer', rescheduleTo: '2026-06-03T06:00:00Z' }); // A: first attempt…
    clock.set('2026-06-03T06:30:00Z');
    await call(1, { outcome: 'reached', answers: full(3) }); // …then 一般: disappointed (一般以下 includes 一般)
    await call(2, { outcome: 'reached', answers: full(2), complaint: { category: 'quality', description: '异响未修好' } }); // B: disappointed + complaint
    await call(3, { outcome: 'powered_off', giveUp: true }); // B: unreachable
    await call(4, { outcome: 'reached', answers: [{ code: 'overall', score: 4 }] }); // B: valid, neither
    // A follow-up call on the same day is not a satisfaction callback.
    const fu = (await tasksOfRo(ros[0]!.ro.id)).find((r) => r.kind === 'follow_up_1')!;
    expect((await agent.post(`/api/care/tasks/${fu.id}/calls`, { version: fu.version, outcome: 'reached', answers: [{ code: 'overall', score: 1 }] })).statusCode).toBe(201);

    const res = await agent.get('/api/care/stats?from=2026-06-03&to=2026-06-03');
    expect(res.statusCode, res.body).toBe(200);
    const stats = res.json();
    const counts = { made: 5, valid: 4, delighted: 1, disappointed: 2, unreachable: 1 };
    expect(stats.totals).toEqual({ ...counts, ...callbackRates(counts) });
    expect(stats.totals).toMatchObject({ validRate: 0.8, delightedShare: 0.2, disappointedShare: 0.4 });
    const q = Object.fromEntries(stats.questions.map((x: { code: string; average: number | null; answers: number }) => [x.code, [x.answers, x.average]]));
    expect(q.overall).toEqual([4, (5 + 3 + 2 + 4) / 4]);
    expect(q.greeting).toEqual([3, (5 + 4 + 4) / 3]);
    expect(q.washed).toEqual([3, 1 / 3]);
    expect(q.suggestion).toEqual([0, null]);
    const row = (name: string) => stats.advisors.find((a: { advisorName: string }) => a.advisorName === name);
    expect(row('顾问甲')).toMatchObject({ rosDelivered: 0, made: 2, valid: 2, averageScore: 4, delightedShare: 0.5, disappointedShare: 0.5, complaints: 0 });
    expect(row('顾问乙')).toMatchObject({ made: 3, valid: 2, averageScore: 3, delightedShare: 0, disappointedShare: 1 / 3, complaints: 1 });
    // ROs delivered per advisor count in the delivery's period.
    const june1 = (await agent.get('/api/care/stats?from=2026-06-01&to=2026-06-01')).json();
    expect(june1.advisors.find((a: { advisorName: string }) => a.advisorName === '顾问乙').rosDelivered).toBe(3);
    expect(june1.totals.made).toBe(0);
    expect(june1.totals.validRate).toBeNull();

    const register = (await agent.get('/api/care/calls?from=2026-06-03&to=2026-06-03&pageSize=50')).json();
    expect(register.total).toBe(7);
    const xlsx = await agent.get('/api/care/stats/export.xlsx?from=2026-06-03&to=2026-06-03');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await agent.get('/api/care/stats?from=2026-06-03&to=2026-06-01')).statusCode).toBe(400);
  });
});

describe.runIf(onPostgres)('row-level security', () => {
  it('keeps care tables store-scoped for the app role', async () => {
    const rows = await t.database.query<{ relrowsecurity: boolean }>("SELECT relrowsecurity FROM pg_class WHERE relname IN ('care_tasks', 'care_calls', 'care_answers', 'questionnaires')");
    expect(rows.map((r) => r.relrowsecurity)).toEqual([true, true, true, true]);
    await buildCareTask(t.database.db, t.world.stores[1]!.id); // a row the scoped transaction must not see
    const seen = await t.database.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT set_config('app.store_id', ${String(storeId)}, true)`);
      return tx.execute(sql`SELECT count(*)::int AS n FROM care_tasks WHERE store_id <> ${storeId}`);
    });
    expect((seen as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});
