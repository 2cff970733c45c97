/**
 * The journeys: what people in each role do with the shell and the admin pages, in a real
 * browser against a real server. Each journey signs in afresh; screenshots land in e2e/artifacts.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, type ImportColumnKey, type SearchResponse } from '#contracts/customers-tools';
import type { VehiclePage } from '#contracts/customers-vehicles';
import { ROLE_PERMISSIONS } from '#contracts/permissions';
import { formatPlate, vinCheckDigit } from '#contracts/vehicle';
import { ROLE_LABELS } from '#contracts/roles';
import { firstPageSize } from './bundle-size';
import { chineseScreenProblems, DEMO_ACCOUNTS, HOME_LABEL, MENU } from './expectations';
import { apiSession, check, confirmDialog, expectHidden, expectVisible, loginAs, logout, menuLabels, openPage, PASSWORD, pickOption, ROOT, shot, type ApiSession, type Session } from './harness';

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

type Api = ApiSession;

/** The vehicle search result a fragment finds, by its plate as shown (川A·12345). */
async function searchHas(api: Api, q: string, title: string): Promise<number | null> {
  const answer = await api<SearchResponse>('GET', `/api/search?q=${encodeURIComponent(q)}&limit=20`);
  return answer.items.find((i) => i.type === 'vehicle' && i.title === title)?.id ?? null;
}

/** The first plate of `candidates` that no vehicle of the store has yet. */
async function freePlate(api: Api, candidates: string[]): Promise<string> {
  for (const plate of candidates) if ((await searchHas(api, plate, formatPlate(plate))) === null) return plate;
  throw new Error(`no free plate among ${candidates.join(', ')}`);
}

/**
 * The demo's car of 张三 in store 1 whose plate contains A123 (the demo generator makes one); on a
 * data set without it, the journey files such a customer and car itself through the API first.
 */
async function zhangSansCar(base: string): Promise<{ vehicleId: number; plate: string }> {
  const api = await apiSession(base, 'advisor');
  const found = await api<SearchResponse>('GET', '/api/search?q=a123&limit=20');
  const demo = found.items.find((i) => i.type === 'vehicle' && i.subtitle.includes('张三'));
  if (demo) return { vehicleId: demo.id, plate: demo.title };
  const plate = await freePlate(api, ['川A123XY', '川A123XZ', '川A123YZ', '川A1230X']);
  const owner = await api<{ id: number }>('POST', '/api/customers', { name: '张三', confirmDuplicate: true, source: 'own_sale', tags: ['演示'] });
  const car = await api<VehiclePage>('POST', '/api/vehicles', { plate, ownerId: owner.id, mileageKm: 12_000, confirmDuplicate: true });
  return { vehicleId: car.id, plate: car.plateDisplay ?? formatPlate(plate) };
}

/** A mobile no customer file of the store has (an import row with it makes a new customer). */
async function freeMobile(api: Api): Promise<string> {
  for (const mobile of ['13600000000', '13600000007', '13600000013', '13600000029']) {
    const page = await api<{ total: number }>('GET', `/api/customers?q=${mobile}&includeMerged=true`);
    if (page.total === 0) return mobile;
  }
  throw new Error('no free mobile for the import test');
}

/** A VIN with the right check digit, unique enough for one run. */
function testVin(serial: string): string {
  const draft = `LFV2A21K0RE${serial.padStart(6, '0').slice(-6)}`;
  return `${draft.slice(0, 8)}${vinCheckDigit(draft)}${draft.slice(9)}`;
}

