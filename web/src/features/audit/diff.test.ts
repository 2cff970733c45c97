import { describe, expect, it } from 'vitest';
import { diffRows } from './diff';

describe('audit diff', () => {
  it('flattens nested records and marks changes', () => {
    const rows = diffRows(
      { id: 1, version: 1, name: 'K1', active: true, memberships: [{ storeId: 1, role: 'technician' }], tags: ['a'] },
      { id: 1, version: 2, name: 'K1', active: false, memberships: [{ storeId: 1, role: 'team_leader' }], tags: ['a', 'b'] },
    );
    expect(rows.map((r) => [r.path.join('.'), r.changed])).toEqual([
      ['name', false],
      ['active', true],
      ['memberships.0.storeId', false],
      ['memberships.0.role', true],
      ['tags', true],
    ]);
  });
  it('shows created records as additions', () => {
    const rows = diffRows(null, { code: 'K9' });
    expect(rows).toEqual([{ path: ['code'], before: undefined, after: 'K9', changed: true }]);
  });
});
