/**
 * The workshop in three browsers at once (SPEC §6): the dispatcher drags a job onto a technician,
 * the technician starts it on the tablet, and the control board — a third browser, like the TV on
 * the wall — shows the change without anyone touching it. The delay from the technician's tap to
 * the board is measured and printed.
 */
import type { DispatchBoard } from '#contracts/workshop';
import { JOB_STATES, QC_LEVELS, QC_STAGES } from '#contracts/workshop';
import { chineseScreenProblems } from './expectations';
import { apiSession, check, expectHidden, expectVisible, launchBrowser, loginAs, openPage, shot, type Session } from './harness';
import type { Journey } from './journeys';

const RAW = [...JOB_STATES, ...QC_LEVELS, ...QC_STAGES, 'in_progress', 'waiting_parts', 'waiting_approval'].filter((w) => !['done', 'self', 'final', 'team', 'passed', 'paused', 'assigned'].includes(w));

async function assertChinese(s: Session, where: string): Promise<void> {
  const text = await s.page.locator('body').innerText();
  const problems = chineseScreenProblems(text);
  for (const value of RAW) if (new RegExp(`(^|[^A-Za-z0-9_:])${value}($|[^A-Za-z0-9_:])`).test(text)) problems.push(`raw value "${value}"`);
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

export const workshopJourneys: Journey[] = [
  {
    name: '车间: the dispatcher drags a job to a technician, the technician starts it on the tablet, the board on the TV shows it live',
    run: async (s) => {
      const dispatcherApi = await apiSession(s.base, 'dispatcher');
      const techApi = await apiSession(s.base, 'tech');
      const me = await techApi<{ user: { id: number; displayName: string } }>('GET', '/api/auth/me');
      const techId = me.user.id;
      const board0 = await dispatcherApi<DispatchBoard>('GET', '/api/workshop/dispatch');
      // A job of a signed RO nobody has touched yet (the board then shows 已派工, then 维修中).
      const candidate =
        board0.unassigned.find((c) => c.roState === 'open' && c.requiredCertification === null) ?? board0.unassigned.find((c) => c.requiredCertification === null);
      check(candidate, 'the demo has a labour line waiting for dispatch');
      check(board0.technicians.some((x) => x.userId === techId), 'the demo technician is on the dispatcher’s screen');

      // ---- The TV: a third browser on the control board.
      const tv = await launchBrowser();
      const tablet = await launchBrowser();
      try {
        const tvSession: Session = { base: s.base, page: tv.page, context: tv.context };
        await loginAs(tvSession, 'advisor');
        await openPage(tvSession, '/workshop/board');
        await expectVisible(tv.page.getByTestId('workshop-board'), 'the control board');
        await expectVisible(tv.page.getByText('实时', { exact: true }), 'the board connected to the live stream');
        const row = tv.page.locator(`tr[data-ro="${candidate.roNumber}"]`);
        await expectVisible(row, `the board row of ${candidate.roNumber}`);

        // ---- The technician's tablet (a second browser, at tablet size).
        await tablet.page.setViewportSize({ width: 1024, height: 768 });
        const tabletSession: Session = { base: s.base, page: tablet.page, context: tablet.context };
        await loginAs(tabletSession, 'tech');
        await openPage(tabletSession, '/workshop/my-jobs');
        await expectVisible(tablet.page.getByRole('heading', { name: '我的作业' }), 'the technician’s jobs');

        // ---- The dispatcher drags the job onto the technician.
        await loginAs(s, 'dispatcher');
        await openPage(s, '/workshop/dispatch');
        await expectVisible(s.page.getByRole('heading', { name: '派工' }), 'the dispatch screen');
        await s.page.waitForLoadState('networkidle');
        await assertChinese(s, 'the dispatch screen');
        await shot(s.page, 'ws-01-dispatch');
        const card = s.page.locator('.ws-job-card').filter({ hasText: candidate.description }).filter({ hasText: candidate.roNumber }).first();
        await expectVisible(card, 'the job card');
        await card.dragTo(s.page.getByTestId(`tech-${techId}`));
        let modal = s.page.locator('.ant-modal:visible');
        if (!(await modal.count())) {
          // The keyboard way: select the card and press Enter, then pick the technician.
          await card.click();
          await s.page.keyboard.press('Enter');
          modal = s.page.locator('.ant-modal:visible');
          await expectVisible(modal, 'the assign dialog');
          await modal.locator('.ant-select').first().click();
          await s.page.keyboard.type(me.user.displayName);
          await s.page.keyboard.press('Enter');
        }
        await expectVisible(modal.getByText('派工：', { exact: false }), 'the assign dialog with the technician');
        await shot(s.page, 'ws-02-assign-dialog');
        await modal.locator('.ant-btn-primary').click();
        await expectHidden(modal, 'the assign dialog');
        await expectVisible(row.filter({ hasText: '已派工' }), 'the board showing the RO dispatched');

        // ---- The technician starts it; the board follows.
        const job = tablet.page.locator('.ws-tablet-job').filter({ hasText: candidate.description }).first();
        await expectVisible(job, 'the new job on the tablet (pushed, no reload)');
        await tablet.page.waitForLoadState('networkidle');
        await shot(tablet.page, 'ws-03-tablet');
        const tapped = Date.now();
        await job.getByRole('button', { name: /开\s*工/ }).click();
        await expectVisible(row.filter({ hasText: '维修中' }), 'the board showing the RO in progress', 10_000);
        const delay = Date.now() - tapped;
        console.log(`    tablet tap → board shows 维修中: ${delay} ms`);
        check(delay < 5_000, `the board took ${delay} ms`);
        await expectVisible(job.getByRole('button', { name: /暂\s*停/ }), 'the pause button after starting');
        await tv.page.waitForTimeout(300);
        await assertChinese(tvSession, 'the control board');
        await shot(tv.page, 'ws-04-board');

        // ---- Pause for parts: the board shows 待料.
        await job.getByRole('button', { name: /暂\s*停/ }).click();
        await tablet.page.locator('.ant-modal:visible').getByRole('button', { name: '等待配件' }).click();
        await expectVisible(row.filter({ hasText: '待料' }), 'the board flagging the RO as waiting for parts', 10_000);
        await shot(tablet.page, 'ws-05-tablet-paused');
        await shot(tv.page, 'ws-06-board-waiting-parts');
      } finally {
        await tablet.close();
        await tv.close();
      }
    },
  },
  {
    name: '车间: the workshop pages open without raw values (QC, figures, cases, incidents)',
    run: async (s) => {
      await loginAs(s, 'dispatcher');
      for (const [path, heading, name] of [
        ['/workshop/team-check', /质检/, 'ws-07-team-check'],
        ['/workshop/final-inspection', /质检/, 'ws-08-final-inspection'],
        ['/workshop/figures', /车间指标/, 'ws-09-figures'],
        ['/workshop/cases', /故障案例库/, 'ws-10-cases'],
        ['/workshop/incidents', /质量安全事件/, 'ws-11-incidents'],
      ] as const) {
        await openPage(s, path);
        await expectVisible(s.page.getByRole('heading', { name: heading }), path);
        await s.page.waitForLoadState('networkidle');
        await assertChinese(s, path);
        await shot(s.page, name);
      }
    },
  },
];
