import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildBay } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('bays', () => {
  it('creates, lists, reads and updates a bay', async () => {
    const manager = await t.as('after_sales_manager');
    const created = await manager.post('/api/bays', { code: 'J09', name: '9 号机电工位', type: 'mechanical', reservedForAppointments: true });
    expect(created.statusCode).toBe(201);
    const bay = created.json();
    expect(bay).toMatchObject({ code: 'J09', type: 'mechanical', reservedForAppointments: true, active: true, version: 1 });

    const list = await manager.get('/api/bays?q=j09');
    expect(list.json()).toMatchObject({ total: 1, items: [{ id: bay.id }] });

    const updated = await manager.put(`/api/bays/${bay.id}`, { ...bay, name: '9 号工位', active: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: '9 号工位', active: false, version: 2 });
    expect((await manager.get(`/api/bays/${bay.id}`)).json().active).toBe(false);
  });

  it('names the bad field in a 400 and changes nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const before = (await manager.get('/api/bays')).json().total;
    const res = await manager.post('/api/bays', { code: 'A B', name: '', type: 'rocket' });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['code', 'name', 'type']));
    expect(res.json().error.message).toContain('编码只能包含字母、数字');
    expect((await manager.get('/api/bays')).json().total).toBe(before);
  });

  it('refuses a duplicate code with 409', async () => {
    const manager = await t.as('after_sales_manager');
    await manager.post('/api/bays', { code: 'DUP1', name: 'a', type: 'wash' });
    const again = await manager.post('/api/bays', { code: 'DUP1', name: 'b', type: 'wash' });
    expect(again.statusCode).toBe(409);
  });

  it('answers 409 to a stale version', async () => {
    const manager = await t.as('after_sales_manager');
    const bay = (await manager.post('/api/bays', { code: 'V1', name: 'v', type: 'paint' })).json();
    expect((await manager.put(`/api/bays/${bay.id}`, { ...bay, name: 'first' })).statusCode).toBe(200);
    const stale = await manager.put(`/api/bays/${bay.id}`, { ...bay, name: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
  });

  it("answers 404 for another store's bay, for reads and writes", async () => {
    const other = await buildBay(t.database.db, t.world.stores[1]!.id);
    const manager = await t.as('after_sales_manager');
    expect((await manager.get(`/api/bays/${other.id}`)).statusCode).toBe(404);
    const put = await manager.put(`/api/bays/${other.id}`, { code: 'X', name: 'x', type: 'wash', version: 1 });
    expect(put.statusCode).toBe(404);
    const list = (await manager.get('/api/bays?pageSize=200')).json();
    expect(list.items.map((b: { id: number }) => b.id)).not.toContain(other.id);
  });

  it('forbids a technician from creating bays', async () => {
    const tech = await t.as('technician');
    expect((await tech.post('/api/bays', { code: 'T1', name: 't', type: 'wash' })).statusCode).toBe(403);
  });
});
