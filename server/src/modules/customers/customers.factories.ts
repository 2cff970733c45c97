import { customerCompleteness, vehicleCompleteness } from '#contracts/customers';
import { vinCheckDigit } from '#contracts/vehicle';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { customers, customerSegments, vehicles } from './customers.table';
import { customerSearchColumns } from './search-keys';

/** Test factories: valid customer and vehicle files written straight to the database. */

let seq = 0;
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

/** A VIN with a correct check digit; `tail` fixes its last characters (for search tests). */
export function makeVin(tail?: string): string {
  seq++;
  let body = `LSV${Math.random().toString(36).toUpperCase().replace(/[^A-Z0-9]/g, '')}${seq}`.replace(/[IOQ]/g, 'A');
  while (body.length < 17) body += VIN_CHARS[Math.floor(Math.random() * VIN_CHARS.length)];
  body = body.slice(0, 17);
  if (tail) body = body.slice(0, 17 - tail.length) + tail;
  const vin = `${body.slice(0, 8)}0${body.slice(9)}`;
  return `${vin.slice(0, 8)}${vinCheckDigit(vin)}${vin.slice(9)}`;
}

/** An unused-looking mobile: 139 + 8 digits. */
export function makeMobile(): string {
  seq++;
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

/** 川A + 5 characters (no I/O). */
export function makePlate(): string {
  seq++;
  const chars = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
  let tail = '';
  for (let i = 0; i < 5; i++) tail += chars[Math.floor(Math.random() * chars.length)];
  return `川A${tail.replace(/[IO]/g, '0')}`;
}

type CustomerOverrides = Partial<typeof customers.$inferInsert>;

export async function buildCustomer(db: Executor, storeId: number, overrides: CustomerOverrides = {}) {
  const name = overrides.name ?? `客户${++seq}`;
  const mobile = overrides.mobile === undefined ? makeMobile() : overrides.mobile;
  const otherPhones = overrides.otherPhones ?? [];
  const base = {
    storeId,
    kind: 'person' as const,
    name,
    mobile,
    otherPhones,
    address: '成都市武侯区',
    source: 'own_sale' as const,
    ...overrides,
  };
  const { score, missing } = customerCompleteness(
    {
      mobile: base.mobile ?? null,
      address: base.address ?? '',
      consent: { phone: base.consentPhone ?? null, sms: base.consentSms ?? null, wechat: base.consentWechat ?? null },
      source: base.source ?? null,
      outletName: base.outletName ?? '',
    },
    [],
  );
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(customers)
      .values({ ...customerSearchColumns({ name: base.name, mobile: base.mobile ?? null, otherPhones }), completeness: score, completenessMissing: missing, ...base })
      .returning(),
  );
  return row!;
}

export async function buildVehicle(db: Executor, storeId: number, overrides: Partial<typeof vehicles.$inferInsert> = {}) {
  const base = { storeId, vin: makeVin(), plate: makePlate(), ...overrides };
  const { score, missing } = vehicleCompleteness({
    vehicleModelId: base.vehicleModelId ?? null,
    vin: base.vin ?? null,
    plate: base.plate ?? null,
    purchaseDate: base.purchaseDate ?? null,
    insuranceExpiry: base.insuranceExpiry ?? null,
    currentMileageKm: base.currentMileageKm ?? null,
  });
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(vehicles)
      .values({ completeness: score, completenessMissing: missing, ...base })
      .returning(),
  );
  return row!;
}

export async function buildSegment(db: Executor, storeId: number, name = `细分${++seq}`) {
  const [row] = await asSystem(db, (tx) =>
    tx
      .insert(customerSegments)
      .values({ storeId, name, filter: { sources: ['own_sale'] } as never })
      .returning(),
  );
  return row!;
}
