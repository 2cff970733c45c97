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

/**
 * The month-end job: for every store whose previous local month has no snapshot yet, freeze it.
 * Idempotent (see above); a store that was added later only gets the months it runs through.
 */
export async function freezeDueMonths(db: Executor, now = new Date()): Promise<number> {
  const stores = await asSystem(db, (tx) =>
    queryRows<{ id: number; time_zone: string }>(tx, sql`SELECT id, time_zone FROM stores WHERE active ORDER BY id`),
  );
  let frozen = 0;
  for (const store of stores) {
    const month = shiftMonth(currentMonth(store.time_zone, now), -1);
    frozen += await inStore(db, store.id, async (tx) => {
      const [done] = await queryRows<{ n: number }>(tx, sql`SELECT count(*)::int AS n FROM kpi_snapshots WHERE store_id = ${store.id} AND month = ${month}`);
      return Number(done?.n ?? 0) > 0 ? 0 : freezeStoreMonth(tx, store.id, month, null);
    });
  }
  return frozen;
}
