import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { asSystem } from '../../db/scope';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/rows';
import { makeMobile, makeVin } from './customers.factories';

let t: TestApp;
let fds: Client;
beforeAll(async () => {
  t = await buildTestApp();
  fds = await t.as('front_desk_supervisor');
});
afterAll(() => t.close());

/** Rows of each history table pointing at a customer or vehicle id (all stores: nothing hidden). */
async function references(kind: 'customer' | 'vehicle', id: number): Promise<Record<string, number>> {
  const queries =
    kind === 'customer'
      ? {
          'vehicles.owner_id': sql`SELECT count(*)::int AS n FROM vehicles WHERE owner_id = ${id}`,
          'vehicles.driver_id': sql`SELECT count(*)::int AS n FROM vehicles WHERE driver_id = ${id}`,
          'odometer_readings.brought_by_customer_id': sql`SELECT count(*)::int AS n FROM odometer_readings WHERE brought_by_customer_id = ${id}`,
          'timeline_events.customer_id': sql`SELECT count(*)::int AS n FROM timeline_events WHERE customer_id = ${id}`,
        }
      : {
          'odometer_readings.vehicle_id': sql`SELECT count(*)::int AS n FROM odometer_readings WHERE vehicle_id = ${id}`,
          'timeline_events.vehicle_id': sql`SELECT count(*)::int AS n FROM timeline_events WHERE vehicle_id = ${id}`,
        };
  const out: Record<string, number> = {};
  for (const [key, q] of Object.entries(queries)) {
    out[key] = Number((await asSystem(t.database.db, (tx) => queryRows<{ n: number }>(tx, q)))[0]!.n);
  }
  return out;
}

async function totals() {
  const [row] = await asSystem(t.database.db, (tx) =>
    queryRows<{ readings: number; events: number; customers: number; vehicles: number }>(
      tx,
      sql`SELECT (SELECT count(*) FROM odometer_readings)::int AS readings, (SELECT count(*) FROM timeline_events)::int AS events,
      (SELECT count(*) FROM customers)::int AS customers, (SELECT count(*) FROM vehicles)::int AS vehicles`,
    ),
  );
  return row!;
}

