import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

/** An EP screen, loaded when first opened with its access guard (EpAccess). */
const guarded = <M,>(load: () => Promise<M>, render: (loaded: M) => ReactNode) =>
  lazyElement(
    () => Promise.all([import('./EpAccess'), load()]),
    ([access, loaded]) => <access.EpAccess>{render(loaded)}</access.EpAccess>,
  );

/** Routes of the équipe pluridisciplinaire screens (children of the app layout), each loaded when first opened. */
export const epRoutes: RouteObject[] = [
  { path: 'equipes-pluridisciplinaires', ...guarded(() => import('./EpHomePage'), (m) => <m.EpHomePage />) },
  { path: 'equipes-pluridisciplinaires/equipe', ...guarded(() => import('./EpTeamPage'), (m) => <m.EpTeamPage />) },
  { path: 'equipes-pluridisciplinaires/seances/nouvelle', ...guarded(() => import('./SessionCreatePage'), (m) => <m.SessionCreatePage />) },
  { path: 'equipes-pluridisciplinaires/seances/:sessionId', ...guarded(() => import('./SessionPage'), (m) => <m.SessionPage />) },
];
