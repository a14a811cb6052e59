import { useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { Dossier } from '../../../../../shared/api/dossier';
import {
  INTERVIEW_FIELD_LABELS,
  ORGANISME_TYPE_FOR_ORIENTATION,
  ORGANISME_TYPE_LABELS,
  orientationDecideInputSchema,
  type Organisme,
  type OrientationPeriodOutput,
  type Referent,
} from '../../../../../shared/api/interview';
import { DSP_ELEMENT_KIND_LABELS } from '../../../../../shared/domain/rules/dsp-elements';
import {
  checkDecisionAgainstReference,
  decisionReference,
  divergesFrom,
  type DecisionReference,
} from '../../../../../shared/domain/rules/preconisation';
import { CONTRACT_KIND_LABELS, contractDeadline, ORIENTATION_LABELS, ORIENTATIONS, type Orientation } from '../../../../../shared/domain/rules/orientation';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { parseIsoDate, toIsoDate } from '../../../kit/format';
import { useNotify } from '../../../kit/notifications';
import { useCan } from '../../../kit/permissions';
import { useSession } from '../../../kit/session';
import { LeaveGuard } from '../../../kit/LeaveGuard';
import { Page } from '../../../kit/Page';
import { DateField } from '../../../kit/DateField';
import { RadioInput, SelectInput, TextInput, type SelectOption } from '../../../kit/fields';
import { ErrorSummary, flattenFieldErrors, applyFieldErrors } from '../../../kit/formErrors';
import { useFormDraft } from '../../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../../kit/DraftOffer';
import { LoadError, Loading } from '../../../kit/status';
import { Facts, PersonScreen } from '../common';
import { pointsText } from '../ede/edeModel';
import { interviewPaths } from '../../../kit/paths';
import { formatDate, formatDateTime } from '../../../../../shared/domain/format';

const decisionFormSchema = orientationDecideInputSchema.omit({ personId: true });
type DecisionOutput = z.output<typeof decisionFormSchema>;
export interface DecisionValues {
  date: string;
  orientation: Orientation | '';
  organismeReferentId: number | null;
  referentId: number | null;
  correspondantId: number | null;
  motif: string;
  divergenceReason: string;
}
const resolver = zodResolver(decisionFormSchema) as unknown as Resolver<DecisionValues, unknown, DecisionOutput>;

export const orientationDraftKey = (personId: number) => `orientation:${personId}`;
const ORIENTATION_OPTIONS: SelectOption[] = ORIENTATIONS.map((o) => ({ value: o, label: ORIENTATION_LABELS[o] }));

/** « Contrat … à conclure au plus tard le … » for a decision being typed (shared rule `contractDeadline`). */
export function deadlinePreview(date: string, orientation: Orientation | ''): string | null {
  if (!orientation || !parseIsoDate(date)) return null;
  const d = contractDeadline({ date, orientation });
  return `${CONTRACT_KIND_LABELS[d.contractKind]} à conclure au plus tard le ${formatDate(d.deadline)} (${d.months} mois après la décision).`;
}

/** What a decision dated `date` is measured against (the EDE only when dated on or before it). */
function referenceFor(date: string, proposal: Pick<Proposal, 'ede' | 'preconisation'>): DecisionReference {
  const ede = proposal.ede && proposal.ede.date <= date ? proposal.ede : null;
  return decisionReference({ date, ede, preconisation: proposal.preconisation });
}

/** A référent as offered in the decision: the user account only when it bears another name. */
export function referentLabel(r: { name: string; user: { displayName: string } | null }): string {
  return r.user && r.user.displayName !== r.name ? `${r.name} (compte ${r.user.displayName})` : r.name;
}

/** Route element: `#/beneficiaires/:personId/orientation/decision`. */
export function OrientationDecisionPage() {
  return (
    <PersonScreen title="Décision d’orientation" crumb="Décision d’orientation">
      {({ personId, name, dossier }) => <DecisionLoader personId={personId} name={name} dossier={dossier} />}
    </PersonScreen>
  );
}

function DecisionLoader({ personId, name, dossier }: { personId: number; name: string; dossier: Dossier }) {
  const canDecide = useCan('orientation.decide');
  const proposal = useApiQuery('orientation.proposal', { personId });
  const current = useApiQuery('orientation.current', { personId });
  const organismes = useApiQuery('organismes.list', {}, { enabled: canDecide });
  const referents = useApiQuery('referents.list', {}, { enabled: canDecide });
  const staff = useApiQuery('users.staff', {}, { enabled: canDecide });
  const title = `Orientation de ${name}`;
  const error = proposal.error ?? current.error ?? organismes.error ?? referents.error ?? staff.error;
  return (
    <Page title={title}>
      {error ? <LoadError error={error} /> : null}
      {proposal.data ? <ProposalPanel proposal={proposal.data} current={current.data ?? null} /> : !error ? <Loading>Chargement de la proposition…</Loading> : null}
      {!canDecide ? (
        <Alert severity="info" sx={{ mt: 3 }}>
          La décision d’orientation est prise par un correspondant ou un administrateur.
        </Alert>
      ) : proposal.data && organismes.data && referents.data && staff.data && current.data !== undefined ? (
        <DecisionForm
          personId={personId}
          dossier={dossier}
          proposed={proposal.data.orientation}
          proposal={proposal.data}
          current={current.data}
          organismes={organismes.data}
          referents={referents.data}
          correspondants={staff.data.filter((s) => s.role === 'correspondant')}
        />
      ) : null}
    </Page>
  );
}

type Proposal = NonNullable<ReturnType<typeof useApiQuery<'orientation.proposal'>>['data']>;

/** The proposal from the latest EDE, with its reason and the DSP elements beside it. */
export function ProposalPanel({ proposal, current }: { proposal: Proposal; current: OrientationPeriodOutput | null }) {
  const freins = proposal.elements.filter((e) => e.kind === 'frein');
  const appuis = proposal.elements.filter((e) => e.kind === 'appui');
  return (
    <Paper variant="outlined" component="section" aria-labelledby="proposal-title" sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
      <Typography variant="h2" id="proposal-title" sx={{ mb: 1.5 }}>
        Proposition d’orientation
      </Typography>
      <Typography sx={{ fontWeight: 700, mb: 0.5 }}>
        {proposal.orientation ? ORIENTATION_LABELS[proposal.orientation] : 'À décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation'}
      </Typography>
      <Typography sx={{ mb: 2 }}>{proposal.reason}</Typography>
      <Facts
        rows={[
          ['EDE utilisée', proposal.ede ? `EDE du ${formatDate(proposal.ede.date)} : ${pointsText(proposal.ede.total)}` : 'Aucune EDE enregistrée'],
          ['DSP', proposal.dsp ? `Version ${proposal.dsp.number} du ${formatDateTime(proposal.dsp.createdAt)}` : 'Aucune DSP enregistrée'],
          [
            'Préconisation de l’équipe d’orientation',
            proposal.preconisation
              ? `${ORIENTATION_LABELS[proposal.preconisation.preconisation]} — ${proposal.preconisation.team}, le ${formatDate(proposal.preconisation.date)}${proposal.preconisation.comment ? ` (${proposal.preconisation.comment})` : ''}`
              : 'Aucune préconisation en attente',
          ],
          [
            'Orientation en cours',
            current
              ? `${ORIENTATION_LABELS[current.orientation]} depuis le ${formatDate(current.start)} (${current.organismeReferent.name}) : une nouvelle décision la clôt la veille de sa date.`
              : 'Aucune (première orientation)',
          ],
        ]}
      />
      {proposal.elements.length > 0 ? (
        <Grid container spacing={3} sx={{ mt: 1 }}>
          {[
            ['frein', freins] as const,
            ['appui', appuis] as const,
          ].map(([kind, list]) =>
            list.length > 0 ? (
              <Grid key={kind} size={{ xs: 12, md: 6 }}>
                <Typography variant="h3" sx={{ mb: 0.5 }}>
                  {kind === 'frein' ? 'Freins à l’emploi (DSP)' : 'Points d’appui vers l’emploi (DSP)'}
                </Typography>
                <Box component="ul" aria-label={DSP_ELEMENT_KIND_LABELS[kind]} sx={{ m: 0, pl: 3 }}>
                  {list.map((e) => (
                    <li key={e.path + e.text}>{e.text}</li>
                  ))}
                </Box>
              </Grid>
            ) : null,
          )}
        </Grid>
      ) : null}
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        La DSP éclaire la proposition sans la changer : la décision revient au correspondant (ou à l’EP/EO entre les deux seuils).
      </Typography>
    </Paper>
  );
}

interface DecisionFormProps {
  personId: number;
  dossier: Dossier;
  proposed: Orientation | null;
  /** The proposal with the EDE and the pending préconisation the decision is measured against. */
  proposal: Pick<Proposal, 'ede' | 'preconisation'>;
  current: OrientationPeriodOutput | null;
  organismes: Organisme[];
  referents: Referent[];
  correspondants: { id: number; displayName: string; structure: string }[];
}

export function DecisionForm({ personId, dossier, proposed, proposal, current, organismes, referents, correspondants }: DecisionFormProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const { user } = useSession();
  const base = useMemo<DecisionValues>(
    () => ({
      date: toIsoDate(new Date()),
      orientation: proposal.preconisation?.preconisation ?? proposed ?? '',
      organismeReferentId: null,
      referentId: null,
      correspondantId: user.role === 'correspondant' ? user.id : (dossier.person.correspondant?.id ?? null),
      motif: '',
      divergenceReason: '',
    }),
    [proposed, proposal, user, dossier],
  );
  const form = useForm<DecisionValues, unknown, DecisionOutput>({ resolver, defaultValues: base });
  const draft = useFormDraft({ key: orientationDraftKey(personId), form, baseline: base });
  const [serverError, setServerError] = useState<string>();
  const allowLeave = useRef(false);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;
  const [orientation, organismeId, referentId, date] = useWatch({
    control: form.control,
    name: ['orientation', 'organismeReferentId', 'referentId', 'date'],
  });

  const wantedType = orientation ? ORGANISME_TYPE_FOR_ORIENTATION[orientation] : null;
  const organismeOptions: SelectOption[] = organismes
    .filter((o) => o.active && (wantedType === null || o.type === wantedType))
    .map((o) => ({ value: String(o.id), label: o.name }));
  const referentOptions: SelectOption[] = referents
    .filter((r) => r.active && r.organismeId === organismeId)
    .map((r) => ({ value: String(r.id), label: referentLabel(r) }));
  const correspondantOptions: SelectOption[] = correspondants.map((c) => ({ value: String(c.id), label: c.structure ? `${c.displayName} — ${c.structure}` : c.displayName }));
  const preview = deadlinePreview(date, orientation);
  const reference = referenceFor(date, proposal);
  const diverges = divergesFrom(reference, orientation);

  // An organisme of another type than the orientation needs is dropped, with its référent.
  const organismeFits = organismeId === null || organismeOptions.some((o) => o.value === String(organismeId));
  useEffect(() => {
    if (organismeFits) return;
    form.setValue('organismeReferentId', null, { shouldDirty: true });
    form.setValue('referentId', null, { shouldDirty: true });
  }, [organismeFits, form]);
  const referentFits = referentId === null || referentOptions.some((o) => o.value === String(referentId));
  useEffect(() => {
    if (!referentFits) form.setValue('referentId', null, { shouldDirty: true });
  }, [referentFits, form]);

  const onSubmit = form.handleSubmit(async (values) => {
    setServerError(undefined);
    const checked = checkDecisionAgainstReference(reference, values);
    if (!checked.ok) {
      const e = checked.errors[0]!;
      if (e.path === 'divergenceReason') form.setError('divergenceReason', { message: e.message }, { shouldFocus: true });
      setServerError(e.message);
      return;
    }
    try {
      const { divergenceReason, ...rest } = values;
      const result = await client.call('orientation.decide', { personId, ...rest, ...(diverges ? { divergenceReason } : {}) });
      await draft.markSaved();
      allowLeave.current = true;
      notify(
        `Orientation enregistrée : ${result.period.contract.contractKind} à conclure au plus tard le ${formatDate(result.period.contract.deadline)}.`,
      );
      void navigate(interviewPaths.dossier(personId));
    } catch (e) {
      const error = toApiError(e);
      applyFieldErrors(form.setError, error);
      setServerError(error.message);
    }
  });

  return (
    <Paper variant="outlined" component="section" aria-labelledby="decision-title" sx={{ p: { xs: 2, md: 3 } }}>
      <Typography variant="h2" id="decision-title" sx={{ mb: 1 }}>
        {current ? 'Nouvelle décision (réorientation)' : 'Décision d’orientation'}
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Les champs marqués d’un astérisque (*) sont obligatoires. La date de la décision fait courir le délai du contrat.
      </Typography>
      <DraftOffer
        draft={draft}
        onRestore={() => {
          const data = draft.take();
          form.reset({ ...base, ...(data && typeof data === 'object' ? (data as Partial<DecisionValues>) : {}) }, { keepDefaultValues: true });
        }}
      />
      {submitCount > 0 || serverError ? (
        <ErrorSummary
          message={serverError}
          errors={flattenFieldErrors(errors)}
          labelOf={(p) => INTERVIEW_FIELD_LABELS[p]}
          onSelect={(p) => form.setFocus(p as keyof DecisionValues)}
        />
      ) : null}
      {organismes.filter((o) => o.active).length === 0 ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Aucun organisme référent n’est enregistré : un administrateur doit d’abord les saisir (Administration, Organismes référents).
        </Alert>
      ) : null}
      <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="decision-title">
        <Grid container spacing={2.5}>
          <Grid size={{ xs: 12 }}>
            <RadioInput control={form.control} name="orientation" label="Orientation" options={ORIENTATION_OPTIONS} required />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <DateField control={form.control} name="date" label="Date de la décision" required disableFuture />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 8 }}>
            <SelectInput
              control={form.control}
              name="organismeReferentId"
              label="Organisme référent"
              options={organismeOptions}
              numeric
              required
              hint={wantedType ? `Type attendu : ${ORGANISME_TYPE_LABELS[wantedType]}` : 'Choisissez d’abord l’orientation'}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectInput
              control={form.control}
              name="referentId"
              label="Référent"
              options={referentOptions}
              numeric
              emptyLabel="— Désigné plus tard —"
              hint={organismeId === null ? 'Choisissez d’abord l’organisme référent' : 'Facultatif : peut être désigné plus tard'}
            />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectInput control={form.control} name="correspondantId" label="Correspondant" options={correspondantOptions} numeric required />
          </Grid>
          <Grid size={{ xs: 12 }}>
            <TextInput control={form.control} name="motif" label="Motif de la décision" required multiline minRows={2} slotProps={{ htmlInput: { maxLength: 1000 } }} />
          </Grid>
        </Grid>
        {reference.kind === 'eo_required' ? (
          <Alert severity="warning" sx={{ mt: 2 }} data-testid="eo-required">
            {reference.text}{' '}
            <Link component={RouterLink} to={interviewPaths.orientationTeam}>
              Équipe d’orientation
            </Link>
          </Alert>
        ) : diverges ? (
          <Box sx={{ mt: 2 }}>
            <Alert severity="warning" sx={{ mb: 2 }} data-testid="divergence-warning">
              La décision choisie ({ORIENTATION_LABELS[orientation as Orientation]}) diffère de la référence : {reference.text} Indiquez le motif de l’écart : il
              sera imprimé sur la décision.
            </Alert>
            <TextInput
              control={form.control}
              name="divergenceReason"
              label="Motif de l’écart"
              required
              multiline
              minRows={2}
              slotProps={{ htmlInput: { maxLength: 1000 } }}
            />
          </Box>
        ) : reference.kind !== 'none' ? (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
            {reference.text}
          </Typography>
        ) : null}
        <Alert severity="info" icon={false} sx={{ mt: 2 }} role="status" aria-live="polite" data-testid="deadline-preview">
          {preview ?? 'Le délai du contrat s’affiche quand l’orientation et la date sont choisies.'}
        </Alert>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
          <Button type="submit" variant="contained" size="large" disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : 'Enregistrer la décision'}
          </Button>
          <Button size="large" onClick={() => void navigate(interviewPaths.dossier(personId))}>
            Annuler
          </Button>
          <DraftStatus draft={draft} />
        </Stack>
      </Box>
      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="La décision n’est pas enregistrée. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Paper>
  );
}
