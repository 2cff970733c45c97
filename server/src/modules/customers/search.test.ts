import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { buildCustomer, buildSegment, buildVehicle, makeVin } from './customers.factories';

let t: TestApp;
let advisor: Client;
const ids: Record<string, number> = {};
const VIN_TAIL = '7R2468';
let vin = '';

beforeAll(async () => {
  t = await buildTestApp();
  advisor = await t.as('service_advisor');
  const db = t.database.db;
  const storeId = t.world.stores[0]!.id;
  const zhangsan = await buildCustomer(db, storeId, { name: '张三', mobile: '13812341234', otherPhones: ['02887654321'] });
  const zsf = await buildCustomer(db, storeId, { name: '张三丰', mobile: '13900005678' });
  const lzw = await buildCustomer(db, storeId, { name: '李张伟', mobile: '13700009999' });
  const fleet = await buildCustomer(db, storeId, { name: '成都顺风物流有限公司', kind: 'company', mobile: '13600001111' });
  vin = makeVin(VIN_TAIL);
  const car = await buildVehicle(db, storeId, { plate: '川A12345', vin, ownerId: zhangsan.id });
  const other = await buildVehicle(db, storeId, { plate: '川B1A123', ownerId: lzw.id, driverId: zsf.id });
  const ne = await buildVehicle(db, storeId, { plate: '川AD12399', vin: null, ownerId: fleet.id });
  // Another store's twin must never show.
  await buildVehicle(db, t.world.stores[1]!.id, { plate: '川A12345', ownerId: (await buildCustomer(db, t.world.stores[1]!.id, { name: '张三', mobile: '13812341234' })).id });
  const segment = await buildSegment(db, storeId);
  Object.assign(ids, { zhangsan: zhangsan.id, zsf: zsf.id, lzw: lzw.id, fleet: fleet.id, car: car.id, other: other.id, ne: ne.id, segment: segment.id });
});
afterAll(() => t.close());

