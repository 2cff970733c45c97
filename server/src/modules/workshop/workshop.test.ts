import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SkillGrade } from '#contracts/roles';
import { buildTestApp, login, type Client, type TestApp } from '../../../test/app';
import { buildBay, buildUser } from '../../../test/factories';
import { asSystem } from '../../db/scope';
import { certifications } from '../identity/identity.table';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { repairOrderLines, repairOrderTransitions } from '../repair-orders/repair-orders.table';
import { clockRecords } from './workshop.table';

let t: TestApp;
let store: number;
let dispatcher: Client;
let leader: Client;
let inspector: Client;
beforeAll(async () => {
  t = await buildTestApp();
  store = t.world.stores[0]!.id;
  dispatcher = await t.as('workshop_supervisor');
  leader = await t.as('team_leader');
  inspector = await t.as('technical_supervisor');
});
afterAll(() => t.close());

let n = 0;
/** A technician of store 0 with a session. */
async function technician(grade: SkillGrade | null = 'senior') {
  const username = `wtech${++n}`;
  const user = await buildUser(t.database.db, { groupId: t.world.groupId, username, memberships: [{ storeId: store, role: 'technician', skillGrade: grade }] });
  return { id: user.id, name: user.displayName, client: await login(t.app, username) };
}

const roState = async (id: number) => (await dispatcher.get(`/api/repair-orders/${id}`)).json().state as string;
const items = (n: number, fail: number[] = []) => Array.from({ length: n }, (_, k) => ({ code: `d${k + 1}`, pass: !fail.includes(k), remark: fail.includes(k) ? '力矩不足' : '' }));
async function act(client: Client, job: { id: number; version: number }, action: string, extra: Record<string, unknown> = {}) {
  return client.post(`/api/workshop/jobs/${job.id}/actions`, { action, version: job.version, ...extra });
}

describe('dispatch', () => {
  it('assigns a line of a signed RO, moves the RO to dispatched and refuses a second job for the line', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const bay = await buildBay(t.database.db, store);
    const tech = await technician();
    const before = (await dispatcher.get('/api/workshop/dispatch')).json();
    expect(before.unassigned.some((c: { lineId: number }) => c.lineId === ro.line.id)).toBe(true);

    const res = await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, bayId: bay.id, technicianIds: [tech.id] });
    expect(res.statusCode, res.body).toBe(201);
    const { job, warnings } = res.json();
    expect(job).toMatchObject({ roId: ro.id, state: 'assigned', bayName: bay.name, technicians: [{ userId: tech.id }], standardHours: '1.00' });
    expect(warnings).toEqual([]);
    expect(await roState(ro.id)).toBe('dispatched');

    const board = (await dispatcher.get('/api/workshop/dispatch')).json();
    expect(board.unassigned.some((c: { lineId: number }) => c.lineId === ro.line.id)).toBe(false);
    expect(board.technicians.find((x: { userId: number }) => x.userId === tech.id).loadHours).toBe('1.00');
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).statusCode).toBe(409);
  });

  it('refuses a draft RO, an unknown technician and a non-workshop member', async () => {
    const draft = await buildRepairOrder(t.database.db, store, { state: 'draft' });
    const tech = await technician();
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: draft.line.id, technicianIds: [tech.id] })).statusCode).toBe(409);
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [999_999] })).statusCode).toBe(400);
    const cashier = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'cashier' }] });
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [cashier.id] })).statusCode).toBe(400);
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [] })).statusCode).toBe(400);
  });

  it('warns about a grade below the required one and refuses an uncertified technician (持证上岗)', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    await asSystem(t.database.db, (tx) => tx.update(repairOrderLines).set({ requiredGrade: 'technician', requiredCertification: 'ADAS 标定认证' }).where(eq(repairOrderLines.id, ro.line.id)));
    const junior = await technician('junior');
    const refused = await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [junior.id] });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('ADAS 标定认证');
    expect(refused.json().error.details).toMatchObject({ code: 'CERTIFICATION_REQUIRED', userIds: [junior.id] });
    expect(await roState(ro.id)).toBe('open');

    await asSystem(t.database.db, (tx) => tx.insert(certifications).values({ storeId: store, userId: junior.id, name: 'adas 标定认证', expiresOn: '2099-12-31' }));
    const ok = await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [junior.id] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().warnings).toEqual([expect.objectContaining({ code: 'grade_below_required', userId: junior.id })]);
  });

  it('reassigns a job that is not being worked, and refuses while it is', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const a = await technician();
    const b = await technician();
    const { job } = (await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [a.id] })).json();
    const moved = await dispatcher.put(`/api/workshop/jobs/${job.id}/assignment`, { technicianIds: [b.id, a.id], version: job.version, reason: '组队' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().job.technicians.map((x: { userId: number }) => x.userId)).toEqual([b.id, a.id]);
    const started = (await act(b.client, moved.json().job, 'start')).json();
    expect(started.state).toBe('in_progress');
    expect((await dispatcher.put(`/api/workshop/jobs/${job.id}/assignment`, { technicianIds: [a.id], version: started.version })).statusCode).toBe(409);
    expect((await dispatcher.put(`/api/workshop/jobs/${job.id}/assignment`, { technicianIds: [a.id], version: 1 })).statusCode).toBe(409);
  });
});

