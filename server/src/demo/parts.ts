import { sql } from 'drizzle-orm';
import { DECIMAL_UNITS, type MovementKind, type PartCategory, type PartUnit } from '#contracts/parts';
import type { PurchaseKind, PurchaseOrderStatus } from '#contracts/parts-purchasing';
import { queryRows } from '../db/rows';
import type { Executor } from '../db/types';
import { addDays } from '../platform/local-time';
import { searchColumnsOf } from '../modules/parts/catalog.keys';
import { partVehicleModels, parts } from '../modules/parts/catalog.table';
import { documentCounters } from '../platform/documents.table';
import { applyMovements } from '../modules/parts/ledger.repository';
import { purchaseOrderLines, purchaseOrders, purchaseReceipts } from '../modules/parts/purchasing.table';
import { stockMovements } from '../modules/parts/stock.table';
import { stocktakeLines, stocktakes } from '../modules/parts/stocktake.table';
import * as transfersRepo from '../modules/parts/transfers.repository';
import { bulkInsert, reserveIds } from './bulk';
import type { DemoStaff, DemoStore } from './generator';
import { digits, Random } from './random';

/**
 * Parts of the demo and benchmark data (SPEC §13, ADR 5): per store a catalog of `partsPerStore`
 * parts of the store's brand (part numbers in the maker's format, fitting models, bin locations),
 * `years` of stock history simulated month by month — opening stock, monthly regular orders received
 * a few days later (some short, some over), counter sales (柜台销售), a few scraps, parts that stopped
 * selling (呆滞) — a past quarterly stocktake (盘点) with a few variances, open orders in every state
 * (draft, ordered, partly received, an outside purchase 外采 awaiting the workshop's approval) and,
 * with three stores or more, transfers (调拨) between the two stores of the same brand.
 *
 * Issues to repair orders (领料) and old parts (旧件) need repair orders: the RO module adds them.
 *
 * LEDGER RULES (ADR 5): the movements are valued exactly as the ledger values them (moving average
 * in integers; the last unit out takes the value left), written in time order (ids grow with time),
 * and the balances and valuations are then computed from them in SQL, so the ledger's sums equal
 * the balances by construction. The few live transfers at the end go through the ledger itself.
 *
 * Each store draws from its own stream (seed × store index), so a seed gives the same parts and
 * history on every machine; dates are offsets from `asOf`.
 */

export const DEFAULT_PARTS_PER_STORE = 200;

export interface PartsOptions {
  seed: number;
  years: number;
  asOf: string;
  partsPerStore: number;
}

export interface StorePartsSummary {
  parts: number;
  movements: number;
  purchaseOrders: number;
  /** A few part ids with stock (for tests and the benchmark), lowest ids first. */
  stockedPartIds: number[];
}

interface Template {
  name: string;
  category: PartCategory;
  unit: PartUnit;
  costFen: number;
  /** Sales per month (units, or litres for oil). */
  rate: number;
  /** Quantity of one sale. */
  lot: number;
  toyota: string;
  vw: string;
}

