import { sql } from 'drizzle-orm';
import { computeTotals, labourAmountFen } from '#contracts/repair-order-pricing';
import type { Payer, PaymentMethod, RoAction, RoState, RoTotals, RoType } from '#contracts/repair-orders';
import { DEFAULT_LABOUR_RATES, type JobType } from '#contracts/stores';
import { formatPlate } from '#contracts/vehicle';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { partRequests } from '../modules/parts/requests.table';
import { repairOrderLines, repairOrders, repairOrderTransitions, settlementPayments, settlements } from '../modules/repair-orders/repair-orders.table';
import { documentCounters } from '../platform/documents.table';
import { localDay } from '../platform/doc-numbers';
import { localToInstant, todayIn } from '../platform/local-time';
import { bulkInsert, reserveIds } from './bulk';
import { FEATURED_CAR } from './files';
import type { DemoOptions, DemoStore } from './generator';
import { Random } from './random';
import { amountOf, insertFittedParts, salesByDay, takeSales, type DaySale, type FittedPart } from './ro-parts';

/**
 * Repair orders of the demo stores (SPEC §5, §7): every past visit of the files (an odometer
 * reading) became an RO that was settled and delivered: maintenance visits with the model's
 * package, other visits with repairs, body work paid by insurers, first services and warranty jobs
 * paid by the maker, a few discounts and cancellations. Today's workshop is busy: a dozen open ROs
 * in every state, some late, some ready to settle. History carries its moments on the RO (signed,
 * dispatched, ready, settled, delivered) rather than a transition row per step; today's ROs have
 * their transitions. Past ROs carry the parts the parts history sold that day (ro-parts.ts): oil and
 * filters on maintenance, the rest on repairs.
 */

const TIME_ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export interface StoreRepairOrdersSummary {
  repairOrders: number;
  open: number;
  settlements: number;
}

interface Visit {
  id: number;
  vehicle_id: number;
  km: number;
  read_at: Date;
  service: boolean;
  brought_by_name: string;
  owner_id: number | null;
  owner_name: string | null;
  plate: string | null;
  vin: string | null;
  model_name: string | null;
  vehicle_model_id: number | null;
}

interface Item {
  id: number;
  code: string;
  name: string;
  jobType: JobType;
  hours: string;
  fixedPriceFen: number | null;
}

const REPAIRS: [RoType, string[], string][] = [
  ['general_repair', ['R001'], '刹车时有异响'],
  ['general_repair', ['R003'], '发动机故障灯亮'],
  ['general_repair', ['R006'], '早上打不着火'],
  ['general_repair', ['M007'], '方向跑偏'],
  ['quick_service', ['M008', 'W001'], '怠速抖动，顺便洗车'],
  ['body_paint', ['B001', 'P001'], '前保险杠刮擦（保险报案）'],
  ['warranty', ['R002'], '发动机异响（质保期内）'],
  ['general_repair', ['R002'], '正时皮带到期更换'],
];
const CUSTOMER_METHODS: PaymentMethod[] = ['wechat', 'wechat', 'wechat', 'alipay', 'alipay', 'card', 'card', 'cash', 'member_balance', 'transfer'];

