import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { inStore } from '../../db/scope';
import { fillRate, outboundByCategory, slowMoving, stockValue, turnover } from './index';
import { buildPart, buildRequest, buildStock, moveStock } from './parts.factories';
import { toMilli } from './qty';

/**
 * Each figure on a hand-built fixture whose answer is worked out by hand below. Store 0 holds June
 * 2025 (Asia/Shanghai) for the monthly figures; store 1 holds stock of different ages for the
 * slow-moving list.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await june2025(t.world.stores[0]!.id);
  await ages(t.world.stores[1]!.id);
});
afterAll(() => t.close());

const JUNE = { month: '2025-06', timeZone: 'Asia/Shanghai' };
const shanghai = (local: string) => new Date(`${local}+08:00`);

async function june2025(store: number) {
  const db = t.database.db;
  // P1 (filters): 10 @ 10.00 in May; in June −4 to an RO, +1 back, −2 over the counter, +5 @ 16.00.
  const p1 = await buildPart(db, store, { partNo: 'FIG-P1', category: 'filters', defaultLocation: 'F' });
  await buildStock(db, store, p1.id, 10, { location: 'F', unitCostFen: 1000, at: shanghai('2025-05-20T10:00:00') });
  await moveStock(db, store, { partId: p1.id, location: 'F', kind: 'issue_to_ro', qty: -toMilli(4), at: shanghai('2025-06-10T10:00:00') });
  await moveStock(db, store, { partId: p1.id, location: 'F', kind: 'return_from_ro', qty: toMilli(1), cost: { valueFen: 1000n }, at: shanghai('2025-06-12T10:00:00') });
  await moveStock(db, store, { partId: p1.id, location: 'F', kind: 'counter_sale', qty: -toMilli(2), at: shanghai('2025-06-20T10:00:00') });
  await buildStock(db, store, p1.id, 5, { location: 'F', unitCostFen: 1600, at: shanghai('2025-06-25T10:00:00') });
  // P2 (brakes): 4 @ 50.00 just after midnight on 1 June (still 31 May in UTC); one issued late on
  // 30 June (June), one just after midnight on 1 July (July).
  const p2 = await buildPart(db, store, { partNo: 'FIG-P2', category: 'brakes', defaultLocation: 'B' });
  await buildStock(db, store, p2.id, 4, { location: 'B', unitCostFen: 5000, at: shanghai('2025-06-01T00:30:00') });
  await moveStock(db, store, { partId: p2.id, location: 'B', kind: 'issue_to_ro', qty: -toMilli(1), at: shanghai('2025-06-30T23:30:00') });
  await moveStock(db, store, { partId: p2.id, location: 'B', kind: 'issue_to_ro', qty: -toMilli(1), at: shanghai('2025-07-01T00:10:00') });

  // Request lines: in June R1, R2, R5 had stock, R3 did not, R4 was cancelled; R6 is July.
  const r = (at: string, inStockAtRequest: boolean, status: 'pending' | 'cancelled' = 'pending') =>
    buildRequest(db, store, p1.id, 1, { requestedAt: shanghai(at), inStockAtRequest, status });
  await r('2025-06-05T09:00:00', true);
  await r('2025-06-15T09:00:00', true);
  await r('2025-06-20T09:00:00', false);
  await r('2025-06-21T09:00:00', true, 'cancelled');
  await r('2025-06-01T01:00:00', true);
  await r('2025-07-01T00:30:00', true);
}

/** This moment `k` months ago. */
function monthsAgo(k: number): Date {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - k);
  return d;
}

async function ages(store: number) {
  const db = t.database.db;
  const s1 = await buildPart(db, store, { partNo: 'AGE-S1', category: 'body' });
  await buildStock(db, store, s1.id, 3, { unitCostFen: 2000, at: monthsAgo(8) }); // never moved: slow, 60.00
  const s2 = await buildPart(db, store, { partNo: 'AGE-S2' });
  await buildStock(db, store, s2.id, 5, { unitCostFen: 1000, at: monthsAgo(8) });
  await moveStock(db, store, { partId: s2.id, location: 'A-01', kind: 'issue_to_ro', qty: -toMilli(2), at: monthsAgo(2) }); // moving: 30.00
  const s3 = await buildPart(db, store, { partNo: 'AGE-S3' });
  await buildStock(db, store, s3.id, 4, { unitCostFen: 500, at: new Date(Date.now() - 14 * 86_400_000) }); // two weeks old, not slow: 20.00
  const s4 = await buildPart(db, store, { partNo: 'AGE-S4' });
  await buildStock(db, store, s4.id, 3, { unitCostFen: 1000, at: monthsAgo(10) });
  await moveStock(db, store, { partId: s4.id, location: 'A-01', kind: 'counter_sale', qty: -toMilli(1), at: monthsAgo(7) }); // slow since: 20.00
  const s5 = await buildPart(db, store, { partNo: 'AGE-S5' });
  await buildStock(db, store, s5.id, 2, { unitCostFen: 1000, at: monthsAgo(9) });
  await moveStock(db, store, { partId: s5.id, location: 'A-01', kind: 'counter_sale', qty: -toMilli(2), at: monthsAgo(8) }); // none left
}

