/**
 * Reports (SPEC §16, §17) in the browser: the after-sales manager opens the dashboard, drills into
 * a figure down to the ROs behind it, opens last month's manager report, writes a comment in
 * 问题与挑战, and exports the report as PowerPoint and Excel (both are zip files: "PK").
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { MonthlyReport } from '#contracts/monthly-reports';
import { chineseScreenProblems } from './expectations';
import { apiSession, check, expectVisible, loginAs, openPage, shot, type Session } from './harness';
import type { Journey } from './journeys';

async function assertChineseScreen(s: Session, where: string): Promise<void> {
  const problems = chineseScreenProblems(await s.page.locator('body').innerText());
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

/** Last month, in the store's time zone (the demo's stores are in Asia/Shanghai). */
function lastStoreMonth(): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

async function exported(s: Session, testId: string, extension: string): Promise<Buffer> {
  const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByTestId(testId).click()]);
  const name = download.suggestedFilename();
  check(name.endsWith(`.${extension}`), `the ${extension} export is named ${name}`);
  const path = await download.path();
  check(path, `the ${extension} download was saved`);
  const bytes = readFileSync(path);
  check(bytes.subarray(0, 2).toString() === 'PK', `the ${extension} file is a zip (starts with ${JSON.stringify(bytes.subarray(0, 2).toString())})`);
  check(bytes.length > 5_000, `the ${extension} file has content (${bytes.length} bytes)`);
  return bytes;
}

export const reportJourneys: Journey[] = [
  {
    name: '月报: the manager drills into a dashboard figure, opens last month’s report, writes a comment and exports PowerPoint and Excel',
    run: async (s) => {
      const month = lastStoreMonth();
      await loginAs(s, 'manager');

      // ---- The dashboard (last month by default), then the ROs behind a figure.
      await openPage(s, '/reports/dashboard');
      await expectVisible(s.page.getByTestId('kpi-card-ro_count'), 'the RO count card');
      await assertChineseScreen(s, 'the dashboard');
      await shot(s.page, 'reports-01-dashboard');
      await s.page.getByTestId('kpi-value-ro_count').click();
      const drill = s.page.getByTestId('kpi-drill');
      await expectVisible(drill.locator('.ant-table-row').first(), 'the ROs behind the RO count');
      await expectVisible(drill.locator('.ant-table-row a[href^="/repair-orders/"]').first(), 'a link to an RO in the drill-down');
      await shot(s.page, 'reports-02-drill');
      await s.page.keyboard.press('Escape');

      // ---- Last month's manager report: six sections with figures and charts.
      await openPage(s, `/reports/monthly?kind=manager&month=${month}`);
      await expectVisible(s.page.getByTestId('section-results'), 'the 业绩回顾 section');
      await expectVisible(s.page.getByTestId('section-plan'), 'the 下月行动计划 section');
      await expectVisible(s.page.getByTestId('figure-ro_count'), 'the RO count of the month');
      check((await s.page.locator('[data-testid="section-results"] canvas').count()) > 0, 'the results section draws its charts');
      await assertChineseScreen(s, 'the monthly report');
      await shot(s.page, 'reports-03-monthly-report');

      // ---- A comment in 问题与挑战, saved and read back from the server.
      const comment = `异响返修偏多，终检增加路试（e2e ${Date.now()}）`;
      const box = s.page.getByTestId('commentary-problems');
      await box.getByLabel('问题与挑战').fill(comment);
      await box.getByRole('button', { name: '保存评述' }).click();
      await expectVisible(s.page.getByText('已保存'), 'the saved message');
      await expectVisible(s.page.getByTestId('commentary-problems').getByText(/ 于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 保存$/), 'who saved the commentary and when');
      await shot(s.page, 'reports-04-comment-saved');
      const manager = await apiSession(s.base, 'manager');
      const report = await manager<MonthlyReport>('GET', `/api/monthly-reports/manager?month=${month}`);
      const saved = report.sections.find((x) => x.key === 'problems')!.comment;
      check(saved.problems === comment, `the comment is stored (${saved.problems})`);

      // ---- Both exports.
      // Both files carry the report and the comment just written.
      const pptx = await JSZip.loadAsync(await exported(s, 'export-pptx', 'pptx'));
      const slides = Object.keys(pptx.files).filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f));
      const slideText = (await Promise.all(slides.map((f) => pptx.file(f)!.async('string')))).join('\n');
      check(slides.length >= 7 && slideText.includes('售后月度工作总结'), `the slides hold the report (${slides.length} slides)`);
      check(slideText.includes(comment), 'the slides carry the comment');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await exported(s, 'export-xlsx', 'xlsx')) as unknown as ArrayBuffer);
      check(workbook.worksheets.length === 6, `one sheet per section (${workbook.worksheets.map((w) => w.name).join(', ')})`);
      const problemsSheet = workbook.worksheets[4]!;
      const cells: unknown[] = [];
      problemsSheet.eachRow((r) => cells.push(...(r.values as unknown[])));
      check(cells.includes(comment), `the 问题与挑战 sheet carries the comment`);
      await shot(s.page, 'reports-05-exported');
    },
  },
];
