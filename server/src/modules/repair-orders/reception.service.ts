import type { ReceptionSuggestion, RepairOrder, RoCreate, RoType } from '#contracts/repair-orders';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField } from '../../platform/errors';
import { nextDocNumber } from '../../platform/doc-numbers';
import { findArrivingAppointment, markAppointmentArrived } from '../appointments';
import { loadVehiclePage, recordOdometer, vehicleForVisit } from '../customers';
import { packageWithItems, suggestPackage } from '../service-items';
import { addLines } from './lines';
import * as repo from './repair-orders.repository';
import { advisorNameOf, assertPromisedInFuture, refreshFigures } from './repair-orders.service';
import { loadRepairOrder } from './views';

/** First free services are the ones at the model's first interval (首保 5,000 km, 二保 10,000 km). */
const FIRST_SERVICE_MAX_KM = 10_000;

/** A masked phone (138****1234) is not a number anyone can call: reception leaves it for the advisor. */
const callable = (phone: string | null | undefined) => (phone && !phone.includes('*') ? phone : '');

/**
 * What reception needs to open an RO in a few clicks (SPEC §5): the car and its people, the last
 * reading, what is due, the package to suggest, today's appointment, declined work to offer again,
 * and an RO already open for the car.
 */
export function receptionSuggestion(ctx: Ctx, vehicleId: number): Promise<ReceptionSuggestion> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const vehicle = await loadVehiclePage(tx, ctx, vehicleId);
    const dueKm = vehicle.nextDue?.byKm ?? null;
    const [pkg, openRo, appointment, declined] = await Promise.all([
      suggestPackage(tx, ctx.storeId, vehicle.vehicleModelId, dueKm),
      repo.openRoOfVehicle(tx, ctx.storeId, vehicleId),
      findArrivingAppointment(tx, ctx.storeId, vehicleId, ctx.timeZone),
      repo.openDeclinedWorkOfVehicle(tx, ctx.storeId, vehicleId),
    ]);
    const priced = pkg ? await packageWithItems(tx, ctx.storeId, pkg.id) : null;
    const lines = (priced?.items ?? []).map((i) => ({ serviceItemId: i.id, description: i.name, jobType: i.jobType, hours: i.standardHours, amountFen: i.priceFen }));
    const suggestedType: RoType = pkg === null ? 'general_repair' : dueKm !== null && dueKm <= FIRST_SERVICE_MAX_KM && vehicle.soldByUs ? 'first_service' : 'periodic_maintenance';
    return {
      vehicleId,
      plate: vehicle.plateDisplay,
      vin: vehicle.vin,
      modelName: vehicle.modelName ?? '',
      ownerId: vehicle.ownerId,
      ownerName: vehicle.owner?.name ?? '',
      driverName: vehicle.driver?.name ?? vehicle.owner?.name ?? '',
      driverPhone: callable(vehicle.driver?.mobile ?? vehicle.owner?.mobile),
      lastOdometerKm: vehicle.currentMileageKm,
      lastVisitAt: vehicle.lastVisitAt,
      nextDueKm: dueKm,
      nextDueDate: vehicle.nextDue?.date ?? null,
      suggestedType,
      suggestedPackage: pkg ? { id: pkg.id, name: pkg.name, mileageKm: pkg.mileageKm, lines, totalFen: lines.reduce((a, l) => a + l.amountFen, 0) } : null,
      openRo: openRo ? { id: openRo.id, number: openRo.number, state: openRo.state } : null,
      appointment: appointment ? { id: appointment.id, number: appointment.number, startsAt: appointment.startsAt.toISOString(), requestedWork: appointment.requestedWork } : null,
      declinedWork: declined.map((w) => ({ id: w.id, description: w.description, amountFen: w.amountFen, raisedAt: w.raisedAt.toISOString(), safety: w.safety })),
    };
  });
}

/**
 * Reception opens the RO (SPEC §5): a draft with the walk-around, the concerns word for word, the
 * package's lines and any others; the odometer reading joins the vehicle's history (a reading below
 * the last one needs a reason) and an arriving appointment is marked arrived.
 */
export function createRepairOrder(ctx: Ctx, input: RoCreate): Promise<RepairOrder> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    assertPromisedInFuture(input.promisedAt);
    const vehicle = await vehicleForVisit(tx, ctx.storeId, input.vehicleId).catch((err: unknown) => {
      if (err instanceof AppError && err.code === 'NOT_FOUND') throw invalidField('vehicleId', { zh: '车辆档案不存在', en: 'Unknown vehicle' });
      throw err;
    });
    if (vehicle.mergedIntoId !== null) throw invalidField('vehicleId', { zh: '该车辆档案已合并，请使用合并后的档案', en: 'This vehicle file was merged into another' });
    const advisorId = input.advisorId ?? ctx.actor.userId;
    const number = await nextDocNumber(tx, ctx.storeId, 'RO', ctx.timeZone);
    const { vehicleId, appointmentId, odometerKm, odometerReason, packageId, lines, promisedAt, ...header } = input;
    const ro = await repo.insertRo(tx, {
      ...header,
      storeId: ctx.storeId,
      number,
      vehicleId,
      appointmentId,
      odometerKm,
      promisedAt: promisedAt ? new Date(promisedAt) : null,
      advisorId,
      advisorName: await advisorNameOf(tx, ctx, advisorId),
      customerId: vehicle.ownerId,
      customerName: vehicle.ownerName,
      plate: vehicle.plateDisplay,
      vin: vehicle.vin,
      modelName: vehicle.modelName,
      createdBy: ctx.actor.userId,
    });
    await recordOdometer(
      tx,
      ctx,
      vehicleId,
      { km: odometerKm, reason: odometerReason, service: header.type === 'periodic_maintenance' || header.type === 'first_service', broughtByCustomerId: null, broughtByName: header.broughtByName },
      { type: 'repair_order', id: ro.id, title: `开委托书 ${number}` },
    ).catch(renameOdometerField);
    if (packageId !== null) {
      const { items } = await packageWithItems(tx, ctx.storeId, packageId).catch(() => {
        throw invalidField('packageId', { zh: '保养套餐不存在', en: 'Unknown maintenance package' });
      });
      const packageLines = items.map((i) => ({ kind: 'labour' as const, serviceItemId: i.id, description: '', jobType: i.jobType, hours: '0', fixedPriceFen: null, payer: 'customer' as const }));
      await addLines(tx, ctx, ro, packageLines, { source: 'estimate', field: 'packageId' });
    }
    await addLines(tx, ctx, ro, lines, { source: 'estimate', field: 'lines' });
    await refreshFigures(tx, ctx, ro);
    if (appointmentId !== null) await markAppointmentArrived(tx, ctx, appointmentId, vehicleId, ro.id);
    await writeAudit(ctx, tx, { action: 'repair_order.created', entity: 'repair_order', entityId: ro.id, after: { number, vehicleId, type: header.type, appointmentId, packageId } });
    return loadRepairOrder(tx, ctx.storeId, ro.id);
  });
}

/** The reading's own field names become the RO form's. */
function renameOdometerField(err: unknown): never {
  if (err instanceof AppError && err.code === 'VALIDATION') {
    const fields = (err.details as { fields?: { path: string; message: { zh: string; en: string } }[] } | undefined)?.fields ?? [];
    const renamed = fields.map((f) => ({ ...f, path: f.path === 'reason' ? 'odometerReason' : f.path === 'km' ? 'odometerKm' : f.path }));
    const first = renamed[0];
    if (first) throw invalidField(first.path, first.message);
  }
  throw err;
}
