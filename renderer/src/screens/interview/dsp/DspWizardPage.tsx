import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useForm, useWatch, type FieldPath } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { DSP_FIELDS, DSP_SECTION_LABELS, DSP_SECTIONS, dspValueAt, type DspContent, type DspSection } from '../../../../../shared/api/dsp';
import type { DspRevision } from '../../../../../shared/api/interview';
import { diffDsp, dspValueText } from '../../../../../shared/domain/rules/dsp-diff';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { formatDateTime } from '../../../app/format';
import { useNotify } from '../../../app/notifications';
import { useCan } from '../../../app/session';
import { LeaveGuard } from '../../../components/LeaveGuard';
import { Page } from '../../../components/Page';
import { ErrorSummary, flattenFieldErrors } from '../../../components/formErrors';
import { useFormDraft } from '../../../components/useFormDraft';
import { STEP_ICON_HIDDEN, applyFieldErrors, DraftOffer, DraftStatus, Facts, LoadError, Loading, PersonScreen } from '../common';
import { interviewPaths } from '../paths';
import { DspSectionFields } from './DspFields';
import {
  dspDraftKey,
  dspFormPath,
  dspResolver,
  fieldApplies,
  formValuesFromContent,
  mergeDspDraft,
  parsedContent,
  sectionPaths,
  type DspFormValues,
  type DspStoredContent,
} from './dspForm';

const STEP_COUNT = DSP_SECTIONS.length + 1;
const RECAP = DSP_SECTIONS.length;
const stepLabel = (step: number) => (step === RECAP ? 'Récapitulatif' : DSP_SECTION_LABELS[DSP_SECTIONS[step]!]);
const stepOf = (path: string) => DSP_SECTIONS.indexOf(path.split('.')[0] as DspSection);
const dspLabelOf = (path: string) => DSP_FIELDS.find((f) => f.path === path)?.label;

/** Route element: `#/beneficiaires/:personId/dsp/nouvelle`. */
export function DspWizardPage() {
  return (
    <PersonScreen title="Données socio-professionnelles" crumb="Nouvelle DSP">
      {({ personId, name }) => <DspWizardLoader personId={personId} name={name} />}
    </PersonScreen>
  );
}

function DspWizardLoader({ personId, name }: { personId: number; name: string }) {
  const canWrite = useCan('dsp.save');
  const latest = useApiQuery('dsp.latest', { personId }, { enabled: canWrite });
  const title = `Données socio-professionnelles de ${name}`;
  if (!canWrite) {
    return (
      <Page title={title}>
        <Alert severity="warning">Votre rôle ne permet pas de saisir les données socio-professionnelles.</Alert>
      </Page>
    );
  }
  if (!latest.data) {
    return (
      <Page title={title}>
        {latest.error ? <LoadError error={latest.error} onRetry={latest.reload} /> : <Loading>Chargement de la DSP…</Loading>}
      </Page>
    );
  }
  return (
    <DspWizard
      key={latest.data.revision?.id ?? 'first'}
      personId={personId}
      name={name}
      previous={latest.data.revision}
      prefill={latest.data.prefill as DspStoredContent}
      onReload={latest.reload}
    />
  );
}

export interface DspWizardProps {
  personId: number;
  name: string;
  /** The latest revision (the new one starts from it), null for a first DSP. */
  previous: DspRevision | null;
  prefill: DspStoredContent;
  onReload: () => void;
}

