import { SKILL_GRADES, type Role, type SkillGrade } from '#contracts/roles';
import { DEFAULT_LABOUR_RATES, type JobType } from '#contracts/stores';
import { asSystem } from '../db/scope';
import type { Database, Executor } from '../db/types';
import { bays } from '../modules/bays/bays.table';
import { certifications, memberships, users } from '../modules/identity/identity.table';
import { hashPassword } from '../modules/identity';
import { todayIn } from '../platform/local-time';
import { maintenancePackageItems, maintenancePackages, serviceItems } from '../modules/service-items/service-items.table';
import { dealerGroups, stores } from '../modules/stores/stores.table';
import { vehicleModels } from '../modules/vehicle-models/vehicle-models.table';
import { bulkInsert } from './bulk';
import { DEMO_MODELS, DEMO_PACKAGES, DEMO_SERVICE_ITEMS, DEMO_STORES } from './catalog';
import { DEFAULT_VEHICLES_PER_YEAR, insertStoreFiles, type StoreFilesSummary } from './files';
import { DEFAULT_PARTS_PER_STORE, insertDemoTransfers, insertStoreParts, type StorePartsSummary } from './parts';
import { chineseName, mobile, Random } from './random';
import { insertStoreRepairOrders, type StoreRepairOrdersSummary } from './repair-orders';
import { insertStoreCare, type StoreCareSummary } from './care';
import { insertStoreImprovementActions } from './improvement-actions';
import { insertStoreComplaints } from './complaints';
import { insertStoreOutbox } from './outbox';
import { insertStoreSatisfaction } from './satisfaction';

export interface DemoOptions {
  stores: number;
  /** Years of history: visits reach this far back; the default number of vehicles grows with it. */
  years: number;
  seed: number;
  /** Vehicle files per store; default DEFAULT_VEHICLES_PER_YEAR × years (2,000 for the 2-year demo). */
  vehiclesPerStore?: number;
  /** Store-local "today" of the data set (YYYY-MM-DD); default the real today in Asia/Shanghai. */
  asOf?: string;
  /** Catalog parts per store, each with its stock history (parts.ts); default DEFAULT_PARTS_PER_STORE. */
  partsPerStore?: number;
}

export interface DemoStaff {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  skillGrade: SkillGrade | null;
}

export interface DemoStore {
  id: number;
  code: string;
  brand: string;
  platePrefix: string;
  staff: DemoStaff[];
  bays: { id: number; code: string; type: JobType }[];
  /** The store's vehicle models, with the WMI their VINs start with. */
  models: { id: number; brand: string; series: string; wmi: string; maintenanceIntervalMonths: number; maintenanceIntervalKm: number }[];
  serviceItems: { id: number; code: string; jobType: JobType }[];
  packages: { id: number; code: string; vehicleModelId: number; mileageKm: number; itemCodes: readonly string[] }[];
  /** Its customer and vehicle files (files.ts); the first store's includes the demo car. */
  files?: StoreFilesSummary;
  /** Its parts catalog, stock history and orders (parts.ts). */
  parts?: StorePartsSummary;
  /** Its repair orders, settlements and today's open ROs (repair-orders.ts). */
  repairOrders?: StoreRepairOrdersSummary;
  /** Its follow-up tasks, calls and questionnaire answers (care.ts). */
  care?: StoreCareSummary;
}

