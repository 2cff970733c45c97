import { asc, desc, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { ListQuery, Page } from '#contracts/common';

/** ORDER BY for a list query: the requested column (whitelisted by the query schema), then id. */
export function orderBy(query: ListQuery, columns: Record<string, AnyPgColumn>, tieBreaker: AnyPgColumn): SQL[] {
  const dir = query.order === 'desc' ? desc : asc;
  const column = query.sort ? columns[query.sort] : undefined;
  return column ? [dir(column), dir(tieBreaker)] : [asc(tieBreaker)];
}

export function offsetOf(query: ListQuery): number {
  return (query.page - 1) * query.pageSize;
}

export function pageOf<T>(query: ListQuery, items: T[], total: number): Page<T> {
  return { items, total, page: query.page, pageSize: query.pageSize };
}

/** `%fragment%` for ILIKE, with the user's own % and _ taken literally. */
export function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
