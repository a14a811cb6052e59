import type { RouteObject } from 'react-router';
import { lazyElement } from '../../kit/lazyRoute';

const page = () => import('./ContractPage');
const wizard = () => import('./ContractWizardPage');

/** Routes of the contract screens (children of the app layout), each loaded when first opened. */
export const contractRoutes: RouteObject[] = [
  { path: 'contrats', ...lazyElement(() => import('./ContractsSection'), (m) => <m.ContractsHomePage />) },
  { path: 'contrats/:contractId', ...lazyElement(page, (m) => <m.ContractPage />) },
  { path: 'contrats/:contractId/modifier', ...lazyElement(wizard, (m) => <m.EditContractPage />) },
  { path: 'beneficiaires/:personId/contrats/nouveau', ...lazyElement(wizard, (m) => <m.NewContractPage />) },
];
