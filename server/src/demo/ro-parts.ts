import { sql } from 'drizzle-orm';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { partRequests } from '../modules/parts/requests.table';
import { localDay } from '../platform/doc-numbers';
import { bulkInsert } from './bulk';
import type { Random } from './random';

/**
 * The parts of the demo's repair orders (SPEC §13 "issues tied to the generated ROs"). The parts
 * history (parts.ts) is generated first, with its outbound as counter sales; the repair orders then
 * take a day's sales as the parts fitted on that day's jobs: the movement becomes an issue to the
 * RO, with its part request (issued, fitted and settled) and a part line on the RO billed at the
 * price the sale had. Quantities and values do not change, so the ledger and the balances stay
 * exactly as parts.ts left them.
 */

const TIME_ZONE = 'Asia/Shanghai';
/** Categories a maintenance visit uses; repairs take the others. */
const MAINTENANCE_CATEGORIES = new Set(['oil_fluids', 'filters', 'consumables']);

export interface DaySale {
  movementId: number;
  partId: number;
  partNo: string;
  name: string;
  /** Quantity in thousandths, positive. */
  milli: number;
  /** Retail price per unit as sold, fen. */
  priceFen: number;
  /** Stock value that left, fen, positive. */
  valueFen: number;
  maintenance: boolean;
}

/** A sale taken by an RO: the line and the request it becomes. */
export interface FittedPart extends DaySale {
  roId: number;
  roNumber: string;
  lineId: number;
  requestId: number;
  requestedAt: Date;
  amountFen: number;
}

/** The store's counter sales by store-local day (YYYYMMDD), oldest first. */
export async function salesByDay(tx: Executor, storeId: number): Promise<Map<string, DaySale[]>> {
  const rows = await queryRows<{ id: string; part_id: number; part_no: string; name: string; category: string; quantity: string; price_fen: number; value_fen: string; at: Date | string }>(
    tx,
    sql`SELECT m.id, m.part_id, p.part_no, p.name, p.category, m.quantity::text AS quantity, m.price_fen, m.value_fen::text AS value_fen, m.at
        FROM stock_movements m JOIN parts p ON p.id = m.part_id
        WHERE m.store_id = ${storeId} AND m.kind = 'counter_sale' AND m.price_fen IS NOT NULL
        ORDER BY m.at, m.id`,
  );
  const byDay = new Map<string, DaySale[]>();
  for (const r of rows) {
    const day = localDay(new Date(r.at), TIME_ZONE);
    const list = byDay.get(day) ?? [];
    list.push({
      movementId: Number(r.id),
      partId: r.part_id,
      partNo: r.part_no,
      name: r.name,
      milli: Math.round(-Number(r.quantity) * 1000),
      priceFen: r.price_fen,
      valueFen: -Number(r.value_fen),
      maintenance: MAINTENANCE_CATEGORIES.has(r.category),
    });
    byDay.set(day, list);
  }
  return byDay;
}

/** Up to `n` of the day's sales of the right kind, removed from the day's list. */
export function takeSales(byDay: Map<string, DaySale[]>, at: Date, maintenance: boolean, n: number): DaySale[] {
  const list = byDay.get(localDay(at, TIME_ZONE));
  if (!list) return [];
  const taken: DaySale[] = [];
  for (let i = 0; i < list.length && taken.length < n; ) {
    if (list[i]!.maintenance === maintenance) taken.push(...list.splice(i, 1));
    else i++;
  }
  return taken;
}

export const amountOf = (s: DaySale) => Math.round((s.priceFen * s.milli) / 1000);

/**
 * Writes the requests of the fitted parts and turns their movements into issues to the ROs (the
 * RO lines are written by the caller, with the ids reserved here).
 */
export async function insertFittedParts(tx: Executor, storeId: number, fitted: FittedPart[], clerk: { userId: number; displayName: string }, random: Random): Promise<void> {
  if (fitted.length === 0) return;
  const qty = (milli: number) => (milli / 1000).toFixed(3);
  await bulkInsert(
    tx,
    partRequests,
    ['id', 'storeId', 'partId', 'roId', 'roLineId', 'roNumber', 'quantity', 'issued', 'fitted', 'issuedValueFen', 'status', 'inStockAtRequest', 'requestedByName', 'requestedAt', 'firstIssuedAt', 'settledAt', 'updatedAt'],
    fitted.map((f) => ({
      id: f.requestId,
      storeId,
      partId: f.partId,
      roId: f.roId,
      roLineId: f.lineId,
      roNumber: f.roNumber,
      quantity: qty(f.milli),
      issued: qty(f.milli),
      fitted: qty(f.milli),
      issuedValueFen: f.valueFen,
      status: 'settled' as const,
      // A few parts were not on the shelf when asked for and came in the same day (the fill rate).
      inStockAtRequest: !random.chance(0.04),
      requestedByName: clerk.displayName,
      requestedAt: f.requestedAt,
      firstIssuedAt: f.requestedAt,
      settledAt: f.requestedAt,
      updatedAt: f.requestedAt,
    })),
    { overridingSystemValue: true, chunkSize: 5_000 },
  );
  for (let i = 0; i < fitted.length; i += 5_000) {
    const chunk = fitted.slice(i, i + 5_000).map((f) => ({ id: f.movementId, req: f.requestId, line: f.lineId, ro: f.roId, num: f.roNumber }));
    await tx.execute(sql`
      UPDATE stock_movements m
         SET kind = 'issue_to_ro', ref_type = 'part_request', ref_id = v.req, ref_line_id = v.line, ro_id = v.ro, ro_number = v.num,
             price_fen = NULL, reason = '', actor_id = ${clerk.userId}, actor_name = ${clerk.displayName}
        FROM json_to_recordset(${JSON.stringify(chunk)}::json) AS v(id bigint, req int, line int, ro int, num text)
       WHERE m.store_id = ${storeId} AND m.id = v.id`);
  }
}
