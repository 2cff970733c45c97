import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween, daysRange, instantToLocal, localToInstant, todayIn } from './local-time';

describe('store-zone wall clock', () => {
  it('turns a local day and time into its instant and back', () => {
    expect(localToInstant('2025-03-01', '14:30', 'Asia/Shanghai').toISOString()).toBe('2025-03-01T06:30:00.000Z');
    expect(instantToLocal(new Date('2025-03-01T16:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2025-03-02', time: '00:30' });
    expect(todayIn('Asia/Shanghai', new Date('2025-03-01T16:30:00Z'))).toBe('2025-03-02');
  });

  it('follows daylight saving time', () => {
    expect(localToInstant('2025-07-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2025-07-01T07:00:00.000Z');
    expect(localToInstant('2025-01-01', '09:00', 'Europe/Berlin').toISOString()).toBe('2025-01-01T08:00:00.000Z');
    // The day of the change is 23 hours long.
    const { start, end } = daysRange('2025-03-30', '2025-03-30', 'Europe/Berlin');
    expect(end.getTime() - start.getTime()).toBe(23 * 3_600_000);
  });

  it('counts days and months on the calendar', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2025-01-15', -2)).toBe('2024-11-15');
    expect(daysBetween('2024-12-30', '2025-01-02')).toBe(3);
  });
});
