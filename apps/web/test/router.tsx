/**
 * A component under test inside a router of its own, at one route with that route's search validator, so that
 * its links, `useSearch` and `useNavigate` work as in the app, the address in memory.
 */
import {
  type AnyRoute,
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { parseSearch, stringifySearch } from '../src/app/router.tsx';

export function routed(
  ui: ReactNode,
  {
    path = '/',
    address = path,
    validateSearch,
  }: { path?: string; address?: string; validateSearch?: (raw: Record<string, unknown>) => object } = {},
) {
  const root = createRootRoute();
  const page: AnyRoute = createRoute({
    getParentRoute: () => root,
    path,
    validateSearch,
    component: () => ui,
  });
  const history = createMemoryHistory({ initialEntries: [address] });
  const router = createRouter({ routeTree: root.addChildren([page]), history, parseSearch, stringifySearch });
  return { element: <RouterProvider router={router} />, router, history };
}
