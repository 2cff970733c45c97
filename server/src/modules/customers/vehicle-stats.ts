import type { NextDue } from '#contracts/customers-vehicles';
import { addDays, addMonths, daysBetween, todayIn } from '../../platform/local-time';

/**
 * What a vehicle's odometer readings say (SPEC §3, §11): current mileage, average km/day, the last
 * service and the next maintenance due by date and by km. Pure: the service loads the readings and
 * the model's interval, this computes, the repository stores the result on the vehicle.
 */

export interface ReadingInput {
  km: number;
  readAt: Date;
  service: boolean;
}

export interface VehicleStats {
  currentMileageKm: number | null;
  mileageReadAt: Date | null;
  avgKmPerDay: number | null;
  lastServiceDate: string | null;
  lastServiceKm: number | null;
  lastVisitAt: Date | null;
  nextDueDate: string | null;
  nextDueKm: number | null;
  nextDue: NextDue | null;
}

/** An average above this (km/day) is a data error (a used car's purchase date, a typo), not a pattern. */
export const MAX_PLAUSIBLE_KM_PER_DAY = 1500;

/**
 * - Readings are taken in time order; a reading lower than the one before it (meter replaced,
 *   corrected typo — it carries a reason) starts a new series, and the average uses the last series.
 * - Average km/day: (last − first) / days between them when they are at least a day apart; with a
 *   single usable reading, km / days since the purchase date (a new car starts at 0). Implausible
 *   averages (> MAX_PLAUSIBLE_KM_PER_DAY) are dropped.
 * - Next due counts from the last service reading; without one from the purchase date at 0 km;
 *   without that from the first reading. By date: base + interval months; by km: base km + interval
 *   km, reached on an estimated day at the average km/day. The due date is the earlier of the two.
 */
export function computeVehicleStats(input: {
  readings: readonly ReadingInput[];
  purchaseDate: string | null;
  interval: { months: number; km: number } | null;
  timeZone: string;
  today: string;
}): VehicleStats {
  const readings = [...input.readings].sort((a, b) => a.readAt.getTime() - b.readAt.getTime());
  const dayOf = (r: ReadingInput) => todayIn(input.timeZone, r.readAt);
  const last = readings.at(-1) ?? null;

  let seriesStart = 0;
  for (let i = 1; i < readings.length; i++) if (readings[i]!.km < readings[i - 1]!.km) seriesStart = i;
  const series = readings.slice(seriesStart);
  let avg: number | null = null;
  const first = series[0];
  if (first && last) {
    const span = daysBetween(dayOf(first), dayOf(last));
    if (series.length >= 2 && span >= 1) avg = (last.km - first.km) / span;
    else if (seriesStart === 0 && input.purchaseDate) {
      const sincePurchase = daysBetween(input.purchaseDate, dayOf(last));
      if (sincePurchase >= 1) avg = last.km / sincePurchase;
    }
  }
  if (avg !== null && (avg < 0 || avg > MAX_PLAUSIBLE_KM_PER_DAY)) avg = null;
  if (avg !== null) avg = Math.round(avg * 10) / 10;

  const lastService = [...readings].reverse().find((r) => r.service) ?? null;
  const base = lastService
    ? { date: dayOf(lastService), km: lastService.km }
    : input.purchaseDate
      ? { date: input.purchaseDate, km: 0 }
      : readings[0]
        ? { date: dayOf(readings[0]), km: readings[0].km }
        : null;

  let nextDue: NextDue | null = null;
  if (base && input.interval) {
    const byDate = addMonths(base.date, input.interval.months);
    const byKm = base.km + input.interval.km;
    let byKmEstimatedDate: string | null = null;
    if (last && avg !== null && avg > 0) byKmEstimatedDate = addDays(dayOf(last), Math.ceil((byKm - last.km) / avg));
    else if (last && last.km >= byKm) byKmEstimatedDate = dayOf(last);
    const date = byKmEstimatedDate !== null && byKmEstimatedDate < byDate ? byKmEstimatedDate : byDate;
    nextDue = {
      intervalMonths: input.interval.months,
      intervalKm: input.interval.km,
      baseDate: base.date,
      baseKm: base.km,
      byDate,
      byKm,
      byKmEstimatedDate,
      date,
      overdue: date < input.today || (last !== null && last.km >= byKm),
    };
  }

  return {
    currentMileageKm: last?.km ?? null,
    mileageReadAt: last?.readAt ?? null,
    avgKmPerDay: avg,
    lastServiceDate: lastService ? dayOf(lastService) : null,
    lastServiceKm: lastService?.km ?? null,
    lastVisitAt: last?.readAt ?? null,
    nextDueDate: nextDue?.date ?? null,
    nextDueKm: nextDue?.byKm ?? null,
    nextDue,
  };
}
