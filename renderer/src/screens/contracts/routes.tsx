import type { RouteObject } from 'react-router';
import { ContractPage } from './ContractPage';
import { ContractsHomePage } from './ContractsSection';
import { EditContractPage, NewContractPage } from './ContractWizardPage';

/** Routes of the contract screens (children of the app layout). */
export const contractRoutes: RouteObject[] = [
  { path: 'contrats', element: <ContractsHomePage /> },
  { path: 'contrats/:contractId', element: <ContractPage /> },
  { path: 'contrats/:contractId/modifier', element: <EditContractPage /> },
  { path: 'beneficiaires/:personId/contrats/nouveau', element: <NewContractPage /> },
];
