import type { RefObject } from 'react';
import { createHashRouter, RouterProvider, type RouteObject } from 'react-router';
import { appRoutes } from './routes';

export type AppRouter = ReturnType<typeof createHashRouter>;
export type RouterFactory = (routes: RouteObject[]) => AppRouter;

/**
 * The logged-in app: its router and routes, loaded after the login (the login screen needs neither).
 * The router lives in the App's `routerRef`: one router for the life of the app, so after a new login
 * the user is back where they were.
 */
export default function RoutedApp({
  createRouter = createHashRouter,
  routerRef,
  startAtHome,
}: {
  createRouter?: RouterFactory | undefined;
  routerRef: RefObject<AppRouter | null>;
  /** Set when someone other than the last user logged in: the address left behind (a hash) is not theirs. */
  startAtHome: RefObject<boolean>;
}) {
  if (!routerRef.current) {
    routerRef.current = createRouter(appRoutes);
    if (startAtHome.current) void routerRef.current.navigate('/', { replace: true });
    startAtHome.current = false;
  }
  return <RouterProvider router={routerRef.current} />;
}
