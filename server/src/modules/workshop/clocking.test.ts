import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildUser } from '../../../test/factories';
import { asSystem } from '../../db/scope';
import { clockedByDay, openingHoursLength, splitByLocalDay } from './clocking';
import { buildJob } from './workshop.factories';
import { clockRecords } from './workshop.table';

const at = (s: string) => new Date(s);
const H = 3_600_000;

describe('clocking arithmetic', () => {
  it('splits a stretch at the store-local midnight', () => {
    expect(splitByLocalDay(at('2026-11-10T23:00:00+08:00'), at('2026-11-11T01:30:00+08:00'), 'Asia/Shanghai')).toEqual([
      { day: '2026-11-10', ms: 1 * H },
      { day: '2026-11-11', ms: 1.5 * H },
    ]);
    // The same instants fall on one day in UTC
    expect(splitByLocalDay(at('2026-11-10T23:00:00+08:00'), at('2026-11-11T01:30:00+08:00'), 'UTC')).toEqual([{ day: '2026-11-10', ms: 2.5 * H }]);
    // Over two midnights
    expect(splitByLocalDay(at('2026-11-10T20:00:00+08:00'), at('2026-11-12T02:00:00+08:00'), 'Asia/Shanghai').map((d) => [d.day, d.ms / H])).toEqual([
      ['2026-11-10', 4],
      ['2026-11-11', 24],
      ['2026-11-12', 2],
    ]);
    expect(splitByLocalDay(at('2026-11-10T20:00:00+08:00'), at('2026-11-10T20:00:00+08:00'), 'Asia/Shanghai')).toEqual([]);
  });

  it('adds stretches across pauses, runs an open one until now and clips to a window', () => {
    const records = [
      { startedAt: at('2026-11-10T22:00:00+08:00'), endedAt: at('2026-11-10T23:30:00+08:00') }, // paused 23:30
      { startedAt: at('2026-11-10T23:45:00+08:00'), endedAt: at('2026-11-11T01:30:00+08:00') }, // resumed, finished after midnight
      { startedAt: at('2026-11-11T09:00:00+08:00'), endedAt: null }, // still clocked
    ];
    const now = at('2026-11-11T09:45:00+08:00');
    const byDay = clockedByDay(records, 'Asia/Shanghai', now);
    expect(byDay.get('2026-11-10')! / H).toBe(1.75);
    expect(byDay.get('2026-11-11')! / H).toBe(2.25);
    const clipped = clockedByDay(records, 'Asia/Shanghai', now, { from: at('2026-11-11T00:00:00+08:00'), to: at('2026-11-12T00:00:00+08:00') });
    expect([...clipped.keys()]).toEqual(['2026-11-11']);
    expect(clipped.get('2026-11-11')! / H).toBe(2.25);
  });

  it('takes the opening hours as the default attendance', () => {
    expect(openingHoursLength({ opens: '08:30', closes: '18:00' })).toBe(9.5);
  });
});

describe('efficiency and utilisation per technician-day', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('computes clocked, earned and attendance hours with midnight splits, team shares and entered attendance', async () => {
    const store = t.world.stores[0]!.id;
    const a = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
    const b = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
    // A 3-hour team job finished at 01:30 on the 11th: 1.5 earned hours each.
    const job = await buildJob(t.database.db, store, { state: 'done', technicianIds: [a.id, b.id], hours: '3', finishedAt: at('2026-11-11T01:30:00+08:00') });
    await asSystem(t.database.db, (tx) =>
      tx.insert(clockRecords).values([
        { storeId: store, jobId: job.id, roId: job.roId, technicianId: a.id, technicianName: a.displayName, startedAt: at('2026-11-10T22:00:00+08:00'), endedAt: at('2026-11-10T23:30:00+08:00'), endReason: 'break' },
        { storeId: store, jobId: job.id, roId: job.roId, technicianId: a.id, technicianName: a.displayName, startedAt: at('2026-11-10T23:45:00+08:00'), endedAt: at('2026-11-11T01:30:00+08:00'), endReason: 'finish' },
        { storeId: store, jobId: job.id, roId: job.roId, technicianId: b.id, technicianName: b.displayName, startedAt: at('2026-11-11T00:00:00+08:00'), endedAt: at('2026-11-11T01:30:00+08:00'), endReason: 'finish' },
      ]),
    );
    const leader = await t.as('team_leader');
    const entered = await leader.put('/api/workshop/attendance', { userId: a.id, day: '2026-11-11', hours: 8 });
    expect(entered.statusCode, entered.body).toBe(200);
    expect((await leader.put('/api/workshop/attendance', { userId: a.id, day: '2026-11-11', hours: 25 })).statusCode).toBe(400);

    const manager = await t.as('after_sales_manager');
    const res = await manager.get('/api/workshop/technician-days?from=2026-11-10&to=2026-11-11');
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().filter((r: { userId: number }) => r.userId === a.id || r.userId === b.id);
    const row = (userId: number, day: string) => rows.find((r: { userId: number; day: string }) => r.userId === userId && r.day === day);
    expect(row(a.id, '2026-11-10')).toMatchObject({ clockedHours: '1.75', earnedHours: '0.00', attendanceHours: '9.50', attendanceEntered: false, efficiency: 0 });
    expect(row(a.id, '2026-11-10').utilisation).toBeCloseTo(1.75 / 9.5, 6);
    expect(row(a.id, '2026-11-11')).toMatchObject({ clockedHours: '1.50', earnedHours: '1.50', attendanceHours: '8.00', attendanceEntered: true, efficiency: 1, utilisation: 0.1875 });
    expect(row(b.id, '2026-11-11')).toMatchObject({ clockedHours: '1.50', earnedHours: '1.50', attendanceHours: '9.50', efficiency: 1 });
    expect(rows).toHaveLength(3);

    const oneDay = (await manager.get('/api/workshop/technician-days?from=2026-11-11&to=2026-11-11')).json();
    expect(oneDay.find((r: { userId: number }) => r.userId === a.id)).toMatchObject({ day: '2026-11-11', clockedHours: '1.50' });
    expect((await manager.get('/api/workshop/technician-days?from=2026-11-11&to=2026-11-01')).statusCode).toBe(400);
  });
});