/** Today's open ROs: the state each one is in, how far into the day it was opened, and the moves that got it there. */
const TODAY: { state: RoState; path: RoAction[]; openedHoursAgo: number; promisedInHours: number; pause?: 'waiting_parts' | 'waiting_approval' }[] = [
  { state: 'draft', path: [], openedHoursAgo: 0.1, promisedInHours: 3 },
  { state: 'open', path: ['sign'], openedHoursAgo: 0.5, promisedInHours: 3 },
  { state: 'dispatched', path: ['sign', 'dispatch'], openedHoursAgo: 1, promisedInHours: 2 },
  { state: 'in_progress', path: ['sign', 'dispatch', 'start'], openedHoursAgo: 2, promisedInHours: 1 },
  { state: 'in_progress', path: ['sign', 'dispatch', 'start'], openedHoursAgo: 3, promisedInHours: -0.5 },
  { state: 'in_progress', path: ['sign', 'dispatch', 'start'], openedHoursAgo: 1.5, promisedInHours: 4 },
  { state: 'paused', path: ['sign', 'dispatch', 'start', 'pause'], openedHoursAgo: 4, promisedInHours: 5, pause: 'waiting_parts' },
  { state: 'paused', path: ['sign', 'dispatch', 'start', 'pause'], openedHoursAgo: 2.5, promisedInHours: 2, pause: 'waiting_approval' },
  { state: 'qc', path: ['sign', 'dispatch', 'start', 'submit_qc'], openedHoursAgo: 3, promisedInHours: 0.5 },
  { state: 'washing', path: ['sign', 'dispatch', 'start', 'submit_qc', 'qc_pass'], openedHoursAgo: 3.5, promisedInHours: 0.4 },
  { state: 'ready', path: ['sign', 'dispatch', 'start', 'submit_qc', 'skip_wash'], openedHoursAgo: 4, promisedInHours: -0.2 },
  { state: 'ready', path: ['sign', 'dispatch', 'start', 'submit_qc', 'qc_pass', 'washed'], openedHoursAgo: 5, promisedInHours: 0 },
];
const STATE_AFTER: Record<string, RoState> = {
  sign: 'open',
  dispatch: 'dispatched',
  start: 'in_progress',
  pause: 'paused',
  submit_qc: 'qc',
  qc_pass: 'washing',
  skip_wash: 'ready',
  washed: 'ready',
};

type RoInsert = typeof repairOrders.$inferInsert;

