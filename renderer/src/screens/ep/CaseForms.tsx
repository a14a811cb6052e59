import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { epAvisInputSchema, epDecisionInputSchema, type EpDecision, type EpSession, type EpSessionItem } from '../../../../shared/api/ep';
import { ORIENTATIONS, ORIENTATION_LABELS } from '../../../../shared/domain/rules/orientation';
import { SANCTION_KINDS, SANCTION_KIND_LABELS } from '../../../../shared/domain/rules/sanctions';
import { toApiError, useApiQuery } from '../../api/ApiContext';
import { toIsoDate } from '../../kit/format';
import { DateField } from '../../kit/DateField';
import { RadioInput, SelectInput, TextInput } from '../../kit/fields';
import { applyApiFieldErrors } from '../../kit/formErrors';
import { useFormDraft } from '../../kit/useFormDraft';
import { useSession } from '../../kit/session';
import { Section, validateWith } from './common';
import { SanctionTable } from './SanctionTable';
import type { SessionView } from './sessionModel';
import type { RunSessionWrite } from './sessionWrite';
import { formatDate, formatDateTime, personName } from '../../../../shared/domain/format';

const SENS_OPTIONS = [
  { value: 'favorable', label: 'Favorable' },
  { value: 'defavorable', label: 'Défavorable' },
];
const SANCTION_OPTIONS = SANCTION_KINDS.map((k) => ({ value: k, label: SANCTION_KIND_LABELS[k] }));
const ORIENTATION_OPTIONS = ORIENTATIONS.map((o) => ({ value: o, label: ORIENTATION_LABELS[o] }));

/** Per case of the ordre du jour: the EP's avis, then the Président's decision and its effect. */
export function CasesPanel({ session, view, run }: { session: EpSession; view: SessionView; run: RunSessionWrite }) {
  return (
    <Section id="ep-session-cases" title="Avis et décisions">
      {view.activeItems.length === 0 ? <Typography>Aucun dossier à examiner.</Typography> : null}
      {view.activeItems.map((item, i) => {
        const title = `Dossier ${i + 1} : ${personName(item.person)}`;
        const headingId = `ep-case-${item.itemId}`;
        return (
          <Paper key={item.itemId} variant="outlined" component="section" aria-labelledby={headingId} sx={{ p: 2, mb: 2 }}>
            <Typography variant="h3" id={headingId} sx={{ fontSize: '1.15rem' }}>
              {title}
            </Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
              {item.originLabel} — {item.theme}. Saisine du {formatDate(item.saisineDate)}, avis attendu au plus tard le {formatDate(item.avisDeadline)}.
            </Typography>
            {item.avis ? (
              <Box sx={{ mb: 2 }}>
                <Typography variant="h4" sx={{ fontSize: '1.05rem' }}>
                  Avis de l’équipe
                </Typography>
                <Typography>
                  Avis {item.avis.sens === 'favorable' ? 'favorable' : 'défavorable'} du {formatDate(item.avis.date)}
                  {item.avis.late ? ' (rendu après le délai d’un mois)' : ''} : {item.avis.motivation}
                </Typography>
                {item.avis.proposedSanction ? <Typography>Sanction proposée : {SANCTION_KIND_LABELS[item.avis.proposedSanction]}.</Typography> : null}
              </Box>
            ) : view.can.avis ? (
              <AvisForm session={session} item={item} run={run} />
            ) : (
              <Typography>Avis non rendu.</Typography>
            )}
            {item.decision ? (
              <DecisionView decision={item.decision} />
            ) : item.avis && view.can.decision ? (
              <DecisionForm session={session} item={item} run={run} />
            ) : null}
          </Paper>
        );
      })}
    </Section>
  );
}

interface AvisForm {
  date: string;
  sens: string;
  motivation: string;
  proposedSanction: string;
}

function DraftOffer({ found, onTake, onDiscard }: { found: { updatedAt: string } | null; onTake: () => void; onDiscard: () => void }) {
  if (!found) return null;
  return (
    <Alert
      severity="info"
      sx={{ mb: 2 }}
      action={
        <>
          <Button color="inherit" onClick={onTake}>
            Reprendre
          </Button>
          <Button color="inherit" onClick={onDiscard}>
            Abandonner
          </Button>
        </>
      }
    >
      Un brouillon du {formatDateTime(found.updatedAt)} a été retrouvé.
    </Alert>
  );
}

