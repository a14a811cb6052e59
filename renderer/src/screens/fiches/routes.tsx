import type { RouteObject } from 'react-router';
import { FichePage } from './FichePage';
import { FichesInboxPage } from './FichesInboxPage';
import { EditFichePage, NewFichePage } from './FicheWizard';

/** Routes of the fiche de liaison screens (children of the app layout). */
export const ficheRoutes: RouteObject[] = [
  { path: 'fiches-de-liaison', element: <FichesInboxPage /> },
  { path: 'fiches-de-liaison/:ficheId', element: <FichePage /> },
  { path: 'fiches-de-liaison/:ficheId/modifier', element: <EditFichePage /> },
  { path: 'beneficiaires/:personId/fiches/nouvelle', element: <NewFichePage /> },
];
