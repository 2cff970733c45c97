import { customerCompleteness, vehicleCompleteness, type CustomerKind, type CustomerSource } from '#contracts/customers';
import { formatPlate } from '#contracts/vehicle';
import type { Executor } from '../db/types';
import { customers, odometerReadings, timelineEvents, vehicles } from '../modules/customers/customers.table';
import { gramsOf, initialsOf, phoneDigitsOf, searchNameOf } from '../modules/customers/search-keys';
import { computeVehicleStats, type VehicleStats } from '../modules/customers/vehicle-stats';
import { addDays, addMonths } from '../platform/local-time';
import { bulkInsert, reserveIds } from './bulk';
import {
  DEMO_CITIES,
  DEMO_COLOURS,
  DEMO_COMPANY_KINDS,
  DEMO_COMPANY_NOTES,
  DEMO_COMPANY_WORDS,
  DEMO_INSURERS,
  DEMO_MODEL_VDS,
  DEMO_MODELS,
  DEMO_PERSON_NOTES,
  type DemoCity,
} from './catalog';
import type { DemoStaff, DemoStore } from './generator';
import { chineseName, digits, mobile, plate, Random, structuredVin } from './random';

/**
 * Customer and vehicle files of the demo and benchmark data (issue 3, item 11): per store,
 * `vehiclesPerStore` vehicles with their owners (persons, ~8% companies/fleets), usual drivers
 * (~15% of vehicles), odometer histories over the last `years` years with the derived mileage,
 * km/day and next due (computed by the customers module's own `computeVehicleStats`), timeline
 * events, a realistic share of incomplete files and ~2% duplicate files (the same mobile or the
 * same plate typed again by another advisor) for the quality and merge tools.
 *
 * DETERMINISM: each store draws from its own stream (seed × store index), so a seed gives the same
 * names, phones, plates, VINs and day offsets on every machine. Dates are offsets from `asOf` (the
 * store-local "today" of the data set, default the real today), so a data set seeded next month
 * has the same cars, its history just ends next month; pass `asOf` for byte-identical data.
 *
 * THE DEMO CAR (for the e2e test and for people trying the demo): in the first store (CD01) the
 * first file is 张三 (pinyin initials `zs`, mobile 13812345678) owning a 卡罗拉 with plate 川A12345
 * (川A·12345) and a few years of visits. No other file of that store has the initials `zs` exactly
 * or a plate containing `A123`, so typing `a123` or `zs` in the search box puts that car first.
 *
 * Rows are built in memory store by store, ids are reserved from the tables' sequences (so vehicles
 * can name their owners without relying on RETURNING order) and everything is written with
 * `bulkInsert` (unnest, 5,000 rows per statement), in creation order so ids grow with time.
 */

export const DEFAULT_VEHICLES_PER_YEAR = 1_000;

export const FEATURED_CAR = {
  storeIndex: 0,
  ownerName: '张三',
  ownerInitials: 'zs',
  mobile: '13812345678',
  plate: '川A12345',
  /** What the e2e test types to find it by plate. */
  plateQuery: 'a123',
} as const;

export interface FilesOptions {
  vehiclesPerStore: number;
  years: number;
  seed: number;
  /** Store-local today of the data set, YYYY-MM-DD. */
  asOf: string;
}

export interface StoreFilesSummary {
  customers: number;
  companies: number;
  drivers: number;
  vehicles: number;
  readings: number;
  timelineEvents: number;
  /** Second files of a person, with the same mobile. */
  duplicateCustomers: number;
  /** Second files of a car, with the same plate and no VIN. */
  duplicateVehicles: number;
  featured?: { customerId: number; vehicleId: number; plate: string };
}

const TIME_ZONE = 'Asia/Shanghai';
const DAY_MS = 86_400_000;
/** Share of vehicle files that are a second file of a car already on file (same plate). */
const DUPLICATE_VEHICLE_SHARE = 0.02;
/** Share of owners with a second customer file (same mobile). */
const DUPLICATE_CUSTOMER_SHARE = 0.02;

interface ModelInfo {
  id: number;
  series: string;
  wmi: string;
  vds: string;
  engine: string;
  electric: boolean;
  intervalMonths: number;
  intervalKm: number;
}

interface CustomerPlan {
  kind: CustomerKind;
  name: string;
  initials: string;
  mobile: string | null;
  otherPhones: string[];
  address: string;
  source: CustomerSource | null;
  outletName: string;
  consentPhone: boolean | null;
  consentSms: boolean | null;
  consentWechat: boolean | null;
  preferredAdvisorId: number | null;
  tags: string[];
  notes: string;
  /** Days before asOf the file was created, and the minute of that day. */
  createdAgo: number;
  createdMinute: number;
  createdBy: DemoStaff;
  role: 'owner' | 'driver' | 'duplicate';
  vehicles: number[];
  id?: number;
}

interface ReadingPlan {
  ago: number;
  minute: number;
  km: number;
  service: boolean;
  reason: string;
  broughtBy: number | null;
  broughtByName: string;
  createdBy: DemoStaff;
  id?: number;
}

