import { describe, expect, it } from 'vitest';
import { checkVin, isValidPlate, MOBILE_PATTERN, PROVINCES } from '#contracts/vehicle';
import { DEMO_MODELS, DEMO_STORES } from './catalog';
import { chineseName, mobile, modelYearCode, plate, Random, structuredVin, vin } from './random';

describe('demo random data', () => {
  it('gives the same sequence for the same seed, another for another seed', () => {
    const draw = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 50 }, () => r.next());
    };
    expect(draw(20261123)).toEqual(draw(20261123));
    expect(draw(20261123)).not.toEqual(draw(20261124));
    const a = new Random(7);
    const b = new Random(7);
    const people = (r: Random) => Array.from({ length: 20 }, () => [chineseName(r), mobile(r), plate(r, '川A'), vin(r, 'LFV')]);
    expect(people(a)).toEqual(people(b));
  });

  it('draws numbers in range and picks from the list', () => {
    const r = new Random(1);
    for (let i = 0; i < 1000; i++) {
      const x = r.next();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      const n = r.int(3, 5);
      expect(n >= 3 && n <= 5 && Number.isInteger(n)).toBe(true);
    }
    const seen = new Set(Array.from({ length: 200 }, () => r.pick(['a', 'b', 'c'])));
    expect([...seen].sort()).toEqual(['a', 'b', 'c']);
  });

  it('makes VINs with a valid check digit', () => {
    const r = new Random(42);
    const wmis = [...new Set(DEMO_MODELS.map((m) => m.wmi))];
    for (let i = 0; i < 2000; i++) {
      const v = vin(r, r.pick(wmis));
      expect(v).toHaveLength(17);
      expect(checkVin(v)).toBeNull();
    }
  });

  it('makes structured VINs: WMI, descriptor, check digit, model year, 6-digit serial', () => {
    const r = new Random(45);
    for (let i = 0; i < 2000; i++) {
      const year = r.int(2012, 2027);
      const v = structuredVin(r, 'LFV', 'AA6BU', year);
      expect(checkVin(v), v).toBeNull();
      expect(v.slice(0, 8)).toBe('LFVAA6BU');
      expect(v[9]).toBe(modelYearCode(year));
      expect(v.slice(-6)).toMatch(/^\d{6}$/);
    }
    expect([2018, 2020, 2024, 2025, 2026].map(modelYearCode).join('')).toBe('JLRST');
  });

  it('makes plates with at most two letters in the serial, new-energy ones as issued', () => {
    const r = new Random(46);
    for (let i = 0; i < 2000; i++) {
      const ordinary = plate(r, '川A', false);
      expect(ordinary).toHaveLength(7);
      expect(ordinary.slice(2).replace(/\d/g, '').length).toBeLessThanOrEqual(2);
      const green = plate(r, '川A', true);
      expect(green).toHaveLength(8);
      expect(isValidPlate(green), green).toBe(true);
    }
  });

  it('makes valid plates, ordinary and new-energy', () => {
    const r = new Random(43);
    const prefixes = [...DEMO_STORES.map((s) => s.plate), ...[...PROVINCES].map((p) => `${p}A`)];
    const lengths = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const p = plate(r, r.pick(prefixes));
      expect(isValidPlate(p), p).toBe(true);
      lengths.add(p.length);
    }
    expect([...lengths].sort()).toEqual([7, 8]);
  });

  it('makes mainland mobile numbers and two- or three-character names', () => {
    const r = new Random(44);
    for (let i = 0; i < 2000; i++) {
      expect(mobile(r)).toMatch(MOBILE_PATTERN);
      expect(chineseName(r)).toMatch(/^[\u4e00-\u9fff]{2,3}$/);
    }
  });
});
