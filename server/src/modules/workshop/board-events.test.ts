import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/app';
import { buildUser } from '../../../test/factories';
import { TEST_APP_ROLE } from '../../../test/global-setup';
import { onPostgres } from '../../../test/test-database';
import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open';
import type { Database } from '../../db/types';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';

interface Stream {
  events: { event: string; at: number }[];
  /** Resolves with the time of the first `event` after index `from`, or rejects after `ms`. */
  next(event: string, ms?: number): Promise<number>;
  close(): void;
}

/** Opens the board's event stream over real HTTP (the way a browser's EventSource does). */
async function openStream(app: FastifyInstance, cookie: string): Promise<Stream> {
  const { port } = app.server.address() as AddressInfo;
  const abort = new AbortController();
  const res = await fetch(`http://127.0.0.1:${port}/api/workshop/board/events`, { headers: { cookie, accept: 'text/event-stream' }, signal: abort.signal });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: Stream['events'] = [];
  const waiters: (() => void)[] = [];
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const name = block.split('\n').find((l) => l.startsWith('event: '));
          if (name) events.push({ event: name.slice(7), at: Date.now() });
          waiters.splice(0).forEach((w) => w());
        }
      }
    } catch {
      // aborted
    }
  })();
  let seen = 0;
  return {
    events,
    next(event, ms = 3000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const i = events.findIndex((e, k) => k >= seen && e.event === event);
          if (i >= 0) {
            seen = i + 1;
            clearTimeout(timer);
            resolve(events[i]!.at);
            return true;
          }
          return false;
        };
        const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms (got ${events.map((e) => e.event).join(',')})`)), ms);
        if (!check()) waiters.push(function again() { if (!check()) waiters.push(again); });
      });
    },
    close: () => abort.abort(),
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('board events', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('sends ready, then changed after each committed change of the store, and nothing for a refused one or another store', async () => {
    const store = t.world.stores[0]!.id;
    const board = await t.as('technician');
    const stream = await openStream(t.app, board.cookie);
    await stream.next('ready');
    const dispatcher = await t.as('workshop_supervisor');
    const tech = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
    const ro = await buildRepairOrder(t.database.db, store, { state: 'open' });

    const sent = Date.now();
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).statusCode).toBe(201);
    const arrived = await stream.next('changed');
    expect(arrived - sent).toBeLessThan(1000);

    // A refused change (rolled back) and a change in another store publish nothing here.
    expect((await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] })).statusCode).toBe(409);
    const otherStore = t.world.stores[1]!.id;
    const otherRo = await buildRepairOrder(t.database.db, otherStore, { state: 'open' });
    const otherTech = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: otherStore, role: 'technician' }] });
    expect((await (await t.as('workshop_supervisor', 1)).post('/api/workshop/jobs', { lineId: otherRo.line.id, technicianIds: [otherTech.id] })).statusCode).toBe(201);
    await sleep(600);
    expect(stream.events.filter((e) => e.event === 'changed')).toHaveLength(1);

    // RO moves made by the front desk (through applyTransition) reach the board too.
    const advisor = await t.as('service_advisor');
    const signed = await buildRepairOrder(t.database.db, store, { state: 'draft' });
    expect((await advisor.post(`/api/repair-orders/${signed.id}/sign`, { signature: null, version: signed.version })).statusCode).toBe(200);
    await stream.next('changed');
    stream.close();
  });
});

describe.runIf(onPostgres)('board events across two instances on one PostgreSQL', () => {
  let a: TestApp;
  let b: FastifyInstance;
  let bDatabase: Database;
  beforeAll(async () => {
    a = await buildTestApp();
    const url = (a.database as Database & { url?: string }).url!;
    const config = { ...loadConfig({ NODE_ENV: 'test', DEMO_SEED: 'false', WEB_DIST: '/nonexistent', DATABASE_URL: url, APP_DB_ROLE: TEST_APP_ROLE }) };
    bDatabase = await openDatabase(config.database, { poolSize: 4 });
    b = await buildApp({ config, database: bDatabase, logger: false });
    await b.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await b.close();
    await bDatabase.close();
    await a.close();
  });

  it('delivers a change made through instance A to a board connected to instance B', async () => {
    const store = a.world.stores[0]!.id;
    const onB = await login(b, 'technician.0');
    const stream = await openStream(b, onB.cookie);
    await stream.next('ready');
    const dispatcher = await a.as('workshop_supervisor');
    const tech = await buildUser(a.database.db, { groupId: a.world.groupId, memberships: [{ storeId: store, role: 'technician' }] });
    const ro = await buildRepairOrder(a.database.db, store, { state: 'open' });
    const sent = Date.now();
    const res = await dispatcher.post('/api/workshop/jobs', { lineId: ro.line.id, technicianIds: [tech.id] });
    expect(res.statusCode, res.body).toBe(201);
    const arrived = await stream.next('changed');
    expect(arrived - sent).toBeLessThan(1000);
    // What B's board then shows is the new state.
    const rows = (await onB.get('/api/workshop/board')).json().rows;
    expect(rows.find((r: { roId: number }) => r.roId === ro.id)).toMatchObject({ state: 'dispatched', jobsTotal: 1 });
    stream.close();
  });
});
