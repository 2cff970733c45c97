import { sql } from 'drizzle-orm';
import type { MovementKind } from '#contracts/parts';
import { queryRows } from '../../db/rows';
import type { Executor } from '../../db/types';
import { AppError } from '../../platform/errors';
import { absMilli, fromMilli, normQty, roundDiv, sqlQty, toMilli, unitCostOf, valueOf } from './qty';
import { stockMovements } from './stock.table';

/**
 * The only code that changes stock (DESIGN §5). One call applies a batch of movements in the
 * caller's transaction:
 *  1. balances, in (part, location) order: an outbound movement is ONE conditional update
 *     `on_hand = on_hand − n WHERE on_hand >= n`; no row means not enough stock → 409 with what is
 *     available. Inbound movements upsert the balance.
 *  2. valuations, in part order, locked (FOR UPDATE) after every balance of the batch: outbound
 *     movements take value at the moving average (the whole value with the last unit, so rounding
 *     never leaves value without stock); inbound ones add theirs, which moves the average.
 *  3. the movement rows.
 * Every multi-row caller goes through here, so locks are always taken balances-first, each kind in
 * key order, and concurrent batches cannot deadlock on them.
 */

export interface LedgerActor {
  id: number | null;
  name: string;
}

/** How an inbound movement is valued: at a unit cost, at an exact value, or at the current average. */
export type InboundCost = { unitCostFen: number } | { valueFen: bigint } | { average: true; fallbackUnitCostFen: number };

export interface MovementInput {
  partId: number;
  location: string;
  kind: MovementKind;
  /** Signed milli-units: + into stock, − out of it. */
  qty: bigint;
  /** Inbound movements only. */
  cost?: InboundCost;
  priceFen?: number | null;
  reason?: string;
  refType?: string | null;
  refId?: number | null;
  refLineId?: number | null;
  roId?: number | null;
  roNumber?: string | null;
  /** Test fixtures back-date movements; the app always uses the transaction's time. */
  at?: Date;
}

export interface AppliedMovement {
  id: number;
  input: MovementInput;
  valueFen: bigint;
  unitCostFen: number;
  at: Date;
}

const OUTBOUND_KINDS: readonly MovementKind[] = ['issue_to_ro', 'counter_sale'];

export function insufficientStock(info: { partNo: string; location: string; available: string; requested: string; partId: number; locations: { location: string; onHand: string }[] }) {
  const where = info.location || '未指定库位';
  return new AppError(
    'CONFLICT',
    {
      zh: `库存不足：${info.partNo}（${where}）可用 ${info.available}，需要 ${info.requested}`,
      en: `Not enough stock: ${info.partNo} at ${info.location || 'no location'} has ${info.available}, ${info.requested} needed`,
    },
    { reason: 'INSUFFICIENT_STOCK', partId: info.partId, location: info.location, available: info.available, requested: info.requested, locations: info.locations },
  );
}

async function refuseShortage(tx: Executor, storeId: number, m: MovementInput): Promise<never> {
  const rows = await queryRows<{ location: string; on_hand: string; part_no: string }>(
    tx,
    sql`SELECT b.location, b.on_hand::text AS on_hand, p.part_no FROM parts p
        LEFT JOIN stock_balances b ON b.store_id = p.store_id AND b.part_id = p.id
        WHERE p.store_id = ${storeId} AND p.id = ${m.partId} ORDER BY b.on_hand DESC NULLS LAST`,
  );
  const locations = rows.filter((r) => r.location !== null).map((r) => ({ location: r.location, onHand: normQty(r.on_hand) }));
  const here = locations.find((l) => l.location === m.location);
  throw insufficientStock({
    partId: m.partId,
    partNo: rows[0]?.part_no ?? `#${m.partId}`,
    location: m.location,
    available: here?.onHand ?? '0',
    requested: fromMilli(absMilli(m.qty)),
    locations,
  });
}