interface Result {
  type: string;
  id: number;
  title: string;
  subtitle: string;
  matched: { field: string; kind: string; via: string | null };
}
const find = async (q: string, client = advisor): Promise<Result[]> => {
  const res = await client.get(`/api/search?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
};
const keys = (items: Result[]) => items.map((i) => `${i.type}:${i.id}`);

describe('search box', () => {
  it('finds a car from part of its plate, any case, with or without province or separator', async () => {
    const a123 = await find('a123');
    expect(a123[0]).toMatchObject({ type: 'vehicle', id: ids.car, title: '川A·12345', matched: { field: 'plate', kind: 'prefix', via: null } });
    expect(keys(a123)).toContain(`vehicle:${ids.other}`);
    expect(a123.find((i) => i.id === ids.other)!.matched.kind).toBe('contains');
    expect(a123.filter((i) => i.type === 'vehicle' && i.title === '川A·12345')).toHaveLength(1); // not the other store's

    for (const q of ['川A12345', '川a·12345', 'A12345', 'a 12345']) {
      const [first] = await find(q);
      expect(first, q).toMatchObject({ type: 'vehicle', id: ids.car, matched: { field: 'plate', kind: 'exact' } });
    }
    expect((await find('d1239'))[0]).toMatchObject({ id: ids.ne, title: '川A·D12399' });
  });

  it('finds a car by the last six characters of its VIN, and by the whole VIN', async () => {
    const tail = await find(VIN_TAIL.toLowerCase());
    expect(tail[0]).toMatchObject({ type: 'vehicle', id: ids.car, matched: { field: 'vin', kind: 'suffix' } });
    expect((await find(vin))[0]).toMatchObject({ id: ids.car, matched: { field: 'vin', kind: 'exact' } });
  });

  it('finds customers from 4+ digits of any phone, and their cars', async () => {
    const items = await find('1234');
    expect(items.find((i) => i.type === 'customer')).toMatchObject({ id: ids.zhangsan, matched: { field: 'mobile', kind: 'contains' } });
    expect((await find('13812341234'))[0]).toMatchObject({ type: 'customer', id: ids.zhangsan, matched: { field: 'mobile', kind: 'exact' } });
    const landline = await find('87654321');
    expect(landline[0]).toMatchObject({ type: 'customer', id: ids.zhangsan, matched: { field: 'phone' } });
    expect(keys(landline)).toContain(`vehicle:${ids.car}`);
  });

  it('finds customers by pinyin initials (zs → 张三) and their cars', async () => {
    const items = await find('zs');
    expect(items[0]).toMatchObject({ type: 'customer', id: ids.zhangsan, title: '张三', matched: { field: 'pinyin', kind: 'exact' } });
    expect(keys(items)).toEqual(expect.arrayContaining([`customer:${ids.zsf}`, `vehicle:${ids.car}`]));
    expect(items.find((i) => i.id === ids.car && i.type === 'vehicle')!.matched).toEqual({ field: 'pinyin', kind: 'exact', via: 'owner' });
    // 张三丰 drives the other car.
    expect(items.find((i) => i.id === ids.other && i.type === 'vehicle')!.matched.via).toBe('driver');
    expect(keys(items)).not.toContain(`customer:${ids.lzw}`);
  });

  it('finds customers by any fragment of a Chinese name, ranked exact > prefix > contains', async () => {
    const items = (await find('张三')).filter((i) => i.type === 'customer');
    expect(items.map((i) => [i.id, i.matched.kind])).toEqual([
      [ids.zhangsan, 'exact'],
      [ids.zsf, 'prefix'],
    ]);
    const zhang = (await find('张')).filter((i) => i.type === 'customer');
    expect(zhang.map((i) => i.id).slice(-1)).toEqual([ids.lzw]); // contains comes last
    expect(zhang.find((i) => i.id === ids.lzw)!.matched.kind).toBe('contains');
    const fleet = await find('顺风物流');
    expect(fleet[0]).toMatchObject({ type: 'customer', id: ids.fleet, title: '成都顺风物流有限公司', matched: { field: 'name', kind: 'contains' } });
    expect(await find('王二麻')).toEqual([]);
  });

  it('returns at most the asked number of results', async () => {
    expect((await advisor.get('/api/search?q=1&limit=3')).json().items.length).toBeLessThanOrEqual(3);
    expect((await advisor.get('/api/search?q=')).statusCode).toBe(400);
  });
});

describe('personal data in lists and search', () => {
  const MOBILE = /1[3-9]\d{9}/;
  const LIST_ROUTES = new Set(['/api/customers', '/api/vehicles', '/api/search', '/api/segments/:id/vehicles']);

  /** Every GET route of the module, with an id and a query that finds our fixtures. */
  function urls(): { route: string; url: string }[] {
    const out: { route: string; url: string }[] = [];
    for (const r of t.app.routeTable) {
      if (r.method !== 'GET' || !/^\/api\/(customers|vehicles|search|segments)/.test(r.url) || r.url.endsWith('.xlsx') || r.url.endsWith('template')) continue;
      const id = r.url.startsWith('/api/customers') ? ids.zhangsan : r.url.startsWith('/api/vehicles') ? ids.car : ids.segment;
      const base = r.url.replace(':id', String(id));
      const queries = r.url === '/api/search' ? ['q=1234', 'q=zs', 'q=a123', 'q=%E5%BC%A0', 'q=87654321'] : r.url === '/api/customers' || r.url === '/api/vehicles' ? ['', 'q=1234', 'q=zs'] : [''];
      for (const q of queries) out.push({ route: r.url, url: q ? `${base}?${q}` : base });
    }
    return out;
  }

  it('never answers a full mobile number to a role without the reveal permission', async () => {
    const scanned: string[] = [];
    for (const role of ['service_advisor', 'workshop_supervisor', 'cashier', 'insurance_renewal', 'warranty_clerk'] as const) {
      const client = await t.as(role);
      for (const { url } of urls()) {
        const res = await client.get(url);
        expect(res.statusCode, `${role} ${url}`).toBe(200);
        const { q: _echo, ...answer } = res.json(); // the search echoes the query typed
        const body = JSON.stringify(answer);
        expect(body, `${role} ${url}`).not.toMatch(MOBILE);
        expect(body, `${role} ${url}`).not.toContain('87654321');
        scanned.push(url);
      }
    }
    expect(scanned.length).toBeGreaterThan(40);
    // The duplicate warning does not leak it either.
    const dup = await advisor.post('/api/customers', { name: '重复', mobile: '13812341234' });
    expect(dup.statusCode).toBe(409);
    expect(dup.body).not.toMatch(MOBILE);
  });

  it('masks names in lists for roles that do not keep the files, not on the file page', async () => {
    const ws = await t.as('workshop_supervisor');
    for (const { url } of urls().filter((u) => LIST_ROUTES.has(u.route))) {
      const body = (await ws.get(url)).body;
      expect(body, url).not.toContain('张三');
    }
    expect((await find('zs', ws))[0]).toMatchObject({ title: '张*' });
    const list = (await ws.get('/api/customers?q=zs')).json();
    expect(list.items[0]).toMatchObject({ name: '张*', nameInitials: '', masked: true });
    expect((await ws.get(`/api/customers/${ids.zhangsan}`)).json().name).toBe('张三');
    expect((await ws.get(`/api/vehicles/${ids.car}`)).json().owner.name).toBe('张三');
    // The advisor keeps files: names in full, phones masked.
    expect((await find('zs'))[0]!.title).toBe('张三');
  });

  it('masks phones in lists even for a role that may reveal; the file page shows them in full', async () => {
    const cs = await t.as('customer_service');
    const [first] = await find('zs', cs);
    expect(first!.subtitle).not.toContain('13812341234');
    const listed = (await cs.get('/api/customers?q=zs')).json().items[0];
    expect(listed).toMatchObject({ mobile: '138****1234', masked: true });
    expect((await cs.get(`/api/customers/${listed.id}`)).json()).toMatchObject({ mobile: '13812341234', masked: false });
  });
});
