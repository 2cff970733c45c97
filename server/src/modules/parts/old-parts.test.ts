import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildIssuedRequest, buildOldPart, buildPart } from './parts.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;

describe('old parts of warranty jobs (旧件)', () => {
  it('tags an old part from the catalog, moves it and returns it to the manufacturer', async () => {
    const { part, request } = await buildIssuedRequest(t.database.db, store0(), 1);
    const warranty = await t.as('warranty_clerk');
    const res = await warranty.post('/api/parts/old-parts', {
      partId: part.id,
      quantity: 1,
      roId: request.roId,
      roNumber: request.roNumber,
      requestId: request.id,
      claimNo: 'SP2026-0001',
      location: '旧件库-01',
    });
    expect(res.statusCode).toBe(201);
    const tag = res.json();
    expect(tag).toMatchObject({ partNo: part.partNo, name: part.name, status: 'in_storage', claimNo: 'SP2026-0001', location: '旧件库-01', version: 1 });
    expect(tag.tagNo).toMatch(/^JJ\d{8}-\d{4}$/);

    const moved = await warranty.put(`/api/parts/old-parts/${tag.id}`, { claimNo: tag.claimNo, location: '旧件库-02', note: '待厂家通知', version: tag.version });
    expect(moved.json()).toMatchObject({ location: '旧件库-02', version: 2 });
    expect((await warranty.put(`/api/parts/old-parts/${tag.id}`, { location: 'x', version: 1 })).statusCode).toBe(409);

    const list = (await warranty.get(`/api/parts/old-parts?status=in_storage&roId=${request.roId}`)).json();
    expect(list.items.map((o: { id: number }) => o.id)).toEqual([tag.id]);

    const returned = await warranty.post(`/api/parts/old-parts/${tag.id}/return`, { version: 2, waybillNo: 'SF1234567890' });
    expect(returned.json()).toMatchObject({ status: 'returned', waybillNo: 'SF1234567890', returnedAt: expect.any(String) });
    expect((await warranty.post(`/api/parts/old-parts/${tag.id}/scrap`, { version: 3, reason: 'x' })).statusCode).toBe(409);
  });

  it('tags a part that is not in the catalog, scraps one when the maker says so, and checks inputs', async () => {
    const clerk = await t.as('parts_clerk');
    const free = await clerk.post('/api/parts/old-parts', { partNo: 'NOCAT-1', name: '旧发电机', quantity: 1, roId: 5 });
    expect(free.json()).toMatchObject({ partId: null, partNo: 'NOCAT-1' });
    const scrapped = await clerk.post(`/api/parts/old-parts/${free.json().id}/scrap`, { version: 1, reason: '厂家通知就地报废' });
    expect(scrapped.json()).toMatchObject({ status: 'scrapped', disposedReason: '厂家通知就地报废' });

    expect((await clerk.post('/api/parts/old-parts', { quantity: 1, roId: 5 })).json().error.details.fields[0].path).toBe('partNo');
    const foreign = await buildPart(t.database.db, t.world.stores[1]!.id);
    expect((await clerk.post('/api/parts/old-parts', { partId: foreign.id, quantity: 1, roId: 5 })).json().error.details.fields[0].path).toBe('partId');
    expect((await clerk.post('/api/parts/old-parts', { partNo: 'X', name: 'x', quantity: 0, roId: 5 })).statusCode).toBe(400);

    const other = await buildOldPart(t.database.db, t.world.stores[1]!.id);
    expect((await clerk.get(`/api/parts/old-parts/${other.id}`)).statusCode).toBe(404);
    expect((await clerk.post(`/api/parts/old-parts/${other.id}/return`, { version: 1 })).statusCode).toBe(404);
    expect((await (await t.as('technician')).get('/api/parts/old-parts')).statusCode).toBe(403);
    expect((await (await t.as('workshop_supervisor')).get('/api/parts/old-parts')).statusCode).toBe(200);
  });
});