/** The DSP as a wizard: one step per section, then a summary with what changed since the previous revision. */
export function DspWizard({ personId, name, previous, prefill, onReload }: DspWizardProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const base = useMemo(() => formValuesFromContent(prefill), [prefill]);
  const form = useForm<DspFormValues, unknown, DspContent>({ resolver: dspResolver, defaultValues: base, mode: 'onTouched' });
  const draft = useFormDraft({ key: dspDraftKey(personId), form, baseline: base });
  const [step, setStep] = useState(0);
  const [serverError, setServerError] = useState<string>();
  /** « Suivant » was refused on this step: the error summary lists what to fix. */
  const [attempted, setAttempted] = useState(false);
  const [conflict, setConflict] = useState<string>();
  const allowLeave = useRef(false);
  const stepHeadingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    stepHeadingRef.current?.focus();
  }, [step]);

  const title = previous ? `Mise à jour de la DSP de ${name}` : `Première DSP de ${name}`;

  const goTo = async (target: number, validate: boolean) => {
    if (validate && step < RECAP) {
      const valid = await form.trigger(sectionPaths(DSP_SECTIONS[step]!) as FieldPath<DspFormValues>[], { shouldFocus: true });
      if (!valid) {
        setAttempted(true);
        return;
      }
    }
    setServerError(undefined);
    setAttempted(false);
    setStep(target);
  };

  const save = form.handleSubmit(
    async (content) => {
      setServerError(undefined);
      try {
        const result = await client.call('dsp.save', { personId, basedOnRevisionId: previous?.id ?? null, content });
        await draft.markSaved();
        allowLeave.current = true;
        const n = result.changes.length;
        notify(
          `La DSP est enregistrée (version ${result.revision.number}${previous ? `, ${n} ${n < 2 ? 'champ modifié' : 'champs modifiés'}` : ''}).`,
        );
        void navigate(interviewPaths.dspHistory(personId));
      } catch (e) {
        const error = toApiError(e);
        if (error.code === 'CONFLICT') {
          setConflict(error.message);
          return;
        }
        const set = applyFieldErrors(form.setError, error, dspFormPath);
        const first = set.map(stepOf).find((s) => s >= 0);
        if (first !== undefined) setStep(first);
        setServerError(error.message);
      }
    },
    (invalid) => {
      const paths = flattenFieldErrors(invalid).map((e) => e.path);
      const first = paths.map(stepOf).find((s) => s >= 0);
      if (first !== undefined && first !== step) {
        setStep(first);
        // The step's fields mount after the switch: focus the first invalid one then.
        setTimeout(() => form.setFocus(paths[0] as FieldPath<DspFormValues>), 0);
      }
    },
  );

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault();
    if (step < RECAP) void goTo(step + 1, true);
    else void save(e);
  };

  const stepErrors = flattenFieldErrors(errors).filter((e) => step === RECAP || stepOf(e.path) === step);
  const showErrors = submitCount > 0 || !!serverError || attempted;
  const heading = `Étape ${step + 1} sur ${STEP_COUNT} : ${step === RECAP ? 'vérifiez avant d’enregistrer' : stepLabel(step)}`;

  return (
    <Page
      title={title}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          {previous
            ? `La saisie part de la version ${previous.number} du ${formatDateTime(previous.createdAt)} (${previous.createdBy.displayName}) : modifiez ce qui a changé.`
            : 'Première saisie des données socio-professionnelles (Annexe 2). Tous les champs sont facultatifs, sauf les précisions demandées par une réponse.'}
        </Typography>
      }
    >
      <DraftOffer draft={draft} onRestore={() => form.reset(mergeDspDraft(base, draft.take()), { keepDefaultValues: true })} />
      {conflict ? (
        <Alert
          severity="error"
          role="alert"
          sx={{ mb: 2 }}
          action={
            <Button
              color="inherit"
              onClick={() => {
                allowLeave.current = true;
                onReload();
              }}
            >
              Recharger la DSP
            </Button>
          }
        >
          {conflict} Votre saisie reste disponible en brouillon.
        </Alert>
      ) : null}
      <Stepper nonLinear activeStep={step} alternativeLabel sx={{ mb: 3, overflowX: 'auto', pb: 1 }} aria-label="Étapes de la DSP">
        {Array.from({ length: STEP_COUNT }, (_, i) => (
          <Step key={i} completed={false}>
            <StepButton onClick={() => void goTo(i, false)}>
              <StepLabel slotProps={{ stepIcon: STEP_ICON_HIDDEN }}>{stepLabel(i)}</StepLabel>
            </StepButton>
          </Step>
        ))}
      </Stepper>
      <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
        <Box component="form" onSubmit={onSubmit} noValidate aria-labelledby="dsp-step-heading">
          <Typography variant="h2" id="dsp-step-heading" ref={stepHeadingRef} tabIndex={-1} sx={{ mb: 2 }}>
            {heading}
          </Typography>
          {showErrors ? (
            <ErrorSummary
              message={serverError}
              errors={stepErrors}
              labelOf={dspLabelOf}
              onSelect={(path) => {
                const s = stepOf(path);
                if (s >= 0 && s !== step) setStep(s);
                setTimeout(() => form.setFocus(path as FieldPath<DspFormValues>), 0);
              }}
            />
          ) : null}
          {step < RECAP ? (
            <DspSectionFields control={form.control} section={DSP_SECTIONS[step]!} />
          ) : (
            <DspRecap form={form} previous={previous} onEdit={(s) => setStep(s)} />
          )}
          <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
            {step > 0 ? (
              <Button size="large" onClick={() => void goTo(step - 1, false)}>
                Précédent
              </Button>
            ) : null}
            {step < RECAP ? (
              <Button type="submit" variant="contained" size="large">
                Suivant
              </Button>
            ) : (
              <Button type="submit" variant="contained" size="large" disabled={isSubmitting}>
                {isSubmitting ? 'Enregistrement…' : 'Enregistrer la DSP'}
              </Button>
            )}
            <Button size="large" onClick={() => void navigate(interviewPaths.dossier(personId))}>
              Annuler
            </Button>
            <DraftStatus draft={draft} />
          </Stack>
        </Box>
      </Paper>
      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="La DSP n’est pas enregistrée. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Page>
  );
}

