import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildGroup, buildStore } from '../../../test/factories';
import { buildPart, buildStock, ledgerMismatches } from './parts.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const [s0, s1] = [() => t.world.stores[0]!.id, () => t.world.stores[1]!.id];

describe('transfers between stores', () => {
  it('moves stock and its value from one store to another in one go, both sides recorded', async () => {
    const part = await buildPart(t.database.db, s0(), { partNo: 'TRF-001', name: '雨刮片', defaultLocation: 'W-1' });
    await buildStock(t.database.db, s0(), part.id, 2, { location: 'W-1', unitCostFen: 1000 });
    await buildStock(t.database.db, s0(), part.id, 3, { location: 'W-1', unitCostFen: 1200 }); // 5 worth 56.00
    const clerk0 = await t.as('parts_clerk', 0);
    const clerk1 = await t.as('parts_clerk', 1);

    const res = await clerk0.post('/api/parts/transfers', { toStoreId: s1(), reason: '兄弟店急用', lines: [{ partId: part.id, quantity: 3 }] });
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ direction: 'out', counterpartStoreId: s1(), totalValueFen: 3360, lines: [{ partNo: 'TRF-001', quantity: '3', location: 'W-1', valueFen: 3360 }] });
    expect(out.number).toMatch(/^DB\d{8}-\d{4}$/);
    expect((await clerk0.get(`/api/parts/${part.id}/stock`)).json()).toMatchObject({ onHand: '2', valueFen: 2240 });

    const incoming = (await clerk1.get('/api/parts/transfers?direction=in')).json().items;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({ number: out.number, direction: 'in', counterpartStoreId: s0(), totalValueFen: 3360 });
    const theirPart = incoming[0].lines[0].partId;
    expect(theirPart).not.toBe(part.id);
    expect((await clerk1.get(`/api/parts/${theirPart}`)).json()).toMatchObject({ partNo: 'TRF-001', name: '雨刮片', onHand: '3' });
    expect((await clerk1.get(`/api/parts/${theirPart}/stock`)).json()).toMatchObject({ valueFen: 3360, avgCostFen: 1120, locations: [{ location: 'W-1', onHand: '3' }] });
    expect((await clerk1.get(`/api/parts/${theirPart}/movements`)).json().items[0]).toMatchObject({ kind: 'transfer_in', quantity: '3', valueFen: 3360, refType: 'stock_transfer' });

    // Back again: the part is found by its number this time.
    const back = await clerk1.post('/api/parts/transfers', { toStoreId: s0(), reason: '归还', lines: [{ partId: theirPart, quantity: 1 }] });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json().lines[0]).toMatchObject({ quantity: '1', valueFen: 1120 });
    expect((await clerk0.get(`/api/parts/${part.id}/stock`)).json()).toMatchObject({ onHand: '3', valueFen: 3360 });
    expect(await ledgerMismatches(t.database.db, s0())).toEqual([]);
    expect(await ledgerMismatches(t.database.db, s1())).toEqual([]);

    // Each store sees its own side only.
    expect((await clerk0.get(`/api/parts/transfers/${incoming[0].id}`)).statusCode).toBe(404);
    expect((await clerk1.get(`/api/parts/transfers/${incoming[0].id}`)).statusCode).toBe(200);
  });

  it('changes nothing in either store when any line is short', async () => {
    const a = await buildPart(t.database.db, s0(), { partNo: 'TRF-OK' });
    const b = await buildPart(t.database.db, s0(), { partNo: 'TRF-SHORT' });
    await buildStock(t.database.db, s0(), a.id, 5);
    await buildStock(t.database.db, s0(), b.id, 1);
    const clerk0 = await t.as('parts_clerk', 0);
    const res = await clerk0.post('/api/parts/transfers', { toStoreId: s1(), reason: '调拨', lines: [{ partId: a.id, quantity: 2 }, { partId: b.id, quantity: 2 }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^库存不足：TRF-SHORT/);
    expect((await clerk0.get(`/api/parts/${a.id}/stock`)).json().onHand).toBe('5');
    const clerk1 = await t.as('parts_clerk', 1);
    expect((await clerk1.get('/api/parts?q=TRFOK')).json().total).toBe(0);
  });

  it('refuses the same store, a store of another group and parts of another store', async () => {
    const part = await buildPart(t.database.db, s0());
    await buildStock(t.database.db, s0(), part.id, 2);
    const strangerStore = await buildStore(t.database.db, await buildGroup(t.database.db, '别的集团'));
    const clerk0 = await t.as('parts_clerk', 0);
    const body = (toStoreId: number, partId = part.id) => ({ toStoreId, reason: 'x', lines: [{ partId, quantity: 1 }] });
    expect((await clerk0.post('/api/parts/transfers', body(s0()))).json().error.details.fields[0].path).toBe('toStoreId');
    expect((await clerk0.post('/api/parts/transfers', body(strangerStore.id))).json().error.details.fields[0].path).toBe('toStoreId');
    const theirs = await buildPart(t.database.db, s1());
    expect((await clerk0.post('/api/parts/transfers', body(s1(), theirs.id))).json().error.details.fields[0].path).toBe('lines.0.partId');
    expect((await (await t.as('service_advisor', 0)).post('/api/parts/transfers', body(s1()))).statusCode).toBe(403);
  });
});
