import { describe, expect, it } from 'vitest';
import { fenToYuan, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatPhone, formatPlate, formatTime, hoursTimesRate, yuanToFen } from './format';

describe('money', () => {
  it('shows fen as yuan with thousands separators', () => {
    expect(formatMoney(123450)).toBe('¥1,234.50');
    expect(formatMoney(5)).toBe('¥0.05');
    expect(formatMoney(-100000099)).toBe('-¥1,000,000.99');
    expect(formatMoney(null)).toBe('—');
  });
  it('parses yuan input without floats', () => {
    expect(yuanToFen('1234.5')).toBe(123450);
    expect(yuanToFen('0.07')).toBe(7);
    expect(yuanToFen('1,200')).toBe(120000);
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(fenToYuan(123450)).toBe('1234.50');
  });
  it('multiplies decimal hours by a rate, rounding half up', () => {
    expect(hoursTimesRate('1.50', 24000)).toBe(36000);
    expect(hoursTimesRate('0.33', 18001)).toBe(5940);
    expect(hoursTimesRate('x', 100)).toBeNull();
  });
});

describe('dates and times', () => {
  const iso = '2026-11-23T16:05:09.000Z';
  it('formats in the store time zone, 24-hour', () => {
    expect(formatDate(iso, 'Asia/Shanghai')).toBe('2026-11-24');
    expect(formatTime(iso, 'Asia/Shanghai')).toBe('00:05');
    expect(formatDateTime(iso, 'Asia/Shanghai', true)).toBe('2026-11-24 00:05:09');
    expect(formatDate('2026-01-02')).toBe('2026-01-02');
    expect(formatDate(null)).toBe('—');
  });
});

describe('people and vehicles', () => {
  it('masks phones and dots plates', () => {
    expect(formatPhone('13812341234')).toBe('138****1234');
    expect(formatPhone('13812341234', false)).toBe('13812341234');
    expect(formatPlate('川A12345')).toBe('川A·12345');
  });
  it('formats numbers and percentages', () => {
    expect(formatNumber(10000)).toBe('10,000');
    expect(formatPercent(27.44)).toBe('27.4%');
  });
});
