/**
 * Times each KPI fact family for the group's 12-month trend as the app role (scratch tool).
 * `tsx bench/kpi-families.ts --database-url postgres://…/aftersales_bench_reports [--explain family]`
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { monthPeriod, monthsEndingWith, shiftMonth } from '#contracts/kpis';
import { openDatabase } from '../server/src/db/open';
import { queryRows } from '../server/src/db/rows';
import { asSystem } from '../server/src/db/scope';
import { FAMILIES, boundsCte, collectFacts, familySql, type Family } from '../server/src/modules/reports/kpis.sql';

const { values } = parseArgs({ options: { 'database-url': { type: 'string' }, explain: { type: 'string' }, months: { type: 'string', default: '12' }, stores: { type: 'string' } } });
const database = await openDatabase({ kind: 'postgres', adminUrl: values['database-url']!, appRole: 'aftersales_app' }, { migrate: false });
try {
  const ids = (await asSystem(database.db, (tx) => queryRows<{ id: number }>(tx, sql`SELECT id FROM stores ORDER BY id`))).map((r) => Number(r.id)).slice(0, values.stores ? Number(values.stores) : undefined);
  const end = shiftMonth(new Date().toISOString().slice(0, 7), -1);
  const buckets = monthsEndingWith(end, Number(values.months)).map((m) => ({ key: m, ...monthPeriod(m) }));
  if (values.explain) {
    const q = new PgDialect().sqlToQuery(sql`EXPLAIN (ANALYZE, BUFFERS) WITH ${boundsCte(ids, buckets)} ${familySql(values.explain as Family)}`);
    const plan = await asSystem(database.db, (tx) => queryRows<{ 'QUERY PLAN': string }>(tx, sql.raw(q.sql.replace(/\$(\d+)/g, (_, i) => { const v = q.params[Number(i) - 1]; return typeof v === 'number' ? String(v) : `'${String(v)}'`; }))));
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  } else {
    for (const f of FAMILIES) {
      const t0 = performance.now();
      await asSystem(database.db, (tx) => collectFacts(tx, ids, buckets, [f]));
      console.log(`${f.padEnd(12)} ${Math.round(performance.now() - t0)} ms`);
    }
  }
} finally {
  await database.close();
}
