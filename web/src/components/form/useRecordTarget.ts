import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** Which record the page's drawer shows: an id, a new one, or none. */
export type RecordTarget = number | 'new' | null;

/**
 * The open record lives in the URL (`?open=12`, `?open=new`) next to the list's own query, so a
 * record can be linked to and the list keeps its page, sort and filters behind the drawer.
 */
export function useRecordTarget(param = 'open') {
  const [params, setParams] = useSearchParams();
  const raw = params.get(param);
  const target: RecordTarget = raw === 'new' ? 'new' : raw && /^\d+$/.test(raw) ? Number(raw) : null;

  const set = useCallback(
    (value: RecordTarget) =>
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          if (value === null) next.delete(param);
          else next.set(param, String(value));
          return next;
        },
        { replace: true },
      ),
    [param, setParams],
  );

  return {
    target,
    openRecord: useCallback((id: number) => set(id), [set]),
    openNew: useCallback(() => set('new'), [set]),
    close: useCallback(() => set(null), [set]),
  };
}
