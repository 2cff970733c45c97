import type { Page } from '#contracts/common';
import type { PartUnit } from '#contracts/parts';
import type { CountsInput, Stocktake, StocktakeCreate, StocktakeListQuery, StocktakeSheet, VarianceLine, VarianceReport } from '#contracts/parts-stocktake';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import { writeAudit } from '../../platform/audit/audit';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound, staleVersion } from '../../platform/errors';
import { pageOf } from '../../platform/pagination';
import { getStoreSettings } from '../stores';
import * as catalog from './catalog.repository';
import { nextDocNumber } from '../../platform/doc-numbers';
import { applyMovements, type MovementInput } from './ledger.repository';
import { actorOf, assertUnitQty, illegal, iso, STOCKTAKE, unknownPart } from './parts.common';
import { fromMilli, MILLI, normQty, roundDiv, sqlQty, toMilli, valueOf } from './qty';
import * as repo from './stocktake.repository';

/**
 * Stocktake (盘点, SPEC §13). RULE FOR MOVEMENTS DURING A COUNT: the book quantity of every line is
 * snapshotted when the sheet is created (under share locks, with the ledger's last id as the
 * watermark). Stock keeps moving while people count. At approval, each line's "book at count" is the
 * snapshot plus the net movements of that part and location after the watermark and up to the time
 * the line was counted (countedAt: when the count was entered, or the time written on the paper
 * sheet); variance = counted − book at count. Movements after the count are not part of the
 * variance, and the adjustment (= the variance) is posted on top of them. Two open stocktakes may not
 * share a location. Counters never see book quantities (blind count); the variance report is the
 * supervisor's.
 */

function toStocktake(r: repo.StocktakeWithCounts): Stocktake {
  return {
    id: r.id,
    number: r.number,
    status: r.status,
    locations: r.locations,
    note: r.note,
    lineCount: r.lineCount,
    countedCount: r.countedCount,
    createdByName: r.createdByName,
    createdAt: r.createdAt.toISOString(),
    approvedByName: r.approvedByName,
    approvedAt: iso(r.approvedAt),
    version: r.version,
  };
}

async function load(tx: Executor, storeId: number, id: number, opts: { forUpdate?: boolean } = {}) {
  const row = await repo.findStocktake(tx, storeId, id, opts);
  if (!row) throw notFound(STOCKTAKE);
  return row;
}

export function listStocktakes(ctx: Ctx, query: StocktakeListQuery): Promise<Page<Stocktake>> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const { rows, total } = await repo.listStocktakes(tx, ctx.storeId, query);
    return pageOf(query, rows.map(toStocktake), total);
  });
}

export function createStocktake(ctx: Ctx, input: StocktakeCreate): Promise<Stocktake> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    await repo.lockStocktakeCreation(tx, ctx.storeId);
    const open = await repo.openLocations(tx, ctx.storeId);
    const overlaps = open.some((locs) => locs.length === 0 || input.locations.length === 0 || locs.some((l) => input.locations.includes(l)));
    if (overlaps) {
      throw new AppError('CONFLICT', { zh: '已有进行中的盘点覆盖这些库位，请先完成或取消', en: 'An open stocktake covers these locations; finish or cancel it first' });
    }
    const snapshot = await repo.snapshotBalances(tx, ctx.storeId, input.locations);
    const row = await repo.insertStocktake(tx, {
      storeId: ctx.storeId,
      number: await nextDocNumber(tx, ctx.storeId, 'PD', ctx.timeZone),
      locations: input.locations,
      note: input.note,
      snapshotMovementId: snapshot.watermark,
      createdBy: ctx.actor.userId,
      createdByName: ctx.actor.displayName,
    });
    await repo.insertLines(
      tx,
      snapshot.rows.map((b) => ({ storeId: ctx.storeId, stocktakeId: row.id, partId: b.partId, location: b.location, expectedQty: b.onHand })),
    );
    const created = toStocktake(await load(tx, ctx.storeId, row.id));
    await writeAudit(ctx, tx, { action: 'stocktake.created', entity: 'stocktake', entityId: row.id, after: created });
    return created;
  });
}

async function sheetOf(tx: Executor, storeId: number, st: repo.StocktakeWithCounts): Promise<StocktakeSheet> {
  const lines = await repo.sheetLines(tx, storeId, st);
  return {
    stocktake: toStocktake(st),
    lines: lines.map((l) => ({
      id: Number(l.id),
      partId: Number(l.part_id),
      partNo: l.part_no,
      partName: l.name,
      unit: l.unit as PartUnit,
      location: l.location,
      countedQty: l.counted_qty === null ? null : normQty(l.counted_qty),
      countedAt: iso(l.counted_at),
      found: l.found,
    })),
  };
}

/** The blind count sheet: what to count where, and what was counted; never the book quantity. */
export function getSheet(ctx: Ctx, id: number): Promise<StocktakeSheet> {
  return inStore(ctx.db, ctx.storeId, async (tx) => sheetOf(tx, ctx.storeId, await load(tx, ctx.storeId, id)));
}

const notCounting = (status: string) => illegal('盘点单不在盘点中', 'The stocktake is not open for counting', { status });

