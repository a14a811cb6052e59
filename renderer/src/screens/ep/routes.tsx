import type { ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import Alert from '@mui/material/Alert';
import { EP_READERS } from '../../../../shared/api/ep';
import { useSession } from '../../app/session';
import { Page } from '../../components/Page';
import { EpHomePage } from './EpHomePage';
import { EpTeamPage } from './EpTeamPage';
import { SessionCreatePage } from './SessionCreatePage';
import { SessionPage } from './SessionPage';

/** The EP screens are for EP secretaries, administrators and correspondents. */
function EpAccess({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if ((EP_READERS as readonly string[]).includes(user.role)) return <>{children}</>;
  return (
    <Page title="Accès refusé">
      <Alert severity="warning">Les équipes pluridisciplinaires sont réservées aux secrétaires EP, aux administrateurs et aux correspondants.</Alert>
    </Page>
  );
}

/** Routes of the équipe pluridisciplinaire screens (children of the app layout); paths in ./paths. */
export const epRoutes: RouteObject[] = [
  { path: 'equipes-pluridisciplinaires', element: <EpAccess><EpHomePage /></EpAccess> },
  { path: 'equipes-pluridisciplinaires/equipe', element: <EpAccess><EpTeamPage /></EpAccess> },
  { path: 'equipes-pluridisciplinaires/seances/nouvelle', element: <EpAccess><SessionCreatePage /></EpAccess> },
  { path: 'equipes-pluridisciplinaires/seances/:sessionId', element: <EpAccess><SessionPage /></EpAccess> },
];
