import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportColumnKey } from '#contracts/customers-tools';

/** An import workbook as a user would fill the template: header row, then one row per entry. */
export async function importFile(rows: Partial<Record<ImportColumnKey, string | number | Date>>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('客户车辆');
  sheet.columns = IMPORT_COLUMNS.map((c) => ({ header: c.header, key: c.key }));
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads an xlsx answer back: header texts and the rows as text. */
export async function readXlsx(body: Buffer): Promise<{ header: string[]; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const text = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
  const all: string[][] = [];
  sheet.eachRow((r) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(text(r.getCell(i).value));
    all.push(cells);
  });
  return { header: all[0] ?? [], rows: all.slice(1) };
}
