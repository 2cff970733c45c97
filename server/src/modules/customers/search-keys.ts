import { pinyin } from 'pinyin-pro';
import { normalizePlate, PROVINCES } from '#contracts/vehicle';

/**
 * The search columns of a customer, computed on every save (and by the import) so that the search
 * box can use indexes: see customers.table.ts. Pure functions, shared by the repository and tests.
 */

/** Lower case, without spaces and name separators: what name fragments are matched against. */
export function searchNameOf(name: string): string {
  return name.toLowerCase().replace(/[\s·•.]/g, '');
}

/** Every 1- and 2-character substring, once: `name_grams @> ARRAY[…]` finds any fragment. */
export function gramsOf(searchName: string): string[] {
  const chars = Array.from(searchName);
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The grams a query fragment must all have: itself when short, else its 2-grams. */
export function queryGrams(fragment: string): string[] {
  const chars = Array.from(fragment);
  if (chars.length <= 2) return [fragment];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const WORD_CHAR = /[a-z0-9]/i;

/**
 * Pinyin initials of a name, lower case: 张三 → zs, 单田芳 → stf (surname readings), 四川ABC物流 →
 * scawl (a Latin word gives its first letter), John Smith → js.
 */
export function initialsOf(name: string): string {
  const chars = Array.from(name);
  const initials = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', surname: 'head' });
  let out = '';
  let prevWord = false;
  chars.forEach((c, i) => {
    if (CJK.test(c)) {
      const p = initials[i];
      out += p && /^[a-z]$/i.test(p) ? p.toLowerCase() : '';
      prevWord = false;
    } else if (WORD_CHAR.test(c)) {
      if (!prevWord) out += c.toLowerCase();
      prevWord = true;
    } else {
      prevWord = false;
    }
  });
  return out;
}

/** Every phone's digits, space separated: trigram-indexed for "any 4+ digits" search. */
export function phoneDigitsOf(mobile: string | null, otherPhones: readonly string[]): string {
  return [mobile, ...otherPhones]
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\D/g, ''))
    .join(' ');
}

export function customerSearchColumns(c: { name: string; mobile: string | null; otherPhones: readonly string[] }) {
  const searchName = searchNameOf(c.name);
  return { searchName, nameGrams: gramsOf(searchName), nameInitials: initialsOf(c.name), phoneDigits: phoneDigitsOf(c.mobile, c.otherPhones) };
}

/** What a query fragment could be; the search runs the probes that fit (search.repository.ts). */
export interface QueryShape {
  raw: string;
  /** Lower-cased, separators removed: matched against names. */
  name: string;
  /** Upper-cased plate form (川A12345 / A123): null when it cannot be part of a plate. */
  plate: string | null;
  /** Upper-cased VIN fragment of 6+ characters. */
  vin: string | null;
  /** 4+ digits. */
  digits: string | null;
  /** 2+ Latin letters: pinyin initials. */
  initials: string | null;
  /** Looks like a plate or a VIN: vehicle hits rank first. */
  vehicleLike: boolean;
}

const PLATE_FRAGMENT = new RegExp(`^[${PROVINCES}]?[A-Z0-9挂学警港澳]+$`);

export function shapeOf(q: string): QueryShape {
  const raw = q.trim();
  const name = searchNameOf(raw);
  const compact = raw.replace(/[\s·.\-•]/g, '');
  const upper = normalizePlate(compact);
  const digitsOnly = compact.replace(/^\+?86(?=1\d{10}$)/, '');
  const plateOk = PLATE_FRAGMENT.test(upper) && Array.from(upper).length >= 3 && Array.from(upper).length <= 8;
  const vinOk = /^[A-HJ-NPR-Z0-9]{6,17}$/.test(upper);
  const digits = /^\d{4,}$/.test(digitsOnly) ? digitsOnly : null;
  const initials = /^[a-z]{2,}$/i.test(compact) ? compact.toLowerCase() : null;
  const hasLetterAndDigit = /[A-Z]/.test(upper) && /\d/.test(upper);
  const startsWithProvince = PROVINCES.includes(Array.from(upper)[0] ?? '');
  return {
    raw,
    name,
    plate: plateOk ? upper : null,
    vin: vinOk ? upper : null,
    digits,
    initials,
    vehicleLike: (plateOk && (hasLetterAndDigit || startsWithProvince)) || (vinOk && upper.length >= 10),
  };
}
