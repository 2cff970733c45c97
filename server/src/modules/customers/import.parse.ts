import ExcelJS from 'exceljs';
import type { z } from 'zod';
import { LocalDateSchema } from '#contracts/common';
import {
  CUSTOMER_KIND_LABELS,
  CUSTOMER_KINDS,
  CUSTOMER_SOURCE_LABELS,
  CUSTOMER_SOURCES,
  MobileSchema,
  OtherPhoneSchema,
  TagSchema,
  type CustomerKind,
  type CustomerSource,
} from '#contracts/customers';
import { IMPORT_COLUMNS, type ImportColumnKey, type ImportRejection } from '#contracts/customers-tools';
import { MILEAGE_MAX_KM, PlateSchema, VinSchema } from '#contracts/customers-vehicles';
import { isMessageKey, MESSAGES, type MessageKey } from '#contracts/messages';

/**
 * Reading the import workbook (pure: no database). Each data row becomes a customer (+ vehicle,
 * + driver) or a list of rejections naming the Excel row, the column header and the reason.
 */

export interface ParsedRow {
  row: number;
  customer: {
    kind: CustomerKind;
    name: string;
    mobile: string | null;
    otherPhones: string[];
    address: string;
    source: CustomerSource | null;
    outletName: string;
    consentPhone: boolean | null;
    consentSms: boolean | null;
    consentWechat: boolean | null;
    tags: string[];
    notes: string;
  };
  vehicle: {
    vin: string | null;
    plate: string | null;
    model: string;
    colour: string;
    engineNo: string;
    purchaseDate: string | null;
    soldByUs: boolean;
    warrantyStart: string | null;
    insuranceCompany: string;
    insuranceExpiry: string | null;
    extendedWarrantyUntil: string | null;
    extendedWarrantyKm: number | null;
    mileageKm: number | null;
  } | null;
  driver: { name: string; mobile: string | null } | null;
}

export const MAX_IMPORT_ROWS = 20_000;

export class ImportFileError extends Error {}

/** The text of a cell whatever Excel stored: numbers as typed, dates as YYYY-MM-DD. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(value);
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

/** Headers match with or without the hint in brackets and the required mark. */
const headerKey = (h: string) => h.replace(/[（(].*$/, '').replace(/[*＊\s]/g, '');
const HEADER_TO_KEY = new Map(IMPORT_COLUMNS.map((c) => [headerKey(c.header), c.key]));
const HEADER_OF = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.header]));

const YES = new Set(['是', 'y', 'yes', 'true', '1', '同意', '√']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '不同意', '×']);

function parseLabel<T extends string>(text: string, values: readonly T[], labels: Record<T, { zh: string; en: string }>): T | undefined {
  const t = text.trim().toLowerCase();
  return values.find((v) => v === t || labels[v].zh === text.trim() || labels[v].en.toLowerCase() === t);
}

export async function readWorkbook(buffer: Buffer): Promise<{ header: Map<number, ImportColumnKey>; rows: { row: number; cells: Map<ImportColumnKey, string> }[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new ImportFileError('not an xlsx file');
  }
  const sheet = wb.getWorksheet('客户车辆') ?? wb.worksheets[0];
  if (!sheet) throw new ImportFileError('no worksheet');
  const header = new Map<number, ImportColumnKey>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = HEADER_TO_KEY.get(headerKey(cellText(cell.value)));
    if (key) header.set(col, key);
  });
  if (![...header.values()].includes('name')) throw new ImportFileError('no 客户姓名 column');
  const rows: { row: number; cells: Map<ImportColumnKey, string> }[] = [];
  sheet.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<ImportColumnKey, string>();
    r.eachCell((cell, col) => {
      const key = header.get(col);
      if (key) {
        const text = cellText(cell.value);
        if (text !== '') cells.set(key, text);
      }
    });
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) throw new ImportFileError(`more than ${MAX_IMPORT_ROWS} rows`);
  return { header, rows };
}

function reasonOf(key: MessageKey | string): { zh: string; en: string } {
  return isMessageKey(key) ? MESSAGES[key] : { zh: key, en: key };
}

