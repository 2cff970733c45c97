import ExcelJS from 'exceljs';

/**
 * Excel exports of lists (UX: "Excel export of what is shown"): one sheet, a bold header row that
 * stays in view, a width per column. Modules map their rows to plain cells (labels, local times).
 */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetColumn {
  key: string;
  header: string;
  width: number;
}

export async function listWorkbook(sheetName: string, columns: readonly SheetColumn[], rows: readonly Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({ ...c }));
  for (const row of rows) sheet.addRow(row);
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}
