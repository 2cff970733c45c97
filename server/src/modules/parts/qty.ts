/**
 * Part quantities are numeric(12,3) in the database and decimal strings in the API. Arithmetic the
 * SQL cannot do happens here on integer milli-units (BigInt): 1.5 litres = 1500n. No float ever
 * touches a quantity or a value.
 */
export const MILLI = 1000n;

/** "12", "12.5", "-0.250" → milli-units. Throws on anything else (callers validated with zod). */
export function toMilli(q: string | number): bigint {
  const s = String(q).trim();
  const m = /^(-?)(\d+)(?:\.(\d{1,3})\d*)?$/.exec(s);
  if (!m) throw new Error(`not a quantity: ${s}`);
  const [, sign, whole, frac = ''] = m;
  const v = BigInt(whole!) * MILLI + BigInt(frac.padEnd(3, '0'));
  return sign === '-' ? -v : v;
}

/** Milli-units → the API's normalised decimal string: "12", "1.5", "-0.25". */
export function fromMilli(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  const whole = a / MILLI;
  const frac = (a % MILLI).toString().padStart(3, '0').replace(/0+$/, '');
  return `${neg ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** A numeric from the database ("10.000") in the API's form ("10"). */
export const normQty = (q: string | number | null | undefined): string => fromMilli(toMilli(q ?? '0'));

/** Milli-units as an SQL numeric literal parameter ("1.500"). */
export function sqlQty(v: bigint): string {
  const neg = v < 0n;
  const a = neg ? -v : v;
  return `${neg ? '-' : ''}${a / MILLI}.${(a % MILLI).toString().padStart(3, '0')}`;
}

export const isWhole = (v: bigint) => v % MILLI === 0n;

/** a / b rounded half away from zero (b > 0). */
export function roundDiv(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new Error('roundDiv: divisor must be positive');
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return neg ? -q : q;
}

export const absMilli = (v: bigint) => (v < 0n ? -v : v);
export const minMilli = (a: bigint, b: bigint) => (a < b ? a : b);

/** Value in fen of `milli` units at `fenPerUnit`, rounded to the fen. */
export const valueOf = (milli: bigint, fenPerUnit: number | bigint): bigint => roundDiv(milli * BigInt(fenPerUnit), MILLI);

/** Unit cost in fen of `valueFen` spread over `milli` units (0 when there are none). */
export const unitCostOf = (valueFen: bigint, milli: bigint): number => (milli === 0n ? 0 : Number(roundDiv(absMilli(valueFen) * MILLI, absMilli(milli))));
