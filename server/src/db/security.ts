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
export const STORE_SCOPE_PREDICATE =
  "(store_id = NULLIF(current_setting('app.store_id', true), '')::int OR current_setting('app.all_stores', true) = 'on')";

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
  await admin.query(`GRANT CONNECT ON DATABASE ${ident(dbRows[0]!.db)} TO ${r}`);
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