function AvisForm({ session, item, run }: { session: EpSession; item: EpSessionItem; run: RunSessionWrite }) {
  const baseline: AvisForm = { date: toIsoDate(new Date()), sens: '', motivation: '', proposedSanction: '' };
  const form = useForm<AvisForm>({ defaultValues: baseline });
  const draft = useFormDraft({ key: `ep:avis:${session.id}:${item.itemId}`, form, baseline });
  const [error, setError] = useState<string>();
  const sens = useWatch({ control: form.control, name: 'sens' });
  const suspension = item.origin === 'fiche_suspension';
  const submit = form.handleSubmit(async (v) => {
    setError(undefined);
    const parsed = validateWith(
      epAvisInputSchema,
      {
        sessionId: session.id,
        itemId: item.itemId,
        date: v.date,
        sens: v.sens || undefined,
        motivation: v.motivation,
        proposedSanction: suspension && v.sens === 'favorable' && v.proposedSanction ? v.proposedSanction : null,
      },
      form.setError,
    );
    if (!parsed) return;
    try {
      await run('ep.sessions.recordAvis', parsed, `Avis enregistré pour ${personName(item.person)}.`);
      await draft.markSaved();
    } catch (e) {
      const err = toApiError(e);
      if (applyApiFieldErrors(form.setError, err).length === 0) setError(err.message);
    }
  });
  return (
    <Box component="form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Avis de l’équipe pour ${personName(item.person)}`} sx={{ mb: 2 }}>
      <Typography variant="h4" sx={{ fontSize: '1.05rem', mb: 1 }}>
        Avis de l’équipe
      </Typography>
      <DraftOffer found={draft.found} onTake={() => form.reset({ ...baseline, ...(draft.take() as Partial<AvisForm>) }, { keepDefaultValues: true })} onDiscard={() => void draft.discard()} />
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {error}
        </Alert>
      ) : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <DateField control={form.control} name="date" label="Date de l’avis" required disableFuture />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>
          <RadioInput control={form.control} name="sens" label="Sens de l’avis" required options={SENS_OPTIONS} />
        </Grid>
        <Grid size={12}>
          <TextInput control={form.control} name="motivation" label="Avis motivé" required fullWidth multiline minRows={2} />
        </Grid>
        {suspension && sens === 'favorable' ? (
          <Grid size={{ xs: 12, sm: 6 }}>
            <SelectInput control={form.control} name="proposedSanction" label="Sanction proposée" options={SANCTION_OPTIONS} emptyLabel="— Selon le motif de la fiche —" />
          </Grid>
        ) : null}
      </Grid>
      <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>
        Enregistrer l’avis
      </Button>
    </Box>
  );
}

interface DecisionForm {
  date: string;
  sens: string;
  orientation: string;
  organismeReferentId: number | null;
  referentId: number | null;
  correspondantId: number | null;
  sanctionKind: string;
  sanctionStart: string;
  commentaire: string;
  signatoryName: string;
  signatoryFunction: string;
  signatoryDelegation: string;
}

/** Annexe 7: the decision is signed « Par délégation, le Chef du SLAI ou le directeur de MDS ». */
const DEFAULT_SIGNATORY_FUNCTION = 'Chef du Service Local Allocation Insertion';
const DEFAULT_DELEGATION = 'Par délégation, le Chef du Service Local Allocation Insertion';

