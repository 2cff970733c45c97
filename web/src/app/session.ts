import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '#contracts/identity';
import { api, isApiError, type ApiError } from '../lib/api';

/** Server state of the session: who is signed in, signing in and out, switching store. */
export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no valid session. */
async function fetchMe(): Promise<Me | null> {
  try {
    return await api.get<Me>('/api/auth/me');
  } catch (err) {
    if (isApiError(err) && err.status === 401) return null;
    throw err;
  }
}

export function useMeQuery() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) => api.post<Me>('/api/auth/login', input),
    onSuccess: (me) => {
      client.clear();
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/api/auth/logout'),
    // Whatever the server said, this browser is signed out.
    onSettled: () => {
      client.clear();
      client.setQueryData(ME_KEY, null);
    },
  });
}

/** Moves the session to another store: every cached list belonged to the old one. */
export function useSwitchStore() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (storeId: number) => api.post<Me>('/api/auth/switch-store', { storeId }),
    onSuccess: (me) => {
      client.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
      client.setQueryData(ME_KEY, me);
    },
  });
}

export function useChangePassword() {
  return useMutation<{ ok: true }, ApiError, { currentPassword: string; newPassword: string }>({
    mutationFn: (input) => api.post('/api/auth/password', input),
  });
}
