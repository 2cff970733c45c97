import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import type { Ctx } from '../platform/context';
import { getFigures } from '../modules/parts/figures.service';
import { orderSuggestions } from '../modules/parts/purchasing.service';
import { getVariance } from '../modules/parts/stocktake.service';
import { listStock } from '../modules/parts/stock.service';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_PASSWORD } from './index';

const OPTIONS = { stores: 3, years: 1, seed: 20261123, vehiclesPerStore: 50, asOf: '2026-11-23', partsPerStore: 120 };

let db: Database;
let world: DemoWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await generateDemo(db, OPTIONS, DEMO_PASSWORD);
}, 120_000);
afterAll(async () => {
  await db?.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

function supervisorCtx(): Ctx {
  const store = world.stores[0]!;
  const user = store.staff.find((s) => s.username === 'partsmgr')!;
  return {
    actor: {
      userId: user.userId,
      username: user.username,
      displayName: user.displayName,
      sessionId: 'test',
      storeId: store.id,
      timeZone: 'Asia/Shanghai',
      role: 'parts_supervisor',
      groupRole: null,
      permissions: new Set(ROLE_PERMISSIONS.parts_supervisor),
    },
    storeId: store.id,
    timeZone: 'Asia/Shanghai',
    db: db.db,
    ip: '127.0.0.1',
  };
}

describe('demo parts', () => {
  it('gives every store its catalog, stock history and orders', () => {
    for (const store of world.stores) {
      expect(store.parts!.parts).toBe(OPTIONS.partsPerStore);
      expect(store.parts!.movements).toBeGreaterThan(OPTIONS.partsPerStore * 3);
      expect(store.parts!.purchaseOrders).toBeGreaterThan(6);
    }
  });

  it('keeps the ledger equal to the balances and valuations (ADR 5)', async () => {
    const balances = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (
        SELECT store_id, part_id, location, sum(quantity) AS q FROM stock_movements GROUP BY 1, 2, 3) m
      FULL JOIN stock_balances b USING (store_id, part_id, location)
      WHERE COALESCE(m.q, 0) <> COALESCE(b.on_hand, 0)`);
    expect(balances[0]!.n).toBe(0);
    const valuations = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (
        SELECT store_id, part_id, sum(quantity) AS q, sum(value_fen) AS v FROM stock_movements GROUP BY 1, 2) m
      FULL JOIN stock_valuations s USING (store_id, part_id)
      WHERE COALESCE(m.q, 0) <> COALESCE(s.on_hand, 0) OR COALESCE(m.v, 0) <> COALESCE(s.value_fen, 0)`);
    expect(valuations[0]!.n).toBe(0);
    // No value without stock, and never negative stock at any point of a part's history.
    const [orphans] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM stock_valuations WHERE on_hand = 0 AND value_fen <> 0`);
    expect(orphans!.n).toBe(0);
    const [dips] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM (
        SELECT sum(quantity) OVER (PARTITION BY store_id, part_id, location ORDER BY at, id) AS running FROM stock_movements) x
      WHERE running < 0`);
    expect(dips!.n).toBe(0);
  });

  it('links receipts to their orders and keeps order lines consistent', async () => {
    const [bad] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM stock_movements m
      LEFT JOIN purchase_receipts r ON r.store_id = m.store_id AND r.id = m.ref_id
      LEFT JOIN purchase_order_lines l ON l.store_id = m.store_id AND l.id = m.ref_line_id AND l.order_id = r.order_id
      WHERE m.ref_type = 'purchase_receipt' AND l.id IS NULL`);
    expect(bad!.n).toBe(0);
    const [mismatch] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM purchase_order_lines l
      WHERE l.received <> COALESCE((SELECT sum(m.quantity) FROM stock_movements m WHERE m.store_id = l.store_id AND m.ref_type = 'purchase_receipt' AND m.ref_line_id = l.id), 0)`);
    expect(mismatch!.n).toBe(0);
    const statuses = await rows<{ status: string; kind: string }>(sql`SELECT DISTINCT status, kind FROM purchase_orders WHERE store_id = ${world.stores[0]!.id}`);
    expect(statuses.map((s) => `${s.kind}:${s.status}`).sort()).toEqual(
      expect.arrayContaining(['regular:draft', 'regular:ordered', 'regular:partly_received', 'regular:received', 'regular:cancelled', 'outside:ordered', 'outside:received']),
    );
  });

  it('has an approved past stocktake whose adjustments are in the ledger', async () => {
    const ctx = supervisorCtx();
    const [st] = await rows<{ id: number; snapshot_movement_id: number }>(sql`SELECT id, snapshot_movement_id FROM stocktakes WHERE store_id = ${ctx.storeId}`);
    expect(st).toBeDefined();
    expect(Number(st!.snapshot_movement_id)).toBeGreaterThan(0);
    const report = await getVariance(ctx, Number(st!.id));
    expect(report.stocktake.status).toBe('approved');
    expect(report.totals.uncounted).toBe(0);
    expect(report.lines.length).toBeGreaterThan(5);
    const [sum] = await rows<{ v: string }>(sql`SELECT COALESCE(sum(value_fen), 0)::text AS v FROM stock_movements WHERE store_id = ${ctx.storeId} AND ref_type = 'stocktake' AND ref_id = ${st!.id}`);
    expect(Number(sum!.v)).toBe(report.totals.netValueFen);
  });

  it('gives the dashboard, the stock list and the suggested order something to show', async () => {
    const ctx = supervisorCtx();
    const figures = await getFigures(ctx, {});
    expect(figures.stockValueFen).toBeGreaterThan(0);
    expect(figures.turnover.outboundCostFen).toBeGreaterThan(0);
    expect(figures.outboundByCategory.length).toBeGreaterThan(3);
    expect(figures.slowMoving.parts).toBeGreaterThan(0);
    const stock = await listStock(ctx, { page: 1, pageSize: 20, order: 'asc', inStock: true });
    expect(stock.total).toBeGreaterThan(OPTIONS.partsPerStore / 2);
    const suggestions = await orderSuggestions(ctx, { limit: 500 });
    expect(suggestions.months).toBe(3);
  });

  it('has transfers between the two stores of the same brand', async () => {
    const transfers = await rows<{ store_id: number; direction: string }>(sql`SELECT store_id, direction FROM stock_transfers ORDER BY id`);
    expect(transfers.length).toBe(6);
    expect(new Set(transfers.map((t) => Number(t.store_id)))).toEqual(new Set([world.stores[0]!.id, world.stores[2]!.id]));
  });
});
