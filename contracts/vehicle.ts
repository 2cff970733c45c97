/**
 * Identifiers of a Chinese vehicle: VIN (ISO 3779 with the North-American check digit that
 * GB 16735 also uses) and the licence plate (省份简称 + letter + 5 characters, 6 for new energy).
 */
export const PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

const VIN_VALUES: Record<string, number> = {};
'0123456789'.split('').forEach((c, i) => (VIN_VALUES[c] = i));
const letterValues = [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9];
'ABCDEFGHJKLMNPRSTUVWXYZ'.split('').forEach((c, i) => (VIN_VALUES[c] = letterValues[i]!));
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

export const VIN_PATTERN = /^[A-HJ-NPR-Z0-9]{17}$/;

/** The 9th character that makes `vin` valid; positions are 0-based, index 8 is ignored. */
export function vinCheckDigit(vin: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    if (i === 8) continue;
    sum += (VIN_VALUES[vin[i]!] ?? 0) * VIN_WEIGHTS[i]!;
  }
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
}

export function normalizeVin(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export type VinProblem = 'vin.invalid' | 'vin.checkDigit';
export function checkVin(input: string): VinProblem | null {
  const vin = normalizeVin(input);
  if (!VIN_PATTERN.test(vin)) return 'vin.invalid';
  return vin[8] === vinCheckDigit(vin) ? null : 'vin.checkDigit';
}

const PLATE_PATTERN = new RegExp(`^[${PROVINCES}][A-Z][A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳]$`);
const NEW_ENERGY_PATTERN = new RegExp(`^[${PROVINCES}][A-Z](?:[DF][A-HJ-NP-Z0-9]{5}|[0-9]{5}[DF])$`);

/** Plates are typed in any case, with or without the separator dot or spaces; stored as 川A12345. */
export function normalizePlate(input: string): string {
  return input.replace(/[\s·.\-•]/g, '').toUpperCase();
}

export function isValidPlate(input: string): boolean {
  const plate = normalizePlate(input);
  return plate.length === 8 ? NEW_ENERGY_PATTERN.test(plate) : PLATE_PATTERN.test(plate);
}

/** 川A12345 → 川A·12345 */
export function formatPlate(plate: string): string {
  // Idempotent: documents hand out plates already shown as 川A·12345.
  return plate.length > 2 && plate[2] !== '·' ? `${plate.slice(0, 2)}·${plate.slice(2)}` : plate;
}

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;
export function normalizePhone(input: string): string {
  return input.replace(/[\s-]/g, '').replace(/^\+?86/, '');
}
/** 13812341234 → 138****1234 */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