/** Common service parts; part numbers in each maker's format (丰田 xxxxx-xxxxx, 大众 06L115562B). */
const TEMPLATES: Template[] = [
  { name: '机油滤清器', category: 'filters', unit: 'piece', costFen: 3200, rate: 30, lot: 1, toyota: '90915-YZZE1', vw: '06L115562B' },
  { name: '空气滤清器', category: 'filters', unit: 'piece', costFen: 6800, rate: 12, lot: 1, toyota: '17801-21050', vw: '5Q0129620B' },
  { name: '空调滤清器', category: 'filters', unit: 'piece', costFen: 5500, rate: 14, lot: 1, toyota: '87139-0K010', vw: '5Q0819653' },
  { name: '燃油滤清器', category: 'filters', unit: 'piece', costFen: 9800, rate: 3, lot: 1, toyota: '23300-0T010', vw: '5Q0201051J' },
  { name: '全合成机油 0W-20', category: 'oil_fluids', unit: 'litre', costFen: 6500, rate: 120, lot: 4, toyota: '08880-83715', vw: 'G 052 577 M2' },
  { name: '全合成机油 5W-30', category: 'oil_fluids', unit: 'litre', costFen: 5800, rate: 90, lot: 4.5, toyota: '08880-83716', vw: 'G 052 195 M4' },
  { name: '制动液 DOT4', category: 'oil_fluids', unit: 'bottle', costFen: 4200, rate: 6, lot: 1, toyota: '08823-80011', vw: 'B 000 750 M3' },
  { name: '防冻冷却液', category: 'oil_fluids', unit: 'litre', costFen: 2600, rate: 20, lot: 2, toyota: '08889-80140', vw: 'G 013 A8J M1' },
  { name: '自动变速箱油', category: 'oil_fluids', unit: 'litre', costFen: 9800, rate: 8, lot: 4, toyota: '08886-81210', vw: 'G 055 025 A2' },
  { name: '前刹车片', category: 'brakes', unit: 'set', costFen: 32000, rate: 4, lot: 1, toyota: '04465-02220', vw: '5Q0698151C' },
  { name: '后刹车片', category: 'brakes', unit: 'set', costFen: 26000, rate: 3, lot: 1, toyota: '04466-02110', vw: '5Q0698451M' },
  { name: '前刹车盘', category: 'brakes', unit: 'piece', costFen: 42000, rate: 1.2, lot: 2, toyota: '43512-02300', vw: '5Q0615301F' },
  { name: '火花塞', category: 'engine', unit: 'piece', costFen: 6800, rate: 16, lot: 4, toyota: '90919-01253', vw: '04E905612C' },
  { name: '正时皮带套件', category: 'engine', unit: 'set', costFen: 128000, rate: 0.4, lot: 1, toyota: '13568-09130', vw: '04E198119A' },
  { name: '节温器', category: 'engine', unit: 'piece', costFen: 23000, rate: 0.6, lot: 1, toyota: '90916-03129', vw: '04E121113G' },
  { name: '水泵总成', category: 'engine', unit: 'piece', costFen: 68000, rate: 0.5, lot: 1, toyota: '16100-09600', vw: '04E121600AD' },
  { name: '发动机皮带', category: 'engine', unit: 'piece', costFen: 15000, rate: 1.5, lot: 1, toyota: '90916-02704', vw: '04E145933J' },
  { name: '蓄电池 12V 60Ah', category: 'electrical', unit: 'piece', costFen: 56000, rate: 3, lot: 1, toyota: '28800-0T120', vw: '000915105DE' },
  { name: '雨刮片', category: 'electrical', unit: 'pair', costFen: 9500, rate: 10, lot: 1, toyota: '85222-02200', vw: '5G1998002' },
  { name: '近光灯泡 H7', category: 'electrical', unit: 'piece', costFen: 4500, rate: 3, lot: 1, toyota: '90981-13047', vw: 'N 101 641 05' },
  { name: '氧传感器', category: 'electrical', unit: 'piece', costFen: 48000, rate: 0.4, lot: 1, toyota: '89465-02470', vw: '04E906262AB' },
  { name: '前减震器', category: 'chassis', unit: 'piece', costFen: 76000, rate: 0.6, lot: 2, toyota: '48510-09V90', vw: '5Q0413031GP' },
  { name: '下摆臂', category: 'chassis', unit: 'piece', costFen: 52000, rate: 0.4, lot: 1, toyota: '48068-02210', vw: '5Q0407151A' },
  { name: '外球笼防尘套', category: 'chassis', unit: 'piece', costFen: 12000, rate: 0.8, lot: 1, toyota: '04438-02400', vw: '5Q0498203' },
  { name: '前保险杠', category: 'body', unit: 'piece', costFen: 158000, rate: 0.5, lot: 1, toyota: '52119-02M90', vw: '5G0807221GRU' },
  { name: '左前大灯总成', category: 'body', unit: 'piece', costFen: 236000, rate: 0.2, lot: 1, toyota: '81150-02P10', vw: '5G1941005D' },
  { name: '右后视镜镜片', category: 'body', unit: 'piece', costFen: 18000, rate: 0.5, lot: 1, toyota: '87931-02P00', vw: '5G0857522' },
  { name: '前翼子板', category: 'body', unit: 'piece', costFen: 86000, rate: 0.3, lot: 1, toyota: '53811-02A20', vw: '5G0821022A' },
  { name: '轮胎 215/55R17', category: 'tyres', unit: 'piece', costFen: 52000, rate: 3, lot: 2, toyota: '42611-T2A10', vw: '000601021AK' },
  { name: '轮胎 225/45R18', category: 'tyres', unit: 'piece', costFen: 68000, rate: 1.5, lot: 2, toyota: '42611-T2B20', vw: '000601021BL' },
  { name: '原厂脚垫', category: 'accessories', unit: 'set', costFen: 38000, rate: 2, lot: 1, toyota: 'PZ49A-02P00', vw: '5GD061500' },
  { name: '行车记录仪', category: 'accessories', unit: 'piece', costFen: 88000, rate: 0.8, lot: 1, toyota: 'PZ4CD-02A10', vw: '000063610A' },
  { name: '车衣保护膜', category: 'accessories', unit: 'metre', costFen: 4500, rate: 6, lot: 5, toyota: 'PZ4FM-00010', vw: '000096320A' },
  { name: '燃油系统清洗剂', category: 'consumables', unit: 'bottle', costFen: 3800, rate: 18, lot: 1, toyota: '08813-80040', vw: 'G 001 770 A2' },
  { name: '玻璃水', category: 'consumables', unit: 'bottle', costFen: 900, rate: 25, lot: 2, toyota: '08881-80009', vw: 'G 052 164 M2' },
  { name: '放油螺栓垫片', category: 'consumables', unit: 'piece', costFen: 150, rate: 30, lot: 1, toyota: '90430-12031', vw: 'N 013 849 2' },
  { name: '空调制冷剂 R134a', category: 'consumables', unit: 'kg', costFen: 9000, rate: 4, lot: 0.6, toyota: '08886-80560', vw: 'G 052 134 R1' },
  { name: '气门室盖垫', category: 'other', unit: 'piece', costFen: 16000, rate: 0.3, lot: 1, toyota: '11213-0T010', vw: '04E103483L' },
];

const VARIANT_WORDS = ['加强型', '长效型', '运动版', '舒适版', '高配', '低配', '改进型', '2代', '3代', '国六'];
const SUPPLIERS = { 丰田: '一汽丰田配件中心（成都库）', '一汽-大众': '一汽-大众配件配送中心（西南）' } as Record<string, string>;
const OUTSIDE_SUPPLIERS = ['成都蜀都汽配城 张记汽配', '成都西部汽配市场 恒通汽配'];
const COUNTER_CUSTOMERS = ['散客', '散客', '散客', '锦城物流有限公司', '二级网点：青羊区顺达汽修', '二级网点：双流县华通汽服', '老客户自购'];
const SHELVES = 'ABCDEF';

/** Store-local minute past midnight of day `ago` days before `asOf` (UTC+8, no DST). */
function instant(asOf: string, ago: number, minute: number): Date {
  return new Date(Date.parse(`${asOf}T00:00:00+08:00`) - ago * 86_400_000 + minute * 60_000);
}

