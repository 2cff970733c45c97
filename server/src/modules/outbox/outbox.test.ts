import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type Client, type TestApp } from '../../../test/app';
import { queryRows } from '../../db/rows';
import { asSystem, inStore } from '../../db/scope';
import { localToInstant } from '../../platform/local-time';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { deliverDueMessages, queueMessage, type MessageProvider } from './index';
import { quietUntil } from './outbox.service';

const TZ = 'Asia/Shanghai';
let t: TestApp;
let agent: Client;
let supervisor: Client;
const store0 = () => t.world.stores[0]!.id;
const store1 = () => t.world.stores[1]!.id;

beforeAll(async () => {
  t = await buildTestApp();
  agent = await t.as('customer_service');
  supervisor = await t.as('front_desk_supervisor');
});
afterAll(() => t.close());

const fieldsOf = (res: { json(): { error: { details: { fields: { path: string }[] } } } }) => res.json().error.details.fields.map((f) => f.path);
const local = (date: string, time: string) => localToInstant(date, time, TZ);
/** A daytime moment after every message these tests queue is due. */
const NOON_LATER = () => local(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), '12:00');

async function messageRow(id: number) {
  const [row] = await asSystem(t.database.db, (tx) =>
    queryRows<{ state: string; attempts: number; last_error: string; next_attempt_at: Date | string; sent_at: Date | null; provider: string }>(
      tx,
      sql`SELECT state, attempts, last_error, next_attempt_at, sent_at, provider FROM outbox_messages WHERE id = ${id}`,
    ),
  );
  return row!;
}

async function consenting(storeId = store0(), consent: { consentSms?: boolean | null; consentWechat?: boolean | null } = { consentSms: true, consentWechat: true }) {
  const customer = await buildCustomer(t.database.db, storeId, { name: '孙七', mobile: '13900001111', ...consent });
  const vehicle = await buildVehicle(t.database.db, storeId, { ownerId: customer.id, plate: `川A${Math.random().toString(36).slice(2, 7).toUpperCase().replace(/[IO]/g, '0')}` });
  return { customer, vehicle };
}

let templateId: number;

