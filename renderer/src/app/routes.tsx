import { Navigate, type RouteObject } from 'react-router';
import { AppLayout } from '../screens/layout/AppLayout';
import { ComingSoonPage, NotFoundPage, RequireRole, RouteErrorPage } from '../screens/layout/SimplePages';
import { BeneficiariesPage } from '../screens/beneficiaries/BeneficiariesPage';
import { DossierFormPage } from '../screens/dossier/DossierFormPage';
import { DossierPage } from '../screens/dossier/DossierPage';
import { UsersPage } from '../screens/admin/UsersPage';
import { interviewRoutes } from '../screens/interview/routes';
import { contractRoutes } from '../screens/contracts/routes';
import { ficheRoutes } from '../screens/fiches/routes';
import { epRoutes } from '../screens/ep/routes';
import { documentRoutes } from '../documents/routes';
import { MODULES } from './navigation';

/** Paths of the screens (hash router: '#/beneficiaires/12'). */
export const paths = {
  beneficiaries: '/beneficiaires',
  newDossier: '/beneficiaires/nouveau',
  dossier: (personId: number) => `/beneficiaires/${personId}`,
  editDossier: (personId: number) => `/beneficiaires/${personId}/modifier`,
  users: '/administration/comptes',
} as const;

export const appRoutes: RouteObject[] = [
  {
    path: '/',
    element: <AppLayout />,
    children: [
      {
        errorElement: <RouteErrorPage />,
        children: [
          { index: true, element: <Navigate to={paths.beneficiaries} replace /> },
          { path: 'beneficiaires', element: <BeneficiariesPage /> },
          { path: 'beneficiaires/nouveau', element: <DossierFormPage mode="create" /> },
          { path: 'beneficiaires/:personId', element: <DossierPage /> },
          { path: 'beneficiaires/:personId/modifier', element: <DossierFormPage mode="edit" /> },
          ...MODULES.filter((m) => m.comingSoon).map((m) => ({ path: m.path.slice(1), element: <ComingSoonPage item={m} /> })),
          ...interviewRoutes,
          ...contractRoutes,
          ...ficheRoutes,
          ...epRoutes,
          ...documentRoutes,
          {
            path: 'administration/comptes',
            element: (
              <RequireRole roles={['administrateur']}>
                <UsersPage />
              </RequireRole>
            ),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