interface VehiclePlan {
  vin: string | null;
  plate: string | null;
  model: ModelInfo | null;
  colour: string;
  engineNo: string;
  purchaseAgo: number | null;
  soldByUs: boolean;
  warranty: boolean;
  insuranceCompany: string;
  insuranceExpiry: string | null;
  extendedWarrantyUntil: string | null;
  extendedWarrantyKm: number | null;
  owner: number;
  driver: number | null;
  notes: string;
  createdAgo: number;
  createdMinute: number;
  createdBy: DemoStaff;
  readings: ReadingPlan[];
  twinOf: number | null;
  stats?: VehicleStats;
  id?: number;
}

/** A store's own stream: independent of the other stores, so store 1 does not change with --stores. */
export function storeRandom(seed: number, storeIndex: number): Random {
  return new Random((seed ^ Math.imul(storeIndex + 1, 0x9e3779b1)) >>> 0);
}

/** The instant of `minute` past local midnight of the day `ago` days before `asOf` (UTC+8, no DST). */
function instant(asOf: string, ago: number, minute: number): Date {
  return new Date(Date.parse(`${asOf}T00:00:00+08:00`) - ago * DAY_MS + minute * 60_000);
}

const dayOf = (asOf: string, ago: number) => addDays(asOf, -ago);
/** A visit between 08:30 and 17:30. */
const businessMinute = (r: Random) => 510 + r.int(0, 540);
const uniform = (r: Random, min: number, max: number) => min + r.next() * (max - min);

function weighted<T>(r: Random, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r.next() * total;
  for (const [item, w] of items) {
    x -= w;
    if (x < 0) return item;
  }
  return items[items.length - 1]![0];
}

const INITIALS_CACHE = new Map<string, string>();
function cachedInitials(name: string): string {
  let v = INITIALS_CACHE.get(name);
  if (v === undefined) {
    v = initialsOf(name);
    if (INITIALS_CACHE.size < 200_000) INITIALS_CACHE.set(name, v);
  }
  return v;
}

/** 12,345 (what the vehicle page's visit events show), without toLocaleString's cost per reading. */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function modelsOf(store: DemoStore): ModelInfo[] {
  return store.models.map((m) => {
    const spec = DEMO_MODELS.find((d) => d.series === m.series)!;
    return {
      id: m.id,
      series: m.series,
      wmi: m.wmi,
      vds: DEMO_MODEL_VDS[m.series] ?? 'AA1AA',
      engine: spec.engine,
      electric: spec.engine === '电动',
      intervalMonths: m.maintenanceIntervalMonths,
      intervalKm: m.maintenanceIntervalKm,
    };
  });
}