/** What the generator made, for later generators (customers, ROs…) to build on. */
export interface DemoWorld {
  random: Random;
  options: DemoOptions;
  groupId: number;
  adminUserId: number;
  stores: DemoStore[];
  /** The options as generated, defaults filled in. */
  resolved: Required<DemoOptions>;
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
 * vehicle models, service items and maintenance packages, then per store its customer and vehicle
 * files with odometer histories and timelines (files.ts; `vehiclesPerStore`, default 1,000 per
 * year of history). Later modules extend it with their history through `DemoWorld`.
 *
 * Everything that grows with the number of stores is built in memory first and loaded with
 * `bulkInsert` (one statement per table and chunk), so 50 stores cost about as many round trips
 * as 3. The random stream is consumed store by store in a fixed order, so a seed always gives the
 * same names and phones whatever the database.
 */
export async function generateDemo(database: Database, options: DemoOptions, password: string): Promise<DemoWorld> {
  const resolved = resolveOptions(options);
  const random = new Random(options.seed);
  const passwordHash = await hashPassword(password);
  return asSystem(database.db, async (tx) => {
    const [group] = await tx.insert(dealerGroups).values({ name: '锦程汽车集团' }).returning({ id: dealerGroups.id });
    const groupId = group!.id;
    const [admin] = await tx
      .insert(users)
      .values({ groupId, username: 'admin', displayName: '集团管理员', passwordHash, groupRole: 'group_admin' })
      .returning({ id: users.id });

    const plans = Array.from({ length: options.stores }, (_, i) => planStore(random, i));
    const storeIds = await insertStores(tx, groupId, plans);
    const world: DemoWorld = {
      random,
      options,
      resolved,
      groupId,
      adminUserId: admin!.id,
      stores: plans.map((plan) => ({
        id: storeIds.get(plan.code)!,
        code: plan.code,
        brand: plan.brand,
        platePrefix: plan.platePrefix,
        staff: [],
        bays: [],
        models: [],
        serviceItems: [],
        packages: [],
      })),
    };
    await seedStaff(tx, world, plans, groupId, passwordHash);
    await seedMasterData(tx, world);
    // Customer and vehicle files, store by store (each store's rows are built, written and dropped).
    for (const [index, store] of world.stores.entries()) {
      store.files = await insertStoreFiles(tx, store, index, resolved);
    }
    // Parts: catalog, stock history, orders and a past stocktake per store; transfers between the
    // first and third store (the same brand) when there are three.
    for (const [index, store] of world.stores.entries()) {
      store.parts = await insertStoreParts(tx, store, index, resolved);
    }
    if (world.stores.length >= 3) await insertDemoTransfers(tx, world.stores[0]!, world.stores[2]!, resolved);
    // Repair orders: every past visit settled and delivered, and today's workshop (repair-orders.ts).
    for (const [index, store] of world.stores.entries()) {
      store.repairOrders = await insertStoreRepairOrders(tx, store, index, resolved);
    }
    // Follow-up work over the deliveries: callbacks with calls and answers, today's open queue (care.ts).
    for (const store of world.stores) store.care = await insertStoreCare(tx, store, resolved);
    // Improvement actions (TOP5) around today and last month's report commentary (improvement-actions.ts).
    for (const [index, store] of world.stores.entries()) await insertStoreImprovementActions(tx, store, index, resolved);
    // Complaints over the delivered ROs, manufacturer scores of past months, templates and sent messages.
    for (const [index, store] of world.stores.entries()) {
      await insertStoreComplaints(tx, store, resolved);
      await insertStoreSatisfaction(tx, store, index, resolved);
      await insertStoreOutbox(tx, store, resolved);
    }
    return world;
  });
}

export function resolveOptions(options: DemoOptions): Required<DemoOptions> {
  return {
    ...options,
    vehiclesPerStore: options.vehiclesPerStore ?? Math.round(DEFAULT_VEHICLES_PER_YEAR * options.years),
    asOf: options.asOf ?? todayIn('Asia/Shanghai', new Date()),
    partsPerStore: options.partsPerStore ?? DEFAULT_PARTS_PER_STORE,
  };
}

interface StorePlan {
  index: number;
  code: string;
  name: string;
  brand: string;
  address: string;
  phone: string;
  platePrefix: string;
  people: { username: string; displayName: string; phone: string; role: Role }[];
}

/** One store's rows, drawn from the random stream: names of the staff first, then their phones. */
function planStore(random: Random, i: number): StorePlan {
  const template = DEMO_STORES[i % DEMO_STORES.length]!;
  const suffix = i === 0 ? '' : String(i + 1);
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
  return {
    index: i,
    code: i < DEMO_STORES.length ? template.code : `${template.code}-${i + 1}`,
    name: i < DEMO_STORES.length ? template.name : `${template.name}（${i + 1}）`,
    brand: template.brand,
    address: template.address,
    phone: template.phone,
    platePrefix: template.plate,
    people: people.map((p) => ({ ...p, phone: mobile(random) })),
  };
}

async function insertStores(tx: Executor, groupId: number, plans: StorePlan[]): Promise<Map<string, number>> {
  const rows = await bulkInsert(
    tx,
    stores,
    ['groupId', 'code', 'name', 'brand', 'address', 'phone', 'timeZone', 'labourRates', 'openingHours', 'settings'],
    plans.map((p) => ({
      groupId,
      code: p.code,
      name: p.name,
      brand: p.brand,
      address: p.address,
      phone: p.phone,
      timeZone: 'Asia/Shanghai',
      labourRates: DEFAULT_LABOUR_RATES,
      openingHours: { opens: '08:30', closes: '18:00' },
      settings: {},
    })),
    { returning: ['id', 'code'] },
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

function skillGradeOf(role: Role, idx: number): SkillGrade | null {
  if (role === 'technician') return SKILL_GRADES[Math.min(idx % 5, 4)]!;
  if (role === 'team_leader') return 'technician';
  if (role === 'technical_supervisor') return 'senior_technician';
  return null;
}

async function seedStaff(tx: Executor, world: DemoWorld, plans: StorePlan[], groupId: number, passwordHash: string) {
  const inserted = await bulkInsert(
    tx,
    users,
    ['groupId', 'username', 'displayName', 'phone', 'passwordHash'],
    plans.flatMap((p) => p.people.map((u) => ({ groupId, username: u.username, displayName: u.displayName, phone: u.phone, passwordHash }))),
    { returning: ['id', 'username'] },
  );
  const userId = new Map(inserted.map((u) => [u.username, u.id]));

  const membershipRows: { storeId: number; userId: number; role: Role; skillGrade: SkillGrade | null; team: string | null }[] = [];
  const certificationRows: { storeId: number; userId: number; name: string; issuer: string; certifiedOn: string; expiresOn: string }[] = [];
  plans.forEach((plan, s) => {
    const store = world.stores[s]!;
    let certified = 0;
    plan.people.forEach((person, idx) => {
      const id = userId.get(person.username)!;
      const skillGrade = skillGradeOf(person.role, idx);
      const workshop = skillGrade !== null;
      const team = workshop && person.role !== 'technical_supervisor' ? `${(idx % 2) + 1}组` : null;
      membershipRows.push({ storeId: store.id, userId: id, role: person.role, skillGrade, team });
      store.staff.push({ userId: id, username: person.username, displayName: person.displayName, role: person.role, skillGrade });
      if (skillGrade === 'senior_technician' || skillGrade === 'technician') {
        const k = certified++;
        certificationRows.push({
          storeId: store.id,
          userId: id,
          name: '新能源高压作业证',
          issuer: '应急管理部',
          certifiedOn: '2024-03-01',
          expiresOn: k % 3 === 2 ? '2026-10-31' : '2027-02-28',
        });
        if (skillGrade === 'senior_technician') {
          certificationRows.push({ storeId: store.id, userId: id, name: '变速箱专项认证', issuer: '厂家培训中心', certifiedOn: '2025-06-15', expiresOn: '2028-06-14' });
        }
      }
    });
  });
  await bulkInsert(tx, memberships, ['storeId', 'userId', 'role', 'skillGrade', 'team'], membershipRows);
  await bulkInsert(tx, certifications, ['storeId', 'userId', 'name', 'issuer', 'certifiedOn', 'expiresOn'], certificationRows);
}

async function seedMasterData(tx: Executor, world: DemoWorld) {
  const byStore = new Map(world.stores.map((s) => [s.id, s]));

  const bayRows = world.stores.flatMap((store) =>
    BAY_LAYOUT.flatMap(([type, n, reserved]) =>
      Array.from({ length: n }, (_, k) => ({
        storeId: store.id,
        code: `${JOB_TYPE_CODE[type]}${String(k + 1).padStart(2, '0')}`,
        name: `${JOB_TYPE_CODE[type]}${k + 1} 号工位`,
        type,
        reservedForAppointments: k < reserved,
      })),
    ),
  );
  for (const bay of await bulkInsert(tx, bays, ['storeId', 'code', 'name', 'type', 'reservedForAppointments'], bayRows, {
    returning: ['id', 'storeId', 'code', 'type'],
  })) {
    byStore.get(bay.storeId)!.bays.push({ id: bay.id, code: bay.code, type: bay.type });
  }

  const modelRows = world.stores.flatMap((store) =>
    DEMO_MODELS.filter((m) => m.brand === store.brand).map(({ wmi: _wmi, ...m }) => ({ ...m, storeId: store.id })),
  );
  const models = await bulkInsert(
    tx,
    vehicleModels,
    ['storeId', 'brand', 'series', 'model', 'year', 'engine', 'maintenanceIntervalMonths', 'maintenanceIntervalKm'],
    modelRows,
    { returning: ['id', 'storeId', 'series'] },
  );
  for (const m of models) {
    const spec = DEMO_MODELS.find((d) => d.series === m.series)!;
    byStore.get(m.storeId)!.models.push({
      id: m.id,
      brand: spec.brand,
      series: spec.series,
      wmi: spec.wmi,
      maintenanceIntervalMonths: spec.maintenanceIntervalMonths,
      maintenanceIntervalKm: spec.maintenanceIntervalKm,
    });
  }

  const itemRows = world.stores.flatMap((store) =>
    DEMO_SERVICE_ITEMS.map((item) => ({
      storeId: store.id,
      code: item.code,
      name: item.name,
      system: item.system,
      jobType: item.jobType,
      standardHours: item.standardHours,
      requiredGrade: item.requiredGrade,
      requiredCertification: item.requiredCertification ?? null,
      fixedPriceFen: item.fixedPriceFen ?? null,
    })),
  );
  const items = await bulkInsert(
    tx,
    serviceItems,
    ['storeId', 'code', 'name', 'system', 'jobType', 'standardHours', 'requiredGrade', 'requiredCertification', 'fixedPriceFen'],
    itemRows,
    { returning: ['id', 'storeId', 'code', 'jobType'] },
  );
  for (const item of items) byStore.get(item.storeId)!.serviceItems.push({ id: item.id, code: item.code, jobType: item.jobType });

  // Models in id order, so package codes (which carry the model id) do not depend on RETURNING order.
  const packageRows = world.stores.flatMap((store) =>
    [...store.models]
      .sort((a, b) => a.id - b.id)
      .flatMap((model) =>
        DEMO_PACKAGES.map((pkg) => ({ storeId: store.id, code: `${pkg.code}-${model.id}`, name: pkg.name, vehicleModelId: model.id, mileageKm: pkg.mileageKm })),
      ),
  );
  const packages = await bulkInsert(tx, maintenancePackages, ['storeId', 'code', 'name', 'vehicleModelId', 'mileageKm'], packageRows, {
    returning: ['id', 'storeId', 'code'],
  });
  const packageId = new Map(packages.map((p) => [`${p.storeId}|${p.code}`, p.id]));
  const itemId = new Map(items.map((i) => [`${i.storeId}|${i.code}`, i.id]));
  const packageItemRows: { storeId: number; packageId: number; serviceItemId: number; position: number }[] = [];
  for (const row of packageRows) {
    const pkg = DEMO_PACKAGES.find((p) => row.code.startsWith(`${p.code}-`))!;
    const id = packageId.get(`${row.storeId}|${row.code}`)!;
    byStore.get(row.storeId)!.packages.push({ id, code: row.code, vehicleModelId: row.vehicleModelId, mileageKm: row.mileageKm, itemCodes: pkg.items });
    pkg.items.forEach((code, position) => {
      packageItemRows.push({ storeId: row.storeId, packageId: id, serviceItemId: itemId.get(`${row.storeId}|${code}`)!, position });
    });
  }
  await bulkInsert(tx, maintenancePackageItems, ['storeId', 'packageId', 'serviceItemId', 'position'], packageItemRows);
  for (const store of world.stores) {
    store.bays.sort((a, b) => a.id - b.id);
    store.models.sort((a, b) => a.id - b.id);
    store.serviceItems.sort((a, b) => a.id - b.id);
  }
}
