import { RoCreateSchema } from '#contracts/repair-orders';
import { advisorHome } from '../server/src/modules/repair-orders/advisor-home.service';
import { createRepairOrder } from '../server/src/modules/repair-orders/reception.service';
import { ENDPOINTS, type BenchContext, type BenchFixtures } from './endpoints';

/**
 * Service process (issue 4): opening an RO at reception and the advisor's home screen. Issue 4's
 * target: both p95 under 50 ms on PostgreSQL at the benchmark scale.
 */

const RECEPTION_VEHICLES = 50;

/** Reception of 50 different cars in rotation; the reading is far above any real one (never "below the last"). */
export function receptionBodies(f: BenchFixtures): unknown[] {
  const step = Math.max(1, Math.floor(f.vehicles.length / RECEPTION_VEHICLES));
  return f.vehicles
    .filter((_, i) => i % step === 0)
    .slice(0, RECEPTION_VEHICLES)
    .map((v) => ({
      vehicleId: v.id,
      type: 'general_repair',
      broughtByName: '基准测试',
      odometerKm: 1_999_999,
      concerns: ['刹车时有异响'],
      lines: [{ kind: 'labour', description: '刹车系统检查', hours: '0.5', jobType: 'mechanical' }],
    }));
}

ENDPOINTS.push(
  {
    name: 'ro.create',
    method: 'POST',
    path: (c: BenchContext) => receptionBodies(c.fixtures).map(() => '/api/repair-orders'),
    bodies: (c: BenchContext) => receptionBodies(c.fixtures),
    as: 'service_advisor',
    connections: 20,
    capture: (ctx, _url, body) => createRepairOrder(ctx, RoCreateSchema.parse(body)),
    note: '50 cars in rotation: RO number, vehicle page, reading + timeline, one line, totals, audit',
  },
  {
    name: 'advisor.home',
    method: 'GET',
    path: '/api/advisor/home',
    as: 'service_advisor',
    connections: 20,
    capture: (ctx) => advisorHome(ctx),
    note: "today's appointments and reminders, my open ROs, checks and notices due, pending additional work",
  },
);
