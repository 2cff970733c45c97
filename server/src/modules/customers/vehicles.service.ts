import type { CappedPage } from '#contracts/customers';
import type {
  OdometerCreate,
  OdometerReading,
  TimelineQuery,
  Vehicle,
  VehicleCreate,
  VehicleListQuery,
  VehiclePage,
  VehicleUpdate,
} from '#contracts/customers-vehicles';
import { MESSAGES } from '#contracts/messages';
import { formatPlate } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { assertVehicleModelInStore } from '../vehicle-models';
import * as repo from './customers.repository';
import { duplicateError, mergedAlready, vehicleCandidate } from './customers.service';
import { refreshCustomers, refreshVehicle } from './derived';
import { addTimelineEvent, listTimeline } from './timeline';
import { computeVehicleStats } from './vehicle-stats';
import { fullPresentation, presentationOf, toReading, toVehicle, type Presentation } from './views';
import { todayIn } from '../../platform/local-time';

export const VEHICLE = { zh: '车辆档案', en: 'Vehicle file' };

const UNKNOWN_CUSTOMER = { zh: '客户档案不存在', en: 'Unknown customer file' };

/** Readings may be typed a little ahead of the server clock, not more. */
const CLOCK_SKEW_MS = 5 * 60_000;

async function peopleOf(tx: Executor, storeId: number, rows: readonly repo.VehicleRow[]) {
  const ids = rows.flatMap((r) => [r.ownerId, r.driverId]).filter((id): id is number => id !== null);
  return new Map((await repo.findCustomersByIds(tx, storeId, ids)).map((c) => [c.id, c]));
}

export async function presentVehicles(tx: Executor, storeId: number, rows: readonly repo.VehicleRow[], p: Presentation): Promise<Vehicle[]> {
  const people = await peopleOf(tx, storeId, rows);
  const models = await repo.modelsByIds(tx, storeId, rows.map((r) => r.vehicleModelId));
  return rows.map((r) => toVehicle(r, p, people, models));
}

async function checkParty(tx: Executor, storeId: number, id: number | null, field: string) {
  if (id === null) return;
  const row = await repo.findCustomer(tx, storeId, id);
  if (!row || row.mergedIntoId !== null) throw invalidField(field, UNKNOWN_CUSTOMER);
}

async function checkReferences(tx: Executor, storeId: number, input: { vehicleModelId: number | null; ownerId: number | null; driverId: number | null }) {
  if (input.vehicleModelId !== null) await assertVehicleModelInStore(tx, storeId, input.vehicleModelId, 'vehicleModelId');
  await checkParty(tx, storeId, input.ownerId, 'ownerId');
  await checkParty(tx, storeId, input.driverId, 'driverId');
}

/**
 * Same VIN → always refused (a VIN is one car; merge the files instead). Same plate → refused unless
 * the request confirms it (plates are re-issued and transferred). Only changed keys are checked.
 */
async function refuseDuplicates(
  tx: Executor,
  storeId: number,
  key: { vin: string | null; plate: string | null; confirmDuplicate: boolean },
  exceptId?: number,
) {
  const twins = await repo.findVehicleTwins(tx, storeId, { vin: key.vin, plate: key.confirmDuplicate ? null : key.plate }, exceptId);
  if (twins.length === 0) return;
  throw duplicateError(twins.map((t) => vehicleCandidate(t, key.vin !== null && t.vin === key.vin ? 'vin' : 'plate')));
}

/** The database's unique VIN index catches what a concurrent save slipped past the check. */
async function translateVinRace<T>(vin: string | null, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const e = err as { code?: string; cause?: { code?: string } };
    if ((e.code ?? e.cause?.code) === '23505' && vin) throw duplicateError([{ type: 'vehicle', id: 0, title: vin, matched: 'vin' }]);
    throw err;
  }
}

function vehicleFields(input: Omit<VehicleUpdate, 'version' | 'confirmDuplicate'>) {
  const { vin, plate, vehicleModelId, colour, engineNo, purchaseDate, soldByUs, warrantyStart, insuranceCompany, insuranceExpiry } = input;
  const { extendedWarrantyUntil, extendedWarrantyKm, ownerId, driverId, notes } = input;
  return {
    vin,
    plate,
    vehicleModelId,
    colour,
    engineNo,
    purchaseDate,
    soldByUs,
    warrantyStart,
    insuranceCompany,
    insuranceExpiry,
    extendedWarrantyUntil,
    extendedWarrantyKm,
    ownerId,
    driverId,
    notes,
  };
}

