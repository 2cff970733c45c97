import { customerCompleteness, vehicleCompleteness } from '#contracts/customers';
import type { Executor } from '../../db/types';
import * as repo from './customers.repository';
import { computeVehicleStats, type VehicleStats } from './vehicle-stats';
import { todayIn } from '../../platform/local-time';

/**
 * Derived columns kept on the rows for lists, segments and reminders: a vehicle's mileage, km/day,
 * last service, next due and completeness; a customer's completeness (which depends on its
 * vehicles). Recomputed in the same transaction as whatever changed them.
 */

export interface Scope {
  storeId: number;
  timeZone: string;
}

export async function refreshVehicle(tx: Executor, scope: Scope, vehicle: repo.VehicleRow): Promise<{ row: repo.VehicleRow; stats: VehicleStats }> {
  const readings = await repo.readingsOf(tx, scope.storeId, vehicle.id);
  const models = await repo.modelsByIds(tx, scope.storeId, [vehicle.vehicleModelId]);
  const model = vehicle.vehicleModelId === null ? undefined : models.get(vehicle.vehicleModelId);
  const stats = computeVehicleStats({
    readings,
    purchaseDate: vehicle.purchaseDate,
    interval: model ? { months: model.intervalMonths, km: model.intervalKm } : null,
    timeZone: scope.timeZone,
    today: todayIn(scope.timeZone, new Date()),
  });
  const completeness = vehicleCompleteness({ ...vehicle, currentMileageKm: stats.currentMileageKm });
  const row = await repo.setVehicleDerived(tx, scope.storeId, vehicle.id, {
    currentMileageKm: stats.currentMileageKm,
    mileageReadAt: stats.mileageReadAt,
    avgKmPerDay: stats.avgKmPerDay,
    lastServiceDate: stats.lastServiceDate,
    lastServiceKm: stats.lastServiceKm,
    lastVisitAt: stats.lastVisitAt,
    nextDueDate: stats.nextDueDate,
    nextDueKm: stats.nextDueKm,
    completeness: completeness.score,
    completenessMissing: completeness.missing,
  });
  return { row, stats };
}

/** Recomputes the completeness of these customers from their fields and their owned vehicles. */
export async function refreshCustomers(tx: Executor, storeId: number, ids: readonly (number | null | undefined)[]): Promise<void> {
  const wanted = [...new Set(ids.filter((id): id is number => typeof id === 'number'))];
  if (wanted.length === 0) return;
  const rows = await repo.findCustomersByIds(tx, storeId, wanted);
  const owned = await repo.vehiclesOfCustomers(tx, storeId, wanted);
  for (const row of rows) {
    const { score, missing } = customerCompleteness(
      {
        mobile: row.mobile,
        address: row.address,
        consent: { phone: row.consentPhone, sms: row.consentSms, wechat: row.consentWechat },
        source: row.source,
        outletName: row.outletName,
      },
      owned.filter((v) => v.ownerId === row.id),
    );
    if (score !== row.completeness || missing.join() !== row.completenessMissing.join()) {
      await repo.setCustomerCompleteness(tx, storeId, row.id, score, missing);
    }
  }
}
