import ExcelJS from 'exceljs';
import { NameSchema } from '#contracts/common';
import { MESSAGES, type MessageKey } from '#contracts/messages';
import {
  PART_CATEGORIES,
  PART_CATEGORY_LABELS,
  PART_IMPORT_COLUMNS,
  PART_ORIGIN_LABELS,
  PART_ORIGINS,
  PART_UNIT_LABELS,
  PART_UNITS,
  PartNoSchema,
  type PartCategory,
  type PartImportColumnKey,
  type PartImportReport,
  type PartListQuery,
  type PartOrigin,
  type PartUnit,
} from '#contracts/parts';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { searchColumnsOf } from './catalog.keys';
import * as repo from './catalog.repository';
import { parts, partVehicleModels } from './catalog.table';
import { assertUnitQty } from './parts.common';
import { normQty, sqlQty, toMilli } from './qty';

/**
 * Excel import and export of the catalog (SPEC §13).
 *
 * IMPORT POLICY — like the customer import: every row is checked (each bad cell gives row, column
 * and reason), a row with any problem is rejected whole, and all valid rows are written in ONE
 * transaction. A part number already in the catalog (separators ignored) updates that part (prices,
 * names, location…: the usual price-list update); a new one creates a part. An empty 适用车型 cell
 * leaves an existing part's models as they are. `dryRun` checks and reports without writing.
 */

export const MAX_IMPORT_ROWS = 20_000;
export const EXPORT_MAX_PARTS = 50_000;
const SHEET = '配件目录';

type Rejection = PartImportReport['rejected'][number];

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return value.trim();
  if ('richText' in value) return value.richText.map((r) => r.text).join('').trim();
  if ('text' in value && typeof value.text === 'string') return value.text.trim();
  if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
  return '';
}

const headerKey = (h: string) => h.replace(/[（(].*$/, '').replace(/[*＊\s]/g, '');
const HEADER_TO_KEY = new Map<string, PartImportColumnKey>(PART_IMPORT_COLUMNS.map((c) => [headerKey(c.header), c.key]));
const HEADER_OF = new Map<PartImportColumnKey, string>(PART_IMPORT_COLUMNS.map((c) => [c.key, c.header]));

function styleHeader(sheet: ExcelJS.Worksheet) {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F0FE' } };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

const normalizeModel = (s: string) => s.toLowerCase().replace(/\s+/g, '');
const yuan = (fen: number) => (fen / 100).toFixed(2);

/** "45.5", "45.50", "1,234.5" → fen; null when not an amount with at most 2 decimals. */
export function parseYuan(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.replace(/[,，\s¥￥]/g, ''));
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

function byLabel<T extends string>(text: string, values: readonly T[], labels: Record<T, { zh: string; en: string }>, extra: Record<string, T> = {}): T | undefined {
  const t = text.trim().toLowerCase();
  return values.find((v) => v === t || labels[v].zh === text.trim() || labels[v].en.toLowerCase() === t) ?? extra[text.trim()];
}

export function importTemplate(ctx: Ctx): Promise<Buffer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const models = await repo.storeModelNames(tx, ctx.storeId);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(SHEET);
    sheet.columns = PART_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
    sheet.addRow(Object.fromEntries(PART_IMPORT_COLUMNS.map((c) => [c.key, c.example])));
    styleHeader(sheet);
    const modelSheet = wb.addWorksheet('车型');
    modelSheet.columns = [
      { header: '车型ID', key: 'id', width: 10 },
      { header: '车型名称', key: 'name', width: 40 },
    ];
    for (const m of models) modelSheet.addRow(m);
    styleHeader(modelSheet);
    const help = wb.addWorksheet('说明');
    help.getColumn(1).width = 100;
    [
      '配件目录导入说明',
      '1. 每行一个配件；配件编号已存在（忽略空格、横线等分隔符）时更新该配件，否则新建。',
      `2. 单位填：${PART_UNITS.map((u) => PART_UNIT_LABELS[u].zh).join('、')}；类型填“原厂件”或“副厂件”；类别填：${PART_CATEGORIES.map((c) => PART_CATEGORY_LABELS[c].zh).join('、')}。`,
      '3. 价格单位为元，最多两位小数；安全库存留空表示按“安全库存系数 × 月均出库”自动计算。',
      '4. 适用车型填“车型”工作表中的车型ID或名称，多个用逗号分隔；留空时不改变已有配件的适用车型。',
      '5. 有问题的行整行不导入，导入结果会列出每个问题（行号、列、原因）；其余行一次性导入。第 2 行为示例，导入前请删除。',
    ].forEach((line, i) => {
      help.getCell(`A${i + 1}`).value = line;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  });
}

interface ParsedPart {
  row: number;
  partNo: string;
  name: string;
  brand: string;
  origin: PartOrigin;
  unit: PartUnit;
  category: PartCategory;
  costFen: number;
  retailPriceFen: number;
  modelIds: number[] | null;
  defaultLocation: string;
  safetyStock: string | null;
}

function badFile(detail: string): AppError {
  return new AppError(
    'VALIDATION',
    { zh: `无法读取导入文件：请上传按模板填写的 .xlsx 文件（${detail}）`, en: `Cannot read the import file: upload an .xlsx file made from the template (${detail})` },
    { fields: [{ path: 'file', message: { zh: '文件格式不正确', en: 'Not a valid template file' } }] },
  );
}

async function readRows(file: Buffer): Promise<{ row: number; cells: Map<PartImportColumnKey, string> }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw badFile('not an xlsx file');
  }
  const sheet = wb.getWorksheet(SHEET) ?? wb.worksheets[0];
  if (!sheet) throw badFile('no worksheet');
  const header = new Map<number, PartImportColumnKey>();
  sheet.getRow(1).eachCell((cell, col) => {
    const key = HEADER_TO_KEY.get(headerKey(cellText(cell.value)));
    if (key) header.set(col, key);
  });
  if (![...header.values()].includes('partNo')) throw badFile('no 配件编号 column');
  const rows: { row: number; cells: Map<PartImportColumnKey, string> }[] = [];
  sheet.eachRow((r, rowNumber) => {
    if (rowNumber === 1) return;
    const cells = new Map<PartImportColumnKey, string>();
    r.eachCell((cell, col) => {
      const key = header.get(col);
      const text = key ? cellText(cell.value) : '';
      if (key && text !== '') cells.set(key, text);
    });
    if (cells.size > 0) rows.push({ row: rowNumber, cells });
  });
  if (rows.length > MAX_IMPORT_ROWS) throw badFile(`more than ${MAX_IMPORT_ROWS} rows`);
  return rows;
}

