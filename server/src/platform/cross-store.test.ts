import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app';
import { ROUTE_EXAMPLES } from '../../test/route-examples';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/**
 * Group-level records, visible across the group's stores by design; their own tests check that
 * store staff get 404 for them.
 */
const GROUP_LEVEL = new Set(['GET /api/stores/:id', 'PUT /api/stores/:id', 'GET /api/users/:id', 'PUT /api/users/:id']);
/** Parameters that name no record (a report's kind and section): the store is the session's. */
const NOT_A_RECORD = new Set([
  'GET /api/monthly-reports/:kind',
  'PUT /api/monthly-reports/:kind/comments/:section',
  'GET /api/monthly-reports/:kind/export.pptx',
  'GET /api/monthly-reports/:kind/export.xlsx',
]);

describe('store isolation', () => {
  it("answers 404 on every route that takes an id when the record belongs to another store", async () => {
    // The group admin holds every permission, so nothing but the store scope can refuse it.
    const admin = await t.as('group_admin');
    const otherStore = t.world.stores[1]!.id;
    const routes = t.app.routeTable.filter((r) => r.url.includes('/:') && !GROUP_LEVEL.has(`${r.method} ${r.url}`) && !NOT_A_RECORD.has(`${r.method} ${r.url}`));
    expect(routes.length).toBeGreaterThan(0);
    const leaks: string[] = [];
    for (const route of routes) {
      const example = ROUTE_EXAMPLES[`${route.method} ${route.url}`];
      if (!example) continue; // the permission matrix reports routes without an example
      const req = await example({ db: t.database.db, world: t.world, storeId: otherStore });
      const res = await admin.request({ method: route.method as 'GET', url: req.url, payload: req.body as never, headers: req.headers });
      if (res.statusCode !== 404) leaks.push(`${route.method} ${req.url} → ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
  });
});