/** Validates one row; `problems` gets one entry per bad cell. */
export function parseRow(row: number, cells: Map<ImportColumnKey, string>, problems: ImportRejection[]): ParsedRow | null {
  const before = problems.length;
  const reject = (key: ImportColumnKey, reason: MessageKey | string) => problems.push({ row, column: HEADER_OF.get(key)!, reason: reasonOf(reason) });
  const text = (key: ImportColumnKey, max = 200) => {
    const v = cells.get(key) ?? '';
    if (v.length > max) reject(key, 'import.tooLong');
    return v.slice(0, max);
  };
  const zodField = <T>(key: ImportColumnKey, schema: z.ZodType<T>): T | null => {
    const v = cells.get(key);
    if (v === undefined) return null;
    const r = schema.safeParse(v);
    if (r.success) return r.data;
    const message = r.error.issues[0]?.message ?? 'import.required';
    reject(key, isMessageKey(message) ? message : message);
    return null;
  };
  const yesNo = (key: ImportColumnKey): boolean | null => {
    const v = cells.get(key)?.toLowerCase();
    if (v === undefined) return null;
    if (YES.has(v)) return true;
    if (NO.has(v)) return false;
    reject(key, 'import.yesNo');
    return null;
  };
  const date = (key: ImportColumnKey) => zodField(key, LocalDateSchema);
  const whole = (key: ImportColumnKey): number | null => {
    const v = cells.get(key);
    if (v === undefined) return null;
    const n = Number(v.replace(/[,，\s]/g, ''));
    if (!Number.isInteger(n) || n < 0 || n > MILEAGE_MAX_KM) {
      reject(key, 'import.number');
      return null;
    }
    return n;
  };
  const list = <T>(key: ImportColumnKey, schema: z.ZodType<T>): T[] => {
    const v = cells.get(key);
    if (v === undefined) return [];
    const out: T[] = [];
    for (const part of v.split(/[,，;；、]/).map((s) => s.trim()).filter(Boolean)) {
      const r = schema.safeParse(part);
      if (r.success) out.push(r.data);
      else reject(key, r.error.issues[0]?.message ?? 'import.required');
    }
    return out;
  };

  const name = text('name', 100);
  if (name === '') reject('name', 'import.required');
  const kindText = cells.get('kind');
  const kind = kindText === undefined ? 'person' : parseLabel(kindText, CUSTOMER_KINDS, { ...CUSTOMER_KIND_LABELS, company: { zh: '单位', en: 'company' } });
  if (kind === undefined) reject('kind', 'import.kind');
  const sourceText = cells.get('source');
  const source = sourceText === undefined ? null : (parseLabel(sourceText, CUSTOMER_SOURCES, CUSTOMER_SOURCE_LABELS) ?? undefined);
  if (source === undefined) reject('source', 'import.source');
  const outletName = text('outletName', 100);
  if (source === 'outlet' && outletName === '') reject('outletName', 'customer.outletRequired');
  const mobile = zodField('mobile', MobileSchema);
  const otherPhones = list('otherPhones', OtherPhoneSchema).slice(0, 5);
  const tags = [...new Set(list('tags', TagSchema))].slice(0, 20);

  const vin = zodField('vin', VinSchema);
  const plate = zodField('plate', PlateSchema);
  const hasVehicle = cells.has('vin') || cells.has('plate');
  const vehicleOnly: ImportColumnKey[] = ['model', 'colour', 'engineNo', 'purchaseDate', 'soldByUs', 'warrantyStart', 'insuranceCompany', 'insuranceExpiry', 'extendedWarrantyUntil', 'extendedWarrantyKm', 'mileageKm'];
  if (!hasVehicle && vehicleOnly.some((k) => cells.has(k))) reject('vin', 'vehicle.identifier');

  const vehicle: ParsedRow['vehicle'] = hasVehicle
    ? {
        vin,
        plate,
        model: text('model', 200),
        colour: text('colour', 30),
        engineNo: text('engineNo', 40),
        purchaseDate: date('purchaseDate'),
        soldByUs: yesNo('soldByUs') ?? false,
        warrantyStart: date('warrantyStart'),
        insuranceCompany: text('insuranceCompany', 60),
        insuranceExpiry: date('insuranceExpiry'),
        extendedWarrantyUntil: date('extendedWarrantyUntil'),
        extendedWarrantyKm: whole('extendedWarrantyKm'),
        mileageKm: whole('mileageKm'),
      }
    : null;
  const driverName = text('driverName', 100);
  const driverMobile = zodField('driverMobile', MobileSchema);
  const driver = driverName || driverMobile ? { name: driverName || '使用人', mobile: driverMobile } : null;

  const customer: ParsedRow['customer'] = {
    kind: kind ?? 'person',
    name,
    mobile,
    otherPhones: otherPhones.filter((p) => p !== mobile),
    address: text('address', 200),
    source: source ?? null,
    outletName,
    consentPhone: yesNo('consentPhone'),
    consentSms: yesNo('consentSms'),
    consentWechat: yesNo('consentWechat'),
    tags,
    notes: text('notes', 2000),
  };
  return problems.length > before ? null : { row, customer, vehicle, driver };
}
