import { Link as RouterLink } from 'react-router';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCan } from '../../../kit/permissions';
import type { DossierSectionProps } from '../../../kit/dossierSections';
import { LoadError, Loading } from '../../../kit/status';
import { Facts, useInterviewSummary } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { pointsText, proposalLabel } from './edeModel';
import { formatDate } from '../../../../../shared/domain/format';

/** Dossier section « Échelle de distance à l’emploi (EDE) »: the latest assessment, or a warning when there is none. */
export function EdeSection({ personId }: DossierSectionProps) {
  const summary = useInterviewSummary(personId);
  const canWrite = useCan('ede.create');
  if (summary.error) return <LoadError error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <Loading>Chargement…</Loading>;
  const { ede, edeCount, edeForContract } = summary.data;
  return (
    <Stack spacing={1.5}>
      {ede && edeForContract.outdated && edeForContract.reason ? <Alert severity="warning">{edeForContract.reason}</Alert> : null}
      {ede ? (
        <Facts
          label="Dernière EDE"
          rows={[
            ['Dernière EDE', `le ${formatDate(ede.date)}`],
            ['Total', pointsText(ede.total)],
            ['Proposition', proposalLabel(ede.proposal)],
          ]}
        />
      ) : (
        <Alert severity="warning">
          EDE manquante : aucune échelle de distance à l’emploi n’est enregistrée. Elle est à réaliser avec le bénéficiaire avant l’orientation et
          le contrat.
        </Alert>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {canWrite ? (
          <Button variant="outlined" size="small" component={RouterLink} to={interviewPaths.edeNew(personId)}>
            Nouvelle EDE
          </Button>
        ) : null}
        {ede ? (
          <Button size="small" component={RouterLink} to={interviewPaths.edeView(personId, ede.id)}>
            Voir la dernière EDE
          </Button>
        ) : null}
        {edeCount > 0 ? (
          <Button size="small" component={RouterLink} to={interviewPaths.edeList(personId)}>
            {edeCount > 1 ? `Toutes les EDE et leur évolution (${edeCount})` : 'Historique des EDE'}
          </Button>
        ) : null}
      </Stack>
      {edeCount === 0 ? null : (
        <Typography variant="body2" color="text.secondary">
          L’EDE est à refaire à chaque renouvellement de contrat et à chaque demande de réorientation.
        </Typography>
      )}
    </Stack>
  );
}
