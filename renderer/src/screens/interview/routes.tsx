import type { RouteObject } from 'react-router';
import { RequireRole } from '../layout/SimplePages';
import { OrganismesPage } from './admin/OrganismesPage';
import { DspHistoryPage } from './dsp/DspHistoryPage';
import { DspWizardPage } from './dsp/DspWizardPage';
import { EdeComparePage } from './ede/EdeComparePage';
import { EdeListPage } from './ede/EdeListPage';
import { EdeViewPage } from './ede/EdeViewPage';
import { EdeWizardPage } from './ede/EdeWizardPage';
import { InterviewModulePage } from './ModulePage';
import { DroitsDevoirsPage } from './orientation/DroitsDevoirsPage';
import { OrientationDecisionPage } from './orientation/OrientationDecisionPage';

/** The first-interview screens (children of the app layout's route); paths in ./paths. */
export const interviewRoutes: RouteObject[] = [
  { path: 'dsp', element: <InterviewModulePage module="dsp" /> },
  { path: 'ede', element: <InterviewModulePage module="ede" /> },
  { path: 'orientation', element: <InterviewModulePage module="orientation" /> },
  { path: 'beneficiaires/:personId/dsp', element: <DspHistoryPage /> },
  { path: 'beneficiaires/:personId/dsp/nouvelle', element: <DspWizardPage /> },
  { path: 'beneficiaires/:personId/ede', element: <EdeListPage /> },
  { path: 'beneficiaires/:personId/ede/nouvelle', element: <EdeWizardPage /> },
  { path: 'beneficiaires/:personId/ede/comparer', element: <EdeComparePage /> },
  { path: 'beneficiaires/:personId/ede/:edeId', element: <EdeViewPage /> },
  { path: 'beneficiaires/:personId/orientation/decision', element: <OrientationDecisionPage /> },
  { path: 'beneficiaires/:personId/droits-devoirs', element: <DroitsDevoirsPage /> },
  {
    path: 'administration/organismes',
    element: (
      <RequireRole roles={['administrateur']}>
        <OrganismesPage />
      </RequireRole>
    ),
  },
];
