/**
 * Parts (SPEC §13) in a real browser: the counter serves a request an advisor made, a stocktake with
 * a variance is counted blind by the clerk and approved by the supervisor, and every parts screen
 * looks finished at 1366×768.
 */
import type { Page } from '#contracts/common';
import type { PartStock, StockItem } from '#contracts/parts';
import type { RepairOrder } from '#contracts/repair-orders';
import type { PurchaseOrder } from '#contracts/parts-purchasing';
import { chineseScreenProblems } from './expectations';
import { apiSession, check, confirmDialog, expectHidden, expectVisible, loginAs, logout, openPage, shot, type ApiSession, type Session } from './harness';
import type { Journey } from './journeys';

async function assertChineseScreen(s: Session, where: string): Promise<void> {
  const text = await s.page.locator('body').innerText();
  const problems = chineseScreenProblems(text);
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

async function noSidewaysOverflow(s: Session, where: string): Promise<void> {
  const overflow = await s.page.locator('.app-content').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  check(!overflow, `${where} overflows sideways`);
}

function drawer(s: Session) {
  return s.page.locator('.ant-drawer-content-wrapper:visible');
}

const milli = (q: string) => Math.round(Number(q) * 1000);

/** A location of the demo stock whose parts are all counted in whole units, with stock on it. */
async function countableLocation(api: ApiSession, avoid: string): Promise<{ location: string; items: StockItem[] }> {
  for (const shelf of ['F', 'E', 'D']) {
    for (let bay = 12; bay >= 1; bay--) {
      const location = `${shelf}-${String(bay).padStart(2, '0')}`;
      if (location === avoid) continue;
      const page = await api<Page<StockItem>>('GET', `/api/parts/stock?location=${location}&pageSize=50`);
      if (page.items.length >= 2 && page.items.length <= 12 && page.items.every((i) => i.unit === 'piece' || i.unit === 'set' || i.unit === 'pair')) return { location, items: page.items };
    }
  }
  throw new Error('no countable location in the demo stock');
}

export const partsJourneys: Journey[] = [
  {
    name: 'parts for a job: the technician asks on the tablet, the clerk issues at the counter, the technician confirms it fitted, the advisor settles the RO',
    run: async (s) => {
      const advisor = await apiSession(s.base, 'advisor');
      const dispatcher = await apiSession(s.base, 'dispatcher');
      const techApi = await apiSession(s.base, 'tech');
      const tech = await techApi<{ user: { id: number } }>('GET', '/api/auth/me');
      const stock = await advisor<Page<StockItem>>('GET', '/api/parts/stock?inStock=true&location=A-01&pageSize=50');
      const part = stock.items.find((i) => i.unit === 'piece' && milli(i.onHand) >= 3000);
      check(part, 'the demo has a part counted in pieces in stock at A-01');

      // ---- The advisor opens an RO for a demo car with one job, signed, and the dispatcher gives the job to the technician.
      const cars = await advisor<Page<{ id: number }>>('GET', '/api/vehicles?pageSize=5&sort=createdAt&order=asc');
      const car = cars.items[2];
      check(car, 'the demo has vehicles');
      let ro = await advisor<RepairOrder>('POST', '/api/repair-orders', {
        vehicleId: car.id,
        type: 'general_repair',
        broughtByName: '车主本人',
        odometerKm: 1_900_000,
        concerns: ['刹车时有异响'],
        lines: [{ kind: 'labour', description: '刹车系统检查（配件测试）', hours: '0.5', jobType: 'mechanical' }],
      });
      ro = await advisor<RepairOrder>('POST', `/api/repair-orders/${ro.id}/sign`, { signature: null, version: ro.version });
      const line = ro.lines[0]!;
      await dispatcher('POST', '/api/workshop/jobs', { lineId: line.id, bayId: null, technicianIds: [tech.user.id] });

      // ---- The technician, on the tablet: start the job and ask for the part.
      await loginAs(s, 'tech');
      await openPage(s, '/workshop/my-jobs');
      const job = s.page.locator('.ws-tablet-job').filter({ hasText: '刹车系统检查（配件测试）' });
      await expectVisible(job, 'the job on the tablet');
      await job.getByRole('button', { name: '开工' }).click();
      await expectVisible(job.getByText('作业中'), 'the job started');
      await job.getByRole('button', { name: '领料' }).click();
      const ask = s.page.locator('.ant-modal:visible');
      await ask.locator('.ant-select').click();
      await s.page.keyboard.type(part.partNo);
      await s.page.locator('.ant-select-item-option').filter({ hasText: part.partNo }).first().click();
      await ask.getByRole('spinbutton').fill('2');
      await ask.getByRole('button', { name: '提交' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已提交领料申请' }), 'the request sent');
      await expectVisible(job.getByText(part.partNo), 'the part on the job card');
      await expectVisible(job.getByText('待发料'), 'waiting for the counter');
      await shot(s.page, '30-parts-tablet-request');
      await logout(s);

      // ---- The clerk, at the counter: the request is in the queue with the RO's own number; print the pick list; issue.
      await loginAs(s, 'parts');
      await s.page.getByTestId('side-menu').getByText('配件柜台').click();
      await expectVisible(s.page.locator('h1').filter({ hasText: '配件柜台' }), 'the counter page');
      const row = s.page.locator('.ant-table-row').filter({ hasText: ro.number }).filter({ hasText: part.partNo });
      await expectVisible(row, 'the new request in the queue');
      await expectVisible(row.getByText('待发料'), 'its pending status');
      await shot(s.page, '31-parts-counter');
      await assertChineseScreen(s, 'the parts counter');
      await noSidewaysOverflow(s, 'the parts counter');
      await s.page.getByRole('button', { name: '打印领料单' }).click();
      await expectVisible(s.page.locator('.print-preview .print-page').filter({ hasText: ro.number }), 'the pick list with the request');
      await expectVisible(s.page.locator('.print-preview .print-page').getByText('发料人'), 'the signature lines');
      await shot(s.page, '31-parts-pick-list');
      await s.page.locator('.print-preview .ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await expectHidden(s.page.locator('.print-preview'), 'the print preview');
      await row.getByRole('button', { name: '发料', exact: true }).click();
      await confirmDialog(s.page, '发料');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已发料' }), 'the issued message');
      await expectHidden(s.page.locator('.ant-table-row').filter({ hasText: ro.number }), 'the request leaving the open queue');
      const clerk = await apiSession(s.base, 'parts');
      const issued = await clerk<PartStock>('GET', `/api/parts/${part.partId}/stock`);
      check(milli(issued.onHand) === milli(part.onHand) - 2000, `stock went from ${part.onHand} to ${issued.onHand}, expected 2 less`);
      await logout(s);

      // ---- The technician confirms the part went into the car and finishes the job.
      await loginAs(s, 'tech');
      await openPage(s, '/workshop/my-jobs');
      await expectVisible(job.getByText('已发料'), 'the part issued, on the tablet');
      await job.getByRole('button', { name: '确认装车' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已确认装车' }), 'fitted recorded');
      await expectHidden(job.getByRole('button', { name: '确认装车' }), 'the fitted button, once done');
      await job.getByRole('button', { name: '完工' }).click();
      await expectVisible(job.getByText('已完工'), 'the job finished');
      await shot(s.page, '32-parts-tablet-fitted');
      await logout(s);

      // ---- QC and washing (as in the service journey), then the advisor settles in the browser.
      for (const [who, actions] of [['tech', ['submit_qc']], ['dispatcher', ['qc_pass', 'washed']]] as const) {
        const api = who === 'tech' ? techApi : dispatcher;
        for (const action of actions) {
          const current = await api<RepairOrder>('GET', `/api/repair-orders/${ro.id}`);
          if (current.state === 'ready') break;
          await api('POST', `/api/repair-orders/${ro.id}/transitions`, { action, version: current.version });
        }
      }
      const ready = await advisor<RepairOrder>('GET', `/api/repair-orders/${ro.id}`);
      check(ready.state === 'ready' && ready.partsOutstanding === 0, `the RO is ready with its parts reconciled (state ${ready.state}, outstanding ${ready.partsOutstanding})`);
      await loginAs(s, 'advisor');
      await openPage(s, `/repair-orders/${ro.id}`);
      await expectVisible(s.page.getByTestId('ro-state').filter({ hasText: '待结算' }), 'the RO ready');
      await s.page.getByTestId('action-settle').click();
      const settle = s.page.locator('.ant-modal:visible');
      await expectVisible(settle.getByTestId('pay-left').filter({ hasText: '¥0.00' }), 'the payments adding up');
      await settle.getByTestId('settle-submit').click();
      await confirmDialog(s.page, '结算');
      await expectVisible(s.page.getByText('结算完成'), 'the settlement done');
      await shot(s.page, '33-parts-ro-settled');
      await s.page.locator('.ant-modal:visible .ant-modal-close').click();
      await expectHidden(s.page.locator('.ant-modal:visible'), 'the settlement dialog');
      const after = await clerk<{ reconciled: boolean; lines: { status: string }[] }>('GET', `/api/parts/repair-orders/${ro.id}`);
      check(after.lines.every((l) => l.status === 'settled'), 'the part request is settled with the RO');
      await logout(s);
    },
  },
  {
    name: 'parts stocktake: the clerk counts a location blind with a variance, the supervisor approves it',
    run: async (s) => {
      const supervisor = await apiSession(s.base, 'partsmgr');
      const { location, items } = await countableLocation(supervisor, 'A-01');
      const short = items.find((i) => milli(i.onHand) >= 1000)!;
      check(short, `a part with stock at ${location}`);

      await loginAs(s, 'parts');
      await openPage(s, '/parts/stocktakes');
      await expectVisible(s.page.locator('h1').filter({ hasText: '库存盘点' }), 'the stocktake list');
      await expectVisible(s.page.locator('.ant-table-row').filter({ hasText: '已审核' }), 'the past quarterly stocktake');
      await s.page.getByRole('button', { name: '新建盘点' }).first().click();
      await expectVisible(drawer(s).getByText('新建盘点单'), 'the new-stocktake drawer');
      const locations = drawer(s).getByLabel('盘点库位');
      await locations.click();
      await s.page.keyboard.type(location);
      await s.page.keyboard.press('Enter');
      await drawer(s).getByRole('button', { name: '保存' }).click();
      await s.page.waitForURL(/\/parts\/stocktakes\/\d+$/);
      const stocktakeUrl = s.page.url();
      await expectVisible(s.page.locator('h1').filter({ hasText: '库存盘点 PD' }), 'the count sheet');
      check(!(await s.page.getByText('快照账面数').count()), 'the clerk does not see book quantities (blind count)');

      for (const item of items) {
        const counted = item.partId === short.partId ? String((milli(item.onHand) - 1000) / 1000) : item.onHand;
        const input = s.page.getByRole('spinbutton', { name: `实盘数 ${item.partNo}` });
        await input.fill(counted);
      }
      await shot(s.page, '32-parts-stocktake-count');
      await assertChineseScreen(s, 'the count sheet');
      await s.page.getByRole('button', { name: '保存盘点数' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: `已保存 ${items.length} 行` }), 'the saved message');
      await s.page.getByRole('button', { name: '打印盘点表' }).click();
      await expectVisible(s.page.locator('.print-preview .print-page').getByText('配件盘点表'), 'the printable count sheet');
      await expectVisible(s.page.locator('.print-preview .print-page').getByText('盘点人'), 'its signature lines');
      await shot(s.page, '33-parts-stocktake-print');
      await s.page.locator('.print-preview .ant-modal-footer').getByRole('button', { name: '关闭' }).click();
      await logout(s);

      await loginAs(s, 'partsmgr');
      await s.page.goto(stocktakeUrl);
      await s.page.getByRole('tab', { name: '差异报告' }).click();
      await expectVisible(s.page.getByTestId('variance-rate'), 'the variance rate');
      await expectVisible(s.page.locator('tr:visible').filter({ hasText: short.partNo }).getByRole('cell', { name: '-1', exact: true }), `the short line of ${short.partNo} with −1`);
      await shot(s.page, '34-parts-stocktake-variance');
      await assertChineseScreen(s, 'the variance report');
      await s.page.getByRole('button', { name: '审核过账' }).click();
      await confirmDialog(s.page, '审核过账');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已审核过账' }), 'the approved message');
      await expectVisible(s.page.locator('.page-header').getByText('已审核'), 'the approved status');
      const after = await supervisor<PartStock>('GET', `/api/parts/${short.partId}/stock`);
      check(milli(after.onHand) === milli(short.onHand) - 1000, `stock of ${short.partNo} went from ${short.onHand} to ${after.onHand}, expected 1 less`);
      await logout(s);
    },
  },
  {
    name: 'parts screens look finished, and an order is received against its lines',
    run: async (s) => {
      await loginAs(s, 'partsmgr');
      const pages: { path: string; name: string; expect: string }[] = [
        { path: '/parts/stock', name: 'stock', expect: '库存查询' },
        { path: '/parts/stock?view=below', name: 'stock-below', expect: '低于安全库存' },
        { path: '/parts/stock?view=slow', name: 'stock-slow', expect: '呆滞库存' },
        { path: '/parts/catalog', name: 'catalog', expect: '配件目录' },
        { path: '/parts/suggestions', name: 'suggestions', expect: '建议订货' },
        { path: '/parts/purchase-orders', name: 'purchase-orders', expect: '采购订单' },
        { path: '/parts/transfers', name: 'transfers', expect: '门店调拨' },
        { path: '/parts/old-parts', name: 'old-parts', expect: '旧件管理' },
        { path: '/parts/dashboard', name: 'dashboard', expect: '配件看板' },
      ];
      for (const p of pages) {
        await openPage(s, p.path);
        await expectVisible(s.page.getByText(p.expect).first(), `${p.name}: ${p.expect}`);
        await s.page.locator('.ant-table-row, .ant-empty, canvas').first().waitFor({ state: 'visible', timeout: 30_000 }).catch(() => undefined);
        await shot(s.page, `35-parts-${p.name}`);
        await assertChineseScreen(s, `/parts ${p.name}`);
        await noSidewaysOverflow(s, `/parts ${p.name}`);
      }
      // The part page with its ledger, from the stock list.
      await openPage(s, '/parts/stock');
      await s.page.locator('.ant-table-row').first().click();
      await s.page.waitForURL(/\/parts\/stock\/\d+$/);
      await expectVisible(s.page.getByText('库存台账'), 'the ledger');
      await expectVisible(s.page.locator('.ant-table-row').getByText('入库').first(), 'a receipt in the ledger');
      await shot(s.page, '36-parts-part-ledger');
      await assertChineseScreen(s, 'the part page');
      // The catalog drawer.
      await openPage(s, '/parts/catalog');
      await s.page.locator('.ant-table-row').first().click();
      await expectVisible(drawer(s).getByText('编辑配件'), 'the part drawer');
      await shot(s.page, '37-parts-catalog-drawer');
      await drawer(s).getByRole('button', { name: '取消' }).click();

      // Receive the open regular order in full, its first line one over with a reason.
      const api = await apiSession(s.base, 'partsmgr');
      const orders = await api<Page<PurchaseOrder>>('GET', '/api/parts/purchase-orders?status=ordered&kind=regular&pageSize=5');
      const order = orders.items[0];
      check(order, 'the demo has an ordered purchase order');
      await openPage(s, `/parts/purchase-orders?open=${order.id}`);
      await expectVisible(drawer(s).getByText(`采购订单 ${order.number}`), 'the order drawer');
      await shot(s.page, '38-parts-order-drawer');
      await drawer(s).getByRole('button', { name: '收货' }).click();
      const modal = s.page.locator('.ant-modal:visible').filter({ hasText: '按订单收货' });
      await expectVisible(modal, 'the receive dialog');
      const first = order.lines[0]!;
      await modal.getByRole('spinbutton', { name: `本次到货 ${first.partNo}` }).fill(String(Number(first.quantity) + 1));
      await modal.getByRole('button', { name: '收货' }).click();
      await expectVisible(modal.getByText('请填写原因'), 'the reason asked for the extra unit');
      await modal.getByRole('textbox', { name: `原因 ${first.partNo}` }).fill('厂家多发一件');
      await shot(s.page, '39-parts-receive');
      await modal.getByRole('button', { name: '收货' }).click();
      await confirmDialog(s.page, '收货');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已入库' }), 'the received message');
      const after = await api<PurchaseOrder>('GET', `/api/parts/purchase-orders/${order.id}`);
      check(after.status === 'received', `the order is received (is ${after.status})`);
      await drawer(s).locator('.ant-drawer-close').click();
      await expectHidden(drawer(s), 'the order drawer');
      await logout(s);

      // The workshop supervisor approves the outside purchase waiting for it.
      await loginAs(s, 'dispatcher');
      await s.page.getByTestId('side-menu').getByText('外采审批').click();
      const row = s.page.locator('.ant-table-row').filter({ hasText: '待审批' }).first();
      await expectVisible(row, 'an outside purchase waiting for approval');
      await shot(s.page, '40-parts-outside-approval');
      await assertChineseScreen(s, 'the approval page');
      await row.click();
      await drawer(s).getByRole('button', { name: '质量审核通过' }).click();
      await s.page.locator('.ant-modal:visible').getByRole('button', { name: '质量审核通过' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已审核' }), 'the approved message');
      await drawer(s).locator('.ant-drawer-close').click();
      await expectHidden(drawer(s), 'the order drawer');
      await logout(s);
    },
  },
];