function parseRow(row: number, cells: Map<PartImportColumnKey, string>, problems: Rejection[], modelByName: Map<string, number>): ParsedPart | null {
  const before = problems.length;
  const reject = (key: PartImportColumnKey, reason: MessageKey | { zh: string; en: string }) =>
    problems.push({ row, column: HEADER_OF.get(key)!, reason: typeof reason === 'string' ? MESSAGES[reason] : reason });
  const text = (key: PartImportColumnKey, max: number) => {
    const v = cells.get(key) ?? '';
    if (v.length > max) reject(key, 'import.tooLong');
    return v.slice(0, max);
  };
  const partNoText = cells.get('partNo');
  const partNo = partNoText === undefined ? null : PartNoSchema.safeParse(partNoText);
  if (!partNo) reject('partNo', 'import.required');
  else if (!partNo.success) reject('partNo', 'partNo.invalid');
  const name = NameSchema.safeParse(cells.get('name') ?? '');
  if (!name.success) reject('name', cells.has('name') ? 'import.tooLong' : 'import.required');
  const origin = cells.has('origin') ? byLabel(cells.get('origin')!, PART_ORIGINS, PART_ORIGIN_LABELS, { 原厂: 'oem', 副厂: 'aftermarket' }) : 'oem';
  if (!origin) reject('origin', 'import.partOrigin');
  const unitText = cells.get('unit');
  const unit = unitText === undefined ? undefined : byLabel(unitText, PART_UNITS, PART_UNIT_LABELS, { 件: 'piece', 只: 'piece', 公斤: 'kg', L: 'litre' });
  if (!unit) reject('unit', unitText === undefined ? 'import.required' : 'import.partUnit');
  const category = cells.has('category') ? byLabel(cells.get('category')!, PART_CATEGORIES, PART_CATEGORY_LABELS) : 'other';
  if (!category) reject('category', 'import.partCategory');
  const money = (key: PartImportColumnKey) => {
    const v = cells.get(key);
    if (v === undefined) {
      reject(key, 'import.required');
      return 0;
    }
    const fen = parseYuan(v);
    if (fen === null) reject(key, 'import.money');
    return fen ?? 0;
  };
  const costFen = money('cost');
  const retailPriceFen = money('retailPrice');
  let safetyStock: string | null = null;
  const safetyText = cells.get('safetyStock');
  if (safetyText !== undefined) {
    if (/^\d{1,9}(\.\d{1,3})?$/.test(safetyText)) safetyStock = sqlQty(toMilli(safetyText));
    else reject('safetyStock', 'import.quantity');
  }
  if (safetyStock !== null && unit) {
    try {
      assertUnitQty(unit, toMilli(safetyStock), 'safetyStock');
    } catch {
      reject('safetyStock', 'quantity.whole');
    }
  }
  const modelsText = cells.get('models');
  let modelIds: number[] | null = null;
  if (modelsText !== undefined) {
    modelIds = [];
    for (const name of modelsText.split(/[,，;；、]/).map((m) => m.trim()).filter(Boolean)) {
      const id = modelByName.get(normalizeModel(name));
      if (id === undefined) reject('models', 'import.model');
      else if (!modelIds.includes(id)) modelIds.push(id);
    }
  }
  const fields = {
    brand: text('brand', 40),
    defaultLocation: text('defaultLocation', 30),
  };
  if (problems.length > before || !partNo?.success || !name.success || !unit || !origin || !category) return null;
  return { row, partNo: partNo.data, name: name.data, origin, unit, category, costFen, retailPriceFen, modelIds, safetyStock, ...fields };
}

