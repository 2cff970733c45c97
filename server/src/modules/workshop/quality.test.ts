import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { buildUser } from '../../../test/factories';
import { asSystem } from '../../db/scope';
import { memberships } from '../identity/identity.table';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { repairOrders, repairOrderTransitions } from '../repair-orders/repair-orders.table';
import { buildJob } from './workshop.factories';

let t: TestApp;
let store: number;
let manager: Client;
beforeAll(async () => {
  t = await buildTestApp();
  store = t.world.stores[0]!.id;
  manager = await t.as('after_sales_manager');
});
afterAll(() => t.close());

const at = (s: string) => new Date(s);

describe('comebacks and the first-time fix / rework rates (SPEC §16)', () => {
  it('computes the rates per technician, team and store on a hand-built month', async () => {
    const tech = async (team: string) => {
      const u = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
      await asSystem(t.database.db, (tx) => tx.update(memberships).set({ team }).where(eq(memberships.userId, u.id)));
      return u;
    };
    const [a, b, c] = [await tech('一组'), await tech('一组'), await tech('二组')];
    /** A delivered RO of its own vehicle with one job by `techs`, opened and delivered on `day` (November = the period). */
    const delivered = async (day: string, techs: number[]) => {
      const job = await buildJob(t.database.db, store, {
        state: 'done',
        qcStage: 'passed',
        roState: 'delivered',
        ro: { openedAt: at(`${day}T09:00:00+08:00`), deliveredAt: at(`${day}T17:00:00+08:00`) },
        technicianIds: techs,
      });
      await asSystem(t.database.db, (tx) => tx.insert(repairOrderTransitions).values({ storeId: store, roId: job.roId, action: 'submit_qc', fromState: 'in_progress', toState: 'qc', at: at(`${day}T15:00:00+08:00`) }));
      return job.ro;
    };
    const r0 = await delivered('2026-10-20', [a.id]); // October: outside the period
    const r1 = await delivered('2026-11-03', [a.id]);
    const r2 = await delivered('2026-11-05', [a.id]);
    const r3 = await delivered('2026-11-08', [b.id]);
    await delivered('2026-11-12', [b.id, c.id]); // r4, a team job
    const r5 = await delivered('2026-11-20', [c.id]);
    // Internal rework: a QC fail on r2, a send-back at delivery on r5.
    await asSystem(t.database.db, (tx) =>
      tx.insert(repairOrderTransitions).values([
        { storeId: store, roId: r2.id, action: 'qc_fail', fromState: 'qc', toState: 'rework', reason: '终检不合格', at: at('2026-11-05T15:30:00+08:00') },
        { storeId: store, roId: r5.id, action: 'return_to_workshop', fromState: 'ready', toState: 'rework', reason: '未清洁', at: at('2026-11-20T16:00:00+08:00') },
      ]),
    );

    /** The car of `original` comes back on `day`; the advisor links the new RO with a reason. */
    const comeback = async (original: { id: number; vehicleId: number }, day: string, reason: string) => {
      const ro = await buildRepairOrder(t.database.db, store, { state: 'open', vehicleId: original.vehicleId, openedAt: at(`${day}T10:00:00+08:00`) });
      const advisor = await t.as('service_advisor');
      const res = await advisor.post('/api/workshop/comebacks', { roId: ro.id, originalRoId: original.id, reason, note: '同一故障' });
      expect(res.statusCode, res.body).toBe(201);
      return { ro, body: res.json() };
    };
    const c1 = await comeback(r1, '2026-12-02', 'noise'); // after the period: still counts for r1's month
    await comeback(r3, '2026-11-25', 'workmanship');
    await comeback(r0, '2026-11-10', 'vibration'); // inside the period, but r0 is October's

    expect(c1.body).toMatchObject({ originalRoId: r1.id, reason: 'noise', technicians: [a.displayName] });
    const [linked] = await asSystem(t.database.db, (tx) => tx.select({ comebackOfRoId: repairOrders.comebackOfRoId }).from(repairOrders).where(eq(repairOrders.id, c1.ro.id)));
    expect(linked!.comebackOfRoId).toBe(r1.id);

    const res = await manager.get('/api/workshop/quality?from=2026-11-01&to=2026-11-30');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    // The fixture owns every RO of the store in November (other tests of this file build none there).
    expect(report.store).toMatchObject({ ros: 5, comebackRos: 2, qcRos: 5, reworkRos: 2 });
    expect(report.store.firstTimeFixRate).toBeCloseTo(0.6, 10);
    expect(report.store.reworkRate).toBeCloseTo(0.4, 10);
    const tech_ = (u: { id: number }) => report.technicians.find((r: { key: string }) => r.key === String(u.id));
    expect(tech_(a)).toMatchObject({ ros: 2, comebackRos: 1, firstTimeFixRate: 0.5, qcRos: 2, reworkRos: 1, reworkRate: 0.5 });
    expect(tech_(b)).toMatchObject({ ros: 2, comebackRos: 1, firstTimeFixRate: 0.5, reworkRos: 0 });
    expect(tech_(c)).toMatchObject({ ros: 2, comebackRos: 0, firstTimeFixRate: 1, reworkRos: 1, reworkRate: 0.5 });
    const team = (k: string) => report.teams.find((r: { key: string }) => r.key === k);
    expect(team('一组')).toMatchObject({ ros: 4, comebackRos: 2, firstTimeFixRate: 0.5 });
    expect(team('二组')).toMatchObject({ ros: 2, comebackRos: 0, firstTimeFixRate: 1 });

    // October sees r0 and its comeback (recorded in November).
    const october = (await manager.get('/api/workshop/quality?from=2026-10-01&to=2026-10-31')).json();
    expect(october.store).toMatchObject({ ros: 1, comebackRos: 1, firstTimeFixRate: 0 });

    // The list goes by the day a comeback was recorded (today).
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const listed = (await manager.get(`/api/workshop/comebacks?from=${day(-1)}&to=${day(1)}`)).json();
    expect(listed.find((x: { roId: number }) => x.roId === c1.ro.id)).toMatchObject({ originalRoNumber: r1.number, reason: 'noise' });
  });

  it('refuses a comeback of another vehicle, of a later or unfinished RO, or twice', async () => {
    const advisor = await t.as('service_advisor');
    const original = await buildRepairOrder(t.database.db, store, { state: 'delivered', openedAt: at('2026-09-01T09:00:00+08:00'), deliveredAt: at('2026-09-01T17:00:00+08:00') });
    const other = await buildRepairOrder(t.database.db, store, { state: 'open' });
    expect((await advisor.post('/api/workshop/comebacks', { roId: other.id, originalRoId: original.id, reason: 'noise' })).statusCode).toBe(400);
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open', vehicleId: original.vehicleId });
    const unfinished = await buildRepairOrder(t.database.db, store, { state: 'in_progress', vehicleId: original.vehicleId, openedAt: at('2026-09-05T09:00:00+08:00') });
    expect((await advisor.post('/api/workshop/comebacks', { roId: ro.id, originalRoId: unfinished.id, reason: 'noise' })).statusCode).toBe(400);
    expect((await advisor.post('/api/workshop/comebacks', { roId: original.id, originalRoId: ro.id, reason: 'noise' })).statusCode).toBe(400);
    expect((await advisor.post('/api/workshop/comebacks', { roId: ro.id, originalRoId: original.id, reason: 'bad' })).statusCode).toBe(400);
    expect((await advisor.post('/api/workshop/comebacks', { roId: ro.id, originalRoId: original.id, reason: 'incomplete' })).statusCode).toBe(201);
    expect((await advisor.post('/api/workshop/comebacks', { roId: ro.id, originalRoId: original.id, reason: 'incomplete' })).statusCode).toBe(409);
  });
});

