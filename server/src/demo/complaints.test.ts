import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPLAINT_CATEGORIES, COMPLAINT_STATES } from '#contracts/complaints';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { complaintCountsByWeek } from '../modules/complaints';
import { manufacturerScores } from '../modules/satisfaction';
import { generateDemo, type DemoWorld } from './generator';
import { DEMO_PASSWORD } from './index';

const AS_OF = '2026-11-23';
let db: Database;
let world: DemoWorld;

beforeAll(async () => {
  db = await openTestDatabase();
  world = await generateDemo(db, { stores: 1, years: 2, seed: 20261123, vehiclesPerStore: 600, asOf: AS_OF, partsPerStore: 20 }, DEMO_PASSWORD);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

describe('demo complaints, scores and messages', () => {
  it('raises complaints on about 1–2 % of delivered ROs, in every category and across the states', async () => {
    const [s] = await rows<{ complaints: number; delivered: number; categories: string[]; states: string[]; bad_closed: number; steps_missing: number; timeline: number }>(sql`
      SELECT (SELECT count(*)::int FROM complaints) AS complaints,
             (SELECT count(*)::int FROM repair_orders WHERE state = 'delivered') AS delivered,
             (SELECT array_agg(DISTINCT category ORDER BY category) FROM complaints) AS categories,
             (SELECT array_agg(DISTINCT state ORDER BY state) FROM complaints) AS states,
             (SELECT count(*)::int FROM complaints WHERE state = 'closed' AND (satisfaction IS NULL OR resolution = '')) AS bad_closed,
             (SELECT count(*)::int FROM complaints c WHERE (SELECT count(*) FROM complaint_steps s WHERE s.complaint_id = c.id AND s.action <> 'escalate')
                                                          <> array_position(ARRAY['registered','acknowledged','investigating','solution_proposed','accepted','closed'], c.state)) AS steps_missing,
             (SELECT count(*)::int FROM timeline_events WHERE kind = 'complaint') AS timeline`);
    const rate = s!.complaints / s!.delivered;
    expect(rate).toBeGreaterThan(0.008);
    expect(rate).toBeLessThan(0.025);
    expect(s!.categories).toEqual([...COMPLAINT_CATEGORIES].sort());
    expect(s!.states).toContain('closed');
    expect(s!.states.length).toBeGreaterThanOrEqual(3);
    expect(s!.states.every((x) => (COMPLAINT_STATES as readonly string[]).includes(x))).toBe(true);
    expect(s!.bad_closed).toBe(0);
    expect(s!.steps_missing).toBe(0);
    expect(s!.timeline).toBeGreaterThan(s!.complaints);
    const storeId = world.stores[0]!.id;
    const weekly = await asSystem(db.db, (tx) => complaintCountsByWeek(tx, storeId, 'Asia/Shanghai', '2026-01-05', AS_OF));
    expect(weekly.total).toBeGreaterThan(0);
  });

  it('numbers complaints like documents and moves the counters past them', async () => {
    const [s] = await rows<{ bad: number; behind: number }>(sql`
      SELECT (SELECT count(*)::int FROM complaints WHERE number !~ '^TS[0-9]{8}-[0-9]{4}$') AS bad,
             (SELECT count(*)::int FROM complaints c WHERE NOT EXISTS (
                SELECT 1 FROM document_counters d WHERE d.store_id = c.store_id AND d.prefix = 'TS' AND d.day = substr(c.number, 3, 8) AND d.last >= substr(c.number, 12)::int)) AS behind`);
    expect(s).toEqual({ bad: 0, behind: 0 });
  });

  it('has 24 months of manufacturer scores for store, region and nation, and PT results', async () => {
    const storeId = world.stores[0]!.id;
    const months = await asSystem(db.db, (tx) => manufacturerScores(tx, storeId, '2024-11', '2026-10'));
    expect(months).toHaveLength(24);
    expect(months.every((m) => m.storeMot !== null && m.regionMot !== null && m.nationMot !== null && m.ptScore !== null)).toBe(true);
    expect(months.every((m) => m.storeMot! > 70 && m.storeMot! <= 100)).toBe(true);
  });

  it('keeps templates and sent messages only to customers who agreed to SMS, on the timeline', async () => {
    const [s] = await rows<{ templates: number; sent: number; failed: number; without_consent: number; quiet: number; timeline: number }>(sql`
      SELECT (SELECT count(*)::int FROM message_templates) AS templates,
             (SELECT count(*)::int FROM outbox_messages WHERE state = 'sent') AS sent,
             (SELECT count(*)::int FROM outbox_messages WHERE state = 'failed') AS failed,
             (SELECT count(*)::int FROM outbox_messages o JOIN customers c ON c.id = o.customer_id WHERE c.consent_sms IS NOT TRUE) AS without_consent,
             (SELECT count(*)::int FROM outbox_messages WHERE sent_at IS NOT NULL AND ((sent_at AT TIME ZONE 'Asia/Shanghai')::time >= '21:00' OR (sent_at AT TIME ZONE 'Asia/Shanghai')::time < '08:00')) AS quiet,
             (SELECT count(*)::int FROM timeline_events WHERE kind = 'message') AS timeline`);
    expect(s!.templates).toBeGreaterThanOrEqual(3);
    expect(s!.sent).toBeGreaterThan(10);
    expect(s!.without_consent).toBe(0);
    expect(s!.quiet).toBe(0);
    expect(s!.timeline).toBe(s!.sent + s!.failed);
  });
});