/** a / b rounded half away from zero, as the ledger rounds (qty.ts), on safe integers. */
function roundDiv(a: number, b: number): number {
  const q = Math.floor((2 * Math.abs(a) + b) / (2 * b));
  return a < 0 ? -q : q;
}
const valueOf = (milli: number, unitFen: number) => roundDiv(milli * unitFen, 1000);
const unitCostOf = (value: number, milli: number) => (milli === 0 ? 0 : roundDiv(Math.abs(value) * 1000, Math.abs(milli)));
const qtyText = (milli: number) => {
  const a = Math.abs(milli);
  return `${milli < 0 ? '-' : ''}${Math.floor(a / 1000)}.${String(a % 1000).padStart(3, '0')}`;
};

interface PlannedPart {
  id: number;
  partNo: string;
  name: string;
  brand: string;
  origin: 'oem' | 'aftermarket';
  unit: PartUnit;
  category: PartCategory;
  costFen: number;
  retailPriceFen: number;
  defaultLocation: string;
  safetyStock: string | null;
  vehicleModelIds: number[];
  /** Sales per month in milli-units, and the lot of one sale. */
  rateMilli: number;
  lotMilli: number;
  /** Months before the end after which it stops selling (呆滞), or null. */
  stopsAgoDays: number | null;
  // Simulation state.
  qty: number;
  value: number;
}

type MovementRow = typeof stockMovements.$inferInsert & { at: Date };

interface OrderPlan {
  id: number;
  number: string;
  supplier: string;
  kind: PurchaseKind;
  status: PurchaseOrderStatus;
  createdAt: Date;
  orderedAt: Date | null;
  expectedDate: string | null;
  note: string;
  createdBy: DemoStaff;
  approval: { by: DemoStaff; at: Date; note: string } | null;
  cancel: { at: Date; reason: string } | null;
  lines: { id: number; partId: number; quantity: number; received: number; unitCostFen: number; closed: boolean; closeReason: string }[];
}

function storeRandom(seed: number, storeIndex: number): Random {
  // Another stream than the files' (files.ts), so adding parts does not change the customers.
  return new Random((seed ^ Math.imul(storeIndex + 1, 0x85ebca6b) ^ 0x5bd1e995) >>> 0);
}

const isToyota = (brand: string) => brand === '丰田';

function partNumber(r: Random, brand: string): string {
  if (isToyota(brand)) return `${digits(r, 5)}-${digits(r, 2)}${r.pick(['0', 'A', 'B', 'T', 'K'])}${digits(r, 2)}`;
  const letters = 'ABCDEFGHJKLMN';
  return `${r.pick(['5Q0', '5G0', '04E', '06L', '1K0', '3G0'])}${digits(r, 3)}${digits(r, 3)}${r.chance(0.6) ? r.pick([...letters]) : ''}`;
}

function planCatalog(r: Random, store: DemoStore, n: number, firstId: number[]): PlannedPart[] {
  const used = new Set<string>();
  const out: PlannedPart[] = [];
  const models = store.models;
  for (let i = 0; i < n; i++) {
    const base = TEMPLATES[i % TEMPLATES.length]!;
    const variant = i >= TEMPLATES.length;
    const model = models.length ? models[i % models.length]! : null;
    let partNo = variant ? partNumber(r, store.brand) : isToyota(store.brand) ? base.toyota : base.vw;
    while (used.has(partNo.toUpperCase().replace(/[^A-Z0-9]/g, ''))) partNo = partNumber(r, store.brand);
    used.add(partNo.toUpperCase().replace(/[^A-Z0-9]/g, ''));
    const name = variant ? `${base.name}（${model?.series ?? '通用'}${r.chance(0.3) ? ` ${r.pick(VARIANT_WORDS)}` : ''}）` : base.name;
    const aftermarket = variant && r.chance(0.15);
    const costFen = Math.max(100, Math.round((base.costFen * (0.7 + r.next() * 0.8)) / 10) * 10);
    const decimal = DECIMAL_UNITS.includes(base.unit);
    // Variants sell much less than the common parts; a long tail sells almost never.
    const rate = variant ? base.rate * (r.chance(0.9) ? 0.08 + r.next() * 0.32 : 0.02 + r.next() * 0.04) : base.rate;
    const lot = decimal ? base.lot : Math.max(1, Math.round(base.lot));
    const shelf = SHELVES[Math.floor((i * SHELVES.length) / Math.max(n, 1)) % SHELVES.length]!;
    const bay = 1 + (i % 12);
    const fits = models.length ? [model!.id, ...(r.chance(0.3) ? [models[(i + 1) % models.length]!.id] : [])] : [];
    out.push({
      id: firstId[i]!,
      partNo,
      name,
      brand: aftermarket ? r.pick(['博世', '马勒', '曼牌', '布雷博']) : store.brand,
      origin: aftermarket ? 'aftermarket' : 'oem',
      unit: base.unit,
      category: base.category,
      costFen,
      retailPriceFen: Math.round((costFen * (1.35 + r.next() * 0.3)) / 100) * 100,
      defaultLocation: `${shelf}-${String(bay).padStart(2, '0')}`,
      safetyStock: !variant && r.chance(0.15) ? String(Math.ceil(rate * 2)) : null,
      vehicleModelIds: [...new Set(fits)],
      rateMilli: Math.round(rate * 1000),
      lotMilli: Math.round(lot * 1000),
      stopsAgoDays: r.chance(variant ? 0.04 : 0.02) ? 200 + r.int(0, 200) : null,
      qty: 0,
      value: 0,
    });
  }
  return out;
}

/** A count of sales this month around `rate` (milli-units per month) in lots of `lot`. */
function salesThisMonth(r: Random, rateMilli: number, lotMilli: number): number {
  const expected = rateMilli / lotMilli;
  const whole = Math.floor(expected * (0.6 + r.next() * 0.8));
  return whole + (r.chance(expected - Math.floor(expected)) ? 1 : 0);
}

const monthKey = (day: string) => day.slice(0, 7);

/**
 * Plans and writes one store's parts: catalog, history, orders, a past stocktake; then the balances
 * and valuations from the ledger in SQL.
 */
