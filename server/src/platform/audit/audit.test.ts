import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/rows';
import { asSystem } from '../../db/scope';
import { buildTestApp, type TestApp } from '../../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('audit log', () => {
  it('records changes with before/after and can be searched by entity and action', async () => {
    const manager = await t.as('after_sales_manager');
    const bay = (await manager.post('/api/bays', { code: 'AUD1', name: '审计工位', type: 'wash' })).json();
    await manager.put(`/api/bays/${bay.id}`, { ...bay, name: '改名' });
    const res = await manager.get(`/api/audit?entity=bay&entityId=${bay.id}`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { action: string }) => i.action)).toEqual(['bay.updated', 'bay.created']);
    expect(items[0]).toMatchObject({ before: { name: '审计工位' }, after: { name: '改名' }, storeId: t.world.stores[0]!.id });
  });

  it('records permission denials', async () => {
    const tech = await t.as('technician');
    expect((await tech.post('/api/bays', { code: 'NO', name: 'no', type: 'wash' })).statusCode).toBe(403);
    const manager = await t.as('after_sales_manager');
    const denied = (await manager.get('/api/audit?action=permission.denied')).json().items;
    expect(denied[0]).toMatchObject({ entityId: 'POST /api/bays', after: { permission: 'bay:manage' } });
  });

  it("shows a store's rows only, and filters by the store's local day", async () => {
    const other = await t.as('after_sales_manager', 1);
    await other.post('/api/bays', { code: 'OTHER', name: 'o', type: 'wash' });
    const manager = await t.as('after_sales_manager');
    const rows = (await manager.get('/api/audit?pageSize=200')).json().items as { storeId: number | null }[];
    expect(rows.every((r) => r.storeId === t.world.stores[0]!.id)).toBe(true);
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await manager.get(`/api/audit?from=${today}&to=${today}`)).json().total).toBeGreaterThan(0);
    expect((await manager.get('/api/audit?from=2001-01-01&to=2001-01-02')).json().total).toBe(0);
    expect((await manager.get('/api/audit?from=2001-13-01')).statusCode).toBe(400);
  });

  it('is insert-only: the app cannot update, delete or truncate it', async () => {
    const db = t.database.db;
    await expect(asSystem(db, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'forged'`))).rejects.toThrow();
    await expect(asSystem(db, (tx) => tx.execute(sql`DELETE FROM audit_log`))).rejects.toThrow();
    await expect(asSystem(db, (tx) => tx.execute(sql`TRUNCATE audit_log`))).rejects.toThrow();
    const [row] = await asSystem(db, (tx) => queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM audit_log WHERE action = 'forged'`));
    expect(row!.n).toBe(0);
  });
});
