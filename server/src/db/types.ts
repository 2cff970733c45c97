import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';

/** The database or an open transaction: repositories accept either, so callers choose the boundary. */
export type Executor = PgDatabase<PgQueryResultHKT>;
export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  /** Connection the app works through (on PostgreSQL: the non-superuser app role). */
  db: Executor;
  /** LISTEN/NOTIFY and raw SQL for the platform; the app role on PostgreSQL. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}
