import { describe, expect, it } from 'vitest';
import { CSS_ITEMS, CssWeightsSchema, DEFAULT_CSS_WEIGHTS, PT_SECTION_ITEMS, motScore, ptScore, scoreMonthsBetween, type CssWeights } from './satisfaction';

/** A hand-built month: the weighted sum with the SPEC §10 weights is 8530 (worked out by hand). */
const SCORES = {
  explain_work: 90,
  quick_reception: 80,
  work_done_right: 95,
  explain_invoice: 85,
  quick_pickup: 70,
  time_at_store: 75,
  listened_kindly: 100,
  helped_at_pickup: 60,
  car_clean: 88,
  comfortable_lounge: 92,
};

describe('MOT', () => {
  it('is the weighted average of the item scores with the SPEC §10 weights, to one decimal', () => {
    expect(CSS_ITEMS.reduce((s, i) => s + DEFAULT_CSS_WEIGHTS[i], 0)).toBe(100);
    expect(motScore(SCORES, DEFAULT_CSS_WEIGHTS)).toBe(85.3);
  });

  it('follows changed weights', () => {
    // Cleanliness 20 → 10 and the lounge 10 → 20: 8530 − 88×10 + 92×10 = 8570.
    const swapped: CssWeights = { ...DEFAULT_CSS_WEIGHTS, car_clean: 10, comfortable_lounge: 20 };
    expect(motScore(SCORES, swapped)).toBe(85.7);
    const onlyWork: CssWeights = { ...Object.fromEntries(CSS_ITEMS.map((i) => [i, 0])), work_done_right: 100 } as CssWeights;
    expect(motScore(SCORES, onlyWork)).toBe(95);
  });

  it('leaves an item missing from the report out, keeping the others’ relative weights', () => {
    // (8530 − 92×10) / 90 = 84.555… → 84.6
    expect(motScore({ ...SCORES, comfortable_lounge: null }, DEFAULT_CSS_WEIGHTS)).toBe(84.6);
    expect(motScore({}, DEFAULT_CSS_WEIGHTS)).toBeNull();
  });

  it('accepts weights only when they add up to 100', () => {
    expect(CssWeightsSchema.safeParse(DEFAULT_CSS_WEIGHTS).success).toBe(true);
    const r = CssWeightsSchema.safeParse({ ...DEFAULT_CSS_WEIGHTS, car_clean: 25 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('css.weightsSum');
  });
});

describe('mystery shopper', () => {
  it('scores the share of items passed on the 1000 scale', () => {
    expect(Object.values(PT_SECTION_ITEMS)).toEqual([8, 3, 4, 4, 11]);
    // 28 of 30 items passed → 933 (below the 950 target)
    expect(ptScore([{ items: 8, passed: 8 }, { items: 3, passed: 3 }, { items: 4, passed: 3 }, { items: 4, passed: 4 }, { items: 11, passed: 10 }])).toBe(933);
    expect(ptScore([])).toBeNull();
  });

  it('lists the months of a range', () => {
    expect(scoreMonthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
});
