import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildPart, buildStock, buildStockedPart, ledgerMismatches } from './parts.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;

describe('stock ledger', () => {
  it('receives at moving-average cost, sells and scraps at that average, and keeps ledger and balances equal', async () => {
    const part = await buildPart(t.database.db, store0(), { defaultLocation: 'B-02', costFen: 1000 });
    const clerk = await t.as('parts_clerk');
    const sup = await t.as('parts_supervisor');
    const r1 = await clerk.post('/api/parts/stock/receive', { partId: part.id, quantity: 10, unitCostFen: 1000, reason: '期初库存' });
    expect(r1.statusCode).toBe(201);
    expect(r1.json().movement).toMatchObject({ kind: 'receive', quantity: '10', unitCostFen: 1000, valueFen: 10000, location: 'B-02', refType: 'manual' });
    const r2 = await clerk.post('/api/parts/stock/receive', { partId: part.id, quantity: '10', unitCostFen: 1200, location: 'B-03', reason: '补货' });
    expect(r2.json().stock).toMatchObject({ onHand: '20', valueFen: 22000, avgCostFen: 1100 });
    expect(r2.json().stock.locations).toEqual([
      { location: 'B-02', onHand: '10' },
      { location: 'B-03', onHand: '10' },
    ]);

    const sale = await clerk.post('/api/parts/stock/counter-sale', { partId: part.id, quantity: 5, customer: '散客王先生' });
    expect(sale.statusCode).toBe(201);
    expect(sale.json().movement).toMatchObject({ kind: 'counter_sale', quantity: '-5', unitCostFen: 1100, valueFen: -5500, priceFen: 1500, reason: '散客王先生' });

    expect((await clerk.post('/api/parts/stock/scrap', { partId: part.id, quantity: 1, reason: '破损' })).statusCode).toBe(403);
    const scrapped = await sup.post('/api/parts/stock/scrap', { partId: part.id, quantity: 5, location: 'B-03', reason: '破损' });
    expect(scrapped.json().stock).toMatchObject({ onHand: '10', valueFen: 11000, locations: [{ location: 'B-02', onHand: '5' }, { location: 'B-03', onHand: '5' }] });

    const ledger = (await clerk.get(`/api/parts/${part.id}/movements`)).json();
    expect(ledger.total).toBe(4);
    expect(ledger.items.map((m: { kind: string }) => m.kind)).toEqual(['scrap', 'counter_sale', 'receive', 'receive']);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('values litres exactly and leaves no value behind the last drop', async () => {
    const oil = await buildPart(t.database.db, store0(), { unit: 'litre', category: 'oil_fluids', defaultLocation: 'OIL' });
    const clerk = await t.as('parts_clerk');
    await clerk.post('/api/parts/stock/receive', { partId: oil.id, quantity: '20.5', unitCostFen: 3333, reason: '桶装机油' });
    expect((await clerk.get(`/api/parts/${oil.id}/stock`)).json()).toMatchObject({ onHand: '20.5', valueFen: 68327 }); // 20.5 × 33.33 = 683.265 → 683.27
    const small = await clerk.post('/api/parts/stock/counter-sale', { partId: oil.id, quantity: '0.3' });
    expect(small.json().movement).toMatchObject({ quantity: '-0.3', valueFen: -1000 }); // 68327 × 0.3 / 20.5 = 999.9
    const rest = await clerk.post('/api/parts/stock/counter-sale', { partId: oil.id, quantity: '20.2' });
    expect(rest.json().movement.valueFen).toBe(-67327);
    expect(rest.json().stock).toMatchObject({ onHand: '0', valueFen: 0, avgCostFen: oil.costFen });
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('refuses to go below zero with 409 库存不足 and the available quantity, changing nothing', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 3);
    const clerk = await t.as('parts_clerk');
    const res = await clerk.post('/api/parts/stock/counter-sale', { partId: part.id, quantity: 4 });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^库存不足/);
    expect(res.json().error.details).toMatchObject({ reason: 'INSUFFICIENT_STOCK', available: '3', requested: '4', locations: [{ location: 'A-01', onHand: '3' }] });
    const elsewhere = await clerk.post('/api/parts/stock/counter-sale', { partId: part.id, quantity: 1, location: 'Z-99' });
    expect(elsewhere.json().error.details).toMatchObject({ available: '0', location: 'Z-99' });
    expect((await clerk.get(`/api/parts/${part.id}/stock`)).json().onHand).toBe('3');
    expect((await clerk.get(`/api/parts/${part.id}/movements`)).json().total).toBe(1);
  });

  it('counts pieces whole and names bad fields', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 3);
    const clerk = await t.as('parts_clerk');
    const half = await clerk.post('/api/parts/stock/counter-sale', { partId: part.id, quantity: '1.5' });
    expect(half.statusCode).toBe(400);
    expect(half.json().error.details.fields[0]).toMatchObject({ path: 'quantity', message: '该单位的配件只能按整数数量' });
    const bad = await clerk.post('/api/parts/stock/receive', { partId: part.id, quantity: '0', unitCostFen: -1, reason: '' });
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['quantity', 'unitCostFen', 'reason']));
    const foreign = await buildPart(t.database.db, t.world.stores[1]!.id);
    const res = await clerk.post('/api/parts/stock/receive', { partId: foreign.id, quantity: 1, unitCostFen: 1, reason: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('partId');
  });

  it('lists stock with filters and shows a part’s stock box', async () => {
    const a = await buildPart(t.database.db, store0(), { partNo: 'STK-LIST-A', category: 'tyres' });
    const b = await buildPart(t.database.db, store0(), { partNo: 'STK-LIST-B', category: 'tyres' });
    await buildStock(t.database.db, store0(), a.id, 4, { location: 'T-1', unitCostFen: 50000 });
    const advisor = await t.as('service_advisor');
    const list = (await advisor.get('/api/parts/stock?category=tyres&sort=partNo')).json();
    expect(list.items.map((i: { partNo: string }) => i.partNo)).toEqual(['STK-LIST-A', 'STK-LIST-B']);
    expect(list.items[0]).toMatchObject({ onHand: '4', valueFen: 200000, avgCostFen: 50000, locations: [{ location: 'T-1', onHand: '4' }] });
    expect(list.items[1]).toMatchObject({ onHand: '0', valueFen: 0, locations: [] });
    expect((await advisor.get('/api/parts/stock?category=tyres&inStock=true')).json().total).toBe(1);
    expect((await advisor.get('/api/parts/stock?category=tyres&inStock=false')).json().items[0].partId).toBe(b.id);
    expect((await advisor.get('/api/parts/stock?location=T-1')).json().items.map((i: { partId: number }) => i.partId)).toEqual([a.id]);
    expect((await advisor.get('/api/parts/stock?q=stklistb')).json().items.map((i: { partId: number }) => i.partId)).toEqual([b.id]);
    expect((await advisor.get('/api/parts/stock?sort=valueFen&order=desc&category=tyres')).json().items[0].partId).toBe(a.id);

    const box = (await advisor.get(`/api/parts/${a.id}/stock`)).json();
    expect(box).toMatchObject({ onHand: '4', onJobs: '0', openDemand: '0', onOrder: '0', lastOutboundAt: null });
    expect(box.lastReceiptAt).not.toBeNull();
    const foreign = await buildPart(t.database.db, t.world.stores[1]!.id);
    expect((await advisor.get(`/api/parts/${foreign.id}/stock`)).statusCode).toBe(404);
    expect((await advisor.get(`/api/parts/${foreign.id}/movements`)).statusCode).toBe(404);
    expect((await advisor.post('/api/parts/stock/receive', { partId: a.id, quantity: 1, unitCostFen: 1, reason: 'x' })).statusCode).toBe(403);
  });
});
