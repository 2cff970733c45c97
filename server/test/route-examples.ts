import type { Executor } from '../src/db/types';
import type { buildWorld } from './factories';
import { buildBay, buildCertification, buildMaintenancePackage, buildServiceItem, buildStore, buildUser, buildVehicleModel, storeVersion, TEST_PASSWORD, unique } from './factories';
import { buildCustomer, buildSegment, buildVehicle, makeMobile, makeVin } from '../src/modules/customers/customers.factories';
import { importFile } from '../src/modules/customers/customers.test-helpers';
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

/**
 * One valid request per API route, used by the permission matrix: every route × every role must
 * give 2xx when the role holds the route's permission and 403 when it does not. A route without an
 * example fails the matrix, so a new module must add its routes here.
 */
export interface RouteExample {
  url: string;
  body?: unknown;
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
  'POST /api/parts/requests': async (c) => ({ url: '/api/parts/requests', body: { roId: 1, partId: (await buildPart(c.db, c.storeId)).id, quantity: 1 } }),
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
};
