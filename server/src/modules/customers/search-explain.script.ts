/**
 * Search-index evidence on PostgreSQL (not a test, not the benchmark): builds a scratch database
 * `aftersales_explain_customers` with one store of N (default 300,000) customers and vehicles,
 * prints EXPLAIN ANALYZE of the search box's SQL as the app role under the store scope, then
 * single-connection timings of the search and of customer lists.
 *
 *   ADMIN_URL=postgres://postgres@127.0.0.1:5432/test npx tsx server/src/modules/customers/search-explain.script.ts
 *   REUSE=1 QUERIES=a123,zs FULL=1 …   (keep the data; other queries; whole plans)
 *
 * Drop the scratch database afterwards: DROP DATABASE aftersales_explain_customers.
 */
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { vinCheckDigit } from '#contracts/vehicle';
import { loadConfig } from '../../config';
import { openDatabase } from '../../db/open';
import { asSystem } from '../../db/scope';
import type { Executor } from '../../db/types';
import { bulkInsert, joinArray } from './import.repository';
import { customerSearchColumns } from './search-keys';
import { searchHits } from './search.repository';
import { shapeOf } from './search-sql';
import { search } from './search.service';
import { listCustomers } from './customers.service';
import type { Ctx } from '../../platform/context';
import { CustomerListQuerySchema } from '#contracts/customers';

const ADMIN = process.env.ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB = 'aftersales_explain_customers';
const N = Number(process.env.N ?? 300_000);

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文辉玉兰海燕鹏飞晓东红梅丹宇浩然子涵梓轩一诺欣怡';
const PLATE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

const rnd = Math.random;
const pick = (s: string) => s[Math.floor(rnd() * s.length)]!;

function vin(): string {
  let v = 'LSV';
  while (v.length < 17) v += pick(VIN_CHARS);
  v = `${v.slice(0, 8)}0${v.slice(9)}`;
  return `${v.slice(0, 8)}${vinCheckDigit(v)}${v.slice(9)}`;
}

