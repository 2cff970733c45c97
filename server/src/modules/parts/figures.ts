import { sql, type SQL } from 'drizzle-orm';
import type { PartCategory, PartUnit } from '#contracts/parts';
import type { FillRate, OutboundByCategory, SlowMoving, SlowMovingItem, Turnover } from '#contracts/parts-figures';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { iso } from './parts.common';
import { normQty } from './qty';

/**
 * The parts figures of SPEC §13/§16, each one SQL statement over the ledger and the requests, for
 * the parts dashboard and the reports module (through index.ts). Definitions in
 * contracts/parts-figures.ts. A month is a calendar month in the store's time zone.
 */

export interface MonthInStore {
  /** YYYY-MM */
  month: string;
  timeZone: string;
}

/** The month's bounds as timestamptz: local midnight of its first day and of the next month's. */
function bounds(p: MonthInStore): { from: SQL; to: SQL } {
  const first = `${p.month}-01`;
  return {
    from: sql`((${first}::date)::timestamp AT TIME ZONE ${p.timeZone})`,
    to: sql`(((${first}::date + interval '1 month')::timestamp) AT TIME ZONE ${p.timeZone})`,
  };
}

/** Movements that are outbound (consumption): issues to ROs net of returns, and counter sales. */
const OUTBOUND = sql`('issue_to_ro', 'return_from_ro', 'counter_sale')`;

const ratio = (num: number, den: number, digits: number) => (den > 0 ? Math.round((num / den) * 10 ** digits) / 10 ** digits : null);

/** Stock value now: Σ value at moving-average cost. */
export async function stockValue(tx: Executor, storeId: number): Promise<number> {
  const [row] = await queryRows<{ v: string }>(tx, sql`SELECT COALESCE(sum(value_fen), 0)::text AS v FROM stock_valuations WHERE store_id = ${storeId}`);
  return Number(row!.v);
}

/** Stock value at a moment, from the ledger: Σ movement values before it. */
async function stockValueBefore(tx: Executor, storeId: number, at: SQL): Promise<number> {
  const [row] = await queryRows<{ v: string }>(tx, sql`SELECT COALESCE(sum(value_fen), 0)::text AS v FROM stock_movements WHERE store_id = ${storeId} AND at < ${at}`);
  return Number(row!.v);
}

/** 满足率: request lines of the month the store had in stock when asked / request lines (cancelled ones excluded). */
export async function fillRate(tx: Executor, storeId: number, period: MonthInStore): Promise<FillRate> {
  const { from, to } = bounds(period);
  const [row] = await queryRows<{ requested: number; served: number }>(
    tx,
    sql`SELECT count(*)::int AS requested, count(*) FILTER (WHERE in_stock_at_request)::int AS served
        FROM part_requests
        WHERE store_id = ${storeId} AND status <> 'cancelled' AND requested_at >= ${from} AND requested_at < ${to}`,
  );
  const requested = Number(row!.requested);
  const served = Number(row!.served);
  return { requested, servedFromStock: served, ratePercent: ratio(served * 100, requested, 2) };
}

/** 周转率: outbound cost of the month / average stock value ((opening + closing) / 2); annualised × 12. */
export async function turnover(tx: Executor, storeId: number, period: MonthInStore): Promise<Turnover> {
  const { from, to } = bounds(period);
  const [row] = await queryRows<{ outbound: string }>(
    tx,
    sql`SELECT COALESCE(-sum(value_fen), 0)::text AS outbound FROM stock_movements
        WHERE store_id = ${storeId} AND kind IN ${OUTBOUND} AND at >= ${from} AND at < ${to}`,
  );
  const outbound = Number(row!.outbound);
  const opening = await stockValueBefore(tx, storeId, from);
  const closing = await stockValueBefore(tx, storeId, to);
  const average = (opening + closing) / 2;
  return {
    outboundCostFen: outbound,
    openingValueFen: opening,
    closingValueFen: closing,
    averageValueFen: Math.round(average),
    monthly: ratio(outbound, average, 4),
    annualised: ratio(outbound * 12, average, 4),
  };
}

/**
 * 呆滞: parts on hand now that have been in stock since before the window (an inbound movement
 * before it) and had no outbound (issue to an RO, counter sale) within the last `months` months.
 */
export async function slowMoving(tx: Executor, storeId: number, opts: { months: number; limit?: number }): Promise<SlowMoving & { items: SlowMovingItem[] }> {
  const rows = await queryRows<{ part_id: number; part_no: string; name: string; category: string; unit: string; on_hand: string; value_fen: string; last_outbound_at: Date | string | null }>(
    tx,
    sql`WITH cutoff AS (SELECT now() - make_interval(months => ${opts.months}) AS ts)
        SELECT v.part_id, p.part_no, p.name, p.category, p.unit, v.on_hand::text AS on_hand, v.value_fen::text AS value_fen,
          (SELECT max(m.at) FROM stock_movements m WHERE m.store_id = v.store_id AND m.part_id = v.part_id AND m.kind IN ('issue_to_ro', 'counter_sale')) AS last_outbound_at
        FROM stock_valuations v JOIN parts p ON p.store_id = v.store_id AND p.id = v.part_id, cutoff
        WHERE v.store_id = ${storeId} AND v.on_hand > 0
          AND NOT EXISTS (SELECT 1 FROM stock_movements m WHERE m.store_id = v.store_id AND m.part_id = v.part_id
                          AND m.kind IN ('issue_to_ro', 'counter_sale') AND m.at >= cutoff.ts)
          AND EXISTS (SELECT 1 FROM stock_movements m WHERE m.store_id = v.store_id AND m.part_id = v.part_id
                      AND m.quantity > 0 AND m.at < cutoff.ts)
        ORDER BY v.value_fen DESC, p.part_no`,
  );
  const total = await stockValue(tx, storeId);
  const value = rows.reduce((s, r) => s + Number(r.value_fen), 0);
  return {
    months: opts.months,
    parts: rows.length,
    valueFen: value,
    stockValueFen: total,
    sharePercent: ratio(value * 100, total, 2),
    items: rows.slice(0, opts.limit ?? rows.length).map((r) => ({
      partId: Number(r.part_id),
      partNo: r.part_no,
      partName: r.name,
      category: r.category as PartCategory,
      unit: r.unit as PartUnit,
      onHand: normQty(r.on_hand),
      valueFen: Number(r.value_fen),
      lastOutboundAt: iso(r.last_outbound_at),
    })),
  };
}

/** Outbound of the month by category: outbound lines (issues, counter sales) and their net cost. */
export async function outboundByCategory(tx: Executor, storeId: number, period: MonthInStore): Promise<OutboundByCategory> {
  const { from, to } = bounds(period);
  const rows = await queryRows<{ category: string; lines: number; cost: string }>(
    tx,
    sql`SELECT p.category, count(*) FILTER (WHERE m.kind IN ('issue_to_ro', 'counter_sale'))::int AS lines, (-sum(m.value_fen))::text AS cost
        FROM stock_movements m JOIN parts p ON p.store_id = m.store_id AND p.id = m.part_id
        WHERE m.store_id = ${storeId} AND m.kind IN ${OUTBOUND} AND m.at >= ${from} AND m.at < ${to}
        GROUP BY p.category ORDER BY -sum(m.value_fen) DESC, p.category`,
  );
  return rows.map((r) => ({ category: r.category as PartCategory, lines: Number(r.lines), costFen: Number(r.cost) }));
}
