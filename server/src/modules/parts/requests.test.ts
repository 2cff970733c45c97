import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { inStore } from '../../db/scope';
import { buildRepairOrder } from '../repair-orders/repair-orders.factories';
import { buildPart, buildRequest, buildRoForParts, buildStock, buildStockedPart, ledgerMismatches } from './parts.factories';
import { assertPartsReconciled, issuedVsFitted, settlePartsOfRo } from './index';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;

describe('part requests and issuing', () => {
  it('runs a request from the technician through the counter to fitted, returned and settled', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 5, { costFen: 2000 });
    const { roId, roLineId, roNumber } = await buildRoForParts(t.database.db, store0());
    const tech = await t.as('technician');
    const clerk = await t.as('parts_clerk');

    // The RO's own number is recorded, whatever the tablet sent.
    const created = await tech.post('/api/parts/requests', { roId, roLineId, roNumber: 'RO-TYPED-BY-HAND', partId: part.id, quantity: 3, note: '左前' });
    expect(created.statusCode).toBe(201);
    const req = created.json();
    expect(req).toMatchObject({ status: 'pending', quantity: '3', issued: '0', outstanding: '0', inStockAtRequest: true, onHand: '5', requestedByName: expect.any(String) });

    const queue = (await clerk.get('/api/parts/requests?status=open')).json();
    expect(queue.items.map((r: { id: number }) => r.id)).toContain(req.id);

    const partial = await clerk.post(`/api/parts/requests/${req.id}/issue`, { quantity: 2 });
    expect(partial.statusCode).toBe(200);
    expect(partial.json()).toMatchObject({ status: 'partly_issued', issued: '2', outstanding: '2', onHand: '3' });
    const over = await clerk.post(`/api/parts/requests/${req.id}/issue`, { quantity: 2 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.message).toContain('还可发 1');
    const rest = await clerk.post(`/api/parts/requests/${req.id}/issue`, {});
    expect(rest.json()).toMatchObject({ status: 'issued', issued: '3', onHand: '2' });
    expect((await clerk.post(`/api/parts/requests/${req.id}/issue`, {})).statusCode).toBe(409);

    // The cost moved meanwhile: the return goes back at the cost it left at.
    await buildStock(t.database.db, store0(), part.id, 2, { unitCostFen: 5000 });
    const stock = (await clerk.get(`/api/parts/${part.id}/stock`)).json();
    expect(stock).toMatchObject({ onHand: '4', valueFen: 14000, onJobs: '3' });

    expect((await clerk.post(`/api/parts/requests/${req.id}/fitted`, { fitted: 2 })).statusCode).toBe(403);
    const fitted = await tech.post(`/api/parts/requests/${req.id}/fitted`, { fitted: 2 });
    expect(fitted.json()).toMatchObject({ fitted: '2', outstanding: '1' });
    expect((await tech.post(`/api/parts/requests/${req.id}/fitted`, { fitted: 4 })).statusCode).toBe(400);
    expect((await clerk.post(`/api/parts/requests/${req.id}/return`, { quantity: 2 })).statusCode).toBe(400);

    await inStore(t.database.db, store0(), async (tx) => {
      await expect(assertPartsReconciled(tx, store0(), roId)).rejects.toMatchObject({ code: 'CONFLICT', text: { zh: expect.stringContaining('配件未对账') } });
    });
    expect((await clerk.get(`/api/parts/repair-orders/${roId}`)).json()).toMatchObject({ roNumber, reconciled: false, lines: [{ issued: '3', fitted: '2', outstanding: '1' }] });

    const returned = await clerk.post(`/api/parts/requests/${req.id}/return`, { quantity: 1, reason: '多领' });
    expect(returned.json()).toMatchObject({ returned: '1', outstanding: '0', status: 'issued' });
    const after = (await clerk.get(`/api/parts/${part.id}/stock`)).json();
    expect(after).toMatchObject({ onHand: '5', valueFen: 16000, onJobs: '0', fittedUnsettled: '2' });
    const moves = (await clerk.get(`/api/parts/${part.id}/movements?kind=issue_to_ro`)).json().items;
    expect(moves.map((m: { quantity: string; roId: number; roNumber: string; refId: number }) => [m.quantity, m.roId, m.roNumber, m.refId])).toEqual([
      ['-1', roId, roNumber, req.id],
      ['-2', roId, roNumber, req.id],
    ]);

    const parts = await inStore(t.database.db, store0(), async (tx) => {
      await settlePartsOfRo(tx, store0(), roId);
      return issuedVsFitted(tx, store0(), roId);
    });
    expect(parts).toMatchObject({ reconciled: true, lines: [{ status: 'settled', issuedValueFen: 4000 }] });
    expect((await clerk.post(`/api/parts/requests/${req.id}/return`, { quantity: 1 })).statusCode).toBe(409);
    expect((await tech.post(`/api/parts/requests/${req.id}/fitted`, { fitted: 1 })).statusCode).toBe(409);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('refuses settlement with unreconciled parts and cancels never-issued lines at settlement', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 4);
    const { roId } = await buildRoForParts(t.database.db, store0());
    const a = await buildRequest(t.database.db, store0(), part.id, 2, { roId });
    const b = await buildRequest(t.database.db, store0(), part.id, 1, { roId });
    const clerk = await t.as('parts_clerk');
    await clerk.post(`/api/parts/requests/${a.id}/issue`, {});
    const settle = () => inStore(t.database.db, store0(), (tx) => settlePartsOfRo(tx, store0(), roId));
    await expect(settle()).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'PARTS_NOT_RECONCILED', lines: [{ requestId: a.id, outstanding: '2' }] } });
    const tech = await t.as('team_leader');
    await tech.post(`/api/parts/requests/${a.id}/fitted`, { fitted: 2 });
    await settle();
    expect((await clerk.get(`/api/parts/requests/${a.id}`)).json().status).toBe('settled');
    expect((await clerk.get(`/api/parts/requests/${b.id}`)).json().status).toBe('cancelled');
  });

  it('puts pending requests first and records whether stock covered each request', async () => {
    const part = await buildStockedPart(t.database.db, store0(), 2);
    const { roId } = await buildRoForParts(t.database.db, store0());
    const advisor = await t.as('service_advisor');
    const first = (await advisor.post('/api/parts/requests', { roId, partId: part.id, quantity: 2 })).json();
    const second = (await advisor.post('/api/parts/requests', { roId, partId: part.id, quantity: 1 })).json();
    expect([first.inStockAtRequest, second.inStockAtRequest]).toEqual([true, false]); // the first already claims both
    const clerk = await t.as('parts_clerk');
    await clerk.post(`/api/parts/requests/${first.id}/issue`, { quantity: 1 });
    const queue = (await clerk.get(`/api/parts/requests?roId=${roId}`)).json().items;
    expect(queue.map((r: { id: number; status: string }) => [r.id, r.status])).toEqual([
      [second.id, 'pending'],
      [first.id, 'partly_issued'],
    ]);

    expect((await clerk.post(`/api/parts/requests/${second.id}/issue`, {})).json().status).toBe('issued');
    const short = await clerk.post(`/api/parts/requests/${first.id}/issue`, {});
    expect(short.statusCode).toBe(409);
    expect(short.json().error.details).toMatchObject({ reason: 'INSUFFICIENT_STOCK', available: '0', requested: '1' });
    expect((await clerk.get(`/api/parts/requests/${first.id}`)).json()).toMatchObject({ issued: '1', version: 2 });

    const third = (await advisor.post('/api/parts/requests', { roId, partId: part.id, quantity: 1 })).json();
    const cancelled = await advisor.post(`/api/parts/requests/${third.id}/cancel`, { reason: '客户不修了' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    const trimmed = await advisor.post(`/api/parts/requests/${first.id}/cancel`, {});
    expect(trimmed.json()).toMatchObject({ status: 'issued', quantity: '1', issued: '1' });
    expect((await advisor.post(`/api/parts/requests/${first.id}/cancel`, {})).statusCode).toBe(409);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('checks inputs, permissions and the store of every request', async () => {
    const part = await buildPart(t.database.db, store0());
    const { roId, roLineId } = await buildRoForParts(t.database.db, store0());
    const tech = await t.as('technician');
    const bad = await tech.post('/api/parts/requests', { roId: 0, partId: part.id, quantity: '-1' });
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['roId', 'quantity']));
    expect((await tech.post('/api/parts/requests', { roId, partId: part.id, quantity: '0.5' })).statusCode).toBe(400);
    expect((await tech.post('/api/parts/requests', { roId, roLineId, partId: part.id, quantity: 1 })).statusCode).toBe(201);

    // The RO must exist in this store, still take parts, and own the line named.
    const unknownRo = await tech.post('/api/parts/requests', { roId: 99_999_999, partId: part.id, quantity: 1 });
    expect([unknownRo.statusCode, unknownRo.json().error.details.fields[0].path]).toEqual([400, 'roId']);
    const foreignRo = await buildRoForParts(t.database.db, t.world.stores[1]!.id);
    expect((await tech.post('/api/parts/requests', { roId: foreignRo.roId, partId: part.id, quantity: 1 })).statusCode).toBe(400);
    const otherLine = await tech.post('/api/parts/requests', { roId, roLineId: foreignRo.roLineId, partId: part.id, quantity: 1 });
    expect([otherLine.statusCode, otherLine.json().error.details.fields[0].path]).toEqual([400, 'roLineId']);
    const settled = await buildRepairOrder(t.database.db, store0(), { state: 'settled' });
    const late = await tech.post('/api/parts/requests', { roId: settled.id, partId: part.id, quantity: 1 });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

    const otherPart = await buildStockedPart(t.database.db, t.world.stores[1]!.id, 3);
    expect((await tech.post('/api/parts/requests', { roId, partId: otherPart.id, quantity: 1 })).statusCode).toBe(400);
    const foreign = await buildRequest(t.database.db, t.world.stores[1]!.id, otherPart.id, 1);
    const clerk = await t.as('parts_clerk');
    expect((await clerk.get(`/api/parts/requests/${foreign.id}`)).statusCode).toBe(404);
    expect((await clerk.post(`/api/parts/requests/${foreign.id}/issue`, {})).statusCode).toBe(404);
    expect((await clerk.get(`/api/parts/repair-orders/${foreign.roId}`)).statusCode).toBe(404);
    expect((await tech.post(`/api/parts/requests/${foreign.id}/issue`, {})).statusCode).toBe(403);
    expect((await (await t.as('cashier')).get('/api/parts/requests')).statusCode).toBe(403);
  });
});
