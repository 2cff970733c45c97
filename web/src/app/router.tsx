import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { ALL_PAGES } from './navigation';
import { RouteError } from './RouteError';

/** A lazily loaded page: its code is fetched the first time someone opens it. */
function lazyPage(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, 'lazy'> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

export const routes: RouteObject[] = [
  {
    path: '/login',
    ...lazyPage(() => import('./LoginPage')),
    HydrateFallback: FullPageSpinner,
    errorElement: <RouteError />,
  },
  {
    path: '/',
    ...lazyPage(() => import('./layout/AppLayout')),
    HydrateFallback: FullPageSpinner,
    errorElement: <RouteError />,
    children: [
      { index: true, ...lazyPage(() => import('./HomePage')) },
      ...ALL_PAGES.map((page) => ({ path: page.path.slice(1), handle: { permission: page.permission }, ...lazyPage(page.load) })),
      { path: '*', ...lazyPage(() => import('./NotFoundPage')) },
    ],
  },
];

export const router = createBrowserRouter(routes);