describe('merging duplicate files', () => {
  it('moves every history row of a customer to the surviving file, keeps the merged one marked, audits it', async () => {
    const dupMobile = makeMobile();
    const survivor = (await fds.post('/api/customers', { name: '刘备', mobile: makeMobile(), tags: ['VIP'] })).json();
    const dup = (
      await fds.post('/api/customers', { name: '刘备', mobile: dupMobile, address: '成都锦里', tags: ['车队'], consent: { phone: true, sms: null, wechat: false } })
    ).json();
    const car = (await fds.post('/api/vehicles', { vin: makeVin(), ownerId: dup.id })).json();
    const driven = (await fds.post('/api/vehicles', { vin: makeVin(), ownerId: survivor.id, driverId: dup.id })).json();
    await fds.post(`/api/vehicles/${driven.id}/odometer-readings`, { km: 5000, broughtByCustomerId: dup.id });
    const before = await references('customer', dup.id);
    expect(before).toEqual({
      'vehicles.owner_id': 1,
      'vehicles.driver_id': 1,
      'odometer_readings.brought_by_customer_id': 1,
      'timeline_events.customer_id': 3, // file created, vehicle created, visit
    });
    const survivorBefore = await references('customer', survivor.id);
    const totalsBefore = await totals();

    const res = await fds.post(`/api/customers/${dup.id}/merge`, { intoId: survivor.id });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ survivorId: survivor.id, mergedId: dup.id, moved: { ...before, 'customers.merged_into_id': 0 } });

    expect(await references('customer', dup.id)).toEqual({
      'vehicles.owner_id': 0,
      'vehicles.driver_id': 0,
      'odometer_readings.brought_by_customer_id': 0,
      'timeline_events.customer_id': 0,
    });
    const survivorAfter = await references('customer', survivor.id);
    for (const [key, n] of Object.entries(before)) {
      expect(survivorAfter[key], key).toBe(survivorBefore[key]! + n + (key === 'timeline_events.customer_id' ? 1 : 0)); // + the merge event
    }
    // Nothing deleted: every row is still there, one timeline event more.
    expect(await totals()).toEqual({ ...totalsBefore, events: totalsBefore.events + 1 });

    const merged = (await fds.get(`/api/customers/${dup.id}`)).json();
    expect(merged.mergedIntoId).toBe(survivor.id);
    const kept = (await fds.get(`/api/customers/${survivor.id}`)).json();
    expect(kept.vehicles.map((v: { id: number }) => v.id).sort()).toEqual([car.id, driven.id].sort());
    expect(kept).toMatchObject({ address: '成都锦里', tags: ['VIP', '车队'], consent: { phone: true, sms: null, wechat: false } });
    expect(kept.otherPhones).toHaveLength(1); // the merged file's mobile (the supervisor may see it)
    expect(kept.otherPhones[0]).toBe(dupMobile);
    expect((await fds.get('/api/customers?pageSize=200')).json().items.map((c: { id: number }) => c.id)).not.toContain(dup.id);
    expect((await fds.get(`/api/search?q=${dupMobile}`)).json().items[0]).toMatchObject({ type: 'customer', id: survivor.id });

    const manager = await t.as('after_sales_manager');
    const entries = (await manager.get(`/api/audit?action=customer.merged&entityId=${survivor.id}`)).json();
    expect(entries.total).toBe(1);
    expect(entries.items[0].after.moved['vehicles.owner_id']).toBe(1);

    // A merged file is closed: no second merge, no edits, no merge into it.
    expect((await fds.post(`/api/customers/${dup.id}/merge`, { intoId: survivor.id })).statusCode).toBe(409);
    expect((await fds.put(`/api/customers/${dup.id}`, { ...merged })).statusCode).toBe(409);
    const third = (await fds.post('/api/customers', { name: '第三', mobile: makeMobile() })).json();
    expect((await fds.post(`/api/customers/${third.id}/merge`, { intoId: dup.id })).statusCode).toBe(409);
    const self = await fds.post(`/api/customers/${third.id}/merge`, { intoId: third.id });
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details.fields[0].path).toBe('intoId');
  });

  it('follows a chain: a file merged earlier into the merged one points to the survivor', async () => {
    const a = (await fds.post('/api/customers', { name: 'A', mobile: makeMobile() })).json();
    const b = (await fds.post('/api/customers', { name: 'B', mobile: makeMobile() })).json();
    const c = (await fds.post('/api/customers', { name: 'C', mobile: makeMobile() })).json();
    expect((await fds.post(`/api/customers/${a.id}/merge`, { intoId: b.id })).statusCode).toBe(200);
    expect((await fds.post(`/api/customers/${b.id}/merge`, { intoId: c.id })).json().moved['customers.merged_into_id']).toBe(1);
    expect((await fds.get(`/api/customers/${a.id}`)).json().mergedIntoId).toBe(c.id);
  });

  it('moves readings and timeline of a duplicate vehicle, fills the survivor’s blanks and recomputes it', async () => {
    const owner = (await fds.post('/api/customers', { name: '关羽', mobile: makeMobile() })).json();
    const vin = makeVin();
    const byVin = (await fds.post('/api/vehicles', { vin, ownerId: owner.id, mileageKm: 10_000 })).json();
    const byPlate = (await fds.post('/api/vehicles', { plate: '川A8M001', colour: '红色', ownerId: owner.id })).json();
    const late = await fds.post(`/api/vehicles/${byVin.id}/odometer-readings`, { km: 12_000, readAt: new Date(Date.now() - 40 * 86_400_000).toISOString() });
    expect(late.statusCode).toBe(400); // above the later reading: needs a reason
    await fds.post(`/api/vehicles/${byVin.id}/odometer-readings`, { km: 12_000 });
    const before = await references('vehicle', byVin.id);
    expect(before['odometer_readings.vehicle_id']).toBe(2);

    // The plate-only file survives and takes over the VIN of the merged one.
    const res = await fds.post(`/api/vehicles/${byVin.id}/merge`, { intoId: byPlate.id });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toMatchObject(before);
    expect(await references('vehicle', byVin.id)).toEqual({ 'odometer_readings.vehicle_id': 0, 'timeline_events.vehicle_id': 0 });
    const page = (await fds.get(`/api/vehicles/${byPlate.id}`)).json();
    expect(page).toMatchObject({ vin, plate: '川A8M001', colour: '红色', currentMileageKm: 12_000 });
    expect(page.odometer).toHaveLength(2);
    expect((await fds.get(`/api/vehicles/${byVin.id}`)).json().mergedIntoId).toBe(byPlate.id);
    expect((await fds.get(`/api/search?q=${vin.slice(-6)}`)).json().items.map((i: { id: number }) => i.id)).toEqual([byPlate.id]);
    const timeline = (await fds.get(`/api/vehicles/${byPlate.id}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ kind: 'merged' });
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['vehicle_created', 'visit']));
  });

  it('is refused without the merge permission', async () => {
    const a = (await fds.post('/api/customers', { name: 'X', mobile: makeMobile() })).json();
    const b = (await fds.post('/api/customers', { name: 'Y', mobile: makeMobile() })).json();
    expect((await (await t.as('service_advisor')).post(`/api/customers/${a.id}/merge`, { intoId: b.id })).statusCode).toBe(403);
    expect((await (await t.as('customer_service')).post(`/api/customers/${a.id}/merge`, { intoId: b.id })).statusCode).toBe(403);
  });
});
