import { CSS_ITEMS, CSS_LEVELS, PT_SECTION_ITEMS, PT_SECTIONS, type CssItem, type CssLevel } from '#contracts/satisfaction';
import type { Executor } from '../db/types';
import { cssResults, ptResults } from '../modules/satisfaction/satisfaction.table';
import { bulkInsert } from './bulk';
import type { DemoOptions, DemoStore } from './generator';

/** Months of manufacturer scores behind the demo's today. */
const MONTHS = 24;

/** A number in [0, 1) from a key: the same store, month and item always score the same. */
function unit(key: string): number {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return ((h >>> 0) % 10_000) / 10_000;
}

function monthsBefore(asOf: string, count: number): string[] {
  const [y, m] = asOf.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 2 - i, 1)); // the month before asOf's, going back
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  }).reverse();
}

/**
 * Manufacturer scores for the demo (SPEC §10): the 24 months before today, each with the CSS item
 * scores, sample size and reported CSS of the store, its region and the nation, and the mystery
 * shopper's section results. The store improves slowly with a dip now and then; the region and the
 * nation move little. Deterministic from the store code and month (no shared random stream).
 */
export async function insertStoreSatisfaction(tx: Executor, store: DemoStore, index: number, opts: Required<DemoOptions>): Promise<{ months: number }> {
  const months = monthsBefore(opts.asOf, MONTHS);
  const base: Record<CssLevel, number> = { store: 84 + (index % 3) * 1.5, region: 86.5, nation: 86 };
  const rows: { storeId: number; month: string; level: CssLevel; sampleSize: number; cssScore: number; itemScores: Partial<Record<CssItem, number>>; enteredByName: string }[] = [];
  const pts: { storeId: number; month: string; section: (typeof PT_SECTIONS)[number]; items: number; passed: number }[] = [];
  months.forEach((month, i) => {
    for (const level of CSS_LEVELS) {
      const trend = level === 'store' ? i * 0.25 : i * 0.05;
      const dip = level === 'store' && unit(`${store.code}${month}dip`) < 0.15 ? -4 : 0;
      const items = Object.fromEntries(
        CSS_ITEMS.map((item: CssItem) => {
          const spread = level === 'store' ? 8 : 3;
          const score = Math.min(100, base[level] + trend + dip + (unit(`${store.code}${level}${month}${item}`) - 0.5) * spread);
          return [item, Math.round(score * 10) / 10];
        }),
      );
      const mean = CSS_ITEMS.reduce((s, item) => s + (items[item] as number), 0) / CSS_ITEMS.length;
      rows.push({
        storeId: store.id,
        month,
        level,
        sampleSize: level === 'store' ? 30 + Math.round(unit(`${store.code}${month}n`) * 40) : level === 'region' ? 1800 : 42000,
        cssScore: Math.round((mean + (unit(`${store.code}${level}${month}css`) - 0.5) * 2) * 10) / 10,
        itemScores: items,
        enteredByName: '演示数据',
      });
    }
    for (const section of PT_SECTIONS) {
      const items = PT_SECTION_ITEMS[section];
      const failed = unit(`${store.code}${month}${section}pt`) < 0.35 ? 1 : 0;
      pts.push({ storeId: store.id, month, section, items, passed: items - failed });
    }
  });
  await bulkInsert(tx, cssResults, ['storeId', 'month', 'level', 'sampleSize', 'cssScore', 'itemScores', 'enteredByName'], rows);
  await bulkInsert(tx, ptResults, ['storeId', 'month', 'section', 'items', 'passed'], pts);
  return { months: months.length };
}