export function enterCounts(ctx: Ctx, id: number, input: CountsInput): Promise<StocktakeSheet> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const st = await load(tx, ctx.storeId, id, { forUpdate: true });
    if (st.status !== 'counting') throw notCounting(st.status);
    const lines = new Map((await repo.findLines(tx, ctx.storeId, id)).map((l) => [l.id, l]));
    const byKey = new Map([...lines.values()].map((l) => [`${l.partId}|${l.location}`, l]));
    const parts = await catalog.findPartsByIds(tx, ctx.storeId, [...[...lines.values()].map((l) => l.partId), ...input.found.map((f) => f.partId)]);
    const now = new Date();
    const when = (at: string | undefined, path: string) => {
      if (at === undefined) return now;
      const d = new Date(at);
      if (d < st.createdAt || d.getTime() > now.getTime() + 60_000) {
        throw invalidField(path, { zh: '盘点时间应在建单之后、当前时间之前', en: 'The count time must be after the sheet was created and not in the future' });
      }
      return d;
    };
    for (const [i, c] of input.counts.entries()) {
      const line = lines.get(c.lineId);
      if (!line) throw invalidField(`counts.${i}.lineId`, { zh: '不是该盘点单的行', en: 'Not a line of this stocktake' });
      const qty = toMilli(c.countedQty);
      assertUnitQty(parts.get(line.partId)!.unit, qty, `counts.${i}.countedQty`);
      await repo.setCount(tx, ctx.storeId, line.id, sqlQty(qty), when(c.countedAt, `counts.${i}.countedAt`), ctx.actor.userId);
    }
    for (const [i, f] of input.found.entries()) {
      const part = parts.get(f.partId);
      if (!part) throw unknownPart(`found.${i}.partId`);
      if (st.locations.length && !st.locations.includes(f.location)) {
        throw invalidField(`found.${i}.location`, { zh: '该库位不在本次盘点范围内', en: 'This location is not part of the stocktake' });
      }
      const qty = toMilli(f.countedQty);
      assertUnitQty(part.unit, qty, `found.${i}.countedQty`);
      const at = when(f.countedAt, `found.${i}.countedAt`);
      const existing = byKey.get(`${f.partId}|${f.location}`);
      if (existing) await repo.setCount(tx, ctx.storeId, existing.id, sqlQty(qty), at, ctx.actor.userId);
      else {
        await repo.insertLines(tx, [
          { storeId: ctx.storeId, stocktakeId: id, partId: f.partId, location: f.location, expectedQty: '0', countedQty: sqlQty(qty), countedAt: at, countedBy: ctx.actor.userId, found: true },
        ]);
      }
    }
    const sheet = await sheetOf(tx, ctx.storeId, await load(tx, ctx.storeId, id));
    await writeAudit(ctx, tx, { action: 'stocktake.counted', entity: 'stocktake', entityId: id, after: { counts: input.counts.length, found: input.found.length } });
    return sheet;
  });
}

/** A line's variance at the moving-average cost (the catalog cost when nothing is in stock). */
function varianceLine(l: repo.SheetLine): VarianceLine & { book: bigint; bookValue: bigint; varianceMilli: bigint | null; varianceValue: bigint | null; costFallback: number } {
  const expected = toMilli(l.expected_qty);
  const book = l.book_at_count !== null ? toMilli(l.book_at_count) : expected + toMilli(l.moved);
  const counted = l.counted_qty === null ? null : toMilli(l.counted_qty);
  const variance = l.adjustment !== null ? toMilli(l.adjustment) : counted === null ? null : counted - book;
  const onHand = toMilli(l.val_on_hand);
  const value = BigInt(l.val_value);
  const atCost = (q: bigint) => (onHand > 0n ? roundDiv(value * q, onHand) : valueOf(q, l.cost_fen));
  const unitCost = onHand > 0n ? Number(roundDiv(value * MILLI, onHand)) : Number(l.cost_fen);
  const varianceValue = l.adjustment_value_fen !== null ? BigInt(l.adjustment_value_fen) : variance === null ? null : atCost(variance);
  return {
    lineId: Number(l.id),
    partId: Number(l.part_id),
    partNo: l.part_no,
    partName: l.name,
    unit: l.unit as PartUnit,
    location: l.location,
    expected: fromMilli(expected),
    movedSinceSnapshot: fromMilli(book - expected),
    bookAtCount: fromMilli(book),
    counted: counted === null ? null : fromMilli(counted),
    variance: variance === null ? null : fromMilli(variance),
    unitCostFen: unitCost,
    varianceValueFen: varianceValue === null ? null : Number(varianceValue),
    book,
    bookValue: atCost(book),
    varianceMilli: variance,
    varianceValue,
    costFallback: Number(l.cost_fen),
  };
}

