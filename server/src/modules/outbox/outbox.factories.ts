import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { buildCustomer, buildVehicle } from '../customers/customers.factories';
import { messageTemplates } from './outbox.table';

let seq = 0;

/** Test factory: an SMS template using every variable. */
export async function buildMessageTemplate(db: Executor, storeId: number, overrides: Partial<typeof messageTemplates.$inferInsert> = {}) {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(messageTemplates)
      .values({ storeId, name: `模板${++seq}-${Math.random().toString(36).slice(2, 6)}`, channel: 'sms', body: '尊敬的{客户}，您的爱车{车牌}已预约{时间}到店。{门店}', ...overrides })
      .returning(),
  );
  return row!;
}

/** A compose body: a consenting customer with a vehicle and a template of the store. */
export async function composeBody(db: Executor, storeId: number) {
  const template = await buildMessageTemplate(db, storeId);
  const customer = await buildCustomer(db, storeId, { consentSms: true, consentWechat: true });
  const vehicle = await buildVehicle(db, storeId, { ownerId: customer.id });
  return { templateId: template.id, customerId: customer.id, vehicleId: vehicle.id, time: '明天 09:00' };
}