export async function insertStoreRepairOrders(tx: Executor, store: DemoStore, storeIndex: number, opts: Required<DemoOptions>): Promise<StoreRepairOrdersSummary> {
  const random = new Random(opts.seed * 7919 + storeIndex + 4);
  const items = await storeItems(tx, store.id);
  const byCode = new Map(items.map((i) => [i.code, i]));
  const advisors = store.staff.filter((s) => s.role === 'service_advisor');
  const visits = await queryRows<Visit>(
    tx,
    sql`SELECT r.id, r.vehicle_id, r.km, r.read_at, r.service, r.brought_by_name, v.owner_id, c.name AS owner_name, v.plate, v.vin, v.vehicle_model_id,
               CASE WHEN m.id IS NULL THEN NULL ELSE m.brand || ' ' || m.series || ' ' || m.model END AS model_name
        FROM odometer_readings r
        JOIN vehicles v ON v.id = r.vehicle_id
        LEFT JOIN customers c ON c.id = v.owner_id
        LEFT JOIN vehicle_models m ON m.id = v.vehicle_model_id
        WHERE r.store_id = ${store.id}
        ORDER BY r.read_at, r.id`,
  );
  const today = opts.asOf;
  const counters = new Map<string, number>();
  const numberOf = (prefix: string, at: Date) => {
    const day = localDay(at, TIME_ZONE);
    const key = `${prefix}${day}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${prefix}${day}-${String(n).padStart(4, '0')}`;
  };

  const ros: (RoInsert & { id: number })[] = [];
  const lines: (typeof repairOrderLines.$inferInsert)[] = [];
  const settlementRows: (typeof settlements.$inferInsert & { id: number })[] = [];
  const payments: (typeof settlementPayments.$inferInsert)[] = [];
  const transitions: (typeof repairOrderTransitions.$inferInsert)[] = [];
  const past = visits.filter((v) => localDay(new Date(v.read_at), TIME_ZONE) < today.replace(/-/g, ''));
  const ids = await reserveIds(tx, repairOrders, past.length + TODAY.length);
  const settlementIds = await reserveIds(tx, settlements, past.length);
  // Its own random stream, so that the ROs themselves stay what they were before parts joined them.
  const partsRandom = new Random(opts.seed * 7919 + storeIndex + 5);
  const sales = await salesByDay(tx, store.id);
  const partsOfRos: { sale: DaySale; roId: number; roNumber: string; payer: Payer; at: Date }[] = [];

  const plan = (v: Visit, km: number): { type: RoType; lines: { item: Item; payer: Payer }[]; concern: string } => {
    if (v.service) {
      const pkg = packageFor(store, v.vehicle_model_id, km);
      const firstService = km <= 6_000;
      const payer: Payer = firstService ? 'warranty' : 'customer';
      const chosen = (pkg?.itemCodes ?? ['M001', 'M009']).flatMap((c) => (byCode.get(c) ? [{ item: byCode.get(c)!, payer }] : []));
      return { type: firstService ? 'first_service' : 'periodic_maintenance', lines: chosen, concern: firstService ? '首次保养' : `${Math.round(km / 1000) * 1000} 公里保养` };
    }
    const [type, codes, concern] = random.pick(REPAIRS);
    const payer: Payer = type === 'warranty' ? 'warranty' : type === 'body_paint' && random.chance(0.7) ? 'insurance' : 'customer';
    return { type, lines: codes.flatMap((c) => (byCode.get(c) ? [{ item: byCode.get(c)!, payer }] : [])), concern };
  };

  past.forEach((v, k) => {
    const id = ids[k]!;
    const openedAt = new Date(v.read_at);
    const { type, lines: planned, concern } = plan(v, v.km);
    const advisor = random.pick(advisors);
    const priced = planned.map(({ item, payer }) => ({
      kind: 'labour' as const,
      payer,
      item,
      rateFen: DEFAULT_LABOUR_RATES[item.jobType],
      amountFen: item.fixedPriceFen ?? labourAmountFen(item.hours, DEFAULT_LABOUR_RATES[item.jobType]),
    }));
    const hundredths = planned.reduce((a, p) => a + Math.round(Number(p.item.hours) * 100), 0);
    const workMs = Math.max(1, hundredths / 100) * HOUR;
    const cancelled = random.chance(0.01);
    const customerLabour = priced.filter((p) => p.payer === 'customer').reduce((a, p) => a + p.amountFen, 0);
    const discount = { labourDiscountFen: !cancelled && customerLabour > 0 && random.chance(0.1) ? Math.floor(customerLabour * 0.05) : 0, partsDiscountFen: 0 };
    const wanted = cancelled ? 0 : v.service ? (partsRandom.chance(0.85) ? 2 : 1) : partsRandom.chance(0.6) ? partsRandom.int(1, 2) : 0;
    const partsPayer: Payer = priced[0]?.payer ?? 'customer';
    const fitted = takeSales(sales, openedAt, v.service, wanted);
    const number = numberOf('RO', openedAt);
    for (const sale of fitted) partsOfRos.push({ sale, roId: id, roNumber: number, payer: partsPayer, at: new Date(openedAt.getTime() + 40 * MINUTE) });
    const totals: RoTotals = computeTotals([...priced, ...fitted.map((sale) => ({ kind: 'part' as const, payer: partsPayer, amountFen: amountOf(sale) }))], discount);
    const readyAt = new Date(openedAt.getTime() + 45 * MINUTE + workMs);
    const settledAt = new Date(readyAt.getTime() + random.int(10, 90) * MINUTE);
    ros.push({
      id,
      storeId: store.id,
      number,
      type,
      state: cancelled ? 'cancelled' : 'delivered',
      pricingMethod: 'by_item',
      vehicleId: v.vehicle_id,
      customerId: v.owner_id,
      advisorId: advisor.userId,
      advisorName: advisor.displayName,
      plate: v.plate ? formatPlate(v.plate) : null,
      vin: v.vin,
      modelName: v.model_name ?? '',
      customerName: v.owner_name ?? '',
      broughtByName: v.brought_by_name || v.owner_name || '车主',
      odometerKm: v.km,
      fuelLevel: random.pick(['quarter', 'half', 'half', 'three_quarters', 'full'] as const),
      concerns: [concern],
      promisedAt: new Date(openedAt.getTime() + 90 * MINUTE + workMs),
      estimatedHundredths: hundredths,
      totalFen: totals.totalFen,
      openedAt,
      signedAt: new Date(openedAt.getTime() + 5 * MINUTE),
      dispatchedAt: cancelled ? null : new Date(openedAt.getTime() + 15 * MINUTE),
      startedAt: cancelled ? null : new Date(openedAt.getTime() + 30 * MINUTE),
      readyAt: cancelled ? null : readyAt,
      settledAt: cancelled ? null : settledAt,
      deliveredAt: cancelled ? null : new Date(settledAt.getTime() + random.int(5, 30) * MINUTE),
      cancelledAt: cancelled ? new Date(openedAt.getTime() + 20 * MINUTE) : null,
      cancelReason: cancelled ? '客户临时有事，改日再来' : '',
      updatedAt: openedAt,
    });
    for (const p of priced) lines.push(lineRow(store.id, id, p));
    if (cancelled) return;
    const settlementId = settlementIds[k]!;
    settlementRows.push({
      id: settlementId,
      storeId: store.id,
      roId: id,
      number: numberOf('JS', settledAt),
      totals,
      labourFen: totals.labourFen,
      partsFen: totals.partsFen,
      discountFen: totals.discountFen,
      totalFen: totals.totalFen,
      discountReason: totals.discountFen > 0 ? '老客户优惠' : '',
      gatePassNumber: numberOf('CC', settledAt),
      settledBy: advisor.userId,
      settledByName: advisor.displayName,
      settledAt,
    });
    for (const t of totals.byPayer) {
      if (t.totalFen === 0) continue;
      payments.push({ storeId: store.id, settlementId, payer: t.payer, method: t.payer === 'customer' ? random.pick(CUSTOMER_METHODS) : 'on_account', amountFen: t.totalFen, reference: '' });
    }
  });

  // Today's workshop: the last visited cars (not the demo car, which the reception journey receives).
  const recent = [...new Map(past.map((v) => [v.vehicle_id, v])).values()].filter((v) => v.plate !== FEATURED_CAR.plate).slice(-TODAY.length * 3);
  // "Now" of the data set: the real clock on its own day (the demo), noon of `asOf` otherwise (tests).
  const now = opts.asOf === todayIn(TIME_ZONE) ? Date.now() : localToInstant(opts.asOf, '12:00', TIME_ZONE).getTime();
  TODAY.forEach((spec, k) => {
    const v = recent[recent.length - 1 - k * 2];
    if (!v) return;
    const id = ids[past.length + k]!;
    const openedAt = new Date(now - spec.openedHoursAgo * HOUR);
    const km = v.km + random.int(800, 6000);
    const { type, lines: planned, concern } = plan({ ...v, service: k % 3 !== 1 }, km);
    const advisor = advisors[k % advisors.length]!;
    const priced = planned.map(({ item, payer }) => ({ kind: 'labour' as const, payer, item, rateFen: DEFAULT_LABOUR_RATES[item.jobType], amountFen: item.fixedPriceFen ?? labourAmountFen(item.hours, DEFAULT_LABOUR_RATES[item.jobType]) }));
    const hundredths = planned.reduce((a, p) => a + Math.round(Number(p.item.hours) * 100), 0);
    const stampAt = (action: RoAction) => new Date(openedAt.getTime() + (spec.path.indexOf(action) + 1) * ((spec.openedHoursAgo * HOUR) / (spec.path.length + 1)));
    ros.push({
      id,
      storeId: store.id,
      number: numberOf('RO', openedAt),
      type,
      state: spec.state,
      pricingMethod: 'by_item',
      vehicleId: v.vehicle_id,
      customerId: v.owner_id,
      advisorId: advisor.userId,
      advisorName: advisor.displayName,
      plate: v.plate ? formatPlate(v.plate) : null,
      vin: v.vin,
      modelName: v.model_name ?? '',
      customerName: v.owner_name ?? '',
      broughtByName: v.owner_name || '车主',
      odometerKm: km,
      fuelLevel: 'half',
      concerns: [concern],
      promisedAt: new Date(now + spec.promisedInHours * HOUR),
      estimatedHundredths: hundredths,
      totalFen: priced.reduce((a, p) => a + p.amountFen, 0),
      openedAt,
      signedAt: spec.path.includes('sign') ? stampAt('sign') : null,
      dispatchedAt: spec.path.includes('dispatch') ? stampAt('dispatch') : null,
      startedAt: spec.path.includes('start') ? stampAt('start') : null,
      readyAt: spec.state === 'ready' ? new Date(now - 10 * MINUTE) : null,
      pauseReason: spec.pause ?? null,
      updatedAt: new Date(now),
      version: spec.path.length + 1,
    });
    for (const p of priced) lines.push(lineRow(store.id, id, p));
    let from: RoState = 'draft';
    for (const action of spec.path) {
      const to = STATE_AFTER[action]!;
      transitions.push({ storeId: store.id, roId: id, action, fromState: from, toState: to, reason: action === 'pause' ? '等待配件到货' : '', actorId: advisor.userId, actorName: advisor.displayName, at: stampAt(action) });
      from = to;
    }
  });

  // Rows differ in which optional columns they set: load them with one column list.
  const full = ros.map((r) => Object.fromEntries(ALL_RO_COLUMNS.map((c) => [c, (r as Record<string, unknown>)[c] ?? RO_DEFAULTS[c] ?? null])));
  await bulkInsert(tx, repairOrders, ALL_RO_COLUMNS, full as never, { overridingSystemValue: true });
  await bulkInsert(tx, repairOrderLines, LINE_COLUMNS, lines as never);
  await insertRoParts(tx, store, partsOfRos, partsRandom);
  await bulkInsert(tx, settlements, SETTLEMENT_COLUMNS, settlementRows as never, { overridingSystemValue: true });
  await bulkInsert(tx, settlementPayments, ['storeId', 'settlementId', 'payer', 'method', 'amountFen', 'reference'], payments as never);
  await bulkInsert(tx, repairOrderTransitions, ['storeId', 'roId', 'action', 'fromState', 'toState', 'reason', 'actorId', 'actorName', 'at'], transitions as never);
  // The counters continue from the demo's numbers, so the first real RO of the day gets the next one.
  await bulkInsert(
    tx,
    documentCounters,
    ['storeId', 'prefix', 'day', 'last'],
    [...counters.entries()].map(([key, last]) => ({ storeId: store.id, prefix: key.slice(0, 2), day: key.slice(2), last })),
    { onConflictDoNothing: true },
  );
  return { repairOrders: ros.length, open: ros.length - past.length, settlements: settlementRows.length };
}

