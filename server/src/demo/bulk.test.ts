import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LABOUR_RATES } from '#contracts/stores';
import { buildGroup, buildStore } from '../../test/factories';
import { openTestDatabase } from '../../test/test-database';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { bays } from '../modules/bays/bays.table';
import { customers } from '../modules/customers/customers.table';
import { serviceItems } from '../modules/service-items/service-items.table';
import { stores } from '../modules/stores/stores.table';
import { bulkInsert, reserveIds } from './bulk';

let database: Database;
let groupId: number;
let storeId: number;
beforeAll(async () => {
  database = await openTestDatabase();
  groupId = await buildGroup(database.db);
  storeId = (await buildStore(database.db, groupId)).id;
});
afterAll(() => database.close());

describe('bulkInsert', () => {
  it('loads rows in chunks through unnest and returns the asked columns', async () => {
    const rows = Array.from({ length: 2_345 }, (_, i) => ({
      storeId,
      code: `Q${i}`,
      name: i % 2 ? `工位 "${i}", {a,b} \\ NULL` : 'NULL',
      type: 'wash' as const,
      reservedForAppointments: i % 3 === 0,
    }));
    const returned = await asSystem(database.db, (tx) =>
      bulkInsert(tx, bays, ['storeId', 'code', 'name', 'type', 'reservedForAppointments'], rows, { chunkSize: 1_000, returning: ['id', 'code'] }),
    );
    expect(returned).toHaveLength(rows.length);
    expect(new Set(returned.map((r) => r.code))).toEqual(new Set(rows.map((r) => r.code)));
    const stored = await asSystem(database.db, (tx) => tx.select().from(bays).where(sql`${bays.storeId} = ${storeId}`).orderBy(bays.id));
    expect(stored.map(({ code, name, type, reservedForAppointments }) => ({ storeId, code, name, type, reservedForAppointments }))).toEqual(rows);
    expect(stored.every((b) => b.active && b.version === 1)).toBe(true); // columns left out get their defaults
  });

  it('maps jsonb, numeric and nulls like the ORM does', async () => {
    const [store] = await asSystem(database.db, (tx) =>
      bulkInsert(
        tx,
        stores,
        ['groupId', 'code', 'name', 'labourRates', 'openingHours', 'settings'],
        [{ groupId, code: 'BULK1', name: '批量门店', labourRates: DEFAULT_LABOUR_RATES, openingHours: { opens: '08:00', closes: '17:30' }, settings: { note: '引号"' } as never }],
        { returning: ['id'] },
      ),
    );
    const [item] = await asSystem(database.db, (tx) =>
      bulkInsert(
        tx,
        serviceItems,
        ['storeId', 'code', 'name', 'system', 'jobType', 'standardHours', 'requiredCertification', 'fixedPriceFen'],
        [{ storeId: store!.id, code: 'X1', name: '检查', system: 'other', jobType: 'inspection', standardHours: '1.25', requiredCertification: null, fixedPriceFen: null }],
        { returning: ['id', 'standardHours'] },
      ),
    );
    expect(item?.standardHours).toBe('1.25');
    const [loaded] = await asSystem(database.db, (tx) => tx.select().from(stores).where(sql`${stores.id} = ${store!.id}`));
    expect(loaded).toMatchObject({ labourRates: DEFAULT_LABOUR_RATES, openingHours: { opens: '08:00', closes: '17:30' }, settings: { note: '引号"' }, timeZone: 'Asia/Shanghai' });
    const [loadedItem] = await asSystem(database.db, (tx) => tx.select().from(serviceItems).where(sql`${serviceItems.id} = ${item!.id}`));
    expect(loadedItem).toMatchObject({ requiredCertification: null, fixedPriceFen: null, requiredGrade: 'junior' });
  });

  it('does nothing for no rows and refuses a row without a listed column', async () => {
    expect(await asSystem(database.db, (tx) => bulkInsert(tx, bays, ['storeId', 'code'], []))).toEqual([]);
    await expect(
      asSystem(database.db, (tx) => bulkInsert(tx, bays, ['storeId', 'code', 'name', 'type'], [{ storeId, code: 'Z', type: 'wash' } as never])),
    ).rejects.toThrow(/no value for name/);
  });

  it('writes array columns and reserved identity ids', async () => {
    const ids = await asSystem(database.db, (tx) => reserveIds(tx, customers, 3));
    expect(ids).toHaveLength(3);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
    const tricky = ['a,b', '{x}', 'say "hi"', 'back\\slash', 'NULL', ' spaced ', '张三'];
    const rows = ids.map((id, i) => ({
      id,
      storeId,
      name: `客户${i}`,
      searchName: `客户${i}`,
      nameGrams: i === 0 ? [] : i === 1 ? tricky : ['客', '户', '客户'],
      tags: i === 2 ? ['老客户', 'VIP'] : [],
    }));
    await asSystem(database.db, (tx) =>
      bulkInsert(tx, customers, ['id', 'storeId', 'name', 'searchName', 'nameGrams', 'tags'], rows, { overridingSystemValue: true, chunkSize: 2 }),
    );
    const stored = await asSystem(database.db, (tx) =>
      tx.select({ id: customers.id, nameGrams: customers.nameGrams, tags: customers.tags }).from(customers).where(sql`${customers.id} = ANY(${sql.param(ids)}::int[])`).orderBy(customers.id),
    );
    expect(stored).toEqual(rows.map(({ id, nameGrams, tags }) => ({ id, nameGrams, tags })));
    // The sequence moved past the reserved ids: the next ORM insert does not collide.
    const [next] = await asSystem(database.db, (tx) =>
      tx.insert(customers).values({ storeId, name: '下一位', searchName: '下一位' }).returning({ id: customers.id }),
    );
    expect(next!.id).toBeGreaterThan(Math.max(...ids));
    await expect(
      asSystem(database.db, (tx) => bulkInsert(tx, customers, ['storeId', 'name', 'searchName', 'tags'], [{ storeId, name: 'x', searchName: 'x', tags: [''] }])),
    ).rejects.toThrow(/cannot be told/);
  });

  it('skips existing rows with onConflictDoNothing', async () => {
    const row = { storeId, code: 'DUP', name: '重复', type: 'body' as const };
    const insert = () => asSystem(database.db, (tx) => bulkInsert(tx, bays, ['storeId', 'code', 'name', 'type'], [row], { onConflictDoNothing: true, returning: ['id'] }));
    expect(await insert()).toHaveLength(1);
    expect(await insert()).toHaveLength(0);
  });
});
