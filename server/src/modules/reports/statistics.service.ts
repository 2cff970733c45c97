import { sql } from 'drizzle-orm';
import { PAYERS, RO_TYPES, type Payer, type RoType } from '#contracts/repair-orders';
import type { Period, Statistics } from '#contracts/kpis';
import { oneByOne, queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { boundsCte, collectFacts } from './kpis.sql';
import type { KpiScope } from './kpis.service';

type Kind = Statistics['kind'];

/**
 * 业务统计表 (SPEC §17): the daily, weekly and monthly business statistics of the scope — ROs by
 * type (opened, delivered, settled and their amount), revenue by payer and category (labour, parts,
 * discount), labour hours sold and clocked, parts out and sold, receivables (on-account payments of
 * the period and finished ROs still waiting for settlement, as of now).
 */
export async function businessStatistics(tx: Executor, scope: KpiScope, kind: Kind, period: Period): Promise<Statistics> {
  const cte = boundsCte(scope.storeIds, [{ key: 'p', ...period }]);
  const ids = sql.join(scope.storeIds.map((id) => sql`${id}`), sql`, `);
  const [types, payers, labour, parts, onAccount, unsettled, workshop] = await oneByOne(
    () => queryRows<{ type: RoType; opened: number; delivered: number; settled: number; amount_fen: string }>(
      tx,
      sql`WITH ${cte},
          o AS (SELECT ro.type, count(*)::int AS n FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.opened_at >= b.t0 AND ro.opened_at < b.t1 AND ro.state <> 'cancelled' GROUP BY ro.type),
          d AS (SELECT ro.type, count(*)::int AS n FROM b JOIN repair_orders ro ON ro.store_id = b.store_id AND ro.delivered_at >= b.t0 AND ro.delivered_at < b.t1 GROUP BY ro.type),
          s AS (SELECT ro.type, count(*)::int AS n, sum(st.total_fen)::bigint AS amt
                  FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
                  JOIN repair_orders ro ON ro.store_id = st.store_id AND ro.id = st.ro_id GROUP BY ro.type),
          t AS (SELECT type FROM o UNION SELECT type FROM d UNION SELECT type FROM s)
          SELECT t.type, COALESCE(o.n, 0)::int AS opened, COALESCE(d.n, 0)::int AS delivered, COALESCE(s.n, 0)::int AS settled, COALESCE(s.amt, 0)::text AS amount_fen
            FROM t LEFT JOIN o ON o.type = t.type LEFT JOIN d ON d.type = t.type LEFT JOIN s ON s.type = t.type`,
    ),
    () => queryRows<{ payer: Payer; labour: string; parts: string; discount: string; total: string }>(
      tx,
      sql`WITH ${cte}
          SELECT p->>'payer' AS payer, sum((p->>'labourFen')::bigint)::text AS labour, sum((p->>'partsFen')::bigint)::text AS parts,
                 sum((p->>'discountFen')::bigint)::text AS discount, sum((p->>'totalFen')::bigint)::text AS total
            FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
           CROSS JOIN LATERAL jsonb_array_elements(st.totals->'byPayer') p
           GROUP BY p->>'payer'`,
    ),
    // Hours sold: the live labour lines of the ROs settled in the period.
    () => queryRows<{ sold: string; part_lines: number }>(
      tx,
      sql`WITH ${cte}
          SELECT COALESCE(sum(l.hours) FILTER (WHERE l.kind = 'labour'), 0)::text AS sold, count(*) FILTER (WHERE l.kind = 'part')::int AS part_lines
            FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
            JOIN repair_order_lines l ON l.store_id = st.store_id AND l.ro_id = st.ro_id AND l.removed_at IS NULL`,
    ),
    // Parts out of stock at cost (issues to ROs net of returns, counter sales): the parts ledger.
    () => queryRows<{ outbound: string }>(
      tx,
      sql`WITH ${cte}
          SELECT COALESCE(-sum(m.value_fen), 0)::text AS outbound
            FROM b JOIN stock_movements m ON m.store_id = b.store_id AND m.at >= b.t0 AND m.at < b.t1 AND m.kind IN ('issue_to_ro', 'return_from_ro', 'counter_sale')`,
    ),
    () => queryRows<{ payer: Payer; amount: string; n: number }>(
      tx,
      sql`WITH ${cte}
          SELECT sp.payer, sum(sp.amount_fen)::text AS amount, count(DISTINCT st.id)::int AS n
            FROM b JOIN settlements st ON st.store_id = b.store_id AND st.settled_at >= b.t0 AND st.settled_at < b.t1 AND st.reversed_at IS NULL
            JOIN settlement_payments sp ON sp.store_id = st.store_id AND sp.settlement_id = st.id AND sp.method = 'on_account'
           GROUP BY sp.payer`,
    ),
    () => queryRows<{ n: number; amount: string }>(
      tx,
      sql`SELECT count(*)::int AS n, COALESCE(sum(total_fen), 0)::text AS amount FROM repair_orders WHERE store_id IN (${ids}) AND state = 'ready'`,
    ),
    () => collectFacts(tx, scope.storeIds, [{ key: 'p', ...period }], ['workshop']),
  );
  const clocked = scope.storeIds.reduce((a, id) => a + (workshop.get('p')?.get(id)?.clocked_hours ?? 0), 0);
  const [jobs] = await queryRows<{ n: number }>(
    tx,
    sql`WITH ${cte} SELECT count(*)::int AS n FROM b JOIN jobs j ON j.store_id = b.store_id AND j.finished_at >= b.t0 AND j.finished_at < b.t1`,
  );
  const byType = new Map(types.map((t) => [t.type, t]));
  const byPayer = new Map(payers.map((p) => [p.payer, p]));
  const rosByType = RO_TYPES.filter((t) => byType.has(t)).map((type) => {
    const r = byType.get(type)!;
    return { type, opened: Number(r.opened), delivered: Number(r.delivered), settled: Number(r.settled), amountFen: Number(r.amount_fen) };
  });
  const revenueByPayer = PAYERS.filter((p) => byPayer.has(p)).map((payer) => {
    const r = byPayer.get(payer)!;
    return { payer, labourFen: Number(r.labour), partsFen: Number(r.parts), discountFen: Number(r.discount), totalFen: Number(r.total) };
  });
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    kind,
    period,
    scope: scope.kind,
    rosByType,
    revenueByPayer,
    labour: { soldHours: round2(Number(labour[0]?.sold ?? 0)), clockedHours: round2(clocked), finishedJobs: Number(jobs?.n ?? 0) },
    parts: { outboundCostFen: Number(parts[0]?.outbound ?? 0), partsSalesFen: revenueByPayer.reduce((a, p) => a + p.partsFen, 0), lines: Number(labour[0]?.part_lines ?? 0) },
    receivables: {
      onAccount: PAYERS.flatMap((payer) => {
        const r = onAccount.find((o) => o.payer === payer);
        return r ? [{ payer, amountFen: Number(r.amount), count: Number(r.n) }] : [];
      }),
      unsettledRos: Number(unsettled[0]?.n ?? 0),
      unsettledFen: Number(unsettled[0]?.amount ?? 0),
    },
    totals: {
      opened: rosByType.reduce((a, r) => a + r.opened, 0),
      delivered: rosByType.reduce((a, r) => a + r.delivered, 0),
      settled: rosByType.reduce((a, r) => a + r.settled, 0),
      revenueFen: rosByType.reduce((a, r) => a + r.amountFen, 0),
    },
  };
}
