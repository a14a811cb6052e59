import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

const IMPORTERS = ['administrateur', 'correspondant'] as const;

/** Imports (correspondants and administrateurs) and Administration › Communes de la MDS, loaded when first opened. */
export const importRoutes: RouteObject[] = [
  { path: 'imports', ...lazyElement(() => import('./ImportWizardPage'), (m) => <m.ImportWizardPage />, IMPORTERS) },
  { path: 'imports/historique', ...lazyElement(() => import('./ImportBatchesPage'), (m) => <m.ImportBatchesPage />, IMPORTERS) },
  { path: 'administration/communes', ...lazyElement(() => import('./CommunesPage'), (m) => <m.CommunesPage />, ['administrateur']) },
];
