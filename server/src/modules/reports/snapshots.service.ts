import { sql } from 'drizzle-orm';
import { monthPeriod, shiftMonth, type KpiCode } from '#contracts/kpis';
import { queryRows } from '../../db/rows';
import { asSystem, inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { currentMonth } from '../parts';
import { COMPUTED_KPI_CODES, computeKpisForPeriods } from './kpis.service';
import { kpiSnapshots } from './reports.table';

/**
 * Month-end snapshots (SPEC §17): the KPI values of a finished month, frozen per store, so that a
 * past month's report does not change when old records are corrected. The first freeze wins: the
 * primary key (store, month, code) with ON CONFLICT DO NOTHING makes the job on several instances
 * and a manager's "冻结本月" safe to race.
 */
export async function freezeStoreMonth(tx: Executor, storeId: number, month: string, actorId: number | null): Promise<number> {
  return freezeStoreMonths(tx, storeId, [month], actorId);
}

/** Freezes several months of a store with one computation (one statement per fact family for all months). */
export async function freezeStoreMonths(tx: Executor, storeId: number, months: string[], actorId: number | null): Promise<number> {
  if (months.length === 0) return 0;
  const values = await computeKpisForPeriods(
    tx,
    { kind: 'store', storeIds: [storeId] },
    months.map((m) => ({ key: m, ...monthPeriod(m) })),
    COMPUTED_KPI_CODES,
  );
  const rows = months.flatMap((month) =>
    values
      .get(month)!
      .filter((v) => v.status === 'ok')
      .map((v) => ({
        storeId,
        month,
        code: v.code as KpiCode,
        value: v.value === null ? null : String(v.value),
        numerator: v.numerator === null ? null : String(v.numerator),
        denominator: v.denominator === null ? null : String(v.denominator),
        frozenBy: actorId,
      })),
  );
  if (rows.length === 0) return 0;
  const inserted = await tx.insert(kpiSnapshots).values(rows).onConflictDoNothing().returning({ code: kpiSnapshots.code });
  return inserted.length;
}

/** The manager freezes a finished month of the active store (the job does the previous month by itself). */
export async function freezeMonth(ctx: Ctx, month: string, now = new Date()): Promise<{ month: string; frozen: number; alreadyFrozen: boolean }> {
  if (month >= currentMonth(ctx.timeZone, now)) throw invalidField('month', { zh: '只能冻结已结束的月份', en: 'Only a finished month can be frozen' });
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const frozen = await freezeStoreMonth(tx, ctx.storeId, month, ctx.actor.userId);
    if (frozen > 0) await writeAudit(ctx, tx, { action: 'kpi.month_frozen', entity: 'kpi_snapshot', entityId: month, after: { month, codes: frozen } });
    return { month, frozen, alreadyFrozen: frozen === 0 };
  });
}

/** How far back the job fills months that were never frozen (history imported, or a new installation). */
export const BACKFILL_MONTHS = 24;

/**
 * The month-end job: for every active store, freeze each finished month of the last
 * `BACKFILL_MONTHS` that has no snapshot yet, from the store's first visit on (normally just the
 * previous month; after an installation or an import, the history). Idempotent (see above); months
 * before a store's first repair order are not frozen, so history imported later still counts.
 */
export async function freezeDueMonths(db: Executor, now = new Date()): Promise<number> {
  const stores = await asSystem(db, (tx) =>
    queryRows<{ id: number; time_zone: string }>(tx, sql`SELECT id, time_zone FROM stores WHERE active ORDER BY id`),
  );
  let frozen = 0;
  for (const store of stores) {
    const last = shiftMonth(currentMonth(store.time_zone, now), -1);
    const earliest = shiftMonth(last, -(BACKFILL_MONTHS - 1));
    frozen += await inStore(db, store.id, async (tx) => {
      const [first] = await queryRows<{ month: string | null }>(
        tx,
        sql`SELECT to_char(min(opened_at) AT TIME ZONE ${store.time_zone}, 'YYYY-MM') AS month FROM repair_orders WHERE store_id = ${store.id}`,
      );
      if (!first?.month) return 0;
      const done = new Set(
        (await queryRows<{ month: string }>(tx, sql`SELECT DISTINCT month FROM kpi_snapshots WHERE store_id = ${store.id} AND month >= ${earliest}`)).map((r) => r.month),
      );
      const due: string[] = [];
      for (let m = first.month > earliest ? first.month : earliest; m <= last; m = shiftMonth(m, 1)) if (!done.has(m)) due.push(m);
      return freezeStoreMonths(tx, store.id, due, null);
    });
  }
  return frozen;
}
