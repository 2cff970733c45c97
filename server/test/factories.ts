import { DEFAULT_LABOUR_RATES } from '#contracts/stores';
import { ROLES, type Role, type SkillGrade } from '#contracts/roles';
import { asSystem } from '../src/db/scope';
import type { Executor } from '../src/db/types';
import { eq } from 'drizzle-orm';
import { bays } from '../src/modules/bays/bays.table';
import { maintenancePackageItems, maintenancePackages, serviceItems } from '../src/modules/service-items/service-items.table';
import { vehicleModels } from '../src/modules/vehicle-models/vehicle-models.table';
import { certifications, memberships, users } from '../src/modules/identity/identity.table';
import { hashPassword } from '../src/modules/identity';
import { dealerGroups, stores } from '../src/modules/stores/stores.table';

export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
/** argon2 is slow on purpose; one hash serves every fixture user of a test file. */
const testHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

let seq = 0;
export const unique = (prefix: string) => `${prefix}${++seq}${Math.random().toString(36).slice(2, 6)}`;
const next = () => `${++seq}${Math.random().toString(36).slice(2, 6)}`;

export async function buildGroup(db: Executor, name = '测试集团'): Promise<number> {
  const [row] = await asSystem(db, (tx) => tx.insert(dealerGroups).values({ name }).returning({ id: dealerGroups.id }));
  return row!.id;
}

export async function buildStore(db: Executor, groupId: number, overrides: Partial<typeof stores.$inferInsert> = {}) {
  const code = `S${next()}`;
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(stores)
      .values({
        groupId,
        code,
        name: `测试门店 ${code}`,
        timeZone: 'Asia/Shanghai',
        labourRates: DEFAULT_LABOUR_RATES,
        openingHours: { opens: '08:30', closes: '18:00' },
        settings: {},
        ...overrides,
      })
      .returning(),
  );
  return row!;
}

export async function buildUser(
  db: Executor,
  input: { groupId: number; username?: string; groupRole?: Role | null; memberships?: { storeId: number; role: Role; skillGrade?: SkillGrade | null }[]; active?: boolean },
) {
  const hash = await testHash();
  return asSystem(db, async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        groupId: input.groupId,
        username: input.username ?? `u${next()}`,
        displayName: `测试用户${seq}`,
        passwordHash: hash,
        groupRole: input.groupRole ?? null,
        active: input.active ?? true,
      })
      .returning();
    if (input.memberships?.length) {
      await tx.insert(memberships).values(input.memberships.map((m) => ({ ...m, userId: user!.id, skillGrade: m.skillGrade ?? null })));
    }
    return user!;
  });
}

export async function buildBay(db: Executor, storeId: number, overrides: Partial<typeof bays.$inferInsert> = {}) {
  const [row] = await asSystem(db, (tx) =>
    tx.insert(bays).values({ storeId, code: `B${next()}`, name: '测试工位', type: 'mechanical', ...overrides }).returning(),
  );
  return row!;
}

/**
 * The standard fixture: one group with two stores and, in each store, one user per store role
 * (username `${role}.${storeIndex}`), plus a group admin.
 */
export async function buildWorld(db: Executor) {
  const groupId = await buildGroup(db);
  const storeRows = [await buildStore(db, groupId), await buildStore(db, groupId)];
  await buildUser(db, { groupId, username: 'group_admin.0', groupRole: 'group_admin' });
  for (const [i, store] of storeRows.entries()) {
    for (const role of ROLES.filter((r) => r !== 'group_admin')) {
      await buildUser(db, { groupId, username: `${role}.${i}`, memberships: [{ storeId: store.id, role }] });
    }
  }
  return { groupId, stores: storeRows };
}

export async function buildVehicleModel(db: Executor, storeId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(vehicleModels)
      .values({ storeId, brand: '矩阵', series: '车系', model: unique('M'), year: 2024, maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 })
      .returning(),
  );
  return row!;
}
export async function buildServiceItem(db: Executor, storeId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx.insert(serviceItems).values({ storeId, code: unique('SI'), name: '矩阵项目', system: 'maintenance', jobType: 'quick_service', standardHours: '1.00' }).returning(),
  );
  return row!;
}
export async function buildMaintenancePackage(db: Executor, storeId: number) {
  const item = await buildServiceItem(db, storeId);
  return asSystem(db, async (tx) => {
    const [pkg] = await tx.insert(maintenancePackages).values({ storeId, code: unique('P'), name: '矩阵套餐' }).returning();
    await tx.insert(maintenancePackageItems).values({ storeId, packageId: pkg!.id, serviceItemId: item.id });
    return { ...pkg!, serviceItemIds: [item.id] };
  });
}
export async function buildCertification(db: Executor, storeId: number, userId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx.insert(certifications).values({ storeId, userId, name: '矩阵认证', certifiedOn: '2025-01-01', expiresOn: '2030-01-01' }).returning(),
  );
  return row!;
}


/** The store row's current version (settings are saved against it). */
export async function storeVersion(db: Executor, storeId: number): Promise<number> {
  const [row] = await asSystem(db, (tx) => tx.select({ version: stores.version }).from(stores).where(eq(stores.id, storeId)));
  return row!.version;
}
