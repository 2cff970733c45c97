/**
 * Complaints, manufacturer scores and the letters register (SPEC §8–§10) in the browser: the
 * supervisor closes a complaint with the customer's satisfaction from its page; the weekly table,
 * the score trends and the letters register show the demo's data.
 */
import type { Page } from '#contracts/common';
import { apiSession, check, expectVisible, loginAs, openPage, pickOption, shot } from './harness';
import type { Journey } from './journeys';

interface ComplaintView {
  id: number;
  number: string;
  state: string;
  version: number;
  customerId: number;
  vehicleId: number | null;
}

export const complaintJourneys: Journey[] = [
  {
    name: '投诉: an agent registers a complaint; the supervisor closes it on its page with the customer’s satisfaction',
    run: async (s) => {
      const agent = await apiSession(s.base, 'cs');
      // A customer with a car, from the demo's complaints.
      const some = await agent<Page<ComplaintView>>('GET', '/api/complaints?pageSize=1');
      const known = some.items[0];
      check(known, 'the demo has complaints');
      let c = await agent<ComplaintView>('POST', '/api/complaints', {
        customerId: known.customerId,
        vehicleId: known.vehicleId,
        channel: 'counter',
        category: 'attitude',
        department: 'front_desk',
        severity: 'major',
        description: '客户在前台等候二十分钟无人接待',
      });
      const step = async (body: Record<string, unknown>) => {
        c = await agent<ComplaintView>('POST', `/api/complaints/${c.id}/steps`, { ...body, version: c.version });
      };
      await step({ action: 'acknowledge', apology: '非常抱歉让您久等', promisedReplyAt: new Date(Date.now() + 3_600_000).toISOString() });
      await step({ action: 'investigate' });
      await step({ action: 'propose', solution: '当面致歉并赠送保养工时券', remedies: [{ kind: 'voucher', costFen: 20_000 }] });
      await step({ action: 'accept' });

      await loginAs(s, 'frontdesk');
      await openPage(s, '/complaints');
      await expectVisible(s.page.getByText(c.number), `complaint ${c.number} in the list`);
      await shot(s.page, 'complaints-list');
      await s.page.getByText(c.number).click();
      await expectVisible(s.page.getByText('处理过程'), 'the complaint page with its steps');
      await expectVisible(s.page.getByText('¥200.00').first(), 'the remedy cost');
      await s.page.getByRole('button', { name: '结案' }).click();
      const dialog = s.page.locator('.ant-modal:visible');
      await expectVisible(dialog, 'the closing form');
      await dialog.getByLabel('原因分析').fill('高峰时段前台人手不足');
      await dialog.getByLabel('处理结果').fill('当面致歉并赠送工时券，客户接受');
      await dialog.getByLabel('预防措施').fill('高峰时段增派一名服务顾问');
      await pickOption(s.page, dialog.getByLabel('处理满意度'), /^满意$/);
      await dialog.getByRole('button', { name: /确\s*定|OK/ }).click();
      await expectVisible(s.page.locator('.ant-tag').filter({ hasText: '已结案' }), 'the closed state');
      await shot(s.page, 'complaint-closed');
      const closed = await agent<ComplaintView & { satisfaction: string }>('GET', `/api/complaints/${c.id}`);
      check(closed.state === 'closed' && closed.satisfaction === 'satisfied', `the complaint is closed as satisfied (is ${closed.state})`);
    },
  },
  {
    name: '投诉周报, 厂家满意度 and 信函登记表 show the demo data',
    run: async (s) => {
      await loginAs(s, 'frontdesk');
      await openPage(s, '/complaints/weekly');
      await expectVisible(s.page.getByText('合计').first(), 'the totals row of the weekly table');
      await expectVisible(s.page.getByText('按责任部门'), 'the table by department');
      await shot(s.page, 'complaints-weekly');
      await openPage(s, '/satisfaction');
      await expectVisible(s.page.locator('canvas').first(), 'the MOT trend chart');
      await shot(s.page, 'satisfaction-trend');
      await s.page.getByRole('tab', { name: 'CSS 录入' }).click();
      await expectVisible(s.page.getByText('车辆干净并车况良好'), 'the CSS items');
      await shot(s.page, 'satisfaction-css');
      await openPage(s, '/messages/register?from=2020-01-01');
      await expectVisible(s.page.locator('.ant-tag').filter({ hasText: '已发送' }), 'sent messages in the letters register');
      await shot(s.page, 'letters-register');
      await openPage(s, '/messages/templates');
      await expectVisible(s.page.getByText('交车感谢'), 'the demo templates');
      await shot(s.page, 'message-templates');
    },
  },
];
