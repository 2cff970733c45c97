import { describe, expect, it } from 'vitest';
import { computeTotals, discountShareOfLabourBp, labourAmountFen, partAmountFen, withinDiscountLimit } from './repair-order-pricing';
import { actionsFrom, RO_ACTIONS, RO_STATES, RO_TRANSITIONS, transitionTarget } from './repair-orders';

describe('the RO state machine', () => {
  it('accepts exactly the listed transitions and refuses every other (state, action) pair', () => {
    let legal = 0;
    for (const state of RO_STATES) {
      for (const action of RO_ACTIONS) {
        const listed = (RO_TRANSITIONS[action].from as readonly string[]).includes(state);
        expect(transitionTarget(state, action)).toBe(listed ? RO_TRANSITIONS[action].to : null);
        if (listed) legal++;
      }
    }
    expect(legal).toBe(Object.values(RO_TRANSITIONS).reduce((a, t) => a + t.from.length, 0));
  });

  it('follows SPEC §5: draft → open → dispatched → in progress ⇄ paused → QC → (rework) → washing → ready → settled → delivered', () => {
    const path: [string, string][] = [];
    let state: (typeof RO_STATES)[number] = 'draft';
    for (const action of ['sign', 'dispatch', 'start', 'pause', 'resume', 'submit_qc', 'qc_fail', 'start', 'submit_qc', 'qc_pass', 'washed', 'settle', 'deliver'] as const) {
      const next = transitionTarget(state, action);
      expect(next, `${action} from ${state}`).not.toBeNull();
      path.push([state, next!]);
      state = next!;
    }
    expect(state).toBe('delivered');
    expect(actionsFrom('delivered')).toEqual([]);
    expect(actionsFrom('cancelled')).toEqual([]);
    expect(transitionTarget('in_progress', 'cancel')).toBeNull();
    expect(transitionTarget('settled', 'settle')).toBeNull();
  });
});

describe('RO money', () => {
  it('rounds each line once, half-up to the fen', () => {
    expect(labourAmountFen('1.25', 24000)).toBe(30000);
    expect(labourAmountFen('0.33', 18001)).toBe(5940); // 5940.33 → 5940
    expect(labourAmountFen('0.05', 10)).toBe(1); // 0.5 → 1 (half-up)
    expect(partAmountFen('4.5', 6800)).toBe(30600);
    expect(partAmountFen('0.333', 1000)).toBe(333);
    expect(partAmountFen('0.0005'.slice(0, 5), 1000)).toBe(0);
  });

  it('totals mixed payers exactly, the discount only on the customer share', () => {
    const lines = [
      { kind: 'labour' as const, payer: 'customer' as const, amountFen: 30000 },
      { kind: 'part' as const, payer: 'customer' as const, amountFen: 30601 },
      { kind: 'labour' as const, payer: 'warranty' as const, amountFen: 12345 },
      { kind: 'part' as const, payer: 'warranty' as const, amountFen: 99999 },
      { kind: 'labour' as const, payer: 'insurance' as const, amountFen: 50000 },
    ];
    const totals = computeTotals(lines, { labourDiscountFen: 1500, partsDiscountFen: 1 });
    expect(totals.byPayer).toEqual([
      { payer: 'customer', labourFen: 30000, partsFen: 30601, discountFen: 1501, totalFen: 59100 },
      { payer: 'warranty', labourFen: 12345, partsFen: 99999, discountFen: 0, totalFen: 112344 },
      { payer: 'insurance', labourFen: 50000, partsFen: 0, discountFen: 0, totalFen: 50000 },
    ]);
    expect(totals).toMatchObject({ labourFen: 92345, partsFen: 130600, discountFen: 1501, totalFen: 221444 });
    expect(totals.totalFen).toBe(totals.byPayer.reduce((a, p) => a + p.totalFen, 0));
  });

  it('measures a discount against the customer-paid labour, rounding the share up', () => {
    const lines = [{ kind: 'labour' as const, payer: 'customer' as const, amountFen: 30000 }];
    expect(discountShareOfLabourBp(lines, { labourDiscountFen: 1500, partsDiscountFen: 0 })).toBe(500);
    expect(discountShareOfLabourBp(lines, { labourDiscountFen: 1501, partsDiscountFen: 0 })).toBe(501);
    expect(withinDiscountLimit(500, 5)).toBe(true);
    expect(withinDiscountLimit(501, 5)).toBe(false);
    expect(withinDiscountLimit(1, undefined)).toBe(false);
    expect(withinDiscountLimit(0, undefined)).toBe(true);
  });
});
