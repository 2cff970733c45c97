import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '#contracts/permissions';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { buildBay, buildStore, buildUser } from '../../../test/factories';
import { queryRows } from '../../db/rows';
import { asSystem, inStore } from '../../db/scope';
import type { Ctx } from '../../platform/context';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { buildAppointment, dayAhead, randomFutureDay } from './appointments.factories';
import { appointmentsOfDay, appointmentStats, findArrivingAppointment, markAppointmentArrived, remindersDue } from './index';
import { todayIn } from '../../platform/local-time';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let advisor: Client;
let manager: Client;
const store0 = () => t.world.stores[0]!.id;
const store1 = () => t.world.stores[1]!.id;

beforeAll(async () => {
  t = await buildTestApp();
  advisor = await t.as('service_advisor');
  manager = await t.as('after_sales_manager');
});
afterAll(() => t.close());

async function form(overrides: Record<string, unknown> = {}) {
  const owner = await buildCustomer(t.database.db, store0(), { name: '王五' });
  const vehicle = await buildVehicle(t.database.db, store0(), { ownerId: owner.id });
  return {
    vehicleId: vehicle.id,
    customerId: owner.id,
    contactName: '王五',
    contactPhone: '13811112222',
    channel: 'phone',
    date: randomFutureDay(),
    time: '09:30',
    jobType: 'mechanical',
    requestedWork: '40000 公里保养，检查异响',
    partsToPrepare: '机油滤清器',
    depositFen: 0,
    notes: '',
    ...overrides,
  };
}

const setCapacity = (date: string, time: string, jobType: string, capacity: number) =>
  manager.put('/api/appointment-slots', { date, time, jobType, capacity });

async function slotOf(date: string, time: string, jobType: string) {
  const slots = (await advisor.get(`/api/appointment-slots?from=${date}&to=${date}&jobType=${jobType}`)).json();
  return slots.find((s: { time: string }) => s.time === time);
}

const fieldsOf = (res: { json(): { error: { details: { fields: { path: string }[] } } } }) => res.json().error.details.fields.map((f) => f.path);

