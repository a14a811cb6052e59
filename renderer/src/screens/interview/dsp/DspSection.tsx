import { Link as RouterLink } from 'react-router';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useCan } from '../../../kit/permissions';
import type { DossierSectionProps } from '../../../kit/dossierSections';
import { LoadError, Loading } from '../../../kit/status';
import { useInterviewSummary } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { formatDateTime, plural } from '../../../../../shared/domain/format';

/** Dossier section « Données socio-professionnelles (DSP) »: latest revision and actions. */
export function DspSection({ personId }: DossierSectionProps) {
  const summary = useInterviewSummary(personId);
  const canWrite = useCan('dsp.save');
  if (summary.error) return <LoadError error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <Loading>Chargement…</Loading>;
  const dsp = summary.data.dsp;
  return (
    <Stack spacing={1.5}>
      {dsp ? (
        <Typography>
          Version {dsp.number} enregistrée le {formatDateTime(dsp.createdAt)} par {dsp.createdBy.displayName}.
        </Typography>
      ) : (
        <Typography>Aucune DSP n’est encore saisie pour ce bénéficiaire.</Typography>
      )}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        {canWrite ? (
          <Button variant="outlined" size="small" component={RouterLink} to={interviewPaths.dspNew(personId)}>
            {dsp ? 'Mettre à jour la DSP' : 'Saisir la DSP'}
          </Button>
        ) : null}
        {dsp ? (
          <Button size="small" component={RouterLink} to={interviewPaths.dspHistory(personId)}>
            Historique de la DSP ({plural(dsp.number, 'version', 'versions')})
          </Button>
        ) : null}
      </Stack>
    </Stack>
  );
}
