import { describe, expect, it } from 'vitest';
import { firstTimeFixRate, gradeFits, JOB_ACTIONS, JOB_STATES, jobTransitionTarget, rate } from './workshop';

describe('the job state machine', () => {
  it('accepts exactly the legal moves', () => {
    const legal = JOB_STATES.flatMap((from) => JOB_ACTIONS.filter((a) => jobTransitionTarget(from, a) !== null).map((a) => `${from}:${a}→${jobTransitionTarget(from, a)}`));
    expect(legal.sort()).toEqual(['assigned:start→in_progress', 'in_progress:finish→done', 'in_progress:pause→paused', 'paused:resume→in_progress'].sort());
    expect(jobTransitionTarget('done', 'start')).toBeNull();
    expect(jobTransitionTarget('paused', 'finish')).toBeNull();
  });
});

describe('skill grades and rates', () => {
  it('matches a technician to a job by grade order', () => {
    expect(gradeFits('senior', 'intermediate')).toBe(true);
    expect(gradeFits('junior', 'senior')).toBe(false);
    expect(gradeFits(null, 'junior')).toBe(false);
    expect(gradeFits(null, null)).toBe(true);
  });

  it('has no rate without a denominator', () => {
    expect(rate(1, 0)).toBeNull();
    expect(firstTimeFixRate(0, 0)).toBeNull();
    expect(firstTimeFixRate(5, 2)).toBeCloseTo(0.6, 10);
  });
});
