import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildPart, buildStock, ledgerMismatches } from './parts.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;
type Line = { id: number; partId: number };

describe('stocktake (盘点)', () => {
  it('counts blind by location, reports the variance by value and posts it on approval, with stock moving meanwhile', async () => {
    const db = t.database.db;
    const x = await buildPart(db, store0(), { partNo: 'ST-X', defaultLocation: 'ST-A' });
    const y = await buildPart(db, store0(), { partNo: 'ST-Y', defaultLocation: 'ST-A' });
    const z = await buildPart(db, store0(), { partNo: 'ST-Z', unit: 'litre', defaultLocation: 'ST-A' });
    const w = await buildPart(db, store0(), { partNo: 'ST-W', costFen: 500, defaultLocation: 'ST-A' });
    await buildStock(db, store0(), x.id, 10, { location: 'ST-A', unitCostFen: 1000 });
    await buildStock(db, store0(), x.id, 4, { location: 'ST-B', unitCostFen: 1000 });
    await buildStock(db, store0(), y.id, 5, { location: 'ST-A', unitCostFen: 2000 });
    await buildStock(db, store0(), z.id, '3.5', { location: 'ST-A', unitCostFen: 4000 });
    const clerk = await t.as('parts_clerk');
    const sup = await t.as('parts_supervisor');

    const created = await clerk.post('/api/parts/stocktakes', { locations: ['ST-A'], note: '第四季度盘点' });
    expect(created.statusCode).toBe(201);
    const st = created.json();
    expect(st).toMatchObject({ status: 'counting', locations: ['ST-A'], lineCount: 3, countedCount: 0 });
    expect(st.number).toMatch(/^PD\d{8}-\d{4}$/);
    expect((await clerk.post('/api/parts/stocktakes', { locations: ['ST-C', 'ST-A'] })).statusCode).toBe(409);
    expect((await clerk.post('/api/parts/stocktakes', {})).statusCode).toBe(409);

    const sheet = (await clerk.get(`/api/parts/stocktakes/${st.id}/sheet`)).json();
    expect(sheet.lines.map((l: { partNo: string }) => l.partNo)).toEqual(['ST-X', 'ST-Y', 'ST-Z']);
    expect(Object.keys(sheet.lines[0])).not.toEqual(expect.arrayContaining(['expected']));
    expect(JSON.stringify(sheet)).not.toMatch(/expected|onHand|bookAtCount/);
    const line = (partId: number) => sheet.lines.find((l: Line) => l.partId === partId).id;

    // Before X is counted, 2 leave the shelf: the count sees 7 of the 8 the book then says.
    await clerk.post('/api/parts/stock/counter-sale', { partId: x.id, quantity: 2, location: 'ST-A' });
    const counted = await clerk.post(`/api/parts/stocktakes/${st.id}/counts`, {
      counts: [
        { lineId: line(x.id), countedQty: 7 },
        { lineId: line(y.id), countedQty: 5 },
        { lineId: line(z.id), countedQty: '3.2' },
      ],
      found: [{ partId: w.id, location: 'ST-A', countedQty: 2 }],
    });
    expect(counted.statusCode).toBe(200);
    expect(counted.json().lines).toHaveLength(4);
    expect(counted.json().lines.find((l: { partNo: string }) => l.partNo === 'ST-W')).toMatchObject({ found: true, countedQty: '2' });
    // After Y was counted, 1 is sold: not part of Y's variance.
    await clerk.post('/api/parts/stock/counter-sale', { partId: y.id, quantity: 1, location: 'ST-A' });

    expect((await clerk.get(`/api/parts/stocktakes/${st.id}/variance`)).statusCode).toBe(403);
    const variance = (await sup.get(`/api/parts/stocktakes/${st.id}/variance`)).json();
    const byPart = (partNo: string) => variance.lines.find((l: { partNo: string }) => l.partNo === partNo);
    expect(byPart('ST-X')).toMatchObject({ expected: '10', movedSinceSnapshot: '-2', bookAtCount: '8', counted: '7', variance: '-1', unitCostFen: 1000, varianceValueFen: -1000 });
    expect(byPart('ST-Y')).toMatchObject({ expected: '5', movedSinceSnapshot: '0', bookAtCount: '5', counted: '5', variance: '0', varianceValueFen: 0 });
    expect(byPart('ST-Z')).toMatchObject({ expected: '3.5', counted: '3.2', variance: '-0.3', varianceValueFen: -1200 });
    expect(byPart('ST-W')).toMatchObject({ expected: '0', counted: '2', variance: '2', unitCostFen: 500, varianceValueFen: 1000 });
    // book value 8 × 10.00 + 5 × 20.00 + 3.5 × 40.00 = 320.00; |variance| 10.00 + 12.00 + 10.00 = 32.00 → 10 %
    expect(variance.totals).toMatchObject({ uncounted: 0, bookValueFen: 32000, gainValueFen: 1000, lossValueFen: 2200, netValueFen: -1200, absValueFen: 3200, varianceRatePercent: 10, targetPercent: 0.3, withinTarget: false });

    expect((await clerk.post(`/api/parts/stocktakes/${st.id}/approve`, { version: st.version })).statusCode).toBe(403);
    expect((await sup.post(`/api/parts/stocktakes/${st.id}/approve`, { version: st.version + 5 })).statusCode).toBe(409);
    const approved = await sup.post(`/api/parts/stocktakes/${st.id}/approve`, { version: st.version, note: '差异已核实' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().stocktake).toMatchObject({ status: 'approved', approvedByName: expect.any(String) });
    expect(approved.json().totals).toMatchObject({ gainValueFen: 1000, lossValueFen: 2200 });

    const stockAt = async (partId: number) => (await clerk.get(`/api/parts/${partId}/stock`)).json().locations;
    expect(await stockAt(x.id)).toEqual([{ location: 'ST-A', onHand: '7' }, { location: 'ST-B', onHand: '4' }]);
    expect(await stockAt(y.id)).toEqual([{ location: 'ST-A', onHand: '4' }]);
    expect(await stockAt(z.id)).toEqual([{ location: 'ST-A', onHand: '3.2' }]);
    expect(await stockAt(w.id)).toEqual([{ location: 'ST-A', onHand: '2' }]);
    const adj = (await clerk.get(`/api/parts/${x.id}/movements?kind=stocktake_adjustment`)).json().items;
    expect(adj).toEqual([expect.objectContaining({ quantity: '-1', valueFen: -1000, refType: 'stocktake', refId: st.id, reason: expect.stringContaining(st.number) })]);
    expect(await ledgerMismatches(db, store0())).toEqual([]);

    expect((await sup.post(`/api/parts/stocktakes/${st.id}/approve`, { version: st.version + 1 })).statusCode).toBe(409);
    expect((await clerk.post(`/api/parts/stocktakes/${st.id}/counts`, { counts: [{ lineId: line(x.id), countedQty: 1 }] })).statusCode).toBe(409);
    // The location is free for the next count.
    expect((await clerk.post('/api/parts/stocktakes', { locations: ['ST-A'] })).statusCode).toBe(201);
  });

  it('refuses approval with uncounted lines, bad counts and other stores’ sheets; cancels', async () => {
    const db = t.database.db;
    const a = await buildPart(db, store0(), { defaultLocation: 'ST-Q' });
    await buildStock(db, store0(), a.id, 3, { location: 'ST-Q' });
    const clerk = await t.as('parts_clerk');
    const sup = await t.as('parts_supervisor');
    const st = (await clerk.post('/api/parts/stocktakes', { locations: ['ST-Q'] })).json();
    const sheet = (await clerk.get(`/api/parts/stocktakes/${st.id}/sheet`)).json();
    const refused = await sup.post(`/api/parts/stocktakes/${st.id}/approve`, { version: st.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe('还有 1 行未盘点');
    const half = await clerk.post(`/api/parts/stocktakes/${st.id}/counts`, { counts: [{ lineId: sheet.lines[0].id, countedQty: '1.5' }] });
    expect(half.json().error.details.fields[0].path).toBe('counts.0.countedQty');
    const future = await clerk.post(`/api/parts/stocktakes/${st.id}/counts`, { counts: [{ lineId: sheet.lines[0].id, countedQty: 3, countedAt: '2099-01-01T00:00:00Z' }] });
    expect(future.json().error.details.fields[0].path).toBe('counts.0.countedAt');
    const outside = await clerk.post(`/api/parts/stocktakes/${st.id}/counts`, { found: [{ partId: a.id, location: 'ELSEWHERE', countedQty: 1 }] });
    expect(outside.json().error.details.fields[0].path).toBe('found.0.location');

    const other = await t.as('parts_clerk', 1);
    expect((await other.get(`/api/parts/stocktakes/${st.id}/sheet`)).statusCode).toBe(404);
    expect((await other.post(`/api/parts/stocktakes/${st.id}/counts`, { counts: [] })).statusCode).toBe(404);

    const cancelled = await sup.post(`/api/parts/stocktakes/${st.id}/cancel`, { version: st.version, reason: '重新安排' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect((await clerk.get(`/api/parts/${a.id}/stock`)).json().onHand).toBe('3');
    expect((await clerk.get('/api/parts/stocktakes?status=cancelled')).json().items.map((s: { id: number }) => s.id)).toContain(st.id);
  });
});
