import type { Executor } from '../src/db/types';
import type { buildWorld } from './factories';
import { buildBay, buildCertification, buildMaintenancePackage, buildServiceItem, buildStore, buildUser, buildVehicleModel, storeVersion, TEST_PASSWORD, unique } from './factories';
import { buildCustomer, buildSegment, buildVehicle, makeMobile, makeVin } from '../src/modules/customers/customers.factories';
import { importFile } from '../src/modules/customers/customers.test-helpers';
import { bookableBody, buildAppointment, randomFutureDay } from '../src/modules/appointments/appointments.factories';
import {
  buildIssuedRequest,
  buildOldPart,
  buildPart,
  buildPurchaseOrder,
  buildRequest,
  buildStockedPart,
  buildStocktake,
  buildTransfer,
  partsWorkbook,
} from '../src/modules/parts/parts.factories';
import {
  buildAdditionalWork,
  buildDiscountRequest,
  buildRepairOrder,
  buildSettledRepairOrder,
  receptionBody,
} from '../src/modules/repair-orders/repair-orders.factories';
import { buildEvidence, buildImprovementAction, TINY_PNG } from '../src/modules/improvement-actions/improvement-actions.factories';
import { buildCareTask, buildQuestionnaire } from '../src/modules/care/care.factories';
import { buildFaultCase, buildIncident, buildJob, fixtureIndex, usersNamed } from '../src/modules/workshop/workshop.factories';
import { buildComplaint } from '../src/modules/complaints/complaints.factories';
import { buildMessageTemplate, composeBody } from '../src/modules/outbox/outbox.factories';
import { DEFAULT_CSS_WEIGHTS } from '#contracts/satisfaction';

/**
 * One valid request per API route, used by the permission matrix: every route × every role must
 * give 2xx when the role holds the route's permission and 403 when it does not. A route without an
 * example fails the matrix, so a new module must add its routes here.
 */
