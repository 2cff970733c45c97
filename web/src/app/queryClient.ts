import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '../lib/api';

/** Client errors (4xx) are answers, not hiccups: retry only network failures and 5xx, once. */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => failures < 1 && !(isApiError(error) && error.status >= 400 && error.status < 500),
    },
    mutations: { retry: false },
  },
});
