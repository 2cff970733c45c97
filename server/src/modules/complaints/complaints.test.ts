import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Permission } from '#contracts/permissions';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { queryRows } from '../../db/rows';
import { asSystem, inStore } from '../../db/scope';
import type { Ctx } from '../../platform/context';
import { todayIn } from '../../platform/local-time';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { buildComplaint } from './complaints.factories';
import { complaintCountsByWeek, escalateOverdueComplaints, openComplaint } from './index';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let agent: Client;
let supervisor: Client;
let advisor: Client;
const store0 = () => t.world.stores[0]!.id;
const store1 = () => t.world.stores[1]!.id;

beforeAll(async () => {
  t = await buildTestApp();
  agent = await t.as('customer_service');
  supervisor = await t.as('front_desk_supervisor');
  advisor = await t.as('service_advisor');
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { error: { details: { fields: { path: string }[] } } } }) => res.json().error.details.fields.map((f) => f.path);
const count = async (table: string) =>
  Number((await asSystem(t.database.db, (tx) => queryRows<{ n: number }>(tx, sql.raw(`SELECT count(*)::int AS n FROM ${table}`))))[0]!.n);
const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

async function register(overrides: Record<string, unknown> = {}) {
  const customer = await buildCustomer(t.database.db, store0(), { name: '赵六' });
  const vehicle = await buildVehicle(t.database.db, store0(), { ownerId: customer.id });
  const res = await agent.post('/api/complaints', {
    customerId: customer.id,
    vehicleId: vehicle.id,
    channel: 'phone',
    category: 'time',
    department: 'workshop',
    severity: 'major',
    description: '交车比承诺时间晚了三个小时',
    ...overrides,
  });
  return { res, customer, vehicle };
}

async function timelineOf(vehicleId: number) {
  return asSystem(t.database.db, (tx) =>
    queryRows<{ kind: string; title: string }>(tx, sql`SELECT kind, title FROM timeline_events WHERE vehicle_id = ${vehicleId} ORDER BY id`),
  );
}

describe('intake', () => {
  it('registers a complaint with a number, due dates, its first step and a timeline event', async () => {
    const { res, vehicle } = await register();
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.number).toMatch(/^TS\d{8}-\d{4}$/);
    expect(c.state).toBe('registered');
    expect(c.plate).toMatch(/^川A·/);
    expect(c.steps).toEqual([expect.objectContaining({ action: 'register', toState: 'registered', actorName: expect.any(String) })]);
    // major: apology within 8 h, solution within 3 days
    expect(Date.parse(c.acknowledgeDueAt) - Date.parse(c.createdAt)).toBe(8 * 3_600_000);
    expect(Date.parse(c.resolveDueAt) - Date.parse(c.createdAt)).toBe(72 * 3_600_000);
    expect(c.overdue).toBe(false);
    const events = await timelineOf(vehicle.id);
    expect(events.some((e) => e.kind === 'complaint' && e.title.includes(c.number))).toBe(true);
  });

  it('refuses bad input with 400 naming the field, and writes nothing', async () => {
    const before = await count('complaints');
    const blank = await register({ description: '  ' });
    expect(blank.res.statusCode).toBe(400);
    expect(fieldsOf(blank.res)).toContain('description');
    const category = await register({ category: 'weather' });
    expect(category.res.statusCode).toBe(400);
    expect(fieldsOf(category.res)).toContain('category');
    const other = await buildCustomer(t.database.db, store1());
    const foreign = await register({ customerId: other.id, vehicleId: null });
    expect(foreign.res.statusCode).toBe(400);
    expect(fieldsOf(foreign.res)).toEqual(['customerId']);
    const past = await register({ resolveDueAt: new Date(Date.now() - 60_000).toISOString() });
    expect(past.res.statusCode).toBe(400);
    expect(fieldsOf(past.res)).toEqual(['resolveDueAt']);
    expect(await count('complaints')).toBe(before);
  });

  it('opens a complaint inside the caller’s transaction: rolled back with it', async () => {
    const customer = await buildCustomer(t.database.db, store0());
    const before = await count('complaints');
    const ctx = ctxFor(store0());
    await expect(
      inStore(t.database.db, store0(), async (tx) => {
        const opened = await openComplaint(tx, ctx, { customerId: customer.id, channel: 'follow_up_call', category: 'attitude', severity: 'minor', description: '回访时客户反映接待冷淡' });
        expect(opened.number).toMatch(/^TS/);
        throw new Error('the call failed');
      }),
    ).rejects.toThrow('the call failed');
    expect(await count('complaints')).toBe(before);
    const kept = await inStore(t.database.db, store0(), (tx) =>
      openComplaint(tx, ctx, { customerId: customer.id, channel: 'follow_up_call', category: 'attitude', severity: 'minor', description: '回访时客户反映接待冷淡' }),
    );
    expect((await agent.get(`/api/complaints/${kept.id}`)).json().channel).toBe('follow_up_call');
  });

  it('answers 404 for another store’s complaint and 403 without the permission', async () => {
    const foreign = await buildComplaint(t.database.db, store1());
    expect((await agent.get(`/api/complaints/${foreign.id}`)).statusCode).toBe(404);
    const technician = await t.as('technician');
    expect((await technician.get('/api/complaints')).statusCode).toBe(403);
    const own = await buildComplaint(t.database.db, store0());
    // Advisors register complaints but do not work them.
    expect((await advisor.post(`/api/complaints/${own.id}/steps`, { action: 'investigate', version: own.version })).statusCode).toBe(403);
  });
});

