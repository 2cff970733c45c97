import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '#contracts/roles';
import { openTestDatabase } from '../../test/test-database';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { login } from '../modules/identity/identity.service';
import { tableCounts } from './counts';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './index';

const OPTIONS = { stores: 2, years: 1, seed: 20261123 };

let first: Database;
let second: Database;
let world: DemoWorld;
let again: DemoWorld;

beforeAll(async () => {
  [first, second] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  world = await generateDemo(first, OPTIONS, DEMO_PASSWORD);
  again = await generateDemo(second, OPTIONS, DEMO_PASSWORD);
});
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

const staffOf = (w: DemoWorld) => w.stores.map((s) => s.staff.map(({ username, displayName, role }) => ({ username, displayName, role })));

describe('demo generator', () => {
  it('creates the group, two stores and their master data', async () => {
    const counts = Object.fromEntries((await tableCounts(first.db)).map((c) => [c.table, c.rows]));
    expect(counts).toMatchObject({
      dealer_groups: 1,
      stores: 2,
      users: 1 + 2 * 27,
      memberships: 2 * 27,
      certifications: 2 * 10,
      bays: 2 * 14,
      vehicle_models: 2 * 4,
      service_items: 2 * 18,
      maintenance_packages: 2 * 4 * 3,
      maintenance_package_items: 2 * 4 * (2 + 4 + 7),
    });
    expect(world.stores.map((s) => s.code)).toEqual(['CD01', 'CD02']);
    for (const store of world.stores) {
      expect(store.staff).toHaveLength(27);
      expect(store.bays).toHaveLength(14);
      expect(store.models).toHaveLength(4);
      expect(store.models.every((m) => m.brand === store.brand)).toBe(true);
      expect(store.packages).toHaveLength(12);
      expect(store.serviceItems).toHaveLength(18);
    }
  });

  it('keeps every row of a store in that store', async () => {
    const rows = await asSystem(first.db, (tx) =>
      tx.execute(sql`SELECT count(*)::int AS n FROM maintenance_package_items i
                       JOIN maintenance_packages p ON p.id = i.package_id
                       JOIN service_items s ON s.id = i.service_item_id
                       JOIN vehicle_models m ON m.id = p.vehicle_model_id
                      WHERE i.store_id <> p.store_id OR i.store_id <> s.store_id OR i.store_id <> m.store_id`),
    );
    const list = (Array.isArray(rows) ? rows : (rows as { rows: { n: number }[] }).rows) as { n: number }[];
    expect(list[0]?.n).toBe(0);
  });

  it('gives every role a login in the first store', async () => {
    expect(new Set(DEMO_ACCOUNTS.map((a) => a.role))).toEqual(new Set(ROLES));
    const firstStore = world.stores[0]!;
    for (const account of DEMO_ACCOUNTS) {
      if (account.role !== 'group_admin') {
        expect(firstStore.staff.find((s) => s.username === account.username)?.role, account.username).toBe(account.role);
      }
      const { token } = await login(first.db, { username: account.username, password: DEMO_PASSWORD }, { ip: '127.0.0.1', userAgent: 'test' });
      expect(token).toBeTruthy();
    }
  });

  it('gives the same people for the same seed', () => {
    expect(staffOf(again)).toEqual(staffOf(world));
    expect(new Set(staffOf(world).flat().map((s) => s.displayName)).size).toBeGreaterThan(20);
  });
});
