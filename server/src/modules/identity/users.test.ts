import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, login, type TestApp } from '../../../test/app';
import { buildGroup, buildStore, buildUser } from '../../../test/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const s = (i: 0 | 1) => t.world.stores[i]!.id;

describe('users and memberships', () => {
  it('creates a user with a role in two stores who can then sign in and switch', async () => {
    const admin = await t.as('group_admin');
    const res = await admin.post('/api/users', {
      username: 'wang.fang',
      displayName: '王芳',
      password: 'a long enough password',
      memberships: [
        { storeId: s(0), role: 'service_advisor' },
        { storeId: s(1), role: 'front_desk_supervisor' },
      ],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().memberships).toHaveLength(2);
    expect(JSON.stringify(res.json())).not.toContain('password');
    const wang = await login(t.app, 'wang.fang', 'a long enough password');
    const moved = (await wang.post('/api/auth/switch-store', { storeId: s(1) })).json();
    expect(moved.role).toBe('front_desk_supervisor');
  });

  it('requires a password of at least 10 characters and one role per store', async () => {
    const admin = await t.as('group_admin');
    const short = await admin.post('/api/users', { username: 'li.lei', displayName: '李雷', password: 'short', memberships: [] });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details.fields[0].path).toBe('password');
    const twice = await admin.post('/api/users', {
      username: 'li.lei',
      displayName: '李雷',
      password: 'long enough password',
      memberships: [
        { storeId: s(0), role: 'cashier' },
        { storeId: s(0), role: 'technician' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect((await admin.get('/api/users?q=li.lei')).json().total).toBe(0);
  });

  it('refuses a membership in a store of another group', async () => {
    const foreign = await buildStore(t.database.db, await buildGroup(t.database.db));
    const admin = await t.as('group_admin');
    const res = await admin.post('/api/users', {
      username: 'spy',
      displayName: '间谍',
      password: 'long enough password',
      memberships: [{ storeId: foreign.id, role: 'cashier' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('memberships.0.storeId');
  });

  it("lists the active store's staff only and answers 404 for another store's user", async () => {
    const manager = await t.as('after_sales_manager');
    const list = (await manager.get('/api/users?pageSize=200')).json();
    expect(list.items.some((u: { username: string }) => u.username === 'cashier.0')).toBe(true);
    expect(list.items.some((u: { username: string }) => u.username === 'cashier.1')).toBe(false);
    const other = await buildUser(t.database.db, { groupId: t.world.groupId, memberships: [{ storeId: s(1), role: 'cashier' }] });
    expect((await manager.get(`/api/users/${other.id}`)).statusCode).toBe(404);
    expect((await manager.post('/api/users', {})).statusCode).toBe(403);
  });

  it('resets a password, which ends the user’s sessions', async () => {
    const admin = await t.as('group_admin');
    const victim = await t.as('parts_supervisor');
    const user = (await admin.get('/api/users?q=parts_supervisor.0')).json().items[0];
    const res = await admin.put(`/api/users/${user.id}`, { ...user, password: 'reset by the admin' });
    expect(res.statusCode).toBe(200);
    expect((await victim.get('/api/auth/me')).statusCode).toBe(401);
    await login(t.app, 'parts_supervisor.0', 'reset by the admin');
    expect((await admin.put(`/api/users/${user.id}`, { ...user })).statusCode).toBe(409);
  });
});
