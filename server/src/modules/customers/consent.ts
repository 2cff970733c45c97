import { and, eq } from 'drizzle-orm';
import type { Consent } from '#contracts/customers';
import type { Executor } from '../../db/types';
import { customers } from './customers.table';

/** What a module that contacts a customer needs: whom to address and what they agreed to (SPEC §3). */
export interface CustomerContact {
  id: number;
  name: string;
  mobile: string | null;
  /** null = never asked: treated as no consent by whoever contacts. */
  consent: Consent;
  mergedIntoId: number | null;
}

/** The customer's contact data and consent per channel (电话/短信/微信), in the caller's transaction. */
export async function customerContact(tx: Executor, storeId: number, customerId: number): Promise<CustomerContact | null> {
  const [row] = await tx
    .select({ id: customers.id, name: customers.name, mobile: customers.mobile, phone: customers.consentPhone, sms: customers.consentSms, wechat: customers.consentWechat, mergedIntoId: customers.mergedIntoId })
    .from(customers)
    .where(and(eq(customers.storeId, storeId), eq(customers.id, customerId)));
  if (!row) return null;
  return { id: row.id, name: row.name, mobile: row.mobile, consent: { phone: row.phone, sms: row.sms, wechat: row.wechat }, mergedIntoId: row.mergedIntoId };
}
