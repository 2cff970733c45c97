import { and, asc, eq, gte, lte } from 'drizzle-orm';
import {
  CSS_ITEMS,
  CSS_LEVELS,
  DEFAULT_CSS_WEIGHTS,
  PT_TARGET,
  motScore,
  ptScore,
  scoreMonthsBetween,
  type CssLevel,
  type CssLevelInput,
  type CssLevelResult,
  type CssPeriod,
  type CssPeriodInput,
  type CssWeights,
  type PtPeriod,
  type PtPeriodInput,
  type ScoreMonth,
  type ScoreRangeQuery,
} from '#contracts/satisfaction';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { cssResults, cssWeights, ptResults } from './satisfaction.table';

// ---------------------------------------------------------------------------------------------
// Weights

/** The store's weights: its own where set, the SPEC §10 default for any item it never set. */
export async function weightsIn(tx: Executor, storeId: number): Promise<CssWeights> {
  const rows = await tx.select().from(cssWeights).where(eq(cssWeights.storeId, storeId));
  const weights = { ...DEFAULT_CSS_WEIGHTS };
  for (const r of rows) if ((CSS_ITEMS as readonly string[]).includes(r.item)) weights[r.item] = r.weight;
  return weights;
}

export function getWeights(ctx: Ctx): Promise<CssWeights> {
  return inStore(ctx.db, ctx.storeId, (tx) => weightsIn(tx, ctx.storeId));
}

/** Replaces all ten weights at once (they must sum to 100: checked by the schema). */
export function setWeights(ctx: Ctx, weights: CssWeights): Promise<CssWeights> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const before = await weightsIn(tx, ctx.storeId);
    const now = new Date();
    for (const item of CSS_ITEMS) {
      await tx
        .insert(cssWeights)
        .values({ storeId: ctx.storeId, item, weight: weights[item], updatedAt: now })
        .onConflictDoUpdate({ target: [cssWeights.storeId, cssWeights.item], set: { weight: weights[item], updatedAt: now } });
    }
    await writeAudit(ctx, tx, { action: 'css.weights', entity: 'css_weights', entityId: ctx.storeId, before, after: weights });
    return weightsIn(tx, ctx.storeId);
  });
}

// ---------------------------------------------------------------------------------------------
// CSS periods

type CssRow = typeof cssResults.$inferSelect;

function levelResult(row: CssRow | undefined, weights: CssWeights): CssLevelResult | null {
  if (!row) return null;
  const items = Object.fromEntries(CSS_ITEMS.map((i) => [i, row.itemScores[i] ?? null]));
  return { sampleSize: row.sampleSize, cssScore: row.cssScore, items, mot: motScore(row.itemScores, weights) };
}

async function cssRows(tx: Executor, storeId: number, from: string, to: string) {
  return tx
    .select()
    .from(cssResults)
    .where(and(eq(cssResults.storeId, storeId), gte(cssResults.month, from), lte(cssResults.month, to)))
    .orderBy(asc(cssResults.month));
}

function periodsOf(rows: CssRow[], weights: CssWeights, months: string[]): CssPeriod[] {
  const by = new Map(rows.map((r) => [`${r.month}:${r.level}`, r]));
  return months
    .filter((m) => CSS_LEVELS.some((l) => by.has(`${m}:${l}`)))
    .map((month) => ({
      month,
      store: levelResult(by.get(`${month}:store`), weights),
      region: levelResult(by.get(`${month}:region`), weights),
      nation: levelResult(by.get(`${month}:nation`), weights),
    }));
}

export function listCss(ctx: Ctx, query: ScoreRangeQuery): Promise<CssPeriod[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const [rows, weights] = await Promise.all([cssRows(tx, ctx.storeId, query.from, query.to), weightsIn(tx, ctx.storeId)]);
    return periodsOf(rows, weights, scoreMonthsBetween(query.from, query.to));
  });
}

/**
 * Enters (or corrects) a month's report: each level given replaces that level's row; a level sent
 * as null is left as it was (the region's figures often arrive later than the store's).
 */
