import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

const wizard = () => import('./FicheWizard');

/** Routes of the fiche de liaison screens (children of the app layout), each loaded when first opened. */
export const ficheRoutes: RouteObject[] = [
  { path: 'fiches-de-liaison', ...lazyElement(() => import('./FichesInboxPage'), (m) => <m.FichesInboxPage />) },
  { path: 'fiches-de-liaison/:ficheId', ...lazyElement(() => import('./FichePage'), (m) => <m.FichePage />) },
  { path: 'fiches-de-liaison/:ficheId/modifier', ...lazyElement(wizard, (m) => <m.EditFichePage />) },
  { path: 'beneficiaires/:personId/fiches/nouvelle', ...lazyElement(wizard, (m) => <m.NewFichePage />) },
];
