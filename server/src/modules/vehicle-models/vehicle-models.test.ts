import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) => body.error.details.fields.map((f) => f.path);

const camry = { brand: '丰田', series: '凯美瑞', model: '2.0G 豪华版', year: 2024, engine: 'M20C', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 };

describe('vehicle models', () => {
  it('creates, lists, reads and updates a vehicle model', async () => {
    const manager = await t.as('after_sales_manager');
    const created = await manager.post('/api/vehicle-models', camry);
    expect(created.statusCode).toBe(201);
    const model = created.json();
    expect(model).toMatchObject({ ...camry, active: true, version: 1 });

    await manager.post('/api/vehicle-models', { ...camry, brand: '本田', series: '雅阁', model: '260TURBO' });
    const byQ = (await manager.get(`/api/vehicle-models?q=${encodeURIComponent('凯美')}`)).json();
    expect(byQ).toMatchObject({ total: 1, items: [{ id: model.id }] });
    const byBrand = (await manager.get(`/api/vehicle-models?brand=${encodeURIComponent('本田')}`)).json();
    expect(byBrand.items.map((m: { series: string }) => m.series)).toEqual(['雅阁']);
    const brands = async (order: string) =>
      (await manager.get(`/api/vehicle-models?sort=brand&order=${order}`)).json().items.map((m: { brand: string }) => m.brand);
    const ascending = await brands('asc');
    expect(new Set(ascending)).toEqual(new Set(['本田', '丰田']));
    expect(await brands('desc')).toEqual([...ascending].reverse());

    const updated = await manager.put(`/api/vehicle-models/${model.id}`, { ...model, maintenanceIntervalKm: 10000, active: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ maintenanceIntervalKm: 10000, active: false, version: 2 });
    expect((await manager.get(`/api/vehicle-models/${model.id}`)).json().active).toBe(false);
    expect((await manager.get('/api/vehicle-models?active=false')).json()).toMatchObject({ total: 1, items: [{ id: model.id }] });

    const technician = await t.as('technician');
    expect((await technician.get(`/api/vehicle-models/${model.id}`)).statusCode).toBe(200);
  });

  it('names the bad fields in a 400 and changes nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const before = (await manager.get('/api/vehicle-models')).json().total;
    const res = await manager.post('/api/vehicle-models', { brand: '', series: '卡罗拉', model: 'x', year: 1800, maintenanceIntervalMonths: 0 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(['brand', 'year', 'maintenanceIntervalMonths', 'maintenanceIntervalKm']));
    expect((await manager.get('/api/vehicle-models')).json().total).toBe(before);

    const model = (await manager.post('/api/vehicle-models', { ...camry, model: '2.5Q' })).json();
    const bad = await manager.put(`/api/vehicle-models/${model.id}`, { ...model, maintenanceIntervalKm: 10, version: 'one' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(expect.arrayContaining(['maintenanceIntervalKm', 'version']));
    expect((await manager.get(`/api/vehicle-models/${model.id}`)).json()).toEqual(model);

    expect((await manager.get('/api/vehicle-models?sort=colour')).statusCode).toBe(400);
  });

  it('refuses a duplicate brand/series/model/year with 409, also without a year', async () => {
    const manager = await t.as('after_sales_manager');
    const dup = { ...camry, series: '亚洲龙' };
    expect((await manager.post('/api/vehicle-models', dup)).statusCode).toBe(201);
    expect((await manager.post('/api/vehicle-models', dup)).statusCode).toBe(409);
    expect((await manager.post('/api/vehicle-models', { ...dup, year: 2025 })).statusCode).toBe(201);

    const yearless = { ...dup, year: null };
    const created = await manager.post('/api/vehicle-models', yearless);
    expect(created.statusCode).toBe(201);
    const first = created.json();
    const again = await manager.post('/api/vehicle-models', yearless);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('DUPLICATE');

    // Renaming another model onto an existing one is a duplicate too; saving a model unchanged is not.
    const other = (await manager.post('/api/vehicle-models', { ...yearless, model: 'other' })).json();
    expect((await manager.put(`/api/vehicle-models/${other.id}`, { ...other, model: dup.model })).statusCode).toBe(409);
    expect((await manager.put(`/api/vehicle-models/${first.id}`, { ...first, engine: 'A25A' })).statusCode).toBe(200);

    // The same model in another store is no duplicate.
    const otherStore = await t.as('after_sales_manager', 1);
    expect((await otherStore.post('/api/vehicle-models', dup)).statusCode).toBe(201);
  });

  it('answers 409 to a stale version', async () => {
    const manager = await t.as('after_sales_manager');
    const model = (await manager.post('/api/vehicle-models', { ...camry, model: 'V1' })).json();
    expect((await manager.put(`/api/vehicle-models/${model.id}`, { ...model, engine: 'first' })).statusCode).toBe(200);
    const stale = await manager.put(`/api/vehicle-models/${model.id}`, { ...model, engine: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await manager.get(`/api/vehicle-models/${model.id}`)).json().engine).toBe('first');
  });

  it("answers 404 for another store's vehicle model, for reads and writes", async () => {
    const otherManager = await t.as('after_sales_manager', 1);
    const other = (await otherManager.post('/api/vehicle-models', { ...camry, series: '汉兰达' })).json();
    const manager = await t.as('after_sales_manager');
    expect((await manager.get(`/api/vehicle-models/${other.id}`)).statusCode).toBe(404);
    expect((await manager.put(`/api/vehicle-models/${other.id}`, { ...other, engine: 'x' })).statusCode).toBe(404);
    const list = (await manager.get('/api/vehicle-models?pageSize=200')).json();
    expect(list.items.map((m: { id: number }) => m.id)).not.toContain(other.id);
    expect((await otherManager.get(`/api/vehicle-models/${other.id}`)).json().engine).toBe(camry.engine);
  });

  it('forbids roles without vehicle_model:manage from writing, and without :read from reading', async () => {
    const tech = await t.as('technician');
    expect((await tech.post('/api/vehicle-models', { ...camry, model: 'T1' })).statusCode).toBe(403);
    const model = (await (await t.as('technical_supervisor')).post('/api/vehicle-models', { ...camry, model: 'T2' })).json();
    expect((await tech.put(`/api/vehicle-models/${model.id}`, { ...model, engine: 'x' })).statusCode).toBe(403);
    expect((await (await t.as('cashier')).get('/api/vehicle-models')).statusCode).toBe(403);
  });
});