function ctxFor(storeId: number): Ctx {
  const actor = t.world.stores[0]!.id === storeId ? 1 : 2;
  return {
    actor: { userId: actor, username: 'test', displayName: '测试客服', sessionId: 's', storeId, timeZone: TZ, role: 'customer_service', groupRole: null, permissions: new Set<Permission>() },
    storeId,
    timeZone: TZ,
    db: t.database.db,
    ip: '127.0.0.1',
  };
}

describe('lifecycle', () => {
  it('goes registered → acknowledged → investigating → solution proposed → accepted → closed, each step recorded', async () => {
    const { res, vehicle } = await register();
    let c = res.json();
    const step = async (client: Client, body: Record<string, unknown>) => {
      const r = await client.post(`/api/complaints/${c.id}/steps`, { version: c.version, ...body });
      if (r.statusCode === 200) c = r.json();
      return r;
    };
    // Acknowledging needs the apology and a promised reply time.
    const noApology = await step(agent, { action: 'acknowledge', promisedReplyAt: inHours(4) });
    expect(noApology.statusCode).toBe(400);
    expect(fieldsOf(noApology)).toContain('apology');
    expect((await step(agent, { action: 'acknowledge', apology: '非常抱歉给您带来不便', promisedReplyAt: inHours(4) })).statusCode).toBe(200);
    expect(c.state).toBe('acknowledged');
    expect(c.promisedReplyAt).not.toBeNull();
    // Illegal from here: 409 with the state.
    const early = await step(agent, { action: 'accept' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.details).toEqual({ state: 'acknowledged', action: 'accept' });
    expect((await step(agent, { action: 'investigate', note: '调取车间派工记录' })).statusCode).toBe(200);
    const proposed = await step(agent, {
      action: 'propose',
      solution: '免费返修并赠送代金券',
      remedies: [
        { kind: 'rework', costFen: 35_000, note: '更换皮带' },
        { kind: 'voucher', costFen: 20_000 },
      ],
    });
    expect(proposed.statusCode).toBe(200);
    expect(c.remedies.map((r: { kind: string }) => r.kind)).toEqual(['rework', 'voucher']);
    expect(c.remedyCostFen).toBe(55_000);
    expect((await step(agent, { action: 'accept' })).statusCode).toBe(200);

    // The agent may not close: the supervisor does.
    const byAgent = await step(agent, { action: 'close', cause: '派工延误', resolution: '已返修', satisfaction: 'satisfied' });
    expect(byAgent.statusCode).toBe(403);
    // Closing needs the resolution and the customer's satisfaction with the handling.
    const noSatisfaction = await step(supervisor, { action: 'close', cause: '派工延误', resolution: '已返修' });
    expect(noSatisfaction.statusCode).toBe(400);
    expect(fieldsOf(noSatisfaction)).toContain('satisfaction');
    const noResolution = await step(supervisor, { action: 'close', cause: '派工延误', resolution: '', satisfaction: 'satisfied' });
    expect(noResolution.statusCode).toBe(400);
    expect(fieldsOf(noResolution)).toContain('resolution');
    expect(c.state).toBe('accepted');

    const stale = await supervisor.post(`/api/complaints/${c.id}/steps`, { version: c.version - 1, action: 'close', cause: '派工延误', resolution: '已返修', satisfaction: 'satisfied' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    expect((await step(supervisor, { action: 'close', cause: '派工延误', resolution: '已免费返修，客户认可', prevention: '派工前核对承诺时间', satisfaction: 'satisfied' })).statusCode).toBe(200);
    expect(c.state).toBe('closed');
    expect(c.closedAt).not.toBeNull();
    expect(c.steps.map((s: { action: string }) => s.action)).toEqual(['register', 'acknowledge', 'investigate', 'propose', 'accept', 'close']);
    expect(c.steps.every((s: { actorName: string; at: string }) => s.actorName !== '' && s.at)).toBe(true);
    const events = await timelineOf(vehicle.id);
    expect(events.filter((e) => e.kind === 'complaint').map((e) => e.title)).toEqual([expect.stringContaining('投诉登记'), expect.stringContaining('投诉结案')]);
    // Closed is final.
    expect((await step(supervisor, { action: 'escalate', note: '再次升级' })).statusCode).toBe(409);
  });

  it('the database refuses a closed complaint without resolution and satisfaction', async () => {
    const c = await buildComplaint(t.database.db, store0(), { state: 'accepted', apology: '抱歉', promisedReplyAt: new Date() });
    await expect(asSystem(t.database.db, (tx) => tx.execute(sql`UPDATE complaints SET state = 'closed', closed_at = now() WHERE id = ${c.id}`))).rejects.toThrow();
  });

  it('a declined solution goes back to investigation; escalation and assignment are recorded steps', async () => {
    const { res } = await register({ severity: 'critical' });
    let c = res.json();
    const step = async (body: Record<string, unknown>, client = agent) => {
      const r = await client.post(`/api/complaints/${c.id}/steps`, { version: c.version, ...body });
      expect(r.statusCode, r.body).toBe(200);
      c = r.json();
    };
    await step({ action: 'acknowledge', apology: '抱歉', promisedReplyAt: inHours(1) });
    await step({ action: 'investigate' });
    await step({ action: 'propose', solution: '退还工时费', remedies: [{ kind: 'refund', costFen: 12_000 }] });
    await step({ action: 'decline', note: '客户要求全额退款' });
    expect(c.state).toBe('investigating');
    await step({ action: 'escalate', note: '客户情绪激动，升级售后经理' });
    expect(c.escalationLevel).toBe(1);
    const owner = await asSystem(t.database.db, (tx) => queryRows<{ id: number }>(tx, sql`SELECT id FROM users WHERE username = 'after_sales_manager.0'`));
    await step({ action: 'assign', ownerId: owner[0]!.id, department: 'front_desk' });
    expect(c.ownerId).toBe(owner[0]!.id);
    expect(c.department).toBe('front_desk');
    const otherStoreUser = await asSystem(t.database.db, (tx) => queryRows<{ id: number }>(tx, sql`SELECT id FROM users WHERE username = 'after_sales_manager.1'`));
    const bad = await agent.post(`/api/complaints/${c.id}/steps`, { version: c.version, action: 'assign', ownerId: otherStoreUser[0]!.id });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['ownerId']);
    expect(c.steps.map((s: { action: string; toState: string }) => `${s.action}:${s.toState}`)).toEqual([
      'register:registered',
      'acknowledge:acknowledged',
      'investigate:investigating',
      'propose:solution_proposed',
      'decline:investigating',
      'escalate:investigating',
      'assign:investigating',
    ]);
  });
});

describe('overdue and escalation', () => {
  it('lists overdue cases and escalates each once, by the job', async () => {
    const past = new Date(Date.now() - 10 * 24 * 3_600_000);
    const late = await buildComplaint(t.database.db, store0(), { createdAt: past, acknowledgeDueAt: new Date(past.getTime() + 3_600_000), resolveDueAt: new Date(past.getTime() + 48 * 3_600_000), category: 'cost' });
    const fresh = await buildComplaint(t.database.db, store0(), { category: 'cost' });
    const list = (await agent.get('/api/complaints?overdue=true&pageSize=200')).json();
    const ids = list.items.map((c: { id: number }) => c.id);
    expect(ids).toContain(late.id);
    expect(ids).not.toContain(fresh.id);
    expect(list.items.every((c: { overdue: boolean }) => c.overdue)).toBe(true);

    const escalated = await escalateOverdueComplaints(t.database.db, new Date());
    expect(escalated).toBeGreaterThanOrEqual(1);
    expect(await escalateOverdueComplaints(t.database.db, new Date())).toBe(0);
    const detail = (await agent.get(`/api/complaints/${late.id}`)).json();
    expect(detail.escalationLevel).toBe(1);
    expect(detail.steps.at(-1)).toEqual(expect.objectContaining({ action: 'escalate', actorName: '系统' }));
    expect((await agent.get(`/api/complaints/${fresh.id}`)).json().escalationLevel).toBe(0);
  });
});

describe('weekly table and departments', () => {
  it('counts by Monday-started weeks in the store’s time zone, with shares', async () => {
    // A store of its own so other tests' complaints do not count.
    const storeId = store1();
    // 2026-03-01 is a Sunday. 23:30 Sunday local (15:30 UTC) belongs to the week of Mon 02-23;
    // 00:30 Monday 03-02 local (Sunday 16:30 UTC) to the week of 03-02.
    const at = (iso: string) => new Date(iso);
    await buildComplaint(t.database.db, storeId, { category: 'quality', createdAt: at('2026-03-01T15:30:00Z') });
    await buildComplaint(t.database.db, storeId, { category: 'quality', createdAt: at('2026-03-01T16:30:00Z') });
    await buildComplaint(t.database.db, storeId, { category: 'parts', createdAt: at('2026-03-03T02:00:00Z') });
    await buildComplaint(t.database.db, storeId, { category: 'warranty', createdAt: at('2026-03-10T02:00:00Z') });
    const weekly = await inStore(t.database.db, storeId, (tx) => complaintCountsByWeek(tx, storeId, TZ, '2026-02-23', '2026-03-15'));
    expect(weekly.weeks.map((w) => [w.weekStart, w.total])).toEqual([
      ['2026-02-23', 1],
      ['2026-03-02', 2],
      ['2026-03-09', 1],
    ]);
    expect(weekly.weeks[1]!.counts).toEqual(expect.objectContaining({ quality: 1, parts: 1, warranty: 0 }));
    expect(weekly.total).toBe(4);
    expect(weekly.shares).toEqual(expect.objectContaining({ quality: 50, parts: 25, warranty: 25, time: 0 }));

    const admin = await t.as('front_desk_supervisor', 1);
    const viaApi = await admin.get('/api/complaints/weekly?from=2026-02-23&to=2026-03-15');
    expect(viaApi.statusCode).toBe(200);
    expect(viaApi.json().totals.quality).toBe(2);
    const bad = await admin.get('/api/complaints/weekly?from=2026-03-15&to=2026-02-23');
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toContain('to');
  });

  it('counts by responsible department, and filters the list by it', async () => {
    await buildComplaint(t.database.db, store0(), { department: 'parts', category: 'parts' });
    const today = todayIn(TZ);
    const rows = (await agent.get(`/api/complaints/by-department?from=2026-01-01&to=${today}`)).json();
    const parts = rows.find((r: { department: string | null }) => r.department === 'parts');
    expect(parts.total).toBeGreaterThanOrEqual(1);
    const list = (await agent.get('/api/complaints?department=parts&pageSize=200')).json();
    expect(list.items.length).toBeGreaterThanOrEqual(1);
    expect(list.items.every((c: { department: string }) => c.department === 'parts')).toBe(true);
  });

  it('exports the filtered list to Excel', async () => {
    await buildComplaint(t.database.db, store0(), { category: 'other', description: '导出测试投诉' });
    const res = await agent.get('/api/complaints/export.xlsx?category=other');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('投诉列表')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('投诉单号');
    const categories = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1) categories.add(String(row.getCell(4).value));
    });
    expect([...categories]).toEqual(['其他']);
  });
});
