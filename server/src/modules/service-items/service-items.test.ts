import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LABOUR_RATES } from '#contracts/stores';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { path: string }[] } } }) => body.error.details.fields.map((f) => f.path);

const oilChange = { code: 'BY-001', name: '更换机油机滤', system: 'maintenance', jobType: 'quick_service', standardHours: '0.75' };

let seq = 0;
async function createItem(client: Client, overrides: Record<string, unknown> = {}) {
  const res = await client.post('/api/service-items', { ...oilChange, code: `SI-${++seq}`, ...overrides });
  expect(res.statusCode).toBe(201);
  return res.json();
}

async function createModel(client: Client, model = `M${++seq}`) {
  const res = await client.post('/api/vehicle-models', { brand: '大众', series: '帕萨特', model, year: 2024, maintenanceIntervalMonths: 6, maintenanceIntervalKm: 7500 });
  expect(res.statusCode).toBe(201);
  return res.json();
}

describe('service items', () => {
  it('creates, lists, reads, prices and updates a service item', async () => {
    const manager = await t.as('after_sales_manager');
    const created = await manager.post('/api/service-items', { ...oilChange, standardHours: 0.75 });
    expect(created.statusCode).toBe(201);
    const item = created.json();
    // 0.75 h × 180.00 元/h (quick service) = 135.00 元
    expect(item).toMatchObject({
      ...oilChange,
      requiredGrade: 'junior',
      requiredCertification: null,
      fixedPriceFen: null,
      priceFen: 13500,
      active: true,
      version: 1,
    });

    await createItem(manager, { name: '四轮定位', system: 'chassis', jobType: 'mechanical', standardHours: '1' });
    expect((await manager.get('/api/service-items?q=by-001')).json()).toMatchObject({ total: 1, items: [{ id: item.id }] });
    expect((await manager.get(`/api/service-items?q=${encodeURIComponent('四轮')}`)).json().total).toBe(1);
    const chassis = (await manager.get('/api/service-items?system=chassis&jobType=mechanical')).json();
    expect(chassis.items.map((i: { name: string }) => i.name)).toEqual(['四轮定位']);

    const price = await manager.get(`/api/service-items/${item.id}/price`);
    expect(price.json()).toEqual({ serviceItemId: item.id, basis: 'hours', standardHours: '0.75', labourRateFen: DEFAULT_LABOUR_RATES.quick_service, priceFen: 13500 });

    const updated = await manager.put(`/api/service-items/${item.id}`, { ...item, fixedPriceFen: 9900, requiredCertification: '新能源高压作业证', active: false });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ fixedPriceFen: 9900, priceFen: 9900, requiredCertification: '新能源高压作业证', active: false, version: 2 });
    expect((await manager.get(`/api/service-items/${item.id}/price`)).json()).toMatchObject({ basis: 'fixed', priceFen: 9900 });
    expect((await manager.get('/api/service-items?active=false')).json()).toMatchObject({ total: 1, items: [{ id: item.id }] });

    // A cashier may read items (to settle), not change them.
    expect((await (await t.as('cashier')).get(`/api/service-items/${item.id}`)).statusCode).toBe(200);
  });

  it("prices hours with the store's own labour rate, rounded half-up to the fen", async () => {
    const manager = await t.as('after_sales_manager');
    const item = await createItem(manager, { jobType: 'mechanical', standardHours: '1.25' });
    expect(item.priceFen).toBe(30000); // 1.25 × 24000
    const admin = await t.as('group_admin');
    const store = (await admin.get(`/api/stores/${t.world.stores[0]!.id}`)).json();
    const changed = await admin.put(`/api/stores/${store.id}`, { ...store, labourRates: { ...store.labourRates, mechanical: 23333 } });
    expect(changed.statusCode).toBe(200);
    // 1.25 × 233.33 元 = 291.6625 元 → 291.66 元
    expect((await manager.get(`/api/service-items/${item.id}`)).json().priceFen).toBe(29166);
    const half = await createItem(manager, { jobType: 'mechanical', standardHours: '0.5', code: 'HALF' });
    expect(half.priceFen).toBe(11667); // 0.5 × 23333 = 11666.5 → 11667
  });

  it('names the bad fields in a 400 and changes nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const before = (await manager.get('/api/service-items')).json().total;
    const res = await manager.post('/api/service-items', { code: 'A B', name: '', system: 'wings', jobType: 'quick_service', standardHours: '1.234', fixedPriceFen: -1 });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(['code', 'name', 'system', 'standardHours', 'fixedPriceFen']));
    expect(res.json().error.details.fields.find((f: { path: string }) => f.path === 'standardHours').message).toContain('工时格式不正确');
    expect((await manager.get('/api/service-items')).json().total).toBe(before);

    const item = await createItem(manager);
    const bad = await manager.put(`/api/service-items/${item.id}`, { ...item, standardHours: 0.1 + 0.2, requiredGrade: 'guru' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad.json())).toEqual(expect.arrayContaining(['standardHours', 'requiredGrade']));
    expect((await manager.get(`/api/service-items/${item.id}`)).json()).toEqual(item);
  });

  it('refuses a duplicate code with 409 and a stale version with 409', async () => {
    const manager = await t.as('after_sales_manager');
    await createItem(manager, { code: 'DUP1' });
    expect((await manager.post('/api/service-items', { ...oilChange, code: 'DUP1' })).statusCode).toBe(409);

    const item = await createItem(manager);
    expect((await manager.put(`/api/service-items/${item.id}`, { ...item, name: 'first' })).statusCode).toBe(200);
    const stale = await manager.put(`/api/service-items/${item.id}`, { ...item, name: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await manager.get(`/api/service-items/${item.id}`)).json().name).toBe('first');
  });

  it("answers 404 for another store's service item", async () => {
    const other = await createItem(await t.as('after_sales_manager', 1));
    const manager = await t.as('after_sales_manager');
    expect((await manager.get(`/api/service-items/${other.id}`)).statusCode).toBe(404);
    expect((await manager.get(`/api/service-items/${other.id}/price`)).statusCode).toBe(404);
    expect((await manager.put(`/api/service-items/${other.id}`, { ...other, name: 'x' })).statusCode).toBe(404);
    const list = (await manager.get('/api/service-items?pageSize=200')).json();
    expect(list.items.map((i: { id: number }) => i.id)).not.toContain(other.id);
  });

  it('forbids roles without service_item:manage from writing, and without :read from reading', async () => {
    const tech = await t.as('technician');
    expect((await tech.post('/api/service-items', { ...oilChange, code: 'T1' })).statusCode).toBe(403);
    const item = await createItem(await t.as('technical_supervisor'));
    expect((await tech.put(`/api/service-items/${item.id}`, { ...item, name: 'x' })).statusCode).toBe(403);
    expect((await tech.get(`/api/service-items/${item.id}/price`)).statusCode).toBe(200);
    expect((await (await t.as('customer_service')).get('/api/service-items')).statusCode).toBe(403);
  });
});

