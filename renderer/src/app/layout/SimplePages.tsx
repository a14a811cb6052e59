import { Link as RouterLink, useRouteError } from 'react-router';
import Alert from '@mui/material/Alert';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { NavItem } from '../navigation';
import { Page } from '../../kit/Page';

/** A module announced in the navigation but not built yet. */
export function ComingSoonPage({ item }: { item: NavItem }) {
  return (
    <Page title={item.title}>
      <Paper variant="outlined" sx={{ p: 3 }}>
        <Typography variant="h2" gutterBottom>
          Bientôt disponible
        </Typography>
        <Typography sx={{ mb: 1 }}>Ce module arrive dans une prochaine version de Parcours RSA.</Typography>
        {item.comingSoon ? <Typography>Il permettra {lowerFirst(item.comingSoon)}</Typography> : null}
        <Typography sx={{ mt: 2 }}>
          En attendant, retrouvez les dossiers dans{' '}
          <Link component={RouterLink} to="/beneficiaires">
            Bénéficiaires
          </Link>
          .
        </Typography>
      </Paper>
    </Page>
  );
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function NotFoundPage() {
  return (
    <Page title="Page introuvable">
      <Typography sx={{ mb: 2 }}>Cette page n’existe pas.</Typography>
      <Link component={RouterLink} to="/beneficiaires">
        Revenir à la recherche des bénéficiaires
      </Link>
    </Page>
  );
}

/** Shown when a screen crashes: the rest of the app stays usable. */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : undefined;
  return (
    <Page title="Erreur">
      <Alert severity="error" role="alert" sx={{ mb: 2 }}>
        Une erreur inattendue a interrompu l’affichage de cette page. Vos brouillons sont conservés.
        {detail ? ` (${detail})` : ''}
      </Alert>
      <Link component={RouterLink} to="/beneficiaires">
        Revenir à la recherche des bénéficiaires
      </Link>
    </Page>
  );
}
