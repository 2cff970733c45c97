import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { onPostgres } from '../../../test/test-database';
import { queryRows } from '../../db/rows';
import { inStore } from '../../db/scope';
import { buildRequest, buildStockedPart, ledgerMismatches } from './parts.factories';

/**
 * DESIGN §5 on PostgreSQL (PGlite has one connection and serialises everything): concurrent issues
 * race for the same stock row and only the conditional update decides.
 */
describe.runIf(onPostgres)('issuing under concurrency (PostgreSQL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());
  const store0 = () => t.world.stores[0]!.id;

  it('50 concurrent issues of a part with 10 in stock: exactly 10 succeed, stock ends at 0 and equals the ledger', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 10);
    const requests = await Promise.all(Array.from({ length: 50 }, () => buildRequest(t.database.db, store0(), part.id, 1)));
    const clerk = await t.as('parts_clerk');
    const seen: string[] = [];
    // A reader beside the race: on hand is never seen below zero.
    const watch = setInterval(() => {
      void inStore(t.database.db, store0(), (tx) => queryRows<{ on_hand: string }>(tx, sql`SELECT on_hand::text FROM stock_balances WHERE part_id = ${part.id}`)).then((rows) =>
        seen.push(...rows.map((r) => r.on_hand)),
      );
    }, 5);
    const results = await Promise.all(requests.map((r) => clerk.post(`/api/parts/requests/${r.id}/issue`, {})));
    clearInterval(watch);

    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 200)).toHaveLength(10);
    expect(codes.filter((c) => c === 409)).toHaveLength(40);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.details.reason).toBe('INSUFFICIENT_STOCK');
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((q) => !q.startsWith('-'))).toBe(true);

    const stock = (await clerk.get(`/api/parts/${part.id}/stock`)).json();
    expect(stock).toMatchObject({ onHand: '0', valueFen: 0, onJobs: '10' });
    expect((await clerk.get(`/api/parts/${part.id}/movements?kind=issue_to_ro`)).json().total).toBe(10);
    const issued = await Promise.all(requests.map(async (r) => (await clerk.get(`/api/parts/requests/${r.id}`)).json().status));
    expect(issued.filter((s) => s === 'issued')).toHaveLength(10);
    expect(issued.filter((s) => s === 'pending')).toHaveLength(40);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('concurrent issues against one request never issue more than it asks for', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 50);
    const req = await buildRequest(t.database.db, store0(), part.id, 5);
    const clerk = await t.as('parts_clerk');
    const results = await Promise.all(Array.from({ length: 20 }, () => clerk.post(`/api/parts/requests/${req.id}/issue`, { quantity: 1 })));
    expect(results.filter((r) => r.statusCode === 200)).toHaveLength(5);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => r.statusCode === 409 || r.statusCode === 400)).toBe(true);
    expect((await clerk.get(`/api/parts/requests/${req.id}`)).json()).toMatchObject({ issued: '5', status: 'issued' });
    expect((await clerk.get(`/api/parts/${part.id}/stock`)).json().onHand).toBe('45');
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('concurrent counter sales, receipts and returns keep balances equal to the ledger', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 20);
    const reqs = await Promise.all(Array.from({ length: 5 }, () => buildRequest(t.database.db, store0(), part.id, 2)));
    const clerk = await t.as('parts_clerk');
    for (const r of reqs) await clerk.post(`/api/parts/requests/${r.id}/issue`, {});
    const ops = [
      ...Array.from({ length: 15 }, () => clerk.post('/api/parts/stock/counter-sale', { partId: part.id, quantity: 1 })),
      ...Array.from({ length: 5 }, (_, i) => clerk.post('/api/parts/stock/receive', { partId: part.id, quantity: 2, unitCostFen: 1000 + i * 100, reason: '补货' })),
      ...reqs.map((r) => clerk.post(`/api/parts/requests/${r.id}/return`, { quantity: 1 })),
    ];
    const results = await Promise.all(ops);
    expect(results.every((r) => r.statusCode === 201 || r.statusCode === 200 || r.statusCode === 409)).toBe(true);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });
});
