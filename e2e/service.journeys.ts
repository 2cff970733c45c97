/**
 * The service process in a browser (SPEC §5, §7): reception of a returning car with its package,
 * signing, the workshop's states (through the API, as the workshop would from its own screens),
 * additional work approved and declined, printing, a discount beyond the advisor's limit approved by
 * the manager, settlement and delivery with the customer's signature.
 */
import type { Page } from 'playwright-core';
import type { SearchResponse } from '#contracts/customers-tools';
import {
  DAMAGE_KINDS,
  DECISIONS,
  FUEL_LEVELS,
  PAYERS,
  PAYMENT_METHODS,
  PRICING_METHODS,
  RO_STATES,
  RO_TYPES,
  WARNING_LIGHTS,
  type RepairOrder,
} from '#contracts/repair-orders';
import { chineseScreenProblems } from './expectations';
import { apiSession, check, confirmDialog, expectHidden, expectVisible, loginAs, logout, openPage, shot, type Session } from './harness';
import type { Journey } from './journeys';

/** RO words that must never show raw on a Chinese screen (besides what expectations.ts knows). */
const RO_RAW = [...RO_STATES, ...RO_TYPES, ...PAYERS, ...PAYMENT_METHODS, ...PRICING_METHODS, ...FUEL_LEVELS, ...DAMAGE_KINDS, ...WARNING_LIGHTS, ...DECISIONS].filter(
  // Words that are also ordinary English in data (none expected on a Chinese screen, but "open"/"other" are too common to test).
  (w) => !['open', 'other', 'full', 'empty', 'half'].includes(w),
);

async function assertChinese(s: Session, where: string): Promise<void> {
  const text = await s.page.locator('body').innerText();
  const problems = chineseScreenProblems(text);
  for (const value of RO_RAW) if (new RegExp(`(^|[^A-Za-z0-9_:])${value}($|[^A-Za-z0-9_:])`).test(text)) problems.push(`raw value "${value}"`);
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

/** Moves the RO through workshop actions as `username`, each with the version the last answer gave. */
async function workshop(base: string, username: string, roId: number, actions: string[]): Promise<RepairOrder> {
  const api = await apiSession(base, username);
  let ro = await api<RepairOrder>('GET', `/api/repair-orders/${roId}`);
  for (const action of actions) ro = await api<RepairOrder>('POST', `/api/repair-orders/${roId}/transitions`, { action, version: ro.version });
  return ro;
}

/** Draws a short signature on the pad with the mouse. */
async function drawSignature(page: Page): Promise<void> {
  const pad = page.getByTestId('signature-pad');
  const box = await pad.boundingBox();
  check(box !== null, 'the signature pad has a size');
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + 40, y);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++) await page.mouse.move(box.x + 40 + i * 18, y + (i % 2 ? -20 : 20), { steps: 2 });
  await page.mouse.up();
}

function roIdOf(page: Page): number {
  const m = /\/repair-orders\/(\d+)/.exec(page.url());
  check(m !== null, `expected to be on an RO page, at ${page.url()}`);
  return Number(m[1]);
}

