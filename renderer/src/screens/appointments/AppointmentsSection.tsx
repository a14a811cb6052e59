/**
 * Dossier section « Rendez-vous »: the rendez-vous to come and those held or cancelled (with the présence recorded),
 * « Planifier un rendez-vous », « Imprimer la convocation » (archived, then shown in the document viewer),
 * « Enregistrer la présence » once the day has come, and — after two unexcused absences in a row — the banner
 * offering to prepare the fiche « demande de suspension » (a draft the référent reviews and sends).
 */
import { useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import type { AppointmentView, SuspensionProposal } from '../../../../shared/api/appointments';
import { formatDate, plural } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { documentPaths } from '../../documents/paths';
import type { DossierSectionProps } from '../../kit/dossierSections';
import { useNotify } from '../../kit/notifications';
import { fichePaths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { LoadError, Loading } from '../../kit/status';
import { CancelDialog, OutcomeDialog, PlanDialog, whenOf } from './AppointmentDialogs';

export const SUSPENSION_BANNER_TITLE = 'Deux absences non excusées : préparer une demande de suspension';

type Open = { kind: 'plan' } | { kind: 'update' | 'outcome' | 'cancel'; appointment: AppointmentView } | null;

function StatusChip({ a, today }: { a: AppointmentView; today: string }) {
  if (a.cancelledAt) return <Chip size="small" variant="outlined" label="Annulé" />;
  if (a.outcome) {
    const color = a.outcome === 'present' ? 'success' : a.outcome === 'absent_excuse' ? 'warning' : 'error';
    return <Chip size="small" color={color} label={a.outcomeLabel} />;
  }
  if (a.date <= today) return <Chip size="small" color="info" variant="outlined" label="Présence à enregistrer" />;
  return <Chip size="small" variant="outlined" label="À venir" />;
}

function AppointmentItem({ a, today, personId, onOpen }: { a: AppointmentView; today: string; personId: number; onOpen: (open: Open) => void }) {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const [printing, setPrinting] = useState(false);
  const when = whenOf(a);
  const print = async () => {
    setPrinting(true);
    try {
      const out = await api.call('appointments.printConvocation', { appointmentId: a.id });
      notify(out.reprint ? 'Cette convocation était déjà archivée : elle est réimprimée à l’identique.' : 'Convocation archivée.');
      void navigate(documentPaths.preview(personId, out.documentId));
    } catch (e) {
      notify(toApiError(e).message, 'error');
    } finally {
      setPrinting(false);
    }
  };
  return (
    <Box component="li" sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <Typography sx={{ fontWeight: 600 }}>{when}</Typography>
        <StatusChip a={a} today={today} />
        {a.suspensionFicheId ? (
          <Link component={RouterLink} to={fichePaths.fiche(a.suspensionFicheId)}>
            Demande de suspension
          </Link>
        ) : null}
      </Stack>
      <Typography variant="body2">{`${a.object} — ${a.place}`}</Typography>
      <Typography variant="body2" color="text.secondary">
        {[a.referent ? `Avec ${a.referent.displayName}` : null, a.withConvocation ? 'avec convocation' : 'sans convocation'].filter(Boolean).join(', ')}
      </Typography>
      {a.cancelledAt ? <Typography variant="body2" color="text.secondary">{`Annulé le ${formatDate(a.cancelledAt.slice(0, 10))} : ${a.cancelReason ?? ''}`}</Typography> : null}
      {a.outcomeNote ? <Typography variant="body2" color="text.secondary">{`Observation : ${a.outcomeNote}`}</Typography> : null}
      <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', mt: 0.5 }}>
        {a.allowedActions.includes('convocation') ? (
          <Button size="small" variant="outlined" disabled={printing} onClick={() => void print()} aria-label={`Imprimer la convocation du ${when}`}>
            {printing ? 'Préparation…' : 'Imprimer la convocation'}
          </Button>
        ) : null}
        {a.convocationDocumentId ? (
          <Button size="small" component={RouterLink} to={documentPaths.preview(personId, a.convocationDocumentId)} aria-label={`Voir la convocation archivée du ${when}`}>
            Voir la convocation
          </Button>
        ) : null}
        {a.allowedActions.includes('presence') ? (
          <Button size="small" variant={a.outcome ? 'text' : 'contained'} onClick={() => onOpen({ kind: 'outcome', appointment: a })} aria-label={`Enregistrer la présence au rendez-vous du ${when}`}>
            {a.outcome ? 'Corriger la présence' : 'Enregistrer la présence'}
          </Button>
        ) : null}
        {a.allowedActions.includes('modifier') ? (
          <Button size="small" onClick={() => onOpen({ kind: 'update', appointment: a })} aria-label={`Modifier le rendez-vous du ${when}`}>
            Modifier
          </Button>
        ) : null}
        {a.allowedActions.includes('annuler') ? (
          <Button size="small" color="warning" onClick={() => onOpen({ kind: 'cancel', appointment: a })} aria-label={`Annuler le rendez-vous du ${when}`}>
            Annuler
          </Button>
        ) : null}
      </Stack>
    </Box>
  );
}

function AppointmentList({ title, id, items, empty, ...rest }: { title: string; id: string; items: AppointmentView[]; empty: string; today: string; personId: number; onOpen: (open: Open) => void }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 2 }}>
      <Typography variant="h4" component="h4" id={id} sx={{ fontSize: '1rem', fontWeight: 700, mb: 0.5 }}>
        {title}
      </Typography>
      {items.length === 0 ? (
        <Typography color="text.secondary">{empty}</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-labelledby={id}>
          {items.map((a) => (
            <AppointmentItem key={a.id} a={a} {...rest} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** « Deux absences non excusées : préparer une demande de suspension ». */
export function SuspensionBanner({ personId, proposal }: { personId: number; proposal: NonNullable<SuspensionProposal> }) {
  const api = useApi();
  const navigate = useNavigate();
  const canAccept = useCan('appointments.acceptSuspension');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const accept = async () => {
    setPending(true);
    setError(undefined);
    try {
      const { ficheId } = await api.call('appointments.acceptSuspension', { personId, appointmentIds: proposal.absences.map((a) => a.appointmentId) });
      void navigate(fichePaths.fiche(ficheId));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  const letters = proposal.convocations.length;
  return (
    <Alert
      severity="warning"
      sx={{ mb: 2 }}
      action={
        canAccept ? (
          <Button color="inherit" variant="outlined" disabled={pending} onClick={() => void accept()}>
            {pending ? 'Préparation…' : 'Préparer la demande de suspension'}
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{SUSPENSION_BANNER_TITLE}</AlertTitle>
      <Typography variant="body2">{`Absences non excusées aux rendez-vous du ${proposal.absences.map((a) => whenOf(a)).join(' et du ')}.`}</Typography>
      <Typography variant="body2">
        {`La fiche de liaison est préparée en brouillon (motif : ${proposal.fiche.motifLabel}), avec ${letters === 0 ? 'aucun courrier de convocation' : plural(letters, 'courrier de convocation joint', 'courriers de convocation joints')}${proposal.withoutConvocation.length > 0 ? ` ; sans convocation archivée pour le ${proposal.withoutConvocation.map((d) => formatDate(d)).join(' et le ')}` : ''}. Vous la relisez, la signez et l’envoyez : la décision vous appartient.`}
      </Typography>
      {error ? (
        <Typography variant="body2" role="alert" sx={{ mt: 1, fontWeight: 600 }}>
          {error}
        </Typography>
      ) : null}
    </Alert>
  );
}

export function AppointmentsSection({ personId }: DossierSectionProps) {
  const list = useApiQuery('appointments.listForDossier', { personId });
  const proposal = useApiQuery('appointments.suspensionProposal', { personId });
  const canPlan = useCan('appointments.plan');
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  if (list.error) return <LoadError error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading>Chargement des rendez-vous…</Loading>;
  const { today, upcoming, past } = list.data;
  const common = { today, personId, onOpen: setOpen };
  return (
    <Box>
      {proposal.data ? <SuspensionBanner personId={personId} proposal={proposal.data} /> : null}
      <AppointmentList title="À venir" id={`rdv-a-venir-${personId}`} items={upcoming} empty="Aucun rendez-vous à venir." {...common} />
      <AppointmentList title="Passés et annulés" id={`rdv-passes-${personId}`} items={past} empty="Aucun rendez-vous passé." {...common} />
      {canPlan ? (
        <Button variant="outlined" startIcon={<AddIcon />} onClick={() => setOpen({ kind: 'plan' })}>
          Planifier un rendez-vous
        </Button>
      ) : null}
      {open?.kind === 'plan' ? <PlanDialog personId={personId} today={today} onClose={close} /> : null}
      {open?.kind === 'update' ? <PlanDialog personId={personId} today={today} appointment={open.appointment} onClose={close} /> : null}
      {open?.kind === 'outcome' ? <OutcomeDialog appointment={open.appointment} onClose={close} /> : null}
      {open?.kind === 'cancel' ? <CancelDialog appointment={open.appointment} onClose={close} /> : null}
    </Box>
  );
}
