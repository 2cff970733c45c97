import { SKILL_GRADES, type Role, type SkillGrade } from '#contracts/roles';
import { DEFAULT_LABOUR_RATES, type JobType } from '#contracts/stores';
import { asSystem } from '../db/scope';
import type { Database, Executor } from '../db/types';
import { bays } from '../modules/bays/bays.table';
import { certifications, memberships, users } from '../modules/identity/identity.table';
import { hashPassword } from '../modules/identity';
import { maintenancePackageItems, maintenancePackages, serviceItems } from '../modules/service-items/service-items.table';
import { dealerGroups, stores } from '../modules/stores/stores.table';
import { vehicleModels } from '../modules/vehicle-models/vehicle-models.table';
import { DEMO_MODELS, DEMO_PACKAGES, DEMO_SERVICE_ITEMS, DEMO_STORES } from './catalog';
import { chineseName, mobile, Random } from './random';

export interface DemoOptions {
  stores: number;
  years: number;
  seed: number;
}

/** What the generator made, for later generators (customers, ROs…) to build on. */
export interface DemoWorld {
  random: Random;
  options: DemoOptions;
  groupId: number;
  stores: { id: number; code: string; platePrefix: string; staff: { userId: number; role: Role; skillGrade: SkillGrade | null }[] }[];
}

const BASE_ACCOUNTS: [string, Role][] = [
  ['manager', 'after_sales_manager'],
  ['frontdesk', 'front_desk_supervisor'],
  ['advisor', 'service_advisor'],
  ['dispatcher', 'workshop_supervisor'],
  ['leader', 'team_leader'],
  ['tech', 'technician'],
  ['techlead', 'technical_supervisor'],
  ['partsmgr', 'parts_supervisor'],
  ['parts', 'parts_clerk'],
  ['warranty', 'warranty_clerk'],
  ['cs', 'customer_service'],
  ['renewal', 'insurance_renewal'],
  ['cashier', 'cashier'],
];

/** Extra named staff per store beyond the one easy login per role. */
const EXTRA_STAFF: [Role, number][] = [
  ['service_advisor', 3],
  ['technician', 9],
  ['team_leader', 1],
  ['customer_service', 1],
];

const BAY_LAYOUT: [JobType, number, number][] = [
  // type, count, of which reserved for appointments
  ['quick_service', 4, 2],
  ['mechanical', 4, 1],
  ['body', 2, 0],
  ['paint', 2, 0],
  ['wash', 1, 0],
  ['inspection', 1, 0],
];

const JOB_TYPE_CODE: Record<JobType, string> = { quick_service: 'K', mechanical: 'J', body: 'B', paint: 'P', wash: 'X', inspection: 'C' };

/**
 * Deterministic demo data (fixed seed): a dealer group, its stores, staff for every role, bays,
 * vehicle models, service items and maintenance packages. Later modules extend it with their
 * history through `DemoWorld`.
 */
export async function generateDemo(database: Database, options: DemoOptions, password: string): Promise<DemoWorld> {
  const random = new Random(options.seed);
  const passwordHash = await hashPassword(password);
  return asSystem(database.db, async (tx) => {
    const [group] = await tx.insert(dealerGroups).values({ name: '锦程汽车集团' }).returning({ id: dealerGroups.id });
    const groupId = group!.id;
    await tx.insert(users).values({ groupId, username: 'admin', displayName: '集团管理员', passwordHash, groupRole: 'group_admin' });
    const world: DemoWorld = { random, options, groupId, stores: [] };
    for (let i = 0; i < options.stores; i++) {
      const template = DEMO_STORES[i % DEMO_STORES.length]!;
      const suffix = i === 0 ? '' : String(i + 1);
      const code = i < DEMO_STORES.length ? template.code : `${template.code}-${i + 1}`;
      const [store] = await tx
        .insert(stores)
        .values({
          groupId,
          code,
          name: i < DEMO_STORES.length ? template.name : `${template.name}（${i + 1}）`,
          brand: template.brand,
          address: template.address,
          phone: template.phone,
          timeZone: 'Asia/Shanghai',
          labourRates: DEFAULT_LABOUR_RATES,
          openingHours: { opens: '08:30', closes: '18:00' },
          settings: {},
        })
        .returning({ id: stores.id });
      const storeId = store!.id;
      const staff = await seedStaff(tx, random, storeId, groupId, suffix, passwordHash);
      await seedMasterData(tx, storeId, template.brand);
      world.stores.push({ id: storeId, code, platePrefix: template.plate, staff });
    }
    return world;
  });
}

