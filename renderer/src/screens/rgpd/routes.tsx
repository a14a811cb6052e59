import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

/** Administration › Protection des données (administrators only), loaded when first opened. */
export const rgpdRoutes: RouteObject[] = [
  { path: 'administration/donnees-personnelles', ...lazyElement(() => import('./RgpdPage'), (m) => <m.RgpdPage />, ['administrateur']) },
];
