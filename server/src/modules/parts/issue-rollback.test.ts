import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildRequest, buildStockedPart, ledgerMismatches } from './parts.factories';
import type * as RequestsRepository from './requests.repository';

/**
 * A failure after the stock change and before the request's update (the repository call that
 * records the issue) must leave both unchanged: they are one transaction.
 */
const failing = vi.hoisted(() => ({ markIssued: false }));
vi.mock('./requests.repository', async (importOriginal) => {
  const original = await importOriginal<typeof RequestsRepository>();
  return {
    ...original,
    markIssued: async (...args: Parameters<typeof original.markIssued>) => {
      if (failing.markIssued) throw new Error('injected failure between the stock change and the request update');
      return original.markIssued(...args);
    },
  };
});

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('issue atomicity', () => {
  it('rolls the stock change back when the request update fails', async () => {
    const store = t.world.stores[0]!.id;
    const part = await buildStockedPart(t.database.db, store, 10);
    const req = await buildRequest(t.database.db, store, part.id, 3);
    const clerk = await t.as('parts_clerk');

    failing.markIssued = true;
    const res = await clerk.post(`/api/parts/requests/${req.id}/issue`, {});
    failing.markIssued = false;
    expect(res.statusCode).toBe(500);

    expect((await clerk.get(`/api/parts/${part.id}/stock`)).json()).toMatchObject({ onHand: '10', valueFen: 10000, onJobs: '0' });
    expect((await clerk.get(`/api/parts/${part.id}/movements?kind=issue_to_ro`)).json().total).toBe(0);
    expect((await clerk.get(`/api/parts/requests/${req.id}`)).json()).toMatchObject({ status: 'pending', issued: '0', version: 1 });
    expect(await ledgerMismatches(t.database.db, store)).toEqual([]);

    // And the same issue goes through once nothing fails.
    expect((await clerk.post(`/api/parts/requests/${req.id}/issue`, {})).json()).toMatchObject({ status: 'issued', onHand: '7' });
  });
});
