import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_PASSWORD } from './index';

const OPTIONS = { stores: 1, years: 1, seed: 7, vehiclesPerStore: 150, partsPerStore: 20, asOf: '2026-11-23' };

let db: Database;
let world: DemoWorld;
beforeAll(async () => {
  db = await openTestDatabase();
  world = await generateDemo(db, OPTIONS, DEMO_PASSWORD);
}, 180_000);
afterAll(() => db?.close());

const rows = <T>(query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

describe('demo repair orders', () => {
  it('turns every past visit into an RO and fills today’s workshop', async () => {
    const summary = world.stores[0]!.repairOrders!;
    const [visits] = await rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM odometer_readings WHERE read_at < '2026-11-22T16:00:00Z'`);
    expect(summary.repairOrders - summary.open).toBe(visits!.n);
    expect(summary.open).toBeGreaterThanOrEqual(10);
    const states = await rows<{ state: string }>(sql`SELECT DISTINCT state FROM repair_orders WHERE opened_at >= '2026-11-22T16:00:00Z'`);
    expect(states.map((s) => s.state)).toEqual(expect.arrayContaining(['draft', 'in_progress', 'paused', 'qc', 'ready']));
  });

  it('settles every delivered RO exactly: lines less discount = settlement = payments', async () => {
    const wrong = await rows<{ id: number }>(sql`
      SELECT ro.id FROM repair_orders ro
      JOIN settlements s ON s.ro_id = ro.id AND s.reversed_at IS NULL
      WHERE ro.state = 'delivered' AND (
        s.total_fen <> ro.total_fen
        OR s.total_fen <> (SELECT sum(amount_fen) FROM repair_order_lines l WHERE l.ro_id = ro.id) - s.discount_fen
        OR s.total_fen <> (SELECT coalesce(sum(amount_fen), 0) FROM settlement_payments p WHERE p.settlement_id = s.id))`);
    expect(wrong).toEqual([]);
    const [unsettled] = await rows<{ n: number }>(sql`
      SELECT count(*)::int AS n FROM repair_orders ro WHERE ro.state = 'delivered' AND NOT EXISTS (SELECT 1 FROM settlements s WHERE s.ro_id = ro.id)`);
    expect(unsettled!.n).toBe(0);
  });

  it('continues the document counters after the demo numbers', async () => {
    const behind = await rows<{ number: string }>(sql`
      SELECT ro.number FROM repair_orders ro
      LEFT JOIN document_counters c ON c.store_id = ro.store_id AND c.prefix = 'RO' AND c.day = substr(ro.number, 3, 8)
      WHERE c.last IS NULL OR c.last < substr(ro.number, 12)::int`);
    expect(behind).toEqual([]);
  });
});
