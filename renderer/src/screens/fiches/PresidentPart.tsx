import { useMemo, useState } from 'react';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import { fichePresidentDecisionInputSchema, type FicheView } from '../../../../shared/api/fiches';
import { ROOT_FIELD } from '../../../../shared/api/errors';
import { PRESIDENT_DECISION_LABELS, PRESIDENT_DECISIONS } from '../../../../shared/domain/rules/fiche-liaison';
import { formatDate } from '../../../../shared/domain/format';
import { toApiError, useApi } from '../../api/ApiContext';
import { RadioInput } from '../../kit/fields';
import { ErrorSummary, flattenFieldErrors } from '../../kit/formErrors';
import { DateFieldR, TextFieldR } from '../../kit/formFields';
import { toIsoDate } from '../../kit/format';
import { RecordSection, TermList } from '../../kit/RecordPage';
import { useSession } from '../../kit/session';
import { useFormDraft } from '../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../kit/DraftOffer';
import { Term } from '../../kit/Term';

export const PRESIDENT_SECTION_TITLE = 'Partie réservée au Président';
export const AWAITING_PRESIDENT = 'En attente de la décision du Président';

/** Annexe 7: « Signature : Le Président du Conseil Général, Par délégation, Le Chef du Service Local Allocation Insertion ». */
const DEFAULT_SIGNATORY_FUNCTION = 'Chef du Service Local Allocation Insertion';
const DEFAULT_DELEGATION = 'Par délégation';

const formSchema = fichePresidentDecisionInputSchema.omit({ ficheId: true, version: true });
interface PresidentValues {
  decision: '' | (typeof PRESIDENT_DECISIONS)[number];
  reason: string;
  structure: string;
  date: string;
  signatoryName: string;
  signatoryFunction: string;
  signatoryDelegation: string;
}

/**
 * « Partie réservée au Président » of an actions CG or avenant fiche: what was decided (everyone reads it), « En
 * attente de la décision du Président » while it waits, and the SLAI's form (signatory prefilled with the user).
 */
export function PresidentSection({ fiche, onDone }: { fiche: FicheView; onDone: (view: FicheView) => void }) {
  const p = fiche.president;
  const canDecide = fiche.allowedActions.includes('decision_president');
  if (!p && !fiche.awaitingPresident) return null;
  return (
    <RecordSection title={PRESIDENT_SECTION_TITLE}>
      {fiche.awaitingPresident ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          {`${AWAITING_PRESIDENT}${p?.decision === 'ajournement' ? ` (décision ajournée le ${formatDate(p.date)})` : ''} : la fiche se clôt après son accord ou son refus.`}
        </Alert>
      ) : null}
      {p ? (
        <TermList>
          <Term term="Décision" value={`${p.decisionLabel} du ${formatDate(p.date)}`} />
          {p.reason ? <Term term={p.decision === 'refus' ? 'Motif du refus' : p.decision === 'ajournement' ? 'Motif de l’ajournement' : 'Observations'} value={p.reason} /> : null}
          {p.structure ? <Term term="Structure désignée" value={p.structure} /> : null}
          <Term term="Signataire" value={`${p.signatoryDelegation ? `${p.signatoryDelegation}, ` : ''}${p.signatoryName}, ${p.signatoryFunction}`} />
          <Term term="Enregistrée par" value={p.recordedBy} />
        </TermList>
      ) : null}
      {canDecide ? <PresidentForm fiche={fiche} onDone={onDone} /> : null}
    </RecordSection>
  );
}