export interface RouteExample {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ExampleContext {
  db: Executor;
  world: Awaited<ReturnType<typeof buildWorld>>;
  storeId: number;
}

export type Example = ((c: ExampleContext) => Promise<RouteExample> | RouteExample) & { endsSession?: boolean };


const endsSession = (e: Example): Example => Object.assign(e, { endsSession: true });

const modelBody = () => ({ brand: '矩阵', series: '车系', model: unique('M'), year: 2024, maintenanceIntervalMonths: 6, maintenanceIntervalKm: 5000 });
const itemBody = () => ({ code: unique('SI'), name: '矩阵项目', system: 'maintenance', jobType: 'quick_service', standardHours: '1.00' });
const staffMember = (c: ExampleContext) => buildUser(c.db, { groupId: c.world.groupId, memberships: [{ storeId: c.storeId, role: 'technician' }] });

// Workshop: jobs worked by the store's fixture workshop users (so every role holding job:work is on
// them) or by a fresh technician (the team-leader check and final inspection are made by others).
const workshopCrew = async (c: ExampleContext) => {
  const i = fixtureIndex(c.world, c.storeId);
  return (await usersNamed(c.db, [`technician.${i}`, `team_leader.${i}`, `technical_supervisor.${i}`])).map((u) => u.id);
};
const qcItems = (n: number) => Array.from({ length: n }, (_, k) => ({ code: `d${k + 1}`, pass: true }));
const period = '?from=2026-01-01&to=2026-12-31';
// A month no other example uses: commentary and TOP5 ranks are unique per store and month.
let monthSeq = 0;
const freshMonth = () => `${2100 + Math.floor(++monthSeq / 12)}-${String((monthSeq % 12) + 1).padStart(2, '0')}`;

export const ROUTE_EXAMPLES: Record<string, Example> = {
  'GET /api/health': () => ({ url: '/api/health' }),
  'POST /api/auth/login': () => ({ url: '/api/auth/login', body: { username: 'cashier.0', password: TEST_PASSWORD } }),
  'GET /api/auth/me': () => ({ url: '/api/auth/me' }),
  'POST /api/auth/switch-store': (c) => ({ url: '/api/auth/switch-store', body: { storeId: c.storeId } }),
  'POST /api/auth/password': endsSession(() => ({ url: '/api/auth/password', body: { currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD } })),
  'POST /api/auth/logout': endsSession(() => ({ url: '/api/auth/logout' })),

  'GET /api/stores': () => ({ url: '/api/stores' }),
  'GET /api/stores/:id': (c) => ({ url: `/api/stores/${c.storeId}` }),
  'POST /api/stores': () => ({ url: '/api/stores', body: { code: unique('S'), name: '矩阵门店' } }),
  'PUT /api/stores/:id': async (c) => {
    const store = await buildStore(c.db, c.world.groupId);
    return { url: `/api/stores/${store.id}`, body: { code: store.code, name: store.name, version: store.version } };
  },
  'GET /api/settings': () => ({ url: '/api/settings' }),
  // Settings are replaced whole; an empty object means "all SPEC defaults". The version is read fresh.
  'PUT /api/settings': async (c) => {
    return { url: '/api/settings', body: { settings: {}, version: await storeVersion(c.db, c.storeId) } };
  },

  'GET /api/users': () => ({ url: '/api/users' }),
  'GET /api/users/:id': async (c) => {
    const user = await buildUser(c.db, { groupId: c.world.groupId, memberships: [{ storeId: c.storeId, role: 'cashier' }] });
    return { url: `/api/users/${user.id}` };
  },
  'POST /api/users': (c) => ({
    url: '/api/users',
    body: { username: unique('u'), displayName: '矩阵用户', password: TEST_PASSWORD, memberships: [{ storeId: c.storeId, role: 'cashier' }] },
  }),
  'PUT /api/users/:id': async (c) => {
    const user = await buildUser(c.db, { groupId: c.world.groupId, memberships: [{ storeId: c.storeId, role: 'cashier' }] });
    return { url: `/api/users/${user.id}`, body: { displayName: '改名', memberships: [{ storeId: c.storeId, role: 'cashier' }], version: 1 } };
  },

  'GET /api/audit': () => ({ url: '/api/audit' }),

  'GET /api/bays': () => ({ url: '/api/bays' }),
  'GET /api/bays/:id': async (c) => ({ url: `/api/bays/${(await buildBay(c.db, c.storeId)).id}` }),
  'POST /api/bays': () => ({ url: '/api/bays', body: { code: unique('B'), name: '矩阵工位', type: 'wash' } }),
  'PUT /api/bays/:id': async (c) => {
    const bay = await buildBay(c.db, c.storeId);
    return { url: `/api/bays/${bay.id}`, body: { code: bay.code, name: '改名', type: bay.type, version: bay.version } };
  },

  'GET /api/appointments': () => ({ url: '/api/appointments?status=booked' }),
  'GET /api/appointments/stats': () => ({ url: '/api/appointments/stats?from=2026-01-01&to=2026-01-31' }),
  'GET /api/appointments/:id': async (c) => ({ url: `/api/appointments/${(await buildAppointment(c.db, c.storeId)).id}` }),
  'POST /api/appointments': async (c) => ({ url: '/api/appointments', body: await bookableBody(c.db, c.storeId) }),
  'PUT /api/appointments/:id': async (c) => {
    const date = randomFutureDay();
    const a = await buildAppointment(c.db, c.storeId, { date, time: '10:30' });
    const body = { contactName: '王先生', contactPhone: '13700000000', channel: 'counter', date, time: '10:30', jobType: a.jobType, requestedWork: '改约说明', version: a.version };
    return { url: `/api/appointments/${a.id}`, body };
  },
  'POST /api/appointments/:id/outcome': async (c) => {
    const a = await buildAppointment(c.db, c.storeId);
    return { url: `/api/appointments/${a.id}/outcome`, body: { outcome: 'cancelled', reason: '客户改期', version: a.version } };
  },
  'POST /api/appointments/:id/reminded': async (c) => ({ url: `/api/appointments/${(await buildAppointment(c.db, c.storeId)).id}/reminded` }),
  'GET /api/appointment-slots': () => ({ url: '/api/appointment-slots?from=2026-03-02&to=2026-03-08&jobType=mechanical' }),
  'PUT /api/appointment-slots': () => ({ url: '/api/appointment-slots', body: { date: randomFutureDay(), time: '08:30', jobType: 'mechanical', capacity: 3 } }),

  'GET /api/vehicle-models': () => ({ url: '/api/vehicle-models' }),
  'GET /api/vehicle-models/:id': async (c) => ({ url: `/api/vehicle-models/${(await buildVehicleModel(c.db, c.storeId)).id}` }),
  'POST /api/vehicle-models': () => ({ url: '/api/vehicle-models', body: modelBody() }),
  'PUT /api/vehicle-models/:id': async (c) => {
    const m = await buildVehicleModel(c.db, c.storeId);
    return { url: `/api/vehicle-models/${m.id}`, body: { ...modelBody(), version: m.version } };
  },

  'GET /api/service-items': () => ({ url: '/api/service-items' }),
  'GET /api/service-items/:id': async (c) => ({ url: `/api/service-items/${(await buildServiceItem(c.db, c.storeId)).id}` }),
  'GET /api/service-items/:id/price': async (c) => ({ url: `/api/service-items/${(await buildServiceItem(c.db, c.storeId)).id}/price` }),
  'POST /api/service-items': () => ({ url: '/api/service-items', body: itemBody() }),
  'PUT /api/service-items/:id': async (c) => {
    const item = await buildServiceItem(c.db, c.storeId);
    return { url: `/api/service-items/${item.id}`, body: { ...itemBody(), version: item.version } };
  },

  'GET /api/maintenance-packages': () => ({ url: '/api/maintenance-packages' }),
  'GET /api/maintenance-packages/:id': async (c) => ({ url: `/api/maintenance-packages/${(await buildMaintenancePackage(c.db, c.storeId)).id}` }),
  'POST /api/maintenance-packages': async (c) => ({
    url: '/api/maintenance-packages',
    body: { code: unique('P'), name: '矩阵套餐', serviceItemIds: [(await buildServiceItem(c.db, c.storeId)).id] },
  }),
  'PUT /api/maintenance-packages/:id': async (c) => {
    const pkg = await buildMaintenancePackage(c.db, c.storeId);
    return { url: `/api/maintenance-packages/${pkg.id}`, body: { code: pkg.code, name: '改名', serviceItemIds: pkg.serviceItemIds, version: pkg.version } };
  },

  'GET /api/staff': () => ({ url: '/api/staff' }),
  'GET /api/staff/:userId': async (c) => ({ url: `/api/staff/${(await staffMember(c)).id}` }),
  'PUT /api/staff/:userId': async (c) => {
    const user = await staffMember(c);
    return { url: `/api/staff/${user.id}`, body: { skillGrade: 'senior', team: '1组', version: user.version } };
  },
  'POST /api/staff/:userId/certifications': async (c) => ({
    url: `/api/staff/${(await staffMember(c)).id}/certifications`,
    body: { name: '新能源高压作业证', issuer: '应急管理部', certifiedOn: '2025-01-01', expiresOn: '2027-01-01' },
  }),
  'DELETE /api/staff/:userId/certifications/:id': async (c) => {
    const user = await staffMember(c);
    const cert = await buildCertification(c.db, c.storeId, user.id);
    return { url: `/api/staff/${user.id}/certifications/${cert.id}` };
  },

  'GET /api/search': () => ({ url: `/api/search?q=${encodeURIComponent('川A1')}` }),
  'GET /api/customers': () => ({ url: '/api/customers?q=zs' }),
  'GET /api/customers/quality': () => ({ url: '/api/customers/quality' }),
  'GET /api/customers/import-template': () => ({ url: '/api/customers/import-template' }),
  'GET /api/customers/export.xlsx': () => ({ url: '/api/customers/export.xlsx?source=own_sale' }),
  'POST /api/customers/import': async () => ({ url: '/api/customers/import', body: await importFile([{ name: '矩阵导入', mobile: makeMobile(), vin: makeVin() }]) }),
  'POST /api/customers': () => ({ url: '/api/customers', body: { name: '矩阵客户', mobile: makeMobile() } }),
  'GET /api/customers/:id': async (c) => ({ url: `/api/customers/${(await buildCustomer(c.db, c.storeId)).id}` }),
  'PUT /api/customers/:id': async (c) => {
    const customer = await buildCustomer(c.db, c.storeId);
    return { url: `/api/customers/${customer.id}`, body: { name: '改名', mobile: customer.mobile, version: customer.version } };
  },
  'GET /api/customers/:id/timeline': async (c) => ({ url: `/api/customers/${(await buildCustomer(c.db, c.storeId)).id}/timeline` }),
  'POST /api/customers/:id/reveal-phone': async (c) => ({ url: `/api/customers/${(await buildCustomer(c.db, c.storeId)).id}/reveal-phone` }),
  'POST /api/customers/:id/merge': async (c) => {
    const [from, into] = [await buildCustomer(c.db, c.storeId), await buildCustomer(c.db, c.storeId)];
    return { url: `/api/customers/${from.id}/merge`, body: { intoId: into.id } };
  },
  'GET /api/vehicles': () => ({ url: '/api/vehicles?q=A1' }),
  'POST /api/vehicles': () => ({ url: '/api/vehicles', body: { vin: makeVin(), mileageKm: 1200 } }),
  'GET /api/vehicles/:id': async (c) => ({ url: `/api/vehicles/${(await buildVehicle(c.db, c.storeId)).id}` }),
  'PUT /api/vehicles/:id': async (c) => {
    const v = await buildVehicle(c.db, c.storeId);
    return { url: `/api/vehicles/${v.id}`, body: { vin: v.vin, plate: v.plate, colour: '白色', version: v.version } };
  },
  'POST /api/vehicles/:id/odometer-readings': async (c) => ({ url: `/api/vehicles/${(await buildVehicle(c.db, c.storeId)).id}/odometer-readings`, body: { km: 1000 } }),
  'GET /api/vehicles/:id/timeline': async (c) => ({ url: `/api/vehicles/${(await buildVehicle(c.db, c.storeId)).id}/timeline` }),
  'POST /api/vehicles/:id/merge': async (c) => {
    const [from, into] = [await buildVehicle(c.db, c.storeId), await buildVehicle(c.db, c.storeId)];
    return { url: `/api/vehicles/${from.id}/merge`, body: { intoId: into.id } };
  },
  'GET /api/segments': () => ({ url: '/api/segments' }),
  'POST /api/segments/preview': () => ({ url: '/api/segments/preview', body: { filter: { mileageKm: { min: 1000 } } } }),
  'POST /api/segments': () => ({ url: '/api/segments', body: { name: unique('细分'), filter: { sources: ['outlet'] } } }),
  'GET /api/segments/:id': async (c) => ({ url: `/api/segments/${(await buildSegment(c.db, c.storeId)).id}` }),
  'PUT /api/segments/:id': async (c) => {
    const s = await buildSegment(c.db, c.storeId);
    return { url: `/api/segments/${s.id}`, body: { name: unique('细分'), filter: {}, version: s.version } };
  },
  'GET /api/segments/:id/vehicles': async (c) => ({ url: `/api/segments/${(await buildSegment(c.db, c.storeId)).id}/vehicles` }),

  // Parts (SPEC §13)
  'GET /api/parts': () => ({ url: '/api/parts?q=TP' }),
  'GET /api/parts/import-template': () => ({ url: '/api/parts/import-template' }),
  'GET /api/parts/export.xlsx': () => ({ url: '/api/parts/export.xlsx?category=filters' }),
  'POST /api/parts/import': async () => ({ url: '/api/parts/import', body: await partsWorkbook([{ partNo: unique('MX'), name: '矩阵导入', unit: '个', cost: '1', retailPrice: '2' }]) }),
  'POST /api/parts': () => ({ url: '/api/parts', body: { partNo: unique('MX'), name: '矩阵配件', costFen: 100, retailPriceFen: 150 } }),
  'GET /api/parts/:id': async (c) => ({ url: `/api/parts/${(await buildPart(c.db, c.storeId)).id}` }),
  'PUT /api/parts/:id': async (c) => {
    const p = await buildPart(c.db, c.storeId);
    return { url: `/api/parts/${p.id}`, body: { partNo: p.partNo, name: '改名', costFen: 100, retailPriceFen: 150, version: p.version } };
  },
  'GET /api/parts/stock': () => ({ url: '/api/parts/stock?inStock=true' }),
  'GET /api/parts/:id/stock': async (c) => ({ url: `/api/parts/${(await buildStockedPart(c.db, c.storeId)).id}/stock` }),
  'GET /api/parts/:id/movements': async (c) => ({ url: `/api/parts/${(await buildStockedPart(c.db, c.storeId)).id}/movements` }),
  'POST /api/parts/stock/receive': async (c) => ({
    url: '/api/parts/stock/receive',
    body: { partId: (await buildPart(c.db, c.storeId)).id, quantity: 2, unitCostFen: 1000, reason: '期初' },
  }),
  'POST /api/parts/stock/counter-sale': async (c) => ({ url: '/api/parts/stock/counter-sale', body: { partId: (await buildStockedPart(c.db, c.storeId)).id, quantity: 1 } }),
  'POST /api/parts/stock/scrap': async (c) => ({ url: '/api/parts/stock/scrap', body: { partId: (await buildStockedPart(c.db, c.storeId)).id, quantity: 1, reason: '破损' } }),
  'GET /api/parts/requests': () => ({ url: '/api/parts/requests?status=open' }),
  'POST /api/parts/requests': async (c) => ({ url: '/api/parts/requests', body: { roId: (await buildRepairOrder(c.db, c.storeId)).id, partId: (await buildPart(c.db, c.storeId)).id, quantity: 1 } }),
  'GET /api/parts/requests/:id': async (c) => ({ url: `/api/parts/requests/${(await buildRequest(c.db, c.storeId, (await buildPart(c.db, c.storeId)).id)).id}` }),
  'POST /api/parts/requests/:id/issue': async (c) => {
    const part = await buildStockedPart(c.db, c.storeId, 2);
    return { url: `/api/parts/requests/${(await buildRequest(c.db, c.storeId, part.id, 1)).id}/issue`, body: {} };
  },
  'POST /api/parts/requests/:id/return': async (c) => ({ url: `/api/parts/requests/${(await buildIssuedRequest(c.db, c.storeId)).request.id}/return`, body: { quantity: 1 } }),
  'POST /api/parts/requests/:id/fitted': async (c) => ({ url: `/api/parts/requests/${(await buildIssuedRequest(c.db, c.storeId)).request.id}/fitted`, body: { fitted: 2 } }),
  'POST /api/parts/requests/:id/cancel': async (c) => ({
    url: `/api/parts/requests/${(await buildRequest(c.db, c.storeId, (await buildPart(c.db, c.storeId)).id)).id}/cancel`,
    body: { reason: '不需要了' },
  }),
  'GET /api/parts/repair-orders/:id': async (c) => ({ url: `/api/parts/repair-orders/${(await buildIssuedRequest(c.db, c.storeId)).request.roId}` }),
  'GET /api/parts/order-suggestions': () => ({ url: '/api/parts/order-suggestions?months=3' }),
  'GET /api/parts/purchase-orders': () => ({ url: '/api/parts/purchase-orders?status=ordered' }),
  'POST /api/parts/purchase-orders': async (c) => ({
    url: '/api/parts/purchase-orders',
    body: { supplier: '矩阵供应商', lines: [{ partId: (await buildPart(c.db, c.storeId)).id, quantity: 2, unitCostFen: 100 }] },
  }),
  'GET /api/parts/purchase-orders/:id': async (c) => ({ url: `/api/parts/purchase-orders/${(await buildPurchaseOrder(c.db, c.storeId)).id}` }),
  'PUT /api/parts/purchase-orders/:id': async (c) => {
    const po = await buildPurchaseOrder(c.db, c.storeId);
    return { url: `/api/parts/purchase-orders/${po.id}`, body: { supplier: '改', version: po.version, lines: [{ partId: po.lines[0]!.partId, quantity: 2, unitCostFen: 100 }] } };
  },
  'POST /api/parts/purchase-orders/:id/order': async (c) => {
    const po = await buildPurchaseOrder(c.db, c.storeId);
    return { url: `/api/parts/purchase-orders/${po.id}/order`, body: { version: po.version } };
  },
  'POST /api/parts/purchase-orders/:id/cancel': async (c) => {
    const po = await buildPurchaseOrder(c.db, c.storeId);
    return { url: `/api/parts/purchase-orders/${po.id}/cancel`, body: { version: po.version, reason: '不要了' } };
  },
  'POST /api/parts/purchase-orders/:id/approve': async (c) => {
    const po = await buildPurchaseOrder(c.db, c.storeId, { kind: 'outside', status: 'ordered' });
    return { url: `/api/parts/purchase-orders/${po.id}/approve`, body: { version: po.version, note: '合格' } };
  },
  'POST /api/parts/purchase-orders/:id/receipts': async (c) => {
    const po = await buildPurchaseOrder(c.db, c.storeId, { status: 'ordered' });
    return { url: `/api/parts/purchase-orders/${po.id}/receipts`, body: { lines: [{ lineId: po.lines[0]!.id, quantity: 1 }] } };
  },
  'GET /api/parts/transfers': () => ({ url: '/api/parts/transfers?direction=out' }),
  'POST /api/parts/transfers': async (c) => ({
    url: '/api/parts/transfers',
    body: { toStoreId: c.world.stores.find((s) => s.id !== c.storeId)!.id, reason: '调拨', lines: [{ partId: (await buildStockedPart(c.db, c.storeId)).id, quantity: 1 }] },
  }),
  'GET /api/parts/transfers/:id': async (c) => ({ url: `/api/parts/transfers/${(await buildTransfer(c.db, c.storeId, c.world.stores.find((s) => s.id !== c.storeId)!.id)).id}` }),
  'GET /api/parts/old-parts': () => ({ url: '/api/parts/old-parts?status=in_storage' }),
  'POST /api/parts/old-parts': () => ({ url: '/api/parts/old-parts', body: { partNo: 'OLD-9', name: '旧件', quantity: 1, roId: 1 } }),
  'GET /api/parts/old-parts/:id': async (c) => ({ url: `/api/parts/old-parts/${(await buildOldPart(c.db, c.storeId)).id}` }),
  'PUT /api/parts/old-parts/:id': async (c) => {
    const o = await buildOldPart(c.db, c.storeId);
    return { url: `/api/parts/old-parts/${o.id}`, body: { location: '旧件库', version: o.version } };
  },
  'POST /api/parts/old-parts/:id/return': async (c) => {
    const o = await buildOldPart(c.db, c.storeId);
    return { url: `/api/parts/old-parts/${o.id}/return`, body: { version: o.version, waybillNo: 'SF1' } };
  },
  'POST /api/parts/old-parts/:id/scrap': async (c) => {
    const o = await buildOldPart(c.db, c.storeId);
    return { url: `/api/parts/old-parts/${o.id}/scrap`, body: { version: o.version, reason: '厂家通知报废' } };
  },
  'GET /api/parts/stocktakes': () => ({ url: '/api/parts/stocktakes?status=counting' }),
  'POST /api/parts/stocktakes': () => ({ url: '/api/parts/stocktakes', body: { locations: [unique('PDL')] } }),
  'GET /api/parts/stocktakes/:id/sheet': async (c) => ({ url: `/api/parts/stocktakes/${(await buildStocktake(c.db, c.storeId)).id}/sheet` }),
  'POST /api/parts/stocktakes/:id/counts': async (c) => {
    const st = await buildStocktake(c.db, c.storeId, { counted: false });
    return { url: `/api/parts/stocktakes/${st.id}/counts`, body: { counts: [{ lineId: st.line.id, countedQty: 3 }] } };
  },
  'GET /api/parts/stocktakes/:id/variance': async (c) => ({ url: `/api/parts/stocktakes/${(await buildStocktake(c.db, c.storeId)).id}/variance` }),
  'POST /api/parts/stocktakes/:id/approve': async (c) => {
    const st = await buildStocktake(c.db, c.storeId);
    return { url: `/api/parts/stocktakes/${st.id}/approve`, body: { version: st.version } };
  },
  'POST /api/parts/stocktakes/:id/cancel': async (c) => {
    const st = await buildStocktake(c.db, c.storeId);
    return { url: `/api/parts/stocktakes/${st.id}/cancel`, body: { version: st.version, reason: '重盘' } };
  },
  'GET /api/parts/figures': () => ({ url: '/api/parts/figures?month=2025-06' }),
  'GET /api/parts/figures/slow-moving': () => ({ url: '/api/parts/figures/slow-moving?limit=10' }),

  // Service process (issue 4)
  'GET /api/repair-orders': () => ({ url: '/api/repair-orders?stage=open' }),
  'GET /api/repair-orders/settlement-due': () => ({ url: '/api/repair-orders/settlement-due' }),
  'GET /api/repair-orders/:id': async (c) => ({ url: `/api/repair-orders/${(await buildRepairOrder(c.db, c.storeId)).id}` }),
  'GET /api/reception/suggestion': async (c) => ({ url: `/api/reception/suggestion?vehicleId=${(await buildVehicle(c.db, c.storeId)).id}` }),
  'POST /api/repair-orders': async (c) => ({ url: '/api/repair-orders', body: receptionBody((await buildVehicle(c.db, c.storeId)).id) }),
  'PUT /api/repair-orders/:id': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}`, body: { type: 'general_repair', broughtByName: '李四', concerns: ['异响'], version: ro.version } };
  },
  'POST /api/repair-orders/:id/lines': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/lines`, body: { line: { kind: 'labour', description: '检查', hours: '0.5' }, version: ro.version } };
  },
  'PUT /api/repair-orders/:id/lines/:lineId': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/lines/${ro.line.id}`, body: { payer: 'warranty', version: ro.version } };
  },
  'POST /api/repair-orders/:id/lines/:lineId/remove': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/lines/${ro.line.id}/remove`, body: { reason: '客户不做', version: ro.version } };
  },
  'POST /api/repair-orders/:id/sign': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/sign`, body: { signature: null, version: ro.version } };
  },
  'POST /api/repair-orders/:id/transitions': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'open' });
    return { url: `/api/repair-orders/${ro.id}/transitions`, body: { action: 'dispatch', version: ro.version } };
  },
  'POST /api/repair-orders/:id/cancel': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/cancel`, body: { reason: '客户改期', version: ro.version } };
  },
  'POST /api/repair-orders/:id/return-to-workshop': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'ready' });
    return { url: `/api/repair-orders/${ro.id}/return-to-workshop`, body: { reason: '车内未清洁', version: ro.version } };
  },
  'POST /api/repair-orders/:id/reminders': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'in_progress' });
    return { url: `/api/repair-orders/${ro.id}/reminders`, body: { kind: 'progress_check', version: ro.version } };
  },
  'POST /api/repair-orders/:id/additional-work': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'in_progress' });
    return { url: `/api/repair-orders/${ro.id}/additional-work`, body: { description: '刹车片磨损', lines: [{ kind: 'labour', description: '更换刹车片', hours: '1' }] } };
  },
  'POST /api/additional-work/:id/decision': async (c) => {
    const w = await buildAdditionalWork(c.db, c.storeId);
    return { url: `/api/additional-work/${w.id}/decision`, body: { decision: 'declined', decidedBy: '张三', channel: 'phone', version: w.version } };
  },
  'GET /api/additional-work/declined': () => ({ url: '/api/additional-work/declined?open=true' }),
  'POST /api/additional-work/:id/follow-up': async (c) => ({ url: `/api/additional-work/${(await buildAdditionalWork(c.db, c.storeId, { decision: 'declined' })).id}/follow-up` }),
  'GET /api/repair-orders/:id/settlement-preview': async (c) => ({
    url: `/api/repair-orders/${(await buildRepairOrder(c.db, c.storeId, { state: 'ready' })).id}/settlement-preview?labourDiscountFen=100`,
  }),
  'POST /api/repair-orders/:id/discount-requests': async (c) => ({
    url: `/api/repair-orders/${(await buildRepairOrder(c.db, c.storeId, { state: 'ready' })).id}/discount-requests`,
    body: { labourDiscountFen: 2400, reason: '老客户' },
  }),
  'GET /api/discount-requests': () => ({ url: '/api/discount-requests?status=pending' }),
  'POST /api/discount-requests/:id/decision': async (c) => ({ url: `/api/discount-requests/${(await buildDiscountRequest(c.db, c.storeId)).id}/decision`, body: { approve: false, note: '不同意' } }),
  'POST /api/repair-orders/:id/settlement': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'ready' });
    return {
      url: `/api/repair-orders/${ro.id}/settlement`,
      body: { payments: [{ payer: 'customer', method: 'cash', amountFen: 24000 }], version: ro.version },
      headers: { 'idempotency-key': unique('settle-key') },
    };
  },
  'POST /api/settlements/:id/reverse': async (c) => ({ url: `/api/settlements/${(await buildSettledRepairOrder(c.db, c.storeId)).settlement.id}/reverse`, body: { reason: '金额有误' } }),
  'POST /api/repair-orders/:id/deliver': async (c) => {
    const { ro } = await buildSettledRepairOrder(c.db, c.storeId);
    return { url: `/api/repair-orders/${ro.id}/deliver`, body: { signature: null, version: ro.version } };
  },
  'GET /api/advisor/home': () => ({ url: '/api/advisor/home' }),
  'GET /api/stores/current': () => ({ url: '/api/stores/current' }),
  // Reports (KPIs, targets, snapshots, statistics, base and loss)
  'GET /api/reports/kpis': () => ({ url: '/api/reports/kpis?from=2026-10-01&to=2026-10-31&codes=ro_count,first_time_fix_rate' }),
  'GET /api/reports/kpis/trend': () => ({ url: '/api/reports/kpis/trend?month=2026-10&months=3&codes=ro_count' }),
  'GET /api/reports/kpis/drill': () => ({ url: '/api/reports/kpis/drill?code=ro_count&from=2026-10-01&to=2026-10-31' }),
  'GET /api/reports/targets': () => ({ url: '/api/reports/targets?year=2026' }),
  'PUT /api/reports/targets': () => ({ url: '/api/reports/targets', body: { targets: [{ code: 'ro_count', month: '2026-01', value: 300 }] } }),
  'POST /api/reports/snapshots': () => ({ url: '/api/reports/snapshots', body: { month: '2025-06' } }),
  'GET /api/reports/statistics': () => ({ url: '/api/reports/statistics?kind=day&date=2026-10-08' }),
  'GET /api/reports/base': () => ({ url: '/api/reports/base?month=2026-10&months=3' }),
  'GET /api/reports/base/lost': () => ({ url: '/api/reports/base/lost?month=2026-03' }),
  'POST /api/reports/base/lost/recall': () => ({ url: '/api/reports/base/lost/recall', body: { month: '2025-01' } }),
  'GET /api/reports/base/never-back': () => ({ url: '/api/reports/base/never-back' }),
  // Workshop
  'GET /api/workshop/dispatch': () => ({ url: '/api/workshop/dispatch' }),
  'POST /api/workshop/jobs': async (c) => {
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'open' });
    return { url: '/api/workshop/jobs', body: { lineId: ro.line.id, technicianIds: [(await staffMember(c)).id] } };
  },
  'PUT /api/workshop/jobs/:id/assignment': async (c) => {
    const job = await buildJob(c.db, c.storeId, { technicianIds: [(await staffMember(c)).id] });
    return { url: `/api/workshop/jobs/${job.id}/assignment`, body: { technicianIds: [(await staffMember(c)).id], version: job.version } };
  },
  'POST /api/workshop/jobs/:id/reopen': async (c) => {
    const job = await buildJob(c.db, c.storeId, { state: 'done', qcStage: 'passed', roState: 'rework', technicianIds: [(await staffMember(c)).id] });
    return { url: `/api/workshop/jobs/${job.id}/reopen`, body: { reason: '交车检查发现未清洁', version: job.version } };
  },
  'GET /api/workshop/my-jobs': () => ({ url: '/api/workshop/my-jobs' }),
  'GET /api/workshop/jobs/:id': async (c) => ({ url: `/api/workshop/jobs/${(await buildJob(c.db, c.storeId, { technicianIds: await workshopCrew(c) })).id}` }),
  'POST /api/workshop/jobs/:id/actions': async (c) => {
    const job = await buildJob(c.db, c.storeId, { state: 'in_progress', technicianIds: await workshopCrew(c) });
    return { url: `/api/workshop/jobs/${job.id}/actions`, body: { action: 'pause', pauseReason: 'break', version: job.version } };
  },
  'POST /api/workshop/jobs/:id/self-check': async (c) => {
    const job = await buildJob(c.db, c.storeId, { state: 'done', qcStage: 'self', jobType: 'quick_service', technicianIds: await workshopCrew(c) });
    return { url: `/api/workshop/jobs/${job.id}/self-check`, body: { items: qcItems(5), version: job.version } };
  },
  'POST /api/workshop/jobs/:id/team-check': async (c) => {
    const job = await buildJob(c.db, c.storeId, { state: 'done', qcStage: 'team', jobType: 'quick_service', technicianIds: [(await staffMember(c)).id] });
    return { url: `/api/workshop/jobs/${job.id}/team-check`, body: { items: qcItems(5), version: job.version } };
  },
  'POST /api/workshop/jobs/:id/final-inspection': async (c) => {
    const job = await buildJob(c.db, c.storeId, { state: 'done', qcStage: 'final', roState: 'qc', jobType: 'quick_service', technicianIds: [(await staffMember(c)).id] });
    return { url: `/api/workshop/jobs/${job.id}/final-inspection`, body: { items: qcItems(5), version: job.version } };
  },
  'GET /api/workshop/qc/team': () => ({ url: '/api/workshop/qc/team' }),
  'GET /api/workshop/qc/final': () => ({ url: '/api/workshop/qc/final' }),
  'GET /api/workshop/checklists': () => ({ url: '/api/workshop/checklists?jobType=body' }),
  'PUT /api/workshop/checklists': () => ({ url: '/api/workshop/checklists', body: { jobType: 'wash', items: [{ text: '车身清洁无水渍' }, { text: '轮毂清洁' }] } }),
  'GET /api/workshop/board': () => ({ url: '/api/workshop/board' }),
  'GET /api/workshop/board/events': () => ({ url: '/api/workshop/board/events?maxSeconds=0' }),
  'GET /api/workshop/technician-days': () => ({ url: `/api/workshop/technician-days?from=2026-11-01&to=2026-11-30` }),
  'PUT /api/workshop/attendance': async (c) => ({ url: '/api/workshop/attendance', body: { userId: (await staffMember(c)).id, day: '2026-01-05', hours: 8 } }),
  'POST /api/workshop/comebacks': async (c) => {
    const original = await buildRepairOrder(c.db, c.storeId, { state: 'delivered', openedAt: new Date(Date.now() - 30 * 86_400_000), deliveredAt: new Date(Date.now() - 29 * 86_400_000) });
    const ro = await buildRepairOrder(c.db, c.storeId, { state: 'open', vehicleId: original.vehicleId });
    return { url: '/api/workshop/comebacks', body: { roId: ro.id, originalRoId: original.id, reason: 'noise' } };
  },
  'GET /api/workshop/comebacks': () => ({ url: `/api/workshop/comebacks${period}` }),
  'GET /api/workshop/quality': () => ({ url: `/api/workshop/quality${period}` }),
  'GET /api/workshop/cases': () => ({ url: '/api/workshop/cases?q=抖动&model=矩阵' }),
  'GET /api/workshop/cases/:id': async (c) => ({ url: `/api/workshop/cases/${(await buildFaultCase(c.db, c.storeId)).id}` }),
  'POST /api/workshop/cases': () => ({ url: '/api/workshop/cases', body: { title: '异响', modelName: '矩阵', symptom: '过减速带异响', diagnosis: '稳定杆衬套老化', fix: '更换衬套' } }),
  'PUT /api/workshop/cases/:id': async (c) => {
    const row = await buildFaultCase(c.db, c.storeId);
    return { url: `/api/workshop/cases/${row.id}`, body: { title: '怠速抖动（更新）', modelName: row.modelName, symptom: row.symptom, diagnosis: row.diagnosis, fix: row.fix, version: row.version } };
  },
  'GET /api/workshop/incidents': () => ({ url: '/api/workshop/incidents?status=open' }),
  'GET /api/workshop/incidents/:id': async (c) => ({ url: `/api/workshop/incidents/${(await buildIncident(c.db, c.storeId)).id}` }),
  'POST /api/workshop/incidents': () => ({ url: '/api/workshop/incidents', body: { kind: 'vehicle_damage', occurredAt: '2026-11-20T10:00:00+08:00', description: '移车时刮蹭右后保险杠' } }),
  'PUT /api/workshop/incidents/:id': async (c) => {
    const row = await buildIncident(c.db, c.storeId);
    return { url: `/api/workshop/incidents/${row.id}`, body: { kind: row.kind, occurredAt: row.occurredAt.toISOString(), description: row.description, followUp: '已赔偿', status: 'closed', version: row.version } };
  },
  // Follow-up service (SPEC §8, §10)
  'GET /api/care/queue': () => ({ url: '/api/care/queue?tab=overdue&q=川A' }),
  'GET /api/care/queue/counts': () => ({ url: '/api/care/queue/counts' }),
  'GET /api/care/tasks': () => ({ url: '/api/care/tasks?status=open' }),
  'POST /api/care/scan': () => ({ url: '/api/care/scan' }),
  'GET /api/care/tasks/:id/workspace': async (c) => ({ url: `/api/care/tasks/${(await buildCareTask(c.db, c.storeId)).task.id}/workspace` }),
  'POST /api/care/tasks/:id/calls': async (c) => ({ url: `/api/care/tasks/${(await buildCareTask(c.db, c.storeId)).task.id}/calls`, body: { outcome: 'no_answer', version: 1, confirmOutsideHours: true } }),
  'POST /api/care/tasks/:id/reschedule': async (c) => ({ url: `/api/care/tasks/${(await buildCareTask(c.db, c.storeId)).task.id}/reschedule`, body: { to: '2099-01-01T02:00:00Z', version: 1 } }),
  'POST /api/care/tasks/:id/close': async (c) => ({ url: `/api/care/tasks/${(await buildCareTask(c.db, c.storeId, { kind: 'supervisor_request' })).task.id}/close`, body: { version: 1, note: '已答复' } }),
  'GET /api/care/questionnaires': () => ({ url: '/api/care/questionnaires' }),
  'POST /api/care/questionnaires': () => ({ url: '/api/care/questionnaires', body: { name: '矩阵问卷', questions: [{ code: 'overall', text: '总体', type: 'score' }] } }),
  'PUT /api/care/questionnaires/:id': async (c) => ({ url: `/api/care/questionnaires/${(await buildQuestionnaire(c.db, c.storeId)).id}`, body: { name: '改名', questions: [{ code: 'overall', text: '总体', type: 'score' }], version: 1 } }),
  'GET /api/care/stats': () => ({ url: '/api/care/stats?from=2026-01-01&to=2026-01-31' }),
  'GET /api/care/stats/export.xlsx': () => ({ url: '/api/care/stats/export.xlsx?from=2026-01-01&to=2026-01-31' }),
  'GET /api/care/calls': () => ({ url: '/api/care/calls?from=2026-01-01&to=2026-01-31' }),
  'GET /api/care/calls/export.xlsx': () => ({ url: '/api/care/calls/export.xlsx?from=2026-01-01&to=2026-01-31' }),
  // Monthly reports and improvement actions (SPEC §17)
  // A month without records: a full report costs 0.5–1 s per request, the matrix runs these for every role (monthly.test.ts covers the content).
  'GET /api/monthly-reports/:kind': () => ({ url: '/api/monthly-reports/manager?month=2020-01' }),
  'GET /api/monthly-reports/:kind/export.pptx': () => ({ url: '/api/monthly-reports/manager/export.pptx?month=2020-01' }),
  'GET /api/monthly-reports/:kind/export.xlsx': () => ({ url: '/api/monthly-reports/manager/export.xlsx?month=2020-01' }),
  'PUT /api/monthly-reports/:kind/comments/:section': () => ({ url: '/api/monthly-reports/manager/comments/problems', body: { month: freshMonth(), problems: '一次修复率下降', plan: '加强终检', version: 0 } }),
  'GET /api/improvement-actions': () => ({ url: '/api/improvement-actions?status=not_started' }),
  'GET /api/improvement-actions/export.xlsx': () => ({ url: '/api/improvement-actions/export.xlsx?department=workshop' }),
  'GET /api/improvement-actions/:id': async (c) => ({ url: `/api/improvement-actions/${(await buildImprovementAction(c.db, c.storeId)).id}` }),
  'POST /api/improvement-actions': async (c) => {
    const [owner, supervisor] = [await staffMember(c), await staffMember(c)];
    const month = freshMonth();
    return { url: '/api/improvement-actions', body: { month, department: 'workshop', rank: 1, problem: '返修率高', measure: '终检加测', ownerId: owner.id, supervisorId: supervisor.id, dueDate: `${month}-28`, checkpoint: '每周复核' } };
  },
  'PUT /api/improvement-actions/:id': async (c) => {
    const a = await buildImprovementAction(c.db, c.storeId);
    const [owner, supervisor] = [await staffMember(c), await staffMember(c)];
    return { url: `/api/improvement-actions/${a.id}`, body: { month: a.month, department: a.department, rank: a.rank, problem: a.problem, measure: '新的措施', ownerId: owner.id, supervisorId: supervisor.id, dueDate: a.dueDate, checkpoint: a.checkpoint, version: a.version } };
  },
  'POST /api/improvement-actions/:id/status': async (c) => {
    const a = await buildImprovementAction(c.db, c.storeId);
    return { url: `/api/improvement-actions/${a.id}/status`, body: { status: 'in_progress', version: a.version } };
  },
  'POST /api/improvement-actions/:id/evidence': async (c) => ({ url: `/api/improvement-actions/${(await buildImprovementAction(c.db, c.storeId)).id}/evidence`, body: { fileName: '现场.png', dataUrl: TINY_PNG } }),
  'GET /api/improvement-actions/:id/evidence/:evidenceId': async (c) => {
    const a = await buildImprovementAction(c.db, c.storeId);
    return { url: `/api/improvement-actions/${a.id}/evidence/${(await buildEvidence(c.db, c.storeId, a.id)).id}` };
  },
  // Complaints, messages and manufacturer scores (SPEC §8–§10)
  'GET /api/complaints': () => ({ url: '/api/complaints?overdue=true&category=quality' }),
  'GET /api/complaints/export.xlsx': () => ({ url: '/api/complaints/export.xlsx?state=registered' }),
  'GET /api/complaints/weekly': () => ({ url: '/api/complaints/weekly?from=2026-01-05&to=2026-03-01' }),
  'GET /api/complaints/by-department': () => ({ url: `/api/complaints/by-department${period}` }),
  'GET /api/complaints/:id': async (c) => ({ url: `/api/complaints/${(await buildComplaint(c.db, c.storeId)).id}` }),
  'POST /api/complaints': async (c) => ({
    url: '/api/complaints',
    body: { customerId: (await buildCustomer(c.db, c.storeId)).id, channel: 'counter', category: 'attitude', severity: 'minor', description: '接待态度差' },
  }),
  'POST /api/complaints/:id/steps': async (c) => {
    const row = await buildComplaint(c.db, c.storeId, { state: 'acknowledged', apology: '抱歉', promisedReplyAt: new Date(Date.now() + 3_600_000) });
    return { url: `/api/complaints/${row.id}/steps`, body: { action: 'investigate', version: row.version } };
  },
  'GET /api/message-templates': () => ({ url: '/api/message-templates' }),
  'POST /api/message-templates': () => ({ url: '/api/message-templates', body: { name: unique('模板'), channel: 'sms', body: '{客户}您好，{车牌}已完工' } }),
  'PUT /api/message-templates/:id': async (c) => {
    const row = await buildMessageTemplate(c.db, c.storeId);
    return { url: `/api/message-templates/${row.id}`, body: { name: row.name, channel: 'sms', body: '{客户}您好', version: row.version } };
  },
  'POST /api/messages/preview': async (c) => ({ url: '/api/messages/preview', body: await composeBody(c.db, c.storeId) }),
  'POST /api/messages': async (c) => ({ url: '/api/messages', body: await composeBody(c.db, c.storeId) }),
  'GET /api/messages': () => ({ url: '/api/messages?sentOnly=true&channel=sms' }),
  'GET /api/messages/export.xlsx': () => ({ url: '/api/messages/export.xlsx?from=2026-01-01&to=2026-01-31' }),
  'GET /api/outbox/settings': () => ({ url: '/api/outbox/settings' }),
  'PUT /api/outbox/settings': () => ({ url: '/api/outbox/settings', body: { quietStart: '21:00', quietEnd: '08:00', provider: 'record', webhookUrl: '', maxAttempts: 5, retryBaseSeconds: 60 } }),
  'GET /api/satisfaction/weights': () => ({ url: '/api/satisfaction/weights' }),
  'PUT /api/satisfaction/weights': () => ({ url: '/api/satisfaction/weights', body: DEFAULT_CSS_WEIGHTS }),
  'GET /api/satisfaction/css': () => ({ url: '/api/satisfaction/css?from=2026-01&to=2026-12' }),
  'PUT /api/satisfaction/css': () => ({ url: '/api/satisfaction/css', body: { month: '2026-06', store: { sampleSize: 30, cssScore: 90.5, items: { car_clean: 92, work_done_right: 88 } } } }),
  'GET /api/satisfaction/pt': () => ({ url: '/api/satisfaction/pt?from=2026-01&to=2026-12' }),
  'PUT /api/satisfaction/pt': () => ({ url: '/api/satisfaction/pt', body: { month: '2026-06', sections: [{ section: 'reception', items: 8, passed: 7 }] } }),
  'GET /api/satisfaction/trend': () => ({ url: '/api/satisfaction/trend?from=2025-01&to=2026-12' }),
};
