import { Link as RouterLink } from 'react-router';
import Link from '@mui/material/Link';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemIcon from '@mui/material/ListItemIcon';
import ListItemText from '@mui/material/ListItemText';
import Typography from '@mui/material/Typography';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { useApiQuery } from '../../api/ApiContext';
import { Page } from '../../kit/Page';
import { LoadError, Loading } from '../../kit/status';
import { epPaths, interviewPaths, paths } from '../../kit/paths';

const TITLE = 'Premiers pas';

interface Step {
  label: string;
  why: string;
  done: boolean;
  to: string;
  linkLabel: string;
}

/**
 * What an administrator enters first, after the installation: without organismes référents no
 * orientation decision can be taken, without référents no dossier can be followed, without an EP
 * team no EP session can be held. Each line says whether it is done and links to where to enter it.
 */
export function FirstStepsPage() {
  const organismes = useApiQuery('organismes.list', {});
  const users = useApiQuery('users.list', {});
  const ep = useApiQuery('ep.get', {});
  const mds = useApiQuery('mds.get', {});
  const error = organismes.error ?? users.error ?? ep.error ?? mds.error;
  if (error) {
    return (
      <Page title={TITLE}>
        <LoadError error={error} onRetry={() => [organismes, users, ep, mds].forEach((q) => q.reload())} />
      </Page>
    );
  }
  if (!organismes.data || !users.data || !mds.data || ep.data === undefined) {
    return (
      <Page title={TITLE}>
        <Loading>Chargement de la liste des premiers pas…</Loading>
      </Page>
    );
  }
  const types = new Set(organismes.data.filter((o) => o.active).map((o) => o.type));
  const steps: Step[] = [
    {
      label: 'Adresse et commune de la MDS',
      why: 'La commune est celle où les documents sont faits : « Fait à Arras, le … ».',
      done: Boolean(mds.data.commune?.trim() && mds.data.address?.trim()),
      to: paths.mds,
      linkLabel: 'Compléter les informations de la MDS',
    },
    {
      label: 'Organismes référents',
      why: 'Un organisme de chaque type, dont France Travail (ex-Pôle Emploi) : la décision d’orientation en désigne un.',
      done: types.has('pole_emploi') && types.has('professionnel') && types.has('solidarite'),
      to: interviewPaths.organismes,
      linkLabel: 'Saisir les organismes référents',
    },
    {
      label: 'Comptes des référents et des correspondants SLAI',
      why: 'Chaque dossier est suivi par un référent ; le SLAI valide les contrats.',
      done: users.data.some((u) => u.role === 'referent' && u.active) && users.data.some((u) => u.role === 'correspondant' && u.active),
      to: paths.users,
      linkLabel: 'Créer les comptes',
    },
    {
      label: 'Équipe pluridisciplinaire',
      why: 'Son président (Conseiller général) et ses membres : sans eux, aucune séance d’EP ne peut se tenir.',
      done: ep.data !== null && ep.data.president !== null && ep.data.members.length > 1,
      to: epPaths.team,
      linkLabel: 'Composer l’équipe pluridisciplinaire',
    },
  ];
  const remaining = steps.filter((s) => !s.done).length;
  return (
    <Page
      title={TITLE}
      subtitle={
        <Typography sx={{ mt: 1 }}>
          {remaining === 0 ? 'Tout est en place : les décisions d’orientation et les séances d’EP peuvent commencer.' : 'À saisir avant la première décision d’orientation et la première séance d’EP.'}
        </Typography>
      }
    >
      <List aria-label="Ce qu’il faut saisir d’abord">
        {steps.map((step) => (
          <ListItem key={step.label} alignItems="flex-start">
            <ListItemIcon>
              {step.done ? <CheckCircleIcon color="success" titleAccess="Fait" /> : <RadioButtonUncheckedIcon titleAccess="À faire" />}
            </ListItemIcon>
            <ListItemText
              primary={step.label}
              secondary={
                <>
                  {step.why}{' '}
                  <Link component={RouterLink} to={step.to}>
                    {step.linkLabel}
                  </Link>
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Page>
  );
}
