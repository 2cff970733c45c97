import type { MergeResult } from '#contracts/customers-tools';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound } from '../../platform/errors';
import * as repo from './customers.repository';
import { CUSTOMER } from './customers.service';
import { refreshCustomers, refreshVehicle } from './derived';
import { customerMergeReferences, repoint, vehicleMergeReferences } from './merge-references';
import { customerSearchColumns } from './search-keys';
import { addTimelineEvent } from './timeline';
import { fullPresentation, toCustomer, toVehicle } from './views';
import { VEHICLE } from './vehicles.service';

/**
 * Merging duplicates (SPEC §3): the file `:id` is merged into `intoId`. Every history row pointing to
 * it (merge-references.ts: vehicles, readings, timeline, and what later modules register) is
 * re-pointed to the survivor, blanks of the survivor are filled from the merged file, and the merged
 * file is kept, marked `merged_into_id`, so old links still resolve. One transaction, audit-logged.
 */

const SELF = { zh: '不能与自身合并', en: 'A file cannot be merged into itself' };
const alreadyMerged = () => new AppError('CONFLICT', { zh: '档案已被合并', en: 'The file has been merged already' });

/** Locks both rows in id order, so two merges of the same pair cannot deadlock. */
async function lockPair<T>(find: (id: number) => Promise<T | undefined>, a: number, b: number): Promise<[T | undefined, T | undefined]> {
  const [first, second] = a < b ? [a, b] : [b, a];
  const rows = new Map<number, T | undefined>();
  rows.set(first, await find(first));
  rows.set(second, await find(second));
  return [rows.get(a), rows.get(b)];
}

const blank = <T>(survivor: T | null, merged: T | null): T | null => (survivor === null || survivor === '' ? merged : survivor);

export function mergeCustomers(ctx: Ctx, id: number, intoId: number): Promise<MergeResult> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const [from, into] = await lockPair((x) => repo.findCustomer(tx, ctx.storeId, x, { forUpdate: true }), id, intoId);
    if (!from) throw notFound(CUSTOMER);
    if (id === intoId) throw invalidField('intoId', SELF);
    if (!into) throw notFound(CUSTOMER);
    if (from.mergedIntoId !== null || into.mergedIntoId !== null) throw alreadyMerged();

    const moved = await repoint(tx, ctx.storeId, customerMergeReferences(), id, intoId);
    const mobile = into.mobile ?? from.mobile;
    const otherPhones = [...new Set([...into.otherPhones, from.mobile, ...from.otherPhones].filter((p): p is string => !!p && p !== mobile))].slice(0, 5);
    const notes = [into.notes, from.notes].filter(Boolean).join('\n');
    await repo.patchCustomer(tx, ctx.storeId, id, { mergedIntoId: intoId, mergedAt: new Date() });
    await repo.patchCustomer(tx, ctx.storeId, intoId, {
      mobile,
      otherPhones,
      address: blank(into.address, from.address) ?? '',
      source: blank(into.source, from.source),
      outletName: blank(into.outletName, from.outletName) ?? '',
      consentPhone: into.consentPhone ?? from.consentPhone,
      consentSms: into.consentSms ?? from.consentSms,
      consentWechat: into.consentWechat ?? from.consentWechat,
      preferredAdvisorId: into.preferredAdvisorId ?? from.preferredAdvisorId,
      tags: [...new Set([...into.tags, ...from.tags])].slice(0, 20),
      notes: notes.slice(0, 2000),
      ...customerSearchColumns({ name: into.name, mobile, otherPhones }),
    });
    await refreshCustomers(tx, ctx.storeId, [id, intoId]);
    const survivor = (await repo.findCustomer(tx, ctx.storeId, intoId))!;
    await addTimelineEvent(tx, ctx.storeId, {
      customerId: intoId,
      kind: 'merged',
      title: `合并档案：${from.name} → ${into.name}`,
      data: { mergedId: id, moved },
      actor: ctx.actor,
    });
    await writeAudit(ctx, tx, {
      action: 'customer.merged',
      entity: 'customer',
      entityId: intoId,
      before: { merged: toCustomer(from, fullPresentation), survivor: toCustomer(into, fullPresentation) },
      after: { survivor: toCustomer(survivor, fullPresentation), moved },
    });
    return { survivorId: intoId, mergedId: id, moved };
  });
}

async function fillVehicleBlanks(tx: Executor, storeId: number, from: repo.VehicleRow, into: repo.VehicleRow) {
  return repo.patchVehicle(tx, storeId, into.id, {
    vin: into.vin ?? from.vin,
    plate: into.plate ?? from.plate,
    vehicleModelId: into.vehicleModelId ?? from.vehicleModelId,
    colour: blank(into.colour, from.colour) ?? '',
    engineNo: blank(into.engineNo, from.engineNo) ?? '',
    purchaseDate: into.purchaseDate ?? from.purchaseDate,
    soldByUs: into.soldByUs || from.soldByUs,
    warrantyStart: into.warrantyStart ?? from.warrantyStart,
    insuranceCompany: blank(into.insuranceCompany, from.insuranceCompany) ?? '',
    insuranceExpiry: into.insuranceExpiry ?? from.insuranceExpiry,
    extendedWarrantyUntil: into.extendedWarrantyUntil ?? from.extendedWarrantyUntil,
    extendedWarrantyKm: into.extendedWarrantyKm ?? from.extendedWarrantyKm,
    ownerId: into.ownerId ?? from.ownerId,
    driverId: into.driverId ?? from.driverId,
    notes: [into.notes, from.notes].filter(Boolean).join('\n').slice(0, 2000),
  });
}

export function mergeVehicles(ctx: Ctx, id: number, intoId: number): Promise<MergeResult> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const [from, into] = await lockPair((x) => repo.findVehicle(tx, ctx.storeId, x, { forUpdate: true }), id, intoId);
    if (!from) throw notFound(VEHICLE);
    if (id === intoId) throw invalidField('intoId', SELF);
    if (!into) throw notFound(VEHICLE);
    if (from.mergedIntoId !== null || into.mergedIntoId !== null) throw alreadyMerged();

    const moved = await repoint(tx, ctx.storeId, vehicleMergeReferences(), id, intoId);
    // Marked first: the survivor may take over the merged file's VIN (unique among unmerged files).
    await repo.patchVehicle(tx, ctx.storeId, id, { mergedIntoId: intoId, mergedAt: new Date() });
    const filled = (await fillVehicleBlanks(tx, ctx.storeId, from, into))!;
    const { row: survivor } = await refreshVehicle(tx, ctx, filled);
    await refreshCustomers(tx, ctx.storeId, [from.ownerId, into.ownerId, survivor.ownerId]);
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: intoId,
      customerId: survivor.ownerId,
      kind: 'merged',
      title: '合并车辆档案',
      data: { mergedId: id, moved },
      actor: ctx.actor,
    });
    const view = (row: repo.VehicleRow) => toVehicle(row, fullPresentation, new Map(), new Map());
    await writeAudit(ctx, tx, {
      action: 'vehicle.merged',
      entity: 'vehicle',
      entityId: intoId,
      before: { merged: view(from), survivor: view(into) },
      after: { survivor: view(survivor), moved },
    });
    return { survivorId: intoId, mergedId: id, moved };
  });
}
