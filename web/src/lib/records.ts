import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Resource } from './api';

/**
 * Records of a resource by id, for showing names of referenced records (a package's vehicle model,
 * its service items). Each is cached under the same key the record drawer uses.
 */
export function useRecordsById<R extends { id: number }>(resource: Pick<Resource<R, unknown, unknown>, 'key' | 'get'>, ids: readonly number[]): Map<number, R> {
  const unique = useMemo(() => [...new Set(ids)].sort((a, b) => a - b), [ids]);
  const results = useQueries({
    queries: unique.map((id) => ({ queryKey: [resource.key, 'record', id], queryFn: () => resource.get(id), staleTime: 60_000 })),
  });
  const map = new Map<number, R>();
  for (const r of results) if (r.data) map.set(r.data.id, r.data);
  return map;
}

/** Up to 200 active records of a resource for a picker, optionally narrowed by a search word. */
export function usePickerOptions<R>(resource: Pick<Resource<R, unknown, unknown>, 'key' | 'list'>, q = '', sort?: string) {
  return useQuery({
    queryKey: [resource.key, 'list', { page: 1, pageSize: 200, active: 'true', q, sort }],
    queryFn: ({ signal }) => resource.list({ page: 1, pageSize: 200, active: 'true', q: q || undefined, sort, order: 'asc' }, signal),
    staleTime: 60_000,
  });
}