/** Plans one store's files in memory: nothing here touches the database. */
export function planStoreFiles(store: DemoStore, storeIndex: number, opts: FilesOptions) {
  const r = storeRandom(opts.seed, storeIndex);
  const city: DemoCity = DEMO_CITIES[store.platePrefix] ?? DEMO_CITIES['川A']!;
  const historyDays = Math.max(1, Math.round(opts.years * 365));
  const models = modelsOf(store);
  const electric = models.filter((m) => m.electric);
  const combustion = models.filter((m) => !m.electric);
  const advisors = store.staff.filter((s) => s.role === 'service_advisor');
  const filers = [...advisors, ...store.staff.filter((s) => s.role === 'front_desk_supervisor')];
  const featuredStore = storeIndex === FEATURED_CAR.storeIndex;

  const customersPlan: CustomerPlan[] = [];
  const vehiclesPlan: VehiclePlan[] = [];
  const mobiles = new Set<string>([FEATURED_CAR.mobile]);
  const plates = new Set<string>([FEATURED_CAR.plate]);
  const vins = new Set<string>();
  const companyNames = new Set<string>();

  const uniqueMobile = () => {
    for (;;) {
      const m = mobile(r);
      if (!mobiles.has(m)) {
        mobiles.add(m);
        return m;
      }
    }
  };
  const personName = () => {
    for (;;) {
      const name = chineseName(r);
      const initials = cachedInitials(name);
      // The demo car's owner is the only `zs` of the first store (see the header).
      if (featuredStore && initials === FEATURED_CAR.ownerInitials) continue;
      return { name, initials };
    }
  };
  const companyName = () => {
    for (let attempt = 0; ; attempt++) {
      const name = `${r.pick(city.companyPrefixes)}${r.pick(DEMO_COMPANY_WORDS)}${r.pick(DEMO_COMPANY_KINDS)}`;
      const unique = attempt < 20 ? name : name.replace('有限公司', `${attempt}有限公司`);
      if (!companyNames.has(unique)) {
        companyNames.add(unique);
        return { name: unique, initials: cachedInitials(unique) };
      }
    }
  };
  const address = (kind: CustomerKind) => {
    const street = `${city.region}${r.pick(city.districts)}${r.pick(city.roads)}${r.int(1, 399)}号`;
    if (kind === 'company') return street;
    return `${street}${r.pick(city.estates)}${r.int(1, 32)}栋${r.int(1, 4)}单元${r.int(1, 33)}0${r.int(1, 6)}`;
  };
  const landline = () => `${city.areaCode}${city.areaCode.length === 3 ? r.pick(['8', '6']) + digits(r, 7) : r.pick(['2', '6']) + digits(r, 6)}`;
  const consent = (asked: boolean): boolean | null => (asked || r.chance(0.3) ? true : null);
  const answer = (p: number): boolean => r.chance(p);

  function newCustomer(kind: CustomerKind, role: CustomerPlan['role'], source: CustomerSource | null, outletName: string): number {
    const { name, initials } = kind === 'company' ? companyName() : personName();
    const hasMobile = role === 'driver' ? r.chance(0.9) : kind === 'company' ? r.chance(0.8) : r.chance(0.97);
    const otherPhones: string[] = [];
    if (kind === 'company' ? r.chance(0.65) : r.chance(0.05)) otherPhones.push(kind === 'company' ? landline() : uniqueMobile());
    const asked = r.chance(role === 'driver' ? 0.55 : 0.78);
    const consents = [consent(asked), consent(asked), consent(asked)].map((c, i) => (c === null ? null : answer([0.93, 0.83, 0.72][i]!)));
    const hasAddress = role === 'driver' ? r.chance(0.25) : r.chance(0.8);
    customersPlan.push({
      kind,
      name,
      initials,
      mobile: hasMobile ? uniqueMobile() : null,
      otherPhones,
      address: hasAddress ? address(kind) : '',
      source,
      outletName,
      consentPhone: consents[0]!,
      consentSms: consents[1]!,
      consentWechat: consents[2]!,
      preferredAdvisorId: advisors.length && r.chance(role === 'owner' ? 0.35 : 0.1) ? r.pick(advisors).userId : null,
      tags: [],
      notes: r.chance(kind === 'company' ? 0.3 : 0.04) ? r.pick(kind === 'company' ? DEMO_COMPANY_NOTES : DEMO_PERSON_NOTES) : '',
      createdAgo: 0,
      createdMinute: businessMinute(r),
      createdBy: r.pick(filers),
      role,
      vehicles: [],
    });
    return customersPlan.length - 1;
  }

  function ownerSource(kind: CustomerKind): { source: CustomerSource | null; outletName: string } {
    const source: CustomerSource | null =
      kind === 'company'
        ? weighted<CustomerSource | null>(r, [['fleet', 70], ['own_sale', 20], ['outlet', 5], ['other', 5]])
        : weighted<CustomerSource | null>(r, [['own_sale', 62], ['outlet', 16], ['other_shop', 14], ['other', 3], [null, 5]]);
    // One outlet file in ten lacks the outlet's name: counted against its completeness.
    const outletName = source === 'outlet' && r.chance(0.9) ? r.pick(city.outlets) : '';
    return { source, outletName };
  }

  /** Visits over the history window: a maintenance at the model's interval, some repairs between. */
  function visits(v: VehiclePlan, kmPerDay: number, hiddenPurchaseAgo: number, regular: boolean): ReadingPlan[] {
    const owner = customersPlan[v.owner]!;
    if (!regular && r.chance(v.soldByUs ? 0.04 : 0.08)) return [];
    const model = v.model ?? models[0]!;
    const interval = Math.min(model.intervalMonths * 30.4, model.intervalKm / kmPerDay);
    const windowAgo = Math.min(historyDays, hiddenPurchaseAgo - 1);
    if (windowAgo < 5) return [];
    // One car in five stops coming at some point (流失): the segments' "last visit" has work.
    const stopAgo = !regular && r.chance(0.22) ? r.int(1, windowAgo) : 0;
    let ago: number;
    if (v.soldByUs && hiddenPurchaseAgo <= historyDays) ago = hiddenPurchaseAgo - Math.round(Math.min(90, 3000 / kmPerDay) * uniform(r, 0.8, 1.2)); // 首保
    else ago = windowAgo - Math.round(interval * r.next());
    const out: ReadingPlan[] = [];
    let km = Math.round((hiddenPurchaseAgo - ago) * kmPerDay * uniform(r, 0.85, 1.15));
    let lastAgo = ago;
    const meterReplacedAt = r.chance(0.003) ? r.int(1, 4) : -1;
    while (ago >= 1 && ago > stopAgo) {
      km += Math.round((lastAgo - ago) * kmPerDay * uniform(r, 0.8, 1.2));
      let reason = '';
      if (out.length === meterReplacedAt) {
        km = r.int(50, 3000);
        reason = '更换仪表，里程重新计数';
      }
      const service = out.length === 0 || r.chance(0.88);
      let broughtBy: number | null = v.owner;
      let broughtByName = '';
      if (v.driver !== null && (owner.kind === 'company' || r.chance(0.65))) broughtBy = v.driver;
      else if (owner.kind === 'company') {
        broughtBy = null;
        broughtByName = `${chineseName(r).slice(0, 1)}师傅`;
      } else if (r.chance(0.05)) {
        broughtBy = null;
        broughtByName = chineseName(r);
      }
      const preferred = owner.preferredAdvisorId === null ? undefined : advisors.find((a) => a.userId === owner.preferredAdvisorId);
      out.push({
        ago,
        minute: businessMinute(r),
        km,
        service,
        reason,
        broughtBy,
        broughtByName,
        createdBy: preferred && r.chance(0.7) ? preferred : r.pick(advisors.length ? advisors : filers),
      });
      lastAgo = ago;
      // A repair visit between two services now and then.
      ago -= Math.max(7, Math.round(interval * (r.chance(0.15) ? uniform(r, 0.25, 0.6) : uniform(r, 0.8, 1.35))));
    }
    return out;
  }

  function newVehicle(ownerIndex: number, featured: boolean): number {
    const owner = customersPlan[ownerIndex]!;
    const model = featured ? combustion[0]! : electric.length && r.chance(0.16) ? r.pick(electric) : weighted(r, combustion.map((m, i) => [m, [4, 3, 3][i] ?? 2] as const));
    const soldByUs = featured || (owner.source === 'own_sale' ? r.chance(0.97) : owner.source === 'fleet' ? r.chance(0.4) : false);
    // Days since the car was first registered: new cars of the store over the history and the
    // years before it, older cars from other shops; electric models are recent.
    const maxAgo = model.electric ? 4 * 365 : owner.source === 'other_shop' ? 10 * 365 : historyDays + 4 * 365;
    const minAgo = owner.source === 'other_shop' ? 200 : 3;
    const hiddenPurchaseAgo = featured ? 3 * 365 + 17 : r.int(minAgo, Math.max(minAgo + 1, maxAgo));
    const purchaseKnown = soldByUs || featured || r.chance(0.95);
    const purchaseAgo = purchaseKnown ? hiddenPurchaseAgo : null;
    const purchaseDay = dayOf(opts.asOf, hiddenPurchaseAgo);
    const modelYear = Number(purchaseDay.slice(0, 4)) + (Number(purchaseDay.slice(5, 7)) >= 10 ? 1 : 0);

    let vin: string | null = null;
    if (featured || r.chance(soldByUs ? 0.99 : 0.93)) {
      do vin = structuredVin(r, model.wmi, model.vds, modelYear);
      while (vins.has(vin));
      vins.add(vin);
    }
    let plateNo: string | null = null;
    if (featured) plateNo = FEATURED_CAR.plate;
    else if (!(vin && (hiddenPurchaseAgo < 15 || r.chance(0.005)))) {
      // Cars bought in the last two weeks still run on temporary plates (临牌): VIN only.
      const prefix = r.chance(0.04) ? r.pick(city.nearbyPlatePrefixes) : store.platePrefix;
      for (;;) {
        const p = plate(r, prefix, model.electric);
        if (plates.has(p) || (featuredStore && p.slice(1).includes('A123'))) continue;
        plates.add(p);
        plateNo = p;
        break;
      }
    }

    const insurance = featured ? 'known' : weighted(r, [['known', 86], ['company', 3], ['none', 11]] as const);
    let insuranceExpiry: string | null = null;
    if (insurance === 'known') {
      if (purchaseAgo === null) insuranceExpiry = dayOf(opts.asOf, -r.int(-45, 320));
      else {
        // Renewed every year on the purchase anniversary: the current policy ends within the coming year
        // (or ended in the last 45 days: not renewed yet, the renewal desk's work).
        let expiry = addDays(addMonths(purchaseDay, 12), -1);
        const horizon = dayOf(opts.asOf, 45);
        while (expiry < horizon) expiry = addDays(addMonths(addDays(expiry, 1), 12), -1);
        insuranceExpiry = expiry;
      }
    }
    const extended = soldByUs && purchaseAgo !== null && r.chance(0.12);
    const extendedMonths = r.pick([60, 72]);

    vehiclesPlan.push({
      vin,
      plate: plateNo,
      model,
      colour: weighted(r, DEMO_COLOURS),
      engineNo: r.chance(0.9) ? (model.electric ? `TZ${digits(r, 8)}` : `${model.engine}${digits(r, 7)}`) : '',
      purchaseAgo,
      soldByUs,
      warranty: purchaseAgo !== null,
      insuranceCompany: insurance === 'none' ? '' : r.pick(DEMO_INSURERS),
      insuranceExpiry,
      extendedWarrantyUntil: extended ? addDays(addMonths(purchaseDay, extendedMonths), -1) : null,
      extendedWarrantyKm: extended ? (extendedMonths === 60 ? 120_000 : 150_000) : null,
      owner: ownerIndex,
      driver: null,
      notes: r.chance(0.03) ? r.pick(['右后门有旧划痕', '加装行车记录仪', '改装轮毂', '后装倒车影像']) : '',
      createdAgo: 0,
      createdMinute: businessMinute(r),
      createdBy: r.pick(filers),
      readings: [],
      twinOf: null,
    });
    const index = vehiclesPlan.length - 1;
    const v = vehiclesPlan[index]!;
    // A separate usual driver (使用人): most fleet cars, some family cars.
    if (!featured && r.chance(owner.kind === 'company' ? 0.6 : 0.06)) {
      v.driver = newCustomer('person', 'driver', owner.source, owner.outletName);
    }
    const kmPerDay = owner.kind === 'company' ? uniform(r, 30, 80) : 20 + 60 * r.next() ** 1.4;
    v.readings = visits(v, featured ? 42 : kmPerDay, hiddenPurchaseAgo, featured);
    // Filed when sold, else at its first visit (just before the reading is taken).
    const firstVisit = v.readings[0];
    v.createdAgo = soldByUs ? hiddenPurchaseAgo : (firstVisit?.ago ?? r.int(1, Math.min(historyDays, hiddenPurchaseAgo)));
    if (firstVisit && v.createdAgo <= firstVisit.ago) {
      v.createdAgo = firstVisit.ago;
      v.createdMinute = Math.min(v.createdMinute, firstVisit.minute - r.int(5, 20));
    }
    owner.vehicles.push(index);
    if (v.driver !== null) Object.assign(customersPlan[v.driver]!, { createdAgo: v.createdAgo, createdMinute: v.createdMinute - 1 });
    return index;
  }

  // ---- owners and their cars -----------------------------------------------------------------
  const duplicateVehicles = Math.round(opts.vehiclesPerStore * DUPLICATE_VEHICLE_SHARE);
  const base = opts.vehiclesPerStore - duplicateVehicles;
  if (featuredStore && base > 0) {
    const ownerIndex = newCustomer('person', 'owner', 'own_sale', '');
    Object.assign(customersPlan[ownerIndex]!, {
      name: FEATURED_CAR.ownerName,
      initials: FEATURED_CAR.ownerInitials,
      mobile: FEATURED_CAR.mobile,
      otherPhones: [],
      address: `${city.region}武侯区人民南路四段12号锦城花园3栋2单元801`,
      consentPhone: true,
      consentSms: true,
      consentWechat: true,
      preferredAdvisorId: advisors[0]?.userId ?? null,
      notes: '演示客户：搜索 a123 或 zs 可找到其车辆',
    });
    newVehicle(ownerIndex, true);
  }
  while (vehiclesPlan.length < base) {
    const kind: CustomerKind = r.chance(0.08) ? 'company' : 'person';
    const { source, outletName } = ownerSource(kind);
    const ownerIndex = newCustomer(kind, 'owner', source, outletName);
    const count = kind === 'company' ? weighted(r, [[1, 30], [2, 30], [3, 20], [4, 10], [5, 5], [6, 5]] as const) : r.chance(0.07) ? (r.chance(0.1) ? 3 : 2) : 1;
    for (let k = 0; k < count && vehiclesPlan.length < base; k++) newVehicle(ownerIndex, false);
  }

  // An owner's file dates from its first car's (a moment before it).
  for (const c of customersPlan) {
    if (c.role !== 'owner') continue;
    const firstCar = c.vehicles.map((v) => vehiclesPlan[v]!).reduce((a, b) => (b.createdAgo > a.createdAgo || (b.createdAgo === a.createdAgo && b.createdMinute < a.createdMinute) ? b : a));
    c.createdAgo = firstCar.createdAgo;
    c.createdMinute = firstCar.createdMinute - 2;
  }

  // ---- duplicates: the same person or car filed again by another advisor ------------------------
  const ownerCount = customersPlan.length;
  const newestAllowed = 2; // a second file is created at least two days before asOf
  const laterDay = (createdAgo: number) => r.int(newestAllowed, Math.max(newestAllowed, createdAgo - 1));
  const otherFiler = (not: DemoStaff) => {
    const others = filers.filter((s) => s.userId !== not.userId);
    return others.length ? r.pick(others) : not;
  };
  let duplicateCustomers = 0;
  let twins = 0;
  const twinned = new Set<number>();

  /** A second file of the car: plate only, typed on the day `createdAgo`. */
  function twinVehicle(originalIndex: number, ownerIndex: number, createdAgo: number): void {
    const original = vehiclesPlan[originalIndex]!;
    const owner = customersPlan[ownerIndex]!;
    // Filed with its (second) owner file, or on its own later.
    const createdMinute = owner.createdAgo === createdAgo ? owner.createdMinute + 2 : businessMinute(r);
    const twin: VehiclePlan = {
      vin: null,
      plate: original.plate,
      model: r.chance(0.6) ? original.model : null,
      colour: r.chance(0.7) ? original.colour : '',
      engineNo: '',
      purchaseAgo: r.chance(0.3) ? original.purchaseAgo : null,
      soldByUs: false,
      warranty: false,
      insuranceCompany: '',
      insuranceExpiry: null,
      extendedWarrantyUntil: null,
      extendedWarrantyKm: null,
      owner: ownerIndex,
      driver: null,
      notes: '',
      createdAgo,
      createdMinute,
      createdBy: otherFiler(original.createdBy),
      readings: [],
      twinOf: originalIndex,
    };
    // The visits after the second file existed were recorded on either file: split history.
    const kept: ReadingPlan[] = [];
    for (const reading of original.readings) {
      const after = reading.ago < createdAgo || (reading.ago === createdAgo && reading.minute > twin.createdMinute);
      if (after && r.chance(0.6)) twin.readings.push(reading);
      else kept.push(reading);
    }
    original.readings = kept;
    vehiclesPlan.push(twin);
    customersPlan[ownerIndex]!.vehicles.push(vehiclesPlan.length - 1);
    twinned.add(originalIndex);
    twins++;
  }

  const first = featuredStore ? 1 : 0; // the demo car and its owner stay single
  const wantedCustomerDuplicates = Math.round(customersPlan.filter((c) => c.role === 'owner').length * DUPLICATE_CUSTOMER_SHARE);
  for (let attempt = 0; duplicateCustomers < wantedCustomerDuplicates && attempt < wantedCustomerDuplicates * 20; attempt++) {
    const original = customersPlan[r.int(first, ownerCount - 1)]!;
    if (original.role !== 'owner' || original.kind !== 'person' || !original.mobile || original.createdAgo <= newestAllowed + 1) continue;
    // Half of them came with the car, which was filed again under the second file too.
    const car = r.chance(0.5) && twins < duplicateVehicles ? original.vehicles.find((v) => vehiclesPlan[v]!.plate && !twinned.has(v) && vehiclesPlan[v]!.createdAgo > newestAllowed + 1) : undefined;
    const createdAgo = laterDay(car === undefined ? original.createdAgo : vehiclesPlan[car]!.createdAgo);
    const chars = Array.from(original.name);
    // Typed again: the same name, or the last character mistyped (王秀英 / 王秀瑛).
    const name = r.chance(0.7) ? original.name : chars.slice(0, -1).join('') + r.pick([...'英瑛颖伟玮明铭华桦军君']);
    const index = newCustomer('person', 'duplicate', r.chance(0.5) ? null : original.source, '');
    const duplicate = customersPlan[index]!;
    Object.assign(duplicate, {
      name,
      initials: cachedInitials(name),
      mobile: original.mobile,
      otherPhones: [],
      address: '',
      outletName: duplicate.source === 'outlet' ? original.outletName : '',
      consentPhone: null,
      consentSms: null,
      consentWechat: null,
      preferredAdvisorId: null,
      notes: '',
      createdAgo,
      createdBy: otherFiler(original.createdBy),
    });
    duplicateCustomers++;
    if (car !== undefined) twinVehicle(car, index, createdAgo);
  }
  for (let attempt = 0; twins < duplicateVehicles && attempt < duplicateVehicles * 50; attempt++) {
    const originalIndex = r.int(first, base - 1);
    const original = vehiclesPlan[originalIndex]!;
    if (!original.plate || twinned.has(originalIndex) || original.createdAgo <= newestAllowed + 1) continue;
    twinVehicle(originalIndex, original.owner, laterDay(original.createdAgo));
  }

  // ---- derived: stats, tags and the customers' creation day --------------------------------------
  for (const v of vehiclesPlan) {
    v.stats = computeVehicleStats({
      readings: v.readings.map((x) => ({ km: x.km, readAt: instant(opts.asOf, x.ago, x.minute), service: x.service })),
      purchaseDate: v.purchaseAgo === null ? null : dayOf(opts.asOf, v.purchaseAgo),
      interval: v.model ? { months: v.model.intervalMonths, km: v.model.intervalKm } : null,
      timeZone: TIME_ZONE,
      today: opts.asOf,
    });
  }
  for (const c of customersPlan) {
    if (c.role === 'owner') c.tags = ownerTags(r, c, c.vehicles.map((v) => vehiclesPlan[v]!), historyDays);
  }
  return { customers: customersPlan, vehicles: vehiclesPlan, duplicateCustomers, duplicateVehicles: twins };
}