export async function insertStoreParts(tx: Executor, store: DemoStore, storeIndex: number, opts: PartsOptions): Promise<StorePartsSummary> {
  const r = storeRandom(opts.seed, storeIndex);
  const staffOf = (username: string, fallback: DemoStaff['role']) =>
    store.staff.find((s) => s.username.startsWith(username) && /^[a-z]+\d*$/.test(s.username)) ?? store.staff.find((s) => s.role === fallback) ?? store.staff[0]!;
  const clerk = staffOf('parts', 'parts_clerk');
  const supervisor = staffOf('partsmgr', 'parts_supervisor');
  const dispatcher = staffOf('dispatcher', 'workshop_supervisor');

  const ids = await reserveIds(tx, parts, opts.partsPerStore);
  const catalog = planCatalog(r, store, opts.partsPerStore, ids);
  await bulkInsert(
    tx,
    parts,
    ['id', 'storeId', 'partNo', 'partNoKey', 'name', 'nameKey', 'nameGrams', 'brand', 'origin', 'unit', 'category', 'costFen', 'retailPriceFen', 'defaultLocation', 'safetyStock', 'createdAt', 'updatedAt'],
    catalog.map((p) => {
      const created = instant(opts.asOf, opts.years * 365 + 5, 540);
      return {
        id: p.id,
        storeId: store.id,
        partNo: p.partNo,
        ...searchColumnsOf(p),
        name: p.name,
        brand: p.brand,
        origin: p.origin,
        unit: p.unit,
        category: p.category,
        costFen: p.costFen,
        retailPriceFen: p.retailPriceFen,
        defaultLocation: p.defaultLocation,
        safetyStock: p.safetyStock,
        createdAt: created,
        updatedAt: created,
      };
    }),
    { overridingSystemValue: true, chunkSize: 2_000 },
  );
  await bulkInsert(
    tx,
    partVehicleModels,
    ['storeId', 'partId', 'vehicleModelId'],
    catalog.flatMap((p) => p.vehicleModelIds.map((m) => ({ storeId: store.id, partId: p.id, vehicleModelId: m }))),
  );

  // ---- the history, month by month -------------------------------------------------------------
  const historyDays = opts.years * 365;
  const days: { ago: number; day: string }[] = [];
  for (let ago = historyDays; ago >= 1; ago--) days.push({ ago, day: addDays(opts.asOf, -ago) });
  const months = new Map<string, { ago: number; day: string }[]>();
  for (const d of days) {
    const list = months.get(monthKey(d.day)) ?? [];
    list.push(d);
    months.set(monthKey(d.day), list);
  }
  const monthList = [...months.entries()];
  const counters = new Map<string, number>();
  const docNumber = (prefix: string, at: Date) => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replace(/-/g, '');
    const key = `${prefix}|${day}`;
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${prefix}${day}-${String(n).padStart(4, '0')}`;
  };

  const orders: OrderPlan[] = [];
  const receipts: { id: number; orderIndex: number; number: string; at: Date; by: DemoStaff; note: string }[] = [];
  /** Ids of an order, its lines and (when it arrives) its receipt, reserved when it is made: movements name them. */
  const reserveOrder = async (order: OrderPlan, withReceipt: boolean) => {
    order.id = (await reserveIds(tx, purchaseOrders, 1))[0]!;
    const lineIds = await reserveIds(tx, purchaseOrderLines, order.lines.length);
    order.lines.forEach((l, i) => (l.id = lineIds[i]!));
    return withReceipt ? (await reserveIds(tx, purchaseReceipts, 1))[0]! : 0;
  };
  let movementCount = 0;
  let buffer: MovementRow[] = [];
  const flush = async (force: boolean) => {
    if (!force && buffer.length < 40_000) return;
    buffer.sort((a, b) => a.at.getTime() - b.at.getTime());
    await bulkInsert(
      tx,
      stockMovements,
      ['storeId', 'partId', 'location', 'kind', 'quantity', 'unitCostFen', 'valueFen', 'priceFen', 'reason', 'refType', 'refId', 'refLineId', 'roId', 'roNumber', 'actorId', 'actorName', 'at'],
      buffer.map((m) => ({
        storeId: m.storeId,
        partId: m.partId,
        location: m.location,
        kind: m.kind,
        quantity: m.quantity,
        unitCostFen: m.unitCostFen,
        valueFen: m.valueFen,
        priceFen: m.priceFen ?? null,
        reason: m.reason ?? '',
        refType: m.refType ?? null,
        refId: m.refId ?? null,
        refLineId: m.refLineId ?? null,
        roId: null,
        roNumber: null,
        actorId: m.actorId ?? null,
        actorName: m.actorName ?? '',
        at: m.at,
      })),
      { chunkSize: 5_000 },
    );
    movementCount += buffer.length;
    buffer = [];
  };

  const move = (p: PlannedPart, kind: MovementKind, milli: number, at: Date, who: DemoStaff, extra: Partial<MovementRow> & { unitCostFen?: number } = {}): MovementRow => {
    let value: number;
    if (milli < 0) {
      const n = -milli;
      value = -(n === p.qty ? p.value : roundDiv(p.value * n, p.qty));
    } else if (extra.unitCostFen !== undefined) {
      value = valueOf(milli, extra.unitCostFen);
    } else {
      value = p.qty > 0 ? roundDiv(p.value * milli, p.qty) : valueOf(milli, p.costFen);
    }
    p.qty += milli;
    p.value += value;
    const row: MovementRow = {
      storeId: store.id,
      partId: p.id,
      location: p.defaultLocation,
      kind,
      quantity: qtyText(milli),
      unitCostFen: unitCostOf(value, milli),
      valueFen: value,
      priceFen: extra.priceFen ?? null,
      reason: extra.reason ?? '',
      refType: extra.refType ?? null,
      refId: extra.refId ?? null,
      refLineId: extra.refLineId ?? null,
      actorId: who.userId,
      actorName: who.displayName,
      at,
    };
    buffer.push(row);
    return row;
  };

  // Opening stock, the day the history starts.
  const start = days[0]!;
  for (const p of catalog) {
    const opening = Math.max(p.lotMilli, Math.ceil((p.rateMilli * (1.5 + r.next() * 1.5)) / p.lotMilli) * p.lotMilli);
    move(p, 'receive', opening, instant(opts.asOf, start.ago, 420 + r.int(0, 60)), supervisor, { unitCostFen: p.costFen, reason: '期初库存', refType: 'manual' });
  }

  // The quarterly stocktake: the last quarter end at least 30 days ago, shelf A.
  const stocktakeDay = (() => {
    for (let ago = 30; ago < historyDays - 30; ago++) {
      const day = addDays(opts.asOf, -ago);
      const next = addDays(opts.asOf, -ago + 1);
      if (['04-01', '07-01', '10-01', '01-01'].includes(next.slice(5))) return { ago, day };
    }
    return null;
  })();
  const stocktakeParts = new Set(catalog.filter((p) => p.defaultLocation.startsWith('A-')).map((p) => p.id));
  const stocktakeLinesPlan: { id: number; part: PlannedPart; expected: number; counted: number; adjustmentValue: number }[] = [];
  const stocktakeId = stocktakeDay ? (await reserveIds(tx, stocktakes, 1))[0]! : 0;
  const stocktakeLineIds = stocktakeDay ? await reserveIds(tx, stocktakeLines, stocktakeParts.size) : [];
  const stocktakeCreatedAt = stocktakeDay ? instant(opts.asOf, stocktakeDay.ago, 1050) : new Date(0);
  const stocktakeNumber = stocktakeDay ? docNumber('PD', stocktakeCreatedAt) : '';

  for (const [m, [, monthDays]] of monthList.entries()) {
    const isLast = m === monthList.length - 1;
    // 1. Order at the start of the month (day 2), received on day 5, for parts at or under their reorder point.
    const orderDay = monthDays[Math.min(1, monthDays.length - 1)]!;
    const receiveDay = monthDays[Math.min(4, monthDays.length - 1)]!;
    const orderAt = instant(opts.asOf, orderDay.ago, 600 + r.int(0, 90));
    const receiveAt = instant(opts.asOf, receiveDay.ago, 840 + r.int(0, 60));
    const receivable = !isLast && m > 0 && receiveDay.ago >= 1;
    const lines: { part: PlannedPart; qty: number }[] = [];
    if (receivable) {
      for (const p of catalog) {
        if (p.rateMilli === 0 || (p.stopsAgoDays !== null && orderDay.ago < p.stopsAgoDays + 60)) continue;
        if (p.qty > Math.floor(p.rateMilli * 1.5)) continue;
        const target = Math.max(p.lotMilli, Math.ceil((p.rateMilli * 3) / p.lotMilli) * p.lotMilli);
        const qty = Math.ceil((target - p.qty) / 1000) * 1000;
        if (qty > 0) lines.push({ part: p, qty });
      }
    }
    let orderIndex = -1;
    let receiptId = 0;
    if (lines.length) {
      orderIndex = orders.length;
      const order: OrderPlan = {
        id: 0,
        number: docNumber('CG', orderAt),
        supplier: SUPPLIERS[store.brand] ?? '厂家配件中心',
        kind: 'regular',
        status: 'received',
        createdAt: orderAt,
        orderedAt: new Date(orderAt.getTime() + 20 * 60_000),
        expectedDate: receiveDay.day,
        note: '月度常规订货',
        createdBy: r.chance(0.5) ? clerk : supervisor,
        approval: null,
        cancel: null,
        lines: [],
      };
      order.lines = lines.map((l) => ({ id: 0, partId: l.part.id, quantity: l.qty, received: 0, unitCostFen: l.part.costFen, closed: true, closeReason: '' }));
      orders.push(order);
      receiptId = await reserveOrder(order, true);
      receipts.push({ id: receiptId, orderIndex, number: docNumber('RK', receiveAt), at: receiveAt, by: clerk, note: '' });
    }

    // 2. Each part's month: its receipt and its sales, in time order.
    for (const p of catalog) {
      const events: { at: Date; kind: 'receipt' | 'sale' | 'scrap' | 'count'; qty: number }[] = [];
      const lineIndex = orderIndex >= 0 ? lines.findIndex((l) => l.part === p) : -1;
      let reason = '';
      if (lineIndex >= 0) {
        const line = orders[orderIndex]!.lines[lineIndex]!;
        const short = r.chance(0.05);
        const over = !short && r.chance(0.03);
        line.received = short ? Math.max(0, line.quantity - Math.max(1000, p.lotMilli)) : over ? line.quantity + 1000 : line.quantity;
        if (short) line.closeReason = reason = '厂家缺货，余量取消';
        if (over) reason = '厂家多发，已确认入库';
        if (line.received > 0) events.push({ at: receiveAt, kind: 'receipt', qty: line.received });
      }
      const selling = p.stopsAgoDays === null || monthDays[0]!.ago > p.stopsAgoDays;
      if (selling && p.rateMilli > 0) {
        const n = salesThisMonth(r, p.rateMilli, p.lotMilli);
        for (let k = 0; k < n; k++) {
          const d = monthDays[r.int(0, monthDays.length - 1)]!;
          events.push({ at: instant(opts.asOf, d.ago, 510 + r.int(0, 540)), kind: 'sale', qty: p.lotMilli * (r.chance(0.1) ? 2 : 1) });
        }
      }
      if (r.chance(0.002)) {
        const d = monthDays[r.int(0, monthDays.length - 1)]!;
        events.push({ at: instant(opts.asOf, d.ago, 1020), kind: 'scrap', qty: DECIMAL_UNITS.includes(p.unit) ? 1000 : 1000 });
      }
      if (stocktakeDay && stocktakeParts.has(p.id) && monthDays.some((d) => d.ago === stocktakeDay.ago)) {
        events.push({ at: instant(opts.asOf, stocktakeDay.ago, 1080), kind: 'count', qty: 0 });
      }
      events.sort((a, b) => a.at.getTime() - b.at.getTime());
      for (const e of events) {
        if (e.kind === 'receipt') {
          const line = orders[orderIndex]!.lines[lineIndex]!;
          move(p, 'receive', e.qty, e.at, clerk, { unitCostFen: p.costFen, reason, refType: 'purchase_receipt', refId: receiptId, refLineId: line.id });
        } else if (e.kind === 'sale') {
          if (p.qty < e.qty) continue; // out of stock: the customer went elsewhere
          const discount = r.chance(0.2) ? 0.95 : 1;
          move(p, 'counter_sale', -e.qty, e.at, clerk, { priceFen: Math.round(p.retailPriceFen * discount), reason: r.pick(COUNTER_CUSTOMERS) });
        } else if (e.kind === 'scrap') {
          if (p.qty < e.qty) continue;
          move(p, 'scrap', -e.qty, e.at, supervisor, { reason: r.pick(['包装破损，无法销售', '过期失效', '搬运跌落损坏']) });
        } else {
          // The count: a few lines differ by a unit (or 0.5 L), most match.
          const expected = p.qty;
          let counted = expected;
          if (r.chance(0.06)) counted = Math.max(0, expected + (r.chance(0.6) ? -1 : 1) * (DECIMAL_UNITS.includes(p.unit) ? 500 : 1000));
          let adjustmentValue = 0;
          const id = stocktakeLineIds[stocktakeLinesPlan.length]!;
          if (counted !== expected) {
            const row = move(p, 'stocktake_adjustment', counted - expected, new Date(e.at.getTime() + 60 * 60_000), supervisor, {
              reason: `盘点调整 ${stocktakeNumber}：季度盘点`,
              refType: 'stocktake',
              refId: stocktakeId,
              refLineId: id,
            });
            adjustmentValue = Number(row.valueFen);
          }
          stocktakeLinesPlan.push({ id, part: p, expected, counted, adjustmentValue });
        }
      }
    }
    await flush(false);
  }

  // ---- open orders: what the counter works on now ------------------------------------------------
  const pick = (n: number, filter: (p: PlannedPart) => boolean = () => true) => {
    const pool = catalog.filter(filter);
    const chosen = new Set<PlannedPart>();
    for (let k = 0; k < n * 4 && chosen.size < Math.min(n, pool.length); k++) chosen.add(pool[r.int(0, pool.length - 1)]!);
    return [...chosen];
  };
  const openOrder = async (status: PurchaseOrderStatus, ago: number, kind: PurchaseKind, lines: PlannedPart[], note: string, received = false) => {
    const at = instant(opts.asOf, ago, 570 + r.int(0, 120));
    const order: OrderPlan = {
      id: 0,
      number: docNumber('CG', at),
      supplier: kind === 'outside' ? r.pick(OUTSIDE_SUPPLIERS) : (SUPPLIERS[store.brand] ?? '厂家配件中心'),
      kind,
      status,
      createdAt: at,
      orderedAt: status === 'draft' ? null : new Date(at.getTime() + 15 * 60_000),
      expectedDate: addDays(opts.asOf, kind === 'outside' ? 1 : 3),
      note,
      createdBy: r.chance(0.5) ? clerk : supervisor,
      approval: null,
      cancel: null,
      lines: lines.map((p) => ({
        id: 0,
        partId: p.id,
        quantity: Math.max(p.lotMilli, Math.ceil((p.rateMilli * 2) / p.lotMilli) * p.lotMilli, 1000),
        received: 0,
        unitCostFen: kind === 'outside' ? Math.round(p.costFen * 1.15) : p.costFen,
        closed: false,
        closeReason: '',
      })),
    };
    orders.push(order);
    const receiptId = await reserveOrder(order, received);
    return { order, receiptId };
  };
  const selling = (p: PlannedPart) => p.rateMilli >= 500 && p.stopsAgoDays === null;
  await openOrder('ordered', 3, 'regular', pick(12, selling), '本月补货');
  const partly = await openOrder('partly_received', 8, 'regular', pick(6, selling), '紧急补货', true);
  await openOrder('draft', 1, 'regular', pick(5, selling), '按建议订货生成，待确认');
  await openOrder('ordered', 1, 'outside', pick(1, (p) => p.category === 'body' || p.category === 'chassis'), '事故车急用，厂家缺货，外采');
  const cancelled = (await openOrder('cancelled', 20, 'regular', pick(3, selling), '')).order;
  cancelled.cancel = { at: new Date(cancelled.createdAt.getTime() + 86_400_000), reason: '与厂家订单重复' };
  const outside = await openOrder('received', 15, 'outside', pick(1, (p) => p.category === 'chassis' || p.category === 'electrical'), '客户等车，外采', true);
  outside.order.approval = { by: dispatcher, at: new Date(outside.order.createdAt.getTime() + 30 * 60_000), note: '质量确认合格' };
  // The partly received order: half of its lines arrived five days ago; the outside one in full.
  const arrive = (plan: { order: OrderPlan; receiptId: number }, at: Date, every: number, note: string) => {
    receipts.push({ id: plan.receiptId, orderIndex: orders.indexOf(plan.order), number: docNumber('RK', at), at, by: clerk, note });
    plan.order.lines.forEach((line, i) => {
      if (i % every !== 0) return;
      line.received = line.quantity;
      line.closed = true;
      const p = catalog.find((c) => c.id === line.partId)!;
      move(p, 'receive', line.quantity, at, clerk, { unitCostFen: line.unitCostFen, refType: 'purchase_receipt', refId: plan.receiptId, refLineId: line.id });
    });
  };
  arrive(partly, instant(opts.asOf, 5, 900), 2, '第一批到货');
  arrive(outside, instant(opts.asOf, 14, 660), 1, '');

  // ---- the documents -----------------------------------------------------------------------------
  await bulkInsert(
    tx,
    purchaseOrders,
    ['id', 'storeId', 'number', 'supplier', 'kind', 'status', 'expectedDate', 'note', 'approvedBy', 'approvedByName', 'approvedAt', 'approvalNote', 'orderedAt', 'cancelledAt', 'cancelReason', 'createdBy', 'createdByName', 'createdAt', 'updatedAt'],
    orders.map((o) => ({
      id: o.id,
      storeId: store.id,
      number: o.number,
      supplier: o.supplier,
      kind: o.kind,
      status: o.status,
      expectedDate: o.expectedDate,
      note: o.note,
      approvedBy: o.approval?.by.userId ?? null,
      approvedByName: o.approval?.by.displayName ?? null,
      approvedAt: o.approval?.at ?? null,
      approvalNote: o.approval?.note ?? '',
      orderedAt: o.orderedAt,
      cancelledAt: o.cancel?.at ?? null,
      cancelReason: o.cancel?.reason ?? '',
      createdBy: o.createdBy.userId,
      createdByName: o.createdBy.displayName,
      createdAt: o.createdAt,
      updatedAt: o.cancel?.at ?? o.orderedAt ?? o.createdAt,
    })),
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    purchaseOrderLines,
    ['id', 'storeId', 'orderId', 'lineNo', 'partId', 'quantity', 'received', 'unitCostFen', 'requestId', 'closed', 'closeReason'],
    orders.flatMap((o) =>
      o.lines.map((l, k) => ({
        id: l.id,
        storeId: store.id,
        orderId: o.id,
        lineNo: k + 1,
        partId: l.partId,
        quantity: qtyText(l.quantity),
        received: qtyText(l.received),
        unitCostFen: l.unitCostFen,
        requestId: null,
        closed: l.closed,
        closeReason: l.closeReason,
      })),
    ),
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    purchaseReceipts,
    ['id', 'storeId', 'orderId', 'number', 'note', 'receivedBy', 'receivedByName', 'at'],
    receipts.map((rc) => ({
      id: rc.id,
      storeId: store.id,
      orderId: orders[rc.orderIndex]!.id,
      number: rc.number,
      note: rc.note,
      receivedBy: rc.by.userId,
      receivedByName: rc.by.displayName,
      at: rc.at,
    })),
    { overridingSystemValue: true },
  );

  // The stocktake (approved the evening of its count).
  if (stocktakeDay && stocktakeLinesPlan.length) {
    const approvedAt = instant(opts.asOf, stocktakeDay.ago, 1150);
    const locations = [...new Set(stocktakeLinesPlan.map((l) => l.part.defaultLocation))].sort();
    await bulkInsert(
      tx,
      stocktakes,
      ['id', 'storeId', 'number', 'status', 'locations', 'note', 'snapshotMovementId', 'createdBy', 'createdByName', 'createdAt', 'approvedBy', 'approvedByName', 'approvedAt', 'approvalNote'],
      [
        {
          id: stocktakeId,
          storeId: store.id,
          number: stocktakeNumber,
          status: 'approved',
          locations,
          note: `${stocktakeDay.day.slice(0, 7)} 季度盘点（A 区货架）`,
          snapshotMovementId: 0,
          createdBy: supervisor.userId,
          createdByName: supervisor.displayName,
          createdAt: stocktakeCreatedAt,
          approvedBy: supervisor.userId,
          approvedByName: supervisor.displayName,
          approvedAt,
          approvalNote: '季度盘点',
        },
      ],
      { overridingSystemValue: true },
    );
    await bulkInsert(
      tx,
      stocktakeLines,
      ['id', 'storeId', 'stocktakeId', 'partId', 'location', 'expectedQty', 'countedQty', 'countedAt', 'countedBy', 'found', 'bookAtCount', 'adjustment', 'adjustmentValueFen'],
      stocktakeLinesPlan.map((l) => ({
        id: l.id,
        storeId: store.id,
        stocktakeId,
        partId: l.part.id,
        location: l.part.defaultLocation,
        expectedQty: qtyText(l.expected),
        countedQty: qtyText(l.counted),
        countedAt: new Date(stocktakeCreatedAt.getTime() + 20 * 60_000),
        countedBy: clerk.userId,
        found: false,
        bookAtCount: qtyText(l.expected),
        adjustment: qtyText(l.counted - l.expected),
        adjustmentValueFen: l.adjustmentValue,
      })),
      { overridingSystemValue: true },
    );
  }
  await flush(true);

  // The stocktake's watermark: the last movement before its sheet was made (ids grow with time).
  await tx.execute(sql`UPDATE stocktakes s SET snapshot_movement_id = COALESCE((SELECT max(m.id) FROM stock_movements m WHERE m.store_id = s.store_id AND m.at <= s.created_at), 0)
    WHERE s.store_id = ${store.id}`);
  await bulkInsert(
    tx,
    documentCounters,
    ['storeId', 'prefix', 'day', 'last'],
    [...counters.entries()].map(([key, last]) => {
      const [prefix, day] = key.split('|');
      return { storeId: store.id, prefix: prefix!, day: day!, last };
    }),
  );
  await writeBalances(tx, store.id);

  const stocked = catalog.filter((p) => p.qty > 0 && p.rateMilli >= 1000).slice(0, 20).map((p) => p.id);
  return { parts: catalog.length, movements: movementCount, purchaseOrders: orders.length, stockedPartIds: stocked };
}

/**
 * Balances per part and location, and valuations per part, as the sums of the store's ledger (each
 * part already has its empty valuation row: migration 0017's trigger).
 */
async function writeBalances(tx: Executor, storeId: number): Promise<void> {
  await tx.execute(sql`INSERT INTO stock_balances (store_id, part_id, location, on_hand, updated_at)
    SELECT store_id, part_id, location, sum(quantity), max(at) FROM stock_movements WHERE store_id = ${storeId} GROUP BY store_id, part_id, location`);
  await tx.execute(sql`INSERT INTO stock_valuations (store_id, part_id, on_hand, value_fen, last_receipt_at, last_outbound_at, updated_at)
    SELECT store_id, part_id, sum(quantity), sum(value_fen),
           max(at) FILTER (WHERE kind = 'receive'), max(at) FILTER (WHERE kind IN ('issue_to_ro', 'counter_sale')), max(at)
      FROM stock_movements WHERE store_id = ${storeId} GROUP BY store_id, part_id
    ON CONFLICT (store_id, part_id) DO UPDATE SET on_hand = EXCLUDED.on_hand, value_fen = EXCLUDED.value_fen,
      last_receipt_at = EXCLUDED.last_receipt_at, last_outbound_at = EXCLUDED.last_outbound_at, updated_at = EXCLUDED.updated_at`);
}

/**
 * Transfers (调拨) between the first and third store (both 丰田 in the demo), through the ledger
 * itself, dated the last days: a few parts each way.
 */
export async function insertDemoTransfers(tx: Executor, from: DemoStore, to: DemoStore, opts: PartsOptions): Promise<number> {
  const r = new Random((opts.seed ^ 0x27d4eb2f) >>> 0);
  let made = 0;
  for (const [k, [a, b]] of [
    [from, to],
    [to, from],
    [from, to],
  ].entries()) {
    const sender = a as DemoStore;
    const receiver = b as DemoStore;
    const rows = await queryRows<{ id: number; part_no_key: string; default_location: string; on_hand: string; unit: string }>(
      tx,
      sql`SELECT p.id, p.part_no_key, p.default_location, b.on_hand::text AS on_hand, p.unit FROM parts p
          JOIN stock_balances b ON b.store_id = p.store_id AND b.part_id = p.id AND b.location = p.default_location
          WHERE p.store_id = ${sender.id} AND b.on_hand >= 4 AND p.unit = 'piece'
            AND EXISTS (SELECT 1 FROM parts q WHERE q.store_id = ${receiver.id} AND q.part_no_key = p.part_no_key)
          ORDER BY p.id LIMIT 40`,
    );
    if (rows.length === 0) continue;
    const chosen = [...new Set([r.int(0, rows.length - 1), r.int(0, rows.length - 1)])].map((i) => rows[i]!);
    const targets = await queryRows<{ id: number; part_no_key: string; default_location: string }>(
      tx,
      sql`SELECT id, part_no_key, default_location FROM parts WHERE store_id = ${receiver.id} AND part_no_key = ANY(${sql.param(chosen.map((c) => c.part_no_key))}::text[])`,
    );
    const actorOf = (s: DemoStore) => {
      const clerk = s.staff.find((x) => x.role === 'parts_clerk') ?? s.staff[0]!;
      return { id: clerk.userId, name: clerk.displayName };
    };
    const actor = actorOf(sender);
    // This morning, after the simulated history (which ends yesterday): no balance dips back in time.
    const at = instant(opts.asOf, 0, 500 + k * 25);
    const reason = k === 1 ? '对方门店急需，调回' : '本店缺货，兄弟店调拨';
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at).replace(/-/g, '');
    const [counter] = await queryRows<{ last: number }>(
      tx,
      sql`INSERT INTO document_counters (store_id, prefix, day, last) VALUES (${sender.id}, 'DB', ${day}, 1)
          ON CONFLICT (store_id, prefix, day) DO UPDATE SET last = document_counters.last + 1 RETURNING last`,
    );
    const number = `DB${day}-${String(counter!.last).padStart(4, '0')}`;
    const out = await transfersRepo.insertTransfer(tx, { storeId: sender.id, number, direction: 'out', counterpartStoreId: receiver.id, reason, actorId: actor.id, actorName: actor.name, at });
    const qty = 2000n;
    const moved = await applyMovements(
      tx,
      sender.id,
      actor,
      chosen.map((c) => ({ partId: Number(c.id), location: c.default_location, kind: 'transfer_out' as const, qty: -qty, reason, refType: 'stock_transfer', refId: out.id, at })),
    );
    const into = await transfersRepo.insertTransfer(tx, { storeId: receiver.id, number, direction: 'in', counterpartStoreId: sender.id, counterpartTransferId: out.id, reason, actorId: actor.id, actorName: actor.name, at });
    await transfersRepo.linkCounterpart(tx, sender.id, out.id, into.id);
    const arrivals = chosen.map((c, i) => {
      const t = targets.find((x) => x.part_no_key === c.part_no_key)!;
      return { partId: Number(t.id), location: t.default_location, valueFen: -moved[i]!.valueFen };
    });
    await applyMovements(
      tx,
      receiver.id,
      actor,
      arrivals.map((a) => ({ partId: a.partId, location: a.location, kind: 'transfer_in' as const, qty, cost: { valueFen: a.valueFen }, reason, refType: 'stock_transfer', refId: into.id, at })),
    );
    await transfersRepo.insertLines(tx, [
      ...chosen.map((c, i) => ({ storeId: sender.id, transferId: out.id, partId: Number(c.id), location: c.default_location, quantity: '2.000', valueFen: Number(-moved[i]!.valueFen) })),
      ...arrivals.map((a) => ({ storeId: receiver.id, transferId: into.id, partId: a.partId, location: a.location, quantity: '2.000', valueFen: Number(a.valueFen) })),
    ]);
    made++;
  }
  return made;
}
