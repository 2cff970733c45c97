import { labourAmountFen, partAmountFen } from '#contracts/repair-order-pricing';
import type { RoLineInput, RoLineSource } from '#contracts/repair-orders';
import { hoursToHundredths } from '#contracts/service-items';
import type { Executor } from '../../db/types';
import type { Ctx } from '../../platform/context';
import { invalidField } from '../../platform/errors';
import { loadPart, requestPartsForLine } from '../parts';
import { pricedServiceItems } from '../service-items';
import { labourRatesOf } from '../stores';
import * as repo from './repair-orders.repository';
import type { repairOrderLines } from './repair-orders.table';

type LineInsert = typeof repairOrderLines.$inferInsert;

const UNKNOWN_ITEM = { zh: '维修项目不存在或已停用', en: 'Unknown or inactive service item' };
const UNKNOWN_PART = { zh: '配件不存在或已停用', en: 'Unknown or inactive part' };

/**
 * Prices line inputs the way SPEC §5 says: labour is standard hours × the store's rate for the job
 * type (or a fixed price: 现象估价 or a fixed-price item), parts are quantity × retail price; each
 * amount is rounded once (repair-order-pricing.ts). `field` names the input in a 400.
 */
export async function priceLines(
  tx: Executor,
  storeId: number,
  inputs: readonly RoLineInput[],
  field: string,
): Promise<Omit<LineInsert, 'storeId' | 'roId' | 'source'>[]> {
  const rates = await labourRatesOf(tx, storeId);
  const itemIds = inputs.flatMap((l) => (l.kind === 'labour' && l.serviceItemId !== null ? [l.serviceItemId] : []));
  const items = new Map((await pricedServiceItems(tx, storeId, itemIds)).map((i) => [i.id, i]));
  const priced: Omit<LineInsert, 'storeId' | 'roId' | 'source'>[] = [];
  for (const [i, input] of inputs.entries()) {
    if (input.kind === 'labour') {
      const item = input.serviceItemId === null ? undefined : items.get(input.serviceItemId);
      if (input.serviceItemId !== null && (!item || !item.active)) throw invalidField(`${field}.${i}.serviceItemId`, UNKNOWN_ITEM);
      const jobType = item?.jobType ?? input.jobType;
      const hours = hoursToHundredths(input.hours) > 0 ? input.hours : (item?.standardHours ?? input.hours);
      const fixed = input.fixedPriceFen ?? item?.fixedPriceFen ?? null;
      const rateFen = rates[jobType];
      priced.push({
        kind: 'labour',
        serviceItemId: item?.id ?? null,
        description: input.description || item!.name,
        jobType,
        hours,
        rateFen,
        fixedPriceFen: fixed,
        amountFen: fixed ?? labourAmountFen(hours, rateFen),
        payer: input.payer,
        requiredGrade: item?.requiredGrade ?? null,
        requiredCertification: item?.requiredCertification ?? null,
      });
    } else {
      const part = await loadPart(tx, storeId, input.partId).catch(() => null);
      if (!part || !part.active) throw invalidField(`${field}.${i}.partId`, UNKNOWN_PART);
      const unitPriceFen = input.unitPriceFen ?? part.retailPriceFen;
      priced.push({
        kind: 'part',
        partId: part.id,
        description: `${part.partNo} ${part.name}`,
        quantity: input.quantity,
        unitPriceFen,
        amountFen: partAmountFen(input.quantity, unitPriceFen),
        payer: input.payer,
      });
    }
  }
  return priced;
}

/**
 * Adds priced lines to an RO; part lines that ask for it go to the parts counter's queue at once
 * (a part request against the line, in the same transaction).
 */
export async function addLines(
  tx: Executor,
  ctx: Ctx,
  ro: Pick<repo.RoRow, 'id' | 'number'>,
  inputs: readonly RoLineInput[],
  opts: { source: RoLineSource; additionalWorkId?: number; field: string },
): Promise<void> {
  const priced = await priceLines(tx, ctx.storeId, inputs, opts.field);
  for (const [i, line] of priced.entries()) {
    const input = inputs[i]!;
    const row = await repo.insertLine(tx, { ...line, storeId: ctx.storeId, roId: ro.id, source: opts.source, additionalWorkId: opts.additionalWorkId ?? null });
    if (input.kind === 'part' && input.requestParts) {
      const request = await requestPartsForLine(tx, ctx, { roId: ro.id, roLineId: row.id, roNumber: ro.number, partId: input.partId, quantity: input.quantity, note: '' });
      await repo.updateLine(tx, ctx.storeId, row.id, { partRequestId: request.id });
    }
  }
}

/** The RO's cached figures after its lines changed: the total before discount and the estimated hours. */
export async function lineFigures(tx: Executor, storeId: number, roId: number): Promise<{ totalFen: number; estimatedHundredths: number }> {
  const lines = await repo.liveLinesOf(tx, storeId, roId);
  return {
    totalFen: lines.reduce((a, l) => a + l.amountFen, 0),
    estimatedHundredths: lines.reduce((a, l) => a + (l.kind === 'labour' && l.hours !== null ? hoursToHundredths(String(l.hours)) : 0), 0),
  };
}