export function enterCss(ctx: Ctx, input: CssPeriodInput): Promise<CssPeriod> {
  const { month } = input;
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    const given = CSS_LEVELS.map((level) => [level, input[level]] as const).filter((e): e is [CssLevel, CssLevelInput] => e[1] !== null);
    for (const [level, v] of given) {
      const values = { sampleSize: v.sampleSize, cssScore: v.cssScore, itemScores: v.items, enteredBy: ctx.actor.userId, enteredByName: ctx.actor.displayName, enteredAt: now };
      await tx
        .insert(cssResults)
        .values({ storeId: ctx.storeId, month, level, ...values })
        .onConflictDoUpdate({ target: [cssResults.storeId, cssResults.month, cssResults.level], set: values });
    }
    await writeAudit(ctx, tx, { action: 'css.enter', entity: 'css_results', entityId: month, after: input });
    const [rows, weights] = await Promise.all([cssRows(tx, ctx.storeId, month, month), weightsIn(tx, ctx.storeId)]);
    return periodsOf(rows, weights, [month])[0]!;
  });
}

// ---------------------------------------------------------------------------------------------
// Mystery shopper

async function ptRows(tx: Executor, storeId: number, from: string, to: string) {
  return tx
    .select()
    .from(ptResults)
    .where(and(eq(ptResults.storeId, storeId), gte(ptResults.month, from), lte(ptResults.month, to)))
    .orderBy(asc(ptResults.month), asc(ptResults.section));
}

function ptPeriodsOf(rows: (typeof ptResults.$inferSelect)[]): PtPeriod[] {
  const months = new Map<string, (typeof ptResults.$inferSelect)[]>();
  for (const r of rows) months.set(r.month, [...(months.get(r.month) ?? []), r]);
  return [...months.entries()].map(([month, sections]) => ({
    month,
    sections: sections.map((s) => ({ section: s.section, items: s.items, passed: s.passed, share: Math.round((s.passed / s.items) * 1000) / 10 })),
    score: ptScore(sections),
    target: PT_TARGET,
  }));
}

export function listPt(ctx: Ctx, query: ScoreRangeQuery): Promise<PtPeriod[]> {
  return inStore(ctx.db, ctx.storeId, async (tx) => ptPeriodsOf(await ptRows(tx, ctx.storeId, query.from, query.to)));
}

export function enterPt(ctx: Ctx, input: PtPeriodInput): Promise<PtPeriod> {
  const { month } = input;
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const now = new Date();
    for (const s of input.sections) {
      await tx
        .insert(ptResults)
        .values({ storeId: ctx.storeId, month, section: s.section, items: s.items, passed: s.passed, enteredBy: ctx.actor.userId, enteredAt: now })
        .onConflictDoUpdate({ target: [ptResults.storeId, ptResults.month, ptResults.section], set: { items: s.items, passed: s.passed, enteredBy: ctx.actor.userId, enteredAt: now } });
    }
    await writeAudit(ctx, tx, { action: 'pt.enter', entity: 'pt_results', entityId: month, after: input });
    return ptPeriodsOf(await ptRows(tx, ctx.storeId, month, month))[0]!;
  });
}

// ---------------------------------------------------------------------------------------------
// Trend (the chart and the monthly reports)

/**
 * Month by month from `fromMonth` to `toMonth` (YYYY-MM): MOT and CSS of the store, the region and
 * the nation, the store's sample size and the PT score; null where nothing was entered. For the
 * customer-service monthly report (SPEC §17) in the caller's transaction.
 */
export async function manufacturerScores(tx: Executor, storeId: number, fromMonth: string, toMonth: string): Promise<ScoreMonth[]> {
  const [rows, weights, pts] = await Promise.all([cssRows(tx, storeId, fromMonth, toMonth), weightsIn(tx, storeId), ptRows(tx, storeId, fromMonth, toMonth)]);
  const css = new Map(rows.map((r) => [`${r.month}:${r.level}`, r]));
  const pt = new Map(ptPeriodsOf(pts).map((p) => [p.month, p.score]));
  return scoreMonthsBetween(fromMonth, toMonth).map((month) => {
    const at = (level: CssLevel) => css.get(`${month}:${level}`);
    const mot = (level: CssLevel) => {
      const r = at(level);
      return r ? motScore(r.itemScores, weights) : null;
    };
    return {
      month,
      storeMot: mot('store'),
      regionMot: mot('region'),
      nationMot: mot('nation'),
      storeCss: at('store')?.cssScore ?? null,
      regionCss: at('region')?.cssScore ?? null,
      nationCss: at('nation')?.cssScore ?? null,
      sampleSize: at('store')?.sampleSize ?? null,
      ptScore: pt.get(month) ?? null,
    };
  });
}

export function trend(ctx: Ctx, query: ScoreRangeQuery): Promise<ScoreMonth[]> {
  return inStore(ctx.db, ctx.storeId, (tx) => manufacturerScores(tx, ctx.storeId, query.from, query.to));
}
