import { maskAnyPhone, maskName, personalDataView, type Customer, type PersonalDataView } from '#contracts/customers';
import type { OdometerReading, PartyRef, Vehicle } from '#contracts/customers-vehicles';
import { formatPlate } from '#contracts/vehicle';
import type { Ctx } from '../../platform/context';
import type { CustomerRow, ModelInfo, ReadingRow, VehicleRow } from './customers.repository';

/**
 * Row → API shapes, applying the personal-data rules of the caller's role (SPEC §3): phones masked
 * in every list and search answer (a full number there is an audited reveal), and on the file page
 * unless the role may reveal them; in lists and search, persons' names masked too for roles that do
 * not keep the files. `list: false` is the file page (names in full).
 */
export interface Presentation extends PersonalDataView {
  /** A list or search answer (names may be masked); false on the file page. */
  list: boolean;
}

export function presentationOf(ctx: Ctx, list: boolean): Presentation {
  return { ...personalDataView(ctx.actor.permissions), list };
}

export const fullPresentation: Presentation = { phones: true, names: true, list: false };

export function phoneFor(p: Presentation, phone: string | null): string | null {
  return phone === null ? null : p.phones && !p.list ? phone : maskAnyPhone(phone);
}

export function nameFor(p: Presentation, row: Pick<CustomerRow, 'name' | 'kind'>): string {
  return !p.list || p.names ? row.name : maskName(row.name, row.kind);
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

export function toCustomer(row: CustomerRow, p: Presentation): Customer {
  return {
    id: row.id,
    kind: row.kind,
    name: nameFor(p, row),
    nameInitials: !p.list || p.names ? row.nameInitials : '',
    mobile: phoneFor(p, row.mobile),
    otherPhones: row.otherPhones.map((ph) => phoneFor(p, ph)!),
    masked: !p.phones || p.list,
    address: row.address,
    source: row.source,
    outletName: row.outletName,
    consent: { phone: row.consentPhone, sms: row.consentSms, wechat: row.consentWechat },
    preferredAdvisorId: row.preferredAdvisorId,
    tags: row.tags,
    notes: row.notes,
    completeness: row.completeness,
    missing: row.completenessMissing,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toParty(row: CustomerRow | undefined, p: Presentation): PartyRef | null {
  if (!row) return null;
  return { id: row.id, kind: row.kind, name: nameFor(p, row), mobile: phoneFor(p, row.mobile) };
}

export function toVehicle(row: VehicleRow, p: Presentation, people: Map<number, CustomerRow>, models: Map<number, ModelInfo>): Vehicle {
  return {
    id: row.id,
    vin: row.vin,
    plate: row.plate,
    plateDisplay: row.plate === null ? null : formatPlate(row.plate),
    vehicleModelId: row.vehicleModelId,
    modelName: row.vehicleModelId === null ? null : (models.get(row.vehicleModelId)?.name ?? null),
    colour: row.colour,
    engineNo: row.engineNo,
    purchaseDate: row.purchaseDate,
    soldByUs: row.soldByUs,
    warrantyStart: row.warrantyStart,
    insuranceCompany: row.insuranceCompany,
    insuranceExpiry: row.insuranceExpiry,
    extendedWarrantyUntil: row.extendedWarrantyUntil,
    extendedWarrantyKm: row.extendedWarrantyKm,
    ownerId: row.ownerId,
    driverId: row.driverId,
    owner: row.ownerId === null ? null : toParty(people.get(row.ownerId), p),
    driver: row.driverId === null ? null : toParty(people.get(row.driverId), p),
    currentMileageKm: row.currentMileageKm,
    mileageReadAt: iso(row.mileageReadAt),
    avgKmPerDay: row.avgKmPerDay,
    lastServiceDate: row.lastServiceDate,
    lastServiceKm: row.lastServiceKm,
    nextDueDate: row.nextDueDate,
    nextDueKm: row.nextDueKm,
    lastVisitAt: iso(row.lastVisitAt),
    completeness: row.completeness,
    missing: row.completenessMissing,
    notes: row.notes,
    mergedIntoId: row.mergedIntoId,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function toReading(row: ReadingRow): OdometerReading {
  return {
    id: row.id,
    km: row.km,
    readAt: row.readAt.toISOString(),
    service: row.service,
    reason: row.reason,
    broughtByCustomerId: row.broughtByCustomerId,
    broughtByName: row.broughtByName,
    refType: row.refType,
    refId: row.refId,
  };
}
