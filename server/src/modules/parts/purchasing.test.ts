import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildPart, buildPurchaseOrder, buildRequest, buildStock, ledgerMismatches, moveStock } from './parts.factories';
import { toMilli } from './qty';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store0 = () => t.world.stores[0]!.id;

/** Noon (Asia/Shanghai) of day `day` of the month `k` months before the current one. */
function monthsAgo(k: number, day = 10): Date {
  const now = new Date(Date.now() + 8 * 3600_000); // Shanghai wall clock, as UTC fields
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - k, day, 4));
}

describe('ordering', () => {
  it('suggests safety stock (1.5 × average monthly outbound) plus open demand, minus on hand and on order', async () => {
    const db = t.database.db;
    const a = await buildPart(db, store0(), { partNo: 'SUG-A', category: 'filters', costFen: 800 });
    // Opening stock before the window; 36 issued and 6 returned over the last 3 full months (30 net → 10 a month).
    await buildStock(db, store0(), a.id, 40, { unitCostFen: 800, at: monthsAgo(5) });
    for (const k of [3, 2, 1]) {
      await moveStock(db, store0(), { partId: a.id, location: 'A-01', kind: 'issue_to_ro', qty: -toMilli(12), at: monthsAgo(k) });
    }
    await moveStock(db, store0(), { partId: a.id, location: 'A-01', kind: 'return_from_ro', qty: toMilli(6), cost: { valueFen: 4800n }, at: monthsAgo(1, 20) });
    // Outside the window: older than 3 months and the current month do not count.
    await moveStock(db, store0(), { partId: a.id, location: 'A-01', kind: 'counter_sale', qty: -toMilli(4), at: monthsAgo(4) });
    await moveStock(db, store0(), { partId: a.id, location: 'A-01', kind: 'counter_sale', qty: -toMilli(2), at: new Date() });
    // on hand = 40 − 36 + 6 − 4 − 2 = 4; open demand 2; on order 3 → 15 + 2 − 4 − 3 = 10
    await buildRequest(db, store0(), a.id, 2);
    await buildPurchaseOrder(db, store0(), { status: 'ordered', lines: [{ partId: a.id, quantity: 3 }] });

    const b = await buildPart(db, store0(), { partNo: 'SUG-B', category: 'filters', safetyStock: '5' });
    await buildStock(db, store0(), b.id, 5);
    const c = await buildPart(db, store0(), { partNo: 'SUG-C', category: 'filters', unit: 'litre' });
    await buildStock(db, store0(), c.id, '4.5', { at: monthsAgo(3, 1) });
    await moveStock(db, store0(), { partId: c.id, location: 'A-01', kind: 'counter_sale', qty: -toMilli('4.5'), at: monthsAgo(2) });
    const d = await buildPart(db, store0(), { partNo: 'SUG-D', category: 'filters', safetyStock: '3' });

    const sup = await t.as('parts_supervisor');
    const res = (await sup.get('/api/parts/order-suggestions?category=filters')).json();
    expect(res).toMatchObject({ safetyStockFactor: 1.5, months: 3 });
    expect(res.items).toEqual([
      expect.objectContaining({ partId: a.id, onHand: '4', onOrder: '3', openDemand: '2', avgMonthlyOutbound: '10', safetyStock: '15', safetyFromOverride: false, suggested: '10', unitCostFen: 800 }),
      expect.objectContaining({ partId: c.id, onHand: '0', avgMonthlyOutbound: '1.5', safetyStock: '2.25', suggested: '2.25' }),
      expect.objectContaining({ partId: d.id, safetyStock: '3', safetyFromOverride: true, suggested: '3' }),
    ]);
    expect(res.items.map((i: { partId: number }) => i.partId)).not.toContain(b.id);
    const six = (await sup.get('/api/parts/order-suggestions?category=filters&months=6')).json();
    // 6 months: 36 − 6 + 4 = 34 outbound + 4.5 L of C → A: 34/6 × 1.5 = 8.5 → 8.5 + 2 − 4 − 3 = 3.5 → 4 whole pieces
    expect(six.items.find((i: { partId: number }) => i.partId === a.id)).toMatchObject({ avgMonthlyOutbound: '5.667', suggested: '4' });
    expect((await (await t.as('technician')).get('/api/parts/order-suggestions')).statusCode).toBe(403);
    expect(await ledgerMismatches(db, store0())).toEqual([]);
  });

  it('runs a purchase order from draft to received: partial, over with a reason, closed short', async () => {
    const a = await buildPart(t.database.db, store0(), { defaultLocation: 'P-1' });
    const b = await buildPart(t.database.db, store0(), { defaultLocation: 'P-2' });
    await buildStock(t.database.db, store0(), a.id, 5, { location: 'P-1', unitCostFen: 1000 });
    const clerk = await t.as('parts_clerk');
    const created = await clerk.post('/api/parts/purchase-orders', {
      supplier: '一汽-大众配件中心',
      expectedDate: '2026-12-01',
      lines: [
        { partId: a.id, quantity: 5, unitCostFen: 1300 },
        { partId: b.id, quantity: 2, unitCostFen: 500 },
      ],
    });
    expect(created.statusCode).toBe(201);
    const po = created.json();
    expect(po).toMatchObject({ status: 'draft', kind: 'regular', totalFen: 7500, approval: null, version: 1 });
    expect(po.number).toMatch(/^CG\d{8}-\d{4}$/);

    const edited = await clerk.put(`/api/parts/purchase-orders/${po.id}`, { supplier: po.supplier, version: po.version, lines: [{ partId: a.id, quantity: 5, unitCostFen: 1400 }, { partId: b.id, quantity: 2, unitCostFen: 500 }] });
    expect(edited.json()).toMatchObject({ totalFen: 8000, version: 2 });
    expect((await clerk.put(`/api/parts/purchase-orders/${po.id}`, { supplier: 'x', version: 1, lines: [{ partId: a.id, quantity: 1, unitCostFen: 1 }] })).statusCode).toBe(409);
    const draftReceipt = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: edited.json().lines[0].id, quantity: 1 }] });
    expect(draftReceipt.statusCode).toBe(409);

    const ordered = (await clerk.post(`/api/parts/purchase-orders/${po.id}/order`, { version: 2 })).json();
    expect(ordered).toMatchObject({ status: 'ordered', version: 3 });
    const [la, lb] = ordered.lines;
    expect((await clerk.put(`/api/parts/purchase-orders/${po.id}`, { supplier: 'x', version: 3, lines: [{ partId: a.id, quantity: 1, unitCostFen: 1 }] })).statusCode).toBe(409);

    const first = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: la.id, quantity: 3 }], note: '第一批' });
    expect(first.statusCode).toBe(201);
    expect(first.json().receipt.number).toMatch(/^RK\d{8}-\d{4}$/);
    expect(first.json().order).toMatchObject({ status: 'partly_received', lines: [{ received: '3', closed: false }, { received: '0' }] });
    // 5 @ 10.00 + 3 @ 14.00 = 92.00 over 8 → 11.50
    expect((await clerk.get(`/api/parts/${a.id}/stock`)).json()).toMatchObject({ onHand: '8', valueFen: 9200, avgCostFen: 1150, onOrder: '2' });

    const over = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: lb.id, quantity: 3 }] });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.details.fields[0].path).toBe('lines.0.reason');
    const noShortReason = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: la.id, quantity: 0, closeShort: true }] });
    expect(noShortReason.statusCode).toBe(400);
    const last = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, {
      lines: [
        { lineId: lb.id, quantity: 3, reason: '供应商多发一件，已同意留下', location: 'P-9' },
        { lineId: la.id, quantity: 1, closeShort: true, reason: '厂家缺货，余量取消' },
      ],
    });
    expect(last.statusCode).toBe(201);
    expect(last.json().order).toMatchObject({
      status: 'received',
      lines: [
        { received: '4', closed: true, closeReason: '厂家缺货，余量取消' },
        { received: '3', closed: true },
      ],
    });
    expect((await clerk.get(`/api/parts/${b.id}/stock`)).json()).toMatchObject({ onHand: '3', valueFen: 1500, locations: [{ location: 'P-9', onHand: '3' }] });
    const receipts = (await clerk.get(`/api/parts/${b.id}/movements`)).json().items;
    expect(receipts[0]).toMatchObject({ kind: 'receive', refType: 'purchase_receipt', reason: '供应商多发一件，已同意留下' });
    expect((await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: la.id, quantity: 1 }] })).statusCode).toBe(409);
    expect((await clerk.post(`/api/parts/purchase-orders/${po.id}/cancel`, { version: 6, reason: 'x' })).statusCode).toBe(409);
    expect(await ledgerMismatches(t.database.db, store0())).toEqual([]);
  });

  it('receives an outside purchase (外采) only after the workshop supervisor approved it', async () => {
    const part = await buildPart(t.database.db, store0());
    const req = await buildRequest(t.database.db, store0(), part.id, 1);
    const clerk = await t.as('parts_clerk');
    const po = (await clerk.post('/api/parts/purchase-orders', { supplier: '本地汽配城', kind: 'outside', lines: [{ partId: part.id, quantity: 1, unitCostFen: 9000, requestId: req.id }] })).json();
    expect(po.lines[0].requestId).toBe(req.id);
    const ordered = (await clerk.post(`/api/parts/purchase-orders/${po.id}/order`, { version: po.version })).json();
    const early = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: ordered.lines[0].id, quantity: 1 }] });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toBe('外采配件需车间主管审核后方可入库');
    expect((await clerk.post(`/api/parts/purchase-orders/${po.id}/approve`, { version: ordered.version })).statusCode).toBe(403);

    const workshop = await t.as('workshop_supervisor');
    expect((await workshop.get('/api/parts/purchase-orders?awaitingApproval=true')).json().items.map((o: { id: number }) => o.id)).toContain(po.id);
    const approved = await workshop.post(`/api/parts/purchase-orders/${po.id}/approve`, { version: ordered.version, note: '质量合格' });
    expect(approved.json().approval).toMatchObject({ note: '质量合格', byName: expect.any(String) });
    expect((await workshop.post(`/api/parts/purchase-orders/${po.id}/approve`, { version: approved.json().version })).statusCode).toBe(409);
    const received = await clerk.post(`/api/parts/purchase-orders/${po.id}/receipts`, { lines: [{ lineId: ordered.lines[0].id, quantity: 1 }] });
    expect(received.json().order.status).toBe('received');

    const regular = await buildPurchaseOrder(t.database.db, store0(), { status: 'ordered' });
    expect((await workshop.post(`/api/parts/purchase-orders/${regular.id}/approve`, { version: regular.version })).statusCode).toBe(409);
  });

  it('cancels open orders, checks lines and keeps other stores out', async () => {
    const clerk = await t.as('parts_clerk');
    const draft = await buildPurchaseOrder(t.database.db, store0());
    const cancelled = await clerk.post(`/api/parts/purchase-orders/${draft.id}/cancel`, { version: draft.version, reason: '重复下单' });
    expect(cancelled.json().status).toBe('cancelled');
    const part = await buildPart(t.database.db, store0());
    const dup = await clerk.post('/api/parts/purchase-orders', { supplier: 's', lines: [{ partId: part.id, quantity: 1, unitCostFen: 1 }, { partId: part.id, quantity: 2, unitCostFen: 1 }] });
    expect(dup.statusCode).toBe(400);
    const half = await clerk.post('/api/parts/purchase-orders', { supplier: 's', lines: [{ partId: part.id, quantity: 1.5, unitCostFen: 1 }] });
    expect(half.json().error.details.fields[0].path).toBe('lines.0.quantity');
    const other = await buildPurchaseOrder(t.database.db, t.world.stores[1]!.id);
    expect((await clerk.get(`/api/parts/purchase-orders/${other.id}`)).statusCode).toBe(404);
    expect((await clerk.post(`/api/parts/purchase-orders/${other.id}/order`, { version: 1 })).statusCode).toBe(404);
    const foreignPart = await buildPart(t.database.db, t.world.stores[1]!.id);
    const res = await clerk.post('/api/parts/purchase-orders', { supplier: 's', lines: [{ partId: foreignPart.id, quantity: 1, unitCostFen: 1 }] });
    expect(res.json().error.details.fields[0].path).toBe('lines.0.partId');
    expect((await (await t.as('service_advisor')).post('/api/parts/purchase-orders', { supplier: 's', lines: [] })).statusCode).toBe(403);
  });
});
