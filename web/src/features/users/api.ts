import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { UserCreate, UserUpdate } from '#contracts/identity';
import type { Store } from '#contracts/stores';
import type { User } from '#contracts/users';
import { useCan, useMe } from '../../app/auth';
import { api, resource } from '../../lib/api';

export const usersApi = resource<User, UserCreate, UserUpdate>('users', '/api/users');

/**
 * Names of the group's stores by id: the stores of the signed-in user, and all stores for roles
 * that may read them (memberships in other stores are then named too).
 */
export function useStoreNames(): { names: Map<number, string>; stores: { id: number; name: string }[] } {
  const me = useMe();
  const canRead = useCan()('store:read');
  const all = useQuery({ queryKey: ['stores', 'all'], queryFn: () => api.get<Store[]>('/api/stores'), enabled: canRead, staleTime: 5 * 60_000 });
  return useMemo(() => {
    const stores = all.data ? all.data.map((s) => ({ id: s.id, name: s.name })) : me.stores.map((s) => ({ id: s.id, name: s.name }));
    return { stores, names: new Map(stores.map((s) => [s.id, s.name])) };
  }, [all.data, me.stores]);
}
