import { addDays, instantToLocal, localToInstant } from '../../platform/local-time';

/**
 * Clocking arithmetic (SPEC §6): a clock record runs from start/resume to pause/finish; its time
 * belongs to the store-local day(s) it covers, split at local midnight (a job clocked 23:00–01:30
 * gives 1 h to one day and 1.5 h to the next). Pauses are simply the gaps between records.
 */
export interface Interval {
  startedAt: Date;
  endedAt: Date | null;
}

/** Milliseconds of [start, end) per store-local day, in day order. */
export function splitByLocalDay(start: Date, end: Date, timeZone: string): { day: string; ms: number }[] {
  const out: { day: string; ms: number }[] = [];
  if (end.getTime() <= start.getTime()) return out;
  let cursor = start;
  let day = instantToLocal(start, timeZone).date;
  while (cursor.getTime() < end.getTime()) {
    const next = localToInstant(addDays(day, 1), '00:00', timeZone);
    const stop = next.getTime() < end.getTime() ? next : end;
    out.push({ day, ms: stop.getTime() - cursor.getTime() });
    cursor = stop;
    day = addDays(day, 1);
  }
  return out;
}

/**
 * Clocked milliseconds per local day of `records` (an open record runs until `now`), counting only
 * time inside [from, to) when given.
 */
export function clockedByDay(records: Interval[], timeZone: string, now: Date, window?: { from: Date; to: Date }): Map<string, number> {
  const byDay = new Map<string, number>();
  for (const r of records) {
    let start = r.startedAt;
    let end = r.endedAt ?? now;
    if (window) {
      if (start < window.from) start = window.from;
      if (end > window.to) end = window.to;
    }
    for (const { day, ms } of splitByLocalDay(start, end, timeZone)) byDay.set(day, (byDay.get(day) ?? 0) + ms);
  }
  return byDay;
}

/** Hours of the store's opening hours (HH:mm–HH:mm): the default attendance of a working day. */
export function openingHoursLength(opening: { opens: string; closes: string }): number {
  const minutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return Math.max(0, minutes(opening.closes) - minutes(opening.opens)) / 60;
}

export const hoursOf = (ms: number) => ms / 3_600_000;
/** Hours as the API shows them: two decimals. */
export const hoursText = (hours: number) => hours.toFixed(2);
