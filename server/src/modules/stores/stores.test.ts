import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STORE_SETTINGS } from '#contracts/settings';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildGroup, buildStore } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('stores', () => {
  it('lets the group admin see and create stores of the group; store staff see their own store', async () => {
    const admin = await t.as('group_admin');
    expect((await admin.get('/api/stores')).json()).toHaveLength(2);
    const created = await admin.post('/api/stores', { code: 'NEW1', name: '新店', timeZone: 'Asia/Urumqi' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ code: 'NEW1', timeZone: 'Asia/Urumqi', labourRates: { mechanical: 24000 }, version: 1 });
    const manager = await t.as('after_sales_manager');
    expect((await manager.get('/api/stores')).json().map((s: { id: number }) => s.id)).toEqual([t.world.stores[0]!.id]);
    expect((await manager.post('/api/stores', { code: 'NOPE', name: 'x' })).statusCode).toBe(403);
  });

  it('validates time zones, opening hours and labour rates', async () => {
    const admin = await t.as('group_admin');
    const res = await admin.post('/api/stores', {
      code: 'BAD',
      name: '坏店',
      timeZone: 'Mars/Olympus',
      openingHours: { opens: '18:00', closes: '08:00' },
      labourRates: { mechanical: -1 },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['timeZone', 'openingHours.closes', 'labourRates.mechanical']));
  });

  it('answers 404 for a store of another group or one the user does not work in', async () => {
    const foreign = await buildStore(t.database.db, await buildGroup(t.database.db, '别的集团'));
    const admin = await t.as('group_admin');
    expect((await admin.get(`/api/stores/${foreign.id}`)).statusCode).toBe(404);
    expect((await admin.put(`/api/stores/${foreign.id}`, { code: 'X', name: 'x', version: 1 })).statusCode).toBe(404);
    const manager = await t.as('after_sales_manager');
    expect((await manager.get(`/api/stores/${t.world.stores[1]!.id}`)).statusCode).toBe(404);
  });

  it('updates a store with optimistic versioning', async () => {
    const admin = await t.as('group_admin');
    const store = (await admin.get(`/api/stores/${t.world.stores[1]!.id}`)).json();
    const ok = await admin.put(`/api/stores/${store.id}`, { ...store, phone: '028-12345678' });
    expect(ok.json()).toMatchObject({ phone: '028-12345678', version: store.version + 1 });
    expect((await admin.put(`/api/stores/${store.id}`, { ...store, phone: '1' })).statusCode).toBe(409);
  });
});

describe('store settings', () => {
  it('starts from the SPEC defaults', async () => {
    const manager = await t.as('after_sales_manager');
    const res = await manager.get('/api/settings');
    expect(res.statusCode).toBe(200);
    expect(res.json().settings).toEqual(DEFAULT_STORE_SETTINGS);
    expect(res.json().settings).toMatchObject({ satisfactionCallHoursAfterDelivery: 48, lostCustomerMonths: 6, baseCustomerMonths: 12, safetyStockFactor: 1.5 });
  });

  it('saves a change, audits before/after, and refuses a stale version', async () => {
    const manager = await t.as('after_sales_manager');
    const { settings, version } = (await manager.get('/api/settings')).json();
    const res = await manager.put('/api/settings', { settings: { ...settings, lostCustomerMonths: 9 }, version });
    expect(res.statusCode).toBe(200);
    expect(res.json().settings.lostCustomerMonths).toBe(9);
    expect((await manager.put('/api/settings', { settings, version })).statusCode).toBe(409);
    const audit = (await manager.get('/api/audit?entity=store_settings')).json().items[0];
    expect(audit).toMatchObject({ action: 'settings.updated', before: { lostCustomerMonths: 6 }, after: { lostCustomerMonths: 9 } });
    // The other store keeps its defaults.
    const other = await t.as('after_sales_manager', 1);
    expect((await other.get('/api/settings')).json().settings.lostCustomerMonths).toBe(6);
  });

  it('rejects out-of-range values with the field named', async () => {
    const manager = await t.as('after_sales_manager');
    const { settings, version } = (await manager.get('/api/settings')).json();
    const res = await manager.put('/api/settings', { settings: { ...settings, lostCustomerMonths: 0, callingHours: { opens: '25:00', closes: '20:00' } }, version });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['settings.lostCustomerMonths', 'settings.callingHours.opens']));
  });

  it('lets only roles with settings:update change settings', async () => {
    const advisor = await t.as('service_advisor');
    expect((await advisor.put('/api/settings', { settings: {}, version: 1 })).statusCode).toBe(403);
  });
});
