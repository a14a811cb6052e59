import type { RouteObject } from 'react-router';
import { lazyElement } from '../kit/lazyRoute';
import { Loading } from '../kit/status';
import { interviewRoutes } from '../screens/interview/routes';
import { contractRoutes } from '../screens/contracts/routes';
import { ficheRoutes } from '../screens/fiches/routes';
import { epRoutes } from '../screens/ep/routes';
import { recoveryRoutes } from '../screens/recovery/routes';
import { documentRoutes } from '../documents/routes';
import { worklistRoutes } from '../screens/worklists/routes';
import { backupRoutes } from '../screens/backup/routes';
import { rgpdRoutes } from '../screens/rgpd/routes';
import { statisticsRoutes } from '../screens/statistics/routes';
import { importRoutes } from '../screens/imports/routes';
import { mergeRoutes } from '../screens/merge/routes';
import { ComingSoonPage, NotFoundPage, RouteErrorPage } from './layout/SimplePages';
import { MODULES } from './navigation';

const dossierForm = () => import('../screens/dossier/DossierFormPage');

/**
 * The routes of the logged-in app. Every screen is its own script chunk, loaded when its route is first
 * opened (lazyElement): the first load (login) carries only the shell.
 */
export const appRoutes: RouteObject[] = [
  {
    path: '/',
    ...lazyElement(() => import('./layout/AppLayout'), (m) => <m.AppLayout />),
    hydrateFallbackElement: <Loading>Chargement…</Loading>,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, ...lazyElement(() => import('../screens/desk/DeskPage'), (m) => <m.DeskPage />) },
          { path: 'beneficiaires', ...lazyElement(() => import('../screens/beneficiaries/BeneficiariesPage'), (m) => <m.BeneficiariesPage />) },
          { path: 'beneficiaires/nouveau', ...lazyElement(dossierForm, (m) => <m.DossierFormPage mode="create" />) },
          {
            path: 'beneficiaires/:personId',
            ...lazyElement(
              () => Promise.all([import('../screens/dossier/DossierPage'), import('./dossierSections')]),
              ([page, sections]) => <page.DossierPage sections={sections.DOSSIER_SECTIONS} />,
            ),
          },
          { path: 'beneficiaires/:personId/modifier', ...lazyElement(dossierForm, (m) => <m.DossierFormPage mode="edit" />) },
          { path: 'echeancier', ...lazyElement(() => import('../screens/echeancier/EcheancierPage'), (m) => <m.EcheancierPage />) },
          ...MODULES.filter((m) => m.comingSoon).map((m) => ({ path: m.path.slice(1), element: <ComingSoonPage item={m} /> })),
          ...interviewRoutes,
          ...contractRoutes,
          ...ficheRoutes,
          ...epRoutes,
          ...recoveryRoutes,
          ...documentRoutes,
          ...worklistRoutes,
          ...backupRoutes,
          ...rgpdRoutes,
          ...statisticsRoutes,
          ...importRoutes,
          ...mergeRoutes,
          {
            path: 'administration/comptes',
            ...lazyElement(() => import('../screens/admin/UsersPage'), (m) => <m.UsersPage />, ['administrateur']),
          },
          {
            path: 'administration/mds',
            ...lazyElement(() => import('../screens/setup/MdsPage'), (m) => <m.MdsPage />, ['administrateur']),
          },
          {
            path: 'administration/premiers-pas',
            ...lazyElement(() => import('../screens/setup/FirstStepsPage'), (m) => <m.FirstStepsPage />, ['administrateur']),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
