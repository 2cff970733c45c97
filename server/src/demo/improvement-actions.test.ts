import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/test-database';
import { queryRows } from '../db/rows';
import { asSystem } from '../db/scope';
import type { Database } from '../db/types';
import { generateDemo } from './generator';
import { DEMO_PASSWORD } from './index';

const AS_OF = '2026-11-23';
let db: Database;

beforeAll(async () => {
  db = await openTestDatabase();
  await generateDemo(db, { stores: 2, years: 1, seed: 20261123, vehiclesPerStore: 200, asOf: AS_OF, partsPerStore: 20 }, DEMO_PASSWORD);
}, 240_000);
afterAll(async () => {
  await db?.close();
});

const rows = <T>(query: ReturnType<typeof sql>) => asSystem(db.db, (tx) => queryRows<T>(tx, query));

describe('demo improvement actions', () => {
  it('gives every store TOP5 actions per department around today: past ones mostly done with evidence, some overdue, next month not started', async () => {
    const byMonth = await rows<{ store_id: number; month: string; departments: number; done: number; overdue: number; not_started: number; total: number }>(sql`
      SELECT store_id, month, count(DISTINCT department)::int AS departments, count(*)::int AS total,
             count(*) FILTER (WHERE status = 'done')::int AS done,
             count(*) FILTER (WHERE status <> 'done' AND due_date < ${AS_OF}::date)::int AS overdue,
             count(*) FILTER (WHERE status = 'not_started')::int AS not_started
        FROM improvement_actions GROUP BY store_id, month ORDER BY store_id, month`);
    expect(new Set(byMonth.map((r) => r.store_id)).size).toBe(2);
    expect([...new Set(byMonth.map((r) => r.month))]).toEqual(['2026-08', '2026-09', '2026-10', '2026-11', '2026-12']);
    for (const r of byMonth) expect(r.departments).toBe(4);
    const past = byMonth.filter((r) => r.month < '2026-11');
    expect(past.every((r) => r.done > r.total / 2)).toBe(true);
    expect(past.reduce((s, r) => s + r.overdue, 0)).toBeGreaterThan(0);
    expect(byMonth.filter((r) => r.month === '2026-12').every((r) => r.not_started === r.total)).toBe(true);
    const [evidence] = await rows<{ done: number; with_evidence: number; others: number }>(sql`
      SELECT (SELECT count(*)::int FROM improvement_actions WHERE status = 'done') AS done,
             (SELECT count(DISTINCT action_id)::int FROM improvement_action_evidence) AS with_evidence,
             (SELECT count(*)::int FROM improvement_action_evidence e JOIN improvement_actions a ON a.id = e.action_id WHERE a.status <> 'done') AS others`);
    expect(evidence!.with_evidence).toBe(evidence!.done);
    expect(evidence!.others).toBe(0);
  });

  it('writes last month’s commentary of both reports', async () => {
    const comments = await rows<{ kind: string; n: number }>(sql`SELECT kind, count(*)::int AS n FROM report_comments WHERE month = '2026-10' GROUP BY kind ORDER BY kind`);
    // Two stores, two commented sections per report.
    expect(comments).toEqual([
      { kind: 'customer_service', n: 4 },
      { kind: 'manager', n: 4 },
    ]);
  });
});
