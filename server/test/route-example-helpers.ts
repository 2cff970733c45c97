import { eq } from 'drizzle-orm';
import { asSystem } from '../src/db/scope';
import type { Executor } from '../src/db/types';
import { stores } from '../src/modules/stores/stores.table';

export async function findStoreVersion(db: Executor, storeId: number): Promise<number> {
  const [row] = await asSystem(db, (tx) => tx.select({ version: stores.version }).from(stores).where(eq(stores.id, storeId)));
  return row!.version;
}