function ownerTags(r: Random, c: CustomerPlan, owned: VehiclePlan[], historyDays: number): string[] {
  const tags: string[] = [];
  if (c.kind === 'company') {
    tags.push('车队');
    if (r.chance(0.5)) tags.push('月结');
  } else {
    if (owned.some((v) => v.createdAgo > 3 * 365)) tags.push('老客户');
    if (r.chance(0.05)) tags.push('VIP');
    if (r.chance(0.02)) tags.push('投诉敏感');
  }
  if (owned.some((v) => v.model?.electric)) tags.push('新能源');
  if (owned.some((v) => v.extendedWarrantyUntil !== null)) tags.push('延保客户');
  if (owned.some((v) => v.soldByUs && v.purchaseAgo !== null && v.purchaseAgo < 180)) tags.push('首保客户');
  const lastVisits = owned.flatMap((v) => v.readings.map((x) => x.ago));
  if (lastVisits.length && Math.min(...lastVisits) > Math.min(historyDays, 365)) tags.push('流失预警');
  return tags;
}

/** Writes one store's planned files; returns what it wrote. */
export async function insertStoreFiles(tx: Executor, store: DemoStore, storeIndex: number, opts: FilesOptions): Promise<StoreFilesSummary> {
  const plan = planStoreFiles(store, storeIndex, opts);
  const asOf = opts.asOf;
  const at = (ago: number, minute: number) => instant(asOf, ago, minute);
  const byCreation = <T extends { createdAgo: number; createdMinute: number }>(items: T[]) =>
    items.map((item, i) => ({ item, i })).sort((a, b) => b.item.createdAgo - a.item.createdAgo || a.item.createdMinute - b.item.createdMinute || a.i - b.i);

  // Ids in creation order: lists sorted by id read like the store's history.
  const customerOrder = byCreation(plan.customers);
  const customerIds = await reserveIds(tx, customers, customerOrder.length);
  customerOrder.forEach(({ item }, k) => (item.id = customerIds[k]!));
  const vehicleOrder = byCreation(plan.vehicles);
  const vehicleIds = await reserveIds(tx, vehicles, vehicleOrder.length);
  vehicleOrder.forEach(({ item }, k) => (item.id = vehicleIds[k]!));
  const readings = plan.vehicles
    .flatMap((v) => v.readings.map((x) => ({ v, x })))
    .sort((a, b) => b.x.ago - a.x.ago || a.x.minute - b.x.minute || a.v.id! - b.v.id!);
  const readingIds = await reserveIds(tx, odometerReadings, readings.length);
  readings.forEach(({ x }, k) => (x.id = readingIds[k]!));

  const customerId = (index: number | null) => (index === null ? null : plan.customers[index]!.id!);
  const vehicleRows = vehicleOrder.map(({ item: v }) => {
    const stats = v.stats!;
    const fields = {
      vehicleModelId: v.model?.id ?? null,
      vin: v.vin,
      plate: v.plate,
      purchaseDate: v.purchaseAgo === null ? null : dayOf(asOf, v.purchaseAgo),
      insuranceExpiry: v.insuranceExpiry,
      currentMileageKm: stats.currentMileageKm,
    };
    const completeness = vehicleCompleteness(fields);
    const createdAt = at(v.createdAgo, v.createdMinute);
    return {
      id: v.id!,
      storeId: store.id,
      ...fields,
      colour: v.colour,
      engineNo: v.engineNo,
      soldByUs: v.soldByUs,
      warrantyStart: v.warranty ? fields.purchaseDate : null,
      insuranceCompany: v.insuranceCompany,
      extendedWarrantyUntil: v.extendedWarrantyUntil,
      extendedWarrantyKm: v.extendedWarrantyKm,
      ownerId: customerId(v.owner),
      driverId: customerId(v.driver),
      currentMileageKm: stats.currentMileageKm,
      mileageReadAt: stats.mileageReadAt,
      avgKmPerDay: stats.avgKmPerDay,
      lastServiceDate: stats.lastServiceDate,
      lastServiceKm: stats.lastServiceKm,
      nextDueDate: stats.nextDueDate,
      nextDueKm: stats.nextDueKm,
      lastVisitAt: stats.lastVisitAt,
      completeness: completeness.score,
      completenessMissing: completeness.missing,
      notes: v.notes,
      createdAt,
      updatedAt: stats.lastVisitAt && stats.lastVisitAt > createdAt ? stats.lastVisitAt : createdAt,
    };
  });
  const vehicleFieldsOf = new Map(vehicleRows.map((row) => [row.id, row]));

  const customerRows = customerOrder.map(({ item: c }) => {
    const owned = c.vehicles.map((v) => vehicleFieldsOf.get(plan.vehicles[v]!.id!)!);
    const completeness = customerCompleteness(
      { mobile: c.mobile, address: c.address, consent: { phone: c.consentPhone, sms: c.consentSms, wechat: c.consentWechat }, source: c.source, outletName: c.outletName },
      owned,
    );
    const searchName = searchNameOf(c.name);
    const createdAt = at(c.createdAgo, c.createdMinute);
    return {
      id: c.id!,
      storeId: store.id,
      kind: c.kind,
      name: c.name,
      searchName,
      nameGrams: gramsOf(searchName),
      nameInitials: c.initials,
      mobile: c.mobile,
      otherPhones: c.otherPhones,
      phoneDigits: phoneDigitsOf(c.mobile, c.otherPhones),
      address: c.address,
      source: c.source,
      outletName: c.outletName,
      consentPhone: c.consentPhone,
      consentSms: c.consentSms,
      consentWechat: c.consentWechat,
      preferredAdvisorId: c.preferredAdvisorId,
      tags: c.tags,
      notes: c.notes,
      completeness: completeness.score,
      completenessMissing: completeness.missing,
      createdAt,
      updatedAt: createdAt,
    };
  });

  await bulkInsert(
    tx,
    customers,
    [
      'id',
      'storeId',
      'kind',
      'name',
      'searchName',
      'nameGrams',
      'nameInitials',
      'mobile',
      'otherPhones',
      'phoneDigits',
      'address',
      'source',
      'outletName',
      'consentPhone',
      'consentSms',
      'consentWechat',
      'preferredAdvisorId',
      'tags',
      'notes',
      'completeness',
      'completenessMissing',
      'createdAt',
      'updatedAt',
    ],
    customerRows,
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    vehicles,
    [
      'id',
      'storeId',
      'vin',
      'plate',
      'vehicleModelId',
      'colour',
      'engineNo',
      'purchaseDate',
      'soldByUs',
      'warrantyStart',
      'insuranceCompany',
      'insuranceExpiry',
      'extendedWarrantyUntil',
      'extendedWarrantyKm',
      'ownerId',
      'driverId',
      'currentMileageKm',
      'mileageReadAt',
      'avgKmPerDay',
      'lastServiceDate',
      'lastServiceKm',
      'nextDueDate',
      'nextDueKm',
      'lastVisitAt',
      'completeness',
      'completenessMissing',
      'notes',
      'createdAt',
      'updatedAt',
    ],
    vehicleRows,
    { overridingSystemValue: true },
  );
  await bulkInsert(
    tx,
    odometerReadings,
    ['id', 'storeId', 'vehicleId', 'km', 'readAt', 'service', 'reason', 'broughtByCustomerId', 'broughtByName', 'refType', 'refId', 'createdBy', 'createdAt'],
    readings.map(({ v, x }) => {
      const readAt = at(x.ago, x.minute);
      return {
        id: x.id!,
        storeId: store.id,
        vehicleId: v.id!,
        km: x.km,
        readAt,
        service: x.service,
        reason: x.reason,
        broughtByCustomerId: customerId(x.broughtBy),
        broughtByName: x.broughtByName,
        refType: null,
        refId: null,
        createdBy: x.createdBy.userId,
        createdAt: readAt,
      };
    }),
    { overridingSystemValue: true, chunkSize: 10_000 },
  );

  // The timeline: each file's creation, each vehicle's, each visit (as the module writes them).
  interface EventRow {
    storeId: number;
    vehicleId: number | null;
    customerId: number | null;
    kind: string;
    title: string;
    refType: string | null;
    refId: string | null;
    at: Date;
    data: Record<string, unknown>;
    actorId: number;
    actorName: string;
    createdAt: Date;
  }
  const events: EventRow[] = [];
  const event = (e: Omit<EventRow, 'storeId' | 'createdAt' | 'refType' | 'refId' | 'data'> & Partial<Pick<EventRow, 'refType' | 'refId' | 'data'>>) =>
    events.push({ storeId: store.id, refType: null, refId: null, data: {}, ...e, createdAt: e.at });
  for (const { item: c } of customerOrder) {
    event({ vehicleId: null, customerId: c.id!, kind: 'file_created', title: `建档：${c.name}`, at: at(c.createdAgo, c.createdMinute), actorId: c.createdBy.userId, actorName: c.createdBy.displayName });
  }
  for (const { item: v } of vehicleOrder) {
    const title = v.plate ? formatPlate(v.plate) : (v.vin ?? `#${v.id}`);
    event({ vehicleId: v.id!, customerId: customerId(v.owner), kind: 'vehicle_created', title: `车辆建档：${title}`, at: at(v.createdAgo, v.createdMinute), actorId: v.createdBy.userId, actorName: v.createdBy.displayName });
  }
  for (const { v, x } of readings) {
    event({
      vehicleId: v.id!,
      customerId: customerId(x.broughtBy) ?? customerId(v.owner),
      kind: 'visit',
      title: `${x.service ? '保养进厂' : '进厂'}，里程 ${thousands(x.km)} km`,
      refType: 'odometer_reading',
      refId: String(x.id),
      at: at(x.ago, x.minute),
      data: { km: x.km, service: x.service, ...(x.reason ? { reason: x.reason } : {}), ...(x.broughtByName ? { broughtByName: x.broughtByName } : {}) },
      actorId: x.createdBy.userId,
      actorName: x.createdBy.displayName,
    });
  }
  events.sort((a, b) => a.at.getTime() - b.at.getTime());
  await bulkInsert(
    tx,
    timelineEvents,
    ['storeId', 'vehicleId', 'customerId', 'kind', 'title', 'refType', 'refId', 'at', 'data', 'actorId', 'actorName', 'createdAt'],
    events,
    { chunkSize: 10_000 },
  );

  const featured = storeIndex === FEATURED_CAR.storeIndex ? plan.vehicles.find((v) => v.plate === FEATURED_CAR.plate && v.twinOf === null) : undefined;
  return {
    customers: plan.customers.length,
    companies: plan.customers.filter((c) => c.kind === 'company').length,
    drivers: plan.customers.filter((c) => c.role === 'driver').length,
    vehicles: plan.vehicles.length,
    readings: readings.length,
    timelineEvents: events.length,
    duplicateCustomers: plan.duplicateCustomers,
    duplicateVehicles: plan.duplicateVehicles,
    ...(featured ? { featured: { customerId: customerId(featured.owner)!, vehicleId: featured.id!, plate: featured.plate! } } : {}),
  };
}
