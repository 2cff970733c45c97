import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { ROLES } from '#contracts/roles';
import { checkVin, isValidPlate } from '#contracts/vehicle';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import type { Ctx } from '../platform/context';
import { getVehiclePage } from '../modules/customers';
import { search } from '../modules/customers/search.service';
import { login } from '../modules/identity/identity.service';
import { DEMO_CITIES, DEMO_STORES } from './catalog';
import { tableCounts } from './counts';
import { FEATURED_CAR, planStoreFiles } from './files';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './index';

const VEHICLES_PER_STORE = 300;
const AS_OF = '2026-11-23';
const OPTIONS = { stores: 2, years: 1, seed: 20261123, vehiclesPerStore: VEHICLES_PER_STORE, asOf: AS_OF };

let first: Database;
let second: Database;
let world: DemoWorld;
let again: DemoWorld;

beforeAll(async () => {
  [first, second] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  world = await generateDemo(first, OPTIONS, DEMO_PASSWORD);
  again = await generateDemo(second, OPTIONS, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await Promise.all([first?.close(), second?.close()]);
});

const staffOf = (w: DemoWorld) => w.stores.map((s) => s.staff.map(({ username, displayName, role }) => ({ username, displayName, role })));

const rows = <T>(db: Database, query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

/** The advisor of the first store, as the services see a signed-in request. */
function advisorCtx(db: Database, w: DemoWorld): Ctx {
  const store = w.stores[0]!;
  const advisor = store.staff.find((s) => s.username === 'advisor')!;
  return {
    actor: {
      userId: advisor.userId,
      username: advisor.username,
      displayName: advisor.displayName,
      sessionId: 'test',
      storeId: store.id,
      timeZone: 'Asia/Shanghai',
      role: 'service_advisor',
      groupRole: null,
      permissions: new Set(ROLE_PERMISSIONS.service_advisor),
    },
    storeId: store.id,
    timeZone: 'Asia/Shanghai',
    db: db.db,
    ip: '127.0.0.1',
  };
}

describe('demo generator', () => {
  it('creates the group, two stores and their master data', async () => {
    const counts = Object.fromEntries((await tableCounts(first.db)).map((c) => [c.table, c.rows]));
    // Complaints and messages (complaints.ts, outbox.ts) put their own events on the timelines.
    const [ours] = await rows<{ n: number }>(first, sql`SELECT count(*)::int AS n FROM timeline_events WHERE kind IN ('complaint', 'message')`);
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
      vehicles: 2 * VEHICLES_PER_STORE,
      customers: world.stores.reduce((n, s) => n + s.files!.customers, 0),
      odometer_readings: world.stores.reduce((n, s) => n + s.files!.readings, 0),
      timeline_events: world.stores.reduce((n, s) => n + s.files!.timelineEvents, 0) + ours!.n,
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

describe('demo customer and vehicle files', () => {
  it('gives every store its vehicles, owners, drivers and odometer histories', async () => {
    const perStore = await rows<{ storeId: number; vehicles: number; customers: number; readings: number }>(
      first,
      sql`SELECT s.id AS "storeId",
                 (SELECT count(*)::int FROM vehicles v WHERE v.store_id = s.id) AS vehicles,
                 (SELECT count(*)::int FROM customers c WHERE c.store_id = s.id) AS customers,
                 (SELECT count(*)::int FROM odometer_readings o WHERE o.store_id = s.id) AS readings
            FROM stores s ORDER BY s.id`,
    );
    expect(perStore).toEqual(world.stores.map((s) => ({ storeId: s.id, vehicles: VEHICLES_PER_STORE, customers: s.files!.customers, readings: s.files!.readings })));
    for (const store of world.stores) {
      const f = store.files!;
      expect(f.customers).toBeGreaterThan(VEHICLES_PER_STORE * 0.8);
      expect(f.readings).toBeGreaterThan(VEHICLES_PER_STORE * 1.5);
      expect(f.companies).toBeGreaterThan(0);
      expect(f.drivers).toBeGreaterThan(0);
      expect(f.duplicateVehicles).toBe(Math.round(VEHICLES_PER_STORE * 0.02));
      expect(f.duplicateCustomers).toBeGreaterThan(0);
    }
    // Vehicles, readings and events point only to files of their own store.
    const [crossStore] = await rows<{ n: number }>(
      first,
      sql`SELECT ((SELECT count(*) FROM vehicles v JOIN customers c ON c.id = v.owner_id WHERE c.store_id <> v.store_id)
              + (SELECT count(*) FROM vehicles v JOIN customers c ON c.id = v.driver_id WHERE c.store_id <> v.store_id)
              + (SELECT count(*) FROM odometer_readings o JOIN vehicles v ON v.id = o.vehicle_id WHERE v.store_id <> o.store_id)
              + (SELECT count(*) FROM timeline_events e JOIN vehicles v ON v.id = e.vehicle_id WHERE v.store_id <> e.store_id))::int AS n`,
    );
    expect(crossStore?.n).toBe(0);
  });

  it('gives every vehicle a valid plate of its region and a VIN with a valid check digit', async () => {
    const all = await rows<{ storeId: number; vin: string | null; plate: string | null; wmi: string | null }>(
      first,
      sql`SELECT store_id AS "storeId", vin, plate FROM vehicles`,
    );
    expect(all).toHaveLength(2 * VEHICLES_PER_STORE);
    const prefixOf = new Map(world.stores.map((s) => [s.id, s.platePrefix]));
    for (const v of all) {
      expect(v.vin !== null || v.plate !== null).toBe(true);
      if (v.vin !== null) expect(checkVin(v.vin), v.vin).toBeNull();
      if (v.plate !== null) {
        expect(isValidPlate(v.plate), v.plate).toBe(true);
        const prefix = prefixOf.get(v.storeId)!;
        expect([prefix, ...DEMO_CITIES[prefix]!.nearbyPlatePrefixes]).toContain(v.plate.slice(0, 2));
      }
    }
    const wmis = new Set(world.stores.flatMap((s) => s.models.map((m) => m.wmi)));
    expect(all.filter((v) => v.vin).every((v) => wmis.has(v.vin!.slice(0, 3)))).toBe(true);
    const plates = all.filter((v) => v.plate);
    const newEnergy = plates.filter((v) => v.plate!.length === 8).length / plates.length;
    expect(newEnergy).toBeGreaterThan(0.08);
    expect(newEnergy).toBeLessThan(0.25);
  });

  it('has the demo car: 川A12345 of 张三 in the first store, found by a123 and by zs', async () => {
    const store = world.stores[0]!;
    expect(store.code).toBe(DEMO_STORES[0]!.code);
    const featured = store.files!.featured!;
    expect(featured.plate).toBe(FEATURED_CAR.plate);
    const [car] = await rows<{ plate: string; name: string; initials: string; mobile: string; readings: number; events: number }>(
      first,
      sql`SELECT v.plate, c.name, c.name_initials AS initials, c.mobile,
                 (SELECT count(*)::int FROM odometer_readings o WHERE o.vehicle_id = v.id) AS readings,
                 (SELECT count(*)::int FROM timeline_events e WHERE e.vehicle_id = v.id AND e.kind NOT IN ('complaint', 'message')) AS events
            FROM vehicles v JOIN customers c ON c.id = v.owner_id
           WHERE v.id = ${featured.vehicleId} AND v.store_id = ${store.id}`,
    );
    expect(car).toMatchObject({ plate: '川A12345', name: '张三', initials: 'zs', mobile: FEATURED_CAR.mobile });
    expect(car!.readings).toBeGreaterThan(1);
    expect(car!.events).toBe(car!.readings + 1); // vehicle_created + one visit per reading

    const ctx = advisorCtx(first, world);
    // By plate: the car itself comes first.
    for (const q of [FEATURED_CAR.plateQuery, 'A·123', '川a123']) {
      const found = await search(ctx, { q, limit: 10 });
      expect(found.items[0], q).toMatchObject({ type: 'vehicle', id: featured.vehicleId, title: '川A·12345', matched: { field: 'plate' } });
    }
    // By the owner's initials: 张三 first, then his car (found through its owner).
    const byInitials = await search(ctx, { q: FEATURED_CAR.ownerInitials, limit: 10 });
    expect(byInitials.items.slice(0, 2)).toMatchObject([
      { type: 'customer', id: featured.customerId, title: '张三', matched: { field: 'pinyin', kind: 'exact' } },
      { type: 'vehicle', id: featured.vehicleId, title: '川A·12345', matched: { field: 'pinyin', via: 'owner' } },
    ]);
    const page = await getVehiclePage(ctx, featured.vehicleId);
    expect(page.owner?.name).toBe('张三');
    expect(page.odometer).toHaveLength(car!.readings);
    expect(page.nextDueDate).toBe(page.nextDue?.date);
  });

  it('stores the derived mileage and next due as the customers module computes them', async () => {
    const ctx = advisorCtx(first, world);
    const sample = await rows<{ id: number }>(
      first,
      sql`SELECT id FROM vehicles WHERE store_id = ${world.stores[0]!.id} ORDER BY id LIMIT 40`,
    );
    for (const { id } of sample) {
      const page = await getVehiclePage(ctx, id);
      expect(page.nextDueDate, `vehicle ${id}`).toBe(page.nextDue?.date ?? null);
      if (page.odometer.length) {
        expect(page.currentMileageKm).toBe(page.odometer[0]!.km);
        expect(page.lastVisitAt).toBe(page.odometer[0]!.readAt);
      }
    }
    const [odometer] = await rows<{ wentBack: number; withoutReason: number; late: number; beforeFile: number; kmPerDay: number }>(
      first,
      sql`SELECT count(*) FILTER (WHERE km < prev)::int AS "wentBack",
                 count(*) FILTER (WHERE km < prev AND reason = '')::int AS "withoutReason",
                 count(*) FILTER (WHERE read_at >= ${`${AS_OF}T00:00:00+08:00`}::timestamptz)::int AS late,
                 count(*) FILTER (WHERE read_at < created)::int AS "beforeFile",
                 (SELECT avg(avg_km_per_day)::float FROM vehicles WHERE avg_km_per_day IS NOT NULL) AS "kmPerDay"
            FROM (SELECT o.km, o.reason, o.read_at, v.created_at AS created,
                         lag(o.km) OVER (PARTITION BY o.vehicle_id ORDER BY o.read_at) AS prev
                    FROM odometer_readings o JOIN vehicles v ON v.id = o.vehicle_id) r`,
    );
    expect(odometer).toMatchObject({ withoutReason: 0, late: 0, beforeFile: 0 });
    // Nobody is on file before the moment they were filed: owners before their cars, drivers and
    // whoever brought a car before the visit.
    const [order] = await rows<{ ownerAfterCar: number; driverAfterCar: number; broughtBeforeFiled: number }>(
      first,
      sql`SELECT (SELECT count(*)::int FROM vehicles v JOIN customers c ON c.id = v.owner_id WHERE c.created_at > v.created_at) AS "ownerAfterCar",
                 (SELECT count(*)::int FROM vehicles v JOIN customers c ON c.id = v.driver_id WHERE c.created_at > v.created_at) AS "driverAfterCar",
                 (SELECT count(*)::int FROM odometer_readings o JOIN customers c ON c.id = o.brought_by_customer_id WHERE c.created_at > o.read_at) AS "broughtBeforeFiled"`,
    );
    expect(order).toEqual({ ownerAfterCar: 0, driverAfterCar: 0, broughtBeforeFiled: 0 });
    expect(odometer!.kmPerDay).toBeGreaterThan(20);
    expect(odometer!.kmPerDay).toBeLessThan(80);
  });

  it('leaves incomplete and duplicate files for the quality and merge tools', async () => {
    const [quality] = await rows<{ incomplete: number; noAddress: number; noVin: number; noInsurance: number; sameMobile: number; samePlate: number; outlets: number }>(
      first,
      sql`SELECT (SELECT count(*)::int FROM customers WHERE completeness < 80) AS incomplete,
                 (SELECT count(*)::int FROM customers WHERE address = '') AS "noAddress",
                 (SELECT count(*)::int FROM vehicles WHERE vin IS NULL) AS "noVin",
                 (SELECT count(*)::int FROM vehicles WHERE insurance_expiry IS NULL) AS "noInsurance",
                 (SELECT count(*)::int FROM (SELECT 1 FROM customers WHERE mobile IS NOT NULL GROUP BY store_id, mobile HAVING count(*) > 1) d) AS "sameMobile",
                 (SELECT count(*)::int FROM (SELECT 1 FROM vehicles WHERE plate IS NOT NULL GROUP BY store_id, plate HAVING count(*) > 1) d) AS "samePlate",
                 (SELECT count(DISTINCT outlet_name)::int FROM customers WHERE source = 'outlet' AND outlet_name LIKE '%二级网点') AS outlets`,
    );
    expect(quality!.incomplete).toBeGreaterThan(0);
    expect(quality!.noAddress).toBeGreaterThan(0);
    expect(quality!.noVin).toBeGreaterThan(0);
    expect(quality!.noInsurance).toBeGreaterThan(0);
    expect(quality!.samePlate).toBe(world.stores.reduce((n, s) => n + s.files!.duplicateVehicles, 0));
    expect(quality!.sameMobile).toBe(world.stores.reduce((n, s) => n + s.files!.duplicateCustomers, 0));
    expect(quality!.outlets).toBeGreaterThan(1);
  });

  it('writes the same files for the same seed and day', async () => {
    const snapshot = (db: Database) =>
      rows(
        db,
        sql`SELECT c.id, c.name, c.mobile, c.source, c.completeness, c.created_at, v.id AS vehicle, v.plate, v.vin, v.current_mileage_km, v.next_due_date,
                   (SELECT string_agg(o.km || '@' || o.read_at, ',' ORDER BY o.id) FROM odometer_readings o WHERE o.vehicle_id = v.id) AS readings
              FROM customers c LEFT JOIN vehicles v ON v.owner_id = c.id ORDER BY c.id, v.id`,
      );
    const [a, b] = await Promise.all([snapshot(first), snapshot(second)]);
    expect(a.length).toBeGreaterThan(VEHICLES_PER_STORE);
    expect(b).toEqual(a);
    expect(again.stores.map((s) => s.files)).toEqual(world.stores.map((s) => s.files));
  });
});

describe('demo file plan at scale (in memory)', () => {
  it('has realistic shares of companies, drivers, new-energy plates, gaps and duplicates', () => {
    const store = { ...world.stores[1]!, files: undefined };
    const n = 5_000;
    const plan = planStoreFiles(store, 1, { vehiclesPerStore: n, years: 2, seed: 7, asOf: AS_OF });
    const owners = plan.customers.filter((c) => c.role === 'owner');
    const share = (part: number, whole: number) => part / whole;
    expect(plan.vehicles).toHaveLength(n);
    expect(share(owners.filter((c) => c.kind === 'company').length, owners.length)).toBeCloseTo(0.08, 1);
    expect(share(plan.vehicles.filter((v) => v.driver !== null).length, n)).toBeCloseTo(0.15, 1);
    expect(share(plan.vehicles.filter((v) => v.plate?.length === 8).length, n)).toBeCloseTo(0.16, 1);
    expect(share(plan.vehicles.filter((v) => v.vin === null).length, n)).toBeGreaterThan(0.02);
    expect(share(plan.duplicateVehicles, n)).toBeCloseTo(0.02, 2);
    expect(share(plan.duplicateCustomers, owners.length)).toBeCloseTo(0.02, 2);
    expect(share(owners.filter((c) => c.source === 'own_sale').length, owners.length)).toBeGreaterThan(0.5);
    const readings = plan.vehicles.reduce((s, v) => s + v.readings.length, 0);
    expect(readings / n).toBeGreaterThan(3);
    expect(plan.vehicles.every((v) => v.readings.every((x, i) => i === 0 || x.ago < v.readings[i - 1]!.ago))).toBe(true);
  });
});
