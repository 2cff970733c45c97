import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDay } from '#contracts/staff';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { makeMobile, makeVin } from './customers.factories';
import { addMonths } from '../../platform/local-time';

let t: TestApp;
let cs: Client;
const v: Record<string, number> = {};
let models: number[] = [];
const today = localDay(new Date(), 'Asia/Shanghai');
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  t = await buildTestApp();
  cs = await t.as('customer_service');
  const manager = await t.as('after_sales_manager');
  const model = async (name: string) =>
    (await manager.post('/api/vehicle-models', { brand: '本田', series: name, model: 'x', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 })).json().id as number;
  models = [await model('雅阁'), await model('思域')];
  const customer = async (body: Record<string, unknown>) => (await cs.post('/api/customers', { mobile: makeMobile(), ...body })).json().id as number;
  const fleet = await customer({ name: '车队客户', source: 'outlet', outletName: '龙泉网点', tags: ['车队', 'VIP'], consent: { phone: true, sms: true, wechat: false } });
  const own = await customer({ name: '本店客户', source: 'own_sale', tags: ['VIP'] });
  const vehicle = async (body: Record<string, unknown>) => (await cs.post('/api/vehicles', { vin: makeVin(), ...body })).json().id as number;
  // Old, much driven, visits often.
  v.busy = await vehicle({ vehicleModelId: models[0], purchaseDate: addMonths(today, -60), ownerId: fleet });
  for (const [km, days] of [[60_000, 300], [70_000, 150], [80_000, 10]] as const) {
    await cs.post(`/api/vehicles/${v.busy}/odometer-readings`, { km, readAt: daysAgo(days) });
  }
  // One year old, last seen 200 days ago, in factory warranty.
  v.lost = await vehicle({ vehicleModelId: models[1], purchaseDate: addMonths(today, -12), ownerId: own, soldByUs: true });
  await cs.post(`/api/vehicles/${v.lost}/odometer-readings`, { km: 15_000, readAt: daysAgo(200) });
  // Never visited, four years old, on extended warranty.
  v.never = await vehicle({ vehicleModelId: models[1], purchaseDate: addMonths(today, -48), extendedWarrantyUntil: addMonths(today, 6), ownerId: own });
});
afterAll(() => t.close());

