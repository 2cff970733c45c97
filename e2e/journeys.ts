/**
 * The journeys: what people in each role do with the shell and the admin pages, in a real
 * browser against a real server. Each journey signs in afresh; screenshots land in e2e/artifacts.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { ROLE_LABELS } from '#contracts/roles';
import { firstPageSize } from './bundle-size';
import { chineseScreenProblems, DEMO_ACCOUNTS, HOME_LABEL, MENU } from './expectations';
import {
  check,
  confirmDialog,
  expectHidden,
  expectVisible,
  loginAs,
  logout,
  menuLabels,
  openPage,
  pickOption,
  PASSWORD,
  ROOT,
  shot,
  type Session,
} from './harness';

export interface Journey {
  name: string;
  run: (s: Session) => Promise<void>;
}

const FIRST_PAGE_LIMIT = 350 * 1024;

async function assertChineseScreen(s: Session, where: string): Promise<void> {
  const text = await s.page.locator('body').innerText();
  const problems = chineseScreenProblems(text);
  check(problems.length === 0, `${where} shows ${problems.join(', ')}`);
}

function drawer(s: Session) {
  return s.page.locator('.ant-drawer-content-wrapper:visible');
}

/** The field error antd shows under a form item labelled `label`. */
function fieldError(s: Session, label: string) {
  return drawer(s).locator('.ant-form-item').filter({ has: s.page.locator(`label:text-is("${label}")`) }).locator('.ant-form-item-explain-error');
}