describe('parts figures', () => {
  const inStore0 = <T>(fn: Parameters<typeof inStore<T>>[2]) => inStore(t.database.db, t.world.stores[0]!.id, fn);

  it('fill rate: lines in stock when requested / lines requested, by the store’s calendar month', async () => {
    const rate = await inStore0((tx) => fillRate(tx, t.world.stores[0]!.id, JUNE));
    expect(rate).toEqual({ requested: 4, servedFromStock: 3, ratePercent: 75 });
  });

  it('turnover: outbound cost / average of opening and closing stock value, monthly and annualised', async () => {
    // opening (before 1 June 00:00 Shanghai) = P1 100.00; closing = P1 130.00 + P2 150.00 = 280.00; average 190.00
    // outbound = P1 (40.00 − 10.00 + 20.00) + P2 50.00 = 100.00 → 100 / 190 = 0.5263 a month, × 12 = 6.3158
    const result = await inStore0((tx) => turnover(tx, t.world.stores[0]!.id, JUNE));
    expect(result).toEqual({ outboundCostFen: 10000, openingValueFen: 10000, closingValueFen: 28000, averageValueFen: 19000, monthly: 0.5263, annualised: 6.3158 });
  });

  it('outbound by category: lines and net cost', async () => {
    const rows = await inStore0((tx) => outboundByCategory(tx, t.world.stores[0]!.id, JUNE));
    expect(rows).toEqual([
      { category: 'brakes', lines: 1, costFen: 5000 },
      { category: 'filters', lines: 2, costFen: 5000 },
    ]);
  });

  it('slow-moving: stock held past the window without outbound in it, and its share of stock value', async () => {
    const store1 = t.world.stores[1]!.id;
    const slow = await inStore(t.database.db, store1, (tx) => slowMoving(tx, store1, { months: 6 }));
    // stock value 60.00 + 30.00 + 20.00 + 20.00 = 130.00; slow S1 60.00 + S4 20.00 = 80.00 → 61.54 %
    expect(slow).toMatchObject({ months: 6, parts: 2, valueFen: 8000, stockValueFen: 13000, sharePercent: 61.54 });
    expect(slow.items.map((i) => [i.partNo, i.onHand, i.valueFen, i.lastOutboundAt === null])).toEqual([
      ['AGE-S1', '3', 6000, true],
      ['AGE-S4', '2', 2000, false],
    ]);
    expect(await inStore(t.database.db, store1, (tx) => stockValue(tx, store1))).toBe(13000);
    // A shorter window: S2 (last issue 2 months ago) is slow at 1 month too; S3 (received two weeks ago) is not.
    const one = await inStore(t.database.db, store1, (tx) => slowMoving(tx, store1, { months: 1 }));
    expect(one.items.map((i) => i.partNo).sort()).toEqual(['AGE-S1', 'AGE-S2', 'AGE-S4']);
  });

  it('serves the dashboard to the manager, with targets from the store settings', async () => {
    const manager = await t.as('after_sales_manager');
    const res = await manager.get('/api/parts/figures?month=2025-06');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      month: '2025-06',
      stockValueFen: 13000 + 10000, // P1 10 @ 13.00 and P2 2 @ 50.00 today
      fillRate: { requested: 4, servedFromStock: 3, ratePercent: 75, targetPercent: 98 },
      turnover: { monthly: 0.5263, annualised: 6.3158 },
      slowMoving: { months: 6, parts: 2, valueFen: 23000, sharePercent: 100, targetPercent: 6 },
    });
    expect((await manager.get('/api/parts/figures')).json().month).toMatch(/^\d{4}-\d{2}$/);
    expect((await manager.get('/api/parts/figures/slow-moving?limit=1')).json()).toMatchObject({ parts: 2, items: [{ partNo: 'FIG-P1' }] });
    expect((await manager.get('/api/parts/figures?month=2025-13')).statusCode).toBe(400);
    expect((await (await t.as('parts_clerk')).get('/api/parts/figures')).statusCode).toBe(403);
  });
});
