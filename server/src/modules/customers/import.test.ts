import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IMPORT_COLUMNS } from '#contracts/customers-tools';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { buildCustomer, buildVehicle, makeVin } from './customers.factories';
import { importFile, readXlsx } from './customers.test-helpers';
import type * as ImportRepository from './import.repository';

/** Lets a test make one bulk insert fail half-way through an import. */
const failing = vi.hoisted(() => ({ table: null as string | null }));
vi.mock('./import.repository', async (importOriginal) => {
  const original = await importOriginal<typeof ImportRepository>();
  return {
    ...original,
    bulkInsert: async (...args: Parameters<typeof original.bulkInsert>) => {
      if (args[1] === failing.table) throw new Error('simulated failure');
      return original.bulkInsert(...args);
    },
  };
});

let t: TestApp;
let manager: Client;
let modelName = '';
beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.as('after_sales_manager');
  await manager.post('/api/vehicle-models', { brand: '大众', series: '速腾', model: '280TSI', year: 2023, maintenanceIntervalMonths: 12, maintenanceIntervalKm: 7500 });
  modelName = '大众 速腾 280TSI 2023款';
});
afterAll(() => t.close());

const upload = (client: Client, body: Buffer, query = '') =>
  client.request({
    method: 'POST',
    url: `/api/customers/import${query}`,
    payload: body,
    headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  });
/** The 9th character is the check digit: any other digit there makes the VIN invalid
 * (changing another position can keep the sum when two characters transliterate alike). */
const withWrongCheckDigit = (vin: string) => `${vin.slice(0, 8)}${vin[8] === '1' ? '2' : '1'}${vin.slice(9)}`;
const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)!.header;