describe('job states and clocking', () => {
  it('moves a job through start / pause / resume / finish, keeping the RO in step and clocking each stretch', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const tech = await technician();
    let job = (await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).json().job;

    // Illegal from assigned
    for (const action of ['pause', 'resume', 'finish']) expect((await act(tech.client, job, action, { pauseReason: 'break' })).statusCode, action).toBe(409);

    job = (await act(tech.client, job, 'start')).json();
    expect(job.state).toBe('in_progress');
    expect(await roState(ro.id)).toBe('in_progress');
    expect((await act(tech.client, job, 'start')).statusCode).toBe(409);

    const noReason = await act(tech.client, job, 'pause');
    expect(noReason.statusCode).toBe(400);
    job = (await act(tech.client, job, 'pause', { pauseReason: 'waiting_parts', note: '等刹车片' })).json();
    expect(job).toMatchObject({ state: 'paused', pauseReason: 'waiting_parts' });
    const paused = (await dispatcher.get(`/api/repair-orders/${ro.id}`)).json();
    expect(paused).toMatchObject({ state: 'paused', pauseReason: 'waiting_parts' });

    expect((await act(tech.client, { ...job, version: job.version - 1 }, 'resume')).statusCode).toBe(409);
    job = (await act(tech.client, job, 'resume')).json();
    expect(await roState(ro.id)).toBe('in_progress');
    job = (await act(tech.client, job, 'finish')).json();
    expect(job).toMatchObject({ state: 'done', qcStage: 'self' });
    expect((await act(tech.client, job, 'finish')).statusCode).toBe(409);

    const clocks = await asSystem(t.database.db, (tx) => tx.select().from(clockRecords).where(and(eq(clockRecords.storeId, store), eq(clockRecords.jobId, job.id))));
    expect(clocks.map((c) => c.endReason)).toEqual(['waiting_parts', 'finish']);
    expect(clocks.every((c) => c.endedAt !== null && c.technicianId === tech.id)).toBe(true);

    const mine = (await tech.client.get('/api/workshop/my-jobs')).json();
    expect(mine.map((j: { id: number }) => j.id)).toContain(job.id);
  });

  it('lets only the job\'s technicians (or the dispatcher) work it, one clocked job at a time', async () => {
    const tech = await technician();
    const other = await technician();
    const jobs = [];
    for (let i = 0; i < 2; i++) {
      const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
      jobs.push((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).json().job);
    }
    const forbidden = await act(other.client, jobs[0], 'start');
    expect(forbidden.statusCode).toBe(403);
    expect((await act(tech.client, jobs[0], 'start')).statusCode).toBe(200);
    const busy = await act(tech.client, jobs[1], 'start');
    expect(busy.statusCode).toBe(409);
    expect(busy.json().error.message).toContain('另一项作业');
    // The dispatcher may act for the technician (a tablet left logged out…)
    const j0 = (await dispatcher.get(`/api/workshop/jobs/${jobs[0].id}`)).json();
    expect((await act(dispatcher, j0, 'pause', { pauseReason: 'break' })).statusCode).toBe(200);
    expect((await act(tech.client, jobs[1], 'start')).statusCode).toBe(200);
  });
});

