/**
 * Follow-up service (SPEC §8, §9): a delivered RO produces a callback task, the agent calls in the
 * browser, records a low score and raises a complaint; the supervisor works the complaint to
 * closure; the complaint shows on the vehicle's timeline.
 *
 * The server runs on the real clock, and a satisfaction call opens 48 h after delivery, so an RO
 * delivered during the run cannot have its callback yet. The RO is therefore one the demo
 * delivered a few days ago; the supervisor's "立即生成任务" (POST /api/care/scan) runs the same scan
 * the job runs, and the test checks that the task points at a delivered RO. The supervisor's first
 * steps (acknowledge, investigate, propose, customer accepts) go through the API; the closing, with
 * the cause and the customer's satisfaction, is done on the complaint's page.
 */
import type { CallWorkspace, CareTask } from '#contracts/care';
import type { BaseReport } from '#contracts/kpis';
import type { Page } from '#contracts/common';
import { apiSession, check, expectVisible, loginAs, openPage, pickOption, shot } from './harness';
import type { Journey } from './journeys';

interface ComplaintView {
  id: number;
  number: string;
  state: string;
  version: number;
}

export const careJourneys: Journey[] = [
  {
    name: '回访: a delivered RO produces a callback task; the agent records a low score and raises a complaint; the supervisor closes it; the vehicle timeline shows it',
    run: async (s) => {
      const supervisor = await apiSession(s.base, 'frontdesk');
      const agent = await apiSession(s.base, 'cs');
      const scan = await supervisor<{ created: Record<string, number> }>('POST', '/api/care/scan', {});
      check(typeof scan.created.satisfaction === 'number', 'the scan reports what it created');

      // A satisfaction callback of a delivered RO whose customer may be called.
      let task: CareTask | undefined;
      let workspace: CallWorkspace | undefined;
      for (const tab of ['today', 'overdue', 'upcoming']) {
        const page = await agent<Page<CareTask>>('GET', `/api/care/queue?tab=${tab}&kind=satisfaction&pageSize=50`);
        for (const candidate of page.items) {
          if (!candidate.roId || !candidate.vehicleId) continue;
          const w = await agent<CallWorkspace>('GET', `/api/care/tasks/${candidate.id}/workspace`);
          if (w.canCall) {
            task = candidate;
            workspace = w;
            break;
          }
        }
        if (task) break;
      }
      check(task && workspace, 'the queue has a satisfaction callback the agent may make');
      const ro = await agent<{ state: string; number: string }>('GET', `/api/repair-orders/${task.roId}`);
      check(ro.state === 'delivered', `the callback's RO ${ro.number} is delivered (is ${ro.state})`);

      // ---- The agent, in the browser: the queue, then the call screen.
      await loginAs(s, 'cs');
      await openPage(s, '/care/queue?tab=overdue');
      await expectVisible(s.page.getByText('回访工作台'), 'the follow-up desk');
      await expectVisible(s.page.getByTestId('care-tab-today'), 'the 今日到期 tab with its count');
      await shot(s.page, 'care-queue');
      await openPage(s, `/care/tasks/${task.id}`);
      await expectVisible(s.page.getByText(workspace.script.slice(0, 12)), 'the call script');
      await s.page.locator('[data-testid="care-outcome"] label').filter({ hasText: '已接通' }).click();
      await expectVisible(s.page.getByTestId('care-questionnaire'), 'the questionnaire once the customer is reached');
      // The first question is the overall satisfaction (the antd radio's input is hidden: click its label).
      await s.page.getByTestId('care-questionnaire').locator('.ant-radio-button-wrapper').filter({ hasText: '2 不满意' }).first().click();
      await s.page.getByTestId('care-note').fill('客户反映交车比约定晚了两个小时，很不满意');
      await s.page.locator('.ant-checkbox-wrapper').filter({ hasText: '登记投诉' }).click();
      await pickOption(s.page, s.page.getByLabel('投诉类别'), '时间');
      await s.page.getByTestId('care-complaint-description').fill('交车延误两小时，未提前告知');
      const confirm = s.page.getByText('我已知晓，仍然拨打');
      if (await confirm.isVisible()) await confirm.click();
      await shot(s.page, 'care-call-form');
      await s.page.getByTestId('care-save').click();
      await expectVisible(s.page.getByText(/已登记投诉 /), 'the complaint number after saving the call');

      const calls = await agent<CallWorkspace>('GET', `/api/care/tasks/${task.id}/workspace`);
      const call = calls.calls.find((c) => c.complaintId !== null);
      check(call && call.overallScore === 2, 'the call is stored with score 2 and its complaint');
      check(calls.task.status === 'done', 'the reached callback is done');

      // ---- The supervisor works the complaint to closure.
      let c = await supervisor<ComplaintView>('GET', `/api/complaints/${call.complaintId}`);
      const step = async (body: Record<string, unknown>) => {
        c = await supervisor<ComplaintView>('POST', `/api/complaints/${c.id}/steps`, { ...body, version: c.version });
      };
      await step({ action: 'acknowledge', apology: '向客户致歉，承诺当天答复', promisedReplyAt: new Date(Date.now() + 4 * 3_600_000).toISOString() });
      await step({ action: 'investigate' });
      await step({ action: 'propose', solution: '赠送一次免费洗车并调整交车时间确认流程' });
      await step({ action: 'accept' });

      // ---- The supervisor closes it on its page, with the cause and the customer's satisfaction.
      await loginAs(s, 'frontdesk');
      await openPage(s, `/complaints/${c.id}`);
      await expectVisible(s.page.getByText('处理过程'), 'the complaint page with its steps');
      await s.page.getByRole('button', { name: '结案' }).click();
      const dialog = s.page.locator('.ant-modal:visible');
      await expectVisible(dialog, 'the closing form');
      await dialog.getByLabel('原因分析').fill('配件到货延误未及时告知客户');
      await dialog.getByLabel('处理结果').fill('致歉并赠送洗车，客户接受');
      await dialog.getByLabel('预防措施').fill('交车时间变更须提前电话告知');
      await pickOption(s.page, dialog.getByLabel('处理满意度'), /^满意$/);
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expectVisible(s.page.locator('.ant-tag').filter({ hasText: '已结案' }), 'the closed state');
      await shot(s.page, 'care-complaint-closed');
      c = await supervisor<ComplaintView>('GET', `/api/complaints/${c.id}`);
      check(c.state === 'closed', `the complaint is closed (is ${c.state})`);

      // ---- The vehicle's timeline shows the call and the complaint.
      await openPage(s, `/vehicles/${task.vehicleId}`);
      await expectVisible(s.page.getByText(new RegExp(c.number)), `complaint ${c.number} on the vehicle's timeline`);
      await shot(s.page, 'care-vehicle-timeline');
    },
  },
  {
    name: '流失招揽: the manager creates recall calls for a lost cohort on the base page; the agent records the loss reason and where the car went; the base page counts it',
    run: async (s) => {
      const manager = await apiSession(s.base, 'manager');
      const agent = await apiSession(s.base, 'cs');
      // A closed cohort the demo's own campaigns (the last four closed ones) did not cover: a year ago.
      const cohort = storeMonth(-12);
      const report = await manager<BaseReport>('GET', `/api/reports/base?month=${storeMonth(-1)}&months=18`);
      const row = report.months.find((m) => m.month === cohort);
      check(row && row.lost !== null && row.lost > 0, `the cohort ${cohort} is closed and has lost vehicles (${JSON.stringify(row)})`);

      // ---- The manager, in the browser: the base page, the cohort's lost vehicles, 生成招揽回访任务.
      await loginAs(s, 'manager');
      await openPage(s, '/reports/base');
      await s.page.locator('.ant-table-row').filter({ hasText: cohort }).first().click();
      await expectVisible(s.page.getByText(`${cohort}`).first(), 'the cohort list');
      await s.page.getByTestId('recall-create').click();
      const [created] = await Promise.all([
        s.page.waitForResponse((r) => r.url().endsWith('/api/reports/base/lost/recall')),
        s.page.locator('.ant-modal-confirm').getByRole('button', { name: '生成招揽回访任务' }).click(),
      ]);
      const result = (await created.json()) as { lost: number; created: number; existing: number; noConsent: number };
      check(result.created > 0, `recall tasks were created for the cohort (${JSON.stringify(result)})`);
      await expectVisible(s.page.getByText(/已生成\s*\d+\s*条回访任务/), 'the number of recall tasks created');
      await shot(s.page, 'recall-created');

      // ---- The agent calls one of them and records why the customer stayed away.
      let task: CareTask | undefined;
      search: for (const tab of ['today', 'upcoming', 'overdue']) {
        for (let page = 1; page <= 10; page++) {
          const queue = await agent<Page<CareTask>>('GET', `/api/care/queue?tab=${tab}&kind=recall&pageSize=100&page=${page}`);
          for (const candidate of queue.items) {
            if (!candidate.subject.includes(cohort)) continue;
            const w = await agent<CallWorkspace>('GET', `/api/care/tasks/${candidate.id}/workspace`);
            if (w.canCall) {
              task = candidate;
              break search;
            }
          }
          if (queue.items.length < 100) break;
        }
      }
      check(task, `a recall task of the ${cohort} cohort is in the agent's queue and may be called`);
      await loginAs(s, 'cs');
      await openPage(s, `/care/tasks/${task.id}`);
      await s.page.locator('[data-testid="care-outcome"] label').filter({ hasText: '已接通' }).click();
      await s.page.getByTestId('care-loss-reason').locator('.ant-radio-button-wrapper').filter({ hasText: '在其他店保养/维修' }).click();
      await s.page.getByTestId('care-loss-destination').fill('城南快修连锁');
      const confirm = s.page.getByText('我已知晓，仍然拨打');
      if (await confirm.isVisible()) await confirm.click();
      await shot(s.page, 'recall-call-form');
      await s.page.getByTestId('care-save').click();
      await expectVisible(s.page.getByText('回访记录已保存').first(), 'the saved call');
      const w = await agent<CallWorkspace>('GET', `/api/care/tasks/${task.id}/workspace`);
      const call = w.calls.find((c) => c.lossReason === 'serviced_elsewhere');
      check(call && call.lossDestination === '城南快修连锁', 'the call is stored with its loss reason and destination');

      // ---- This month's base report counts the reason and the destination.
      const current = await manager<BaseReport>('GET', `/api/reports/base?month=${storeMonth(0)}&months=1`);
      check(current.lossDestinations?.some((d) => d.destination === '城南快修连锁'), 'the destination is counted in this month’s report');
    },
  },
];

/** The store's month `offset` months from now (the demo's stores are in Asia/Shanghai). */
function storeMonth(offset: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
  const [y, m] = today.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + offset;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
