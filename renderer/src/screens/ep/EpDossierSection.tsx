import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import { useApiQuery } from '../../api/ApiContext';
import type { DossierSectionProps } from '../../kit/dossierSections';
import { LoadError, Loading } from '../../kit/status';
import { DecisionView } from './CaseForms';
import { SanctionTable } from './SanctionTable';
import { formatDate } from '../../../../shared/domain/format';

/** Dossier page, section « Équipes pluridisciplinaires »: the EP's outcomes and the sanction schedules. */
export function EpDossierSection({ personId }: DossierSectionProps) {
  const outcomes = useApiQuery('ep.outcomesForDossier', { personId });
  const sanctions = useApiQuery('ep.sanctionsForDossier', { personId });
  if (outcomes.error) return <LoadError error={outcomes.error} onRetry={outcomes.reload} />;
  if (!outcomes.data) return <Loading>Chargement des passages en équipe pluridisciplinaire…</Loading>;
  if (outcomes.data.length === 0) return <Typography>Ce dossier n’a pas encore été présenté en équipe pluridisciplinaire.</Typography>;
  return (
    <Box>
      {outcomes.data.map((o) => (
        <Box key={o.saisineId} sx={{ mb: 2, pb: 2, borderBottom: 1, borderColor: 'divider' }}>
          <Typography sx={{ fontWeight: 700 }}>
            {o.originLabel} — saisine du {formatDate(o.date)}
          </Typography>
          <Typography>
            {o.decision ? `${o.stageLabel} le ${formatDate(o.decision.date)}` : o.stageLabel}
            {o.session ? `${o.decision ? ' — examinée en séance du' : ' — séance du'} ${formatDate(o.session.date)}${o.session.slotStart ? ` à ${o.session.slotStart}` : ''}, ${o.session.place}` : ''}.
          </Typography>
          {o.avis ? (
            <Typography>
              Avis {o.avis.sens === 'favorable' ? 'favorable' : 'défavorable'} de l’équipe du {formatDate(o.avis.date)} : {o.avis.motivation}
            </Typography>
          ) : (
            <Typography>Avis attendu au plus tard le {formatDate(o.avisDeadline)}.</Typography>
          )}
          {o.decision ? <DecisionView decision={{ ...o.decision, sanction: null }} /> : null}
        </Box>
      ))}
      {sanctions.error ? <LoadError error={sanctions.error} onRetry={sanctions.reload} /> : null}
      {sanctions.data?.map((s) => (
        <Box key={s.id}>
          <Typography variant="h4" sx={{ fontSize: '1.1rem', mt: 1 }}>
            Sanction : {s.kindLabel}
          </Typography>
          <SanctionTable sanction={s} caption={`Échéancier de la sanction : ${s.kindLabel}`} />
        </Box>
      ))}
    </Box>
  );
}
