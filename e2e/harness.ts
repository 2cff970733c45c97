/**
 * What the journeys stand on: a freshly seeded server on a free port, Debian's Chromium driven by
 * playwright-core (never `playwright install`), and a few helpers that read like the steps a
 * person takes (sign in as…, open the menu item…, expect the text…).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const ROOT = process.cwd();
export const ARTIFACTS = join(ROOT, 'e2e', 'artifacts');
export const PASSWORD = 'Aftersales1';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  base: string;
  stop(): Promise<void>;
}

/** `tsx server/src/main.ts` on a fresh data directory: the first start seeds the demo data. */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aftersales-e2e-data-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = createWriteStream(join(ARTIFACTS, 'server.log'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));

  const deadline = Date.now() + 240_000;
  for (;;) {
    if (exited !== null) throw new Error(`the server exited (code ${exited}); see e2e/artifacts/server.log`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('the server did not become healthy within 240 s');
    await new Promise((r) => setTimeout(r, 500));
  }

  return {
    base,
    stop: async () => {
      if (exited === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
        if (exited === null) child.kill('SIGKILL');
      }
      log.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'aftersales-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Generous: the machine may be busy with other test suites (argon2 sign-ins, PGlite).
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The artifacts folder, without the failure pictures of an earlier run. */
export function ensureArtifacts(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const file of readdirSync(ARTIFACTS)) if (file.startsWith('FAILED-')) rmSync(join(ARTIFACTS, file));
}

export class Check extends Error {}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Check(message);
}

/** Waits until `locator` (narrowed to `text` when given) is visible. */
/**
 * Signs in through the API (outside the browser), for what someone else does meanwhile: returns a
 * caller that sends JSON with that session and fails the journey with the status and the answer.
 */
export async function apiSession(base: string, username: string) {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  check(res.ok, `API sign-in as ${username} failed: ${res.status}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const r = await fetch(`${base}${path}`, { method, headers: { cookie, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!r.ok) throw new Check(`${username}: ${method} ${path} answered ${r.status} ${(await r.text()).slice(0, 300)}`);
    return (await r.json()) as T;
  };
}

export type ApiSession = Awaited<ReturnType<typeof apiSession>>;

export async function expectVisible(locator: Locator, what: string, timeout = 30_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new Check(`expected to see ${what}`);
  }
}

export async function expectHidden(locator: Locator, what: string, timeout = 30_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'hidden', timeout });
  } catch {
    throw new Check(`expected ${what} to disappear`);
  }
}

export async function shot(page: Page, name: string): Promise<string> {
  // Let antd's transitions (drawers, messages) settle so the picture shows the resting state.
  await page.waitForTimeout(350);
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

export interface Session {
  base: string;
  page: Page;
  context: BrowserContext;
}

/** Signs in through the form, as a person would, and waits for the home page. */
export async function loginAs(s: Session, username: string): Promise<void> {
  await s.context.clearCookies();
  await s.page.goto(`${s.base}/login`);
  await s.page.locator('#username').fill(username);
  await s.page.locator('#password').fill(PASSWORD);
  await s.page.locator('#password').press('Enter');
  await s.page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await expectVisible(s.page.getByTestId('side-menu'), `the sidebar after signing in as ${username}`);
}

export async function logout(s: Session): Promise<void> {
  // The menu pops up with an animation; on a busy machine a click can land while it is still
  // settling and be ignored, so the menu is opened again a couple of times if nothing happened.
  for (let attempt = 1; ; attempt++) {
    if (!(await s.page.locator('.ant-dropdown:visible').count())) await s.page.getByTestId('user-menu').click();
    const item = s.page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').filter({ hasText: /退出登录|Sign out/ });
    await expectVisible(item, 'the sign-out item');
    await item.click();
    try {
      await s.page.waitForURL((url) => url.pathname.startsWith('/login'), { timeout: attempt < 3 ? 5_000 : 30_000 });
      return;
    } catch {
      if (attempt >= 3) throw new Check(`signing out did not return to the sign-in page (at ${s.page.url()})`);
    }
  }
}

/** The labels of the sidebar's pages (not the group titles). */
export async function menuLabels(page: Page): Promise<string[]> {
  const texts = await page.getByTestId('side-menu').locator('.ant-menu-item').allInnerTexts();
  return texts.map((t) => t.trim()).filter(Boolean);
}

export async function openPage(s: Session, path: string): Promise<void> {
  await s.page.goto(`${s.base}${path}`);
  await s.page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 30_000 }).catch(() => undefined);
}

/** Picks an option of an antd Select that is identified by its aria-label (or any locator). */
export async function pickOption(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  // A click that lands while the dropdown is still sliding in can be lost: check that the select
  // shows the option afterwards, and pick again if not.
  const field = select.locator('xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]');
  for (let attempt = 1; ; attempt++) {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
    // An option may render more than its label (the store switcher adds the role): the select shows the first line.
    const text = (await item.innerText()).trim().split('\n')[0]!.trim();
    await item.click();
    for (let waited = 0; waited < 3_000; waited += 100) {
      if ((await field.innerText()).includes(text)) return;
      await page.waitForTimeout(100);
    }
    if (attempt === 3) throw new Error(`the select does not show “${text}” after ${attempt} picks (shows “${await field.innerText()}”)`);
  }
}

/** Confirms the open antd confirm dialog with the button labelled `ok`. */
export async function confirmDialog(page: Page, ok: string | RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm:visible');
  await expectVisible(dialog, 'a confirmation dialog');
  await dialog.locator('.ant-btn').filter({ hasText: ok }).click();
  await expectHidden(dialog, 'the confirmation dialog');
}