function DecisionForm({ session, item, run }: { session: EpSession; item: EpSessionItem; run: RunSessionWrite }) {
  const opensOrientation = item.origin !== 'fiche_suspension';
  const baseline: DecisionForm = {
    date: toIsoDate(new Date()),
    sens: item.avis?.sens ?? '',
    orientation: '',
    organismeReferentId: null,
    referentId: null,
    correspondantId: null,
    sanctionKind: item.avis?.proposedSanction ?? '',
    sanctionStart: '',
    commentaire: '',
    signatoryName: useSession().user.displayName,
    signatoryFunction: DEFAULT_SIGNATORY_FUNCTION,
    signatoryDelegation: DEFAULT_DELEGATION,
  };
  const form = useForm<DecisionForm>({ defaultValues: baseline });
  const draft = useFormDraft({ key: `ep:decision:${session.id}:${item.itemId}`, form, baseline });
  const [error, setError] = useState<string>();
  const sens = useWatch({ control: form.control, name: 'sens' });
  const organismeId = useWatch({ control: form.control, name: 'organismeReferentId' });
  const organismes = useApiQuery('organismes.list', {}, { enabled: opensOrientation });
  const referents = useApiQuery('referents.list', {}, { enabled: opensOrientation });
  const staff = useApiQuery('users.staff', {}, { enabled: opensOrientation });
  const showOrientation = opensOrientation && (item.origin === 'cers_12_mois' || sens === 'favorable');
  const showSanction = !opensOrientation && sens === 'favorable';

  const submit = form.handleSubmit(async (v) => {
    setError(undefined);
    const parsed = validateWith(
      epDecisionInputSchema,
      {
        sessionId: session.id,
        itemId: item.itemId,
        date: v.date,
        sens: v.sens || undefined,
        orientation: showOrientation && v.orientation ? v.orientation : null,
        organismeReferentId: showOrientation ? v.organismeReferentId : null,
        referentId: showOrientation ? v.referentId : null,
        correspondantId: showOrientation ? v.correspondantId : null,
        sanctionKind: showSanction && v.sanctionKind ? v.sanctionKind : null,
        sanctionStart: showSanction && v.sanctionStart ? v.sanctionStart : null,
        commentaire: v.commentaire,
        signatoryName: v.signatoryName,
        signatoryFunction: v.signatoryFunction,
        signatoryDelegation: v.signatoryDelegation,
      },
      form.setError,
    );
    if (!parsed) return;
    try {
      await run('ep.sessions.recordDecision', parsed, `Décision du Président enregistrée pour ${personName(item.person)}.`);
      await draft.markSaved();
    } catch (e) {
      const err = toApiError(e);
      if (applyApiFieldErrors(form.setError, err).length === 0) setError(err.message);
    }
  });

  return (
    <Box component="form" noValidate onSubmit={(e) => void submit(e)} aria-label={`Décision du Président pour ${personName(item.person)}`}>
      <Typography variant="h4" sx={{ fontSize: '1.05rem', mb: 1 }}>
        Décision du Président
      </Typography>
      <DraftOffer found={draft.found} onTake={() => form.reset({ ...baseline, ...(draft.take() as Partial<DecisionForm>) }, { keepDefaultValues: true })} onDiscard={() => void draft.discard()} />
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 1 }}>
          {error}
        </Alert>
      ) : null}
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, sm: 4 }}>
          <DateField control={form.control} name="date" label="Date de la décision" required disableFuture />
        </Grid>
        <Grid size={{ xs: 12, sm: 8 }}>
          <RadioInput control={form.control} name="sens" label="Sens de la décision" required options={SENS_OPTIONS} />
        </Grid>
        {showOrientation ? (
          <>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput
                control={form.control}
                name="orientation"
                label="Orientation décidée"
                options={ORIENTATION_OPTIONS}
                emptyLabel={item.origin === 'fiche_reorientation' ? '— Celle demandée par la fiche —' : '— Choisir —'}
                required={item.origin === 'cers_12_mois'}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput
                control={form.control}
                name="organismeReferentId"
                label="Organisme référent"
                numeric
                required
                options={(organismes.data ?? []).filter((o) => o.active).map((o) => ({ value: String(o.id), label: o.name }))}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput
                control={form.control}
                name="referentId"
                label="Référent"
                numeric
                emptyLabel="— À désigner plus tard —"
                options={(referents.data ?? [])
                  .filter((r) => r.active && (organismeId === null || r.organismeId === organismeId))
                  .map((r) => ({ value: String(r.id), label: `${r.name} (${r.organismeName})` }))}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput
                control={form.control}
                name="correspondantId"
                label="Correspondant"
                numeric
                required
                options={(staff.data ?? []).filter((u) => u.role === 'correspondant').map((u) => ({ value: String(u.id), label: `${u.displayName} (${u.structure})` }))}
              />
            </Grid>
          </>
        ) : null}
        {showSanction ? (
          <>
            <Grid size={{ xs: 12, sm: 6 }}>
              <SelectInput control={form.control} name="sanctionKind" label="Sanction" options={SANCTION_OPTIONS} emptyLabel="— Selon l’avis ou le motif de la fiche —" />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <DateField control={form.control} name="sanctionStart" label="Premier mois de la sanction" hint="Un 1er du mois ; par défaut le mois qui suit la décision" />
            </Grid>
          </>
        ) : null}
        <Grid size={12}>
          <TextInput control={form.control} name="commentaire" label="Commentaire du Président" fullWidth multiline minRows={2} />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput control={form.control} name="signatoryName" label="Signataire (nom)" required fullWidth />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextInput control={form.control} name="signatoryFunction" label="Fonction du signataire" required fullWidth />
        </Grid>
        <Grid size={12}>
          <TextInput control={form.control} name="signatoryDelegation" label="Délégation" fullWidth hint="Laissez vide si le Président signe lui-même" />
        </Grid>
      </Grid>
      <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>
        Enregistrer la décision
      </Button>
    </Box>
  );
}

/** The decision recorded and its effect (new orientation with its contract deadline, or the sanction schedule). */
export function DecisionView({ decision }: { decision: Omit<EpDecision, 'recordedBy'> }) {
  return (
    <Box>
      <Typography variant="h4" sx={{ fontSize: '1.05rem' }}>
        Décision du Président
      </Typography>
      <Typography>
        Décision {decision.sens === 'favorable' ? 'favorable' : 'défavorable'} du {formatDate(decision.date)}
        {decision.commentaire ? ` : ${decision.commentaire}` : '.'}
      </Typography>
      {decision.signatory ? (
        <Typography>
          Signée par {decision.signatory.name}, {decision.signatory.function}
          {decision.signatory.delegation ? ` (${decision.signatory.delegation})` : ''}.
        </Typography>
      ) : null}
      <Typography sx={{ fontWeight: 700, mt: 1 }}>Effet : {decision.effectLabel}</Typography>
      {decision.effect === 'ouvrir_orientation' && decision.orientation ? (
        <Typography>
          Nouvelle orientation : {ORIENTATION_LABELS[decision.orientation]}
          {decision.organismeName ? `, organisme référent ${decision.organismeName}` : ''}
          {decision.correspondantName ? `, correspondant ${decision.correspondantName}` : ''}.
          {decision.contractDeadline ? ` ${decision.contractDeadline.kind} à conclure avant le ${formatDate(decision.contractDeadline.deadline)}.` : ''}
        </Typography>
      ) : null}
      {decision.sanction ? <SanctionTable sanction={decision.sanction} /> : null}
    </Box>
  );
}
