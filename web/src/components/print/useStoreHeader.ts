import { useQuery } from '@tanstack/react-query';
import type { StoreHeader } from '#contracts/stores';
import { useMe } from '../../app/auth';
import { api } from '../../lib/api';

/** The store's letterhead for printed forms (SPEC §18): name, brand, address and phone. */
export function useStoreHeader(): StoreHeader {
  const me = useMe();
  const store = useQuery({ queryKey: ['stores', 'current', me.store.id], queryFn: () => api.get<StoreHeader>('/api/stores/current'), staleTime: 10 * 60_000 });
  return store.data ?? { id: me.store.id, code: '', name: me.store.name, brand: '', address: '', phone: '', timeZone: me.store.timeZone };
}
