import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';
import { STATISTICS_ROLES } from './roles';

/** Statistiques (correspondants, secrétaires EP, administrateurs), loaded when first opened. */
export const statisticsRoutes: RouteObject[] = [
  { path: 'statistiques', ...lazyElement(() => import('./StatisticsPage'), (m) => <m.StatisticsPage />, STATISTICS_ROLES) },
];