export async function importParts(ctx: Ctx, file: Buffer, opts: { dryRun: boolean }): Promise<PartImportReport> {
  const sheetRows = await readRows(file);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const storeId = ctx.storeId;
    const modelByName = new Map<string, number>();
    for (const m of await repo.storeModelNames(tx, storeId)) {
      modelByName.set(normalizeModel(m.name), m.id);
      modelByName.set(String(m.id), m.id);
    }
    const problems: Rejection[] = [];
    const parsed = sheetRows.map((r) => parseRow(r.row, r.cells, problems, modelByName)).filter((r): r is ParsedPart => r !== null);
    const existing = await repo.findPartsByKeys(tx, storeId, parsed.map((p) => searchColumnsOf(p).partNoKey));
    const seen = new Set<string>();
    const accepted: (ParsedPart & { key: string })[] = [];
    for (const p of parsed) {
      const key = searchColumnsOf(p).partNoKey;
      if (seen.has(key)) {
        problems.push({ row: p.row, column: HEADER_OF.get('partNo')!, reason: MESSAGES['import.duplicateInFile'] });
        continue;
      }
      seen.add(key);
      accepted.push({ ...p, key });
    }
    problems.sort((a, b) => a.row - b.row);
    const toUpdate = accepted.filter((p) => existing.has(p.key));
    const toCreate = accepted.filter((p) => !existing.has(p.key));
    const report: PartImportReport = {
      dryRun: opts.dryRun,
      rows: sheetRows.length,
      created: toCreate.length,
      updated: toUpdate.length,
      rejectedRows: new Set(problems.map((p) => p.row)).size,
      rejected: problems,
    };
    if (opts.dryRun || accepted.length === 0) return report;

    const fieldsOf = (p: ParsedPart) => ({
      partNo: p.partNo,
      name: p.name,
      brand: p.brand,
      origin: p.origin,
      unit: p.unit,
      category: p.category,
      costFen: p.costFen,
      retailPriceFen: p.retailPriceFen,
      defaultLocation: p.defaultLocation,
      safetyStock: p.safetyStock,
      ...searchColumnsOf(p),
    });
    for (let i = 0; i < toCreate.length; i += 500) {
      const chunk = toCreate.slice(i, i + 500);
      const ids = await tx
        .insert(parts)
        .values(chunk.map((p) => ({ ...fieldsOf(p), storeId })))
        .returning({ id: parts.id });
      const links = chunk.flatMap((p, j) => (p.modelIds ?? []).map((vehicleModelId) => ({ storeId, partId: ids[j]!.id, vehicleModelId })));
      if (links.length) await tx.insert(partVehicleModels).values(links);
    }
    for (const p of toUpdate) {
      const id = existing.get(p.key)!.id;
      await repo.updatePart(tx, storeId, id, null, fieldsOf(p));
      if (p.modelIds) await repo.setPartModels(tx, storeId, id, p.modelIds);
    }
    await writeAudit(ctx, tx, { action: 'part.imported', entity: 'part', after: { ...report, rejected: problems.length } });
    return report;
  });
}

/** The export: the list's filters, the template's columns plus on hand. */
export function exportParts(ctx: Ctx, query: PartListQuery): Promise<Buffer> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows } = await repo.listParts(tx, ctx.storeId, { ...query, page: 1, pageSize: EXPORT_MAX_PARTS });
    const models = await repo.modelIdsOf(tx, ctx.storeId, rows.map((r) => r.id));
    const modelNames = new Map((await repo.storeModelNames(tx, ctx.storeId)).map((m) => [m.id, m.name]));
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet(SHEET);
    sheet.columns = [
      ...PART_IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
      { header: '在库数量', key: 'onHand', width: 10 },
      { header: '状态', key: 'active', width: 8 },
    ];
    for (const p of rows) {
      sheet.addRow({
        partNo: p.partNo,
        name: p.name,
        brand: p.brand,
        origin: PART_ORIGIN_LABELS[p.origin].zh,
        unit: PART_UNIT_LABELS[p.unit].zh,
        category: PART_CATEGORY_LABELS[p.category].zh,
        cost: yuan(p.costFen),
        retailPrice: yuan(p.retailPriceFen),
        models: (models.get(p.id) ?? []).map((id) => modelNames.get(id) ?? String(id)).join(','),
        defaultLocation: p.defaultLocation,
        safetyStock: p.safetyStock === null ? '' : normQty(p.safetyStock),
        onHand: normQty(p.onHand),
        active: p.active ? '启用' : '停用',
      });
    }
    styleHeader(sheet);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const { page: _p, pageSize: _s, ...filters } = query;
    await writeAudit(ctx, tx, { action: 'part.exported', entity: 'part', after: { filters, rows: rows.length } });
    return file;
  });
}
