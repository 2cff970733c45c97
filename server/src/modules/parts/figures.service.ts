import type { FiguresQuery, PartsFigures, SlowMovingList } from '#contracts/parts-figures';
import type { StoreSettings } from '#contracts/settings';
import { inStore } from '../../db/scope';
import type { Executor } from '../../db/types';
import type { Ctx } from '../../platform/context';
import { getStoreSettings } from '../stores';
import { fillRate, outboundByCategory, slowMoving, stockValue, turnover, type MonthInStore } from './figures';

/** The month in the store's time zone now: YYYY-MM. */
export function currentMonth(timeZone: string, at = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(at);
  return `${parts.find((p) => p.type === 'year')!.value}-${parts.find((p) => p.type === 'month')!.value}`;
}

/** Every parts figure of a month, for the dashboard and the monthly report (inside the caller's transaction). */
export async function partsFigures(tx: Executor, storeId: number, period: MonthInStore, settings: Pick<StoreSettings, 'slowMovingMonths' | 'fillRateTargetPercent' | 'slowMovingTargetPercent'>): Promise<PartsFigures> {
  const slow = await slowMoving(tx, storeId, { months: settings.slowMovingMonths, limit: 0 });
  const { items: _items, ...slowSummary } = slow;
  return {
    month: period.month,
    stockValueFen: await stockValue(tx, storeId),
    fillRate: { ...(await fillRate(tx, storeId, period)), targetPercent: settings.fillRateTargetPercent },
    turnover: await turnover(tx, storeId, period),
    slowMoving: { ...slowSummary, targetPercent: settings.slowMovingTargetPercent },
    outboundByCategory: await outboundByCategory(tx, storeId, period),
  };
}

export async function getFigures(ctx: Ctx, query: FiguresQuery): Promise<PartsFigures> {
  const settings = await getStoreSettings(ctx.db, ctx.storeId);
  const period = { month: query.month ?? currentMonth(ctx.timeZone), timeZone: ctx.timeZone };
  return inStore(ctx.db, ctx.storeId, (tx) => partsFigures(tx, ctx.storeId, period, settings));
}

export async function getSlowMoving(ctx: Ctx, limit: number): Promise<SlowMovingList> {
  const settings = await getStoreSettings(ctx.db, ctx.storeId);
  return inStore(ctx.db, ctx.storeId, (tx) => slowMoving(tx, ctx.storeId, { months: settings.slowMovingMonths, limit }));
}
