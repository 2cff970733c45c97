import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/test-database';
import { queryRows } from '../../db/rows';
import { asSystem } from '../../db/scope';
import { buildVehicle } from '../customers/customers.factories';
import { randomFutureDay } from './appointments.factories';

/**
 * SPEC §4 on PostgreSQL (PGlite has one connection and serialises everything): "a slot can never
 * be overbooked, also when many bookings arrive at once" — only the conditional upsert decides.
 */
describe.runIf(onPostgres)('booking under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('200 concurrent bookings of a slot of capacity 10: exactly 10 succeed, 190 get SLOT_FULL, booked = 10', async () => {
    const storeId = t.world.stores[0]!.id;
    const date = randomFutureDay();
    const manager = await t.as('after_sales_manager');
    expect((await manager.put('/api/appointment-slots', { date, time: '10:30', jobType: 'mechanical', capacity: 10 })).statusCode).toBe(200);
    const vehicles = await Promise.all(Array.from({ length: 200 }, () => buildVehicle(t.database.db, storeId)));
    const advisor = await t.as('service_advisor');
    const results = await Promise.all(
      vehicles.map((v) =>
        advisor.post('/api/appointments', {
          vehicleId: v.id,
          contactName: '并发',
          contactPhone: '13800000000',
          channel: 'phone',
          date,
          time: '10:30',
          jobType: 'mechanical',
          requestedWork: '保养',
        }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(190);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('SLOT_FULL');

    const slots = (await advisor.get(`/api/appointment-slots?from=${date}&to=${date}&jobType=mechanical`)).json();
    expect(slots.find((s: { time: string }) => s.time === '10:30')).toMatchObject({ capacity: 10, booked: 10 });
    const [row] = await asSystem(t.database.db, (tx) =>
      queryRows<{ n: number; numbers: number }>(
        tx,
        sql`SELECT count(*)::int AS n, count(DISTINCT number)::int AS numbers FROM appointments WHERE store_id = ${storeId} AND contact_name = '并发'`,
      ),
    );
    expect(row).toEqual({ n: 10, numbers: 10 });
  });
});
