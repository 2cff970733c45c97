import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Me } from '#contracts/identity';
import type { Permission } from '#contracts/permissions';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { ErrorState } from '../components/states';
import { useMeQuery } from './session';

const MeContext = createContext<Me | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside <RequireAuth>');
  return me;
}

/** `can('bay:manage')`: what the sidebar, buttons and forms ask before they show themselves. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback((permission: Permission) => me.permissions.includes(permission), [me]);
}

/** Renders its children for a signed-in user; everyone else goes to the sign-in page and comes back. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const me = useMeQuery();
  if (me.isPending) return <FullPageSpinner />;
  if (me.isError && me.data === undefined) return <ErrorState error={me.error} onRetry={() => void me.refetch()} fullPage />;
  if (!me.data) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <MeContext.Provider value={me.data}>{children}</MeContext.Provider>;
}
