import { describe, expect, it } from 'vitest';
import {
  KPI_CODES,
  KPI_DEFINITIONS,
  KpiPeriodQuerySchema,
  kpiChange,
  kpiDiffers,
  kpiMeetsTarget,
  kpiTrendIsGood,
  kpiValue,
  monthsEndingWith,
  periodAround,
  previousPeriod,
  samePeriodLastYear,
  wholeMonths,
} from './kpis';

describe('KPI definitions', () => {
  it('define every code once, with both names, a formula, unit and direction', () => {
    for (const code of KPI_CODES) {
      const d = KPI_DEFINITIONS[code];
      expect(d.code).toBe(code);
      expect(d.name.zh && d.name.en && d.formula.zh && d.formula.en).toBeTruthy();
    }
    expect(KPI_DEFINITIONS.internal_rework_rate.direction).toBe('lower');
    expect(KPI_DEFINITIONS.renewal_rate.source).toBe('none');
  });
});

describe('KPI formulas', () => {
  it('turns numerator and denominator into a value', () => {
    expect(kpiValue('ro_count', 7, null)).toBe(7);
    expect(kpiValue('appointment_rate', 3, 12)).toBe(0.25);
    expect(kpiValue('appointment_rate', 0, 0)).toBeNull();
    // First-time fix counts failures: 1 − 2/8.
    expect(kpiValue('first_time_fix_rate', 2, 8)).toBe(0.75);
    expect(kpiValue('first_time_fix_rate', 0, 0)).toBeNull();
    // Money per RO stays integer fen.
    expect(kpiValue('revenue_per_ro', 100_001, 3)).toBe(33_334);
  });

  it('compares periods: relative change for amounts, points for ratios', () => {
    expect(kpiChange('fen', 110, 100)).toBeCloseTo(0.1, 9);
    expect(kpiChange('ratio', 0.92, 0.9)).toBeCloseTo(0.02, 9);
    expect(kpiChange('count', 5, 0)).toBeNull();
    expect(kpiTrendIsGood('lower', -0.01)).toBe(true);
    expect(kpiTrendIsGood('higher', -0.01)).toBe(false);
    expect(kpiTrendIsGood('higher', 0)).toBeNull();
    expect(kpiMeetsTarget('lower', 0.02, 0.03)).toBe(true);
    expect(kpiMeetsTarget('higher', 0.89, 0.9)).toBe(false);
    expect(kpiMeetsTarget('higher', null, 0.9)).toBeNull();
    expect(kpiDiffers(0.5, 0.5)).toBe(false);
    expect(kpiDiffers(5, 4)).toBe(true);
    expect(kpiDiffers(null, 0)).toBe(true);
  });
});

describe('periods', () => {
  it('takes whole months for the previous period and last year', () => {
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-31' })).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(previousPeriod({ from: '2026-01-01', to: '2026-03-31' })).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(samePeriodLastYear({ from: '2028-02-01', to: '2028-02-29' })).toEqual({ from: '2027-02-01', to: '2027-02-28' });
    expect(wholeMonths({ from: '2026-01-01', to: '2026-03-31' })).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(wholeMonths({ from: '2026-01-02', to: '2026-03-31' })).toBeNull();
  });

  it('takes days for other periods', () => {
    expect(previousPeriod({ from: '2026-03-02', to: '2026-03-08' })).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(samePeriodLastYear({ from: '2028-02-29', to: '2028-03-06' })).toEqual({ from: '2027-02-28', to: '2027-03-06' });
  });

  it('builds days, Monday weeks and months around a date', () => {
    expect(periodAround('day', '2026-11-29')).toEqual({ from: '2026-11-29', to: '2026-11-29' });
    // 29 Nov 2026 is a Sunday: its week starts on Monday the 23rd.
    expect(periodAround('week', '2026-11-29')).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodAround('week', '2026-11-30')).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    expect(periodAround('month', '2026-02-14')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthsEndingWith('2026-02', 3)).toEqual(['2025-12', '2026-01', '2026-02']);
  });

  it('validates a period query', () => {
    expect(KpiPeriodQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-31', codes: 'ro_count,loss_rate' }).data?.codes).toEqual(['ro_count', 'loss_rate']);
    expect(KpiPeriodQuerySchema.safeParse({ from: '2026-01-31', to: '2026-01-01' }).success).toBe(false);
    expect(KpiPeriodQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-31', codes: 'ro_count,bogus' }).success).toBe(false);
  });
});
