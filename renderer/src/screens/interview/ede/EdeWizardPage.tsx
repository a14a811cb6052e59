import { useId, useMemo, useRef } from 'react';
import { useNavigate } from 'react-router';
import { Controller, useForm, useWatch, type Control, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { edeFormSchema, type EdeGridOutput } from '../../../../../shared/api/interview';
import type { EdeColour } from '../../../../../shared/domain/referentials/types';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { toIsoDate } from '../../../kit/format';
import { useNotify } from '../../../kit/notifications';
import { useCan } from '../../../kit/permissions';
import { LeaveGuard } from '../../../kit/LeaveGuard';
import { Page } from '../../../kit/Page';
import { DateField } from '../../../kit/DateField';
import { flattenFieldErrors, applyFieldErrors } from '../../../kit/formErrors';
import { useFormDraft } from '../../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../../kit/DraftOffer';
import { LoadError, Loading } from '../../../kit/status';
import { PersonScreen } from '../common';
import { useStepWizard } from '../../../kit/useStepWizard';
import { WizardButtons, WizardForm, WizardSteps } from '../../../kit/Wizard';
import { interviewPaths } from '../../../kit/paths';
import { EdeCurve } from './EdeCurve';
import { EdeScorePanel, FlaggedItems } from './EdeScore';
import { COLOUR_NAMES, edeDraftKey, emptyEdeValues, liveScore, mergeEdeDraft, pointsText, themeLabel, type EdeFormOutput, type EdeFormValues } from './edeModel';

/** Route element: `#/beneficiaires/:personId/ede/nouvelle`. */
export function EdeWizardPage() {
  return (
    <PersonScreen title="Échelle de distance à l’emploi" crumb="Nouvelle EDE">
      {({ personId, name }) => <EdeWizardLoader personId={personId} name={name} />}
    </PersonScreen>
  );
}

function EdeWizardLoader({ personId, name }: { personId: number; name: string }) {
  const canWrite = useCan('ede.create');
  const grid = useApiQuery('ede.grid', {}, { enabled: canWrite });
  const title = `Nouvelle EDE de ${name}`;
  if (!canWrite) {
    return (
      <Page title={title}>
        <Alert severity="warning">Votre rôle ne permet pas de saisir une échelle de distance à l’emploi.</Alert>
      </Page>
    );
  }
  if (!grid.data) {
    return <Page title={title}>{grid.error ? <LoadError error={grid.error} onRetry={grid.reload} /> : <Loading>Chargement de la grille…</Loading>}</Page>;
  }
  return <EdeWizard key={grid.data.version} personId={personId} name={name} grid={grid.data} onReloadGrid={grid.reload} />;
}

export interface EdeWizardProps {
  personId: number;
  name: string;
  grid: EdeGridOutput;
  onReloadGrid: () => void;
  /** Today (ISO), for the default date of the interview. */
  today?: string;
}

/** The steps: the items in two halves, then the summary (curve, proposal, date, save). */
function stepsOf(grid: EdeGridOutput) {
  const half = Math.ceil(grid.items.length / 2);
  const first = grid.items.slice(0, half);
  const second = grid.items.slice(half);
  const range = (items: typeof grid.items) => `Items ${items[0]?.number ?? ''} à ${items.at(-1)?.number ?? ''}`;
  return [
    { label: range(first), items: first },
    { label: range(second), items: second },
    { label: 'Synthèse', items: [] },
  ];
}

export function EdeWizard({ personId, name, grid, onReloadGrid, today = toIsoDate(new Date()) }: EdeWizardProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const steps = useMemo(() => stepsOf(grid), [grid]);
  const base = useMemo(() => emptyEdeValues(grid, today), [grid, today]);
  const resolver = useMemo(() => zodResolver(edeFormSchema(grid)) as unknown as Resolver<EdeFormValues, unknown, EdeFormOutput>, [grid]);
  const form = useForm<EdeFormValues, unknown, EdeFormOutput>({ resolver, defaultValues: base });
  const draft = useFormDraft({ key: edeDraftKey(personId), form, baseline: base });
  const allowLeave = useRef(false);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;
  const paliers = useWatch({ control: form.control, name: 'paliers' });
  const live = liveScore(grid, paliers);
  const last = steps.length - 1;
  const stepOfPath = (path: string): number => {
    if (path.startsWith('paliers.') || path.startsWith('comments.')) {
      const key = path.split('.')[1];
      return steps.findIndex((s) => s.items.some((i) => i.key === key));
    }
    return last;
  };
  const wizard = useStepWizard({
    form,
    count: steps.length,
    fieldsOf: (s) => (s < last ? steps[s]!.items.flatMap((i) => [`paliers.${i.key}`, `comments.${i.key}`]) : []),
    stepOf: stepOfPath,
  });
  const { step, serverError } = wizard;

  const save = form.handleSubmit(
    async (values) => {
      wizard.setServerError(undefined);
      try {
        const saved = await client.call('ede.create', { personId, ...values });
        await draft.markSaved();
        allowLeave.current = true;
        notify(`L’EDE est enregistrée : ${pointsText(saved.total)}.`);
        void navigate(interviewPaths.edeView(personId, saved.id));
      } catch (e) {
        const error = toApiError(e);
        wizard.showErrorsAt(applyFieldErrors(form.setError, error));
        wizard.setServerError(error.message);
      }
    },
    (invalid) => wizard.showErrorsAt(flattenFieldErrors(invalid).map((e) => e.path), { focus: true }),
  );

  const labelOf = (path: string) => {
    const key = path.split('.')[1];
    const item = grid.items.find((i) => i.key === key);
    if (path.startsWith('comments.') && item) return `Commentaire de l’item ${item.number}`;
    if (path === 'date') return 'Date de l’entretien';
    return undefined;
  };

  return (
    <Page
      title={`Nouvelle EDE de ${name}`}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          Pour chaque item, choisissez avec le bénéficiaire le palier qui correspond le mieux à sa situation telle qu’il la voit (flèches du
          clavier dans chaque liste de paliers). Grille version {grid.version}.
        </Typography>
      }
    >
      <DraftOffer draft={draft} onRestore={() => form.reset(mergeEdeDraft(base, draft.take()), { keepDefaultValues: true })} />
      <WizardSteps wizard={wizard} labels={steps.map((s) => s.label)} label="Étapes de l’EDE" selectable alternativeLabel={false} />
      <EdeScorePanel live={live} />
      <WizardForm
        wizard={wizard}
        heading={`Étape ${step + 1} sur ${steps.length} : ${step === last ? 'synthèse et enregistrement' : steps[step]!.label.toLowerCase()}`}
        onSubmit={wizard.onSubmit(save)}
        summary={submitCount > 0 || serverError || wizard.attempted ? { message: serverError, errors: wizard.stepErrors(errors), labelOf } : null}
        actions={
          <WizardButtons
            wizard={wizard}
            size="large"
            submitLabel={step < last ? 'Suivant' : isSubmitting ? 'Enregistrement…' : 'Enregistrer l’EDE'}
            pending={isSubmitting}
            onCancel={() => void navigate(interviewPaths.dossier(personId))}
          >
            {serverError && /grille/i.test(serverError) ? (
              <Button
                onClick={() => {
                  allowLeave.current = true;
                  onReloadGrid();
                }}
              >
                Recharger la grille
              </Button>
            ) : null}
            <Typography sx={{ fontWeight: 600 }}>
              {live.complete ? `Total : ${pointsText(live.score.total)}` : `Total provisoire : ${pointsText(live.partialTotal)}`}
            </Typography>
            <DraftStatus draft={draft} />
          </WizardButtons>
        }
      >
        {step < last ? (
          <Stack spacing={4}>
            {steps[step]!.items.map((item) => (
              <EdeItemInput key={item.key} control={form.control} item={item} />
            ))}
          </Stack>
        ) : (
          <Stack spacing={3}>
            <Box sx={{ maxWidth: 320 }}>
              <DateField control={form.control} name="date" label="Date de l’entretien" required disableFuture />
            </Box>
            <Box component="section" aria-labelledby="ede-curve-title">
              <Typography variant="h3" id="ede-curve-title" sx={{ mb: 1 }}>
                Courbe
              </Typography>
              <EdeCurve items={grid.items} series={[{ label: 'EDE en cours', paliers }]} title="Courbe de l’EDE en cours de saisie" />
            </Box>
            {live.complete ? <FlaggedItems items={live.score.items} themes={live.score.themes} /> : null}
          </Stack>
        )}
      </WizardForm>
      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="L’EDE n’est pas enregistrée. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Page>
  );
}

