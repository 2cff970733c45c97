import type pg from 'pg';
import { AppError } from '../platform/errors';

/**
 * The second wall behind the repositories (DESIGN §5): the app connects as a role that is neither
 * superuser nor BYPASSRLS, every table with a `store_id` column has row-level security keyed on the
 * transaction setting `app.store_id`, and the audit log is insert-only for that role.
 *
 * Policies are (re)applied at boot to every table that has `store_id`, so a new module's table is
 * covered without anyone remembering to write a policy for it.
 */
/**
 * The settings are read through scalar sub-selects so that PostgreSQL evaluates each once per
 * statement (an InitPlan) instead of twice per row: same rows, but a scan that filters 10,000
 * rows (the lists' capped counts) took about three times as long with per-row current_setting().
 */
export const STORE_SCOPE_PREDICATE =
  "(store_id = (SELECT NULLIF(current_setting('app.store_id', true), '')::int) OR (SELECT current_setting('app.all_stores', true)) = 'on')";

/**
 * Planner settings of the app role in this database (new connections pick them up), for many short
 * requests at once on a small machine rather than a few big queries:
 * - no parallel workers: under 50 concurrent requests on 2 cores a Gather only adds processes
 *   competing for the same cores (and start-up cost to every query that uses one);
 * - no JIT: its compilation costs milliseconds, more than any of the app's queries should take;
 * - random_page_cost 1.1: the working set is in memory (or on SSD). With the default 4, the planner
 *   ANDed a 100,000-entry store_id bitmap to every small GIN probe of the search views (8 ms instead
 *   of 0.4 ms for a name fragment: EXPLAIN in the issue-3 note).
 * Reports and jobs that want parallelism can `SET LOCAL` it in their transaction.
 */
export const APP_ROLE_SETTINGS: Readonly<Record<string, string>> = {
  max_parallel_workers_per_gather: '0',
  jit: 'off',
  random_page_cost: '1.1',
};

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function applyDatabaseSecurity(admin: pg.Client, role: string, password: string | undefined): Promise<void> {
  const r = ident(role);
  const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  if (exists.rowCount === 0) {
    await admin.query(`CREATE ROLE ${r} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`).catch((err: { code?: string }) => {
      if (err.code !== '42710') throw err; // created meanwhile by another instance
    });
  }
  if (password) await admin.query(`ALTER ROLE ${r} PASSWORD ${escapeLiteral(password)}`);
  const { rows: dbRows } = await admin.query<{ db: string }>('SELECT current_database() AS db');
  const database = ident(dbRows[0]!.db);
  await admin.query(`GRANT CONNECT ON DATABASE ${database} TO ${r}`);
  for (const [name, value] of Object.entries(APP_ROLE_SETTINGS)) await admin.query(`ALTER ROLE ${r} IN DATABASE ${database} SET ${name} = ${value}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
  await admin.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
  await admin.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
  await admin.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${r}`);

  const { rows } = await admin.query<{ table_name: string }>(
    `SELECT c.table_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND c.column_name = 'store_id' AND t.table_type = 'BASE TABLE'`,
  );
  for (const { table_name } of rows) {
    const t = ident(table_name);
    await admin.query(`ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
    await admin.query(`DROP POLICY IF EXISTS store_scope ON ${t}`);
    await admin.query(
      `CREATE POLICY store_scope ON ${t} TO ${r} USING ${STORE_SCOPE_PREDICATE} WITH CHECK ${STORE_SCOPE_PREDICATE}`,
    );
  }
}

function escapeLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

export async function assertSafeAppRole(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ rolsuper: boolean; rolbypassrls: boolean; name: string }>(
    'SELECT rolsuper, rolbypassrls, rolname AS name FROM pg_roles WHERE rolname = current_user',
  );
  const me = rows[0];
  if (!me || me.rolsuper || me.rolbypassrls) {
    throw new AppError('UNSAFE_DATABASE_ROLE', {
      zh: `数据库角色 ${me?.name ?? '?'} 是超级用户或可绕过行级安全，拒绝启动`,
      en: `database role ${me?.name ?? '?'} is superuser or BYPASSRLS; refusing to start`,
    });
  }
}