describe('three-level QC', () => {
  it('records a team-leader fail as internal rework, sends the RO back, and moves it on after the final inspection', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const tech = await technician();
    let job = (await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).json().job;
    job = (await act(tech.client, job, 'start')).json();
    job = (await act(tech.client, job, 'finish')).json();

    const detail = (await tech.client.get(`/api/workshop/jobs/${job.id}`)).json();
    expect(detail.checklist.length).toBe(6); // mechanical defaults, created on first use
    const n = detail.checklist.length;

    // Team check before self-check: refused
    expect((await leader.post(`/api/workshop/jobs/${job.id}/team-check`, { items: items(n), version: job.version })).statusCode).toBe(409);
    // Missing items, and a fail without reason
    expect((await tech.client.post(`/api/workshop/jobs/${job.id}/self-check`, { items: items(n - 1), version: job.version })).statusCode).toBe(400);
    expect((await tech.client.post(`/api/workshop/jobs/${job.id}/self-check`, { items: items(n).map((i) => ({ ...i, pass: false, remark: '' })), version: job.version })).statusCode).toBe(400);

    job = (await tech.client.post(`/api/workshop/jobs/${job.id}/self-check`, { items: items(n), version: job.version })).json();
    expect(job.qcStage).toBe('team');
    expect(await roState(ro.id)).toBe('qc');

    const failed = await leader.post(`/api/workshop/jobs/${job.id}/team-check`, { items: items(n, [1]), remarks: '轮毂螺栓力矩不足', version: job.version });
    expect(failed.statusCode, failed.body).toBe(200);
    job = failed.json();
    expect(job).toMatchObject({ state: 'assigned', qcStage: null, reworkCount: 1 });
    const reworked = (await dispatcher.get(`/api/repair-orders/${ro.id}`)).json();
    expect(reworked.state).toBe('rework');
    expect(reworked.transitions.at(-1)).toMatchObject({ action: 'qc_fail', reason: expect.stringContaining('轮毂螺栓力矩不足') });

    job = (await act(tech.client, job, 'start')).json();
    expect(await roState(ro.id)).toBe('in_progress');
    job = (await act(tech.client, job, 'finish')).json();
    job = (await tech.client.post(`/api/workshop/jobs/${job.id}/self-check`, { items: items(n), version: job.version })).json();
    expect((await leader.get('/api/workshop/qc/team')).json().map((j: { id: number }) => j.id)).toContain(job.id);
    job = (await leader.post(`/api/workshop/jobs/${job.id}/team-check`, { items: items(n), version: job.version })).json();
    expect(job.qcStage).toBe('final');
    expect((await inspector.get('/api/workshop/qc/final')).json().map((j: { id: number }) => j.id)).toContain(job.id);
    // A technician does not make the final inspection.
    expect((await tech.client.post(`/api/workshop/jobs/${job.id}/final-inspection`, { items: items(n), version: job.version })).statusCode).toBe(403);
    const final = await inspector.post(`/api/workshop/jobs/${job.id}/final-inspection`, { items: items(n), wash: false, version: job.version });
    expect(final.statusCode, final.body).toBe(200);
    expect(final.json().qcStage).toBe('passed');
    expect(await roState(ro.id)).toBe('ready');

    const history = (await tech.client.get(`/api/workshop/jobs/${job.id}`)).json().inspections;
    expect(history.map((i: { level: string; passed: boolean }) => `${i.level}:${i.passed}`)).toEqual(['self:true', 'team:false', 'self:true', 'team:true', 'final:true']);

    // Counted: the RO went through QC (twice) with one internal rework.
    const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const report = (await (await t.as('after_sales_manager')).get(`/api/workshop/quality?from=${from}&to=${to}`)).json();
    const techRates = report.technicians.find((r: { key: string }) => r.key === String(tech.id));
    expect(techRates).toMatchObject({ qcRos: 1, reworkRos: 1, reworkRate: 1 });
    expect(report.store.reworkRos).toBeGreaterThanOrEqual(1);
  });

  it('counts the advisor sending the car back at delivery as internal rework, and the dispatcher reopens the job', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const tech = await technician();
    let job = (await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).json().job;
    job = (await act(tech.client, job, 'start')).json();
    job = (await act(tech.client, job, 'finish')).json();
    job = (await tech.client.post(`/api/workshop/jobs/${job.id}/self-check`, { items: items(6), version: job.version })).json();
    job = (await leader.post(`/api/workshop/jobs/${job.id}/team-check`, { items: items(6), version: job.version })).json();
    job = (await inspector.post(`/api/workshop/jobs/${job.id}/final-inspection`, { items: items(6), version: job.version })).json();
    let full = (await dispatcher.get(`/api/repair-orders/${ro.id}`)).json();
    expect(full.state).toBe('washing');
    full = (await dispatcher.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'washed', version: full.version })).json();
    const advisor = await t.as('service_advisor');
    const back = await advisor.post(`/api/repair-orders/${ro.id}/return-to-workshop`, { reason: '车内未清洁', version: full.version });
    expect(back.statusCode, back.body).toBe(200);
    const reopened = await dispatcher.post(`/api/workshop/jobs/${job.id}/reopen`, { reason: '交车检查退回', version: job.version });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ state: 'assigned', reworkCount: 1 });
    const from = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const report = (await dispatcher.get(`/api/workshop/quality?from=${from}&to=${to}`)).json();
    expect(report.technicians.find((r: { key: string }) => r.key === String(tech.id))).toMatchObject({ qcRos: 1, reworkRos: 1 });
  });

  it('keeps the checklist per store and job type, editable as a whole', async () => {
    const list = (await inspector.get('/api/workshop/checklists?jobType=paint')).json();
    expect(list.map((i: { text: string }) => i.text)).toContain('与原车颜色一致');
    const saved = await inspector.put('/api/workshop/checklists', { jobType: 'paint', items: [{ text: '与原车颜色一致' }, { text: '无橘皮' }] });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().map((i: { text: string }) => i.text)).toEqual(['与原车颜色一致', '无橘皮']);
    expect(saved.json()[0].code).toBe(list.find((i: { text: string }) => i.text === '与原车颜色一致').code);
    const otherStore = await t.as('technical_supervisor', 1);
    expect((await otherStore.get('/api/workshop/checklists?jobType=paint')).json().length).toBe(list.length);
    expect((await inspector.put('/api/workshop/checklists', { jobType: 'paint', items: [] })).statusCode).toBe(400);
  });
});

