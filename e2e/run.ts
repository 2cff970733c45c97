/**
 * Runs the browser journeys against the built web app (`npm run test:e2e` builds it first):
 * starts the server on a fresh data directory, drives Chromium through every journey, keeps
 * screenshots in e2e/artifacts, and ends with `N passed, M failed` (non-zero exit on failure).
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, ensureArtifacts, launchBrowser, ROOT, shot, startServer, type Session } from './harness';
import { journeys } from './journeys';
import { appointmentJourneys } from './appointments.journeys';
import { serviceJourneys } from './service.journeys';
import { partsJourneys } from './parts.journeys';
import { workshopJourneys } from './workshop.journeys';
import { careJourneys } from './care.journeys';
import { reportJourneys } from './reports.journeys';
import { complaintJourneys } from './complaints.journeys';

function slug(name: string): string {
  return name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60);
}

async function main(): Promise<number> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) {
    console.error('web/dist is missing: run `npm run build` first (or `npm run test:e2e`, which does).');
    return 1;
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.error('/usr/bin/chromium is missing: apt-get install -y chromium fonts-wqy-microhei');
    return 1;
  }
  ensureArtifacts();
  const only = process.argv[2];
  const all = [...journeys, ...appointmentJourneys, ...serviceJourneys, ...partsJourneys, ...workshopJourneys, ...careJourneys, ...reportJourneys, ...complaintJourneys];
  const selected = only ? all.filter((j) => j.name.includes(only)) : all;

  console.log('starting the server on a fresh data directory (the demo data is generated first)…');
  const server = await startServer();
  const browser = await launchBrowser();
  const errors: string[] = [];
  browser.page.on('pageerror', (e) => errors.push(e.message));
  if (process.env.E2E_DEBUG) {
    // Every API call and console line, to see what the page did before a failure.
    browser.page.on('console', (m) => console.log(`      console.${m.type()}: ${m.text().slice(0, 200)}`));
    browser.page.on('response', (r) => r.url().includes('/api/') && console.log(`      ${r.request().method()} ${r.url().replace(server.base, '')} → ${r.status()}`));
    browser.page.on('framenavigated', (f) => console.log(`      → ${f.url().replace(server.base, '')}`));
  }
  const session: Session = { base: server.base, page: browser.page, context: browser.context };
  let passed = 0;
  let failed = 0;
  try {
    for (const journey of selected) {
      const started = Date.now();
      errors.length = 0;
      try {
        await journey.run(session);
        if (errors.length) throw new Error(`uncaught page errors: ${errors.join(' | ')}`);
        passed++;
        console.log(`✓ ${journey.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failed++;
        console.log(`✗ ${journey.name}\n    ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
        await shot(browser.page, `FAILED-${slug(journey.name)}`).catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`screenshots: ${ARTIFACTS}`);
  console.log(`${passed} passed, ${failed} failed`);
  writeResult(passed, failed);
  return failed === 0 ? 0 : 1;
}

/** CI adds the counts to its totals (E2E_RESULT names the file). */
function writeResult(passed: number, failed: number) {
  if (process.env.E2E_RESULT) writeFileSync(process.env.E2E_RESULT, JSON.stringify({ passed, failed }));
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof Error ? err.message : err);
    console.log('0 passed, 1 failed');
    writeResult(0, 1);
    process.exit(1);
  },
);
