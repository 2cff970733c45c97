import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { scanCareTasks } from '../modules/care';
import { baseReport } from '../modules/reports';
import { localToInstant } from '../platform/local-time';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_PASSWORD } from './index';

const AS_OF = '2026-11-23';
let db: Database;
let world: DemoWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await generateDemo(db, { stores: 1, years: 1, seed: 20261123, vehiclesPerStore: 300, asOf: AS_OF, partsPerStore: 20 }, DEMO_PASSWORD);
}, 180_000);
afterAll(async () => {
  await db?.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

describe('demo follow-up data', () => {
  it('closes old callbacks with calls (about 80 % reached) and answers, and keeps recent ones open', async () => {
    const care = world.stores[0]!.care!;
    expect(care.tasks).toBeGreaterThan(50);
    expect(care.open).toBeGreaterThan(0);
    const [s] = await rows<{ done: number; unreachable: number; reached: number; calls: number; low: number; high: number; mismatched: number }>(sql`
      SELECT (SELECT count(*)::int FROM care_tasks WHERE status = 'done') AS done,
             (SELECT count(*)::int FROM care_tasks WHERE status = 'unreachable') AS unreachable,
             (SELECT count(*)::int FROM care_calls WHERE outcome = 'reached') AS reached,
             (SELECT count(*)::int FROM care_calls) AS calls,
             (SELECT count(*)::int FROM care_calls WHERE overall_score <= 3) AS low,
             (SELECT count(*)::int FROM care_calls WHERE overall_score >= 4) AS high,
             (SELECT count(*)::int FROM care_calls c JOIN care_answers a ON a.call_id = c.id AND a.code = 'overall' WHERE a.score IS DISTINCT FROM c.overall_score) AS mismatched`);
    const reachRate = s!.done / (s!.done + s!.unreachable);
    expect(reachRate).toBeGreaterThan(0.7);
    expect(reachRate).toBeLessThan(0.92);
    expect(s!.reached).toBe(s!.done);
    expect(s!.calls).toBe(care.calls);
    expect(s!.high).toBeGreaterThan(s!.low);
    expect(s!.low).toBeGreaterThan(0);
    expect(s!.mismatched).toBe(0);
  });

  it('fills every tab of the queue and lets the agent call every customer with open work', async () => {
    const now = localToInstant(AS_OF, '12:00', 'Asia/Shanghai');
    const endOfToday = localToInstant('2026-11-24', '00:00', 'Asia/Shanghai');
    const [tabs] = await rows<{ overdue: number; today: number; upcoming: number; without_consent: number }>(sql`
      SELECT count(*) FILTER (WHERE due_at < ${now.toISOString()}::timestamptz)::int AS overdue,
             count(*) FILTER (WHERE due_at >= ${now.toISOString()}::timestamptz AND due_at < ${endOfToday.toISOString()}::timestamptz)::int AS today,
             count(*) FILTER (WHERE due_at >= ${endOfToday.toISOString()}::timestamptz)::int AS upcoming,
             count(*) FILTER (WHERE c.consent_phone IS NOT TRUE)::int AS without_consent
      FROM care_tasks t JOIN customers c ON c.id = t.customer_id WHERE t.status = 'open'`);
    expect(tabs!.overdue).toBeGreaterThan(0);
    expect(tabs!.upcoming).toBeGreaterThan(0);
    expect(tabs!.today + tabs!.overdue + tabs!.upcoming).toBe(world.stores[0]!.care!.open);
    expect(tabs!.without_consent).toBe(0);
  });

  it('runs recall campaigns over the last closed loss cohorts, with loss reasons and destinations', async () => {
    const [r] = await rows<{ tasks: number; open: number; reached: number; reasons: number; destinations: number; months: number; without_reason: number }>(sql`
      SELECT (SELECT count(*)::int FROM care_tasks WHERE kind = 'recall') AS tasks,
             (SELECT count(*)::int FROM care_tasks WHERE kind = 'recall' AND status = 'open') AS open,
             (SELECT count(*)::int FROM care_calls WHERE task_kind = 'recall' AND outcome = 'reached') AS reached,
             (SELECT count(DISTINCT loss_reason)::int FROM care_calls WHERE task_kind = 'recall') AS reasons,
             (SELECT count(*)::int FROM care_calls WHERE loss_destination IS NOT NULL) AS destinations,
             (SELECT count(DISTINCT date_trunc('month', called_at AT TIME ZONE 'Asia/Shanghai'))::int FROM care_calls WHERE task_kind = 'recall') AS months,
             (SELECT count(*)::int FROM care_calls WHERE task_kind = 'recall' AND outcome = 'reached' AND loss_reason IS NULL) AS without_reason`);
    expect(r!.tasks).toBeGreaterThan(10);
    expect(r!.reached).toBeGreaterThan(5);
    expect(r!.reasons).toBeGreaterThanOrEqual(4);
    expect(r!.destinations).toBeGreaterThan(0);
    expect(r!.months).toBeGreaterThanOrEqual(3);
    expect(r!.without_reason).toBe(0);
    // Last month's report shows them.
    const report = await asSystem(db.db, (tx) => baseReport(tx, { kind: 'store', storeIds: [world.stores[0]!.id] }, '2026-10', 1, localToInstant(AS_OF, '12:00', 'Asia/Shanghai')));
    expect(report.lossReasons!.length).toBeGreaterThan(1);
    expect(report.recallOutcomes!.find((o) => o.key === 'reached')!.count).toBeGreaterThan(0);
  });

  it('uses the scan’s business keys: the scan at the same moment creates no callback twice', async () => {
    const created = await scanCareTasks(db.db, localToInstant(AS_OF, '12:00', 'Asia/Shanghai'));
    expect(created.satisfaction).toBe(0);
    expect(created.follow_up_1).toBe(0);
  });
});
