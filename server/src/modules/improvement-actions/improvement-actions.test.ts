import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { usersNamed } from '../workshop/workshop.factories';
import { buildImprovementAction, TINY_PNG } from './improvement-actions.factories';

let t: TestApp;
let manager: Client;
let people: { owner: number; supervisor: number };
beforeAll(async () => {
  t = await buildTestApp();
  manager = await t.as('after_sales_manager');
  const [owner, supervisor] = await usersNamed(t.database.db, ['service_advisor.0', 'front_desk_supervisor.0']);
  people = { owner: owner!.id, supervisor: supervisor!.id };
});
afterAll(() => t.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  month: '2026-11',
  department: 'front_desk',
  rank: 1,
  problem: '交车时未解释结算清单',
  measure: '交车前逐项讲解结算单，客户签字确认',
  ownerId: people.owner,
  supervisorId: people.supervisor,
  dueDate: '2026-11-20',
  checkpoint: '每周抽查 5 张结算单',
  ...overrides,
});

describe('improvement actions', () => {
  it('plans an action, moves it through the workflow with evidence, and lists it by filters', async () => {
    const created = await manager.post('/api/improvement-actions', body());
    expect(created.statusCode).toBe(201);
    const action = created.json();
    expect(action).toMatchObject({ status: 'not_started', rank: 1, department: 'front_desk', evidence: [], version: 1 });
    expect(action.ownerName).not.toBe('');

    const started = await manager.post(`/api/improvement-actions/${action.id}/status`, { status: 'in_progress', version: 1 });
    expect(started.json()).toMatchObject({ status: 'in_progress', version: 2 });

    // Done needs evidence first.
    const early = await manager.post(`/api/improvement-actions/${action.id}/status`, { status: 'done', version: 2 });
    expect(early.statusCode).toBe(422);

    const upload = await manager.post(`/api/improvement-actions/${action.id}/evidence`, { fileName: '结算单照片.png', dataUrl: TINY_PNG });
    expect(upload.statusCode).toBe(201);
    const file = await manager.get(`/api/improvement-actions/${action.id}/evidence/${upload.json().id}`);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.rawPayload.subarray(1, 4).toString()).toBe('PNG');

    const done = await manager.post(`/api/improvement-actions/${action.id}/status`, { status: 'done', note: '已培训全部顾问', version: 2 });
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', statusNote: '已培训全部顾问', overdue: false });
    expect(done.json().completedAt).not.toBeNull();
    expect(done.json().evidence).toHaveLength(1);

    const list = (await manager.get('/api/improvement-actions?month=2026-11&department=front_desk&status=done')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([action.id]);
    expect((await manager.get('/api/improvement-actions?month=2026-11&status=not_started')).json().total).toBe(0);
  });

  it('flags an action past its due date that is not done as overdue', async () => {
    const overdue = (await manager.post('/api/improvement-actions', body({ month: '2025-01', department: 'parts', dueDate: '2025-01-31' }))).json();
    expect(overdue.overdue).toBe(true);
    const list = (await manager.get('/api/improvement-actions?overdue=true&month=2025-01')).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([overdue.id]);
  });

  it('lets the database refuse a second action at the same rank, even when both arrive at once', async () => {
    const results = await Promise.all([0, 1, 2].map(() => manager.post('/api/improvement-actions', body({ month: '2026-12', department: 'workshop', rank: 2, dueDate: '2026-12-15' }))));
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    expect((await manager.get('/api/improvement-actions?month=2026-12&department=workshop')).json().total).toBe(1);
  });

  it('names the bad fields in a 400 and changes nothing', async () => {
    const before = (await manager.get('/api/improvement-actions?pageSize=200')).json().total;
    const res = await manager.post('/api/improvement-actions', body({ month: '2026-13', rank: 6, problem: '', dueDate: '2026-02-30' }));
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['month', 'rank', 'problem', 'dueDate']));
    const early = await manager.post('/api/improvement-actions', body({ month: '2027-03', dueDate: '2027-02-01' }));
    expect(early.statusCode).toBe(400);
    expect(early.json().error.details.fields[0].path).toBe('dueDate');
    const stranger = await manager.post('/api/improvement-actions', body({ month: '2027-04', dueDate: '2027-04-02', ownerId: 999_999 }));
    expect(stranger.statusCode).toBe(400);
    const a = (await manager.post('/api/improvement-actions', body({ month: '2027-05', dueDate: '2027-05-30' }))).json();
    const bad = await manager.post(`/api/improvement-actions/${a.id}/evidence`, { fileName: 'x.exe', dataUrl: 'data:application/x-msdownload;base64,TVqQAAMAAAAEAAAA' });
    expect(bad.statusCode).toBe(400);
    expect((await manager.get('/api/improvement-actions?pageSize=200')).json().total).toBe(before + 1);
  });

  it('refuses an illegal transition and a stale version', async () => {
    const a = (await manager.post('/api/improvement-actions', body({ month: '2027-06', dueDate: '2027-06-30' }))).json();
    expect((await manager.put(`/api/improvement-actions/${a.id}`, { ...body({ month: '2027-06', dueDate: '2027-06-30', measure: '改' }), version: 1 })).statusCode).toBe(200);
    const stale = await manager.put(`/api/improvement-actions/${a.id}`, { ...body({ month: '2027-06', dueDate: '2027-06-30' }), version: 1 });
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const done = (await manager.post(`/api/improvement-actions/${a.id}/evidence`, { fileName: 'p.png', dataUrl: TINY_PNG }), await manager.post(`/api/improvement-actions/${a.id}/status`, { status: 'done', version: 2 })).json();
    const back = await manager.post(`/api/improvement-actions/${a.id}/status`, { status: 'not_started', version: done.version });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('ILLEGAL_TRANSITION');
  });

  it('exports the filtered list to Excel', async () => {
    const res = await manager.get('/api/improvement-actions/export.xlsx?month=2026-11');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('整改措施')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('月份');
    expect(sheet.getRow(2).getCell(4).value).toBe('交车时未解释结算清单');
    expect(sheet.getRow(2).getCell(10).value).toBe('已完成');
  });

  it("answers 404 for another store's action and 403 to a role without the permission", async () => {
    const other = await buildImprovementAction(t.database.db, t.world.stores[1]!.id);
    expect((await manager.get(`/api/improvement-actions/${other.id}`)).statusCode).toBe(404);
    expect((await manager.post(`/api/improvement-actions/${other.id}/status`, { status: 'in_progress', version: 1 })).statusCode).toBe(404);
    const tech = await t.as('technician');
    expect((await tech.get('/api/improvement-actions')).statusCode).toBe(403);
    expect((await tech.post('/api/improvement-actions', body())).statusCode).toBe(403);
  });
});