describe('Excel template, import and export', () => {
  it('serves a template with the columns in Chinese, an example row, the models and a how-to', async () => {
    const res = await manager.get('/api/customers/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const { header: cols, rows } = await readXlsx(res.rawPayload);
    expect(cols).toEqual(IMPORT_COLUMNS.map((c) => c.header));
    expect(rows[0]).toContain('张三');
    expect(rows[0]).toContain(modelName);
    // The template, filled in as it comes, imports (its example VIN and plate are valid).
    const dry = (await upload(manager, res.rawPayload, '?dryRun=true')).json();
    expect(dry).toMatchObject({ dryRun: true, rows: 1, importedRows: 1, rejected: [] });
  });

  it('imports the valid rows in one go and reports every problem of the others', async () => {
    const storeId = t.world.stores[0]!.id;
    const known = await buildCustomer(t.database.db, storeId, { name: '老客户', mobile: '13500000001' });
    const taken = await buildVehicle(t.database.db, storeId, { plate: '川A0T001' });
    const vinA = makeVin();
    const vinB = makeVin();
    const file = await importFile([
      /* row 2 */ { name: '诸葛亮', mobile: '13500000011', source: '二级网点', outletName: '双流汽贸', consentPhone: '是', consentSms: '否', consentWechat: '是', vin: vinA, plate: '川a·1m001', model: modelName, purchaseDate: '2023-05-20', insuranceExpiry: '2026-05-19', mileageKm: 23500, driverName: '诸葛瞻', driverMobile: '13500000012', tags: '老客户,车队' },
      /* row 3 */ { name: '诸葛亮', mobile: '13500000011', vin: vinB, plate: '川A1M002' },
      /* row 4 */ { name: '坏VIN', mobile: '13500000021', vin: withWrongCheckDigit(vinA) },
      /* row 5 */ { name: '坏手机和日期', mobile: '1350000', vin: makeVin(), purchaseDate: '2023-02-30' },
      /* row 6 */ { name: '文件内重复', vin: vinA },
      /* row 7 */ { name: '已有车牌', plate: '川A0T001' },
      /* row 8 */ { name: '未知车型', vin: makeVin(), model: '不存在的车型' },
      /* row 9 */ { mobile: '13500000031' },
      /* row 10 */ { name: '老客户新车', mobile: '13500000001', plate: '川A1M003', consentPhone: '也许' },
      /* row 11 */ { name: '老客户新车', mobile: '13500000001', plate: '川A1M004', kind: '单位', source: '其他' },
      /* row 12 */ { name: '只有客户', mobile: '13500000041', address: '成都' },
    ]);
    const dry = await upload(manager, file, '?dryRun=true');
    expect(dry.statusCode).toBe(200);
    const before = (await manager.get('/api/customers')).json().total;

    const res = await upload(manager, file);
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect({ ...dry.json(), dryRun: false }).toEqual(report);
    expect(report).toMatchObject({ rows: 11, importedRows: 4, rejectedRows: 7, customersCreated: 3, customersMatched: 1, vehiclesCreated: 3 });
    const problems = report.rejected.map((p: { row: number; column: string; reason: { zh: string } }) => [p.row, p.column, p.reason.zh]);
    expect(problems).toEqual([
      [4, header('vin'), 'VIN 码校验位不正确'],
      [5, header('mobile'), '手机号格式不正确'],
      [5, header('purchaseDate'), '日期格式应为 YYYY-MM-DD'],
      [6, header('vin'), '与文件中前面的行重复'],
      [7, header('plate'), '该车牌号已有车辆档案'],
      [8, header('model'), '车型不存在'],
      [9, header('name'), '必填'],
      [10, header('consentPhone'), '应为“是”或“否”'],
    ]);
    expect((await manager.get('/api/customers')).json().total).toBe(before + 3); // 诸葛亮, 诸葛瞻 (driver), 只有客户

    // The imported files are complete and searchable.
    const hits = (await manager.get(`/api/search?q=${encodeURIComponent('诸葛亮')}`)).json().items;
    const customer = hits.find((h: { type: string }) => h.type === 'customer');
    const file2 = (await manager.get(`/api/customers/${customer.id}`)).json();
    expect(file2).toMatchObject({ source: 'outlet', outletName: '双流汽贸', consent: { phone: true, sms: false, wechat: true }, tags: ['老客户', '车队'] });
    expect(file2.vehicles.map((v: { plateDisplay: string }) => v.plateDisplay).sort()).toEqual(['川A·1M001', '川A·1M002']);
    const car = (await manager.get(`/api/search?q=1m001`)).json().items[0];
    const page = (await manager.get(`/api/vehicles/${car.id}`)).json();
    expect(page).toMatchObject({ vin: vinA, modelName, currentMileageKm: 23500, purchaseDate: '2023-05-20', driver: { name: '诸葛瞻' } });
    expect(page.nextDue).toMatchObject({ baseDate: '2023-05-20', byKm: 7500 });
    expect(page.avgKmPerDay).toBeGreaterThan(0);
    const timeline = (await manager.get(`/api/vehicles/${car.id}/timeline`)).json();
    expect(timeline.items[0]).toMatchObject({ kind: 'imported' });
    // Row 11 joined the file on record with that mobile rather than making a duplicate.
    const knownFile = (await manager.get(`/api/customers/${known.id}`)).json();
    expect(knownFile.vehicles.map((v: { plateDisplay: string }) => v.plateDisplay)).toEqual(['川A·1M004']);
    expect(knownFile.completeness).toBeGreaterThan(known.completeness);
    // Rejected rows left nothing.
    for (const q of ['坏VIN', '坏手机和日期', '文件内重复', '已有车牌', '未知车型', '1m003']) {
      expect((await manager.get(`/api/search?q=${encodeURIComponent(q)}`)).json().items, q).toEqual([]);
    }
    expect((await manager.get(`/api/vehicles?q=0T001`)).json().items.map((v: { id: number }) => v.id)).toEqual([taken.id]);

    const audit = (await manager.get('/api/audit?action=customer.imported')).json();
    expect(audit.items[0].after).toMatchObject({ importedRows: 4, rejectedRows: 7 });
  });

  it('leaves nothing behind when the import fails half-way', async () => {
    const file = await importFile([{ name: '半途而废', mobile: '13500000051', vin: makeVin() }]);
    failing.table = 'vehicles';
    try {
      const res = await upload(manager, file);
      expect(res.statusCode).toBe(500);
    } finally {
      failing.table = null;
    }
    expect((await manager.get(`/api/search?q=${encodeURIComponent('半途而废')}`)).json().items).toEqual([]);
    expect((await manager.get('/api/search?q=13500000051')).json().items).toEqual([]);
    // The same file imports once the problem is gone.
    expect((await upload(manager, file)).json()).toMatchObject({ importedRows: 1 });
  });

  it('imports 10,000 rows in bulk (across statement chunks)', async () => {
    const rows = Array.from({ length: 10000 }, (_, i) => ({
      name: `批量客户${i}`,
      mobile: `186${String(i).padStart(8, '0')}`,
      vin: makeVin(),
      plate: `川B${String(i).padStart(5, '0')}`,
      mileageKm: 1000 + i,
    }));
    const file = await importFile(rows);
    const started = Date.now();
    const res = await upload(manager, file);
    console.log(`import of 10,000 rows (upload to report): ${Date.now() - started} ms`); // a figure, not an assertion (DESIGN §7)
    expect(res.json()).toMatchObject({ importedRows: 10000, customersCreated: 10000, vehiclesCreated: 10000, rejected: [] });
    const last = (await manager.get('/api/search?q=B09999')).json().items[0];
    expect(last).toMatchObject({ type: 'vehicle', title: '川B·09999' });
  });

  it('refuses a file that is not a workbook, or not one of ours, with a 400', async () => {
    const junk = await upload(manager, Buffer.from('not a spreadsheet'));
    expect(junk.statusCode).toBe(400);
    expect(junk.json().error.details.fields[0].path).toBe('file');
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['foo', 'bar']);
    const foreign = await upload(manager, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(foreign.statusCode).toBe(400);
    expect((await (await t.as('service_advisor')).request({ method: 'POST', url: '/api/customers/import', payload: Buffer.from('x') })).statusCode).toBe(403);
  });

  it('exports the filtered list to Excel, audit-logged, behind the export permission', async () => {
    const storeId = t.world.stores[0]!.id;
    const c = await buildCustomer(t.database.db, storeId, { name: '导出客户', mobile: '13700007777', source: 'fleet' });
    await buildVehicle(t.database.db, storeId, { plate: '川A9X777', ownerId: c.id });
    await buildCustomer(t.database.db, storeId, { name: '不导出', source: 'other_shop' });
    const res = await manager.get('/api/customers/export.xlsx?source=fleet');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const { header: cols, rows } = await readXlsx(res.rawPayload);
    expect(cols.slice(0, 3)).toEqual(['客户编号', '车辆编号', header('kind')]);
    const names = rows.map((r) => r[cols.indexOf(header('name'))]);
    expect(names).toContain('导出客户');
    expect(names).not.toContain('不导出');
    const row = rows.find((r) => r[cols.indexOf(header('name'))] === '导出客户')!;
    expect(row[cols.indexOf(header('plate'))]).toBe('川A9X777');
    expect(row[cols.indexOf(header('mobile'))]).toBe('13700007777'); // the manager may see phones

    const audit = (await manager.get('/api/audit?action=customer.exported')).json();
    expect(audit.total).toBe(1);
    expect(audit.items[0].after).toMatchObject({ filters: { source: 'fleet' }, customers: names.length, phonesMasked: false });
    expect((await (await t.as('service_advisor')).get('/api/customers/export.xlsx')).statusCode).toBe(403);
  });
});
