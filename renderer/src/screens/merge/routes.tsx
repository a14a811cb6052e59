import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

const MERGERS = ['administrateur', 'correspondant'] as const;

/** Doublons à vérifier and the merge of two dossiers (correspondants and administrators), loaded when first opened. */
export const mergeRoutes: RouteObject[] = [
  { path: 'doublons', ...lazyElement(() => import('./DuplicatesPage'), (m) => <m.DuplicatesPage />, MERGERS) },
  { path: 'doublons/fusion/:a/:b', ...lazyElement(() => import('./MergePage'), (m) => <m.MergePage />, MERGERS) },
];