const SWATCH: Record<EdeColour, { bg: string; border: string; pattern: string }> = {
  aucune: { bg: '#ffffff', border: '#7a8494', pattern: 'none' },
  vert: { bg: '#d9efd9', border: '#2e6b30', pattern: 'repeating-linear-gradient(45deg, rgba(46,107,48,.35) 0 1.5px, transparent 1.5px 6px)' },
  rose: { bg: '#f9dce9', border: '#9c2a5e', pattern: 'radial-gradient(rgba(156,42,94,.45) 1.3px, transparent 1.5px) 0 0 / 6px 6px' },
  bleu: {
    bg: '#d8e5f8',
    border: '#1f4f99',
    pattern:
      'repeating-linear-gradient(45deg, rgba(31,79,153,.35) 0 1.2px, transparent 1.2px 6px), repeating-linear-gradient(-45deg, rgba(31,79,153,.35) 0 1.2px, transparent 1.2px 6px)',
  },
};

/** One item: its 6 paliers as a radio group (arrows move between paliers), and an optional comment. */
function EdeItemInput({ control, item }: { control: Control<EdeFormValues, unknown, EdeFormOutput>; item: EdeGridOutput['items'][number] }) {
  const legendId = useId();
  const helperId = useId();
  return (
    <Box component="section" aria-labelledby={legendId}>
      <Controller
        control={control}
        name={`paliers.${item.key}`}
        render={({ field, fieldState }) => (
          <FormControl component="fieldset" error={!!fieldState.error} sx={{ width: '100%' }}>
            <FormLabel component="legend" id={legendId} sx={{ fontWeight: 700, color: 'text.primary', fontSize: '1.1rem', mb: 0.5 }}>
              Item {item.number} : {item.label}
            </FormLabel>
            <Typography variant="body2" color="text.secondary" id={helperId} sx={{ mb: 1 }}>
              {fieldState.error ? (
                <Box component="span" sx={{ color: 'error.main', fontWeight: 600 }}>
                  {fieldState.error.message}
                </Box>
              ) : (
                `Thèmes du plan d’action : ${item.themes.map(themeLabel).join(', ')}`
              )}
            </Typography>
            <RadioGroup
              name={field.name}
              value={field.value === null || field.value === undefined ? '' : String(field.value)}
              onChange={(e) => field.onChange(Number(e.target.value))}
              onBlur={field.onBlur}
              aria-labelledby={legendId}
              aria-describedby={helperId}
              aria-required
              aria-invalid={fieldState.error ? true : undefined}
              sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'repeat(3, 1fr)', lg: 'repeat(6, 1fr)' }, gap: 1 }}
            >
              {item.paliers.map((p, i) => {
                const s = SWATCH[p.colour];
                const checked = field.value === p.level;
                return (
                  <FormControlLabel
                    key={p.level}
                    value={String(p.level)}
                    control={<Radio slotProps={{ input: { ref: i === 0 ? field.ref : undefined } }} sx={{ alignSelf: 'flex-start', mt: -0.5 }} />}
                    label={
                      <Box>
                        <Box component="span" sx={{ display: 'block', fontWeight: 700 }}>
                          Palier {p.level}
                        </Box>
                        <Box component="span" sx={{ display: 'block', fontSize: '0.9rem' }}>
                          {p.description}
                        </Box>
                        <Box component="span" sx={{ display: 'block', fontSize: '0.85rem', fontWeight: 600, mt: 0.5 }}>
                          {pointsText(p.points)} · {COLOUR_NAMES[p.colour]}
                        </Box>
                      </Box>
                    }
                    sx={{
                      m: 0,
                      p: 1,
                      alignItems: 'flex-start',
                      border: checked ? 3 : 1,
                      borderColor: checked ? 'primary.main' : s.border,
                      borderRadius: 1,
                      borderLeftWidth: 8,
                      borderLeftStyle: 'solid',
                      borderLeftColor: s.border,
                      backgroundColor: '#ffffff',
                      position: 'relative',
                      '&::before':
                        p.colour === 'aucune'
                          ? undefined
                          : { content: '""', position: 'absolute', left: -8, top: 0, bottom: 0, width: 8, background: `${s.pattern}, ${s.bg}` },
                    }}
                  />
                );
              })}
            </RadioGroup>
          </FormControl>
        )}
      />
      <Controller
        control={control}
        name={`comments.${item.key}`}
        render={({ field, fieldState }) => (
          <TextField
            label={`Commentaire sur l’item ${item.number} (facultatif)`}
            name={field.name}
            value={field.value ?? ''}
            onChange={field.onChange}
            onBlur={field.onBlur}
            inputRef={field.ref}
            error={!!fieldState.error}
            helperText={fieldState.error?.message ?? '1 000 caractères au plus'}
            multiline
            minRows={1}
            maxRows={4}
            sx={{ mt: 1.5 }}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        )}
      />
    </Box>
  );
}
