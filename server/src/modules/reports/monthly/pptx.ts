import PptxGenJS from 'pptxgenjs';
import type { Lang } from '#contracts/messages';
import { formatFigure, type ChartBlock, type FiguresBlock, type MonthlyReport, type ReportBlock, type ReportSection, type TableBlock } from '#contracts/monthly-reports';

export const PPTX_MIME = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** A font every Chinese Windows/Office has; PowerPoint substitutes a CJK font elsewhere. */
const FONT = 'Microsoft YaHei';
const W = 13.33;
const BLUE = '1F4E79';
const TABLE_ROWS_PER_SLIDE = 12;

const L = {
  figure: { zh: '指标', en: 'Figure' },
  actual: { zh: '本月', en: 'This month' },
  previous: { zh: '上月', en: 'Last month' },
  target: { zh: '目标', en: 'Target' },
  problems: { zh: '问题与挑战', en: 'Problems and challenges' },
  plan: { zh: '下月行动计划', en: "Next month's plan" },
  cont: { zh: '（续）', en: ' (cont.)' },
  generated: { zh: '生成时间', en: 'Generated' },
};

type Slide = PptxGenJS.Slide;

function header(slide: Slide, title: string, sub: string) {
  slide.addShape('rect', { x: 0, y: 0, w: W, h: 0.8, fill: { color: BLUE } });
  slide.addText(title, { x: 0.4, y: 0.1, w: W - 3.4, h: 0.6, fontFace: FONT, fontSize: 24, bold: true, color: 'FFFFFF' });
  slide.addText(sub, { x: W - 3.2, y: 0.1, w: 2.9, h: 0.6, fontFace: FONT, fontSize: 12, color: 'FFFFFF', align: 'right' });
}

function cell(text: string, opts: PptxGenJS.TableCellProps = {}): PptxGenJS.TableCell {
  return { text, options: { fontFace: FONT, fontSize: 11, ...opts } };
}

function headRow(labels: string[]): PptxGenJS.TableCell[] {
  return labels.map((l) => cell(l, { bold: true, color: 'FFFFFF', fill: { color: BLUE } }));
}

function figuresTable(slide: Slide, block: FiguresBlock, lang: Lang, box: { x: number; y: number; w: number }) {
  const rows = [
    headRow([L.figure[lang], L.actual[lang], L.previous[lang], L.target[lang]]),
    ...block.items.map((i) => [cell(i.label), cell(formatFigure(i.value, i.unit), { bold: true }), cell(formatFigure(i.previous, i.unit)), cell(formatFigure(i.target, i.unit))]),
  ];
  slide.addTable(rows, { ...box, colW: [box.w * 0.4, box.w * 0.2, box.w * 0.2, box.w * 0.2], border: { type: 'solid', pt: 0.5, color: 'BFBFBF' }, rowH: 0.3 });
}

function chart(pptx: PptxGenJS, slide: Slide, block: ChartBlock, box: { x: number; y: number; w: number; h: number }) {
  // Categories with no value at all are left out (a native chart has no "no data" point).
  const keep = block.categories.map((_, i) => block.series.some((s) => s.values[i] !== null && s.values[i] !== undefined));
  const labels = block.categories.filter((_, i) => keep[i]);
  const data = block.series.map((s) => ({ name: s.name, labels, values: s.values.filter((_, i) => keep[i]).map((v) => (v === null ? 0 : block.unit === 'ratio' ? Math.round(v * 1000) / 10 : v)) }));
  if (labels.length === 0 || data.length === 0) {
    slide.addText('—', { ...box, fontFace: FONT, fontSize: 14, align: 'center' });
    return;
  }
  const type = block.chart === 'line' ? pptx.ChartType.line : block.chart === 'pie' ? pptx.ChartType.pie : pptx.ChartType.bar;
  slide.addChart(type, block.chart === 'pie' ? data.slice(0, 1) : data, {
    ...box,
    title: block.title,
    showTitle: true,
    titleFontFace: FONT,
    titleFontSize: 13,
    showLegend: block.chart === 'pie' || data.length > 1,
    legendPos: 'b',
    legendFontFace: FONT,
    catAxisLabelFontFace: FONT,
    valAxisLabelFontFace: FONT,
    catAxisLabelFontSize: 9,
    dataLabelFontFace: FONT,
    showPercent: block.chart === 'pie',
    showValue: block.chart !== 'pie' && labels.length <= 12,
    dataLabelFontSize: 8,
    barGrouping: block.chart === 'stacked' ? 'stacked' : 'clustered',
    barDir: 'col',
    valAxisLabelFormatCode: block.unit === 'ratio' ? '0.0"%"' : '#,##0',
    chartColors: ['2E75B6', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E'],
  });
}

function cellText(v: string | number | null, unit: TableBlock['columns'][number]['unit']): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v;
  return unit === 'text' ? String(v) : formatFigure(v, unit);
}

