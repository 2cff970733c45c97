import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/app';
import { buildMaintenancePackage } from '../../../test/factories';
import { todayIn } from '../../platform/local-time';
import { buildAppointment } from '../appointments/appointments.factories';
import { buildVehicle } from '../customers/customers.factories';
import { buildStockedPart } from '../parts/parts.factories';
import { drive, openRo, receptionBody, receptionFixture, toReady } from './repair-orders.factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const store = () => t.world.stores[0]!.id;
const settleBody = (ro: { version: number; totals: { byPayer: { payer: string; totalFen: number }[] } }, extra: Record<string, unknown> = {}) => ({
  payments: ro.totals.byPayer.map((p) => ({ payer: p.payer, method: p.payer === 'customer' ? 'wechat' : 'on_account', amountFen: p.totalFen })),
  version: ro.version,
  ...extra,
});
const key = () => `key-${Math.random().toString(36).slice(2)}-${Date.now()}`;

describe('reception', () => {
  it('suggests the package and opens a draft RO with its lines, the walk-around and the reading', async () => {
    const { vehicle, pkg } = await receptionFixture(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const suggestion = (await advisor.get(`/api/reception/suggestion?vehicleId=${vehicle.id}`)).json();
    expect(suggestion).toMatchObject({ vehicleId: vehicle.id, openRo: null, suggestedPackage: { id: expect.any(Number) } });

    const ro = await openRo(advisor, vehicle.id, { packageId: pkg.id });
    expect(ro).toMatchObject({ state: 'draft', concerns: ['刹车时有异响', '空调不太凉'], odometerKm: 12_000, actions: ['sign', 'cancel'] });
    expect(ro.number).toMatch(/^RO\d{8}-\d{4}$/);
    expect(ro.lines).toHaveLength(1);
    expect(ro.lines[0]).toMatchObject({ kind: 'labour', hours: '1', payer: 'customer' });
    expect(ro.totals.totalFen).toBe(ro.lines[0].amountFen);

    const again = (await advisor.get(`/api/reception/suggestion?vehicleId=${vehicle.id}`)).json();
    expect(again.openRo).toMatchObject({ id: ro.id, state: 'draft' });
    const page = (await advisor.get(`/api/vehicles/${vehicle.id}`)).json();
    expect(page.currentMileageKm).toBe(12_000);
  });

  it("marks today's appointment arrived and counts the RO in the appointment rate", async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const today = todayIn('Asia/Shanghai');
    const appointment = await buildAppointment(t.database.db, store(), { vehicleId: vehicle.id, date: today, time: '23:59' });
    const advisor = await t.as('service_advisor');
    const before = (await advisor.get(`/api/appointments/stats?from=${today}&to=${today}`)).json();
    const suggestion = (await advisor.get(`/api/reception/suggestion?vehicleId=${vehicle.id}`)).json();
    expect(suggestion.appointment).toMatchObject({ id: appointment.id });
    const ro = await openRo(advisor, vehicle.id, { appointmentId: appointment.id });
    expect(ro.appointmentId).toBe(appointment.id);
    expect((await advisor.get(`/api/appointments/${appointment.id}`)).json()).toMatchObject({ status: 'arrived', roId: ro.id });
    const after = (await advisor.get(`/api/appointments/stats?from=${today}&to=${today}`)).json();
    expect(after.ros - before.ros).toBe(1);
    expect(after.rosFromAppointments - before.rosFromAppointments).toBe(1);
    const twice = await advisor.post('/api/repair-orders', receptionBody(vehicle.id, { appointmentId: appointment.id, odometerKm: 12_001 }));
    expect(twice.statusCode).toBe(409);
  });

  it('names the bad field in a 400 and opens nothing', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const bad = await advisor.post('/api/repair-orders', { ...receptionBody(vehicle.id), type: 'spa', broughtByName: '', concerns: [''] });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().error.details.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['type', 'broughtByName', 'concerns.0']));
    expect((await advisor.get(`/api/repair-orders?vehicleId=${vehicle.id}`)).json().total).toBe(0);
  });

  it('refuses a reading below the last one without a reason, and accepts it with one', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const first = await openRo(advisor, vehicle.id, { odometerKm: 30_000 });
    await advisor.post(`/api/repair-orders/${first.id}/cancel`, { reason: '客户改期', version: first.version });
    const res = await advisor.post('/api/repair-orders', receptionBody(vehicle.id, { odometerKm: 29_000 }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('odometerReason');
    expect((await advisor.get(`/api/repair-orders?vehicleId=${vehicle.id}`)).json().total).toBe(1);
    const ok = await advisor.post('/api/repair-orders', receptionBody(vehicle.id, { odometerKm: 29_000, odometerReason: '更换仪表' }));
    expect(ok.statusCode).toBe(201);
  });

  it("answers 404 for another store's RO and 403 to a role without the permission", async () => {
    const other = await buildVehicle(t.database.db, t.world.stores[1]!.id);
    const otherAdvisor = await t.as('service_advisor', 1);
    const foreign = await openRo(otherAdvisor, other.id);
    const advisor = await t.as('service_advisor');
    expect((await advisor.get(`/api/repair-orders/${foreign.id}`)).statusCode).toBe(404);
    expect((await advisor.post(`/api/repair-orders/${foreign.id}/sign`, { signature: null, version: foreign.version })).statusCode).toBe(404);
    const own = await buildVehicle(t.database.db, store());
    expect((await advisor.post('/api/repair-orders', receptionBody(other.id))).statusCode).toBe(400);
    const parts = await t.as('parts_clerk');
    expect((await parts.post('/api/repair-orders', receptionBody(own.id))).statusCode).toBe(403);
  });
});

