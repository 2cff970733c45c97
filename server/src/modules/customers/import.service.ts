import ExcelJS from 'exceljs';
import {
  CUSTOMER_SOURCE_LABELS,
  customerCompleteness,
  vehicleCompleteness,
  type CustomerListQuery,
} from '#contracts/customers';
import { IMPORT_COLUMNS, type ImportColumnKey, type ImportRejection, type ImportReport } from '#contracts/customers-tools';
import { MESSAGES } from '#contracts/messages';
import { formatPlate } from '#contracts/vehicle';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import * as repo from './customers.repository';
import { refreshCustomers } from './derived';
import { ImportFileError, parseRow, readWorkbook, type ParsedRow } from './import.parse';
import * as bulk from './import.repository';
import { customerSearchColumns } from './search-keys';
import { computeVehicleStats } from './vehicle-stats';
import { nameFor, phoneFor, presentationOf } from './views';
import { todayIn } from '../../platform/local-time';

/**
 * Excel import and export of customer files (SPEC §3).
 *
 * IMPORT POLICY — valid rows are imported, rejected rows are reported: every row is validated (each
 * bad cell gives row, column and reason); a row with any problem is rejected whole (its customer,
 * vehicle and driver); all the valid rows are written in ONE transaction, so a failure half-way
 * leaves nothing behind and the report always describes exactly what is in the database. `dryRun`
 * validates and reports without writing. Customers are matched by mobile: a mobile already on file
 * (or earlier in the same file) adds the vehicle to that customer instead of a duplicate file; a VIN
 * or plate already on file, or repeated in the file, rejects the row (merge or edit instead).
 */

/** Export cap per file: narrow the filters beyond it. */
export const EXPORT_MAX_CUSTOMERS = 50_000;
const TEMPLATE_ROWS = 10_000;

const HEADER_OF = new Map(IMPORT_COLUMNS.map((c) => [c.key, c.header]));
const columnLetter = (index: number) => {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
};

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The template: the columns with an example row, dropdowns, the store's models and a how-to sheet. */
export function importTemplate(ctx: Ctx): Promise<Buffer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const models = await repo.storeModels(tx, ctx.storeId);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户车辆');
    sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    const example = Object.fromEntries(IMPORT_COLUMNS.map((c) => [c.key, c.example]));
    if (models[0]) example.model = models[0].name;
    sheet.addRow(example);
    styleHeader(sheet);
    const validations = (sheet as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
    const list = (key: ImportColumnKey, formula: string) => {
      const col = columnLetter(IMPORT_COLUMNS.findIndex((c) => c.key === key));
      validations.add(`${col}2:${col}${TEMPLATE_ROWS + 1}`, { type: 'list', allowBlank: true, formulae: [formula] });
    };
    list('kind', '"个人,单位"');
    list('source', `"${Object.values(CUSTOMER_SOURCE_LABELS).map((l) => l.zh).join(',')}"`);
    for (const key of ['consentPhone', 'consentSms', 'consentWechat', 'soldByUs'] as const) list(key, '"是,否"');
    if (models.length) list('model', `'车型'!$B$2:$B$${models.length + 1}`);

    const modelSheet = wb.addWorksheet('车型');
    modelSheet.columns = [
      { header: '车型ID', key: 'id', width: 10 },
      { header: '车型名称（填入“车型”列）', key: 'name', width: 40 },
    ];
    for (const m of models.filter((x) => x.active)) modelSheet.addRow(m);
    styleHeader(modelSheet);

    const help = wb.addWorksheet('说明');
    help.getColumn(1).width = 100;
    [
      '客户车辆档案导入说明',
      '1. 每行一位客户及其一辆车；同一客户多辆车时，每辆车一行，手机号相同即归入同一档案（已有档案按手机号匹配）。',
      '2. “客户姓名”必填；手机号为 11 位大陆手机号；VIN 码 17 位并校验第 9 位校验位；车牌如 川A12345 或新能源 川AD12345。',
      '3. 日期格式 YYYY-MM-DD；是/否列填“是”或“否”；“车型”填“车型”工作表中的名称或车型ID。',
      '4. 有问题的行整行不导入，导入结果会列出每个问题（行号、列、原因）；其余行一次性导入。VIN 或车牌已存在的行不导入，请在系统中合并或修改。',
      '5. 第 2 行为示例，导入前请删除或替换。',
    ].forEach((line, i) => {
      help.getCell(`A${i + 1}`).value = line;
      if (i === 0) help.getCell('A1').font = { bold: true, size: 14 };
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  });
}