const vehicleTitle = (row: repo.VehicleRow) => (row.plate ? formatPlate(row.plate) : (row.vin ?? `#${row.id}`));
const auditView = (row: repo.VehicleRow) => toVehicle(row, fullPresentation, new Map(), new Map());

export function listVehicles(ctx: Ctx, query: VehicleListQuery): Promise<CappedPage<Vehicle>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total, totalCapped } = await repo.listVehicles(tx, ctx.storeId, query);
    return { ...pageOf(query, await presentVehicles(tx, ctx.storeId, rows, presentationOf(ctx, true)), total), totalCapped };
  });
}

/** The vehicle page inside the caller's store transaction (the repair-order module's reception). */
export async function loadVehiclePage(tx: Executor, ctx: Ctx, id: number): Promise<VehiclePage> {
  const row = await repo.findVehicle(tx, ctx.storeId, id);
  if (!row) throw notFound(VEHICLE);
  const [vehicle] = await presentVehicles(tx, ctx.storeId, [row], presentationOf(ctx, false));
  const readings = await repo.readingsOf(tx, ctx.storeId, id);
  const models = await repo.modelsByIds(tx, ctx.storeId, [row.vehicleModelId]);
  const model = row.vehicleModelId === null ? undefined : models.get(row.vehicleModelId);
  // Computed afresh: "overdue" depends on today.
  const stats = computeVehicleStats({
    readings,
    purchaseDate: row.purchaseDate,
    interval: model ? { months: model.intervalMonths, km: model.intervalKm } : null,
    timeZone: ctx.timeZone,
    today: todayIn(ctx.timeZone, new Date()),
  });
  return { ...vehicle!, odometer: readings.map(toReading), nextDue: stats.nextDue };
}

/** What reception copies onto a repair order: the car's identity, its owner and its model. */
export interface VehicleForVisit {
  id: number;
  ownerId: number | null;
  ownerName: string;
  plateDisplay: string | null;
  vin: string | null;
  modelName: string;
  mergedIntoId: number | null;
}

export async function vehicleForVisit(tx: Executor, storeId: number, id: number): Promise<VehicleForVisit> {
  const row = await repo.findVehicleForVisit(tx, storeId, id);
  if (!row) throw notFound(VEHICLE);
  return {
    id: row.id,
    ownerId: row.ownerId,
    ownerName: row.ownerName ?? '',
    plateDisplay: row.plate === null ? null : formatPlate(row.plate),
    vin: row.vin,
    modelName: row.brand === null ? '' : repo.modelLabel({ brand: row.brand, series: row.series ?? '', model: row.model ?? '', year: row.year }),
    mergedIntoId: row.mergedIntoId,
  };
}

export function getVehiclePage(ctx: Ctx, id: number): Promise<VehiclePage> {
  return inStore(ctx.db, ctx.storeId, (tx) => loadVehiclePage(tx, ctx, id));
}

export function createVehicle(ctx: Ctx, input: VehicleCreate): Promise<VehiclePage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await checkReferences(tx, ctx.storeId, input);
    await refuseDuplicates(tx, ctx.storeId, input);
    const created = await translateVinRace(input.vin, () =>
      repo.insertVehicle(tx, { storeId: ctx.storeId, ...vehicleFields(input) }),
    );
    if (input.mileageKm !== null) {
      await repo.insertReading(tx, { storeId: ctx.storeId, vehicleId: created.id, km: input.mileageKm, readAt: new Date(), service: false, createdBy: ctx.actor.userId });
    }
    const { row } = await refreshVehicle(tx, ctx, created);
    await refreshCustomers(tx, ctx.storeId, [row.ownerId]);
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: row.id,
      customerId: row.ownerId,
      kind: 'vehicle_created',
      title: `车辆建档：${vehicleTitle(row)}`,
      actor: ctx.actor,
    });
    await writeAudit(ctx, tx, { action: 'vehicle.created', entity: 'vehicle', entityId: row.id, after: auditView(row) });
    return loadVehiclePage(tx, ctx, row.id);
  });
}

