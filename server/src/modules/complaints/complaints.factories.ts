import { COMPLAINT_DUE_HOURS } from '#contracts/complaints';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { complaints, complaintSteps } from './complaints.table';

let seq = 0;

/** Test factory: a registered complaint (with its customer and vehicle) written straight to the database. */
export async function buildComplaint(db: Executor, storeId: number, overrides: Partial<typeof complaints.$inferInsert> = {}) {
  const customer = overrides.customerId ? { id: overrides.customerId } : await buildCustomer(db, storeId);
  const vehicle = overrides.vehicleId !== undefined ? { id: overrides.vehicleId } : await buildVehicle(db, storeId, { ownerId: customer.id });
  const now = overrides.createdAt ?? new Date();
  const due = COMPLAINT_DUE_HOURS[overrides.severity ?? 'minor'];
  return asSystem(db, async (tx) => {
    const [row] = await tx
      .insert(complaints)
      .values({
        storeId,
        number: `TS-F${++seq}-${Math.random().toString(36).slice(2, 6)}`,
        channel: 'phone',
        category: 'quality',
        severity: 'minor',
        customerId: customer.id,
        vehicleId: vehicle?.id ?? null,
        description: '保养后发动机仍有异响',
        acknowledgeDueAt: new Date(now.getTime() + due.acknowledge * 3_600_000),
        resolveDueAt: new Date(now.getTime() + due.resolve * 3_600_000),
        createdAt: now,
        ...overrides,
      })
      .returning();
    await tx.insert(complaintSteps).values({ storeId, complaintId: row!.id, action: 'register', fromState: null, toState: 'registered', at: now });
    return row!;
  });
}