describe('the state machine on the server', () => {
  it('refuses an illegal move with 409 and the current state, and a stale version with 409', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const dispatcher = await t.as('workshop_supervisor');
    const ro = await openRo(advisor, vehicle.id);
    const illegal = await dispatcher.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'start', version: ro.version });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json().error).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'draft' } });

    const signed = (await advisor.post(`/api/repair-orders/${ro.id}/sign`, { signature: null, version: ro.version })).json();
    expect(signed.state).toBe('open');
    const stale = await dispatcher.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'dispatch', version: ro.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');

    const paused = await drive(dispatcher, signed, ['dispatch', 'start']);
    const noReason = await dispatcher.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'pause', version: paused.version });
    expect(noReason.statusCode).toBe(400);
    const p = await dispatcher.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'pause', pauseReason: 'waiting_parts', version: paused.version });
    expect(p.json()).toMatchObject({ state: 'paused', pauseReason: 'waiting_parts' });
    const washed = await drive(dispatcher, p.json(), ['resume', 'submit_qc', 'qc_fail', 'start', 'submit_qc', 'qc_pass', 'washed']);
    expect(washed.state).toBe('ready');
    // The advisor's delivery check sends it back (internal rework), then it comes ready again.
    const back = (await advisor.post(`/api/repair-orders/${ro.id}/return-to-workshop`, { reason: '车内未清洁', version: washed.version })).json();
    expect(back.state).toBe('rework');
    const final = await drive(dispatcher, back, ['start', 'submit_qc', 'skip_wash']);
    expect(final.state).toBe('ready');
    const history = (await advisor.get(`/api/repair-orders/${ro.id}`)).json().transitions;
    expect(history.map((h: { action: string }) => h.action)).toEqual(
      ['sign', 'dispatch', 'start', 'pause', 'resume', 'submit_qc', 'qc_fail', 'start', 'submit_qc', 'qc_pass', 'washed', 'return_to_workshop', 'start', 'submit_qc', 'skip_wash'],
    );
    expect(history.every((h: { byName: string; at: string }) => h.byName !== '' && h.at)).toBe(true);
  });

  it('keeps the workshop moves to the workshop and cancels with a reason', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const ro = await openRo(advisor, vehicle.id);
    const signed = (await advisor.post(`/api/repair-orders/${ro.id}/sign`, { signature: null, version: ro.version })).json();
    expect((await advisor.post(`/api/repair-orders/${ro.id}/transitions`, { action: 'dispatch', version: signed.version })).statusCode).toBe(403);
    const cashier = await t.as('cashier');
    expect((await cashier.post(`/api/repair-orders/${ro.id}/cancel`, { reason: 'x', version: signed.version })).statusCode).toBe(403);
    expect((await advisor.post(`/api/repair-orders/${ro.id}/cancel`, { reason: '', version: signed.version })).statusCode).toBe(400);
    const cancelled = await advisor.post(`/api/repair-orders/${ro.id}/cancel`, { reason: '客户不修了', version: signed.version });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', cancelReason: '客户不修了', actions: [] });
    const line = await advisor.post(`/api/repair-orders/${ro.id}/lines`, { line: { kind: 'labour', description: '检查', hours: '1' }, version: cancelled.json().version });
    expect(line.statusCode).toBe(409);
  });
});