async function members(filter: Record<string, unknown>): Promise<{ vehicles: number; customers: number }> {
  const res = await cs.post('/api/segments/preview', { filter });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('segments', () => {
  it('counts vehicles and their owners for each criterion', async () => {
    expect(await members({})).toEqual({ vehicles: 3, customers: 2 });
    expect(await members({ vehicleModelIds: [models[1]] })).toEqual({ vehicles: 2, customers: 1 });
    expect((await members({ vehicleAgeYears: { min: 3 } })).vehicles).toBe(2);
    expect((await members({ vehicleAgeYears: { min: 0.5, max: 2 } })).vehicles).toBe(1);
    expect((await members({ mileageKm: { min: 50_000 } })).vehicles).toBe(1);
    expect((await members({ avgKmPerDay: { min: 60, max: 75 } })).vehicles).toBe(1); // 20,000 km in 290 days
    expect((await members({ avgKmPerDay: { min: 80 } })).vehicles).toBe(1); // 15,000 km in the 165 days after its purchase
    expect((await members({ visits: { min: 2, withinMonths: 12 } })).vehicles).toBe(1);
    expect((await members({ visits: { max: 0, withinMonths: 12 } })).vehicles).toBe(1);
    expect((await members({ visits: { min: 1, max: 1, withinMonths: 12 } })).vehicles).toBe(1);
    expect((await members({ lastVisit: { minDaysAgo: 180 } })).vehicles).toBe(1);
    expect((await members({ lastVisit: { minDaysAgo: 180, includeNever: true } })).vehicles).toBe(2);
    expect((await members({ lastVisit: { maxDaysAgo: 30 } })).vehicles).toBe(1);
    // No spend source yet (repair orders plug in): everybody has spent 0.
    expect((await members({ spendFen: { min: 1 } })).vehicles).toBe(0);
    expect((await members({ spendFen: { max: 0 } })).vehicles).toBe(3);
    expect(await members({ sources: ['outlet'] })).toEqual({ vehicles: 1, customers: 1 });
    expect((await members({ outletName: '龙泉网点' })).vehicles).toBe(1);
    expect((await members({ tags: ['VIP'] })).vehicles).toBe(3);
    expect((await members({ tags: ['VIP', '车队'], tagsMatch: 'all' })).vehicles).toBe(1);
    expect((await members({ warranty: { state: 'factory' } })).vehicles).toBe(1);
    expect((await members({ warranty: { state: 'extended' } })).vehicles).toBe(1);
    expect((await members({ warranty: { state: 'expired' } })).vehicles).toBe(1);
    expect((await members({ soldByUs: true })).vehicles).toBe(1);
    expect((await members({ consent: 'sms' })).vehicles).toBe(1);
    expect((await members({ dueWithinDays: 30 })).vehicles).toBeGreaterThanOrEqual(1);
    expect(await members({ vehicleModelIds: [models[1]], lastVisit: { minDaysAgo: 180, includeNever: true }, sources: ['own_sale'] })).toEqual({ vehicles: 2, customers: 1 });
  });

  it('saves segments whose counts stay live, and lists their vehicles', async () => {
    const created = await cs.post('/api/segments', { name: '流失客户', description: '半年未回厂', filter: { lastVisit: { minDaysAgo: 180, includeNever: true } } });
    expect(created.statusCode).toBe(201);
    const segment = created.json();
    expect(segment).toMatchObject({ name: '流失客户', counts: { vehicles: 2, customers: 1 }, version: 1 });
    expect(segment.filter).toMatchObject({ lastVisit: { minDaysAgo: 180, maxDaysAgo: null, includeNever: true }, sources: [] });

    await cs.post('/api/vehicles', { vin: makeVin() }); // never visited: joins the segment
    expect((await cs.get(`/api/segments/${segment.id}`)).json().counts.vehicles).toBe(3);
    expect((await cs.get('/api/segments')).json().find((s: { id: number }) => s.id === segment.id).counts.vehicles).toBe(3);
    const page = (await cs.get(`/api/segments/${segment.id}/vehicles?pageSize=2`)).json();
    expect(page).toMatchObject({ total: 3, pageSize: 2 });
    expect(page.items).toHaveLength(2);

    const updated = await cs.put(`/api/segments/${segment.id}`, { ...segment, filter: { ...segment.filter, vehicleModelIds: [models[1]] } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ version: 2, counts: { vehicles: 2 } });
    expect((await cs.put(`/api/segments/${segment.id}`, { ...segment, name: '旧版本' })).statusCode).toBe(409);
    expect((await cs.post('/api/segments', { name: '流失客户', filter: {} })).statusCode).toBe(409);
  });

  it('answers a bad range with a 400, another store’s segment with 404, and needs segment:manage to save', async () => {
    const bad = await cs.post('/api/segments/preview', { filter: { mileageKm: { min: 10, max: 5 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.fields[0].path).toBe('filter.mileageKm.max');
    const theirs = (await (await t.as('customer_service', 1)).post('/api/segments', { name: '别店', filter: {} })).json();
    expect((await cs.get(`/api/segments/${theirs.id}`)).statusCode).toBe(404);
    expect((await cs.get(`/api/segments/${theirs.id}/vehicles`)).statusCode).toBe(404);
    expect((await cs.put(`/api/segments/${theirs.id}`, { ...theirs })).statusCode).toBe(404);
    expect((await (await t.as('service_advisor')).post('/api/segments', { name: 'x', filter: {} })).statusCode).toBe(403);
  });
});
