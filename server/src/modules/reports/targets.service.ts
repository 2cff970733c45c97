import { and, eq, like } from 'drizzle-orm';
import { KPI_DEFINITIONS, type KpiCode, type KpiTarget, type KpiTargetsUpdate } from '#contracts/kpis';
import { inStore } from '../../db/scope';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { kpiTargets } from './reports.table';

/** 指标目标 of the active store for a calendar year (SPEC §16: a target per KPI, store and month). */
export function listTargets(ctx: Ctx, year: number): Promise<{ year: number; targets: KpiTarget[] }> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const rows = await tx
      .select()
      .from(kpiTargets)
      .where(and(eq(kpiTargets.storeId, ctx.storeId), like(kpiTargets.month, `${year}-%`)));
    return { year, targets: rows.filter((r) => r.code in KPI_DEFINITIONS).map((r) => ({ code: r.code, month: r.month, value: Number(r.value) })) };
  });
}

/**
 * Saves the edited cells of the target grid: a value upserts the cell, null removes it. Ratios are
 * 0…1 (the grid enters percent and divides), so a ratio above 1 is a typing mistake, refused whole.
 */
export function saveTargets(ctx: Ctx, body: KpiTargetsUpdate): Promise<{ saved: number; removed: number }> {
  const seen = new Set<string>();
  body.targets.forEach((t, i) => {
    const key = `${t.code}|${t.month}`;
    if (seen.has(key)) throw invalidField(`targets.${i}.month`, { zh: '同一指标同一月份重复', en: 'The same KPI and month appear twice' });
    seen.add(key);
    if (t.value !== null && KPI_DEFINITIONS[t.code].unit === 'ratio' && t.value > 1) {
      throw invalidField(`targets.${i}.value`, { zh: '比率目标应在 0 到 100% 之间', en: 'A rate target must be between 0 and 100%' });
    }
  });
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    let saved = 0;
    let removed = 0;
    for (const t of body.targets) {
      const where = and(eq(kpiTargets.storeId, ctx.storeId), eq(kpiTargets.code, t.code as KpiCode), eq(kpiTargets.month, t.month));
      if (t.value === null) {
        removed += (await tx.delete(kpiTargets).where(where).returning({ code: kpiTargets.code })).length;
        continue;
      }
      await tx
        .insert(kpiTargets)
        .values({ storeId: ctx.storeId, code: t.code, month: t.month, value: String(t.value), updatedBy: ctx.actor.userId })
        .onConflictDoUpdate({ target: [kpiTargets.storeId, kpiTargets.code, kpiTargets.month], set: { value: String(t.value), updatedBy: ctx.actor.userId, updatedAt: new Date() } });
      saved += 1;
    }
    await writeAudit(ctx, tx, { action: 'kpi.targets_saved', entity: 'kpi_target', entityId: String(ctx.storeId), after: body.targets });
    return { saved, removed };
  });
}
