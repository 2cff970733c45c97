import { sql } from 'drizzle-orm';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';

/**
 * Readable document numbers per store and day (DESIGN §3): RO20261123-0007. The counter row is
 * incremented in the document's own transaction, so a rolled-back document gives its number back
 * (no gaps), and concurrent documents of a store queue on that one row.
 *   RO 委托书 · YY 预约单 · JS 结算单 · CC 出厂通知单 · CX 冲销单
 *   CG 采购订单 · RK 入库单 · DB 调拨单 · PD 盘点单 · JJ 旧件标签
 *   TS 投诉单
 */
export type DocPrefix = 'RO' | 'YY' | 'JS' | 'CC' | 'CX' | 'CG' | 'RK' | 'DB' | 'PD' | 'JJ' | 'TS';

export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}${get('month')}${get('day')}`;
}

export async function nextDocNumber(tx: Executor, storeId: number, prefix: DocPrefix, timeZone: string): Promise<string> {
  const day = localDay(new Date(), timeZone);
  const [row] = await queryRows<{ last: number }>(
    tx,
    sql`INSERT INTO document_counters (store_id, prefix, day, last) VALUES (${storeId}, ${prefix}, ${day}, 1)
        ON CONFLICT (store_id, prefix, day) DO UPDATE SET last = document_counters.last + 1
        RETURNING last`,
  );
  return `${prefix}${day}-${String(row!.last).padStart(4, '0')}`;
}