function report(st: repo.StocktakeWithCounts, lines: ReturnType<typeof varianceLine>[], targetPercent: number): VarianceReport {
  const counted = lines.filter((l) => l.varianceValue !== null);
  const bookValue = counted.reduce((s, l) => s + l.bookValue, 0n);
  const gain = counted.reduce((s, l) => s + (l.varianceValue! > 0n ? l.varianceValue! : 0n), 0n);
  const loss = counted.reduce((s, l) => s + (l.varianceValue! < 0n ? -l.varianceValue! : 0n), 0n);
  const rate = bookValue > 0n ? Number(roundDiv((gain + loss) * 1_000_000n, bookValue)) / 10_000 : null;
  return {
    stocktake: toStocktake(st),
    lines: lines.map(({ book: _b, bookValue: _bv, varianceMilli: _vm, varianceValue: _vv, costFallback: _c, ...l }) => l),
    totals: {
      uncounted: lines.length - counted.length,
      bookValueFen: Number(bookValue),
      gainValueFen: Number(gain),
      lossValueFen: Number(loss),
      netValueFen: Number(gain - loss),
      absValueFen: Number(gain + loss),
      varianceRatePercent: rate,
      targetPercent,
      withinTarget: rate === null ? null : rate <= targetPercent,
    },
  };
}

/** The supervisor's variance report (book quantities visible here only). */
export async function getVariance(ctx: Ctx, id: number): Promise<VarianceReport> {
  const settings = await getStoreSettings(ctx.db, ctx.storeId);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const st = await load(tx, ctx.storeId, id);
    return report(st, (await repo.sheetLines(tx, ctx.storeId, st)).map(varianceLine), settings.stocktakeVarianceTargetPercent);
  });
}

/** Approval posts each line's variance as a stocktake_adjustment movement, at the moving-average cost. */
export async function approveStocktake(ctx: Ctx, id: number, version: number, note: string): Promise<VarianceReport> {
  const settings = await getStoreSettings(ctx.db, ctx.storeId);
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const st = await load(tx, ctx.storeId, id, { forUpdate: true });
    if (st.version !== version) throw staleVersion();
    if (st.status !== 'counting') throw notCounting(st.status);
    if (st.countedCount < st.lineCount) {
      throw new AppError('CONFLICT', { zh: `还有 ${st.lineCount - st.countedCount} 行未盘点`, en: `${st.lineCount - st.countedCount} lines are not counted yet` }, { uncounted: st.lineCount - st.countedCount });
    }
    const rows = await repo.findLines(tx, ctx.storeId, id);
    await repo.lockBalances(tx, ctx.storeId, rows.map((r) => ({ partId: r.partId, location: r.location })));
    const lines = (await repo.sheetLines(tx, ctx.storeId, st)).map(varianceLine);
    const adjusting = lines.filter((l) => l.varianceMilli !== null && l.varianceMilli !== 0n);
    const movements: MovementInput[] = adjusting.map((l) => ({
      partId: l.partId,
      location: l.location,
      kind: 'stocktake_adjustment',
      qty: l.varianceMilli!,
      ...(l.varianceMilli! > 0n ? { cost: { average: true as const, fallbackUnitCostFen: l.costFallback } } : {}),
      reason: `盘点调整 ${st.number}${note ? `：${note}` : ''}`,
      refType: 'stocktake',
      refId: id,
      refLineId: l.lineId,
    }));
    const applied = await applyMovements(tx, ctx.storeId, actorOf(ctx), movements);
    const valueByLine = new Map(applied.map((a) => [a.input.refLineId!, a.valueFen]));
    for (const l of lines) {
      await repo.setOutcome(tx, ctx.storeId, l.lineId, {
        bookAtCount: sqlQty(l.book),
        adjustment: sqlQty(l.varianceMilli ?? 0n),
        adjustmentValueFen: Number(valueByLine.get(l.lineId) ?? 0n),
      });
    }
    const row = await repo.updateStocktake(tx, ctx.storeId, id, version, {
      status: 'approved',
      approvedAt: new Date(),
      approvedBy: ctx.actor.userId,
      approvedByName: ctx.actor.displayName,
      approvalNote: note,
    });
    if (!row) throw staleVersion();
    const after = await load(tx, ctx.storeId, id);
    const result = report(after, (await repo.sheetLines(tx, ctx.storeId, after)).map(varianceLine), settings.stocktakeVarianceTargetPercent);
    await writeAudit(ctx, tx, {
      action: 'stocktake.approved',
      entity: 'stocktake',
      entityId: id,
      after: { number: st.number, adjustments: adjusting.length, totals: result.totals, quantities: adjusting.map((l) => ({ partId: l.partId, location: l.location, variance: fromMilli(l.varianceMilli!) })) },
    });
    return result;
  });
}

export function cancelStocktake(ctx: Ctx, id: number, version: number, reason: string): Promise<Stocktake> {
  return inStore(ctx.db, ctx.storeId, async (tx) => {
    const st = await load(tx, ctx.storeId, id, { forUpdate: true });
    if (st.status !== 'counting') throw notCounting(st.status);
    const row = await repo.updateStocktake(tx, ctx.storeId, id, version, { status: 'cancelled', cancelledAt: new Date(), cancelReason: reason });
    if (!row) throw staleVersion();
    await writeAudit(ctx, tx, { action: 'stocktake.cancelled', entity: 'stocktake', entityId: id, after: { reason } });
    return toStocktake(await load(tx, ctx.storeId, id));
  });
}