export const serviceJourneys: Journey[] = [
  {
    name: '接车 to delivery: an advisor receives 川A12345 with its package, the customer signs, additional work, print, an approved discount, settlement and delivery',
    run: async (s) => {
      const advisorApi = await apiSession(s.base, 'advisor');
      const found = await advisorApi<SearchResponse>('GET', '/api/search?q=a12345&limit=20');
      const car = found.items.find((i) => i.type === 'vehicle' && i.subtitle.includes('张三'));
      check(car, 'the demo has 张三’s 川A12345 (search a12345)');

      await loginAs(s, 'advisor');
      await openPage(s, '/advisor');
      await expectVisible(s.page.getByRole('heading', { name: '顾问工作台' }), 'the advisor desk');
      await s.page.waitForLoadState('networkidle');
      await assertChinese(s, 'the advisor desk');
      await shot(s.page, 'svc-01-advisor-home');

      // ---- From "search plate" to "RO signed", counting what the advisor does.
      let interactions = 0;
      const search = s.page.getByRole('combobox', { name: '搜索车辆或客户' });
      await search.click();
      const answered = s.page.waitForResponse((r) => r.url().includes('/api/search?') && new URL(r.url()).searchParams.get('q') === 'a12345' && r.ok());
      await s.page.keyboard.type('a12345', { delay: 20 });
      await answered;
      interactions++; // 1: type the plate into the header search
      const result = s.page.getByTestId('search-result').filter({ hasText: '川A·12345' }).first();
      await expectVisible(result, 'the search result of 川A·12345');
      await shot(s.page, 'svc-02-search-receive');
      await result.getByTestId('search-receive').click();
      interactions++; // 2: the result's 接车
      await s.page.waitForURL((u) => u.pathname === '/reception');
      const usePackage = s.page.getByRole('checkbox', { name: /按推荐套餐开单/ });
      await usePackage.waitFor({ state: 'attached' });
      check(await usePackage.isChecked(), 'the suggested package is pre-selected');
      await expectVisible(s.page.getByText('张三').first(), 'the owner on the reception screen');
      await s.page.waitForLoadState('networkidle');
      await assertChinese(s, 'the reception screen');
      await shot(s.page, 'svc-03-reception');
      // The odometer has the focus: the advisor just types the reading.
      await s.page.keyboard.type('45210');
      interactions++; // 3: type the odometer
      check((await s.page.getByTestId('odometer').inputValue()).replace(/,/g, '') === '45210', 'the odometer field had the focus');
      await s.page.getByTestId('create-ro').click();
      interactions++; // 4: 开单
      await s.page.waitForURL((u) => /^\/repair-orders\/\d+$/.test(u.pathname));
      const dialog = s.page.locator('.ant-modal:visible');
      await expectVisible(dialog.getByTestId('sign-paper'), 'the signing dialog, opened by itself');
      await shot(s.page, 'svc-04-sign-dialog');
      await dialog.getByTestId('sign-paper').click();
      interactions++; // 5: 纸质签字 (the customer signed the printed form)
      await expectVisible(s.page.getByTestId('ro-state').filter({ hasText: '已签字' }), 'the RO signed');
      console.log(`    interactions from search to signed: ${interactions}`);
      check(interactions <= 5, `reception took ${interactions} interactions`);
      const roId = roIdOf(s.page);
      const ro0 = await advisorApi<RepairOrder>('GET', `/api/repair-orders/${roId}`);
      check(ro0.state === 'open' && ro0.odometerKm === 45210 && ro0.lines.length > 0, `the RO is open with the package lines (${ro0.state}, ${ro0.lines.length} lines)`);

      // ---- The workshop dispatches and starts, and a technician raises two findings.
      await workshop(s.base, 'dispatcher', roId, ['dispatch', 'start']);
      const tech = await apiSession(s.base, 'tech');
      await tech<RepairOrder>('POST', `/api/repair-orders/${roId}/additional-work`, {
        description: '前刹车片磨损至 2mm，建议更换',
        safety: true,
        delayMinutes: 40,
        lines: [{ kind: 'labour', description: '更换前刹车片', jobType: 'mechanical', hours: '1.0', payer: 'customer' }],
      });
      const ro = await tech<RepairOrder>('POST', `/api/repair-orders/${roId}/additional-work`, {
        description: '雨刮片老化，建议更换',
        safety: false,
        delayMinutes: 10,
        lines: [{ kind: 'labour', description: '更换雨刮片', jobType: 'quick_service', hours: '0.2', payer: 'customer' }],
      });
      check(ro.additionalWork.length === 2, 'two additional items raised');

      // ---- The advisor records the customer's answers.
      await openPage(s, `/repair-orders/${roId}`);
      await expectVisible(s.page.getByTestId('additional-work').first(), 'the additional work on the RO page');
      const decide = async (text: string, approve: boolean) => {
        await s.page.getByTestId('additional-work').filter({ hasText: text }).getByTestId('record-decision').click();
        const m = s.page.locator('.ant-modal:visible');
        await expectVisible(m.getByText('客户意见').first(), 'the decision dialog');
        if (!approve) await m.getByText('拒绝', { exact: true }).click();
        await m.getByTestId('decision-submit').click();
        await expectHidden(m, 'the decision dialog');
      };
      await decide('前刹车片', true);
      await expectVisible(s.page.getByTestId('additional-work').filter({ hasText: '前刹车片' }).getByText('客户同意'), 'the approved item');
      await decide('雨刮片', false);
      await expectVisible(s.page.getByTestId('additional-work').filter({ hasText: '雨刮片' }).getByText('客户拒绝'), 'the declined item');
      await s.page.waitForLoadState('networkidle');
      await assertChinese(s, 'the RO page');
      await shot(s.page, 'svc-05-ro-page');

      // ---- Printing: the 进厂维修单 opens in a new tab and renders.
      const [printTab] = await Promise.all([
        s.context.waitForEvent('page'),
        (async () => {
          await s.page.getByRole('button', { name: /打印/ }).first().hover();
          await s.page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: '进厂维修单' }).click();
        })(),
      ]);
      await printTab.waitForLoadState();
      await printTab.getByTestId('print-ro').waitFor({ state: 'visible', timeout: 30_000 });
      await printTab.waitForTimeout(300);
      await printTab.screenshot({ path: 'e2e/artifacts/svc-06-print-ro.png', fullPage: true });
      const printText = await printTab.locator('body').innerText();
      check(printText.includes('进厂维修单') && printText.includes('川A·12345') && printText.includes('前刹车片'), 'the printed RO shows the title, the plate and the approved work');
      check(chineseScreenProblems(printText).length === 0, `the printed RO shows ${chineseScreenProblems(printText).join(', ')}`);
      await printTab.goto(`${s.base}/repair-orders/${roId}/print/additional-work`);
      await printTab.getByTestId('print-additional-work').waitFor({ state: 'visible' });
      await printTab.screenshot({ path: 'e2e/artifacts/svc-06-print-additional-work.png', fullPage: true });
      await printTab.close();

      // ---- The workshop finishes: QC, wash, ready.
      await workshop(s.base, 'tech', roId, ['submit_qc']);
      await workshop(s.base, 'dispatcher', roId, ['qc_pass', 'washed']);

      // ---- Settlement with a discount above the advisor's 5 % of labour: ask the manager.
      await openPage(s, `/repair-orders/${roId}`);
      await expectVisible(s.page.getByTestId('ro-state').filter({ hasText: '待结算' }), 'the RO ready');
      const ready = await advisorApi<RepairOrder>('GET', `/api/repair-orders/${roId}`);
      const labour = ready.totals.byPayer.find((p) => p.payer === 'customer')?.labourFen ?? 0;
      // 8 % of the customer's labour, rounded down to the yuan.
      const discountYuan = Math.floor((labour * 8) / 100 / 100);
      check(discountYuan > 0 && discountYuan * 100 > labour * 0.05, `a discount above 5 % of ${labour} fen`);
      await s.page.getByTestId('action-settle').click();
      const settle = s.page.locator('.ant-modal:visible');
      await settle.getByTestId('labour-discount').fill(String(discountYuan));
      await expectVisible(settle.getByText('超出权限，需审批'), 'the discount beyond the limit');
      await settle.getByTestId('request-reason').fill('老客户，等待时间较长');
      await settle.getByTestId('request-approval').click();
      await expectVisible(settle.getByTestId('waiting-approval'), 'waiting for the approval');
      check(await settle.getByTestId('settle-submit').isDisabled(), 'settling waits for the approval');
      await shot(s.page, 'svc-07-settlement-waiting');
      await settle.getByRole('button', { name: '取消' }).click();
      await logout(s);

      // ---- The manager approves in the browser.
      await loginAs(s, 'manager');
      await openPage(s, '/discount-approvals?status=pending');
      const row = s.page.locator('.ant-table-row').filter({ hasText: ready.number });
      await expectVisible(row, 'the request in the approval queue');
      await s.page.waitForLoadState('networkidle');
      await assertChinese(s, 'the discount approvals');
      await shot(s.page, 'svc-08-discount-approvals');
      await row.getByTestId('approve-discount').click();
      const approve = s.page.locator('.ant-modal:visible');
      await approve.locator('input').fill('同意，老客户');
      await approve.getByTestId('discount-decision-ok').click();
      await expectHidden(approve, 'the approval dialog');
      await logout(s);

      // ---- The advisor settles once, prints, and delivers with the customer's signature.
      await loginAs(s, 'advisor');
      await openPage(s, `/repair-orders/${roId}`);
      await s.page.getByTestId('action-settle').click();
      await settle.getByTestId('labour-discount').fill(String(discountYuan));
      await expectVisible(settle.getByText('已获审批').first(), 'the approved request covering the discount');
      await expectVisible(settle.getByTestId('pay-left').filter({ hasText: '¥0.00' }), 'the payments adding up');
      await s.page.waitForLoadState('networkidle');
      await assertChinese(s, 'the settlement dialog');
      await shot(s.page, 'svc-09-settlement');
      const settled = s.page.waitForResponse((r) => r.url().endsWith(`/api/repair-orders/${roId}/settlement`) && r.request().method() === 'POST');
      await settle.getByTestId('settle-submit').click();
      await confirmDialog(s.page, '结算');
      const answer = await settled;
      check(answer.ok(), `settlement answered ${answer.status()}`);
      check(!!answer.request().headers()['idempotency-key'], 'the settlement carries an Idempotency-Key');
      await expectVisible(s.page.getByText('结算完成'), 'the settlement done');
      await shot(s.page, 'svc-10-settled');
      const after = await advisorApi<RepairOrder>('GET', `/api/repair-orders/${roId}`);
      check(after.state === 'settled' && after.settlement !== null && after.settlement.totals.discountFen === discountYuan * 100, 'settled once, with the approved discount');
      const [gate] = await Promise.all([s.context.waitForEvent('page'), s.page.getByRole('button', { name: '打印出厂通知单' }).click()]);
      await gate.getByTestId('print-gate-pass').waitFor({ state: 'visible', timeout: 30_000 });
      await gate.screenshot({ path: 'e2e/artifacts/svc-11-print-gate-pass.png', fullPage: true });
      await gate.goto(`${s.base}/repair-orders/${roId}/print/settlement`);
      await gate.getByTestId('print-settlement').waitFor({ state: 'visible' });
      await gate.screenshot({ path: 'e2e/artifacts/svc-11-print-settlement.png', fullPage: true });
      await gate.close();
      await s.page.getByTestId('deliver-now').click();
      await expectVisible(s.page.locator('.ant-modal:visible').getByTestId('signature-pad'), 'the delivery signature pad');
      await drawSignature(s.page);
      await shot(s.page, 'svc-12-deliver-sign');
      await s.page.locator('.ant-modal:visible').getByTestId('sign-confirm').click();
      await expectVisible(s.page.getByTestId('ro-state').filter({ hasText: '已出厂' }), 'the car delivered');
      const delivered = await advisorApi<RepairOrder>('GET', `/api/repair-orders/${roId}`);
      check(delivered.state === 'delivered' && (delivered.deliverySignature ?? '').startsWith('data:image/png;base64,'), 'delivered with the drawn signature');
      await shot(s.page, 'svc-13-delivered');

      // ---- The lists.
      for (const [path, title, name] of [
        ['/repair-orders', '维修委托书', 'ro-list'],
        ['/declined-work', '拒修项目', 'declined'],
        ['/settlement-due', '待结算', 'settlement-due'],
      ] as const) {
        await openPage(s, path);
        await expectVisible(s.page.getByRole('heading', { name: title }), title);
        await s.page.waitForLoadState('networkidle');
        await assertChinese(s, path);
        await shot(s.page, `svc-14-${name}`);
      }
      await expectVisible(s.page.locator('body'), 'the page');
      await openPage(s, '/declined-work');
      await expectVisible(s.page.locator('.ant-table-row').filter({ hasText: '雨刮片' }), 'the declined wiper blades in 拒修项目');
    },
  },
];
