import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '#contracts/roles';
import { roleHasPermission } from '#contracts/permissions';
import { buildTestApp, type Client, type TestApp } from '../../test/app';
import { ROUTE_EXAMPLES } from '../../test/route-examples';
import type { RouteAccess } from './access';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const key = (r: RouteAccess) => `${r.method} ${r.url}`;
const apiRoutes = () => t.app.routeTable.filter((r) => r.url.startsWith('/api/'));
/** Routes with an example; the first test fails for any without one. */
const exampled = () => apiRoutes().filter((r) => ROUTE_EXAMPLES[key(r)]);

describe('permission matrix', () => {
  it('has an example request for every route, and every route declares its access', () => {
    const missing = apiRoutes().filter((r) => !ROUTE_EXAMPLES[key(r)]).map(key);
    expect(missing).toEqual([]);
    const stale = Object.keys(ROUTE_EXAMPLES).filter((k) => !apiRoutes().some((r) => key(r) === k));
    expect(stale).toEqual([]);
  });

  it('answers 401 to every non-public route without a session', async () => {
    for (const route of exampled().filter((r) => !r.public)) {
      const example = await ROUTE_EXAMPLES[key(route)]!({ db: t.database.db, world: t.world, storeId: t.world.stores[0]!.id });
      const res = await t.app.inject({ method: route.method as 'GET', url: example.url, payload: example.body as never, headers: example.headers });
      expect(res.statusCode, key(route)).toBe(401);
    }
  });

  it.each(ROLES)('gives %s 2xx where its role holds the permission and 403 elsewhere', async (role: Role) => {
    const storeId = t.world.stores[0]!.id;
    let client: Client = await t.as(role);
    // Routes that end the session (logout, password change) run last.
    const routes = exampled().sort((a, b) => Number(!!ROUTE_EXAMPLES[key(a)]!.endsSession) - Number(!!ROUTE_EXAMPLES[key(b)]!.endsSession));
    const wrong: string[] = [];
    for (const route of routes) {
      const example = ROUTE_EXAMPLES[key(route)]!;
      if (example.endsSession) client = await t.as(role);
      const req = await example({ db: t.database.db, world: t.world, storeId });
      const res = await client.request({ method: route.method as 'GET', url: req.url, payload: req.body as never, headers: req.headers });
      const allowed = !route.permission || roleHasPermission(role, route.permission);
      const ok = allowed ? res.statusCode >= 200 && res.statusCode < 300 : res.statusCode === 403;
      if (!ok) wrong.push(`${key(route)} → ${res.statusCode} (expected ${allowed ? '2xx' : '403'}) ${res.statusCode >= 400 ? res.body.slice(0, 200) : ''}`);
    }
    expect(wrong).toEqual([]);
    // Every route of the system, some of them reports over a month of records: minutes, not seconds, on a busy machine.
  }, 180_000);
});
