import { describe, expect, it } from 'vitest';
import { complaintMovesFrom, complaintShare, complaintTransitionTarget, isComplaintOverdue, weekStartOf } from './complaints';

describe('complaint lifecycle', () => {
  it('moves only along SPEC §9', () => {
    expect(complaintTransitionTarget('registered', 'acknowledge')).toBe('acknowledged');
    expect(complaintTransitionTarget('registered', 'close')).toBeNull();
    expect(complaintTransitionTarget('solution_proposed', 'decline')).toBe('investigating');
    expect(complaintTransitionTarget('accepted', 'close')).toBe('closed');
    expect(complaintTransitionTarget('investigating', 'escalate')).toBe('investigating');
    expect(complaintMovesFrom('closed')).toEqual([]);
    expect(complaintMovesFrom('solution_proposed')).toEqual(['decline', 'accept', 'escalate', 'assign']);
  });

  it('is overdue when unacknowledged past its first deadline or unsolved past the second', () => {
    const now = new Date('2026-03-10T00:00:00Z');
    const base = { acknowledgeDueAt: '2026-03-09T00:00:00Z', resolveDueAt: '2026-03-12T00:00:00Z' };
    expect(isComplaintOverdue({ ...base, state: 'registered' }, now)).toBe(true);
    expect(isComplaintOverdue({ ...base, state: 'acknowledged' }, now)).toBe(false);
    expect(isComplaintOverdue({ ...base, resolveDueAt: '2026-03-09T12:00:00Z', state: 'investigating' }, now)).toBe(true);
    expect(isComplaintOverdue({ ...base, resolveDueAt: '2026-03-09T12:00:00Z', state: 'closed' }, now)).toBe(false);
  });

  it('weeks start on Monday; shares are percent to one decimal', () => {
    expect(weekStartOf('2026-03-01')).toBe('2026-02-23'); // a Sunday
    expect(weekStartOf('2026-03-02')).toBe('2026-03-02');
    expect(complaintShare(1, 3)).toBe(33.3);
    expect(complaintShare(0, 0)).toBe(0);
  });
});
