import { partNoKey } from '#contracts/parts';

/**
 * The search columns of a part, computed on every save and by the import (catalog.table.ts). Pure.
 */
export { partNoKey };

/** Lower case without spaces: Latin name fragments are matched against it (trigram). */
export function nameKeyOf(name: string): string {
  return name.toLowerCase().replace(/[\s·•]/g, '');
}

/** Every 1- and 2-character substring: `name_grams @> ARRAY[…]` finds any Chinese fragment. */
export function gramsOf(nameKey: string): string[] {
  const chars = Array.from(nameKey);
  const grams = new Set<string>(chars);
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

/** The grams a query fragment must all have: itself when one or two characters, else its 2-grams. */
export function queryGrams(fragment: string): string[] {
  const chars = Array.from(fragment);
  if (chars.length <= 2) return [fragment];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

export function searchColumnsOf(part: { partNo: string; name: string }) {
  const nameKey = nameKeyOf(part.name);
  return { partNoKey: partNoKey(part.partNo), nameKey, nameGrams: gramsOf(nameKey) };
}
