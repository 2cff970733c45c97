import { sql, type SQL } from 'drizzle-orm';
import { queryGrams } from './search-keys';
import { customerSearch } from './search-views';

export { shapeOf, type QueryShape } from './search-keys';

/**
 * Index-friendly conditions shared by the search box and the lists' `q`, on the search views
 * (search-views.ts: under RLS only leakproof operators may use an index). Each one is answered by an
 * index (customers.table.ts): name fragments by the `name_grams` GIN, pinyin initials and name
 * prefixes by text_pattern_ops btrees, plate/VIN/phone fragments by pg_trgm GIN indexes.
 */

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
export const likeContains = (s: string) => `%${escapeLike(s)}%`;
export const likePrefix = (s: string) => `${escapeLike(s)}%`;
export const likeSuffix = (s: string) => `%${escapeLike(s)}`;

/** A text[] literal bound as one parameter (works the same on node-postgres and PGlite). */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`}::text[]`;
}

/** Any fragment of the name: every gram of the fragment is in `name_grams`, then the exact substring. */
export function nameMatches(fragment: string): SQL | undefined {
  if (fragment === '') return undefined;
  const grams = queryGrams(fragment);
  const containsAll = sql`${customerSearch.nameGrams} @> ${textArray(grams)}`;
  return Array.from(fragment).length <= 2 ? containsAll : sql`(${containsAll} AND ${customerSearch.searchName} LIKE ${likeContains(fragment)})`;
}
