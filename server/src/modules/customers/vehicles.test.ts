import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '#contracts/staff';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { inStore } from '../../db/scope';
import { addTimelineEvent } from './index';
import { buildCustomer, makeMobile, makeVin } from './customers.factories';
import { addDays, addMonths } from '../../platform/local-time';

let t: TestApp;
let advisor: Client;
let modelId: number;
beforeAll(async () => {
  t = await buildTestApp();
  advisor = await t.as('service_advisor');
  const manager = await t.as('after_sales_manager');
  modelId = (await manager.post('/api/vehicle-models', { brand: '丰田', series: '凯美瑞', model: '2.0G', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 })).json().id;
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { path: string; message: string }[] } } }) => body.error.details.fields;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe('vehicle files', () => {
  it('answers each bad VIN, plate and missing identifier with a clear 400', async () => {
    const vin = makeVin();
    const wrongCheck = `${vin.slice(0, 8)}${vin[8] === 'X' ? '0' : 'X'}${vin.slice(9)}`;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ vin: wrongCheck }, 'vin', 'VIN 码校验位不正确'],
      [{ vin: 'LSVAB4188M20000' }, 'vin', 'VIN 码格式不正确（17 位，不含 I、O、Q）'],
      [{ vin: 'LSVAB4188M20000IO' }, 'vin', 'VIN 码格式不正确（17 位，不含 I、O、Q）'],
      [{ plate: '川12345' }, 'plate', '车牌号格式不正确'],
      [{ plate: 'XA12345' }, 'plate', '车牌号格式不正确'],
      [{ colour: '白' }, 'vin', 'VIN 码和车牌号至少填写一项'],
      [{ vin, purchaseDate: '2024-02-30' }, 'purchaseDate', '日期格式应为 YYYY-MM-DD'],
      [{ vin, mileageKm: -5 }, 'mileageKm', ''],
    ];
    for (const [body, path, message] of cases) {
      const res = await advisor.post('/api/vehicles', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const field = fieldsOf(res.json()).find((f) => f.path === path);
      expect(field, JSON.stringify(res.json())).toBeDefined();
      if (message) expect(field!.message).toBe(message);
    }
    expect((await advisor.get(`/api/vehicles?q=${vin.slice(-8)}`)).json().total).toBe(0);
  });

  it('normalises the plate and shows it with the separator', async () => {
    const res = await advisor.post('/api/vehicles', { plate: ' 川a·d12345 ' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ plate: '川AD12345', plateDisplay: '川A·D12345', vin: null });
  });

  it('refuses a duplicate VIN always and a duplicate plate unless confirmed, with the candidates', async () => {
    const vin = makeVin();
    const first = (await advisor.post('/api/vehicles', { vin, plate: '川A5DUP1' })).json();
    const sameVin = await advisor.post('/api/vehicles', { vin: vin.toLowerCase(), confirmDuplicate: true });
    expect(sameVin.statusCode).toBe(409);
    expect(sameVin.json().error).toMatchObject({ code: 'DUPLICATE', details: { candidates: [{ type: 'vehicle', id: first.id, matched: 'vin' }] } });

    const samePlate = await advisor.post('/api/vehicles', { vin: makeVin(), plate: '川a5dup1' });
    expect(samePlate.statusCode).toBe(409);
    expect(samePlate.json().error.details.candidates).toEqual([{ type: 'vehicle', id: first.id, title: '川A·5DUP1', matched: 'plate' }]);
    expect((await advisor.post('/api/vehicles', { vin: makeVin(), plate: '川A5DUP1', confirmDuplicate: true })).statusCode).toBe(201);

    // Editing another vehicle onto the VIN is refused too; saving one unchanged is not.
    const other = (await advisor.post('/api/vehicles', { vin: makeVin() })).json();
    expect((await advisor.put(`/api/vehicles/${other.id}`, { ...other, vin })).statusCode).toBe(409);
    expect((await advisor.put(`/api/vehicles/${first.id}`, { ...first, colour: '黑色' })).statusCode).toBe(200);
  });

  it('keeps the VIN unique under concurrent saves', async () => {
    const vin = makeVin();
    const results = await Promise.all(Array.from({ length: 4 }, () => advisor.post('/api/vehicles', { vin })));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error.code === 'DUPLICATE')).toBe(true);
  });

  it('builds the vehicle page: owner, driver, odometer history, km/day and next due', async () => {
    const owner = (await advisor.post('/api/customers', { name: '车主甲', mobile: makeMobile() })).json();
    const driver = (await advisor.post('/api/customers', { name: '使用人乙', mobile: makeMobile() })).json();
    const created = await advisor.post('/api/vehicles', {
      vin: makeVin(),
      plate: '川A7P001',
      vehicleModelId: modelId,
      purchaseDate: addMonths(localDay(new Date(), 'Asia/Shanghai'), -24),
      ownerId: owner.id,
      driverId: driver.id,
    });
    expect(created.statusCode).toBe(201);
    const vehicle = created.json();
    expect(vehicle).toMatchObject({ modelName: '丰田 凯美瑞 2.0G', owner: { id: owner.id, name: '车主甲' }, driver: { id: driver.id, name: '使用人乙' } });
    expect(vehicle.owner.mobile).toMatch(/^\d{3}\*{4}\d{4}$/);

    const r1 = await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 20_000, readAt: daysAgo(100), service: true, broughtByCustomerId: driver.id });
    expect(r1.statusCode).toBe(201);
    const page = (await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 24_000, readAt: daysAgo(20), service: false, broughtByName: '司机小王' })).json();
    expect(page.currentMileageKm).toBe(24_000);
    expect(page.avgKmPerDay).toBe(50);
    expect(page.odometer.map((r: { km: number }) => r.km)).toEqual([24_000, 20_000]);
    expect(page.odometer[1]).toMatchObject({ service: true, broughtByCustomerId: driver.id });
    expect(page.odometer[0]).toMatchObject({ broughtByName: '司机小王' });
    const today = localDay(new Date(), 'Asia/Shanghai');
    const serviceDay = localDay(new Date(daysAgo(100)), 'Asia/Shanghai');
    expect(page.lastServiceDate).toBe(serviceDay);
    expect(page.nextDue).toMatchObject({ baseDate: serviceDay, baseKm: 20_000, byKm: 25_000, byDate: addMonths(serviceDay, 6) });
    // 1,000 km left at 50 km/day: 20 days after the last reading, i.e. about today.
    expect(page.nextDue.byKmEstimatedDate).toBe(addDays(localDay(new Date(daysAgo(20)), 'Asia/Shanghai'), 20));
    expect(page.nextDueDate).toBe(page.nextDue.date);
    expect(page.nextDue.date <= addDays(today, 1)).toBe(true);

    const list = (await advisor.get(`/api/vehicles?customerId=${driver.id}`)).json();
    expect(list.items.map((v: { id: number }) => v.id)).toEqual([vehicle.id]);
    const ownerFile = (await advisor.get(`/api/customers/${owner.id}`)).json();
    expect(ownerFile.vehicles).toEqual([expect.objectContaining({ id: vehicle.id, role: 'owner', plateDisplay: '川A·7P001' })]);
    const driverFile = (await advisor.get(`/api/customers/${driver.id}`)).json();
    expect(driverFile.vehicles).toEqual([expect.objectContaining({ id: vehicle.id, role: 'driver' })]);
  });

  it('needs a reason for a reading below the last one and refuses future readings', async () => {
    const vehicle = (await advisor.post('/api/vehicles', { vin: makeVin(), mileageKm: 50_000 })).json();
    const lower = await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 120 });
    expect(lower.statusCode).toBe(400);
    expect(fieldsOf(lower.json())).toEqual([{ path: 'reason', message: '里程低于上次读数，请填写原因' }]);
    const future = await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 60_000, readAt: new Date(Date.now() + 86_400_000).toISOString() });
    expect(future.statusCode).toBe(400);
    expect(fieldsOf(future.json())[0]!.path).toBe('readAt');
    const ok = await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 120, reason: '更换仪表' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ currentMileageKm: 120, odometer: [{ km: 120, reason: '更换仪表' }, { km: 50_000 }] });
  });

  it('shows the timeline newest first, paged, with events other modules add', async () => {
    const owner = await buildCustomer(t.database.db, t.world.stores[0]!.id, { name: '时间线车主' });
    const vehicle = (await advisor.post('/api/vehicles', { vin: makeVin(), ownerId: owner.id })).json();
    await advisor.post(`/api/vehicles/${vehicle.id}/odometer-readings`, { km: 1000, readAt: daysAgo(30) });
    // What the repair-orders module will do, in its own transaction.
    await inStore(t.database.db, t.world.stores[0]!.id, (tx) =>
      addTimelineEvent(tx, t.world.stores[0]!.id, {
        vehicleId: vehicle.id,
        customerId: owner.id,
        kind: 'repair_order',
        title: '委托书 RO20261123-0007 结算',
        refType: 'repair_order',
        refId: 7,
        at: new Date(Date.now() - 10 * 86_400_000),
        data: { amountFen: 45_000 },
      }),
    );
    const page1 = (await advisor.get(`/api/vehicles/${vehicle.id}/timeline?pageSize=2`)).json();
    expect(page1.total).toBe(3);
    expect(page1.items.map((e: { kind: string }) => e.kind)).toEqual(['vehicle_created', 'repair_order']);
    expect(page1.items[1]).toMatchObject({ refType: 'repair_order', refId: '7', data: { amountFen: 45_000 } });
    const page2 = (await advisor.get(`/api/vehicles/${vehicle.id}/timeline?pageSize=2&page=2`)).json();
    expect(page2.items.map((e: { kind: string }) => e.kind)).toEqual(['visit']);
    const ros = (await advisor.get(`/api/vehicles/${vehicle.id}/timeline?kind=repair_order`)).json();
    expect(ros.total).toBe(1);

    // Changing the owner is on the timeline too.
    const newOwner = await buildCustomer(t.database.db, t.world.stores[0]!.id);
    const current = (await advisor.get(`/api/vehicles/${vehicle.id}`)).json();
    expect((await advisor.put(`/api/vehicles/${vehicle.id}`, { ...current, ownerId: newOwner.id })).statusCode).toBe(200);
    const latest = (await advisor.get(`/api/vehicles/${vehicle.id}/timeline?pageSize=1`)).json();
    expect(latest.items[0]).toMatchObject({ kind: 'owner_changed', customerId: newOwner.id });
  });

  it("answers 404 for another store's vehicle and refuses a model of another store", async () => {
    const other = await t.as('service_advisor', 1);
    const theirs = (await other.post('/api/vehicles', { vin: makeVin() })).json();
    expect((await advisor.get(`/api/vehicles/${theirs.id}`)).statusCode).toBe(404);
    expect((await advisor.put(`/api/vehicles/${theirs.id}`, { ...theirs })).statusCode).toBe(404);
    expect((await advisor.post(`/api/vehicles/${theirs.id}/odometer-readings`, { km: 1 })).statusCode).toBe(404);
    expect((await advisor.get(`/api/vehicles/${theirs.id}/timeline`)).statusCode).toBe(404);
    const otherModel = (await (await t.as('after_sales_manager', 1)).post('/api/vehicle-models', { brand: 'X', series: 'Y', model: 'Z', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 })).json();
    const res = await advisor.post('/api/vehicles', { vin: makeVin(), vehicleModelId: otherModel.id });
    expect(res.statusCode).toBe(400);
    expect(fieldsOf(res.json())[0]!.path).toBe('vehicleModelId');
  });
});
