import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

/** Administration › Clé de secours (children of the app layout), loaded when first opened. */
export const recoveryRoutes: RouteObject[] = [
  {
    path: 'administration/cle-de-secours',
    ...lazyElement(() => import('./RecoveryAdminPage'), (m) => <m.RecoveryAdminPage />, ['administrateur']),
  },
];
