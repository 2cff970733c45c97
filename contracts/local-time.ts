/**
 * Wall-clock arithmetic in a store's time zone (DESIGN §3: "today" and "this month" are the
 * store's): a local day and time (2026-11-24 09:30 in Asia/Shanghai) and the instant it means.
 * Pure (Intl only): the server counts its days with it and the browser, which may be in another
 * zone than the store, turns a picked wall-clock time into the instant it sends.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(at: Date, timeZone: string) {
  const parts = formatter(timeZone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant a local day + HH:mm means in the time zone. */
export function localToInstant(date: string, time: string, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(y, m - 1, d, hh, mm);
  const first = guess - offsetMs(new Date(guess), timeZone);
  const second = guess - offsetMs(new Date(first), timeZone);
  return new Date(second);
}

/** The local day (YYYY-MM-DD) and time (HH:mm) of an instant. */
export function instantToLocal(at: Date, timeZone: string): { date: string; time: string } {
  const w = wallClock(at, timeZone);
  return { date: `${w.year}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** A day-only formatter per time zone: the day of an instant is asked for thousands of times in an import. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The store-local day (YYYY-MM-DD) of an instant, by default now. */
export function todayIn(timeZone: string, now = new Date()): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormatters.set(timeZone, f);
  }
  return f.format(now);
}

/** [start, end) instants of a run of local days. */
export function daysRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  return { start: localToInstant(from, '00:00', timeZone), end: localToInstant(addDays(to, 1), '00:00', timeZone) };
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 2025-01-31 + 1 month = 2025-02-28: the day is clamped to the target month's length. */
export function addMonths(date: string, months: number): string {
  const [y, m0, d] = date.split('-').map(Number) as [number, number, number];
  const m = m0 - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, last))}`;
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

