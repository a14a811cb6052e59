import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Divider from '@mui/material/Divider';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { DroitsDevoirs, OrientationPeriodOutput, Preconisation } from '../../../../../shared/api/interview';
import { PERSON_ROLE_LABELS } from '../../../../../shared/domain/rules/droits-devoirs';
import { CONTRACT_KIND_LABELS, ORIENTATION_LABELS } from '../../../../../shared/domain/rules/orientation';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { documentPaths } from '../../../documents/paths';
import { useSession } from '../../../kit/session';
import { useCan } from '../../../kit/permissions';
import type { DossierSectionProps } from '../../../kit/dossierSections';
import { LoadError, Loading } from '../../../kit/status';
import { Facts, useInterviewSummary } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { formatDate, formatDateTime, plural } from '../../../../../shared/domain/format';

export const euros = (n: number) => `${n.toLocaleString('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

const periodText = (p: OrientationPeriodOutput) =>
  p.end ? `Du ${formatDate(p.start)} au ${formatDate(p.end)}` : `Depuis le ${formatDate(p.start)}`;

/**
 * Dossier section « Orientation »: the current orientation with its contract deadline, the proposal, the
 * periods, and the droits et devoirs status with the inputs it comes from.
 */
export function OrientationSection({ personId }: DossierSectionProps) {
  const summary = useInterviewSummary(personId);
  const history = useApiQuery('orientation.history', { personId });
  const canDecide = useCan('orientation.decide');
  if (summary.error) return <LoadError error={summary.error} onRetry={summary.reload} />;
  if (!summary.data) return <Loading>Chargement…</Loading>;
  const { orientation: current, proposal, preconisation } = summary.data;
  const periods = history.data ?? [];
  return (
    <Stack spacing={2}>
      {current ? (
        <Box>
          <Facts
            label="Orientation en cours"
            rows={[
              ['Orientation', <strong key="o">{ORIENTATION_LABELS[current.orientation]}</strong>],
              ['Décidée le', formatDate(current.date)],
              ['Organisme référent', current.organismeReferent.name],
              ['Référent', current.referent?.name ?? 'À désigner'],
              ['Correspondant', current.correspondant.displayName],
              ['Motif', current.motif],
              ...(current.preconisation ? [['Préconisation de l’EO', preconisationText(current.preconisation)] as const] : []),
              ...(current.divergenceReason ? [['Motif de l’écart', current.divergenceReason] as const] : []),
            ]}
          />
          <PrintDecision personId={personId} orientationId={current.id} />
          <Alert severity="info" sx={{ mt: 1.5 }} data-testid="contract-deadline">
            <strong>
              Contrat à conclure au plus tard le {formatDate(current.contract.deadline)}
            </strong>{' '}
            : {CONTRACT_KIND_LABELS[current.contract.contractKind]}, {current.contract.months} mois après la décision.
            <Typography variant="body2" sx={{ mt: 0.5 }}>
              {current.contract.rule}
            </Typography>
          </Alert>
        </Box>
      ) : (
        <Typography>Aucune décision d’orientation n’est encore enregistrée.</Typography>
      )}
      {preconisation ? (
        <Box data-testid="preconisation">
          <Typography component="p" sx={{ fontWeight: 700 }}>
            Préconisation de l’équipe d’orientation : {ORIENTATION_LABELS[preconisation.preconisation]}
          </Typography>
          <Typography variant="body2">
            {preconisation.team}, le {formatDate(preconisation.date)}
            {preconisation.comment ? ` — ${preconisation.comment}` : ''}
          </Typography>
        </Box>
      ) : !current || proposal.orientation ? (
        <Box>
          <Typography component="p" sx={{ fontWeight: 700 }}>
            Proposition : {proposal.orientation ? ORIENTATION_LABELS[proposal.orientation] : 'à décider par l’EP ou l’EO'}
          </Typography>
          <Typography variant="body2">{proposal.reason}</Typography>
        </Box>
      ) : null}
      {canDecide ? (
        <Box>
          <Button variant="outlined" size="small" component={RouterLink} to={interviewPaths.orientationDecision(personId)}>
            {current ? 'Réorienter' : 'Décider de l’orientation'}
          </Button>
        </Box>
      ) : (
        <Button size="small" component={RouterLink} to={interviewPaths.orientationDecision(personId)} sx={{ alignSelf: 'flex-start' }}>
          Voir la proposition et ses motifs
        </Button>
      )}
      {periods.length > 0 ? (
        <Box>
          <Typography variant="h4" component="h4" id={`orientation-history-${personId}`} sx={{ fontSize: '1rem', fontWeight: 700, mb: 0.5 }}>
            Périodes d’orientation
          </Typography>
          <Box component="ul" aria-labelledby={`orientation-history-${personId}`} sx={{ m: 0, pl: 3 }}>
            {periods.map((p) => (
              <li key={p.id}>
                {periodText(p)} : {ORIENTATION_LABELS[p.orientation]} — {p.organismeReferent.name}
                {p.end === null ? ' (en cours)' : ''}
              </li>
            ))}
          </Box>
        </Box>
      ) : null}
      <Divider />
      <DroitsDevoirsBlock personId={personId} />
    </Stack>
  );
}

const preconisationText = (p: Preconisation) =>
  `${ORIENTATION_LABELS[p.preconisation]} (${p.team}, le ${formatDate(p.date)})${p.comment ? ` — ${p.comment}` : ''}`;

/** « Imprimer la décision »: archives the decision's paper (once per content) and opens its preview. */
function PrintDecision({ personId, orientationId }: { personId: number; orientationId: number }) {
  const client = useApi();
  const navigate = useNavigate();
  const { user } = useSession();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (user.role === 'secretaire_ep') return null;
  const print = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await client.call('documents.generate', { kind: 'orientation', sourceId: orientationId, final: true });
      if (result.document) void navigate(documentPaths.preview(personId, result.document.id));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ mt: 1 }}>
      <Button size="small" variant="outlined" onClick={() => void print()} disabled={busy}>
        {busy ? 'Préparation…' : 'Imprimer la décision'}
      </Button>
      {error ? (
        <Alert severity="error" sx={{ mt: 1 }}>
          {error}
        </Alert>
      ) : null}
    </Box>
  );
}

function DroitsDevoirsBlock({ personId }: { personId: number }) {
  const query = useApiQuery('droitsDevoirs.get', { personId });
  const canWrite = useCan('droitsDevoirs.save');
  return (
    <Box component="section" aria-labelledby={`droits-devoirs-${personId}`}>
      <Typography variant="h4" component="h4" id={`droits-devoirs-${personId}`} sx={{ fontSize: '1rem', fontWeight: 700, mb: 0.5 }}>
        Droits et devoirs
      </Typography>
      {query.error ? <LoadError error={query.error} onRetry={query.reload} /> : null}
      {query.data ? <DroitsDevoirsView data={query.data} /> : !query.error ? <Loading>Chargement…</Loading> : null}
      {canWrite ? (
        <Button size="small" variant="outlined" component={RouterLink} to={interviewPaths.droitsDevoirs(personId)} sx={{ mt: 1 }}>
          Modifier les ressources et les revenus
        </Button>
      ) : null}
    </Box>
  );
}

/** The status, the inputs it was computed from, and the rule. */
export function DroitsDevoirsView({ data }: { data: DroitsDevoirs }) {
  const status = data.status;
  return (
    <Stack spacing={1}>
      {status ? (
        <Typography sx={{ fontWeight: 700 }} data-testid="droits-devoirs-status">
          {status.accompanimentCompulsory ? 'Soumis aux droits et devoirs : accompagnement obligatoire.' : 'Non soumis aux droits et devoirs : accompagnement non obligatoire.'}
        </Typography>
      ) : (
        <Box>
          <Typography sx={{ fontWeight: 700 }} data-testid="droits-devoirs-status">
            Statut non calculé : des informations manquent.
          </Typography>
          <Box component="ul" aria-label="Informations manquantes" sx={{ m: 0, pl: 3 }}>
            {data.missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </Box>
        </Box>
      )}
      <Facts
        label="Éléments du calcul"
        rows={[
          [
            'Ressources mensuelles du foyer',
            data.foyer ? `${euros(data.foyer.householdResources)} (connues au ${formatDate(data.foyer.resourcesDate)})` : 'Non renseignées',
          ],
          [
            'Montant forfaitaire',
            data.montantForfaitaire === null
              ? 'Inconnu à cette date'
              : `${euros(data.montantForfaitaire)} au ${formatDate(data.date)} (${data.household.couple ? 'couple' : 'personne seule'}, ${plural(data.household.dependants, 'personne à charge', 'personnes à charge')})`,
          ],
          ...data.persons.map(
            (p) =>
              [
                `${PERSON_ROLE_LABELS[p.role]} : ${p.name}`,
                p.income
                  ? p.income.hasProfessionalActivity
                    ? `Activité professionnelle, ${euros(p.income.monthlyProfessionalIncome)} nets par mois`
                    : 'Sans activité professionnelle'
                  : 'Activité et revenus non renseignés',
              ] as const,
          ),
        ]}
      />
      {status ? (
        <>
          <Typography variant="body2">{status.explanation}</Typography>
          <Typography variant="body2" color="text.secondary">
            Règle appliquée : {status.rule}
          </Typography>
        </>
      ) : null}
      {data.foyer ? (
        <Typography variant="body2" color="text.secondary">
          Ressources saisies le {formatDateTime(data.foyer.updatedAt)} par {data.foyer.updatedBy.displayName}.
        </Typography>
      ) : null}
    </Stack>
  );
}
