import { describe, expect, it } from 'vitest';
import { CertificationCreateSchema, isCertificationValidOn, localDay, StaffProfileUpdateSchema } from './staff';

describe('localDay', () => {
  it("gives the day in the store's time zone", () => {
    const at = new Date('2025-01-01T17:30:00Z');
    expect(localDay(at, 'Asia/Shanghai')).toBe('2025-01-02');
    expect(localDay(at, 'UTC')).toBe('2025-01-01');
    expect(localDay(new Date('2025-01-01T15:59:59Z'), 'Asia/Shanghai')).toBe('2025-01-01');
  });
});

describe('isCertificationValidOn', () => {
  const cert = { certifiedOn: '2025-03-01', expiresOn: '2027-02-28' };
  it('is valid from the certification day through the expiry day', () => {
    expect(isCertificationValidOn(cert, '2025-02-28')).toBe(false);
    expect(isCertificationValidOn(cert, '2025-03-01')).toBe(true);
    expect(isCertificationValidOn(cert, '2027-02-28')).toBe(true);
    expect(isCertificationValidOn(cert, '2027-03-01')).toBe(false);
    expect(isCertificationValidOn({ certifiedOn: null, expiresOn: null }, '2099-01-01')).toBe(true);
  });
});

describe('CertificationCreateSchema', () => {
  it('accepts an expiry on or after the certification day', () => {
    expect(CertificationCreateSchema.parse({ name: ' 高压电工证 ', certifiedOn: '2025-01-01', expiresOn: '2025-01-01' })).toEqual({
      name: '高压电工证',
      issuer: '',
      certifiedOn: '2025-01-01',
      expiresOn: '2025-01-01',
    });
  });

  it('refuses an expiry before the certification day, on expiresOn', () => {
    const result = CertificationCreateSchema.safeParse({ name: 'x', certifiedOn: '2025-01-02', expiresOn: '2025-01-01' });
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['expiresOn', 'certification.expiryOrder']]);
  });

  it('refuses days that do not exist', () => {
    const result = CertificationCreateSchema.safeParse({ name: 'x', certifiedOn: '2025-02-29', expiresOn: '2025-13-01' });
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['certifiedOn', 'expiresOn']);
    expect(CertificationCreateSchema.safeParse({ name: 'x', certifiedOn: '2024-02-29', expiresOn: '2028-02-29' }).success).toBe(true);
  });
});

describe('StaffProfileUpdateSchema', () => {
  it('clears an empty team', () => {
    expect(StaffProfileUpdateSchema.parse({ skillGrade: 'senior', team: '  ', version: 1 })).toEqual({ skillGrade: 'senior', team: null, version: 1 });
  });
});
