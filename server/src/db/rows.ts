import type { SQL } from 'drizzle-orm';
import type { Executor } from './types';

/** Raw SQL through Drizzle: both drivers answer `{ rows }`, which the shared Executor type hides. */
export async function queryRows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * Runs statements one after the other and answers their results in order. A transaction is one
 * connection, which runs one statement at a time: `Promise.all` over it only queues them in the
 * driver (node-postgres deprecates that), so a service that reads several things says so.
 */
export async function oneByOne<T extends (() => Promise<unknown>)[]>(...steps: [...T]): Promise<{ [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  const out: unknown[] = [];
  for (const step of steps) out.push(await step());
  return out as { [K in keyof T]: Awaited<ReturnType<T[K]>> };
}