describe('additional work', () => {
  it('adds approved items to the RO and keeps declined ones on the declined list', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const tech = await t.as('technician');
    const ro = await openRo(advisor, vehicle.id, { lines: [{ kind: 'labour', description: '常规检查', hours: '1' }] });
    const raised = await tech.post(`/api/repair-orders/${ro.id}/additional-work`, {
      description: '前刹车片磨损到极限',
      safety: true,
      delayMinutes: 60,
      lines: [{ kind: 'labour', description: '更换前刹车片', hours: '1.5', jobType: 'mechanical' }],
    });
    expect(raised.statusCode, raised.body).toBe(200);
    const declinedRaise = await tech.post(`/api/repair-orders/${ro.id}/additional-work`, {
      description: '空调滤芯脏',
      lines: [{ kind: 'labour', description: '更换空调滤芯', hours: '0.3', jobType: 'quick_service' }],
    });
    const [brakes, filter] = declinedRaise.json().additionalWork;
    expect(brakes).toMatchObject({ decision: 'pending', amountFen: 36000 });

    const approved = await advisor.post(`/api/additional-work/${brakes.id}/decision`, { decision: 'approved', decidedBy: '张三', channel: 'phone', version: brakes.version });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().lines.map((l: { source: string }) => l.source)).toEqual(['estimate', 'additional']);
    expect(approved.json().totals.totalFen).toBe(24000 + 36000);
    const again = await advisor.post(`/api/additional-work/${brakes.id}/decision`, { decision: 'declined', decidedBy: '张三', channel: 'phone', version: brakes.version + 1 });
    expect(again.statusCode).toBe(409);

    await advisor.post(`/api/additional-work/${filter.id}/decision`, { decision: 'declined', decidedBy: '张三', channel: 'in_person', note: '下次再换', version: filter.version });
    const declined = (await advisor.get('/api/additional-work/declined?open=true&pageSize=200')).json();
    expect(declined.items.map((w: { id: number }) => w.id)).toContain(filter.id);
    expect(declined.items.map((w: { id: number }) => w.id)).not.toContain(brakes.id);
    const suggestion = (await advisor.get(`/api/reception/suggestion?vehicleId=${vehicle.id}`)).json();
    expect(suggestion.declinedWork.map((w: { id: number }) => w.id)).toEqual([filter.id]);
    await advisor.post(`/api/additional-work/${filter.id}/follow-up`);
    expect((await advisor.get('/api/additional-work/declined?open=true&pageSize=200')).json().items.map((w: { id: number }) => w.id)).not.toContain(filter.id);
  });
});

