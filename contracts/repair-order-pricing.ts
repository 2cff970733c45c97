import { PAYERS, type Discount, type Payer, type RoTotals } from './repair-orders';
import { hoursToHundredths } from './service-items';

/**
 * The one rounding rule of repair-order money (SPEC §5, DESIGN §3): every line's amount is rounded
 * once, half-up to the fen, and totals are sums of line amounts (never rounded again). Products are
 * taken on integers (hours in hundredths, quantities in thousandths) with BigInt, so no float ever
 * touches money.
 */

function roundDiv(numerator: bigint, denominator: bigint): number {
  return Number((numerator + denominator / 2n) / denominator);
}

/** hours × rate (fen per hour) → fen, half-up. */
export function labourAmountFen(hours: string, rateFen: number): number {
  return roundDiv(BigInt(hoursToHundredths(hours)) * BigInt(rateFen), 100n);
}

/** "1.5" → 1500 thousandths. Quantities have at most 3 decimals (contracts/parts QtySchema). */
export function quantityToThousandths(quantity: string): number {
  const m = /^(\d+)(?:\.(\d{1,3}))?$/.exec(quantity.trim());
  if (!m) throw new RangeError(`invalid quantity: ${quantity}`);
  return Number(m[1]) * 1000 + Number((m[2] ?? '').padEnd(3, '0'));
}

/** quantity × unit price → fen, half-up. */
export function partAmountFen(quantity: string, unitPriceFen: number): number {
  return roundDiv(BigInt(quantityToThousandths(quantity)) * BigInt(unitPriceFen), 1000n);
}

export interface PricedLine {
  kind: 'labour' | 'part';
  payer: Payer;
  amountFen: number;
}

/**
 * Totals per payer and overall. The discount applies to the customer's share only (warranty,
 * insurance and internal lines are billed at list price); it cannot exceed what it discounts.
 */
export function computeTotals(lines: readonly PricedLine[], discount: Discount = { labourDiscountFen: 0, partsDiscountFen: 0 }): RoTotals {
  const byPayer = PAYERS.map((payer) => {
    const mine = lines.filter((l) => l.payer === payer);
    const labourFen = sum(mine.filter((l) => l.kind === 'labour').map((l) => l.amountFen));
    const partsFen = sum(mine.filter((l) => l.kind === 'part').map((l) => l.amountFen));
    const discountFen = payer === 'customer' ? discount.labourDiscountFen + discount.partsDiscountFen : 0;
    return { payer, labourFen, partsFen, discountFen, totalFen: labourFen + partsFen - discountFen, count: mine.length };
  })
    .filter((p) => p.count > 0 || p.discountFen > 0)
    .map(({ count: _count, ...p }) => p);
  return {
    labourFen: sum(byPayer.map((p) => p.labourFen)),
    partsFen: sum(byPayer.map((p) => p.partsFen)),
    discountFen: sum(byPayer.map((p) => p.discountFen)),
    totalFen: sum(byPayer.map((p) => p.totalFen)),
    byPayer,
  };
}

/** Why a discount cannot be given at all (beyond any approval): it exceeds what it discounts. */
export function discountExceedsBase(lines: readonly PricedLine[], discount: Discount): 'labour' | 'parts' | null {
  const customer = lines.filter((l) => l.payer === 'customer');
  const labour = sum(customer.filter((l) => l.kind === 'labour').map((l) => l.amountFen));
  const parts = sum(customer.filter((l) => l.kind === 'part').map((l) => l.amountFen));
  if (discount.labourDiscountFen > labour) return 'labour';
  if (discount.partsDiscountFen > parts) return 'parts';
  return null;
}

/**
 * The discount as a share of the customer-paid labour, in basis points (SPEC §7: limits are "% of
 * labour"), rounded up so that 5.001 % is over a 5 % limit. A discount on zero labour is infinite.
 */
export function discountShareOfLabourBp(lines: readonly PricedLine[], discount: Discount): number {
  const total = discount.labourDiscountFen + discount.partsDiscountFen;
  if (total === 0) return 0;
  const labour = sum(lines.filter((l) => l.payer === 'customer' && l.kind === 'labour').map((l) => l.amountFen));
  if (labour === 0) return Number.MAX_SAFE_INTEGER;
  return Number((BigInt(total) * 10_000n + BigInt(labour) - 1n) / BigInt(labour));
}

/** Whether a role's limit (percent of labour, from the store settings) covers a share in basis points. */
export function withinDiscountLimit(shareBp: number, limitPercent: number | undefined): boolean {
  if (shareBp === 0) return true;
  if (limitPercent === undefined) return false;
  return shareBp <= Math.round(limitPercent * 100);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
