import { sql } from 'drizzle-orm';
import type { Executor } from './types';

/**
 * Runs `fn` in a transaction whose row-level-security scope is one store (DESIGN §5). Every
 * service opens its work through this, so even a repository that forgot its `store_id` filter
 * cannot read or write another store's rows on PostgreSQL.
 */
export function inStore<T>(db: Executor, storeId: number, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('app.store_id', ${String(storeId)}, true)`);
    return fn(tx as unknown as Executor);
  });
}

/**
 * Runs `fn` in a transaction that may see every store: sign-in, session look-up, group-level
 * administration and scheduled jobs. Callers filter by store themselves.
 */
export function asSystem<T>(db: Executor, fn: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT set_config('app.all_stores', 'on', true)`);
    return fn(tx as unknown as Executor);
  });
}
