import { KPI_DEFINITIONS, kpiChange, type KpiCode, type KpiUnit } from '#contracts/kpis';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';

/** A KPI value as the manager reads it: money ¥, percent to one decimal, hours and scores to one. */
export function formatKpi(code: KpiCode, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return formatByUnit(KPI_DEFINITIONS[code].unit, value);
}

export function formatByUnit(unit: KpiUnit, value: number): string {
  switch (unit) {
    case 'fen':
      return formatMoney(value);
    case 'ratio':
      return formatPercent(value * 100);
    case 'count':
      return formatNumber(Math.round(value));
    case 'hours':
      return `${value.toFixed(1)} h`;
    case 'score':
      return value.toFixed(2);
  }
}

/** "+3.2%" for amounts, "+1.5 pt" for ratios. */
export function formatChange(code: KpiCode, current: number | null, base: number | null): string | null {
  const unit = KPI_DEFINITIONS[code].unit;
  const change = kpiChange(unit, current, base);
  if (change === null) return null;
  const sign = change > 0 ? '+' : '';
  return unit === 'ratio' ? `${sign}${(change * 100).toFixed(1)} pt` : `${sign}${(change * 100).toFixed(1)}%`;
}

/** The value a chart axis plots: yuan for money, percent for ratios. */
export function chartValue(code: KpiCode, value: number | null): number | null {
  if (value === null) return null;
  const unit = KPI_DEFINITIONS[code].unit;
  if (unit === 'fen') return Math.round(value) / 100;
  if (unit === 'ratio') return Math.round(value * 1000) / 10;
  return Math.round(value * 100) / 100;
}
