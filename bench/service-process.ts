import { RoCreateSchema } from '#contracts/repair-orders';
import { advisorHome } from '../server/src/modules/repair-orders/advisor-home.service';
import { createRepairOrder } from '../server/src/modules/repair-orders/reception.service';
import type { Page } from '#contracts/common';
import { benchApi, ENDPOINTS, type BenchContext } from './endpoints';
import { BENCH_NAME, receptionBodies } from './fixtures';

/**
 * Service process (issue 4): opening an RO at reception and the advisor's home screen. Issue 4's
 * target: both p95 under 50 ms on PostgreSQL at the benchmark scale.
 */

/** The benchmark's receptions are cancelled afterwards (they would crowd the advisor's home and the board). */
async function cancelBenchRos(baseUrl: string): Promise<void> {
  const advisor = await benchApi(baseUrl, 'advisor');
  const ids = new Set<number>();
  for (let page = 1, seen = 0; ; page++) {
    const { items, total } = await advisor<Page<{ id: number }>>('GET', `/api/repair-orders?state=draft&pageSize=100&page=${page}&sort=number`);
    for (const r of items) ids.add(r.id);
    seen += items.length;
    if (items.length === 0 || seen >= total) break;
  }
  for (const id of ids) {
    const ro = await advisor<{ version: number; state: string; broughtByName: string }>('GET', `/api/repair-orders/${id}`);
    if (ro.state === 'draft' && ro.broughtByName === BENCH_NAME) await advisor('POST', `/api/repair-orders/${id}/cancel`, { reason: '基准测试结束', version: ro.version });
  }
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
    // Each replay would insert the recorded RO number again.
    replayable: false,
    cleanup: cancelBenchRos,
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