describe('settlement', () => {
  async function readyRo(lines: unknown[]) {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const dispatcher = await t.as('workshop_supervisor');
    const ro = await openRo(advisor, vehicle.id, { lines });
    await toReady(advisor, dispatcher, ro);
    return { advisor, ro: (await advisor.get(`/api/repair-orders/${ro.id}`)).json() };
  }

  it('settles mixed payers to the fen, once per key, and refuses another body with the same key', async () => {
    const { advisor, ro } = await readyRo([
      { kind: 'labour', description: '保养', hours: '1.25', jobType: 'mechanical' },
      { kind: 'labour', description: '索赔维修', hours: '0.33', jobType: 'quick_service', payer: 'warranty' },
      { kind: 'labour', description: '钣金', fixedPriceFen: 50001, payer: 'insurance' },
    ]);
    expect(ro.totals.byPayer).toEqual([
      { payer: 'customer', labourFen: 30000, partsFen: 0, discountFen: 0, totalFen: 30000 },
      { payer: 'warranty', labourFen: 5940, partsFen: 0, discountFen: 0, totalFen: 5940 },
      { payer: 'insurance', labourFen: 50001, partsFen: 0, discountFen: 0, totalFen: 50001 },
    ]);
    const k = key();
    const body = settleBody(ro, { labourDiscountFen: 1500, discountReason: '老客户', payments: [
      { payer: 'customer', method: 'cash', amountFen: 10000 },
      { payer: 'customer', method: 'wechat', amountFen: 18500 },
      { payer: 'warranty', method: 'on_account', amountFen: 5940 },
      { payer: 'insurance', method: 'on_account', amountFen: 50001 },
    ] });
    const settle = () => advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body, headers: { 'idempotency-key': k } });
    const first = await settle();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ state: 'settled', totalFen: 84441, settlement: { totals: { discountFen: 1500, totalFen: 84441 } } });
    const replay = await settle();
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const other = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: { ...body, discountReason: '另一个' }, headers: { 'idempotency-key': k } });
    expect(other.statusCode).toBe(422);
    const noKey = await advisor.post(`/api/repair-orders/${ro.id}/settlement`, body);
    expect(noKey.statusCode).toBe(400);
    // Settled is immutable: a second key cannot settle again, and lines cannot change.
    const second = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: { ...body, version: first.json().version }, headers: { 'idempotency-key': key() } });
    expect(second.statusCode).toBe(409);
    expect((await advisor.post(`/api/repair-orders/${ro.id}/lines`, { line: { kind: 'labour', description: 'x', hours: '1' }, version: first.json().version })).statusCode).toBe(409);
  });

  it('refuses payments that do not add up per payer', async () => {
    const { advisor, ro } = await readyRo([{ kind: 'labour', description: '保养', hours: '1', jobType: 'mechanical' }]);
    const res = await advisor.request({
      method: 'POST',
      url: `/api/repair-orders/${ro.id}/settlement`,
      payload: { payments: [{ payer: 'customer', method: 'cash', amountFen: 1 }], version: ro.version },
      headers: { 'idempotency-key': key() },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('payments');
    expect((await advisor.get(`/api/repair-orders/${ro.id}`)).json().state).toBe('ready');
  });

  it('refuses a discount over the limit without approval, and settles it with the manager’s approval', async () => {
    const { advisor, ro } = await readyRo([{ kind: 'labour', description: '保养', hours: '1', jobType: 'mechanical' }]);
    // 24,000 fen of labour: the advisor's 5 % is 1,200 fen.
    const preview = (await advisor.get(`/api/repair-orders/${ro.id}/settlement-preview?labourDiscountFen=2400`)).json();
    expect(preview).toMatchObject({ shareBp: 1000, limitPercent: 5, withinLimit: false, approvedRequestId: null, totals: { totalFen: 21600 } });
    const body = settleBody({ ...ro, totals: preview.totals }, { labourDiscountFen: 2400, discountReason: '投诉补偿' });
    const refused = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body, headers: { 'idempotency-key': key() } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.details.reason).toBe('DISCOUNT_APPROVAL_REQUIRED');

    const request = (await advisor.post(`/api/repair-orders/${ro.id}/discount-requests`, { labourDiscountFen: 2400, reason: '投诉补偿' })).json();
    expect(request).toMatchObject({ status: 'pending', percentOfLabourBp: 1000 });
    expect((await advisor.post(`/api/discount-requests/${request.id}/decision`, { approve: true })).statusCode).toBe(403);
    const supervisor = await t.as('front_desk_supervisor');
    expect((await supervisor.post(`/api/discount-requests/${request.id}/decision`, { approve: true })).statusCode).toBe(200);
    const withApproval = await advisor.request({
      method: 'POST',
      url: `/api/repair-orders/${ro.id}/settlement`,
      payload: { ...body, discountRequestId: request.id },
      headers: { 'idempotency-key': key() },
    });
    expect(withApproval.statusCode).toBe(200);
    expect(withApproval.json()).toMatchObject({ state: 'settled', settlement: { discountRequestId: request.id, totals: { totalFen: 21600 } } });
    const audit = (await (await t.as('after_sales_manager')).get('/api/audit?action=discount.approved&pageSize=200')).json();
    expect(audit.items.some((a: { entityId: string | number }) => String(a.entityId) === String(request.id))).toBe(true);
  });

  it('refuses settlement while issued parts are not fitted or returned, then settles, reverses and delivers', async () => {
    const part = await buildStockedPart(t.database.db, store(), 10);
    const { advisor, ro } = await readyRo([{ kind: 'part', partId: part.id, quantity: '2' }]);
    const requestId = (await (await t.as('parts_clerk')).get(`/api/parts/requests?pageSize=200&status=pending`)).json().items.find((r: { roId: number }) => r.roId === ro.id).id;
    const clerk = await t.as('parts_clerk');
    expect((await clerk.post(`/api/parts/requests/${requestId}/issue`, {})).statusCode).toBe(200);
    const body = settleBody(ro);
    const unreconciled = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body, headers: { 'idempotency-key': key() } });
    expect(unreconciled.statusCode).toBe(409);
    expect(unreconciled.json().error.details.reason).toBe('PARTS_NOT_RECONCILED');
    const tech = await t.as('technician');
    expect((await tech.post(`/api/parts/requests/${requestId}/fitted`, { fitted: '2' })).statusCode).toBe(200);
    const settled = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: body, headers: { 'idempotency-key': key() } });
    expect(settled.statusCode).toBe(200);
    expect(settled.json().totals.totalFen).toBe(3000);

    const manager = await t.as('after_sales_manager');
    expect((await advisor.post(`/api/settlements/${settled.json().settlement.id}/reverse`, { reason: '金额有误' })).statusCode).toBe(403);
    const reversed = await manager.post(`/api/settlements/${settled.json().settlement.id}/reverse`, { reason: '金额有误' });
    expect(reversed.json()).toMatchObject({ state: 'ready', settlement: { reversalReason: '金额有误', reversalNumber: expect.stringMatching(/^CX/) } });
    const resettled = await advisor.request({ method: 'POST', url: `/api/repair-orders/${ro.id}/settlement`, payload: { ...body, version: reversed.json().version }, headers: { 'idempotency-key': key() } });
    expect(resettled.statusCode).toBe(200);
    const delivered = await advisor.post(`/api/repair-orders/${ro.id}/deliver`, { signature: null, version: resettled.json().version });
    expect(delivered.json()).toMatchObject({ state: 'delivered', deliveredAt: expect.any(String) });
  });
});

