import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildVehicleModel } from '../../../test/factories';
import { buildPart, buildStockedPart, partsWorkbook } from './parts.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;
const paths = (body: { error: { details: { fields: { path: string }[] } } }) => body.error.details.fields.map((f) => f.path);


describe('parts catalog', () => {
  it('creates, reads, lists and replaces a part with its models', async () => {
    const model = await buildVehicleModel(t.database.db, store0());
    const clerk = await t.as('parts_clerk');
    const created = await clerk.post('/api/parts', {
      partNo: '06l-115 562b',
      name: '机油滤清器',
      brand: '大众',
      unit: 'piece',
      category: 'filters',
      costFen: 4550,
      retailPriceFen: 6800,
      vehicleModelIds: [model.id],
      defaultLocation: 'A-01-03',
    });
    expect(created.statusCode).toBe(201);
    const part = created.json();
    expect(part).toMatchObject({ partNo: '06L-115 562B', origin: 'oem', onHand: '0', safetyStock: null, vehicleModelIds: [model.id], version: 1 });

    expect((await clerk.get(`/api/parts/${part.id}`)).json()).toEqual(part);
    const updated = await clerk.put(`/api/parts/${part.id}`, { ...part, retailPriceFen: 7000, safetyStock: '4', vehicleModelIds: [] });
    expect(updated.statusCode).toBe(200);
    expect(updated.json()).toMatchObject({ retailPriceFen: 7000, safetyStock: '4', vehicleModelIds: [], version: 2 });
    const stale = await clerk.put(`/api/parts/${part.id}`, { ...part, name: 'x' });
    expect(stale.json().error.code).toBe('STALE_VERSION');
  });

  it('finds parts by number fragment (separators ignored), Chinese or Latin name fragment and model', async () => {
    const model = await buildVehicleModel(t.database.db, store0());
    const a = await buildPart(t.database.db, store0(), { partNo: '5Q0-698-151-AD', name: '前制动片' });
    const b = await buildPart(t.database.db, store0(), { partNo: 'G-052-195-M4', name: 'Castrol 机油 5W-40' });
    const advisor = await t.as('service_advisor');
    const ids = async (qs: string) => (await advisor.get(`/api/parts?${qs}`)).json().items.map((p: { id: number }) => p.id);
    expect(await ids('q=698151')).toEqual([a.id]);
    expect(await ids('q=5q0-698')).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('制动')}`)).toContain(a.id);
    expect(await ids(`q=${encodeURIComponent('前制动片')}`)).toEqual([a.id]);
    expect(await ids(`q=${encodeURIComponent('片')}`)).toContain(a.id);
    expect(await ids('q=castrol')).toEqual([b.id]);
    expect(await ids(`q=${encodeURIComponent('不存在的配件')}`)).toEqual([]);

    const manager = await t.as('parts_supervisor');
    const part = (await manager.get(`/api/parts/${b.id}`)).json();
    await manager.put(`/api/parts/${b.id}`, { ...part, vehicleModelIds: [model.id] });
    expect(await ids(`vehicleModelId=${model.id}`)).toEqual([b.id]);
  });

  it('refuses bad fields, a duplicate part number (separators ignored) and another store’s model', async () => {
    const clerk = await t.as('parts_clerk');
    const bad = await clerk.post('/api/parts', { partNo: '#bad', name: '', costFen: -1, retailPriceFen: 1.5, safetyStock: '1.2345', unit: 'barrel' });
    expect(bad.statusCode).toBe(400);
    expect(paths(bad.json())).toEqual(expect.arrayContaining(['partNo', 'name', 'costFen', 'retailPriceFen', 'safetyStock', 'unit']));

    const wholeOnly = await clerk.post('/api/parts', { partNo: 'HALF-1', name: '半个', costFen: 1, retailPriceFen: 2, safetyStock: '1.5' });
    expect(paths(wholeOnly.json())).toEqual(['safetyStock']);

    await buildPart(t.database.db, store0(), { partNo: 'DUP-001' });
    const dup = await clerk.post('/api/parts', { partNo: 'dup 001', name: '重复', costFen: 1, retailPriceFen: 2 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.message).toContain('配件编号 DUP 001 已存在');

    const foreign = await buildVehicleModel(t.database.db, t.world.stores[1]!.id);
    const res = await clerk.post('/api/parts', { partNo: 'FM-1', name: '异店车型', costFen: 1, retailPriceFen: 2, vehicleModelIds: [foreign.id] });
    expect(res.statusCode).toBe(400);
    expect(paths(res.json())).toEqual(['vehicleModelIds.0']);
  });

  it("answers 404 for another store's part and keeps it out of lists", async () => {
    const other = await buildPart(t.database.db, t.world.stores[1]!.id, { partNo: 'OTHER-STORE-1' });
    const clerk = await t.as('parts_clerk');
    expect((await clerk.get(`/api/parts/${other.id}`)).statusCode).toBe(404);
    expect((await clerk.put(`/api/parts/${other.id}`, { partNo: 'X1', name: 'x', costFen: 1, retailPriceFen: 1, version: 1 })).statusCode).toBe(404);
    expect((await clerk.get('/api/parts?q=OTHERSTORE')).json().total).toBe(0);
  });

  it('lets technicians read but not edit the catalog', async () => {
    const tech = await t.as('technician');
    expect((await tech.get('/api/parts')).statusCode).toBe(200);
    expect((await tech.post('/api/parts', { partNo: 'T-1', name: 't', costFen: 1, retailPriceFen: 1 })).statusCode).toBe(403);
  });

  it('imports valid rows, updates known part numbers, reports every bad cell and changes nothing on a dry run', async () => {
    const model = await buildVehicleModel(t.database.db, store0());
    const known = await buildPart(t.database.db, store0(), { partNo: 'IMP-KNOWN-1', name: '旧名称', retailPriceFen: 100 });
    const file = await partsWorkbook([
      { partNo: 'imp-new-1', name: '空调滤芯', unit: '个', category: '滤清器', cost: '35.5', retailPrice: 58, models: String(model.id), safetyStock: '6' },
      { partNo: 'IMP KNOWN 1', name: '新名称', unit: '个', cost: '1', retailPrice: '2.50', origin: '副厂件' },
      { partNo: 'IMP-OIL', name: '机油 5W-30', unit: '升', category: '油品', cost: '40', retailPrice: '60', safetyStock: '12.5' },
      { partNo: 'IMP-BAD', name: '坏行', unit: '桶', cost: 'abc', retailPrice: '1.234', safetyStock: '1.5' },
      { partNo: 'IMP-NEW-1', name: '重复行', unit: '个', cost: '1', retailPrice: '1' },
      { name: '没有编号', unit: '个', cost: '1', retailPrice: '1', models: '不存在的车型' },
    ]);
    const sup = await t.as('parts_supervisor');
    const dry = await sup.request({ method: 'POST', url: '/api/parts/import?dryRun=true', payload: file, headers: { 'content-type': 'application/octet-stream' } });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, rows: 6, created: 2, updated: 1, rejectedRows: 3 });
    expect((await sup.get('/api/parts?q=IMPNEW')).json().total).toBe(0);

    const res = await sup.request({ method: 'POST', url: '/api/parts/import', payload: file, headers: { 'content-type': 'application/octet-stream' } });
    const report = res.json();
    expect(report).toMatchObject({ dryRun: false, created: 2, updated: 1, rejectedRows: 3 });
    expect(report.rejected.filter((r: { row: number }) => r.row === 5).map((r: { column: string }) => r.column)).toEqual(
      expect.arrayContaining(['单位*(个/套/对/瓶/升/千克/米)', '成本价(元)*', '销售价(元)*']),
    );
    expect(report.rejected.find((r: { row: number }) => r.row === 6).reason.zh).toBe('与文件中前面的行重复');
    expect(report.rejected.filter((r: { row: number }) => r.row === 7).map((r: { column: string }) => r.column)).toEqual(['配件编号*', '适用车型(车型ID或名称，逗号分隔)']);

    const created = (await sup.get('/api/parts?q=IMPNEW1')).json().items[0];
    expect(created).toMatchObject({ partNo: 'IMP-NEW-1', category: 'filters', costFen: 3550, retailPriceFen: 5800, safetyStock: '6', vehicleModelIds: [model.id] });
    expect((await sup.get(`/api/parts/${known.id}`)).json()).toMatchObject({ name: '新名称', origin: 'aftermarket', retailPriceFen: 250, version: 2 });
    expect((await sup.get('/api/parts?q=IMPOIL')).json().items[0]).toMatchObject({ unit: 'litre', safetyStock: '12.5' });

    const notXlsx = await sup.request({ method: 'POST', url: '/api/parts/import', payload: Buffer.from('hello'), headers: { 'content-type': 'text/plain' } });
    expect(notXlsx.statusCode).toBe(400);
  });

  it('exports the filtered catalog with on-hand quantities, in a file the import reads back', async () => {
    await buildStockedPart(t.database.db, store0(), '7', { partNo: 'EXP-1', name: '导出配件', category: 'brakes', costFen: 1234 });
    const clerk = await t.as('parts_clerk');
    const res = await clerk.get('/api/parts/export.xlsx?category=brakes&q=EXP');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    const row = sheet.getRow(2).values as unknown[];
    expect(row).toEqual(expect.arrayContaining(['EXP-1', '导出配件', '制动', '12.34', '7']));
    const sup = await t.as('parts_supervisor');
    const back = await sup.request({ method: 'POST', url: '/api/parts/import?dryRun=true', payload: res.rawPayload, headers: { 'content-type': 'application/octet-stream' } });
    expect(back.json()).toMatchObject({ updated: 1, created: 0, rejectedRows: 0 });
    expect((await clerk.get('/api/parts/import-template')).statusCode).toBe(403);
    expect((await sup.get('/api/parts/import-template')).statusCode).toBe(200);
  });
});
