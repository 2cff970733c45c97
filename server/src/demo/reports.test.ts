import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KPI_CODES } from '#contracts/kpis';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { kpiReport } from '../modules/reports';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_PASSWORD } from './index';
import { insertDemoReports } from './reports';

const OPTIONS = { stores: 1, years: 1, seed: 20261123, vehiclesPerStore: 150, asOf: '2026-11-23' };

let db: Database;
let world: DemoWorld;
beforeAll(async () => {
  db = await openTestDatabase();
  world = await generateDemo(db, OPTIONS, DEMO_PASSWORD);
  await asSystem(db.db, (tx) => insertDemoReports(tx, world.stores[0]!, world.resolved));
}, 180_000);
afterAll(() => db?.close());

describe('the reports demo', () => {
  it('sets targets for every KPI for each month of the history and the rest of the year', async () => {
    const store = world.stores[0]!.id;
    const rows = await asSystem(db.db, (tx) => queryRows<{ code: string; months: number }>(tx, sql`SELECT code, count(*)::int AS months FROM kpi_targets WHERE store_id = ${store} GROUP BY code`));
    const byCode = new Map(rows.map((r) => [r.code, Number(r.months)]));
    // Nov 2025 … Dec 2026: 14 months.
    for (const code of ['revenue', 'ro_count', 'first_time_fix_rate', 'renewal_rate', 'claim_approval_rate'] as const) expect(byCode.get(code), code).toBe(14);
    expect([...byCode.keys()].every((c) => (KPI_CODES as readonly string[]).includes(c))).toBe(true);
  });

  it('freezes every finished month, and last month reads like a real dashboard', async () => {
    const store = world.stores[0]!.id;
    const [frozen] = await asSystem(db.db, (tx) => queryRows<{ months: number }>(tx, sql`SELECT count(DISTINCT month)::int AS months FROM kpi_snapshots WHERE store_id = ${store}`));
    expect(frozen!.months).toBe(12);
    const report = await asSystem(db.db, (tx) => kpiReport(tx, { kind: 'store', storeIds: [store] }, { from: '2026-10-01', to: '2026-10-31' }, ['revenue', 'ro_count', 'renewal_rate']));
    const revenue = report.cards.find((c) => c.code === 'revenue')!;
    expect(revenue.current.value).toBeGreaterThan(0);
    expect(revenue.target).toBeGreaterThan(0);
    expect(revenue.previous.value).toBeGreaterThan(0);
    expect(revenue.frozen).toMatchObject({ liveDiffers: false });
    const renewal = report.cards.find((c) => c.code === 'renewal_rate')!;
    expect(renewal.current.status).toBe('no_source');
  });
});
