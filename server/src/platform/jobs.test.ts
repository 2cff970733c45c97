import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../../test/test-database';
import type { Database } from '../db/types';
import { MovableClock } from './clock';
import { cronOf, registerJob, registeredJobs, startJobs, type JobDefinition } from './jobs';

describe('cronOf', () => {
  it('turns minute and hour intervals into cron expressions', () => {
    expect(cronOf(1)).toBe('* * * * *');
    expect(cronOf(15)).toBe('*/15 * * * *');
    expect(cronOf(60)).toBe('0 * * * *');
    expect(cronOf(360)).toBe('0 */6 * * *');
  });
  it('refuses intervals cron cannot keep', () => {
    expect(() => cronOf(7)).toThrow();
    expect(() => cronOf(0)).toThrow();
    expect(() => cronOf(300)).toThrow();
  });
  it('registers by name, replacing an earlier definition', () => {
    const handler = async () => {};
    registerJob({ name: 'test.registry', everyMinutes: 5, handler });
    registerJob({ name: 'test.registry', everyMinutes: 10, handler });
    expect(registeredJobs().filter((j) => j.name === 'test.registry').map((j) => j.everyMinutes)).toEqual([10]);
    expect(() => registerJob({ name: 'bad name', everyMinutes: 5, handler })).toThrow();
  });
});

describe('job runner', () => {
  let database: Database & { url?: string };
  beforeAll(async () => {
    database = await openTestDatabase();
    // The app role may not create tables: the owner makes the probe table. One statement per query
    // (PGlite prepares each query: several commands in one are refused).
    for (const ddl of ['CREATE TABLE job_probe (run_at timestamptz NOT NULL)', 'GRANT SELECT, INSERT ON job_probe TO PUBLIC']) {
      if (!database.url) await database.query(ddl);
      else await asOwner(ddl);
    }
  });
  afterAll(async () => {
    await database.close();
  });

  const probe: JobDefinition = {
    name: 'test.probe',
    everyMinutes: 5,
    handler: async (db, now) => {
      await db.execute(sql`INSERT INTO job_probe (run_at) VALUES (${now.toISOString()}::timestamptz)`);
      await new Promise((r) => setTimeout(r, 50)); // long enough for a second trigger to overlap
    },
  };
  /** pg-boss's schema belongs to the owner; the app role cannot even read it. */
  const asOwner = async (text: string) => {
    const owner = new pg.Client({ connectionString: database.url });
    await owner.connect();
    return (await owner.query(text).finally(() => owner.end())).rows;
  };
  const runs = async () => (await database.query<{ run_at: Date }>('SELECT run_at FROM job_probe ORDER BY run_at')).map((r) => new Date(r.run_at).toISOString());

  it.skipIf(onPostgres)('in-process (PGlite): runs handlers with the clock’s now, one run of a job at a time', async () => {
    const clock = new MovableClock('2026-03-02T01:00:00Z');
    const runner = await startJobs(database, { clock, jobs: [probe], runAtStart: false });
    await Promise.all([runner.trigger('test.probe'), runner.trigger('test.probe')]);
    clock.advance(3_600_000);
    await runner.trigger('test.probe');
    await runner.stop();
    expect(await runs()).toEqual(['2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z']);
    await expect(runner.trigger('nope')).rejects.toThrow();
  });

  it.runIf(onPostgres)('pg-boss (PostgreSQL): two instances asked at once run the job once', async () => {
    const clock = new MovableClock('2026-03-02T01:00:00Z');
    const options = { clock, jobs: [probe], adminUrl: database.url!, pollingIntervalSeconds: 0.5 };
    const [a, b] = await Promise.all([startJobs(database, options), startJobs(database, options)]);
    try {
      await Promise.all([a.trigger('test.probe'), b.trigger('test.probe')]);
      const deadline = Date.now() + 10_000;
      while ((await runs()).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      await new Promise((r) => setTimeout(r, 2_000)); // both instances polled several times since
      expect(await runs()).toEqual(['2026-03-02T01:00:00.000Z']);
      await expect(database.query('SELECT 1 FROM pgboss.schedule')).rejects.toThrow(/permission denied/);
      const schedules = await asOwner("SELECT cron FROM pgboss.schedule WHERE name = 'test.probe'");
      expect(schedules).toEqual([{ cron: '*/5 * * * *' }]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  }, 30_000);
});