export function badFile(detail: string): AppError {
  return new AppError(
    'VALIDATION',
    { zh: `无法读取导入文件：请上传按模板填写的 .xlsx 文件（${detail}）`, en: `Cannot read the import file: upload an .xlsx file made from the template (${detail})` },
    { fields: [{ path: 'file', message: { zh: '文件格式不正确', en: 'Not a valid template file' } }] },
  );
}

const normalizeModel = (s: string) => s.toLowerCase().replace(/\s+/g, '');

export async function importCustomers(ctx: Ctx, file: Buffer, opts: { dryRun: boolean }): Promise<ImportReport> {
  let sheet: Awaited<ReturnType<typeof readWorkbook>>;
  try {
    sheet = await readWorkbook(file);
  } catch (err) {
    if (err instanceof ImportFileError) throw badFile(err.message);
    throw err;
  }
  const problems: ImportRejection[] = [];
  const parsed = sheet.rows.map((r) => parseRow(r.row, r.cells, problems)).filter((r): r is ParsedRow => r !== null);

  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const storeId = ctx.storeId;
    const models = await repo.storeModels(tx, storeId);
    const modelByName = new Map<string, number>();
    for (const m of models) {
      modelByName.set(normalizeModel(m.name), m.id);
      modelByName.set(String(m.id), m.id);
    }
    const vins = parsed.flatMap((r) => (r.vehicle?.vin ? [r.vehicle.vin] : []));
    const plates = parsed.flatMap((r) => (r.vehicle?.plate ? [r.vehicle.plate] : []));
    const onFile = await bulk.vehiclesByKeys(tx, storeId, vins, plates);

    // Row checks against the store and the earlier rows of the file.
    const seenVins = new Set<string>();
    const seenPlates = new Set<string>();
    const accepted: (ParsedRow & { modelId: number | null })[] = [];
    const reject = (row: number, key: ImportColumnKey, reason: keyof typeof MESSAGES) =>
      problems.push({ row, column: HEADER_OF.get(key)!, reason: MESSAGES[reason] });
    for (const r of parsed) {
      const before = problems.length;
      let modelId: number | null = null;
      if (r.vehicle) {
        const { vin, plate, model } = r.vehicle;
        if (vin && onFile.vins.has(vin)) reject(r.row, 'vin', 'import.duplicateVin');
        else if (vin && seenVins.has(vin)) reject(r.row, 'vin', 'import.duplicateInFile');
        if (plate && onFile.plates.has(plate)) reject(r.row, 'plate', 'import.duplicatePlate');
        else if (plate && seenPlates.has(plate)) reject(r.row, 'plate', 'import.duplicateInFile');
        if (model) {
          modelId = modelByName.get(normalizeModel(model)) ?? null;
          if (modelId === null) reject(r.row, 'model', 'import.model');
        }
      }
      if (problems.length > before) continue;
      if (r.vehicle?.vin) seenVins.add(r.vehicle.vin);
      if (r.vehicle?.plate) seenPlates.add(r.vehicle.plate);
      accepted.push({ ...r, modelId });
    }
    problems.sort((a, b) => a.row - b.row);
    const rejectedRows = new Set(problems.map((p) => p.row)).size;

    // Customers: matched by mobile (on file or earlier in the file), else new.
    const mobiles = [...new Set(accepted.flatMap((r) => [r.customer.mobile, r.driver?.mobile ?? null]).filter((m): m is string => !!m))];
    const existing = new Map((await bulk.customersByMobiles(tx, storeId, mobiles)).map((c) => [c.mobile!, c.id]));
    interface NewCustomer {
      key: number;
      fields: ParsedRow['customer'];
    }
    const newCustomers: NewCustomer[] = [];
    const inFile = new Map<string, number>(); // mobile → index in newCustomers
    const matched = new Set<number>();
    type Ref = { existing: number } | { index: number };
    const customerRef = (c: ParsedRow['customer']): Ref => {
      if (c.mobile) {
        const id = existing.get(c.mobile);
        if (id !== undefined) {
          matched.add(id);
          return { existing: id };
        }
        const index = inFile.get(c.mobile);
        if (index !== undefined) return { index };
        inFile.set(c.mobile, newCustomers.length);
      }
      newCustomers.push({ key: newCustomers.length, fields: c });
      return { index: newCustomers.length - 1 };
    };
    const blankPerson = (name: string, mobile: string | null): ParsedRow['customer'] => ({
      kind: 'person',
      name,
      mobile,
      otherPhones: [],
      address: '',
      source: null,
      outletName: '',
      consentPhone: null,
      consentSms: null,
      consentWechat: null,
      tags: [],
      notes: '',
    });
    const plan = accepted.map((r) => ({
      row: r,
      owner: customerRef(r.customer),
      driver: r.driver ? customerRef(blankPerson(r.driver.name, r.driver.mobile)) : null,
    }));
    const vehiclesPlanned = plan.filter((p) => p.row.vehicle);
    const report: ImportReport = {
      dryRun: opts.dryRun,
      rows: sheet.rows.length,
      importedRows: accepted.length,
      rejectedRows,
      customersCreated: newCustomers.length,
      customersMatched: matched.size,
      vehiclesCreated: vehiclesPlanned.length,
      rejected: problems,
    };
    if (opts.dryRun || accepted.length === 0) return report;

    // Ids first, so that vehicles can name their owners and drivers.
    const customerIds = await bulk.allocateIds(tx, 'customers', newCustomers.length);
    const vehicleIds = await bulk.allocateIds(tx, 'vehicles', vehiclesPlanned.length);
    const idOf = (ref: Ref) => ('existing' in ref ? ref.existing : customerIds[ref.index]!);

    const now = new Date();
    const today = todayIn(ctx.timeZone, now);
    const intervals = await repo.modelsByIds(tx, storeId, vehiclesPlanned.map((p) => p.row.modelId));
    const vehicleRows = vehiclesPlanned.map((p, i) => {
      const v = p.row.vehicle!;
      const model = p.row.modelId === null ? undefined : intervals.get(p.row.modelId);
      const stats = computeVehicleStats({
        readings: v.mileageKm === null ? [] : [{ km: v.mileageKm, readAt: now, service: false }],
        purchaseDate: v.purchaseDate,
        interval: model ? { months: model.intervalMonths, km: model.intervalKm } : null,
        timeZone: ctx.timeZone,
        today,
      });
      const fields = { ...v, vehicleModelId: p.row.modelId, currentMileageKm: stats.currentMileageKm };
      return { id: vehicleIds[i]!, ownerId: idOf(p.owner), driverId: p.driver ? idOf(p.driver) : null, v, fields, stats, completeness: vehicleCompleteness(fields) };
    });

    const customerRows = newCustomers.map((c, i) => {
      const id = customerIds[i]!;
      const owned = vehicleRows.filter((v) => v.ownerId === id).map((v) => v.fields);
      const f = c.fields;
      const completeness = customerCompleteness(
        { mobile: f.mobile, address: f.address, consent: { phone: f.consentPhone, sms: f.consentSms, wechat: f.consentWechat }, source: f.source, outletName: f.outletName },
        owned,
      );
      return { id, f, search: customerSearchColumns(f), completeness };
    });

    await bulk.bulkInsert(tx, 'customers', [
      { name: 'id', type: 'int', values: customerRows.map((c) => c.id) },
      { name: 'store_id', type: 'int', values: customerRows.map(() => storeId) },
      { name: 'kind', type: 'text', values: customerRows.map((c) => c.f.kind) },
      { name: 'name', type: 'text', values: customerRows.map((c) => c.f.name) },
      { name: 'search_name', type: 'text', values: customerRows.map((c) => c.search.searchName) },
      { name: 'name_grams', type: 'text', textArray: true, values: customerRows.map((c) => bulk.joinArray(c.search.nameGrams)) },
      { name: 'name_initials', type: 'text', values: customerRows.map((c) => c.search.nameInitials) },
      { name: 'mobile', type: 'text', values: customerRows.map((c) => c.f.mobile) },
      { name: 'other_phones', type: 'text', textArray: true, values: customerRows.map((c) => bulk.joinArray(c.f.otherPhones)) },
      { name: 'phone_digits', type: 'text', values: customerRows.map((c) => c.search.phoneDigits) },
      { name: 'address', type: 'text', values: customerRows.map((c) => c.f.address) },
      { name: 'source', type: 'text', values: customerRows.map((c) => c.f.source) },
      { name: 'outlet_name', type: 'text', values: customerRows.map((c) => c.f.outletName) },
      { name: 'consent_phone', type: 'boolean', values: customerRows.map((c) => c.f.consentPhone) },
      { name: 'consent_sms', type: 'boolean', values: customerRows.map((c) => c.f.consentSms) },
      { name: 'consent_wechat', type: 'boolean', values: customerRows.map((c) => c.f.consentWechat) },
      { name: 'tags', type: 'text', textArray: true, values: customerRows.map((c) => bulk.joinArray(c.f.tags)) },
      { name: 'notes', type: 'text', values: customerRows.map((c) => c.f.notes) },
      { name: 'completeness', type: 'smallint', values: customerRows.map((c) => c.completeness.score) },
      { name: 'completeness_missing', type: 'text', textArray: true, values: customerRows.map((c) => bulk.joinArray(c.completeness.missing)) },
    ]);

    const iso = (d: Date | null) => (d === null ? null : d.toISOString());
    await bulk.bulkInsert(tx, 'vehicles', [
      { name: 'id', type: 'int', values: vehicleRows.map((r) => r.id) },
      { name: 'store_id', type: 'int', values: vehicleRows.map(() => storeId) },
      { name: 'vin', type: 'text', values: vehicleRows.map((r) => r.v.vin) },
      { name: 'plate', type: 'text', values: vehicleRows.map((r) => r.v.plate) },
      { name: 'vehicle_model_id', type: 'int', values: vehicleRows.map((r) => r.fields.vehicleModelId) },
      { name: 'colour', type: 'text', values: vehicleRows.map((r) => r.v.colour) },
      { name: 'engine_no', type: 'text', values: vehicleRows.map((r) => r.v.engineNo) },
      { name: 'purchase_date', type: 'date', values: vehicleRows.map((r) => r.v.purchaseDate) },
      { name: 'sold_by_us', type: 'boolean', values: vehicleRows.map((r) => r.v.soldByUs) },
      { name: 'warranty_start', type: 'date', values: vehicleRows.map((r) => r.v.warrantyStart) },
      { name: 'insurance_company', type: 'text', values: vehicleRows.map((r) => r.v.insuranceCompany) },
      { name: 'insurance_expiry', type: 'date', values: vehicleRows.map((r) => r.v.insuranceExpiry) },
      { name: 'extended_warranty_until', type: 'date', values: vehicleRows.map((r) => r.v.extendedWarrantyUntil) },
      { name: 'extended_warranty_km', type: 'int', values: vehicleRows.map((r) => r.v.extendedWarrantyKm) },
      { name: 'owner_id', type: 'int', values: vehicleRows.map((r) => r.ownerId) },
      { name: 'driver_id', type: 'int', values: vehicleRows.map((r) => r.driverId) },
      { name: 'current_mileage_km', type: 'int', values: vehicleRows.map((r) => r.stats.currentMileageKm) },
      { name: 'mileage_read_at', type: 'timestamptz', values: vehicleRows.map((r) => iso(r.stats.mileageReadAt)) },
      { name: 'avg_km_per_day', type: 'double precision', values: vehicleRows.map((r) => r.stats.avgKmPerDay) },
      { name: 'last_visit_at', type: 'timestamptz', values: vehicleRows.map((r) => iso(r.stats.lastVisitAt)) },
      { name: 'next_due_date', type: 'date', values: vehicleRows.map((r) => r.stats.nextDueDate) },
      { name: 'next_due_km', type: 'int', values: vehicleRows.map((r) => r.stats.nextDueKm) },
      { name: 'completeness', type: 'smallint', values: vehicleRows.map((r) => r.completeness.score) },
      { name: 'completeness_missing', type: 'text', textArray: true, values: vehicleRows.map((r) => bulk.joinArray(r.completeness.missing)) },
    ]);

    const withMileage = vehicleRows.filter((r) => r.v.mileageKm !== null);
    await bulk.bulkInsert(tx, 'odometer_readings', [
      { name: 'store_id', type: 'int', values: withMileage.map(() => storeId) },
      { name: 'vehicle_id', type: 'int', values: withMileage.map((r) => r.id) },
      { name: 'km', type: 'int', values: withMileage.map((r) => r.v.mileageKm) },
      { name: 'read_at', type: 'timestamptz', values: withMileage.map(() => now.toISOString()) },
      { name: 'service', type: 'boolean', values: withMileage.map(() => false) },
      { name: 'reason', type: 'text', values: withMileage.map(() => '') },
      { name: 'ref_type', type: 'text', values: withMileage.map(() => 'import') },
      { name: 'created_by', type: 'int', values: withMileage.map(() => ctx.actor.userId) },
    ]);

    // The envelope starts with the import: one event per vehicle, and per customer without one.
    const withVehicle = new Set(vehicleRows.map((r) => r.ownerId));
    const events = [
      ...vehicleRows.map((r) => ({ vehicleId: r.id as number | null, customerId: r.ownerId, title: `导入车辆档案：${r.v.plate ? formatPlate(r.v.plate) : r.v.vin}` })),
      ...customerRows.filter((c) => !withVehicle.has(c.id)).map((c) => ({ vehicleId: null, customerId: c.id, title: `导入客户档案：${c.f.name}` })),
    ];
    await bulk.bulkInsert(tx, 'timeline_events', [
      { name: 'store_id', type: 'int', values: events.map(() => storeId) },
      { name: 'vehicle_id', type: 'int', values: events.map((e) => e.vehicleId) },
      { name: 'customer_id', type: 'int', values: events.map((e) => e.customerId) },
      { name: 'kind', type: 'text', values: events.map(() => 'imported') },
      { name: 'title', type: 'text', values: events.map((e) => e.title) },
      { name: 'at', type: 'timestamptz', values: events.map(() => now.toISOString()) },
      { name: 'actor_id', type: 'int', values: events.map(() => ctx.actor.userId) },
      { name: 'actor_name', type: 'text', values: events.map(() => ctx.actor.displayName) },
    ]);

    // Customers on file that received vehicles: their completeness changes.
    await refreshCustomers(tx, storeId, [...matched]);
    await writeAudit(ctx, tx, {
      action: 'customer.imported',
      entity: 'customer',
      after: { ...report, rejected: problems.length },
    });
    return report;
  });
}