describe('maintenance packages', () => {
  it('creates, lists, reads and updates a package with its ordered items', async () => {
    const manager = await t.as('after_sales_manager');
    const model = await createModel(manager);
    const [a, b, c] = [await createItem(manager), await createItem(manager), await createItem(manager)];
    const created = await manager.post('/api/maintenance-packages', {
      code: 'PKG-5K',
      name: '5000 公里保养',
      vehicleModelId: model.id,
      mileageKm: 5000,
      serviceItemIds: [c.id, a.id],
    });
    expect(created.statusCode).toBe(201);
    const pkg = created.json();
    expect(pkg).toMatchObject({ code: 'PKG-5K', vehicleModelId: model.id, mileageKm: 5000, active: true, version: 1, serviceItemIds: [c.id, a.id] });

    await manager.post('/api/maintenance-packages', { code: 'PKG-ANY', name: '通用保养', serviceItemIds: [b.id] });
    expect((await manager.get(`/api/maintenance-packages?vehicleModelId=${model.id}`)).json()).toMatchObject({
      total: 1,
      items: [{ id: pkg.id, serviceItemIds: [c.id, a.id] }],
    });
    expect((await manager.get(`/api/maintenance-packages?q=${encodeURIComponent('通用')}`)).json()).toMatchObject({ total: 1, items: [{ code: 'PKG-ANY' }] });

    const updated = await manager.put(`/api/maintenance-packages/${pkg.id}`, { ...pkg, name: '5000 公里首保', serviceItemIds: [b.id, c.id, a.id] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ name: '5000 公里首保', version: 2, serviceItemIds: [b.id, c.id, a.id] });
    expect((await manager.get(`/api/maintenance-packages/${pkg.id}`)).json().serviceItemIds).toEqual([b.id, c.id, a.id]);

    const current = updated.json();
    const shrunk = await manager.put(`/api/maintenance-packages/${pkg.id}`, { ...current, vehicleModelId: null, serviceItemIds: [a.id], active: false });
    expect(shrunk.json()).toMatchObject({ vehicleModelId: null, active: false, version: 3, serviceItemIds: [a.id] });
    expect((await manager.get('/api/maintenance-packages?active=false')).json()).toMatchObject({ total: 1, items: [{ id: pkg.id }] });
  });

  it('names the bad fields in a 400 and changes nothing', async () => {
    const manager = await t.as('after_sales_manager');
    const item = await createItem(manager);
    const before = (await manager.get('/api/maintenance-packages')).json().total;
    const res = await manager.post('/api/maintenance-packages', { code: '', name: 'x', mileageKm: -5, serviceItemIds: [] });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())).toEqual(expect.arrayContaining(['code', 'mileageKm', 'serviceItemIds']));

    const twice = await manager.post('/api/maintenance-packages', { code: 'TWICE', name: 'x', serviceItemIds: [item.id, item.id] });
    expect(twice.statusCode).toBe(400);
    expect(fieldsOf(twice.json())).toEqual(['serviceItemIds.1']);
    expect(twice.json().error.message).toContain('重复');

    const unknown = await manager.post('/api/maintenance-packages', { code: 'UNK', name: 'x', serviceItemIds: [item.id, 999999] });
    expect(unknown.statusCode).toBe(400);
    expect(fieldsOf(unknown.json())).toEqual(['serviceItemIds.1']);
    expect((await manager.get('/api/maintenance-packages')).json().total).toBe(before);
  });

  it("refuses another store's service items and vehicle model with 400 on the field", async () => {
    const otherManager = await t.as('after_sales_manager', 1);
    const otherItem = await createItem(otherManager);
    const otherModel = await createModel(otherManager);
    const manager = await t.as('after_sales_manager');
    const mine = await createItem(manager);
    const before = (await manager.get('/api/maintenance-packages')).json().total;

    const items = await manager.post('/api/maintenance-packages', { code: 'X1', name: 'x', serviceItemIds: [mine.id, otherItem.id] });
    expect(items.statusCode).toBe(400);
    expect(fieldsOf(items.json())).toEqual(['serviceItemIds.1']);
    const model = await manager.post('/api/maintenance-packages', { code: 'X2', name: 'x', vehicleModelId: otherModel.id, serviceItemIds: [mine.id] });
    expect(model.statusCode).toBe(400);
    expect(fieldsOf(model.json())).toEqual(['vehicleModelId']);
    expect((await manager.get('/api/maintenance-packages')).json().total).toBe(before);

    const pkg = (await manager.post('/api/maintenance-packages', { code: 'X3', name: 'x', serviceItemIds: [mine.id] })).json();
    const update = await manager.put(`/api/maintenance-packages/${pkg.id}`, { ...pkg, serviceItemIds: [otherItem.id] });
    expect(update.statusCode).toBe(400);
    expect(fieldsOf(update.json())).toEqual(['serviceItemIds.0']);
    expect((await manager.get(`/api/maintenance-packages/${pkg.id}`)).json()).toEqual(pkg);
  });

  it("answers 404 for another store's package, 409 for a stale version and a duplicate code", async () => {
    const otherManager = await t.as('after_sales_manager', 1);
    const otherPkg = (await otherManager.post('/api/maintenance-packages', { code: 'O1', name: 'o', serviceItemIds: [(await createItem(otherManager)).id] })).json();
    const manager = await t.as('after_sales_manager');
    const item = await createItem(manager);
    expect((await manager.get(`/api/maintenance-packages/${otherPkg.id}`)).statusCode).toBe(404);
    expect((await manager.put(`/api/maintenance-packages/${otherPkg.id}`, { ...otherPkg, serviceItemIds: [item.id] })).statusCode).toBe(404);
    expect((await otherManager.get(`/api/maintenance-packages/${otherPkg.id}`)).json()).toEqual(otherPkg);

    const pkg = (await manager.post('/api/maintenance-packages', { code: 'S1', name: 's', serviceItemIds: [item.id] })).json();
    expect((await manager.post('/api/maintenance-packages', { code: 'S1', name: 'again', serviceItemIds: [item.id] })).statusCode).toBe(409);
    expect((await manager.put(`/api/maintenance-packages/${pkg.id}`, { ...pkg, name: 'first' })).statusCode).toBe(200);
    const stale = await manager.put(`/api/maintenance-packages/${pkg.id}`, { ...pkg, name: 'second' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    expect((await manager.get(`/api/maintenance-packages/${pkg.id}`)).json()).toMatchObject({ name: 'first', version: 2 });
  });

  it('forbids roles without service_item:manage from writing packages', async () => {
    const item = await createItem(await t.as('after_sales_manager'));
    const tech = await t.as('technician');
    expect((await tech.post('/api/maintenance-packages', { code: 'T1', name: 't', serviceItemIds: [item.id] })).statusCode).toBe(403);
    expect((await tech.get('/api/maintenance-packages')).statusCode).toBe(200);
    expect((await (await t.as('insurance_renewal')).get('/api/maintenance-packages')).statusCode).toBe(403);
  });
});