describe("the advisor's home", () => {
  it('lists open ROs, due progress checks and the settlement deadlines', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const advisor = await t.as('service_advisor');
    const ro = await openRo(advisor, vehicle.id, { promisedAt: new Date(Date.now() + 120_000).toISOString() });
    const homeRes = await advisor.get('/api/advisor/home');
    expect(homeRes.statusCode, homeRes.body).toBe(200);
    const home = homeRes.json();
    expect(home.openRos.map((r: { id: number }) => r.id)).toContain(ro.id);
    expect(home.today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const due = await advisor.get('/api/repair-orders/settlement-due');
    expect(due.statusCode).toBe(200);
    const past = await advisor.post('/api/repair-orders', receptionBody(vehicle.id, { promisedAt: '2020-01-01T00:00:00Z', odometerKm: 13_000 }));
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.fields[0].path).toBe('promisedAt');
  });
});

describe('packages', () => {
  it('refuses an unknown package with a 400 on packageId', async () => {
    const vehicle = await buildVehicle(t.database.db, store());
    const otherPkg = await buildMaintenancePackage(t.database.db, t.world.stores[1]!.id);
    const advisor = await t.as('service_advisor');
    const res = await advisor.post('/api/repair-orders', receptionBody(vehicle.id, { packageId: otherPkg.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.fields[0].path).toBe('packageId');
  });
});