async function countAppointments(): Promise<number> {
  const [row] = await asSystem(t.database.db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM appointments`));
  return Number(row!.n);
}

function ctxFor(userId: number, storeId: number): Ctx {
  return {
    actor: {
      userId,
      username: 'test',
      displayName: '测试接待',
      sessionId: 's',
      storeId,
      timeZone: TZ,
      role: 'service_advisor',
      groupRole: null,
      permissions: new Set<Permission>(),
    },
    storeId,
    timeZone: TZ,
    db: t.database.db,
    ip: '127.0.0.1',
  };
}

describe('appointments', () => {
  it('books an appointment on a reserved bay, lists it, shows the slot load and records it on the timeline', async () => {
    await buildBay(t.database.db, store0(), { type: 'body', reservedForAppointments: true });
    await buildBay(t.database.db, store0(), { type: 'body', reservedForAppointments: true });
    await buildBay(t.database.db, store0(), { type: 'body', reservedForAppointments: false });
    await buildBay(t.database.db, store0(), { type: 'body', reservedForAppointments: true, active: false });
    const body = await form({ jobType: 'body', depositFen: 50000 });
    const before = await slotOf(body.date, '09:30', 'body');
    expect(before).toMatchObject({ capacity: 2, booked: 0, overridden: false });

    const res = await advisor.post('/api/appointments', body);
    expect(res.statusCode).toBe(201);
    const a = res.json();
    expect(a).toMatchObject({
      number: expect.stringMatching(/^YY\d{8}-\d{4}$/),
      status: 'booked',
      date: body.date,
      time: '09:30',
      jobType: 'body',
      depositFen: 50000,
      contactName: '王五',
      createdByName: expect.any(String),
      version: 1,
      remindedAt: null,
      arrivedAt: null,
    });
    expect(new Date(a.endsAt).getTime() - new Date(a.startsAt).getTime()).toBe(60 * 60_000);
    expect(a.plate).toMatch(/^川A/);

    expect(await slotOf(body.date, '09:30', 'body')).toMatchObject({ capacity: 2, booked: 1 });
    expect((await advisor.get(`/api/appointments/${a.id}`)).json()).toMatchObject({ id: a.id, number: a.number });
    const list = (await advisor.get(`/api/appointments?from=${body.date}&to=${body.date}&status=booked`)).json();
    expect(list.items.map((x: { id: number }) => x.id)).toContain(a.id);
    expect((await advisor.get(`/api/appointments?q=${encodeURIComponent(a.plate)}`)).json().items[0].id).toBe(a.id);

    const events = await asSystem(t.database.db, (tx) =>
      queryRows<{ kind: string; title: string }>(tx, sql`SELECT kind, title FROM timeline_events WHERE vehicle_id = ${body.vehicleId}`),
    );
    expect(events).toEqual([expect.objectContaining({ kind: 'appointment', title: expect.stringContaining(body.date) })]);
    const audit = await asSystem(t.database.db, (tx) =>
      queryRows<{ action: string }>(tx, sql`SELECT action FROM audit_log WHERE entity = 'appointment' AND entity_id = ${String(a.id)}`),
    );
    expect(audit.map((r) => r.action)).toEqual(['appointment.created']);
  });

  it('names the bad field in a 400 and changes nothing', async () => {
    const good = await form();
    await setCapacity(good.date, '09:30', 'mechanical', 5);
    const other = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store1(), role: 'service_advisor' }] });
    const foreignVehicle = await buildVehicle(t.database.db, store1());
    const cases: [Record<string, unknown>, string][] = [
      [{ contactName: '' }, 'contactName'],
      [{ contactPhone: '1' }, 'contactPhone'],
      [{ channel: 'fax' }, 'channel'],
      [{ jobType: 'rocket' }, 'jobType'],
      [{ time: '9:30' }, 'time'],
      [{ time: '09:00' }, 'time'], // not on a slot (slots start 08:30, every 60 min)
      [{ time: '17:30' }, 'time'], // would end after closing
      [{ time: '07:30' }, 'time'], // before opening
      [{ date: '2020-01-01' }, 'date'], // in the past
      [{ date: '2026-02-30' }, 'date'],
      [{ requestedWork: '' }, 'requestedWork'],
      [{ depositFen: -1 }, 'depositFen'],
      [{ depositFen: 12.5 }, 'depositFen'],
      [{ vehicleId: 999999 }, 'vehicleId'],
      [{ vehicleId: foreignVehicle.id }, 'vehicleId'],
      [{ customerId: 999999 }, 'customerId'],
      [{ advisorId: other.id }, 'advisorId'],
    ];
    const count = await countAppointments();
    for (const [patch, field] of cases) {
      const res = await advisor.post('/api/appointments', { ...good, ...patch });
      expect(res.statusCode, JSON.stringify(patch)).toBe(400);
      expect(fieldsOf(res), JSON.stringify(patch)).toContain(field);
    }
    const past = await advisor.post('/api/appointments', { ...good, date: '2020-01-01' });
    expect(past.json().error.message).toContain('不能预约已过去的时段');
    expect(await countAppointments()).toBe(count);
    expect(await slotOf(good.date, '09:30', 'mechanical')).toMatchObject({ capacity: 5, booked: 0 });
  });

  it('takes the phone on file when the form carries it masked, and refuses a masked phone it cannot match', async () => {
    const body = await form();
    await setCapacity(body.date, body.time, body.jobType, 5);
    const owner = await buildCustomer(t.database.db, store0(), { name: '赵六', mobile: '13912345678' });
    const res = await advisor.post('/api/appointments', { ...body, customerId: owner.id, contactPhone: '139****5678' });
    expect(res.statusCode).toBe(201);
    expect(res.json().contactPhone).toBe('13912345678');
    const bad = await advisor.post('/api/appointments', { ...body, customerId: owner.id, contactPhone: '139****0000' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('contactPhone');
  });

  it('refuses a booking in a full slot with 409 SLOT_FULL', async () => {
    const body = await form({ jobType: 'paint' });
    await buildBay(t.database.db, store0(), { type: 'paint', reservedForAppointments: true });
    expect((await advisor.post('/api/appointments', body)).statusCode).toBe(201);
    const full = await advisor.post('/api/appointments', { ...(await form({ jobType: 'paint' })), date: body.date });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('SLOT_FULL');
    expect(full.json().error.message).toMatch(/约满|fully booked/);
    expect(await slotOf(body.date, '09:30', 'paint')).toMatchObject({ capacity: 1, booked: 1 });

    // A type without reserved bays has no place unless the manager opens the slot.
    const none = await advisor.post('/api/appointments', await form({ jobType: 'inspection' }));
    expect(none.json().error.code).toBe('SLOT_FULL');
  });

  it("lets the manager override a slot's capacity, never below what is booked (the CHECK holds too)", async () => {
    const body = await form({ jobType: 'inspection', time: '13:30' });
    const set = await setCapacity(body.date, '13:30', 'inspection', 2);
    expect(set.statusCode).toBe(200);
    expect(set.json()).toMatchObject({ capacity: 2, booked: 0, overridden: true });
    expect((await advisor.post('/api/appointments', body)).statusCode).toBe(201);
    expect((await advisor.post('/api/appointments', { ...(await form({ jobType: 'inspection', time: '13:30' })), date: body.date })).statusCode).toBe(201);
    expect((await advisor.post('/api/appointments', { ...(await form({ jobType: 'inspection', time: '13:30' })), date: body.date })).json().error.code).toBe('SLOT_FULL');

    const below = await setCapacity(body.date, '13:30', 'inspection', 1);
    expect(below.statusCode).toBe(409);
    expect(await slotOf(body.date, '13:30', 'inspection')).toMatchObject({ capacity: 2, booked: 2, overridden: true });
    // Even a write that skips the service cannot overbook.
    await expect(
      asSystem(t.database.db, (tx) => tx.execute(sql`UPDATE appointment_slots SET booked = capacity + 1 WHERE store_id = ${store0()} AND job_type = 'inspection'`)),
    ).rejects.toThrow();

    // Closing a slot (capacity 0) while nothing is booked.
    const closed = randomFutureDay();
    await buildBay(t.database.db, store0(), { type: 'wash', reservedForAppointments: true });
    expect((await setCapacity(closed, '08:30', 'wash', 0)).statusCode).toBe(200);
    const refused = await advisor.post('/api/appointments', await form({ date: closed, time: '08:30', jobType: 'wash' }));
    expect(refused.json().error.code).toBe('SLOT_FULL');

    expect((await setCapacity(closed, '08:45', 'wash', 3)).statusCode).toBe(400);
    expect((await setCapacity(closed, '08:30', 'wash', -1)).statusCode).toBe(400);
  });

  it('moving a booking takes the new place and frees the old one; cancelling frees it', async () => {
    const date = randomFutureDay();
    await setCapacity(date, '10:30', 'mechanical', 1);
    await setCapacity(date, '14:30', 'mechanical', 1);
    const x = (await advisor.post('/api/appointments', await form({ date, time: '10:30' }))).json();
    const yForm = await form({ date, time: '10:30' });
    expect((await advisor.post('/api/appointments', yForm)).json().error.code).toBe('SLOT_FULL');

    const { vehicleId: _v, ...rest } = await form({ date, time: '14:30' });
    const moved = await advisor.put(`/api/appointments/${x.id}`, { ...rest, customerId: x.customerId, version: x.version });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ time: '14:30', version: 2 });
    expect(await slotOf(date, '10:30', 'mechanical')).toMatchObject({ booked: 0 });
    expect(await slotOf(date, '14:30', 'mechanical')).toMatchObject({ booked: 1 });
    const y = await advisor.post('/api/appointments', yForm);
    expect(y.statusCode).toBe(201);

    // Moving into a full slot fails and leaves everything as it was.
    const back = await advisor.put(`/api/appointments/${x.id}`, { ...rest, time: '10:30', version: 2 });
    expect(back.json().error.code).toBe('SLOT_FULL');
    expect((await advisor.get(`/api/appointments/${x.id}`)).json()).toMatchObject({ time: '14:30', version: 2 });
    expect(await slotOf(date, '14:30', 'mechanical')).toMatchObject({ booked: 1 });

    // A stale version is refused.
    expect((await advisor.put(`/api/appointments/${x.id}`, { ...rest, notes: '旧', version: 1 })).json().error.code).toBe('STALE_VERSION');

    const cancelled = await advisor.post(`/api/appointments/${x.id}/outcome`, { outcome: 'cancelled', reason: '客户出差', version: 2 });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelReason: '客户出差' });
    expect(await slotOf(date, '14:30', 'mechanical')).toMatchObject({ booked: 0 });
    // A cancelled booking can no longer be edited.
    expect((await advisor.put(`/api/appointments/${x.id}`, { ...rest, version: 3 })).statusCode).toBe(409);
  });

  it('records outcomes: on time, late, no-show, cancellation needs a reason, only from booked', async () => {
    const f = await form({ jobType: 'quick_service' });
    await setCapacity(f.date, f.time, f.jobType, 3);
    const onTime = (await advisor.post('/api/appointments', f)).json();
    const arrived = await advisor.post(`/api/appointments/${onTime.id}/outcome`, { outcome: 'arrived', version: onTime.version });
    expect(arrived.json()).toMatchObject({ status: 'arrived', arrivedAt: expect.any(String) });
    const again = await advisor.post(`/api/appointments/${onTime.id}/outcome`, { outcome: 'no_show', version: arrived.json().version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ILLEGAL_TRANSITION');

    const lateOne = await buildAppointment(t.database.db, store0(), { startsAt: new Date(Date.now() - 30 * 60_000) });
    expect((await advisor.post(`/api/appointments/${lateOne.id}/outcome`, { outcome: 'arrived', version: 1 })).json().status).toBe('arrived_late');
    const withinGrace = await buildAppointment(t.database.db, store0(), { startsAt: new Date(Date.now() - 10 * 60_000) });
    expect((await advisor.post(`/api/appointments/${withinGrace.id}/outcome`, { outcome: 'arrived', version: 1 })).json().status).toBe('arrived');

    const date = randomFutureDay();
    const noShow = await buildAppointment(t.database.db, store0(), { date, time: '15:30' });
    const res = await advisor.post(`/api/appointments/${noShow.id}/outcome`, { outcome: 'no_show', version: 1 });
    expect(res.json().status).toBe('no_show');
    expect(await slotOf(date, '15:30', 'mechanical')).toMatchObject({ booked: 0 });

    const c = await buildAppointment(t.database.db, store0());
    const noReason = await advisor.post(`/api/appointments/${c.id}/outcome`, { outcome: 'cancelled', version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(fieldsOf(noReason)).toContain('reason');
    expect((await advisor.post(`/api/appointments/${c.id}/outcome`, { outcome: 'vanished', version: 1 })).statusCode).toBe(400);
    expect((await advisor.get(`/api/appointments/${c.id}`)).json().status).toBe('booked');
  });

  it('marks the reminder and lists the reminders due', async () => {
    const soon = await buildAppointment(t.database.db, store0(), { startsAt: new Date(Date.now() + 20 * 3_600_000) });
    const later = await buildAppointment(t.database.db, store0(), { startsAt: new Date(Date.now() + 30 * 3_600_000) });
    const due = await inStore(t.database.db, store0(), (tx) => remindersDue(tx, store0(), TZ, new Date(), 24));
    expect(due.map((a) => a.id)).toContain(soon.id);
    expect(due.map((a) => a.id)).not.toContain(later.id);

    const res = await advisor.post(`/api/appointments/${soon.id}/reminded`);
    expect(res.statusCode).toBe(200);
    expect(res.json().remindedAt).not.toBeNull();
    const after = await inStore(t.database.db, store0(), (tx) => remindersDue(tx, store0(), TZ, new Date(), 24));
    expect(after.map((a) => a.id)).not.toContain(soon.id);
  });

  it('serves reception: the arriving appointment of today, marked arrived with its repair order', async () => {
    const vehicle = await buildVehicle(t.database.db, store0());
    const now = new Date();
    const a = await buildAppointment(t.database.db, store0(), { vehicleId: vehicle.id, startsAt: now, requestedWork: '首保' });
    await buildAppointment(t.database.db, store0(), { vehicleId: vehicle.id, date: dayAhead(3) });
    const found = await inStore(t.database.db, store0(), (tx) => findArrivingAppointment(tx, store0(), vehicle.id, TZ));
    expect(found).toMatchObject({ id: a.id, number: a.number, requestedWork: '首保', advisorId: null });
    expect(await inStore(t.database.db, store1(), (tx) => findArrivingAppointment(tx, store1(), vehicle.id, TZ))).toBeNull();

    const day = await inStore(t.database.db, store0(), (tx) => appointmentsOfDay(tx, store0(), TZ, todayIn(TZ)));
    expect(day.map((x) => x.id)).toContain(a.id);

    const user = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store0(), role: 'service_advisor' }] });
    const ctx = ctxFor(user.id, store0());
    const other = await buildVehicle(t.database.db, store0());
    await expect(inStore(t.database.db, store0(), (tx) => markAppointmentArrived(tx, ctx, a.id, other.id, 77))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(inStore(t.database.db, store1(), (tx) => markAppointmentArrived(tx, { ...ctx, storeId: store1() }, a.id, vehicle.id, 77))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await inStore(t.database.db, store0(), (tx) => markAppointmentArrived(tx, ctx, a.id, vehicle.id, 77));
    expect((await advisor.get(`/api/appointments/${a.id}`)).json()).toMatchObject({ status: 'arrived', roId: 77 });
    await expect(inStore(t.database.db, store0(), (tx) => markAppointmentArrived(tx, ctx, a.id, vehicle.id, 78))).rejects.toMatchObject({ status: 409 });
    expect(await inStore(t.database.db, store0(), (tx) => findArrivingAppointment(tx, store0(), vehicle.id, TZ))).toBeNull();
  });

  it('lists every slot of the range within opening hours and caps the range at 31 days', async () => {
    const from = dayAhead(100);
    const slots = (await advisor.get(`/api/appointment-slots?from=${from}&to=${dayAhead(101)}`)).json();
    // 08:30–18:00 in 60-minute slots: 08:30 … 16:30 = 9 a day, for 6 bay types, 2 days.
    expect(slots).toHaveLength(9 * 6 * 2);
    expect(slots[0]).toMatchObject({ date: from, time: '08:30' });
    expect(slots.map((s: { time: string }) => s.time)).not.toContain('17:30');
    const tooLong = await advisor.get(`/api/appointment-slots?from=${from}&to=${dayAhead(131)}`);
    expect(tooLong.statusCode).toBe(400);
    expect(fieldsOf(tooLong)).toContain('to');
    expect((await advisor.get(`/api/appointment-slots?from=${dayAhead(5)}&to=${dayAhead(4)}`)).statusCode).toBe(400);
  });

  it('computes the figures: proactive share and no-show rate; RO counts come from the caller', async () => {
    const { id: storeId } = await buildStore(t.database.db, t.world.groupId);
    const past = new Date(Date.now() - 3 * 3_600_000);
    await buildAppointment(t.database.db, storeId, { startsAt: past, channel: 'proactive', status: 'no_show' });
    await buildAppointment(t.database.db, storeId, { startsAt: past, channel: 'phone', status: 'arrived' });
    await buildAppointment(t.database.db, storeId, { startsAt: past, channel: 'phone', status: 'cancelled' });
    await buildAppointment(t.database.db, storeId, { startsAt: new Date(Date.now() + 3 * 86_400_000), channel: 'proactive' });
    const range = { from: dayAhead(-2), to: dayAhead(5), timeZone: TZ };
    const stats = await inStore(t.database.db, storeId, (tx) => appointmentStats(tx, storeId, range, { ros: 8, rosFromAppointments: 2 }));
    expect(stats).toEqual({
      ros: 8,
      rosFromAppointments: 2,
      appointmentRateBp: 2500,
      bookings: 4,
      proactive: 2,
      proactiveShareBp: 5000,
      due: 2,
      noShows: 1,
      noShowRateBp: 5000,
    });
    const res = await advisor.get(`/api/appointments/stats?from=${dayAhead(-2)}&to=${dayAhead(5)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ros: 0, appointmentRateBp: null });
  });

  it("answers 404 for another store's appointment, for reads and writes, and hides it from lists", async () => {
    const foreign = await buildAppointment(t.database.db, store1());
    expect((await advisor.get(`/api/appointments/${foreign.id}`)).statusCode).toBe(404);
    expect((await advisor.post(`/api/appointments/${foreign.id}/outcome`, { outcome: 'no_show', version: 1 })).statusCode).toBe(404);
    expect((await advisor.post(`/api/appointments/${foreign.id}/reminded`)).statusCode).toBe(404);
    const body = await form();
    const { vehicleId: _v, ...rest } = body;
    expect((await advisor.put(`/api/appointments/${foreign.id}`, { ...rest, version: 1 })).statusCode).toBe(404);
    const list = (await advisor.get('/api/appointments?pageSize=200')).json();
    expect(list.items.map((a: { id: number }) => a.id)).not.toContain(foreign.id);
    expect((await asSystem(t.database.db, (tx) => queryRows<{ status: string }>(tx, sql`SELECT status FROM appointments WHERE id = ${foreign.id}`)))[0]!.status).toBe('booked');
  });

  it('refuses roles without the permission with 403', async () => {
    const cashier = await t.as('cashier');
    expect((await cashier.get('/api/appointments')).statusCode).toBe(403);
    const tech = await t.as('technician');
    const seen = await tech.get('/api/appointments?pageSize=200');
    expect(seen.statusCode).toBe(200);
    // The workshop reads the bookings but not the contact's phone and full name.
    const row = seen.json().items.find((a: { contactName: string; contactPhone: string }) => a.contactName.startsWith('王') && a.contactPhone.endsWith('2222'));
    expect(row).toMatchObject({ contactName: '王*', contactPhone: '138****2222' });
    expect((await tech.post('/api/appointments', await form())).statusCode).toBe(403);
    expect((await advisor.put('/api/appointment-slots', { date: randomFutureDay(), time: '08:30', jobType: 'wash', capacity: 3 })).statusCode).toBe(403);
  });
});
