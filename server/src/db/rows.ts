import type { SQL } from 'drizzle-orm';
import type { Executor } from './types';

/** Raw SQL through Drizzle: both drivers answer `{ rows }`, which the shared Executor type hides. */
export async function queryRows<T>(tx: Executor, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
