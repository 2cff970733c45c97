import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { queryRows } from '../../db/rows';
import { asSystem } from '../../db/scope';
import { buildTestApp, login, type TestApp } from '../../../test/app';
import { buildUser, TEST_PASSWORD } from '../../../test/factories';
import { forgetAllSessions, LOGIN_FAILURE_LIMIT, SESSION_CACHE_TTL_MS } from './identity.service';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ sessionIdleMinutes: 30 });
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, cookie?: string) =>
  t.app.inject({ method: 'POST', url, payload: payload as never, headers: cookie ? { cookie } : {} });

async function auditActions(entityId?: string) {
  const rows = await asSystem(t.database.db, (tx) =>
    queryRows<{ action: string }>(tx, sql`SELECT action FROM audit_log WHERE ${entityId ? sql`entity_id = ${entityId}` : sql`true`} ORDER BY id`),
  );
  return rows.map((r) => r.action);
}

describe('sign-in', () => {
  it('sets an HttpOnly SameSite session cookie and returns the role, permissions and stores', async () => {
    const res = await post('/api/auth/login', { username: 'service_advisor.0', password: TEST_PASSWORD });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'as_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(res.json()).toMatchObject({ role: 'service_advisor', store: { id: t.world.stores[0]!.id } });
    expect(res.json().permissions).toContain('bay:read');
    expect(res.json().permissions).not.toContain('bay:manage');
  });

  it('marks the cookie Secure when configured for HTTPS', async () => {
    const secure = await buildTestApp({ cookieSecure: true });
    try {
      const res = await secure.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'cashier.0', password: TEST_PASSWORD } });
      expect(res.cookies.find((c) => c.name === 'as_sid')!.secure).toBe(true);
    } finally {
      await secure.close();
    }
  });

  it('rejects a wrong password with 401 and audits the attempt', async () => {
    const res = await post('/api/auth/login', { username: 'cashier.1', password: 'wrong password!' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toBe('用户名或密码错误');
    expect(await auditActions()).toContain('login.failed');
  });

  it('answers 400 naming the field for an empty user name', async () => {
    const res = await post('/api/auth/login', { username: '', password: 'x' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0]).toMatchObject({ path: 'username', message: '请输入用户名' });
  });

  it(`throttles after ${LOGIN_FAILURE_LIMIT} failures in 15 minutes with 429, even for the right password`, async () => {
    for (let i = 0; i < LOGIN_FAILURE_LIMIT; i++) {
      expect((await post('/api/auth/login', { username: 'parts_clerk.1', password: `bad-${i}-password` })).statusCode).toBe(401);
    }
    const blocked = await post('/api/auth/login', { username: 'parts_clerk.1', password: TEST_PASSWORD });
    expect(blocked.statusCode).toBe(429);
    expect(await auditActions()).toContain('login.throttled');
    // Failures older than the window no longer count.
    await asSystem(t.database.db, (tx) => tx.execute(sql`UPDATE login_attempts SET at = at - interval '16 minutes' WHERE username = 'parts_clerk.1'`));
    expect((await post('/api/auth/login', { username: 'parts_clerk.1', password: TEST_PASSWORD })).statusCode).toBe(200);
  });
});

describe('sessions', () => {
  it('answers 401 without a session and after logout', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const c = await t.as('cashier');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('expires a session idle for longer than the timeout', async () => {
    const c = await t.as('warranty_clerk');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await asSystem(t.database.db, (tx) => tx.execute(sql`UPDATE sessions SET last_seen_at = now() - interval '31 minutes'`));
    // Changed by hand, as another instance would: this instance's session cache forgets it (or its TTL runs out).
    forgetAllSessions(t.database.db);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('keeps enforcing the idle timeout for a session the cache holds', async () => {
    const c = await t.as('warranty_clerk');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200); // cached now
    const realNow = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow + 31 * 60_000);
    try {
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      clock.mockRestore();
    }
    expect((await c.get('/api/auth/me')).statusCode).toBe(401); // the session is gone
  });

  it('sees a session ended elsewhere (another instance) once the cache TTL has passed', async () => {
    const c = await t.as('warranty_clerk');
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    await asSystem(t.database.db, (tx) => tx.execute(sql`DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = 'warranty_clerk.0')`));
    // Within the TTL this instance still trusts its cache (the documented window for other instances)…
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    const realNow = Date.now();
    const clock = vi.spyOn(Date, 'now').mockImplementation(() => realNow + SESSION_CACHE_TTL_MS + 1);
    try {
      // …and after it, reads the session again.
      expect((await c.get('/api/auth/me')).statusCode).toBe(401);
    } finally {
      clock.mockRestore();
    }
  });

  it('ends a cached session at logout at once', async () => {
    const c = await t.as('cashier');
    for (let i = 0; i < 3; i++) expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await c.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await c.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends every session of a user who is disabled', async () => {
    const admin = await t.as('group_admin');
    const victim = await t.as('insurance_renewal');
    const user = (await admin.get('/api/users?q=insurance_renewal.0')).json().items[0];
    const res = await admin.put(`/api/users/${user.id}`, { ...user, active: false });
    expect(res.statusCode).toBe(200);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    expect((await post('/api/auth/login', { username: 'insurance_renewal.0', password: TEST_PASSWORD })).statusCode).toBe(401);
  });

  it('ends the other sessions of a user who changes their password', async () => {
    const laptop = await t.as('front_desk_supervisor');
    const tablet = await t.as('front_desk_supervisor');
    const tooShort = await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'short' });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.details.fields[0]).toMatchObject({ path: 'newPassword', message: '密码至少 10 个字符' });
    const wrong = await laptop.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a much longer secret' });
    expect(wrong.statusCode).toBe(400);
    expect((await laptop.post('/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'a much longer secret' })).statusCode).toBe(200);
    expect((await laptop.get('/api/auth/me')).statusCode).toBe(200);
    expect((await tablet.get('/api/auth/me')).statusCode).toBe(401);
    await login(t.app, 'front_desk_supervisor.0', 'a much longer secret');
  });

  it('switches a group admin between stores and refuses a store the user has no role in', async () => {
    const admin = await t.as('group_admin');
    const s1 = t.world.stores[1]!.id;
    const moved = await admin.post('/api/auth/switch-store', { storeId: s1 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().store.id).toBe(s1);
    // The session cache follows the switch at once.
    expect((await admin.get('/api/auth/me')).json().store.id).toBe(s1);
    const advisor = await t.as('service_advisor');
    expect((await advisor.post('/api/auth/switch-store', { storeId: s1 })).statusCode).toBe(404);
  });

  it('takes the active store from the session only: a storeId in the body or query is ignored', async () => {
    const otherGroup = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: t.world.stores[1]!.id, role: 'after_sales_manager' }] });
    const c = await login(t.app, otherGroup.username);
    const me = (await c.get('/api/auth/me?storeId=' + t.world.stores[0]!.id)).json();
    expect(me.store.id).toBe(t.world.stores[1]!.id);
  });
});