export async function applyMovements(tx: Executor, storeId: number, actor: LedgerActor, inputs: readonly MovementInput[]): Promise<AppliedMovement[]> {
  if (inputs.length === 0) return [];
  for (const m of inputs) {
    if (m.qty === 0n) throw new Error('a movement needs a quantity');
    if (m.qty > 0n && !m.cost) throw new Error(`inbound movement ${m.kind} needs a cost`);
  }

  // 1. Balances, in key order.
  const byKey = [...inputs].sort((a, b) => a.partId - b.partId || (a.location < b.location ? -1 : a.location > b.location ? 1 : 0));
  for (const m of byKey) {
    const n = sqlQty(absMilli(m.qty));
    if (m.qty < 0n) {
      const rows = await queryRows(
        tx,
        sql`UPDATE stock_balances SET on_hand = on_hand - ${n}::numeric, updated_at = now()
            WHERE store_id = ${storeId} AND part_id = ${m.partId} AND location = ${m.location} AND on_hand >= ${n}::numeric
            RETURNING on_hand`,
      );
      if (rows.length === 0) await refuseShortage(tx, storeId, m);
    } else {
      await tx.execute(
        sql`INSERT INTO stock_balances (store_id, part_id, location, on_hand) VALUES (${storeId}, ${m.partId}, ${m.location}, ${n}::numeric)
            ON CONFLICT (store_id, part_id, location) DO UPDATE SET on_hand = stock_balances.on_hand + EXCLUDED.on_hand, updated_at = now()`,
      );
    }
  }

  // 2. Valuations, in part order, after every balance.
  const partIds = [...new Set(inputs.map((m) => m.partId))].sort((a, b) => a - b);
  const inboundIds = [...new Set(inputs.filter((m) => m.qty > 0n).map((m) => m.partId))];
  if (inboundIds.length) {
    await tx.execute(
      sql`INSERT INTO stock_valuations (store_id, part_id) SELECT ${storeId}, unnest(${sql.param(inboundIds)}::int[]) ON CONFLICT (store_id, part_id) DO NOTHING`,
    );
  }
  const locked = await queryRows<{ part_id: number; on_hand: string; value_fen: string }>(
    tx,
    sql`SELECT part_id, on_hand::text AS on_hand, value_fen::text AS value_fen FROM stock_valuations
        WHERE store_id = ${storeId} AND part_id = ANY(${sql.param(partIds)}::int[]) ORDER BY part_id FOR UPDATE`,
  );
  const state = new Map(locked.map((r) => [Number(r.part_id), { qty: toMilli(r.on_hand), value: BigInt(r.value_fen) }]));
  const start = new Map([...state].map(([id, s]) => [id, { ...s }]));
  const valued = inputs.map((m) => {
    const s = state.get(m.partId);
    if (!s) throw new Error(`no valuation row for part ${m.partId}`);
    let value: bigint;
    if (m.qty < 0n) {
      const n = -m.qty;
      if (n > s.qty) throw new Error(`valuation of part ${m.partId} out of step with its balances`);
      value = -(n === s.qty ? s.value : roundDiv(s.value * n, s.qty));
    } else if ('valueFen' in m.cost!) {
      value = m.cost.valueFen;
    } else if ('unitCostFen' in m.cost!) {
      value = valueOf(m.qty, m.cost.unitCostFen);
    } else {
      value = s.qty > 0n ? roundDiv(s.value * m.qty, s.qty) : valueOf(m.qty, m.cost!.fallbackUnitCostFen);
    }
    s.qty += m.qty;
    s.value += value;
    return { m, value, unitCostFen: unitCostOf(value, m.qty) };
  });
  for (const partId of partIds) {
    const before = start.get(partId)!;
    const after = state.get(partId)!;
    const mine = inputs.filter((m) => m.partId === partId);
    const at = (kinds: readonly MovementKind[]) => {
      const hit = mine.filter((m) => kinds.includes(m.kind));
      if (hit.length === 0) return null;
      const explicit = hit.map((m) => m.at).filter((d): d is Date => d !== undefined);
      return explicit.length ? sql`${new Date(Math.max(...explicit.map((d) => d.getTime()))).toISOString()}::timestamptz` : sql`now()`;
    };
    const receipt = at(['receive']);
    const outbound = at(OUTBOUND_KINDS);
    await tx.execute(
      sql`UPDATE stock_valuations SET on_hand = on_hand + ${sqlQty(after.qty - before.qty)}::numeric,
            value_fen = value_fen + ${String(after.value - before.value)}::bigint,
            last_receipt_at = ${receipt ? sql`GREATEST(last_receipt_at, ${receipt})` : sql`last_receipt_at`},
            last_outbound_at = ${outbound ? sql`GREATEST(last_outbound_at, ${outbound})` : sql`last_outbound_at`},
            updated_at = now()
          WHERE store_id = ${storeId} AND part_id = ${partId}`,
    );
  }

  // 3. The ledger rows.
  const rows = await tx
    .insert(stockMovements)
    .values(
      valued.map(({ m, value, unitCostFen }) => ({
        storeId,
        partId: m.partId,
        location: m.location,
        kind: m.kind,
        quantity: sqlQty(m.qty),
        unitCostFen,
        valueFen: Number(value),
        priceFen: m.priceFen ?? null,
        reason: m.reason ?? '',
        refType: m.refType ?? null,
        refId: m.refId ?? null,
        refLineId: m.refLineId ?? null,
        roId: m.roId ?? null,
        roNumber: m.roNumber ?? null,
        actorId: actor.id,
        actorName: actor.name,
        ...(m.at ? { at: m.at } : {}),
      })),
    )
    .returning({ id: stockMovements.id, at: stockMovements.at });
  return valued.map((v, i) => ({ id: rows[i]!.id, input: v.m, valueFen: v.value, unitCostFen: v.unitCostFen, at: rows[i]!.at }));
}
