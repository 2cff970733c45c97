import type { ConsentChannel, CustomerSource } from '#contracts/customers';
import type { SegmentFilter, WarrantyState } from '#contracts/customers-tools';
import { fenToYuan, formatNumber, yuanToFen } from '../../lib/format';

/** The segment editor's fields: the filter flattened into one form (ranges as min/max pairs). */
export interface SegmentValues {
  name: string;
  description: string;
  vehicleModelIds: number[];
  ageMin: number | null;
  ageMax: number | null;
  mileageMin: number | null;
  mileageMax: number | null;
  usageMin: number | null;
  usageMax: number | null;
  visitsMin: number | null;
  visitsMax: number | null;
  visitsMonths: number;
  lastMinDays: number | null;
  lastMaxDays: number | null;
  includeNever: boolean;
  spendMin: number | null;
  spendMax: number | null;
  spendMonths: number;
  sources: CustomerSource[];
  outletName: string;
  warrantyState: WarrantyState | null;
  factoryMonths: number;
  factoryKm: number;
  tags: string[];
  tagsMatch: 'any' | 'all';
  dueWithinDays: number | null;
  soldByUs: 'any' | 'yes' | 'no';
  consent: ConsentChannel | null;
}

const n = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
function range(min: number | null | undefined, max: number | null | undefined) {
  const a = n(min);
  const b = n(max);
  return a === null && b === null ? null : { min: a, max: b };
}

export function toFilter(v: Partial<SegmentValues>): SegmentFilter {
  const visits = range(v.visitsMin, v.visitsMax);
  const spendMin = v.spendMin == null ? null : yuanToFen(v.spendMin);
  const spendMax = v.spendMax == null ? null : yuanToFen(v.spendMax);
  const last = n(v.lastMinDays) === null && n(v.lastMaxDays) === null ? null : { minDaysAgo: n(v.lastMinDays), maxDaysAgo: n(v.lastMaxDays), includeNever: v.includeNever ?? false };
  return {
    vehicleModelIds: v.vehicleModelIds ?? [],
    vehicleAgeYears: range(v.ageMin, v.ageMax),
    mileageKm: range(v.mileageMin, v.mileageMax),
    avgKmPerDay: range(v.usageMin, v.usageMax),
    visits: visits ? { ...visits, withinMonths: v.visitsMonths ?? 12 } : null,
    lastVisit: last,
    spendFen: spendMin === null && spendMax === null ? null : { min: spendMin, max: spendMax, withinMonths: v.spendMonths ?? 12 },
    sources: v.sources ?? [],
    outletName: v.outletName?.trim() ?? '',
    warranty: v.warrantyState ? { state: v.warrantyState, factoryMonths: v.factoryMonths ?? 36, factoryKm: v.factoryKm ?? 100_000 } : null,
    tags: (v.tags ?? []).map((x) => x.trim()).filter(Boolean),
    tagsMatch: v.tagsMatch ?? 'any',
    dueWithinDays: n(v.dueWithinDays),
    soldByUs: v.soldByUs === 'yes' ? true : v.soldByUs === 'no' ? false : null,
    consent: v.consent ?? null,
  };
}

export function toValues(f: SegmentFilter | null, name = '', description = ''): Partial<SegmentValues> {
  const yuan = (fen: number | null | undefined) => (fen == null ? null : Number(fenToYuan(fen)));
  return {
    name,
    description,
    vehicleModelIds: f?.vehicleModelIds ?? [],
    ageMin: f?.vehicleAgeYears?.min ?? null,
    ageMax: f?.vehicleAgeYears?.max ?? null,
    mileageMin: f?.mileageKm?.min ?? null,
    mileageMax: f?.mileageKm?.max ?? null,
    usageMin: f?.avgKmPerDay?.min ?? null,
    usageMax: f?.avgKmPerDay?.max ?? null,
    visitsMin: f?.visits?.min ?? null,
    visitsMax: f?.visits?.max ?? null,
    visitsMonths: f?.visits?.withinMonths ?? 12,
    lastMinDays: f?.lastVisit?.minDaysAgo ?? null,
    lastMaxDays: f?.lastVisit?.maxDaysAgo ?? null,
    includeNever: f?.lastVisit?.includeNever ?? false,
    spendMin: yuan(f?.spendFen?.min),
    spendMax: yuan(f?.spendFen?.max),
    spendMonths: f?.spendFen?.withinMonths ?? 12,
    sources: f?.sources ?? [],
    outletName: f?.outletName ?? '',
    warrantyState: f?.warranty?.state ?? null,
    factoryMonths: f?.warranty?.factoryMonths ?? 36,
    factoryKm: f?.warranty?.factoryKm ?? 100_000,
    tags: f?.tags ?? [],
    tagsMatch: f?.tagsMatch ?? 'any',
    dueWithinDays: f?.dueWithinDays ?? null,
    soldByUs: f?.soldByUs === true ? 'yes' : f?.soldByUs === false ? 'no' : 'any',
    consent: f?.consent ?? null,
  };
}

/** Server error paths (`filter.mileageKm.max`) → the editor's fields. */
export const SEGMENT_RENAME: Record<string, string> = {
  'filter.vehicleModelIds': 'vehicleModelIds',
  'filter.vehicleAgeYears.min': 'ageMin',
  'filter.vehicleAgeYears.max': 'ageMax',
  'filter.vehicleAgeYears': 'ageMax',
  'filter.mileageKm.min': 'mileageMin',
  'filter.mileageKm.max': 'mileageMax',
  'filter.mileageKm': 'mileageMax',
  'filter.avgKmPerDay.min': 'usageMin',
  'filter.avgKmPerDay.max': 'usageMax',
  'filter.avgKmPerDay': 'usageMax',
  'filter.visits.min': 'visitsMin',
  'filter.visits.max': 'visitsMax',
  'filter.visits.withinMonths': 'visitsMonths',
  'filter.visits': 'visitsMax',
  'filter.lastVisit.minDaysAgo': 'lastMinDays',
  'filter.lastVisit.maxDaysAgo': 'lastMaxDays',
  'filter.spendFen.min': 'spendMin',
  'filter.spendFen.max': 'spendMax',
  'filter.spendFen.withinMonths': 'spendMonths',
  'filter.spendFen': 'spendMax',
  'filter.sources': 'sources',
  'filter.outletName': 'outletName',
  'filter.warranty.factoryMonths': 'factoryMonths',
  'filter.warranty.factoryKm': 'factoryKm',
  'filter.warranty': 'warrantyState',
  'filter.tags': 'tags',
  'filter.dueWithinDays': 'dueWithinDays',
};

/** `≥ 3`, `≤ 5`, `3–5` */
export function rangeText(r: { min: number | null; max: number | null } | null, fmt: (x: number) => string = formatNumber): string | null {
  if (!r || (r.min === null && r.max === null)) return null;
  if (r.min !== null && r.max !== null) return `${fmt(r.min)}–${fmt(r.max)}`;
  return r.min !== null ? `≥ ${fmt(r.min)}` : `≤ ${fmt(r.max!)}`;
}
