import { DECIMAL_UNITS, type PartUnit } from '#contracts/parts';
import { MESSAGES } from '#contracts/messages';
import type { Ctx } from '../../platform/context';
import { AppError, invalidField, notFound } from '../../platform/errors';
import type { LedgerActor } from './ledger.repository';
import { isWhole } from './qty';

/** Shared by the parts services: names of things in errors, the actor of the ledger, unit checks. */

export const PART = { zh: '配件', en: 'Part' };
export const PART_REQUEST = { zh: '领料申请', en: 'Part request' };
export const PURCHASE_ORDER = { zh: '采购订单', en: 'Purchase order' };
export const TRANSFER = { zh: '调拨单', en: 'Transfer' };
export const OLD_PART = { zh: '旧件', en: 'Old part' };
export const STOCKTAKE = { zh: '盘点单', en: 'Stocktake' };
export const REPAIR_ORDER_PARTS = { zh: '该工单的领料记录', en: 'Parts of this repair order' };

export const partNotFound = () => notFound(PART);

export function actorOf(ctx: Pick<Ctx, 'actor'>): LedgerActor {
  return { id: ctx.actor.userId, name: ctx.actor.displayName };
}

/** Pieces, sets, bottles… are counted whole; litres, kilograms and metres may be fractions. */
export function assertUnitQty(unit: PartUnit, milli: bigint, field: string): void {
  if (!DECIMAL_UNITS.includes(unit) && !isWhole(milli)) throw invalidField(field, MESSAGES['quantity.whole']);
}

/** A referenced part that is not in the store (or inactive, for new documents): 400 on the field. */
export function unknownPart(field: string): AppError {
  return invalidField(field, { zh: '配件不存在或已停用', en: 'Unknown or inactive part' });
}

export function illegal(zh: string, en: string, details?: unknown): AppError {
  return new AppError('ILLEGAL_TRANSITION', { zh, en }, details);
}

export const iso = (d: Date | string | null | undefined): string | null => (d === null || d === undefined ? null : new Date(d).toISOString());
