import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useForm, useWatch } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { DSP_FIELDS, DSP_SECTION_LABELS, DSP_SECTIONS, dspValueAt, type DspContent, type DspSection } from '../../../../../shared/api/dsp';
import type { DspRevision } from '../../../../../shared/api/interview';
import { diffDsp, dspValueText } from '../../../../../shared/domain/rules/dsp-diff';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { useNotify } from '../../../kit/notifications';
import { useCan } from '../../../kit/permissions';
import { LeaveGuard } from '../../../kit/LeaveGuard';
import { Page } from '../../../kit/Page';
import { flattenFieldErrors, applyFieldErrors } from '../../../kit/formErrors';
import { useFormDraft } from '../../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../../kit/DraftOffer';
import { LoadError, Loading } from '../../../kit/status';
import { Facts, PersonScreen } from '../common';
import { interviewPaths } from '../../../kit/paths';
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
import { useStepWizard } from '../../../kit/useStepWizard';
import { WizardButtons, WizardForm, WizardSteps } from '../../../kit/Wizard';
import { formatDateTime, plural } from '../../../../../shared/domain/format';

const STEP_COUNT = DSP_SECTIONS.length + 1;
const RECAP = DSP_SECTIONS.length;
const stepLabel = (step: number) => (step === RECAP ? 'Récapitulatif' : DSP_SECTION_LABELS[DSP_SECTIONS[step]!]);
const STEP_LABELS = Array.from({ length: STEP_COUNT }, (_, i) => stepLabel(i));
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
  const [conflict, setConflict] = useState<string>();
  const allowLeave = useRef(false);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;
  const wizard = useStepWizard({
    form,
    count: STEP_COUNT,
    fieldsOf: (s) => (s < RECAP ? sectionPaths(DSP_SECTIONS[s]!) : []),
    stepOf,
  });
  const { step, serverError } = wizard;

  const title = previous ? `Mise à jour de la DSP de ${name}` : `Première DSP de ${name}`;

  const save = form.handleSubmit(
    async (content) => {
      wizard.setServerError(undefined);
      try {
        const result = await client.call('dsp.save', { personId, basedOnRevisionId: previous?.id ?? null, content });
        await draft.markSaved();
        allowLeave.current = true;
        const n = result.changes.length;
        notify(
          `La DSP est enregistrée (version ${result.revision.number}${previous ? `, ${plural(n, 'champ modifié', 'champs modifiés')}` : ''}).`,
        );
        void navigate(interviewPaths.dspHistory(personId));
      } catch (e) {
        const error = toApiError(e);
        if (error.code === 'CONFLICT') {
          setConflict(error.message);
          return;
        }
        wizard.showErrorsAt(applyFieldErrors(form.setError, error, dspFormPath));
        wizard.setServerError(error.message);
      }
    },
    (invalid) => wizard.showErrorsAt(flattenFieldErrors(invalid).map((e) => e.path), { focus: true }),
  );

  const showErrors = submitCount > 0 || !!serverError || wizard.attempted;
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
      <WizardSteps wizard={wizard} labels={STEP_LABELS} label="Étapes de la DSP" selectable scrolls />
      <WizardForm
        wizard={wizard}
        heading={heading}
        onSubmit={wizard.onSubmit(save)}
        summary={showErrors ? { message: serverError, errors: wizard.stepErrors(errors), labelOf: dspLabelOf } : null}
        actions={
          <WizardButtons
            wizard={wizard}
            size="large"
            submitLabel={step < RECAP ? 'Suivant' : isSubmitting ? 'Enregistrement…' : 'Enregistrer la DSP'}
            pending={isSubmitting}
            onCancel={() => void navigate(interviewPaths.dossier(personId))}
          >
            <DraftStatus draft={draft} />
          </WizardButtons>
        }
      >
        {step < RECAP ? (
          <DspSectionFields control={form.control} section={DSP_SECTIONS[step]!} />
        ) : (
          <DspRecap form={form} previous={previous} onEdit={wizard.goTo} />
        )}
      </WizardForm>
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
                ? `${plural(changes.length, 'champ modifié', 'champs modifiés')} : ${changes.map((c) => c.label).join(', ')}.`
                : `${plural(changes.length, 'réponse saisie', 'réponses saisies')}.`}
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
