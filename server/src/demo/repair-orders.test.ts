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

  it('bills the parts issued to each RO: line = request = issue movement, and the ledger still adds up', async () => {
    const [summary] = await rows<{ ros: number; with_parts: number; lines: number }>(sql`
      SELECT count(DISTINCT ro.id)::int AS ros, count(DISTINCT l.ro_id)::int AS with_parts, count(l.id)::int AS lines
      FROM repair_orders ro LEFT JOIN repair_order_lines l ON l.ro_id = ro.id AND l.kind = 'part'
      WHERE ro.state = 'delivered'`);
    expect(summary!.with_parts / summary!.ros).toBeGreaterThan(0.3);
    const mismatched = await rows<{ id: number }>(sql`
      SELECT l.id FROM repair_order_lines l
      LEFT JOIN part_requests r ON r.id = l.part_request_id
      LEFT JOIN stock_movements m ON m.ref_type = 'part_request' AND m.ref_id = r.id AND m.kind = 'issue_to_ro'
      WHERE l.kind = 'part' AND (
        r.id IS NULL OR r.ro_id <> l.ro_id OR r.part_id <> l.part_id OR r.quantity <> l.quantity OR r.issued <> r.fitted OR r.status <> 'settled'
        OR m.id IS NULL OR -m.quantity <> l.quantity OR m.ro_id <> l.ro_id OR r.issued_value_fen <> -m.value_fen)`);
    expect(mismatched).toEqual([]);
    const ledger = await rows<{ part_id: number }>(sql`
      SELECT v.part_id FROM stock_valuations v
      WHERE v.on_hand <> (SELECT coalesce(sum(quantity), 0) FROM stock_movements m WHERE m.store_id = v.store_id AND m.part_id = v.part_id)`);
    expect(ledger).toEqual([]);
  });

  it('continues the document counters after the demo numbers', async () => {
    const behind = await rows<{ number: string }>(sql`
      SELECT ro.number FROM repair_orders ro
      LEFT JOIN document_counters c ON c.store_id = ro.store_id AND c.prefix = 'RO' AND c.day = substr(ro.number, 3, 8)
      WHERE c.last IS NULL OR c.last < substr(ro.number, 12)::int`);
    expect(behind).toEqual([]);
  });
});