/** Signs in through the API (outside the browser), for changes "someone else" makes meanwhile. */
async function apiSession(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  check(res.ok, `API sign-in as ${username} failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    check(r.ok, `${method} ${path} answered ${r.status}`);
    return (await r.json()) as T;
  };
}

export const journeys: Journey[] = [
  {
    name: 'the first page loads less than 350 kB of gzipped JavaScript',
    run: async () => {
      const size = firstPageSize(join(ROOT, 'web', 'dist'));
      console.log(`    first page JavaScript: ${(size.jsGzipBytes / 1024).toFixed(1)} kB gzip in ${size.files.length} files`);
      check(size.jsGzipBytes < FIRST_PAGE_LIMIT, `first page is ${(size.jsGzipBytes / 1024).toFixed(1)} kB gzip`);
    },
  },
  {
    name: 'the sign-in page refuses a wrong password in Chinese',
    run: async (s) => {
      await s.context.clearCookies();
      await s.page.goto(`${s.base}/login`);
      await expectVisible(s.page.getByText('售后服务管理系统'), 'the product name');
      await shot(s.page, '01-login');
      await s.page.locator('#username').fill('manager');
      await s.page.locator('#password').fill('wrong-password');
      await s.page.locator('#password').press('Enter');
      await expectVisible(s.page.locator('.ant-alert-error').filter({ hasText: '用户名或密码错误' }), 'the wrong-password message');
      await assertChineseScreen(s, 'the sign-in page');
    },
  },
  {
    name: 'every demo role sees exactly the menu its permissions allow',
    run: async (s) => {
      for (const { username, role } of DEMO_ACCOUNTS) {
        console.log(`    ${username}`);
        await loginAs(s, username);
        const labels = await menuLabels(s.page);
        const expected = [HOME_LABEL, ...MENU.filter((m) => ROLE_PERMISSIONS[role].includes(m.permission)).map((m) => m.zh)];
        check(
          JSON.stringify([...labels].sort()) === JSON.stringify([...expected].sort()),
          `${username}: menu ${JSON.stringify(labels)} but expected ${JSON.stringify(expected)}`,
        );
        await expectVisible(s.page.getByText(ROLE_LABELS[role].zh, { exact: false }).first(), `${username}'s role on the home page`);
        if (username === 'tech') check(!labels.includes('工位管理'), 'a technician must not see 工位管理');
        if (username === 'manager') check(labels.includes('工位管理'), 'the manager must see 工位管理');
        if (username === 'admin') check(labels.includes('门店管理') && labels.includes('审计日志'), 'the administrator must see 门店管理 and 审计日志');
        if (['admin', 'manager', 'tech'].includes(username)) {
          await assertChineseScreen(s, `${username}'s home page`);
          await shot(s.page, `02-home-${username}`);
        }
        await logout(s);
      }
    },
  },
  {
    name: 'a page the role may not open says so, and an unknown address shows 404',
    run: async (s) => {
      await loginAs(s, 'tech');
      await openPage(s, '/bays');
      await expectVisible(s.page.getByText('没有权限'), 'the 403 page for a technician on /bays');
      await shot(s.page, '03-forbidden-tech-bays');
      await openPage(s, '/no-such-page');
      await expectVisible(s.page.getByText('页面不存在'), 'the 404 page');
      await expectVisible(s.page.getByRole('button', { name: '返回工作台' }), 'the way back home');
      await shot(s.page, '03-not-found');
    },
  },
  {
    name: 'the administrator switches store from the header',
    run: async (s) => {
      await loginAs(s, 'admin');
      const switcher = s.page.getByRole('combobox', { name: '当前门店' });
      const before = await s.page.getByTestId('greeting').locator('xpath=..').innerText();
      const target = '成都锦程一汽-大众4S店';
      check(!before.includes(target), 'the admin should start in another store');
      await pickOption(s.page, switcher, target);
      await expectVisible(s.page.getByTestId('greeting').locator('xpath=..').filter({ hasText: target }), 'the new store on the home page');
      await shot(s.page, '04-store-switched');
      await s.page.reload();
      await expectVisible(s.page.getByTestId('greeting').locator('xpath=..').filter({ hasText: target }), 'the new store after a reload');
      await pickOption(s.page, s.page.getByRole('combobox', { name: '当前门店' }), '成都锦程丰田4S店');
      await expectVisible(s.page.getByTestId('greeting').locator('xpath=..').filter({ hasText: '成都锦程丰田4S店' }), 'the first store again');
    },
  },
  {
    name: 'the language switch shows English and is remembered',
    run: async (s) => {
      await loginAs(s, 'manager');
      await s.page.getByText('English', { exact: true }).click();
      await expectVisible(s.page.getByTestId('side-menu').getByText('Bays', { exact: true }), 'the English menu');
      await expectVisible(s.page.getByTestId('greeting').filter({ hasText: /Good (morning|afternoon|evening)/ }), 'the English greeting');
      await shot(s.page, '05-home-en');
      await openPage(s, '/bays');
      await expectVisible(s.page.locator('h1').filter({ hasText: 'Bays' }), 'the English page title');
      await expectVisible(s.page.locator('.ant-table-thead').getByText('Bay number'), 'English column titles');
      await expectVisible(s.page.getByText('Quick service').first(), 'English job types');
      await shot(s.page, '05-bays-en');
      await s.page.reload();
      await expectVisible(s.page.locator('h1').filter({ hasText: 'Bays' }), 'English after a reload');
      await s.page.getByText('中文', { exact: true }).click();
      await expectVisible(s.page.locator('h1').filter({ hasText: '工位管理' }), 'Chinese again');
    },
  },
  {
    name: 'a manager creates a bay: a bad code is refused next to the field, then saved',
    run: async (s) => {
      await loginAs(s, 'manager');
      await s.page.getByTestId('side-menu').getByText('工位管理').click();
      await expectVisible(s.page.locator('h1').filter({ hasText: '工位管理' }), 'the bays page');
      await s.page.getByRole('button', { name: '新建工位' }).click();
      await expectVisible(drawer(s).getByText('新建工位'), 'the new-bay drawer');
      await drawer(s).getByLabel('工位编号').fill('E2E 01!');
      await drawer(s).getByLabel('工位名称').fill('测试工位');
      await drawer(s).getByLabel('工位名称').press('Enter');
      await expectVisible(fieldError(s, '工位编号').filter({ hasText: '编码只能包含字母、数字、- 和 _' }), 'the code error next to the field');
      await shot(s.page, '06-bay-validation-error');
      await drawer(s).getByLabel('工位编号').fill('E2E01');
      await drawer(s).getByLabel('工位编号').press('Enter');
      await expectHidden(drawer(s), 'the drawer after saving');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已创建' }), 'the created message');
      await s.page.getByPlaceholder('搜索工位编号或名称').fill('E2E01');
      await s.page.getByPlaceholder('搜索工位编号或名称').press('Enter');
      await expectVisible(s.page.locator('.ant-table-row').filter({ hasText: 'E2E01' }), 'the new bay in the list');
      check(new URL(s.page.url()).searchParams.get('q') === 'E2E01', 'the search is kept in the URL');

      // Unsaved changes: Esc asks before throwing them away.
      await s.page.locator('.ant-table-row').filter({ hasText: 'E2E01' }).click();
      await expectVisible(drawer(s).getByText('编辑工位'), 'the edit drawer');
      await drawer(s).getByLabel('工位名称').fill('测试工位（改）');
      await drawer(s).getByLabel('工位名称').press('Escape');
      await expectVisible(s.page.locator('.ant-modal-confirm').filter({ hasText: '放弃未保存的修改？' }), 'the unsaved-changes warning');
      await confirmDialog(s.page, '继续编辑');
      await drawer(s).getByLabel('工位名称').press('Enter');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已保存' }), 'the saved message');
      await expectVisible(s.page.locator('.ant-table-row').filter({ hasText: '测试工位（改）' }), 'the renamed bay');

      // Deactivation asks first and says what it means.
      await s.page.locator('.ant-table-row').filter({ hasText: 'E2E01' }).click();
      await drawer(s).getByRole('button', { name: '停用' }).click();
      await expectVisible(s.page.locator('.ant-modal-confirm').filter({ hasText: '不会再出现在派工和预约中' }), 'the deactivation consequence');
      await confirmDialog(s.page, '停用');
      await expectVisible(drawer(s).locator('.ant-tag').filter({ hasText: '已停用' }), 'the inactive tag in the drawer');
      await drawer(s).getByRole('button', { name: '取消' }).click();
      await expectVisible(s.page.locator('.ant-table-row').filter({ hasText: 'E2E01' }).getByText('已停用'), 'the inactive bay in the list');

      // Esc also cancels from a dropdown field (which keeps the key to itself while open).
      await s.page.locator('.ant-table-row').filter({ hasText: 'E2E01' }).click();
      await pickOption(s.page, drawer(s).getByLabel('工位类型'), '喷漆');
      await s.page.keyboard.press('Escape');
      await confirmDialog(s.page, '放弃修改');
      await expectHidden(drawer(s), 'the drawer after discarding');

      // Excel export of what is shown.
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: '导出 Excel' }).click()]);
      check(/^工位-\d{8}-\d{4}\.xlsx$/.test(download.suggestedFilename()), `export file name ${download.suggestedFilename()}`);
      const file = await download.path();
      check(file !== null && statSync(file).size > 3000, 'the export has content');
    },
  },
  {
    name: 'a stale edit is refused with a reload, and settings are saved',
    run: async (s) => {
      await loginAs(s, 'manager');
      await openPage(s, '/settings');
      const reminder = s.page.getByLabel('预约提醒提前');
      await expectVisible(reminder, 'the appointment reminder setting');
      // Someone else saves the settings meanwhile.
      const other = await apiSession(s.base, 'admin');
      const current = await other<{ settings: Record<string, unknown>; version: number }>('GET', '/api/settings');
      await other('PUT', '/api/settings', { settings: { ...current.settings, appointmentSlotMinutes: 30 }, version: current.version });
      await reminder.fill('12');
      await reminder.press('Enter');
      await expectVisible(s.page.locator('.ant-alert-warning').filter({ hasText: '记录已被他人修改' }), 'the stale-version notice');
      await shot(s.page, '07-settings-stale');
      await s.page.locator('.ant-alert-warning').getByRole('button', { name: '重新加载' }).click();
      await expectHidden(s.page.locator('.ant-alert-warning').filter({ hasText: '记录已被他人修改' }), 'the notice after reloading');
      check((await s.page.getByLabel('预约时段长度').inputValue()) === '30', 'the reload shows the other person’s change');
      await s.page.getByLabel('预约提醒提前').fill('12');
      await s.page.getByRole('button', { name: '保存设置' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已保存' }), 'the saved message');
    },
  },
  {
    name: 'staff certifications: an expired one is highlighted, deleting asks first',
    run: async (s) => {
      await loginAs(s, 'manager');
      await openPage(s, '/staff?q=tech&role=technician');
      await s.page.locator('.ant-table-row').first().click();
      await expectVisible(drawer(s).getByText('添加认证').first(), 'the certification form');
      const form = drawer(s).locator('form').last();
      await form.getByLabel('认证名称').fill('机电维修认证');
      await form.getByLabel('发证机构').fill('丰田中国');
      await form.getByLabel('发证日期').fill('2020-01-01');
      await form.getByLabel('发证日期').press('Tab');
      await form.getByLabel('到期日期').fill('2022-01-01');
      await form.getByLabel('到期日期').press('Tab');
      await form.getByRole('button', { name: '添加认证' }).click();
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已添加认证' }), 'the added message');
      await expectVisible(drawer(s).locator('.row-expired').filter({ hasText: '机电维修认证' }), 'the expired certificate highlighted');
      await shot(s.page, '08-staff-certifications');
      await drawer(s).getByRole('button', { name: '删除 机电维修认证' }).click();
      await expectVisible(s.page.locator('.ant-modal-confirm').filter({ hasText: '删除认证“机电维修认证”？' }), 'the delete confirmation');
      await confirmDialog(s.page, '删除');
      await expectHidden(drawer(s).locator('.ant-table-row').filter({ hasText: '机电维修认证' }), 'the deleted certificate');
    },
  },
  {
    name: 'the audit log shows who changed the bay, as a readable diff',
    run: async (s) => {
      await loginAs(s, 'admin');
      await openPage(s, '/audit?entity=bay');
      const row = s.page.locator('.ant-table-row').filter({ hasText: '修改工位' }).filter({ hasText: 'E2E01' }).first();
      await expectVisible(row, 'the bay change in the log');
      await shot(s.page, '09-audit');
      await assertChineseScreen(s, 'the audit log');
      await row.click();
      await expectVisible(drawer(s).getByText('修改前'), 'the diff');
      await expectVisible(drawer(s).locator('.diff-changed'), 'highlighted changed fields');
      await assertChineseScreen(s, 'the audit diff');
      await shot(s.page, '09-audit-diff');
    },
  },
  {
    name: 'every main screen looks finished at 1366×768 and 1024×768',
    run: async (s) => {
      await loginAs(s, 'admin');
      const screens: { path: string; name: string; open?: string | RegExp; expect: string }[] = [
        { path: '/', name: 'home', expect: '常用功能' },
        { path: '/bays', name: 'bays', expect: '工位管理', open: 'K01' },
        { path: '/vehicle-models', name: 'vehicle-models', expect: '车型管理', open: '卡罗拉' },
        { path: '/service-items', name: 'service-items', expect: '维修项目', open: 'M001' },
        { path: '/maintenance-packages', name: 'maintenance-packages', expect: '保养套餐', open: 'PK10000-1' },
        { path: '/staff', name: 'staff', expect: '员工技能与认证', open: '技术主管' },
        { path: '/stores', name: 'stores', expect: '门店管理', open: 'CD01' },
        { path: '/settings', name: 'settings', expect: '门店设置' },
        { path: '/users', name: 'users', expect: '用户管理', open: 'manager' },
        { path: '/audit', name: 'audit', expect: '审计日志' },
      ];
      for (const screen of screens) {
        await openPage(s, screen.path);
        await expectVisible(s.page.getByText(screen.expect).first(), `${screen.path}: ${screen.expect}`);
        await s.page.waitForLoadState('networkidle');
        await assertChineseScreen(s, screen.path);
        await shot(s.page, `10-${screen.name}-1366`);
        if (screen.open) {
          await s.page.locator('.ant-table-row').filter({ hasText: screen.open }).first().click();
          await expectVisible(drawer(s).locator('.ant-drawer-title'), `the record drawer of ${screen.path}`);
          await s.page.waitForLoadState('networkidle');
          await assertChineseScreen(s, `${screen.path} drawer`);
          await shot(s.page, `10-${screen.name}-drawer-1366`);
          await s.page.keyboard.press('Escape');
          await expectHidden(drawer(s), `the drawer of ${screen.path} after Esc`);
        }
      }
      await s.page.setViewportSize({ width: 1024, height: 768 });
      try {
        for (const screen of screens.filter((x) => ['home', 'bays', 'service-items', 'settings', 'users'].includes(x.name))) {
          await openPage(s, screen.path);
          await expectVisible(s.page.getByText(screen.expect).first(), `${screen.path} at 1024`);
          await s.page.waitForLoadState('networkidle');
          const overflow = await s.page.locator('.app-content').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
          check(!overflow, `${screen.path} overflows sideways at 1024×768`);
          await shot(s.page, `11-${screen.name}-1024`);
        }
        await openPage(s, '/service-items?open=1');
        await expectVisible(drawer(s).getByTestId('price-hint'), 'the price hint');
        await shot(s.page, '11-service-item-drawer-1024');
      } finally {
        await s.page.setViewportSize({ width: 1366, height: 768 });
      }
    },
  },
  {
    name: 'change password checks the repeat before asking the server',
    run: async (s) => {
      await loginAs(s, 'advisor');
      await s.page.getByTestId('user-menu').click();
      await s.page.locator('.ant-dropdown-menu-item').filter({ hasText: '修改密码' }).click();
      const modal = s.page.locator('.ant-modal:visible');
      await modal.getByLabel('当前密码').fill(PASSWORD);
      await modal.getByLabel('新密码', { exact: true }).fill('Another-password-1');
      await modal.getByLabel('确认新密码').fill('Another-password-2');
      await modal.getByLabel('确认新密码').press('Enter');
      await expectVisible(modal.getByText('两次输入的新密码不一致'), 'the mismatch message');
      await shot(s.page, '12-change-password');
      await s.page.keyboard.press('Escape');
      await expectHidden(modal, 'the password dialog after Esc');
    },
  },
];