const ALL_RO_COLUMNS = [
  'id',
  'storeId',
  'number',
  'type',
  'state',
  'pricingMethod',
  'vehicleId',
  'customerId',
  'advisorId',
  'advisorName',
  'plate',
  'vin',
  'modelName',
  'customerName',
  'broughtByName',
  'odometerKm',
  'fuelLevel',
  'concerns',
  'promisedAt',
  'estimatedHundredths',
  'totalFen',
  'openedAt',
  'signedAt',
  'dispatchedAt',
  'startedAt',
  'readyAt',
  'settledAt',
  'deliveredAt',
  'cancelledAt',
  'cancelReason',
  'pauseReason',
  'updatedAt',
  'version',
] as const;
const RO_DEFAULTS: Record<string, unknown> = { cancelReason: '', version: 1 };
const LINE_COLUMNS = ['storeId', 'roId', 'kind', 'source', 'serviceItemId', 'description', 'jobType', 'hours', 'rateFen', 'fixedPriceFen', 'amountFen', 'payer', 'createdAt'] as const;
const SETTLEMENT_COLUMNS = [
  'id',
  'storeId',
  'roId',
  'number',
  'totals',
  'labourFen',
  'partsFen',
  'discountFen',
  'totalFen',
  'discountReason',
  'gatePassNumber',
  'settledBy',
  'settledByName',
  'settledAt',
] as const;

