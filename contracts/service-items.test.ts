import { describe, expect, it } from 'vitest';
import { hoursToHundredths, HoursSchema, MaintenancePackageCreateSchema, priceOfServiceItem } from './service-items';
import { DEFAULT_LABOUR_RATES, type LabourRates } from './stores';

const rates: LabourRates = { ...DEFAULT_LABOUR_RATES, mechanical: 24000, body: 23333, paint: 1 };

describe('hoursToHundredths', () => {
  it('reads decimal hour strings exactly', () => {
    expect(hoursToHundredths('1.25')).toBe(125);
    expect(hoursToHundredths('1.5')).toBe(150);
    expect(hoursToHundredths('2')).toBe(200);
    expect(hoursToHundredths('0.05')).toBe(5);
    expect(hoursToHundredths('0.00')).toBe(0);
    expect(hoursToHundredths(' 9999.99 ')).toBe(999999);
  });

  it('refuses anything else', () => {
    for (const bad of ['', '1.234', '-1', '1e2', 'abc', '.5', '1.']) expect(() => hoursToHundredths(bad)).toThrow(RangeError);
  });
});

describe('priceOfServiceItem', () => {
  it('uses the fixed price when there is one', () => {
    expect(priceOfServiceItem({ fixedPriceFen: 9900, standardHours: '3.00', jobType: 'mechanical' }, rates)).toBe(9900);
    expect(priceOfServiceItem({ fixedPriceFen: 0, standardHours: '3.00', jobType: 'mechanical' }, rates)).toBe(0);
  });

  it("multiplies standard hours by the store's rate for the job type", () => {
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '1.25', jobType: 'mechanical' }, rates)).toBe(30000);
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0.75', jobType: 'quick_service' }, rates)).toBe(13500);
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0', jobType: 'mechanical' }, rates)).toBe(0);
  });

  it('rounds half-up to the fen', () => {
    // 1.25 × 23333 = 29166.25 → 29166
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '1.25', jobType: 'body' }, rates)).toBe(29166);
    // 0.5 × 23333 = 11666.5 → 11667
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0.5', jobType: 'body' }, rates)).toBe(11667);
    // 0.49 × 1 = 0.49 → 0; 0.5 × 1 → 1
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0.49', jobType: 'paint' }, rates)).toBe(0);
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0.50', jobType: 'paint' }, rates)).toBe(1);
  });

  it('stays exact where floats would not', () => {
    // 0.29 × 100 fen: a float computes 28.999999999999996
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '0.29', jobType: 'mechanical' }, { ...rates, mechanical: 100 })).toBe(29);
    // 1.15 × 10 = 11.5 → 12 (a float gives 11.499999999999998 and rounds down)
    expect(priceOfServiceItem({ fixedPriceFen: null, standardHours: '1.15', jobType: 'mechanical' }, { ...rates, mechanical: 10 })).toBe(12);
    // the largest hours at the largest rate stay exact
    expect(
      priceOfServiceItem({ fixedPriceFen: null, standardHours: '9999.99', jobType: 'mechanical' }, { ...rates, mechanical: 10_000_000_000 }),
    ).toBe(99_999_900_000_000);
  });
});

describe('HoursSchema', () => {
  it('accepts numbers and strings with at most two decimals, as strings', () => {
    expect(HoursSchema.parse(1.5)).toBe('1.5');
    expect(HoursSchema.parse(' 0.75 ')).toBe('0.75');
    expect(HoursSchema.safeParse(0.1 + 0.2).success).toBe(false);
    expect(HoursSchema.safeParse('1.234').success).toBe(false);
  });
});

describe('MaintenancePackageCreateSchema', () => {
  it('names each repeated service item', () => {
    const result = MaintenancePackageCreateSchema.safeParse({ code: 'P', name: 'p', serviceItemIds: [1, 2, 1, 2, 3] });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['serviceItemIds.2', 'list.duplicate'],
      ['serviceItemIds.3', 'list.duplicate'],
    ]);
  });
});
