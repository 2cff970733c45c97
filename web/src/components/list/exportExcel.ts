import type { CellValue } from './types';

/**
 * Writes rows to an .xlsx and downloads it. exceljs is big: it is imported here, and this module is
 * itself only imported when someone clicks Export.
 */
export async function exportToExcel(fileName: string, sheetName: string, header: string[], rows: CellValue[][]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F2F5' } };
  for (const row of rows) sheet.addRow(row.map((v) => (v === undefined || v === null ? '' : v)));
  header.forEach((title, i) => {
    const longest = Math.max(title.length * 2, ...rows.map((r) => String(r[i] ?? '').length * 1.6));
    sheet.getColumn(i + 1).width = Math.min(60, Math.max(8, Math.ceil(longest) + 2));
  });
  const buffer = await workbook.xlsx.writeBuffer();
  const blob = new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