/** A small import file: one good row, one with a bad VIN (rejected with row, column and reason). */
async function importFile(rows: Partial<Record<ImportColumnKey, string>>[]): Promise<{ path: string; cleanup: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-e2e-import-'));
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('客户档案');
  sheet.addRow(IMPORT_COLUMNS.map((c) => c.header));
  for (const row of rows) sheet.addRow(IMPORT_COLUMNS.map((c) => row[c.key] ?? ''));
  const path = join(dir, '网点档案.xlsx');
  await workbook.xlsx.writeFile(path);
  return { path, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Whether `locator` has the keyboard focus. */
function isFocused(locator: ReturnType<Session['page']['locator']>): Promise<boolean> {
  return locator.evaluate((el) => el === (el as unknown as { ownerDocument: { activeElement: unknown } }).ownerDocument.activeElement);
}

function searchBox(s: Session) {
  return s.page.getByRole('combobox', { name: '搜索车辆或客户' });
}

/** Types into the header search and waits for the server's answer to exactly that text. */
async function typeSearch(s: Session, text: string): Promise<void> {
  const answered = s.page.waitForResponse((r) => r.url().includes('/api/search?') && new URL(r.url()).searchParams.get('q') === text && r.ok());
  await s.page.keyboard.type(text, { delay: 30 });
  await answered;
}

async function noSidewaysOverflow(s: Session, where: string): Promise<void> {
  const overflow = await s.page.locator('.app-content').evaluate((el) => el.scrollWidth > el.clientWidth + 1);
  check(!overflow, `${where} overflows sideways`);
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
  {
    name: 'an advisor finds a car by a123 of its plate and by zs of the owner in the header search, and sees its timeline',
    run: async (s) => {
      const car = await zhangSansCar(s.base);
      await loginAs(s, 'advisor');
      const box = searchBox(s);
      await expectVisible(box, 'the search box in the header');
      // `/` focuses the box from anywhere; the panel says what may be typed.
      await s.page.keyboard.press('/');
      check(await isFocused(box), 'the / key should focus the search box');
      await expectVisible(s.page.getByTestId('search-panel').getByText('拼音首字母'), 'the search hints');
      await typeSearch(s, 'a123');
      const results = s.page.getByTestId('search-result');
      const target = results.filter({ hasText: car.plate });
      await expectVisible(target, `${car.plate} among the results for a123`);
      check((await target.first().locator('.hs-mark').first().innerText()).replace('·', '') === 'A123', 'the matching part of the plate is highlighted');
      await assertChineseScreen(s, 'the search results');
      await shot(s.page, '13-search-a123');
      // ↓ to the car, Enter opens it.
      const index = (await results.allInnerTexts()).findIndex((t) => t.includes(car.plate));
      for (let i = 0; i < index; i++) await s.page.keyboard.press('ArrowDown');
      await s.page.keyboard.press('Enter');
      await s.page.waitForURL((url) => url.pathname === `/vehicles/${car.vehicleId}`);
      await expectVisible(s.page.getByTestId('vehicle-plate').filter({ hasText: car.plate }), 'the vehicle page');
      await expectVisible(s.page.getByTestId('timeline').locator('.tl-item'), 'events on the vehicle timeline');
      await expectVisible(s.page.getByText('张三').first(), 'the owner on the vehicle page');
      await s.page.waitForLoadState('networkidle');
      await assertChineseScreen(s, 'the vehicle page');
      await noSidewaysOverflow(s, 'the vehicle page at 1366×768');
      await shot(s.page, '13-vehicle-page-1366');
      await s.page.setViewportSize({ width: 1024, height: 768 });
      try {
        await noSidewaysOverflow(s, 'the vehicle page at 1024×768');
        await shot(s.page, '13-vehicle-page-1024');
      } finally {
        await s.page.setViewportSize({ width: 1366, height: 768 });
      }

      // Ctrl+K, then the owner's pinyin initials.
      await s.page.keyboard.press('Control+k');
      check(await isFocused(box), 'Ctrl+K should focus the search box');
      await typeSearch(s, 'zs');
      await expectVisible(results.filter({ hasText: '张三' }), '张三 among the results for zs');
      await shot(s.page, '13-search-zs');
      const viaOwner = results.filter({ hasText: car.plate });
      if (await viaOwner.count()) {
        await viaOwner.first().click();
        await s.page.waitForURL((url) => url.pathname === `/vehicles/${car.vehicleId}`);
      } else {
        await results.filter({ hasText: '张三' }).first().click();
        await s.page.waitForURL((url) => url.pathname.startsWith('/customers/'));
        await s.page.getByRole('link', { name: car.plate }).click();
        await s.page.waitForURL((url) => url.pathname === `/vehicles/${car.vehicleId}`);
      }
      await expectVisible(s.page.getByTestId('timeline').locator('.tl-item'), 'the timeline again');

      // Esc closes the panel; nothing found says so.
      await box.click();
      await typeSearch(s, 'qzqzqz');
      await expectVisible(s.page.getByTestId('search-empty'), 'the no-result message');
      await s.page.keyboard.press('Escape');
      await expectHidden(s.page.getByTestId('search-panel'), 'the search panel after Esc');
    },
  },
  {
    name: 'a manager checks and imports an Excel file, and the imported car is found in the search',
    run: async (s) => {
      const api = await apiSession(s.base, 'manager');
      const plate = await freePlate(api, ['川AE2E01', '川AE2E02', '川AE2E03', '川AE2E04']);
      const fragment = plate.slice(2).toLowerCase();
      const mobile = await freeMobile(api);
      const file = await importFile([
        {
          kind: '个人',
          name: '李导入',
          mobile,
          address: '四川省成都市双流区东升街道1号',
          source: '二级网点',
          outletName: '双流汽贸',
          consentPhone: '是',
          consentSms: '是',
          consentWechat: '否',
          tags: '网点导入',
          vin: testVin(String(Date.now())),
          plate: plate.toLowerCase(),
          colour: '白色',
          purchaseDate: '2024-03-18',
          soldByUs: '否',
          mileageKm: '21000',
        },
        { kind: '个人', name: '王错误', vin: 'BADVIN123' },
      ]);
      try {
        await loginAs(s, 'manager');
        await s.page.getByTestId('side-menu').getByText('档案导入').click();
        await expectVisible(s.page.locator('h1').filter({ hasText: '档案导入' }), 'the import page');
        await s.page.locator('input[type=file]').first().setInputFiles(file.path);
        await expectVisible(s.page.getByTestId('import-file').filter({ hasText: '网点档案.xlsx' }), 'the chosen file');
        const checked = s.page.waitForResponse((r) => r.url().includes('/api/customers/import?dryRun=true'));
        await s.page.getByRole('button', { name: '检查文件' }).click();
        check((await checked).ok(), 'the check answered');
        const report = s.page.getByTestId('import-check');
        await expectVisible(report.getByText('1 行有问题将被跳过'), 'the check summary');
        const problem = s.page.getByTestId('import-problems').locator('.ant-table-row').filter({ hasText: 'VIN码' });
        await expectVisible(problem.filter({ hasText: '3' }), 'the bad row with its column and reason');
        await assertChineseScreen(s, 'the import check');
        await shot(s.page, '14-import-check');
        const imported = s.page.waitForResponse((r) => r.url().includes('/api/customers/import?dryRun=false'));
        await s.page.getByRole('button', { name: /导入 1 行有效数据/ }).click();
        check((await imported).ok(), 'the import answered');
        await expectVisible(s.page.getByTestId('import-result').getByText('导入 1 行，拒绝 1 行'), 'the final report');
        await shot(s.page, '14-import-done');

        await searchBox(s).click();
        await typeSearch(s, fragment);
        const hit = s.page.getByTestId('search-result').filter({ hasText: formatPlate(plate) });
        await expectVisible(hit, `the imported ${formatPlate(plate)} in the search`);
        await hit.first().click();
        await expectVisible(s.page.getByTestId('vehicle-plate').filter({ hasText: formatPlate(plate) }), 'the imported vehicle page');
        await expectVisible(s.page.getByText('李导入').first(), 'its imported owner');
      } finally {
        file.cleanup();
      }
    },
  },
  {
    name: 'customer files: a duplicate mobile is offered, segments count live, every new screen looks finished',
    run: async (s) => {
      await loginAs(s, 'manager');
      const screens: { path: string; name: string; expect: string }[] = [
        { path: '/customers', name: 'customers', expect: '客户档案' },
        { path: '/vehicles', name: 'vehicles', expect: '车辆档案' },
        { path: '/segments', name: 'segments', expect: '客户细分' },
        { path: '/customer-quality', name: 'quality', expect: '按来源 / 网点' },
        { path: '/customer-import', name: 'import', expect: '下载导入模板' },
      ];
      for (const screen of screens) {
        await openPage(s, screen.path);
        await expectVisible(s.page.getByText(screen.expect).first(), `${screen.path}: ${screen.expect}`);
        await s.page.waitForLoadState('networkidle');
        await assertChineseScreen(s, screen.path);
        await noSidewaysOverflow(s, `${screen.path} at 1366×768`);
        await shot(s.page, `15-${screen.name}-1366`);
      }

      // Excel export of the filtered list, written by the server (and audit-logged there).
      const api = await apiSession(s.base, 'manager');
      const fleet = await api<{ total: number }>('GET', '/api/customers?source=fleet');
      if (fleet.total === 0) {
        await api('POST', '/api/customers', { kind: 'company', name: '锦城物流有限公司', mobile: await freeMobile(api), source: 'fleet' });
      }
      await openPage(s, '/customers?source=fleet');
      await expectVisible(s.page.locator('.ant-table-row').first(), 'the fleet customers');
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('button', { name: '导出 Excel' }).click()]);
      check(download.suggestedFilename() === '客户档案.xlsx', `export file name ${download.suggestedFilename()}`);
      const exported = await download.path();
      check(exported !== null && statSync(exported).size > 3000, 'the export has content');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '已导出' }), 'the export message');

      // A new file with a mobile already on file: the dialog names the existing file.
      // Lists mask every phone; the file page shows it in full to a manager.
      const listed = (await api<{ items: { id: number; mobile: string | null }[] }>('GET', '/api/customers?pageSize=20')).items.find((c) => c.mobile);
      check(listed, 'a customer with a mobile');
      const someone = await api<{ id: number; name: string; mobile: string | null }>('GET', `/api/customers/${listed.id}`);
      check(someone.mobile, 'the full mobile on the file page');
      await openPage(s, '/customers');
      await s.page.getByRole('button', { name: '新建客户' }).click();
      await expectVisible(drawer(s).getByText('新建客户'), 'the new-customer drawer');
      await drawer(s).getByLabel('姓名', { exact: true }).fill('重复测试');
      await drawer(s).getByLabel('手机号', { exact: true }).fill(someone.mobile);
      await drawer(s).getByLabel('手机号', { exact: true }).press('Enter');
      const dialog = s.page.getByTestId('duplicate-dialog');
      await expectVisible(dialog.getByText(someone.name), 'the existing file in the duplicate dialog');
      await shot(s.page, '15-customer-duplicate');
      await confirmDialog(s.page, '返回修改');
      await expectVisible(fieldError(s, '手机号').filter({ hasText: '已有相同手机号的档案' }), 'the duplicate next to the mobile');
      await s.page.keyboard.press('Escape');
      await confirmDialog(s.page, '放弃修改');
      await expectHidden(drawer(s), 'the drawer after discarding');

      // The customer page and its merge tool.
      await s.page.locator('.ant-table-row').first().click();
      await s.page.waitForURL((url) => /^\/customers\/\d+$/.test(url.pathname));
      await expectVisible(s.page.getByTestId('timeline'), 'the customer timeline');
      await s.page.waitForLoadState('networkidle');
      await assertChineseScreen(s, 'the customer page');
      await shot(s.page, '15-customer-page-1366');
      await s.page.getByRole('button', { name: '合并重复档案' }).click();
      await expectVisible(s.page.locator('.ant-modal').getByText('合并后，被合并档案'), 'the merge explanation');
      await shot(s.page, '15-customer-merge');
      await s.page.keyboard.press('Escape');

      // A segment: the count follows the conditions, then it is saved and its vehicles listed.
      await openPage(s, '/segments');
      await s.page.getByRole('button', { name: '新建细分' }).first().click();
      const live = s.page.getByTestId('segment-live-count').locator('strong').first();
      await expectVisible(live, 'the live count');
      const before = await live.innerText();
      await drawer(s).getByLabel('细分名称').fill('三年以上车龄');
      const counted = s.page.waitForResponse((r) => r.url().includes('/api/segments/preview') && (r.request().postData() ?? '').includes('"vehicleAgeYears":{"min":3'));
      await drawer(s).getByLabel('最小').first().fill('3');
      await counted;
      await expectVisible(s.page.getByTestId('segment-live-count').locator('strong').first().filter({ hasNotText: before }), 'a new count for the condition');
      await shot(s.page, '15-segment-editor');
      await drawer(s).getByLabel('细分名称').press('Enter');
      await expectVisible(s.page.locator('.ant-message').filter({ hasText: '细分已保存' }), 'the saved message');
      const row = s.page.locator('.ant-table-row').filter({ hasText: '三年以上车龄' });
      await expectVisible(row.getByText('车龄 ≥ 3 年'), 'the segment with its condition');
      await row.getByRole('button', { name: '查看车辆' }).click();
      await expectVisible(drawer(s).locator('.ant-table-row').first(), 'the vehicles of the segment');
      await shot(s.page, '15-segment-vehicles');

      await s.page.setViewportSize({ width: 1024, height: 768 });
      try {
        for (const screen of screens) {
          await openPage(s, screen.path);
          await expectVisible(s.page.getByText(screen.expect).first(), `${screen.path} at 1024`);
          await s.page.waitForLoadState('networkidle');
          await noSidewaysOverflow(s, `${screen.path} at 1024×768`);
          await shot(s.page, `15-${screen.name}-1024`);
        }
      } finally {
        await s.page.setViewportSize({ width: 1366, height: 768 });
      }
    },
  },
];