function tableSlides(pptx: PptxGenJS, section: ReportSection, block: TableBlock, sub: string, lang: Lang, first: Slide | null): Slide[] {
  const slides: Slide[] = [];
  const chunks: TableBlock['rows'][] = [];
  for (let i = 0; i < Math.max(block.rows.length, 1); i += TABLE_ROWS_PER_SLIDE) chunks.push(block.rows.slice(i, i + TABLE_ROWS_PER_SLIDE));
  chunks.forEach((rows, k) => {
    const slide = k === 0 && first ? first : pptx.addSlide();
    if (!(k === 0 && first)) {
      header(slide, `${section.title}${L.cont[lang]}`, sub);
      slides.push(slide);
    }
    slide.addText(block.title, { x: 0.4, y: 0.95, w: W - 0.8, h: 0.4, fontFace: FONT, fontSize: 14, bold: true, color: BLUE });
    slide.addTable([headRow(block.columns.map((c) => c.label)), ...rows.map((r) => block.columns.map((c) => cell(cellText(r[c.key] ?? null, c.unit))))], {
      x: 0.4,
      y: 1.4,
      w: W - 0.8,
      border: { type: 'solid', pt: 0.5, color: 'BFBFBF' },
      fontSize: 10,
      rowH: 0.32,
    });
  });
  return slides;
}

function commentary(slide: Slide, section: ReportSection, lang: Lang) {
  const { problems, plan } = section.comment;
  if (!problems && !plan) return;
  slide.addText(
    [
      ...(problems ? [{ text: `${L.problems[lang]}：`, options: { bold: true } }, { text: problems, options: { breakLine: true } }] : []),
      ...(plan ? [{ text: `${L.plan[lang]}：`, options: { bold: true } }, { text: plan }] : []),
    ],
    { x: 0.4, y: 6.3, w: W - 0.8, h: 1.0, fontFace: FONT, fontSize: 11, valign: 'top', fill: { color: 'F2F2F2' } },
  );
}

/**
 * The report as slides: a title slide, then each section on its own slide (figures table and native
 * charts side by side, tables on their own continuation slides), with the section's commentary.
 */
export async function writePptx(report: MonthlyReport, lang: Lang): Promise<Buffer> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = `${report.storeName} ${report.title} ${report.month}`;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };

  const cover = pptx.addSlide();
  cover.background = { color: BLUE };
  cover.addText(report.title, { x: 0.8, y: 2.2, w: W - 1.6, h: 1.2, fontFace: FONT, fontSize: 40, bold: true, color: 'FFFFFF' });
  cover.addText(`${report.storeName} · ${report.month}`, { x: 0.8, y: 3.5, w: W - 1.6, h: 0.8, fontFace: FONT, fontSize: 24, color: 'FFFFFF' });
  cover.addText(`${L.generated[lang]} ${report.generatedAt.slice(0, 16).replace('T', ' ')} UTC`, { x: 0.8, y: 6.6, w: W - 1.6, h: 0.4, fontFace: FONT, fontSize: 12, color: 'D9D9D9' });

  const sub = `${report.storeName} ${report.month}`;
  report.sections.forEach((section, n) => {
    const slide = pptx.addSlide();
    header(slide, `${n + 1}. ${section.title}`, sub);
    const visual = section.blocks.filter((b): b is FiguresBlock | ChartBlock => b.type === 'figures' || b.type === 'chart');
    const notes = section.blocks.filter((b): b is Extract<ReportBlock, { type: 'note' }> => b.type === 'note');
    const tables = section.blocks.filter((b): b is TableBlock => b.type === 'table');
    // The first slide holds up to two visuals side by side; more go on continuation slides.
    const pages: (FiguresBlock | ChartBlock)[][] = [];
    for (let i = 0; i < visual.length; i += 2) pages.push(visual.slice(i, i + 2));
    let tableHost: Slide | null = pages.length === 0 ? slide : null;
    pages.forEach((page, k) => {
      let s = slide;
      if (k > 0) {
        s = pptx.addSlide();
        header(s, `${n + 1}. ${section.title}${L.cont[lang]}`, sub);
      }
      page.forEach((block, j) => {
        const box = { x: 0.4 + j * 6.35, y: 1.0, w: page.length === 1 ? W - 0.8 : 6.1, h: 5.1 };
        if (block.type === 'figures') figuresTable(s, block, lang, box);
        else chart(pptx, s, block, box);
      });
    });
    notes.forEach((b, i) => slide.addText(b.text, { x: 0.4, y: pages.length === 0 ? 1.0 + i * 0.5 : 5.8, w: W - 0.8, h: 0.45, fontFace: FONT, fontSize: 12, italic: true, color: '7F7F7F' }));
    if (notes.length > 0 && pages.length === 0) tableHost = null;
    for (const t of tables) {
      tableSlides(pptx, section, t, sub, lang, tableHost);
      tableHost = null;
    }
    commentary(slide, section, lang);
  });
  const out = await pptx.write({ outputType: 'nodebuffer' });
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
