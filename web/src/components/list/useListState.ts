import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { ListParams } from '../../lib/api';

export const PAGE_SIZES = [20, 50, 100, 200];

export interface ListState {
  params: ListParams;
  /** Filters (and the search box) currently applied, by parameter name. */
  filters: Record<string, string>;
  hasFilters: boolean;
  /** Changes some parameters; any change but paging returns to page 1. `undefined` removes one. */
  update: (changes: Record<string, string | number | undefined>) => void;
  clearFilters: () => void;
}

function positiveInt(value: string | null, fallback: number): number {
  const n = value && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

/** The list's page, size, sort, search and filters, kept in the page URL (shareable, survives reload). */
export function useListState(filterNames: readonly string[], defaultPageSize = 20): ListState {
  const [search, setSearch] = useSearchParams();
  const namesKey = filterNames.join(',');

  const state = useMemo(() => {
    const filters: Record<string, string> = {};
    for (const name of ['q', ...filterNames]) {
      const v = search.get(name);
      if (v) filters[name] = v;
    }
    const pageSize = positiveInt(search.get('pageSize'), defaultPageSize);
    const sort = search.get('sort') ?? undefined;
    const order = search.get('order') === 'desc' ? 'desc' : 'asc';
    const params: ListParams = {
      ...filters,
      page: positiveInt(search.get('page'), 1),
      pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : defaultPageSize,
      ...(sort ? { sort, order } : {}),
    };
    return { params, filters, hasFilters: Object.keys(filters).length > 0 };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- namesKey stands for filterNames
  }, [search, namesKey, defaultPageSize]);

  const update = useCallback(
    (changes: Record<string, string | number | undefined>) =>
      setSearch(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [key, value] of Object.entries(changes)) {
            if (value === undefined || value === '') next.delete(key);
            else next.set(key, String(value));
          }
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setSearch],
  );

  const clearFilters = useCallback(() => {
    const changes: Record<string, undefined> = { q: undefined };
    for (const name of namesKey.split(',').filter(Boolean)) changes[name] = undefined;
    update(changes);
  }, [namesKey, update]);

  return { ...state, update, clearFilters };
}
