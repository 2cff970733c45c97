import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/test-database';
import { queryRows } from '../../db/rows';
import { inStore } from '../../db/scope';
import { buildRepairOrder } from './repair-orders.factories';

/**
 * DESIGN §5 on PostgreSQL (PGlite has one connection and serialises everything): a double click or
 * retries of one settlement race on the Idempotency-Key row, and different keys race on the live
 * settlement's unique index and the RO's version.
 */
describe.runIf(onPostgres)('settling under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const store0 = () => t.world.stores[0]!.id;
  const body = (version: number) => ({ payments: [{ payer: 'customer', method: 'cash', amountFen: 24000 }], version });
  const settlementsOf = (roId: number) =>
    inStore(t.database.db, store0(), (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM settlements WHERE ro_id = ${roId}`));

  it('20 concurrent settlements with one key settle once and all get the same answer', async () => {
    const ro = await buildRepairOrder(t.database.db, store0(), { state: 'ready' });
    const cashier = await t.as('cashier');
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        cashier.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body(ro.version), headers: { 'idempotency-key': `double-click-${ro.id}` } }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(200));
    const first = results[0]!.json();
    expect(first.state).toBe('settled');
    for (const r of results) expect(r.json()).toEqual(first);
    expect((await settlementsOf(ro.id))[0]!.n).toBe(1);
  });

  it('20 concurrent settlements with different keys: exactly one settles, the others get 409', async () => {
    const ro = await buildRepairOrder(t.database.db, store0(), { state: 'ready' });
    const cashier = await t.as('cashier');
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        cashier.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body(ro.version), headers: { 'idempotency-key': `other-key-${ro.id}-${i}` } }),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    expect((await settlementsOf(ro.id))[0]!.n).toBe(1);
  });
});