export function updateVehicle(ctx: Ctx, id: number, input: VehicleUpdate): Promise<VehiclePage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await repo.findVehicle(tx, ctx.storeId, id, { forUpdate: true });
    if (!before) throw notFound(VEHICLE);
    if (before.mergedIntoId !== null) throw mergedAlready();
    await checkReferences(tx, ctx.storeId, {
      vehicleModelId: input.vehicleModelId === before.vehicleModelId ? null : input.vehicleModelId,
      ownerId: input.ownerId === before.ownerId ? null : input.ownerId,
      driverId: input.driverId === before.driverId ? null : input.driverId,
    });
    await refuseDuplicates(
      tx,
      ctx.storeId,
      {
        vin: input.vin !== before.vin ? input.vin : null,
        plate: input.plate !== before.plate ? input.plate : null,
        confirmDuplicate: input.confirmDuplicate,
      },
      id,
    );
    const updated = await translateVinRace(input.vin, () => repo.updateVehicle(tx, ctx.storeId, id, input.version, vehicleFields(input)));
    if (!updated) throw staleVersion();
    const { row } = await refreshVehicle(tx, ctx, updated);
    await refreshCustomers(tx, ctx.storeId, [before.ownerId, row.ownerId]);
    if (before.ownerId !== row.ownerId) {
      await addTimelineEvent(tx, ctx.storeId, {
        vehicleId: id,
        customerId: row.ownerId,
        kind: 'owner_changed',
        title: '车主变更',
        data: { fromCustomerId: before.ownerId, toCustomerId: row.ownerId },
        actor: ctx.actor,
      });
    }
    await writeAudit(ctx, tx, { action: 'vehicle.updated', entity: 'vehicle', entityId: id, before: auditView(before), after: auditView(row) });
    return loadVehiclePage(tx, ctx, id);
  });
}

/**
 * Records the odometer at a visit (SPEC §3): a reading below the one before it needs a reason;
 * mileage, km/day and the next due are recomputed, and the visit joins the timeline.
 */
export function addOdometerReading(ctx: Ctx, id: number, input: OdometerCreate): Promise<VehiclePage> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await recordOdometer(tx, ctx, id, input);
    return loadVehiclePage(tx, ctx, id);
  });
}

/**
 * `addOdometerReading` inside the caller's store transaction: reception records the reading with
 * the repair order it opens (`ref` links the visit on the timeline to the RO).
 */
export async function recordOdometer(
  tx: Executor,
  ctx: Ctx,
  id: number,
  input: OdometerCreate,
  ref?: { type: string; id: number; title: string },
): Promise<OdometerReading> {
  {
    const vehicle = await repo.findVehicle(tx, ctx.storeId, id, { forUpdate: true });
    if (!vehicle) throw notFound(VEHICLE);
    if (vehicle.mergedIntoId !== null) throw mergedAlready();
    const now = Date.now();
    const readAt = input.readAt ? new Date(input.readAt) : new Date(now);
    if (readAt.getTime() > now + CLOCK_SKEW_MS) throw invalidField('readAt', MESSAGES['odometer.future']);
    // Below the reading before it, or (typed late) above the one after it: the odometer went back.
    const previous = await repo.readingBefore(tx, ctx.storeId, id, readAt);
    const next = await repo.readingAfter(tx, ctx.storeId, id, readAt);
    const wentBack = (previous && input.km < previous.km) || (next && input.km > next.km);
    if (wentBack && input.reason === '') throw invalidField('reason', MESSAGES['odometer.reasonRequired']);
    await checkParty(tx, ctx.storeId, input.broughtByCustomerId, 'broughtByCustomerId');
    const reading = await repo.insertReading(tx, {
      storeId: ctx.storeId,
      vehicleId: id,
      km: input.km,
      readAt,
      service: input.service,
      reason: input.reason,
      broughtByCustomerId: input.broughtByCustomerId,
      broughtByName: input.broughtByName,
      createdBy: ctx.actor.userId,
    });
    const { row } = await refreshVehicle(tx, ctx, vehicle);
    // The owner's completeness counts the same vehicle fields: it moves only if the vehicle's did.
    if (row.completenessMissing.join() !== vehicle.completenessMissing.join()) await refreshCustomers(tx, ctx.storeId, [row.ownerId]);
    await addTimelineEvent(tx, ctx.storeId, {
      vehicleId: id,
      customerId: input.broughtByCustomerId ?? row.ownerId,
      kind: 'visit',
      title: `${ref ? `${ref.title}，` : ''}${input.service ? '保养进厂' : '进厂'}，里程 ${input.km.toLocaleString('en-US')} km`,
      refType: ref?.type ?? 'odometer_reading',
      refId: ref?.id ?? reading.id,
      at: readAt,
      data: { km: input.km, service: input.service, reason: input.reason || undefined, broughtByName: input.broughtByName || undefined },
      actor: ctx.actor,
    });
    await writeAudit(ctx, tx, { action: 'vehicle.odometer_recorded', entity: 'vehicle', entityId: id, after: toReading(reading) });
    return toReading(reading);
  }
}

export function vehicleTimeline(ctx: Ctx, id: number, query: TimelineQuery) {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    if (!(await repo.findVehicle(tx, ctx.storeId, id))) throw notFound(VEHICLE);
    return listTimeline(tx, ctx.storeId, { vehicleId: id }, query);
  });
}