function lineRow(storeId: number, roId: number, p: { payer: Payer; item: Item; rateFen: number; amountFen: number }): typeof repairOrderLines.$inferInsert {
  return {
    storeId,
    roId,
    kind: 'labour',
    source: 'estimate',
    serviceItemId: p.item.id,
    description: p.item.name,
    jobType: p.item.jobType,
    hours: p.item.hours,
    rateFen: p.rateFen,
    fixedPriceFen: p.item.fixedPriceFen,
    amountFen: p.amountFen,
    payer: p.payer,
    createdAt: new Date(),
  };
}

/** The part lines of the past ROs, their requests, and their movements turned into issues. */
async function insertRoParts(tx: Executor, store: DemoStore, planned: { sale: DaySale; roId: number; roNumber: string; payer: Payer; at: Date }[], random: Random) {
  const clerk = store.staff.find((s) => s.role === 'parts_clerk') ?? store.staff[0]!;
  const lineIds = await reserveIds(tx, repairOrderLines, planned.length);
  const requestIds = await reserveIds(tx, partRequests, planned.length);
  const fitted: FittedPart[] = planned.map((p, i) => ({ ...p.sale, roId: p.roId, roNumber: p.roNumber, lineId: lineIds[i]!, requestId: requestIds[i]!, requestedAt: p.at, amountFen: amountOf(p.sale) }));
  await bulkInsert(
    tx,
    repairOrderLines,
    ['id', 'storeId', 'roId', 'kind', 'source', 'partId', 'description', 'quantity', 'unitPriceFen', 'amountFen', 'payer', 'partRequestId', 'createdAt'],
    fitted.map((f, i) => ({
      id: f.lineId,
      storeId: store.id,
      roId: f.roId,
      kind: 'part' as const,
      source: 'estimate' as const,
      partId: f.partId,
      description: `${f.partNo} ${f.name}`,
      quantity: (f.milli / 1000).toFixed(3),
      unitPriceFen: f.priceFen,
      amountFen: f.amountFen,
      payer: planned[i]!.payer,
      partRequestId: f.requestId,
      createdAt: f.requestedAt,
    })),
    { overridingSystemValue: true, chunkSize: 5_000 },
  );
  await insertFittedParts(tx, store.id, fitted, clerk, random);
}

function packageFor(store: DemoStore, modelId: number | null, km: number) {
  const own = store.packages.filter((p) => p.vehicleModelId === modelId);
  if (own.length === 0) return undefined;
  const dividing = own.filter((p) => p.mileageKm > 0 && Math.round(km / 5000) * 5000 % p.mileageKm === 0).sort((a, b) => b.mileageKm - a.mileageKm);
  return dividing[0] ?? own.find((p) => p.mileageKm === 10_000) ?? own[0];
}

async function storeItems(tx: Executor, storeId: number): Promise<Item[]> {
  const rows = await queryRows<{ id: number; code: string; name: string; job_type: JobType; standard_hours: string; fixed_price_fen: number | null }>(
    tx,
    sql`SELECT id, code, name, job_type, standard_hours::text, fixed_price_fen FROM service_items WHERE store_id = ${storeId}`,
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, jobType: r.job_type, hours: r.standard_hours, fixedPriceFen: r.fixed_price_fen === null ? null : Number(r.fixed_price_fen) }));
}
