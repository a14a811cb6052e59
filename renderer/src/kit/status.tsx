import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Stack from '@mui/material/Stack';
import { Link as RouterLink, useNavigate } from 'react-router';
import type { ApiError, ApiErrorCode } from '../../../shared/api/errors';
import { Page } from './Page';

/** Loading line, announced politely. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 2 }}>
      <CircularProgress size={24} aria-hidden />
      {children}
    </Box>
  );
}

/** Refusals that trying again cannot change: the way out is back, not « Réessayer ». */
const FINAL_ERRORS: readonly ApiErrorCode[] = ['FORBIDDEN', 'NOT_FOUND'];

/** A failed read: a button to try again, or — when access is refused or the record is gone — a way back. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  const navigate = useNavigate();
  const final = FINAL_ERRORS.includes(error.code);
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ my: 2 }}
      action={
        final ? (
          <Stack direction="row" spacing={1}>
            <Button color="inherit" onClick={() => void navigate(-1)}>
              Page précédente
            </Button>
            <Button color="inherit" component={RouterLink} to="/">
              Retour à l’accueil
            </Button>
          </Stack>
        ) : onRetry ? (
          <Button color="inherit" onClick={onRetry}>
            Réessayer
          </Button>
        ) : undefined
      }
    >
      {error.message}
    </Alert>
  );
}

/** Loading / error / content of a screen that needs an API answer first. */
export function Loaded({
  title,
  error,
  loading,
  onRetry,
  what,
  children,
}: {
  title: string;
  error: ApiError | undefined;
  loading: boolean;
  onRetry: () => void;
  what: string;
  children: () => ReactNode;
}) {
  if (error || loading) {
    return <Page title={title}>{error ? <LoadError error={error} onRetry={onRetry} /> : <Loading>{`Chargement ${what}…`}</Loading>}</Page>;
  }
  return <>{children()}</>;
}
