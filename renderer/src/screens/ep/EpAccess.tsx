import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import { EP_READERS } from '../../../../shared/api/ep';
import { useSession } from '../../kit/session';
import { Page } from '../../kit/Page';

/** The EP screens are for EP secretaries, administrators and correspondents. */
export function EpAccess({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if ((EP_READERS as readonly string[]).includes(user.role)) return <>{children}</>;
  return (
    <Page title="Accès refusé">
      <Alert severity="warning">Les équipes pluridisciplinaires sont réservées aux secrétaires EP, aux administrateurs et aux correspondants.</Alert>
    </Page>
  );
}