async function seedStaff(tx: Executor, random: Random, storeId: number, groupId: number, suffix: string, passwordHash: string) {
  const people: { username: string; displayName: string; role: Role }[] = BASE_ACCOUNTS.map(([name, role]) => ({
    username: `${name}${suffix}`,
    displayName: chineseName(random),
    role,
  }));
  for (const [role, n] of EXTRA_STAFF) {
    for (let k = 1; k <= n; k++) {
      people.push({ username: `${role.replace(/_/g, '')}${suffix || '1'}_${k}`, displayName: chineseName(random), role });
    }
  }
  const inserted = await tx
    .insert(users)
    .values(people.map((p) => ({ groupId, username: p.username, displayName: p.displayName, phone: mobile(random), passwordHash })))
    .returning({ id: users.id, username: users.username });
  const staff = inserted.map((u, idx) => {
    const role = people[idx]!.role;
    const workshop = role === 'technician' || role === 'team_leader' || role === 'technical_supervisor';
    const skillGrade: SkillGrade | null = workshop
      ? role === 'technician'
        ? SKILL_GRADES[Math.min(idx % 5, 4)]!
        : role === 'team_leader'
          ? 'technician'
          : 'senior_technician'
      : null;
    return { userId: u.id, role, skillGrade, team: workshop && role !== 'technical_supervisor' ? `${(idx % 2) + 1}组` : null };
  });
  await tx.insert(memberships).values(staff.map((s) => ({ storeId, userId: s.userId, role: s.role, skillGrade: s.skillGrade, team: s.team })));
  const certified = staff.filter((s) => s.skillGrade === 'senior_technician' || s.skillGrade === 'technician');
  if (certified.length) {
    await tx.insert(certifications).values(
      certified.flatMap((s, k) => [
        { storeId, userId: s.userId, name: '新能源高压作业证', issuer: '应急管理部', certifiedOn: '2024-03-01', expiresOn: k % 3 === 2 ? '2026-10-31' : '2027-02-28' },
        ...(s.skillGrade === 'senior_technician'
          ? [{ storeId, userId: s.userId, name: '变速箱专项认证', issuer: '厂家培训中心', certifiedOn: '2025-06-15', expiresOn: '2028-06-14' }]
          : []),
      ]),
    );
  }
  return staff.map(({ userId, role, skillGrade }) => ({ userId, role, skillGrade }));
}

async function seedMasterData(tx: Executor, storeId: number, brand: string) {
  const bayRows = BAY_LAYOUT.flatMap(([type, n, reserved]) =>
    Array.from({ length: n }, (_, k) => ({
      storeId,
      code: `${JOB_TYPE_CODE[type]}${String(k + 1).padStart(2, '0')}`,
      name: `${JOB_TYPE_CODE[type]}${k + 1} 号工位`,
      type,
      reservedForAppointments: k < reserved,
    })),
  );
  await tx.insert(bays).values(bayRows);
  const models = await tx
    .insert(vehicleModels)
    .values(DEMO_MODELS.filter((m) => m.brand === brand).map(({ wmi: _wmi, ...m }) => ({ ...m, storeId })))
    .returning({ id: vehicleModels.id });
  const items = await tx
    .insert(serviceItems)
    .values(DEMO_SERVICE_ITEMS.map((item) => ({ ...item, storeId, requiredCertification: item.requiredCertification ?? null, fixedPriceFen: item.fixedPriceFen ?? null })))
    .returning({ id: serviceItems.id, code: serviceItems.code });
  const itemId = new Map(items.map((i) => [i.code, i.id]));
  for (const model of models) {
    for (const pkg of DEMO_PACKAGES) {
      const [created] = await tx
        .insert(maintenancePackages)
        .values({ storeId, code: `${pkg.code}-${model.id}`, name: pkg.name, vehicleModelId: model.id, mileageKm: pkg.mileageKm })
        .returning({ id: maintenancePackages.id });
      await tx
        .insert(maintenancePackageItems)
        .values(pkg.items.map((code, position) => ({ storeId, packageId: created!.id, serviceItemId: itemId.get(code)!, position })));
    }
  }
}

