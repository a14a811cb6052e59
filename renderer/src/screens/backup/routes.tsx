import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

/** Administration › Sauvegardes (administrators only), loaded when first opened. */
export const backupRoutes: RouteObject[] = [
  { path: 'administration/sauvegardes', ...lazyElement(() => import('./BackupsPage'), (m) => <m.BackupsPage />, ['administrateur']) },
];