/** The export: the list's filters, one row per customer and vehicle, the template's columns. */
export function exportCustomers(ctx: Ctx, query: CustomerListQuery): Promise<{ file: Buffer; rows: number }> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows: customers } = await repo.allCustomers(tx, ctx.storeId, query, EXPORT_MAX_CUSTOMERS);
    const vehicles = await repo.vehiclesOfCustomers(tx, ctx.storeId, customers.map((c) => c.id));
    const drivers = new Map((await repo.findCustomersByIds(tx, ctx.storeId, vehicles.flatMap((v) => (v.driverId ? [v.driverId] : [])))).map((c) => [c.id, c]));
    const models = await repo.modelsByIds(tx, ctx.storeId, vehicles.map((v) => v.vehicleModelId));
    const byOwner = new Map<number, repo.VehicleRow[]>();
    for (const v of vehicles) byOwner.set(v.ownerId!, [...(byOwner.get(v.ownerId!) ?? []), v]);
    // The export is itself audited: roles that may reveal phones get them in full, others masked.
    const p = presentationOf(ctx, false);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('客户车辆');
    sheet.columns = [
      { header: '客户编号', key: 'customerId', width: 10 },
      { header: '车辆编号', key: 'vehicleId', width: 10 },
      ...IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
      { header: '完整度', key: 'completeness', width: 8 },
    ];
    const yesNo = (b: boolean | null) => (b === null ? '' : b ? '是' : '否');
    let count = 0;
    for (const c of customers) {
      const base = {
        customerId: c.id,
        kind: c.kind === 'company' ? '单位' : '个人',
        name: nameFor(p, c),
        mobile: phoneFor(p, c.mobile) ?? '',
        otherPhones: c.otherPhones.map((ph) => phoneFor(p, ph)).join(','),
        address: c.address,
        source: c.source ? CUSTOMER_SOURCE_LABELS[c.source].zh : '',
        outletName: c.outletName,
        consentPhone: yesNo(c.consentPhone),
        consentSms: yesNo(c.consentSms),
        consentWechat: yesNo(c.consentWechat),
        tags: c.tags.join(','),
        notes: c.notes,
        completeness: c.completeness,
      };
      const owned = byOwner.get(c.id) ?? [];
      if (owned.length === 0) {
        sheet.addRow(base);
        count++;
      }
      for (const v of owned) {
        const driver = v.driverId ? drivers.get(v.driverId) : undefined;
        sheet.addRow({
          ...base,
          vehicleId: v.id,
          vin: v.vin ?? '',
          plate: v.plate ?? '',
          model: v.vehicleModelId ? (models.get(v.vehicleModelId)?.name ?? '') : '',
          colour: v.colour,
          engineNo: v.engineNo,
          purchaseDate: v.purchaseDate ?? '',
          soldByUs: yesNo(v.soldByUs),
          warrantyStart: v.warrantyStart ?? '',
          insuranceCompany: v.insuranceCompany,
          insuranceExpiry: v.insuranceExpiry ?? '',
          extendedWarrantyUntil: v.extendedWarrantyUntil ?? '',
          extendedWarrantyKm: v.extendedWarrantyKm ?? '',
          mileageKm: v.currentMileageKm ?? '',
          driverName: driver ? nameFor(p, driver) : '',
          driverMobile: driver ? (phoneFor(p, driver.mobile) ?? '') : '',
        });
        count++;
      }
    }
    styleHeader(sheet);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const { page: _page, pageSize: _pageSize, ...filters } = query;
    await writeAudit(ctx, tx, {
      action: 'customer.exported',
      entity: 'customer',
      after: { filters, customers: customers.length, rows: count, phonesMasked: !p.phones, namesMasked: !p.names },
    });
    return { file, rows: count };
  });
}