function PresidentForm({ fiche, onDone }: { fiche: FicheView; onDone: (view: FicheView) => void }) {
  const client = useApi();
  const { user } = useSession();
  const resolver = useMemo(() => zodResolver(formSchema) as unknown as Resolver<PresidentValues>, []);
  const base = useMemo<PresidentValues>(
    () => ({
      decision: '',
      reason: '',
      structure: fiche.fiche.type === 'actions_cg' ? (fiche.fiche.structureSouhaitee ?? '') : '',
      date: toIsoDate(new Date()),
      signatoryName: user.displayName,
      signatoryFunction: DEFAULT_SIGNATORY_FUNCTION,
      signatoryDelegation: DEFAULT_DELEGATION,
    }),
    [fiche, user],
  );
  const form = useForm<PresidentValues>({ resolver, defaultValues: base, mode: 'onTouched' });
  // A half-filled decision survives a reload or a crash (drafts.save), until it is recorded.
  const draft = useFormDraft({ key: `fiche:${fiche.id}:president`, form, baseline: base });
  const [error, setError] = useState<string>();
  const decision = useWatch({ control: form.control, name: 'decision' });
  const actionsCg = fiche.fiche.type === 'actions_cg';
  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      const view = await client.call('fiches.presidentDecision', { ...values, decision: values.decision as Exclude<PresidentValues['decision'], ''>, ficheId: fiche.id, version: fiche.version });
      await draft.markSaved();
      onDone(view);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.[ROOT_FIELD] ?? apiError.message);
      Object.entries(apiError.fieldErrors ?? {})
        .filter(([path]) => path in values)
        .forEach(([path, message]) => form.setError(path as keyof PresidentValues, { type: 'server', message }));
    }
  });
  return (
    <Box component="form" noValidate aria-label="Décision du Président" onSubmit={(e) => void submit(e)} sx={{ mt: 2 }}>
      <DraftOffer
        draft={draft}
        onRestore={() => {
          const data = draft.take();
          form.reset({ ...base, ...(data && typeof data === 'object' ? (data as Partial<PresidentValues>) : {}) }, { keepDefaultValues: true });
        }}
      />
      <ErrorSummary message={error} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(path) => form.setFocus(path as keyof PresidentValues)} />
      <Grid container spacing={2.5}>
        <Grid size={12}>
          <RadioInput
            control={form.control}
            name="decision"
            label="Décision du Président"
            required
            options={PRESIDENT_DECISIONS.map((value) => ({ value, label: PRESIDENT_DECISION_LABELS[value] }))}
          />
        </Grid>
        {decision === 'refus' || decision === 'ajournement' ? (
          <Grid size={12}>
            <TextFieldR control={form.control} name="reason" label={decision === 'refus' ? 'Motif du refus' : 'Motif de l’ajournement'} required multiline minRows={2} />
          </Grid>
        ) : null}
        {decision === 'accord' ? (
          <Grid size={12}>
            <TextFieldR
              control={form.control}
              name="structure"
              label="Structure désignée pour l’inscription à une action CG"
              required={actionsCg}
              hint={actionsCg ? 'Nom, adresse, animateur, téléphone' : 'Facultatif pour un avenant'}
            />
          </Grid>
        ) : null}
        {decision === 'accord' && fiche.fiche.type === 'avenant' ? (
          <Grid size={12}>
            <Alert severity="info">L’accord crée une nouvelle version du plan d’accompagnement du contrat ; l’ancienne reste consultable.</Alert>
          </Grid>
        ) : null}
        <Grid size={{ xs: 12, sm: 6 }}>
          <DateFieldR control={form.control} name="date" label="Date de la décision" required disableFuture />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextFieldR control={form.control} name="signatoryName" label="Signataire (nom)" required />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextFieldR control={form.control} name="signatoryFunction" label="Fonction du signataire" required />
        </Grid>
        <Grid size={{ xs: 12, sm: 6 }}>
          <TextFieldR control={form.control} name="signatoryDelegation" label="Délégation" hint="Laissez vide si le Président signe lui-même" />
        </Grid>
      </Grid>
      <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? 'Enregistrement…' : 'Enregistrer la décision du Président'}
      </Button>
      <DraftStatus draft={draft} />
    </Box>
  );
}