describe('control board', () => {
  it('shows every open RO with bay, technicians, time left and late / at-risk / waiting flags', async () => {
    const bay = await buildBay(t.database.db, store, { name: '机电3号' });
    const tech = await technician();
    const late = await buildRepairOrder(t.database.db, store, { state: 'open', promisedAt: new Date(Date.now() - 3_600_000), advisorName: '王顾问' });
    const risky = await buildRepairOrder(t.database.db, store, { state: 'open', promisedAt: new Date(Date.now() + 20 * 60_000) });
    const fine = await buildRepairOrder(t.database.db, store, { state: 'open', promisedAt: new Date(Date.now() + 8 * 3_600_000) });
    let job = (await dispatcher.post('/api/workshop/jobs', { lineId: late.line.id, bayId: bay.id, technicianIds: [tech.id] })).json().job;
    job = (await act(tech.client, job, 'start')).json();
    await act(tech.client, job, 'pause', { pauseReason: 'waiting_approval' });

    const board = await (await t.as('technician')).get('/api/workshop/board');
    expect(board.statusCode).toBe(200);
    const rows = board.json().rows as { roId: number; [k: string]: unknown }[];
    const row = (id: number) => rows.find((r) => r.roId === id)!;
    expect(row(late.id)).toMatchObject({ state: 'paused', late: true, atRisk: false, bays: ['机电3号'], technicians: [tech.name], waitingApproval: true, waitingParts: false, advisorName: '王顾问', jobsTotal: 1, jobsDone: 0 });
    expect(row(late.id).minutesLeft as number).toBeLessThan(0);
    expect(row(risky.id)).toMatchObject({ late: false, atRisk: true });
    expect(row(fine.id)).toMatchObject({ late: false, atRisk: false });
    // Another store's ROs never show
    const other = await buildRepairOrder(t.database.db, t.world.stores[1]!.id, { state: 'open' });
    expect(rows.some((r) => r.roId === other.id)).toBe(false);
  });

  it('records the transitions it causes with who and why', async () => {
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });
    const tech = await technician();
    let job = (await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).json().job;
    job = (await act(tech.client, job, 'start')).json();
    await act(tech.client, job, 'pause', { pauseReason: 'waiting_parts', note: '缺货' });
    const rows = await asSystem(t.database.db, (tx) => tx.select().from(repairOrderTransitions).where(eq(repairOrderTransitions.roId, ro.id)));
    expect(rows.map((r) => r.action)).toEqual(['dispatch', 'start', 'pause']);
    expect(rows.at(-1)!.reason).toBe('等待配件：缺货');
    expect(rows.at(-1)!.actorName).toBe(tech.name);
  });
});
