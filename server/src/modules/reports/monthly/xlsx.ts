import ExcelJS from 'exceljs';
import type { Lang } from '#contracts/messages';
import type { FigureUnit, MonthlyReport, ReportBlock } from '#contracts/monthly-reports';


const L = {
  figure: { zh: '指标', en: 'Figure' },
  actual: { zh: '本月', en: 'This month' },
  previous: { zh: '上月', en: 'Last month' },
  target: { zh: '目标', en: 'Target' },
  note: { zh: '说明', en: 'Note' },
  problems: { zh: '问题与挑战', en: 'Problems and challenges' },
  plan: { zh: '下月行动计划', en: "Next month's plan" },
  category: { zh: '类别', en: 'Category' },
};

/** Numbers stay numbers (fen as yuan, ratios as fractions) with a display format, so the sheet can be analysed. */
function numeric(value: number | null, unit: FigureUnit): { value: number | null; numFmt?: string } {
  if (value === null) return { value: null };
  switch (unit) {
    case 'fen':
      return { value: value / 100, numFmt: '"¥"#,##0.00' };
    case 'ratio':
      return { value, numFmt: '0.0%' };
    case 'hours':
    case 'score':
      return { value, numFmt: '0.0' };
    default:
      return { value };
  }
}

/** Excel forbids some characters and more than 31 characters in a sheet name. */
function sheetName(n: number, title: string): string {
  return `${n}.${title}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
}

function put(row: ExcelJS.Row, col: number, v: string | number | null, unit: FigureUnit) {
  const c = row.getCell(col);
  if (typeof v === 'number') {
    const n = numeric(v, unit);
    c.value = n.value;
    if (n.numFmt) c.numFmt = n.numFmt;
  } else c.value = v ?? '';
}

function writeBlock(sheet: ExcelJS.Worksheet, block: ReportBlock, lang: Lang) {
  if (block.type === 'note') {
    sheet.addRow([block.text]).font = { italic: true, color: { argb: 'FF7F7F7F' } };
    sheet.addRow([]);
    return;
  }
  sheet.addRow([block.title]).font = { bold: true, size: 12 };
  const head = (labels: string[]) => {
    const r = sheet.addRow(labels);
    r.font = { bold: true };
    r.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }));
  };
  if (block.type === 'figures') {
    head([L.figure[lang], L.actual[lang], L.previous[lang], L.target[lang], L.note[lang]]);
    for (const i of block.items) {
      const r = sheet.addRow([i.label]);
      put(r, 2, i.value, i.unit);
      put(r, 3, i.previous, i.unit);
      put(r, 4, i.target, i.unit);
      r.getCell(5).value = i.note ?? '';
    }
  } else if (block.type === 'table') {
    head(block.columns.map((c) => c.label));
    for (const data of block.rows) {
      const r = sheet.addRow([]);
      block.columns.forEach((c, k) => put(r, k + 1, data[c.key] ?? null, c.unit));
    }
  } else {
    // A chart's data: categories down, series across (the spreadsheet user draws their own chart).
    head([L.category[lang], ...block.series.map((s) => s.name)]);
    block.categories.forEach((cat, i) => {
      const r = sheet.addRow([cat]);
      block.series.forEach((s, k) => put(r, k + 2, s.values[i] ?? null, block.unit));
    });
  }
  sheet.addRow([]);
}

/** The report as a workbook: one sheet per section with its figures, tables, chart data and commentary. */
export async function writeXlsx(report: MonthlyReport, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = `${report.storeName} ${report.title} ${report.month}`;
  report.sections.forEach((section, n) => {
    const sheet = wb.addWorksheet(sheetName(n + 1, section.title));
    sheet.columns = [{ width: 28 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 30 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 14 }];
    sheet.addRow([`${report.storeName} ${report.title} ${report.month}`]).font = { bold: true, size: 14 };
    sheet.addRow([section.title]).font = { bold: true, size: 13 };
    sheet.addRow([]);
    for (const block of section.blocks) writeBlock(sheet, block, lang);
    sheet.addRow([L.problems[lang], section.comment.problems]).getCell(1).font = { bold: true };
    sheet.addRow([L.plan[lang], section.comment.plan]).getCell(1).font = { bold: true };
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
