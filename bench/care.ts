/**
 * Follow-up service (issue 7): the agent queue endpoint, p95 under 50 ms on PostgreSQL with a
 * million historical tasks; and the daily scan over the benchmark data set, under 60 s.
 *
 * `npm run bench` measures `care.queue` (imported by run.ts). The million historical tasks and the
 * scan timing are this file run as a script against the benchmark database (PostgreSQL, admin URL):
 *
 *   node --import tsx bench/care.ts --database-url postgres://postgres@127.0.0.1:5432/aftersales_bench [--tasks 1000000]   (--tasks 0: only the scan timing)
 *
 * It adds closed tasks with one set-based `INSERT … SELECT … FROM generate_series` (re-runnable:
 * keys are `bench:<n>`, ON CONFLICT DO NOTHING), ANALYZEs, and times `scanCareTasks` over every store.
 */
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { CareQueueQuerySchema } from '#contracts/care';
import { agentQueue } from '../server/src/modules/care/care.service';
import { scanCareTasks } from '../server/src/modules/care';
import { ENDPOINTS } from './endpoints';

const QUEUE_PATHS = [
  '/api/care/queue?tab=today',
  '/api/care/queue?tab=overdue',
  '/api/care/queue?tab=upcoming',
  '/api/care/queue?tab=overdue&kind=satisfaction',
  '/api/care/queue?tab=today&page=2',
];

ENDPOINTS.push({
  name: 'care.queue',
  method: 'GET',
  path: () => QUEUE_PATHS,
  as: 'customer_service',
  connections: 20,
  capture: (ctx, url) => agentQueue(ctx, CareQueueQuerySchema.parse(Object.fromEntries(url.searchParams)), new Date()),
  note: 'the agent queue (今日到期 / 已逾期 / 即将到期, a kind filter, page 2) over the open tasks; history stays out of the partial index',
});

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, tasks: { type: 'string', default: '1000000' } } });
  const url = values['database-url'] ?? process.env.DATABASE_URL;
  if (!url) throw new Error('--database-url (the benchmark database, admin) is required');
  const tasks = Number(values.tasks);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = drizzle({ client: pool, casing: 'snake_case' });
  try {
    let started = performance.now();
    // Historical tasks of every kind and outcome, over two years, spread over the stores' vehicles.
    await db.execute(sql`
      WITH v AS (SELECT row_number() OVER (ORDER BY id) AS n, id, store_id, owner_id, plate FROM vehicles),
           total AS (SELECT count(*) AS n FROM v)
      INSERT INTO care_tasks (store_id, kind, business_key, queue, status, available_at, due_at, vehicle_id, customer_id, advisor_name, plate, customer_name,
                              subject, attempts, last_outcome, last_call_at, closed_at)
      SELECT v.store_id, k.kind, 'bench:' || g, 'customer_service', CASE WHEN g % 5 = 0 THEN 'unreachable' ELSE 'done' END,
             now() - (g % 730) * interval '1 day' - interval '20 days', now() - (g % 730) * interval '1 day' - interval '19 days',
             v.id, v.owner_id, '', v.plate, '', k.kind, 1, CASE WHEN g % 5 = 0 THEN 'no_answer' ELSE 'reached' END,
             now() - (g % 730) * interval '1 day' - interval '19 days 12 hours', now() - (g % 730) * interval '1 day' - interval '19 days 12 hours'
      FROM generate_series(1, ${tasks}::int) g
      CROSS JOIN total
      JOIN v ON v.n = 1 + g % total.n
      CROSS JOIN LATERAL (SELECT (ARRAY['satisfaction', 'follow_up_1', 'follow_up_2', 'declined_work'])[1 + g % 4] AS kind) k
      ON CONFLICT (store_id, kind, business_key) DO NOTHING`);
    await db.execute(sql`ANALYZE care_tasks`);
    const [count] = (await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM care_tasks`)).rows;
    console.log(`care_tasks: ${count?.n} rows (insert + analyze ${((performance.now() - started) / 1000).toFixed(1)} s)`);
    started = performance.now();
    const created = await scanCareTasks(db, new Date());
    console.log(`daily scan over every store: ${((performance.now() - started) / 1000).toFixed(2)} s, created ${JSON.stringify(created)}`);
    started = performance.now();
    await scanCareTasks(db, new Date());
    console.log(`scan again (nothing new): ${((performance.now() - started) / 1000).toFixed(2)} s`);
  } finally {
    await pool.end();
  }
}

if (process.argv[1]?.endsWith('bench/care.ts')) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