describe('case library and incidents', () => {
  it('finds cases by model and symptom words in any order', async () => {
    const writer = await t.as('technical_supervisor');
    const body = { title: '冷车抖动', modelName: '速腾 1.4T 2019', symptom: '冷车启动后怠速抖动，热车后消失', diagnosis: '读取故障码P0301，1缸失火；点火线圈老化', fix: '更换1缸点火线圈，清除故障码，路试正常' };
    const created = await writer.post('/api/workshop/cases', body);
    expect(created.statusCode, created.body).toBe(201);
    await writer.post('/api/workshop/cases', { ...body, title: '高速异响', modelName: '迈腾 2.0T', symptom: '高速行驶时底盘异响', diagnosis: '轮毂轴承磨损', fix: '更换轴承' });
    const reader = await t.as('technician');
    const search = async (qs: string) => (await reader.get(`/api/workshop/cases?${qs}`)).json().items.map((c: { title: string }) => c.title);
    expect(await search(`q=${encodeURIComponent('抖动 冷车')}`)).toEqual(['冷车抖动']);
    expect(await search(`q=${encodeURIComponent('p0301')}`)).toEqual(['冷车抖动']);
    expect(await search(`model=${encodeURIComponent('迈腾')}`)).toEqual(['高速异响']);
    expect(await search(`model=${encodeURIComponent('速腾')}&q=${encodeURIComponent('异响')}`)).toEqual([]);
    expect((await reader.post('/api/workshop/cases', body)).statusCode).toBe(403);
    const stale = await writer.put(`/api/workshop/cases/${created.json().id}`, { ...body, version: 99 });
    expect(stale.statusCode).toBe(409);
    expect((await writer.post('/api/workshop/cases', { ...body, symptom: '' })).statusCode).toBe(400);
  });

  it('records an incident with an owner and closes it after follow-up', async () => {
    const supervisor = await t.as('workshop_supervisor');
    const ro = await buildRepairOrder(t.database.db, store, { state: 'in_progress' });
    const owner = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
    const res = await supervisor.post('/api/workshop/incidents', { kind: 'part_not_fitted', roId: ro.id, occurredAt: '2026-11-20T10:00:00+08:00', description: '领出的机滤未装车', ownerId: owner.id });
    expect(res.statusCode, res.body).toBe(201);
    const incident = res.json();
    expect(incident).toMatchObject({ status: 'open', ownerName: owner.displayName, roNumber: ro.number, closedAt: null });
    const closed = await supervisor.put(`/api/workshop/incidents/${incident.id}`, { ...incident, roId: ro.id, followUp: '已退回配件库', status: 'closed', version: incident.version });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    const open = (await supervisor.get('/api/workshop/incidents?status=open')).json();
    expect(open.items.some((i: { id: number }) => i.id === incident.id)).toBe(false);
    expect((await supervisor.post('/api/workshop/incidents', { kind: 'item_lost', occurredAt: '2026-11-20T10:00:00+08:00', description: 'x', ownerId: 999999 })).statusCode).toBe(400);
  });
});