/** Summary step: every applicable answer per section, and what changed since the previous revision. */
function DspRecap({
  form,
  previous,
  onEdit,
}: {
  form: ReturnType<typeof useForm<DspFormValues, unknown, DspContent>>;
  previous: DspRevision | null;
  onEdit: (step: number) => void;
}) {
  const values = useWatch({ control: form.control }) as DspFormValues;
  const content = parsedContent(values);
  const changes = content ? diffDsp(previous ? (previous.content as DspContent) : null, content) : null;
  return (
    <Stack spacing={3}>
      <Box component="section" aria-labelledby="dsp-changes-title">
        <Typography variant="h3" id="dsp-changes-title" sx={{ mb: 1 }}>
          {previous ? `Changements par rapport à la version ${previous.number}` : 'Réponses saisies'}
        </Typography>
        {changes === null ? (
          <Alert severity="warning">Certaines réponses sont à corriger avant l’enregistrement (voir les étapes signalées).</Alert>
        ) : (
          <Typography aria-live="polite">
            {changes.length === 0
              ? previous
                ? 'Aucun changement : l’enregistrement indiquera que la DSP a été revue à cette date.'
                : 'Aucune réponse saisie.'
              : previous
                ? `${changes.length} ${changes.length < 2 ? 'champ modifié' : 'champs modifiés'} : ${changes.map((c) => c.label).join(', ')}.`
                : `${changes.length} ${changes.length < 2 ? 'réponse saisie' : 'réponses saisies'}.`}
          </Typography>
        )}
      </Box>
      {DSP_SECTIONS.map((section, index) => {
        const rows = DSP_FIELDS.filter((f) => f.section === section && fieldApplies(values, f)).map((f) => {
          const value = content ? dspValueAt(content, f.path) : null;
          const changed = changes?.some((c) => c.path === f.path) && previous;
          return [f.label, <>{content ? dspValueText(f, value) : '—'}{changed ? <strong> (modifié)</strong> : null}</>] as const;
        });
        return (
          <Box component="section" key={section} aria-labelledby={`recap-${section}`}>
            <Stack direction="row" spacing={2} sx={{ alignItems: 'baseline', mb: 1 }}>
              <Typography variant="h3" id={`recap-${section}`}>
                {DSP_SECTION_LABELS[section]}
              </Typography>
              <Button size="small" onClick={() => onEdit(index)} aria-label={`Modifier la section ${DSP_SECTION_LABELS[section]}`}>
                Modifier
              </Button>
            </Stack>
            <Facts rows={rows} />
          </Box>
        );
      })}
    </Stack>
  );
}
