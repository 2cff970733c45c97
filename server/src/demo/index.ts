import { count, eq } from 'drizzle-orm';
import { ROLE_LABELS, type Role } from '#contracts/roles';
import { asSystem } from '../db/scope';
import type { Database, Executor } from '../db/types';
import { stores } from '../modules/stores/stores.table';
import { users } from '../modules/identity/identity.table';
import { insertDemoAppointments } from './appointments';
import { insertDemoWorkshop } from './workshop';
import { insertDemoReports } from './reports';
import { generateDemo, type DemoOptions, type DemoWorld } from './generator';

/** Every demo account has this password (shown at start-up; change it in production). */
export const DEMO_PASSWORD = 'Aftersales1';

export async function hasAnyStore(db: Executor): Promise<boolean> {
  const [row] = await asSystem(db, (tx) => tx.select({ n: count() }).from(stores));
  return (row?.n ?? 0) > 0;
}

/**
 * The demo data set (generator.ts). On PGlite it is analysed straight away: PGlite runs in
 * single-user mode without an autovacuum worker, and without statistics the planner takes thousands of freshly loaded files for an
 * empty table. (On PostgreSQL autovacuum does it; `npm run seed` and the benchmark also run
 * VACUUM ANALYZE as the admin, see seed.ts.)
 */
export async function seedDemo(database: Database, options: DemoOptions): Promise<DemoWorld> {
  const world = await generateDemo(database, options, DEMO_PASSWORD);
  // A handful of bookings around today in the first store (appointments.ts): they follow the clock.
  if (world.stores[0]) await asSystem(database.db, (tx) => insertDemoAppointments(tx, world.stores[0]!));
  // The first store's workshop: jobs, clocking, QC, comebacks, cases (workshop.ts).
  if (world.stores[0]) await asSystem(database.db, (tx) => insertDemoWorkshop(tx, world.stores[0]!));
  // KPI targets and month-end snapshots of every store, after all records exist (reports.ts).
  for (const store of world.stores) await asSystem(database.db, (tx) => insertDemoReports(tx, store, world.resolved));
  if (database.kind === 'pglite') await database.query('VACUUM (ANALYZE)');
  return world;
}

/** The demo car of the first store (川A12345 of 张三): what the e2e test and a demo search find. */
export { FEATURED_CAR as DEMO_CAR } from './files';

/** The accounts printed at start-up: the group admin and one per role in the first store. */
export async function demoLogins(db: Executor): Promise<{ username: string; role: string }[]> {
  const rows = await asSystem(db, (tx) =>
    tx.select({ username: users.username }).from(users).where(eq(users.active, true)).orderBy(users.id).limit(40),
  );
  const wanted = new Set(DEMO_ACCOUNTS.map((a) => a.username));
  return rows
    .filter((r) => wanted.has(r.username))
    .map((r) => {
      const role = DEMO_ACCOUNTS.find((a) => a.username === r.username)!.role;
      return { username: r.username, role: `${ROLE_LABELS[role].zh} ${ROLE_LABELS[role].en}` };
    });
}

/** One easy login per role in the first store (the generator creates them). */
export const DEMO_ACCOUNTS: { username: string; role: Role }[] = [
  { username: 'admin', role: 'group_admin' },
  { username: 'manager', role: 'after_sales_manager' },
  { username: 'frontdesk', role: 'front_desk_supervisor' },
  { username: 'advisor', role: 'service_advisor' },
  { username: 'dispatcher', role: 'workshop_supervisor' },
  { username: 'leader', role: 'team_leader' },
  { username: 'tech', role: 'technician' },
  { username: 'techlead', role: 'technical_supervisor' },
  { username: 'partsmgr', role: 'parts_supervisor' },
  { username: 'parts', role: 'parts_clerk' },
  { username: 'warranty', role: 'warranty_clerk' },
  { username: 'cs', role: 'customer_service' },
  { username: 'renewal', role: 'insurance_renewal' },
  { username: 'cashier', role: 'cashier' },
];