async function main() {
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  const fresh = process.env.REUSE !== '1';
  if (fresh) {
    await admin.query(`DROP DATABASE IF EXISTS ${DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DB}`);
  }
  await admin.end();
  const url = new URL(ADMIN);
  url.pathname = `/${DB}`;
  const database = await openDatabase(loadConfig({ DATABASE_URL: url.toString(), APP_DB_ROLE: 'aftersales_explain_app' }).database, { migrate: true, poolSize: 4 });
  const db = database.db;
  let storeId: number;
  if (fresh) {
    storeId = await asSystem(db, async (tx) => {
      const g = await tx.execute(sql`INSERT INTO dealer_groups (name) VALUES ('g') RETURNING id`);
      const gid = (g as unknown as { rows: { id: number }[] }).rows[0]!.id;
      const s = await tx.execute(
        sql`INSERT INTO stores (group_id, code, name, labour_rates, opening_hours) VALUES (${gid}, 'S1', 's', '{}'::jsonb, '{"opens":"08:30","closes":"18:00"}'::jsonb) RETURNING id`,
      );
      return (s as unknown as { rows: { id: number }[] }).rows[0]!.id;
    });
    console.time('generate');
    const CH = 50_000;
    for (let start = 0; start < N; start += CH) {
      const n = Math.min(CH, N - start);
      const cust = Array.from({ length: n }, (_, i) => {
        const name = pick(SURNAMES) + pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '');
        const mobile = `1${pick('3456789')}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`;
        return { id: start + i + 1, name, mobile, ...customerSearchColumns({ name, mobile, otherPhones: [] }) };
      });
      await asSystem(db, async (tx) => {
        await bulkInsert(tx, 'customers', [
          { name: 'id', type: 'int', values: cust.map((c) => c.id) },
          { name: 'store_id', type: 'int', values: cust.map(() => storeId) },
          { name: 'name', type: 'text', values: cust.map((c) => c.name) },
          { name: 'search_name', type: 'text', values: cust.map((c) => c.searchName) },
          { name: 'name_grams', type: 'text', textArray: true, values: cust.map((c) => joinArray(c.nameGrams)) },
          { name: 'name_initials', type: 'text', values: cust.map((c) => c.nameInitials) },
          { name: 'mobile', type: 'text', values: cust.map((c) => c.mobile) },
          { name: 'phone_digits', type: 'text', values: cust.map((c) => c.phoneDigits) },
          { name: 'source', type: 'text', values: cust.map((_, i) => ['own_sale', 'outlet', 'other_shop', 'fleet', 'other'][i % 5]) },
          { name: 'completeness', type: 'smallint', values: cust.map(() => Math.floor(rnd() * 101)) },
        ]);
        await bulkInsert(tx, 'vehicles', [
          { name: 'id', type: 'int', values: cust.map((c) => c.id) },
          { name: 'store_id', type: 'int', values: cust.map(() => storeId) },
          { name: 'vin', type: 'text', values: cust.map(() => vin()) },
          { name: 'plate', type: 'text', values: cust.map(() => `川${rnd() < 0.8 ? 'A' : pick('BCDEFGHJKLMQRSTUVWXYZ')}${Array.from({ length: 5 }, () => pick(PLATE_CHARS)).join('')}`) },
          { name: 'owner_id', type: 'int', values: cust.map((c) => c.id) },
          { name: 'current_mileage_km', type: 'int', values: cust.map(() => Math.floor(rnd() * 200_000)) },
        ]);
      });
      console.log(`rows ${start + n}`);
    }
    console.timeEnd('generate');
    const a = new pg.Client({ connectionString: url.toString() });
    await a.connect();
    await a.query(`SELECT setval(pg_get_serial_sequence('customers','id'), ${N + 1})`);
    await a.query(`SELECT setval(pg_get_serial_sequence('vehicles','id'), ${N + 1})`);
    await a.query('VACUUM ANALYZE customers');
    await a.query('VACUUM ANALYZE vehicles');
    await a.end();
  } else {
    storeId = 1;
  }

  // The SQL of each probe, run as the app role under the store scope, with EXPLAIN ANALYZE.
  const dialect = new PgDialect({ casing: 'snake_case' });
  const queries = process.env.QUERIES ? process.env.QUERIES.split(',') : ['a123', 'A12345', 'zs', '张', '张伟', '王秀英', '1234', '13812345678', 'M2000B', '川A1B2'];
  const app = new URL(url.toString());
  app.username = 'aftersales_explain_app';
  const client = new pg.Client({ connectionString: app.toString() });
  await client.connect();
  for (const q of queries) {
    let captured: unknown;
    const capture = { execute: async (s: unknown) => ((captured = s), { rows: [] }) } as unknown as Executor;
    await searchHits(capture, storeId, shapeOf(q), 10);
    const { sql: text, params } = dialect.sqlToQuery(captured as never);
    await client.query('BEGIN');
    await client.query(`SELECT set_config('app.store_id', '${storeId}', true)`);
    const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY ON) ${text}`, params);
    await client.query('COMMIT');
    const lines = plan.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']);
    console.log(`\n=== q=${q}`);
    if (process.env.FULL) console.log(lines.join('\n'));
    else console.log(lines.filter((l: string) => /Scan|Execution Time|Planning Time/.test(l)).join('\n'));
  }
  await client.end();

  // End to end through the service (transaction, set_config, probes, row fetch), one connection at a time.
  const ctx = { actor: { userId: 0, displayName: 'x', permissions: new Set(['customer:read', 'customer:write']) }, storeId, timeZone: 'Asia/Shanghai', db, ip: '' } as unknown as Ctx;
  for (const q of queries) {
    const times: number[] = [];
    for (let i = 0; i < 30; i++) {
      const t0 = performance.now();
      await search(ctx, { q, limit: 10 });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`search ${q}: p50 ${times[15]!.toFixed(1)} ms, p95 ${times[28]!.toFixed(1)} ms`);
  }
  for (const qs of ['', 'source=outlet', 'completenessBelow=60&sort=completeness', 'q=zs', 'q=1234&source=own_sale']) {
    const query = CustomerListQuerySchema.parse(Object.fromEntries(new URLSearchParams(qs)));
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      await listCustomers(ctx, query);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`list ?${qs}: p50 ${times[10]!.toFixed(1)} ms, p95 ${times[18]!.toFixed(1)} ms`);
  }
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
