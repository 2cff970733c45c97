import type { CareTaskKind } from '#contracts/care';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { HOUR_MS } from '../../platform/clock';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { careTasks, questionnaires } from './care.table';

let seq = 0;

/** A delivered RO of a customer who agreed to phone contact (the scan's source). */
export async function buildDeliveredRo(db: Executor, storeId: number, deliveredAt: Date, overrides: { consentPhone?: boolean | null; advisorId?: number | null; advisorName?: string } = {}) {
  const customer = await buildCustomer(db, storeId, { consentPhone: overrides.consentPhone === undefined ? true : overrides.consentPhone });
  const vehicle = await buildVehicle(db, storeId, { ownerId: customer.id });
  const ro = await buildRepairOrder(db, storeId, {
    vehicleId: vehicle.id,
    customerId: customer.id,
    customerName: customer.name,
    plate: vehicle.plate,
    state: 'delivered',
    openedAt: new Date(deliveredAt.getTime() - 4 * HOUR_MS),
    settledAt: deliveredAt,
    deliveredAt,
    advisorId: overrides.advisorId ?? null,
    advisorName: overrides.advisorName ?? '',
  });
  return { customer, vehicle, ro };
}

/** An open task due within the next day, for a customer with phone consent. */
export async function buildCareTask(db: Executor, storeId: number, overrides: { kind?: CareTaskKind; consentPhone?: boolean | null; now?: Date } = {}) {
  const now = overrides.now ?? new Date();
  const { customer, vehicle, ro } = await buildDeliveredRo(db, storeId, new Date(now.getTime() - 50 * HOUR_MS), { consentPhone: overrides.consentPhone });
  const kind = overrides.kind ?? 'satisfaction';
  const [task] = await asSystem(db, (tx) =>
    tx
      .insert(careTasks)
      .values({
        storeId,
        kind,
        businessKey: `test:${process.pid}:${++seq}`,
        queue: kind === 'supervisor_request' ? 'supervisor' : kind === 'pickup_notice' ? 'service_advisor' : 'customer_service',
        availableAt: new Date(now.getTime() - HOUR_MS),
        dueAt: new Date(now.getTime() + 2 * HOUR_MS),
        vehicleId: vehicle.id,
        customerId: customer.id,
        roId: ro.id,
        roNumber: ro.number,
        plate: vehicle.plate,
        customerName: customer.name,
        subject: '满意度回访',
      })
      .returning(),
  );
  return { task: task!, customer, vehicle, ro };
}

export async function buildQuestionnaire(db: Executor, storeId: number) {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(questionnaires)
      .values({ storeId, name: `问卷${++seq}`, questions: [{ code: 'overall', text: '总体满意度', type: 'score', options: [], required: true }] })
      .returning(),
  );
  return row!;
}
