import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

/**
 * The first-interview screens (children of the app layout's route), each loaded when first opened. The DSP, EDE
 * and Orientation menu entries ('/dsp', '/ede', '/orientation') are work lists: screens/worklists/routes.tsx.
 */
export const interviewRoutes: RouteObject[] = [
  { path: 'beneficiaires/:personId/dsp', ...lazyElement(() => import('./dsp/DspHistoryPage'), (m) => <m.DspHistoryPage />) },
  { path: 'beneficiaires/:personId/dsp/nouvelle', ...lazyElement(() => import('./dsp/DspWizardPage'), (m) => <m.DspWizardPage />) },
  { path: 'beneficiaires/:personId/ede', ...lazyElement(() => import('./ede/EdeListPage'), (m) => <m.EdeListPage />) },
  { path: 'beneficiaires/:personId/ede/nouvelle', ...lazyElement(() => import('./ede/EdeWizardPage'), (m) => <m.EdeWizardPage />) },
  { path: 'beneficiaires/:personId/ede/comparer', ...lazyElement(() => import('./ede/EdeComparePage'), (m) => <m.EdeComparePage />) },
  { path: 'beneficiaires/:personId/ede/:edeId', ...lazyElement(() => import('./ede/EdeViewPage'), (m) => <m.EdeViewPage />) },
  {
    path: 'beneficiaires/:personId/orientation/decision',
    ...lazyElement(() => import('./orientation/OrientationDecisionPage'), (m) => <m.OrientationDecisionPage />),
  },
  {
    path: 'orientation/equipe',
    ...lazyElement(() => import('./orientation/OrientationTeamPage'), (m) => <m.OrientationTeamPage />, ['administrateur', 'correspondant']),
  },
  { path: 'beneficiaires/:personId/droits-devoirs', ...lazyElement(() => import('./orientation/DroitsDevoirsPage'), (m) => <m.DroitsDevoirsPage />) },
  {
    path: 'administration/organismes',
    ...lazyElement(() => import('./admin/OrganismesPage'), (m) => <m.OrganismesPage />, ['administrateur']),
  },
];
