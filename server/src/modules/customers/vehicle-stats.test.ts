import { describe, expect, it } from 'vitest';
import { customerCompleteness, maskName, personalDataView, vehicleCompleteness } from '#contracts/customers';
import { gramsOf, initialsOf, phoneDigitsOf, queryGrams, shapeOf } from './search-keys';
import { addMonths, daysBetween } from '../../platform/local-time';
import { computeVehicleStats } from './vehicle-stats';

const tz = 'Asia/Shanghai';
/** Noon in Shanghai on `day`. */
const at = (day: string) => new Date(`${day}T12:00:00+08:00`);

describe('vehicle stats', () => {
  it('adds months clamping to the month end, counts days', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
    expect(addMonths('2025-03-10', -6)).toBe('2024-09-10');
    expect(daysBetween('2025-01-01', '2025-03-01')).toBe(59);
  });

  it('derives km/day from the readings and the next due from the last service', () => {
    const stats = computeVehicleStats({
      readings: [
        { km: 10_000, readAt: at('2025-01-01'), service: true },
        { km: 13_000, readAt: at('2025-03-02'), service: false },
      ],
      purchaseDate: '2024-01-01',
      interval: { months: 6, km: 5000 },
      timeZone: tz,
      today: '2025-03-02',
    });
    expect(stats.currentMileageKm).toBe(13_000);
    expect(stats.avgKmPerDay).toBe(50); // 3000 km in 60 days
    expect(stats.lastServiceDate).toBe('2025-01-01');
    expect(stats.nextDue).toMatchObject({ baseDate: '2025-01-01', baseKm: 10_000, byDate: '2025-07-01', byKm: 15_000 });
    // 2000 km left at 50 km/day: 40 days after the last reading, earlier than the date.
    expect(stats.nextDue!.byKmEstimatedDate).toBe('2025-04-11');
    expect(stats.nextDueDate).toBe('2025-04-11');
    expect(stats.nextDue!.overdue).toBe(false);
  });

  it('counts from the purchase at 0 km without a service, and uses it for the average of one reading', () => {
    const stats = computeVehicleStats({
      readings: [{ km: 3650, readAt: at('2025-01-01'), service: false }],
      purchaseDate: '2024-01-02',
      interval: { months: 12, km: 10_000 },
      timeZone: tz,
      today: '2025-06-01',
    });
    expect(stats.avgKmPerDay).toBe(10);
    expect(stats.nextDue).toMatchObject({ baseDate: '2024-01-02', baseKm: 0, byDate: '2025-01-02', byKm: 10_000 });
    expect(stats.nextDue!.overdue).toBe(true);
  });

  it('starts a new series after a lower reading (meter replaced)', () => {
    const stats = computeVehicleStats({
      readings: [
        { km: 80_000, readAt: at('2025-01-01'), service: true },
        { km: 100, readAt: at('2025-02-01'), service: false },
        { km: 1100, readAt: at('2025-02-21'), service: false },
      ],
      purchaseDate: null,
      interval: null,
      timeZone: tz,
      today: '2025-02-21',
    });
    expect(stats.avgKmPerDay).toBe(50);
    expect(stats.currentMileageKm).toBe(1100);
    expect(stats.nextDue).toBeNull();
  });

  it('drops implausible averages and has nothing without readings', () => {
    const wild = computeVehicleStats({
      readings: [{ km: 90_000, readAt: at('2025-01-02'), service: false }],
      purchaseDate: '2025-01-01',
      interval: { months: 6, km: 5000 },
      timeZone: tz,
      today: '2025-01-02',
    });
    expect(wild.avgKmPerDay).toBeNull();
    const none = computeVehicleStats({ readings: [], purchaseDate: null, interval: { months: 6, km: 5000 }, timeZone: tz, today: '2025-01-02' });
    expect(none).toMatchObject({ currentMileageKm: null, avgKmPerDay: null, nextDue: null, nextDueDate: null });
  });
});

describe('search keys', () => {
  it('computes pinyin initials, grams and phone digits', () => {
    expect(initialsOf('张三')).toBe('zs');
    expect(initialsOf('单田芳')).toBe('stf');
    expect(initialsOf('四川ABC物流')).toBe('scawl');
    expect(initialsOf('John Smith')).toBe('js');
    expect(gramsOf('张三丰').sort()).toEqual(['三', '三丰', '丰', '张', '张三'].sort());
    expect(queryGrams('三')).toEqual(['三']);
    expect(queryGrams('张三丰')).toEqual(['张三', '三丰']);
    expect(phoneDigitsOf('13812341234', ['028-87654321'])).toBe('13812341234 02887654321');
  });

  it('recognises what a query could be', () => {
    expect(shapeOf('a123')).toMatchObject({ plate: 'A123', vin: null, digits: null, vehicleLike: true });
    expect(shapeOf('川a·12345')).toMatchObject({ plate: '川A12345', vehicleLike: true });
    expect(shapeOf('zs')).toMatchObject({ initials: 'zs', plate: null, vehicleLike: false });
    expect(shapeOf('1234')).toMatchObject({ digits: '1234', plate: '1234' });
    expect(shapeOf('m2000001')).toMatchObject({ vin: 'M2000001' });
    expect(shapeOf('张三')).toMatchObject({ name: '张三', plate: null, digits: null, initials: null });
  });
});

describe('personal data and completeness rules', () => {
  it('masks names of persons, not companies', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('成都车队', 'company')).toBe('成都车队');
  });

  it('shows phones only with reveal, names to those who keep files', () => {
    expect(personalDataView(['customer:read'])).toEqual({ phones: false, names: false });
    expect(personalDataView(['customer:read', 'customer:write'])).toEqual({ phones: false, names: true });
    expect(personalDataView(['customer:read', 'customer:reveal_phone'])).toEqual({ phones: true, names: true });
  });

  it('scores a file from its own and its vehicles’ fields', () => {
    const full = { mobile: '13812341234', address: 'x', consent: { phone: true, sms: false, wechat: null }, source: 'own_sale' as const, outletName: '' };
    const vehicle = { vehicleModelId: 1, vin: 'V', plate: 'P', purchaseDate: '2024-01-01', insuranceExpiry: '2026-01-01', currentMileageKm: 10 };
    expect(customerCompleteness(full, [vehicle])).toEqual({ score: 90, missing: ['consent'] });
    expect(customerCompleteness({ ...full, consent: { phone: true, sms: true, wechat: true } }, [vehicle, { ...vehicle, vin: null }]).score).toBe(95);
    expect(customerCompleteness({ ...full, source: 'outlet' }, []).missing).toEqual(expect.arrayContaining(['source', 'consent', 'model', 'vin']));
    expect(vehicleCompleteness(vehicle)).toEqual({ score: 100, missing: [] });
  });
});
