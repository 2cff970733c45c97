import type { Client } from '../../../test/app';
import { buildMaintenancePackage } from '../../../test/factories';
import { eq } from 'drizzle-orm';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { buildVehicle } from '../customers/customers.factories';
import { additionalWork, discountRequests, repairOrderLines, repairOrders, settlements } from './repair-orders.table';

/** A vehicle and a package to receive it with. */
export async function receptionFixture(db: Executor, storeId: number) {
  const vehicle = await buildVehicle(db, storeId);
  const pkg = await buildMaintenancePackage(db, storeId);
  return { vehicle, pkg };
}

export function receptionBody(vehicleId: number, overrides: Record<string, unknown> = {}) {
  return {
    vehicleId,
    type: 'periodic_maintenance',
    broughtByName: '张三',
    broughtByPhone: '13812345678',
    odometerKm: 12_000,
    concerns: ['刹车时有异响', '空调不太凉'],
    belongings: ['备胎'],
    fuelLevel: 'half',
    damageMarks: [{ x: 20, y: 30, kind: 'scratch', note: '左前门' }],
    ...overrides,
  };
}

/** Opens an RO through the API (as `advisor`) and returns its JSON. */
export async function openRo(advisor: Client, vehicleId: number, overrides: Record<string, unknown> = {}) {
  const res = await advisor.post('/api/repair-orders', receptionBody(vehicleId, overrides));
  if (res.statusCode !== 201) throw new Error(`open RO failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Moves an RO with `actions` through the transitions endpoint; returns the last answer's JSON. */
export async function drive(client: Client, ro: { id: number; version: number }, actions: string[]) {
  let current = ro;
  for (const action of actions) {
    const res = await client.post(`/api/repair-orders/${current.id}/transitions`, { action, version: current.version, reason: action === 'qc_fail' ? '复检不合格' : '' });
    if (res.statusCode !== 200) throw new Error(`${action} failed: ${res.statusCode} ${res.body}`);
    current = res.json();
  }
  return current as { id: number; version: number; state: string; [k: string]: unknown };
}

/** Signs and takes an RO to `ready` (dispatcher for the workshop moves). */
export async function toReady(advisor: Client, workshop: Client, ro: { id: number; version: number }) {
  const signed = (await advisor.post(`/api/repair-orders/${ro.id}/sign`, { signature: null, version: ro.version })).json();
  return drive(workshop, signed, ['dispatch', 'start', 'submit_qc', 'skip_wash']);
}

let seq = 0;

/**
 * An RO written directly in `state` with one customer-paid labour line of ¥240.00 (1 h × 24,000),
 * for tests of later steps (route examples, the permission matrix).
 */
export async function buildRepairOrder(db: Executor, storeId: number, overrides: Partial<typeof repairOrders.$inferInsert> = {}) {
  const vehicleId = overrides.vehicleId ?? (await buildVehicle(db, storeId)).id;
  return asSystem(db, async (tx) => {
    const [ro] = await tx
      .insert(repairOrders)
      .values({ storeId, number: `RO-T-${process.pid}-${++seq}`, type: 'general_repair', vehicleId, broughtByName: '张三', odometerKm: 1000, fuelLevel: 'half', totalFen: 24000, estimatedHundredths: 100, ...overrides })
      .returning();
    await tx.insert(repairOrderLines).values({ storeId, roId: ro!.id, kind: 'labour', description: '检查', jobType: 'mechanical', hours: '1', rateFen: 24000, amountFen: 24000, payer: 'customer' });
    const [line] = await tx.select().from(repairOrderLines).where(eq(repairOrderLines.roId, ro!.id));
    return { ...ro!, line: line! };
  });
}

export async function buildAdditionalWork(db: Executor, storeId: number, overrides: Partial<typeof additionalWork.$inferInsert> = {}) {
  const ro = await buildRepairOrder(db, storeId, { state: 'in_progress' });
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(additionalWork)
      .values({ storeId, roId: ro.id, vehicleId: ro.vehicleId, description: '更换刹车片', lines: [{ kind: 'labour', serviceItemId: null, description: '更换刹车片', jobType: 'mechanical', hours: '1', fixedPriceFen: null, payer: 'customer' }], amountFen: 24000, ...overrides })
      .returning(),
  );
  return row!;
}

export async function buildDiscountRequest(db: Executor, storeId: number) {
  const ro = await buildRepairOrder(db, storeId, { state: 'ready' });
  const [row] = await asSystem(db, (tx) =>
    tx.insert(discountRequests).values({ storeId, roId: ro.id, labourDiscountFen: 2400, partsDiscountFen: 0, percentOfLabourBp: 1000, reason: '老客户' }).returning(),
  );
  return row!;
}

/** A settled RO with its live settlement. */
export async function buildSettledRepairOrder(db: Executor, storeId: number) {
  const ro = await buildRepairOrder(db, storeId, { state: 'settled', settledAt: new Date() });
  const totals = { labourFen: 24000, partsFen: 0, discountFen: 0, totalFen: 24000, byPayer: [{ payer: 'customer' as const, labourFen: 24000, partsFen: 0, discountFen: 0, totalFen: 24000 }] };
  const [settlement] = await asSystem(db, (tx) =>
    tx
      .insert(settlements)
      .values({ storeId, roId: ro.id, number: `JS-T-${process.pid}-${++seq}`, totals, labourFen: 24000, partsFen: 0, discountFen: 0, totalFen: 24000, gatePassNumber: `CC-T-${seq}` })
      .returning(),
  );
  return { ro, settlement: settlement! };
}
