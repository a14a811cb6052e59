import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import type { Role } from '../../../shared/api/common';
import { Page } from './Page';
import { useSession } from './session';

/** Renders its children only for the given roles. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const { user } = useSession();
  if (roles.includes(user.role)) return <>{children}</>;
  return (
    <Page title="Accès refusé">
      <Alert severity="warning">Cette page est réservée aux administrateurs.</Alert>
    </Page>
  );
}