describe('templates', () => {
  it('refuses unknown variables with 400 and keeps the known ones', async () => {
    const bad = await supervisor.post('/api/message-templates', { name: '错误模板', channel: 'sms', body: '尊敬的{客户}，您的{车型}已完工' });
    expect(bad.statusCode).toBe(400);
    expect(fieldsOf(bad)).toEqual(['body']);
    const ok = await supervisor.post('/api/message-templates', { name: '保养提醒', channel: 'sms', body: '尊敬的{客户}，您的爱车{车牌}已预约{时间}保养。{门店}' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().variables).toEqual(['客户', '车牌', '时间', '门店']);
    templateId = ok.json().id;
    const stale = await supervisor.put(`/api/message-templates/${templateId}`, { name: '保养提醒', channel: 'sms', body: '{客户}您好', version: 99 });
    expect(stale.statusCode).toBe(409);
    // Agents send messages but do not edit templates.
    expect((await agent.post('/api/message-templates', { name: 'x', channel: 'sms', body: 'x' })).statusCode).toBe(403);
  });
});

describe('consent and quiet hours', () => {
  it('never queues a message to a customer without consent on the channel', async () => {
    const [before] = await asSystem(t.database.db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM outbox_messages`));
    for (const consent of [{ consentSms: null }, { consentSms: false }, { consentSms: false, consentWechat: true }]) {
      const { customer, vehicle } = await consenting(store0(), consent);
      const res = await agent.post('/api/messages', { templateId, customerId: customer.id, vehicleId: vehicle.id, time: '12月1日 09:00' });
      expect(res.statusCode).toBe(400);
      expect(fieldsOf(res)).toEqual(['customerId']);
    }
    const [after] = await asSystem(t.database.db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM outbox_messages`));
    expect(after!.n).toBe(before!.n);
  });

  it('fills the template and queues the message for a consenting customer', async () => {
    const { customer, vehicle } = await consenting();
    const preview = (await agent.post('/api/messages/preview', { templateId, customerId: customer.id, vehicleId: vehicle.id, time: '12月1日 09:00' })).json();
    expect(preview.body).toMatch(/^尊敬的孙七，您的爱车川A·\w{5}已预约12月1日 09:00保养。/);
    expect(preview.consent).toBe(true);
    const res = await agent.post('/api/messages', { templateId, customerId: customer.id, vehicleId: vehicle.id, time: '12月1日 09:00' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual(expect.objectContaining({ state: 'queued', recipient: '13900001111', body: preview.body, templateName: '保养提醒' }));
  });

  it('a message queued in quiet hours waits until they end', () => {
    expect(quietUntil(local('2026-12-01', '22:30'), TZ, '21:00', '08:00')).toEqual(local('2026-12-02', '08:00'));
    expect(quietUntil(local('2026-12-02', '07:10'), TZ, '21:00', '08:00')).toEqual(local('2026-12-02', '08:00'));
    expect(quietUntil(local('2026-12-02', '12:00'), TZ, '21:00', '08:00')).toBeNull();
    expect(quietUntil(local('2026-12-02', '13:00'), TZ, '12:30', '14:00')).toEqual(local('2026-12-02', '14:00'));
  });

  it('enforces quiet hours at queueing and again at delivery', async () => {
    const { customer, vehicle } = await consenting();
    const actor = { userId: 1, displayName: '测试' } as never;
    const night = local('2026-12-01', '22:30');
    const queued = await inStore(t.database.db, store0(), (tx) => queueMessage(tx, { storeId: store0(), actor }, { channel: 'sms', customerId: customer.id, vehicleId: vehicle.id, body: '夜间消息' }, night));
    expect(queued).toEqual({ queued: true, id: expect.any(Number), nextAttemptAt: local('2026-12-02', '08:00') });
    // A retry that comes due at night is deferred without using an attempt.
    const day = await inStore(t.database.db, store0(), (tx) => queueMessage(tx, { storeId: store0(), actor }, { channel: 'sms', customerId: customer.id, vehicleId: vehicle.id, body: '白天消息' }, local('2026-12-01', '15:00')));
    if (!day.queued) throw new Error('not queued');
    const sends: number[] = [];
    const spy: MessageProvider = { name: 'spy', send: async (m) => (sends.push(m.id), { providerRef: `spy-${m.id}` }) };
    const report = await deliverDueMessages(t.database.db, local('2026-12-01', '23:00'), { provider: spy });
    expect(sends).not.toContain(day.id);
    expect(report.deferred).toBeGreaterThanOrEqual(1);
    const row = await messageRow(day.id);
    expect(row.state).toBe('queued');
    expect(row.attempts).toBe(0);
    expect(new Date(row.next_attempt_at)).toEqual(local('2026-12-02', '08:00'));
  });
});

describe('delivery', () => {
  it('sends due messages through the provider, once, and puts them on the vehicle timeline', async () => {
    const { customer, vehicle } = await consenting();
    const res = await agent.post('/api/messages', { templateId, customerId: customer.id, vehicleId: vehicle.id, time: '明天 10:00' });
    const id = res.json().id;
    const sends: number[] = [];
    const spy: MessageProvider = { name: 'spy', send: async (m) => (sends.push(m.id), { providerRef: `spy-${m.id}` }) };
    await deliverDueMessages(t.database.db, NOON_LATER(), { provider: spy });
    await deliverDueMessages(t.database.db, NOON_LATER(), { provider: spy });
    expect(sends.filter((s) => s === id)).toHaveLength(1);
    const row = await messageRow(id);
    expect(row).toEqual(expect.objectContaining({ state: 'sent', attempts: 1, provider: 'spy' }));
    const events = await asSystem(t.database.db, (tx) => queryRows<{ kind: string; title: string }>(tx, sql`SELECT kind, title FROM timeline_events WHERE vehicle_id = ${vehicle.id}`));
    expect(events).toContainEqual({ kind: 'message', title: '短信已发送：保养提醒' });
    // …and in the letters register.
    const register = (await agent.get(`/api/messages?sentOnly=true&vehicleId=${vehicle.id}`)).json();
    expect(register.items.map((m: { id: number }) => m.id)).toEqual([id]);
  });

  it('does not send when consent was withdrawn after queueing', async () => {
    const { customer, vehicle } = await consenting();
    const id = (await agent.post('/api/messages', { templateId, customerId: customer.id, vehicleId: vehicle.id })).json().id;
    await asSystem(t.database.db, (tx) => tx.execute(sql`UPDATE customers SET consent_sms = false WHERE id = ${customer.id}`));
    const sends: number[] = [];
    const spy: MessageProvider = { name: 'spy', send: async (m) => (sends.push(m.id), { providerRef: 'x' }) };
    await deliverDueMessages(t.database.db, NOON_LATER(), { provider: spy });
    expect(sends).not.toContain(id);
    expect((await messageRow(id)).state).toBe('cancelled');
  });

  it('retries a failing gateway with backoff and finally marks the message failed, nothing lost', async () => {
    let calls = 0;
    const received: unknown[] = [];
    let fail = true;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        calls += 1;
        received.push(JSON.parse(body));
        res.statusCode = fail ? 503 : 200;
        res.end(fail ? 'gateway down' : JSON.stringify({ id: 'gw-1' }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/send`;
    try {
      // Store 1 uses the gateway; three attempts, 60 s base delay.
      const admin = await t.as('front_desk_supervisor', 1);
      const noUrl = await admin.put('/api/outbox/settings', { quietStart: '21:00', quietEnd: '08:00', provider: 'webhook', webhookUrl: '', maxAttempts: 3, retryBaseSeconds: 60 });
      expect(noUrl.statusCode).toBe(400);
      expect(fieldsOf(noUrl)).toEqual(['webhookUrl']);
      expect((await admin.put('/api/outbox/settings', { quietStart: '21:00', quietEnd: '08:00', provider: 'webhook', webhookUrl: url, maxAttempts: 3, retryBaseSeconds: 60 })).statusCode).toBe(200);
      const template = (await admin.post('/api/message-templates', { name: '完工通知', channel: 'sms', body: '{客户}您好，{车牌}已完工。' })).json();
      const { customer, vehicle } = await consenting(store1());
      const id = (await admin.post('/api/messages', { templateId: template.id, customerId: customer.id, vehicleId: vehicle.id })).json().id;

      let now = NOON_LATER();
      await deliverDueMessages(t.database.db, now);
      let row = await messageRow(id);
      expect(row).toEqual(expect.objectContaining({ state: 'queued', attempts: 1, provider: 'webhook' }));
      expect(row.last_error).toContain('HTTP 503');
      expect(new Date(row.next_attempt_at).getTime() - now.getTime()).toBe(60_000);
      // Not due yet: nothing happens.
      await deliverDueMessages(t.database.db, new Date(now.getTime() + 30_000));
      expect((await messageRow(id)).attempts).toBe(1);
      now = new Date(now.getTime() + 60_000);
      await deliverDueMessages(t.database.db, now);
      row = await messageRow(id);
      expect(row).toEqual(expect.objectContaining({ state: 'queued', attempts: 2 }));
      expect(new Date(row.next_attempt_at).getTime() - now.getTime()).toBe(120_000);
      now = new Date(now.getTime() + 120_000);
      await deliverDueMessages(t.database.db, now);
      row = await messageRow(id);
      expect(row).toEqual(expect.objectContaining({ state: 'failed', attempts: 3 }));
      expect(row.last_error).toContain('gateway down');
      expect(received.filter((r) => (r as { id: number }).id === id)).toHaveLength(3);
      // Never picked up again; visible in the register and on the timeline.
      await deliverDueMessages(t.database.db, new Date(now.getTime() + 86_400_000));
      expect(calls).toBe(3);
      const failed = (await admin.get('/api/messages?state=failed')).json();
      expect(failed.items.map((m: { id: number }) => m.id)).toContain(id);
      const events = await asSystem(t.database.db, (tx) => queryRows<{ title: string }>(tx, sql`SELECT title FROM timeline_events WHERE vehicle_id = ${vehicle.id} AND kind = 'message'`));
      expect(events.map((e) => e.title)).toEqual(['短信发送失败（3 次）：完工通知']);

      // A gateway that accepts: sent with its reference.
      fail = false;
      const ok = (await admin.post('/api/messages', { templateId: template.id, customerId: customer.id, vehicleId: vehicle.id })).json().id;
      await deliverDueMessages(t.database.db, new Date(now.getTime() + 86_400_000));
      expect(await messageRow(ok)).toEqual(expect.objectContaining({ state: 'sent', attempts: 1 }));
      expect(received.at(-1)).toEqual(expect.objectContaining({ id: ok, channel: 'sms', recipient: '13900001111', body: expect.stringContaining('已完工') }));
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('two deliveries running at once never send the same message twice', async () => {
    const { customer, vehicle } = await consenting();
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) ids.push((await agent.post('/api/messages', { templateId, customerId: customer.id, vehicleId: vehicle.id, time: `${i}` })).json().id);
    const sends: number[] = [];
    const slow: MessageProvider = {
      name: 'slow',
      send: async (m) => {
        sends.push(m.id);
        await new Promise((r) => setTimeout(r, 20));
        return { providerRef: `slow-${m.id}` };
      },
    };
    const now = NOON_LATER();
    await Promise.all([deliverDueMessages(t.database.db, now, { provider: slow, batch: 3 }), deliverDueMessages(t.database.db, now, { provider: slow, batch: 3 }), deliverDueMessages(t.database.db, now, { provider: slow, batch: 3 })]);
    await deliverDueMessages(t.database.db, now, { provider: slow });
    for (const id of ids) expect(sends.filter((s) => s === id)).toHaveLength(1);
    for (const id of ids) expect((await messageRow(id)).state).toBe('sent');
  });
});

describe('letters register', () => {
  it('lists and exports the store’s messages only; 403 without the permission', async () => {
    const list = (await agent.get('/api/messages?pageSize=200')).json();
    expect(list.total).toBeGreaterThan(0);
    const mine = new Set(list.items.map((m: { id: number }) => m.id));
    const other = (await (await t.as('front_desk_supervisor', 1)).get('/api/messages?pageSize=200')).json();
    expect(other.items.some((m: { id: number }) => mine.has(m.id))).toBe(false);
    const res = await agent.get('/api/messages/export.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('信函登记表')!;
    expect(sheet.rowCount).toBe(list.total + 1);
    const technician = await t.as('technician');
    expect((await technician.get('/api/messages')).statusCode).toBe(403);
    // Another store's template cannot be used.
    const foreign = (await (await t.as('front_desk_supervisor', 1)).get('/api/message-templates')).json()[0];
    const { customer } = await consenting();
    const res2 = await agent.post('/api/messages', { templateId: foreign.id, customerId: customer.id });
    expect(res2.statusCode).toBe(400);
    expect(fieldsOf(res2)).toEqual(['templateId']);
  });
});
