import pg from 'pg';
import PgBoss from 'pg-boss';
import type { Database, Executor } from '../db/types';
import { systemClock, type Clock } from './clock';

/**
 * Scheduled work (DESIGN §6): follow-up task generation, reminders, outbox delivery, escalations.
 *
 * A module registers its jobs once, at import time of its `index.ts`, before the runner starts:
 *
 *   registerJob({ name: 'care.scan', everyMinutes: 15, handler: (db, now) => scanTasks(db, now) });
 *
 * - `handler(db, now)` gets the app's database (the non-superuser role on PostgreSQL: open your work
 *   with `asSystem`/`inStore`) and the runner clock's `now`. It MUST be idempotent: correctness comes
 *   from unique business keys in our tables (`INSERT … ON CONFLICT DO NOTHING`, conditional updates);
 *   the runner only avoids wasted work.
 * - PostgreSQL: pg-boss 10, one queue per job (policy `stately`: at most one waiting and one running
 *   run of a job across all instances) and a cron schedule, which pg-boss fires once per tick across
 *   instances. pg-boss keeps its own schema `pgboss`, created and used through the owner (migration)
 *   connection, because creating a queue attaches a partition, which only the table owner may do.
 * - PGlite (embedded, a single process by construction): the same handlers on an in-process
 *   interval, one run of a job at a time.
 * - `everyMinutes` is a divisor of 60 (every N minutes) or a multiple of 60 dividing 1440 (every N
 *   hours, on the hour).
 */
export interface JobDefinition {
  /** Unique, also the pg-boss queue name: letters, digits, `.`, `_`, `-`. */
  name: string;
  everyMinutes: number;
  handler: (db: Executor, now: Date) => Promise<void>;
}

/** Any constant: serialises pg-boss queue set-up of instances that boot together. */
const JOBS_SETUP_LOCK_KEY = 7_420_612;

const registry = new Map<string, JobDefinition>();

/** Registers (or replaces, by name) a job. Call before `startJobs`. */
export function registerJob(job: JobDefinition): void {
  if (!/^[A-Za-z0-9._-]+$/.test(job.name)) throw new Error(`job name ${job.name} must be letters, digits, . _ -`);
  cronOf(job.everyMinutes); // throws on an interval cron cannot express
  registry.set(job.name, job);
}

export function registeredJobs(): JobDefinition[] {
  return [...registry.values()];
}

/** Cron expression for an interval: every N minutes (N | 60) or every N hours on the hour (N | 24). */
export function cronOf(everyMinutes: number): string {
  if (Number.isInteger(everyMinutes) && everyMinutes >= 1 && everyMinutes < 60 && 60 % everyMinutes === 0) {
    return everyMinutes === 1 ? '* * * * *' : `*/${everyMinutes} * * * *`;
  }
  const hours = everyMinutes / 60;
  if (Number.isInteger(hours) && hours >= 1 && 24 % hours === 0) return hours === 1 ? '0 * * * *' : `0 */${hours} * * *`;
  throw new Error(`everyMinutes ${everyMinutes}: use a divisor of 60 or a whole number of hours dividing 24`);
}

export interface JobRunner {
  /**
   * Asks for one run of the job now (PostgreSQL: queued once for whichever instance fetches it;
   * PGlite: run in-process). Resolves when queued (PostgreSQL) or done (PGlite).
   */
  trigger(name: string): Promise<void>;
  /** Stops scheduling and waits for the runs in progress. */
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  clock?: Clock;
  /** PostgreSQL: the owner's URL, for pg-boss's own schema. Required on PostgreSQL. */
  adminUrl?: string;
  /** The jobs to run; default: every registered one. */
  jobs?: JobDefinition[];
  /** PGlite: run each job once right after start (default true), then every `everyMinutes`. */
  runAtStart?: boolean;
  /** pg-boss polling interval (seconds, default 5). */
  pollingIntervalSeconds?: number;
  onError?: (job: string, err: unknown) => void;
}

export async function startJobs(database: Database, options: JobRunnerOptions = {}): Promise<JobRunner> {
  const clock = options.clock ?? systemClock;
  const jobs = options.jobs ?? registeredJobs();
  const onError = options.onError ?? ((job, err) => console.error(`job ${job} failed:`, err));
  return database.kind === 'postgres'
    ? startPgBoss(database, jobs, clock, options, onError)
    : startInProcess(database, jobs, clock, options.runAtStart ?? true, onError);
}

function startInProcess(
  database: Database,
  jobs: JobDefinition[],
  clock: Clock,
  runAtStart: boolean,
  onError: (job: string, err: unknown) => void,
): JobRunner {
  const running = new Map<string, Promise<void>>();
  let stopped = false;
  const run = (job: JobDefinition): Promise<void> => {
    const current = running.get(job.name);
    if (current) return current; // one run of a job at a time: a tick during a long run is skipped
    const p = job
      .handler(database.db, clock.now())
      .catch((err: unknown) => onError(job.name, err))
      .finally(() => running.delete(job.name));
    running.set(job.name, p);
    return p;
  };
  const timers = jobs.map((job) =>
    setInterval(() => {
      if (!stopped) void run(job);
    }, job.everyMinutes * 60_000),
  );
  const startTimer = runAtStart ? setTimeout(() => jobs.forEach((job) => void run(job)), 0) : undefined;
  return {
    async trigger(name) {
      const job = jobs.find((j) => j.name === name);
      if (!job) throw new Error(`unknown job ${name}`);
      await run(job);
    },
    async stop() {
      stopped = true;
      if (startTimer) clearTimeout(startTimer);
      timers.forEach(clearInterval);
      await Promise.all(running.values());
    },
  };
}

async function startPgBoss(
  database: Database,
  jobs: JobDefinition[],
  clock: Clock,
  options: JobRunnerOptions,
  onError: (job: string, err: unknown) => void,
): Promise<JobRunner> {
  if (!options.adminUrl) throw new Error('the job runner needs the owner URL on PostgreSQL');
  const boss = new PgBoss({ connectionString: options.adminUrl, max: 3, application_name: 'aftersales-jobs' });
  boss.on('error', (err) => onError('pg-boss', err));
  await boss.start();
  // Instances booting at the same moment deadlock inside pg-boss's create_queue (each attaches a
  // partition to the same table): queues and schedules are set up one instance at a time.
  const lock = new pg.Client({ connectionString: options.adminUrl });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [JOBS_SETUP_LOCK_KEY]);
    for (const job of jobs) {
      await boss.createQueue(job.name, { name: job.name, policy: 'stately', retryLimit: 2, retryDelay: 30, expireInSeconds: 15 * 60 });
      await boss.schedule(job.name, cronOf(job.everyMinutes), {});
    }
  } finally {
    await lock.end(); // also releases the session lock
  }
  for (const job of jobs) {
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 5 }, async () => {
      try {
        await job.handler(database.db, clock.now());
      } catch (err) {
        onError(job.name, err);
        throw err; // pg-boss retries the run
      }
    });
  }
  return {
    async trigger(name) {
      if (!jobs.some((j) => j.name === name)) throw new Error(`unknown job ${name}`);
      await boss.send(name, {});
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true, timeout: 20_000 });
    },
  };
}
