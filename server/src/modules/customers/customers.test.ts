import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildCustomer, buildVehicle, makeMobile, makeVin } from './customers.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const fieldsOf = (body: { error: { details: { fields: { path: string; message: string }[] } } }) => body.error.details.fields;

describe('customer files', () => {
  it('creates, reads, lists and replaces a customer file, computing pinyin and completeness', async () => {
    const fds = await t.as('front_desk_supervisor');
    const mobile = makeMobile();
    const created = await fds.post('/api/customers', {
      name: '张三',
      mobile: `+86 ${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`,
      otherPhones: ['028-87654321'],
      address: '成都市武侯区天府大道 100 号',
      source: 'outlet',
      outletName: '双流汽贸',
      consent: { phone: true, sms: true, wechat: false },
      tags: ['老客户'],
    });
    expect(created.statusCode).toBe(201);
    const customer = created.json();
    expect(customer).toMatchObject({
      name: '张三',
      nameInitials: 'zs',
      mobile,
      otherPhones: ['02887654321'],
      masked: false,
      source: 'outlet',
      outletName: '双流汽贸',
      completeness: 50, // its own 50; no vehicle yet
      version: 1,
    });
    expect(customer.missing).toEqual(['model', 'vin', 'plate', 'purchaseDate', 'insuranceExpiry', 'mileage']);

    const detail = (await fds.get(`/api/customers/${customer.id}`)).json();
    expect(detail).toMatchObject({ id: customer.id, vehicles: [], preferredAdvisorName: null });

    const list = (await fds.get('/api/customers?q=zs')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toContain(customer.id);
    expect(list).toMatchObject({ totalCapped: false, page: 1, pageSize: 20 });
    expect((await fds.get(`/api/customers?tag=${encodeURIComponent('老客户')}`)).json().total).toBe(1);

    const advisor = (await (await t.as('service_advisor')).get('/api/auth/me')).json().user.id;
    const updated = await fds.put(`/api/customers/${customer.id}`, { ...customer, address: '成都市高新区', preferredAdvisorId: advisor, consent: { phone: true, sms: true, wechat: true } });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ address: '成都市高新区', preferredAdvisorId: advisor, version: 2 });
    expect((await fds.get(`/api/customers/${customer.id}`)).json().preferredAdvisorName).toBeTruthy();

    const stale = await fds.put(`/api/customers/${customer.id}`, { ...customer, address: 'x' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    const timeline = (await fds.get(`/api/customers/${customer.id}/timeline`)).json();
    expect(timeline.items.map((e: { kind: string }) => e.kind)).toEqual(['file_created']);
  });

  it('answers a bad mobile, landline, outlet, tag or advisor with a 400 naming the field', async () => {
    const fds = await t.as('front_desk_supervisor');
    const before = (await fds.get('/api/customers')).json().total;
    const bad = await fds.post('/api/customers', { name: '', mobile: '12345678901', otherPhones: ['12'], source: 'outlet', tags: ['a,b'] });
    expect(bad.statusCode).toBe(400);
    const fields = fieldsOf(bad.json());
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['name', 'mobile', 'otherPhones.0', 'outletName', 'tags.0']));
    expect(fields.find((f) => f.path === 'mobile')!.message).toBe('手机号格式不正确');
    expect(fields.find((f) => f.path === 'outletName')!.message).toContain('网点名称');

    const advisor = await fds.post('/api/customers', { name: '李四', mobile: makeMobile(), preferredAdvisorId: 999999 });
    expect(advisor.statusCode).toBe(400);
    expect(fieldsOf(advisor.json()).map((f) => f.path)).toEqual(['preferredAdvisorId']);
    expect((await fds.get('/api/customers')).json().total).toBe(before);

    const en = await fds.request({ method: 'POST', url: '/api/customers', payload: { name: 'x', mobile: '1381234' }, headers: { 'accept-language': 'en' } });
    expect(fieldsOf(en.json())[0]!.message).toBe('Invalid mobile number');
  });

  it('detects a duplicate mobile on save and saves it when confirmed', async () => {
    const advisor = await t.as('service_advisor');
    const mobile = makeMobile();
    const first = (await advisor.post('/api/customers', { name: '王五', mobile })).json();
    const dup = await advisor.post('/api/customers', { name: '王五五', mobile });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('DUPLICATE');
    const candidates = dup.json().error.details.candidates;
    expect(candidates).toEqual([expect.objectContaining({ type: 'customer', id: first.id, matched: 'mobile' })]);
    expect(JSON.stringify(candidates)).not.toContain(mobile); // the advisor sees it masked

    // Another file with that number among its other phones is a duplicate too.
    const other = (await advisor.post('/api/customers', { name: '赵六', mobile: makeMobile(), otherPhones: [mobile], confirmDuplicate: true })).json();
    const again = await advisor.post('/api/customers', { name: '王五六', mobile });
    expect(again.json().error.details.candidates.map((c: { id: number }) => c.id).sort()).toEqual([first.id, other.id].sort());

    const confirmed = await advisor.post('/api/customers', { name: '王五五', mobile, confirmDuplicate: true });
    expect(confirmed.statusCode).toBe(201);
  });

  it('lets a masked role send its masked numbers back unchanged, and refuses a made-up mask', async () => {
    const mobile = makeMobile();
    const row = await buildCustomer(t.database.db, t.world.stores[0]!.id, { name: '孙七', mobile, otherPhones: ['02887654321'] });
    const advisor = await t.as('service_advisor');
    const file = (await advisor.get(`/api/customers/${row.id}`)).json();
    expect(file.mobile).toBe(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
    expect(file.otherPhones).toEqual(['028****4321']);
    expect(file.masked).toBe(true);
    const saved = await advisor.put(`/api/customers/${row.id}`, { ...file, address: '新地址' });
    expect(saved.statusCode).toBe(200);
    const revealed = (await (await t.as('after_sales_manager')).post(`/api/customers/${row.id}/reveal-phone`)).json();
    expect(revealed).toEqual({ id: row.id, mobile, otherPhones: ['02887654321'] });

    const forged = await advisor.put(`/api/customers/${row.id}`, { ...(saved.json() as object), mobile: '138****0000' });
    expect(forged.statusCode).toBe(400);
    expect(fieldsOf(forged.json())[0]!.path).toBe('mobile');
  });

  it('reveals a full number only with the permission, and audits every reveal', async () => {
    const row = await buildCustomer(t.database.db, t.world.stores[0]!.id);
    expect((await (await t.as('service_advisor')).post(`/api/customers/${row.id}/reveal-phone`)).statusCode).toBe(403);
    const cs = await t.as('customer_service');
    const res = await cs.post(`/api/customers/${row.id}/reveal-phone`);
    expect(res.statusCode).toBe(200);
    expect(res.json().mobile).toBe(row.mobile);
    const audit = (await (await t.as('after_sales_manager')).get(`/api/audit?action=customer.phone_revealed&entityId=${row.id}`)).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0]).toMatchObject({ entity: 'customer', entityId: String(row.id) });
    expect(JSON.stringify(audit.items[0])).not.toContain(row.mobile!);
  });

  it("answers 404 for another store's customer, on every route", async () => {
    const other = await buildCustomer(t.database.db, t.world.stores[1]!.id);
    const mine = await buildCustomer(t.database.db, t.world.stores[0]!.id);
    const manager = await t.as('after_sales_manager');
    expect((await manager.get(`/api/customers/${other.id}`)).statusCode).toBe(404);
    expect((await manager.put(`/api/customers/${other.id}`, { name: 'x', version: 1 })).statusCode).toBe(404);
    expect((await manager.get(`/api/customers/${other.id}/timeline`)).statusCode).toBe(404);
    expect((await manager.post(`/api/customers/${other.id}/reveal-phone`)).statusCode).toBe(404);
    expect((await manager.post(`/api/customers/${mine.id}/merge`, { intoId: other.id })).statusCode).toBe(404);
    const list = (await manager.get('/api/customers?pageSize=200')).json();
    expect(list.items.map((c: { id: number }) => c.id)).not.toContain(other.id);
    // A vehicle cannot name another store's customer as its owner.
    const v = await manager.post('/api/vehicles', { vin: makeVin(), ownerId: other.id });
    expect(v.statusCode).toBe(400);
    expect(fieldsOf(v.json())[0]!.path).toBe('ownerId');
  });

  it('forbids roles without the permissions', async () => {
    expect((await (await t.as('technician')).get('/api/customers')).statusCode).toBe(403);
    expect((await (await t.as('cashier')).post('/api/customers', { name: '收银' })).statusCode).toBe(403);
    expect((await (await t.as('service_advisor')).get('/api/customers/export.xlsx')).statusCode).toBe(403);
  });

  it('scores files and reports quality per source and outlet, and lists the incomplete ones', async () => {
    const storeId = t.world.stores[0]!.id;
    const manager = await t.as('after_sales_manager');
    const model = (await manager.post('/api/vehicle-models', { brand: '大众', series: '朗逸', model: '1.5L', maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 })).json();
    const complete = (
      await manager.post('/api/customers', {
        name: '完整客户',
        mobile: makeMobile(),
        address: '成都',
        source: 'outlet',
        outletName: '质量网点',
        consent: { phone: true, sms: true, wechat: true },
      })
    ).json();
    const v = await manager.post('/api/vehicles', {
      vin: makeVin(),
      plate: '川A9Q001',
      vehicleModelId: model.id,
      purchaseDate: '2024-01-01',
      insuranceExpiry: '2026-01-01',
      ownerId: complete.id,
      mileageKm: 12000,
    });
    expect(v.statusCode).toBe(201);
    expect(v.json().completeness).toBe(100);
    expect((await manager.get(`/api/customers/${complete.id}`)).json().completeness).toBe(100);
    await buildCustomer(t.database.db, storeId, { name: '残缺客户', source: 'outlet', outletName: '质量网点', mobile: null, address: '' });

    const quality = (await manager.get('/api/customers/quality')).json();
    const outlet = quality.bySource.find((g: { outletName: string }) => g.outletName === '质量网点');
    expect(outlet).toMatchObject({ source: 'outlet', files: 2, incomplete: 1 });
    expect(outlet.averageCompleteness).toBe(55); // (100 + 10) / 2
    expect(quality.missing.mobile).toBeGreaterThan(0);
    expect(quality.threshold).toBe(80);

    const incomplete = (await manager.get(`/api/customers?completenessBelow=80&outletName=${encodeURIComponent('质量网点')}&sort=completeness`)).json();
    expect(incomplete.items.map((c: { name: string }) => c.name)).toEqual(['残缺客户']);
  });
});

describe('vehicles without an owner still have a page', () => {
  it('reads a vehicle built directly', async () => {
    const v = await buildVehicle(t.database.db, t.world.stores[0]!.id);
    const res = await (await t.as('workshop_supervisor')).get(`/api/vehicles/${v.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: v.id, owner: null, odometer: [], nextDue: null });
  });
});
