/**
 * How values look on screen (UX.md): money `¥1,234.50` from integer fen, dates `YYYY-MM-DD`,
 * times 24-hour `HH:mm` in the store's time zone, phones `138****1234`, plates `川A·12345`.
 * No float ever touches money: fen are integers and yuan strings are parsed digit by digit.
 */
import { formatPlate as plate, maskPhone } from '#contracts/vehicle';

const DASH = '—';

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 123450 → `¥1,234.50`; null → `—`. */
export function formatMoney(fen: number | null | undefined): string {
  if (fen == null || !Number.isFinite(fen)) return DASH;
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${groupThousands(String(yuan))}.${cents}`;
}

/** 123450 → `1234.50` (the value of a yuan input). */
export function fenToYuan(fen: number | null | undefined): string | null {
  if (fen == null) return null;
  const abs = Math.abs(Math.round(fen));
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `1234.5` → 123450; anything that is not a non-negative amount with ≤ 2 decimals → null. */
export function yuanToFen(yuan: string | number | null | undefined): number | null {
  if (yuan == null) return null;
  const text = String(yuan).trim().replace(/,/g, '');
  const m = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
}

/** Standard hours as a decimal string (`"1.50"`) times a rate in fen, rounded half up to the fen. */
export function hoursTimesRate(hours: string, rateFen: number): number | null {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(hours.trim());
  if (!m) return null;
  const hundredths = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Math.floor((hundredths * rateFen + 50) / 100);
}

/** `1,234` for counts and kilometres. */
export function formatNumber(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  const [int, frac] = String(Math.abs(value)).split('.');
  return `${value < 0 ? '-' : ''}${groupThousands(int ?? '0')}${frac ? `.${frac}` : ''}`;
}

/** 27.44 → `27.4%` (SPEC: one decimal unless it says two). */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${value.toFixed(digits)}%`;
}

type Parts = Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string>;
const formatters = new Map<string, Intl.DateTimeFormat>();

function partsIn(date: Date, timeZone?: string): Parts {
  const key = timeZone ?? '';
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  const out: Partial<Parts> = {};
  for (const p of f.formatToParts(date)) {
    if (p.type in { year: 1, month: 1, day: 1, hour: 1, minute: 1, second: 1 }) out[p.type as keyof Parts] = p.value;
  }
  return out as Parts;
}

function toDate(value: string | Date | number | null | undefined): Date | null {
  if (value == null || value === '') return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `YYYY-MM-DD` in the store's zone; a plain day string is shown as it is. */
export function formatDate(value: string | Date | number | null | undefined, timeZone?: string): string {
  if (typeof value === 'string' && PLAIN_DAY.test(value)) return value;
  const d = toDate(value);
  if (!d) return DASH;
  const p = partsIn(d, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** `HH:mm`, 24-hour, in the store's zone. */
export function formatTime(value: string | Date | number | null | undefined, timeZone?: string): string {
  const d = toDate(value);
  if (!d) return DASH;
  const p = partsIn(d, timeZone);
  return `${p.hour}:${p.minute}`;
}

/** `YYYY-MM-DD HH:mm` (or with seconds, for audit trails). */
export function formatDateTime(value: string | Date | number | null | undefined, timeZone?: string, seconds = false): string {
  const d = toDate(value);
  if (!d) return DASH;
  const p = partsIn(d, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${seconds ? `:${p.second}` : ''}`;
}

/** `138****1234` unless the viewer may see the full number. */
export function formatPhone(phone: string | null | undefined, masked = true): string {
  if (!phone) return DASH;
  return masked ? maskPhone(phone) : phone;
}

/** `川A12345` → `川A·12345`. */
export function formatPlate(value: string | null | undefined): string {
  return value ? plate(value) : DASH;
}
