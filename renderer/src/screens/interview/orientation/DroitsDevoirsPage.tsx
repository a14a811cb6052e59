import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { droitsDevoirsSaveInputSchema, INTERVIEW_FIELD_LABELS, type DroitsDevoirs } from '../../../../../shared/api/interview';
import { evaluateDroitsDevoirs, PERSON_ROLE_LABELS, type PersonRole } from '../../../../../shared/domain/rules/droits-devoirs';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { toIsoDate } from '../../../kit/format';
import { useNotify } from '../../../kit/notifications';
import { useCan } from '../../../kit/permissions';
import { LeaveGuard } from '../../../kit/LeaveGuard';
import { Page } from '../../../kit/Page';
import { DateField } from '../../../kit/DateField';
import { RadioInput, TextInput } from '../../../kit/fields';
import { ErrorSummary, flattenFieldErrors, applyFieldErrors } from '../../../kit/formErrors';
import { useFormDraft } from '../../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../../kit/DraftOffer';
import { LoadError, Loading } from '../../../kit/status';
import { PersonScreen } from '../common';
import { interviewPaths } from '../../../kit/paths';
import { DroitsDevoirsView } from './OrientationSection';

type SaveOutput = z.output<typeof droitsDevoirsSaveInputSchema>;

export interface DroitsFormValues {
  householdResources: string;
  resourcesDate: string;
  persons: { personId: number; hasProfessionalActivity: '' | 'oui' | 'non'; monthlyProfessionalIncome: string }[];
}

export const droitsDraftKey = (personId: number) => `droits-devoirs:${personId}`;

/** « 1 234,56 » / « 1234.56 » → 1234.56; '' → undefined (the schema asks for an amount); other text → NaN. */
export function parseEuros(text: string): number | undefined {
  const t = text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.');
  if (t === '') return undefined;
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

const amountText = (n: number) => String(n).replace('.', ',');

export function saveInputFromForm(personId: number, values: DroitsFormValues) {
  return {
    personId,
    householdResources: parseEuros(values.householdResources),
    resourcesDate: values.resourcesDate,
    persons: values.persons.map((p) => ({
      personId: p.personId,
      hasProfessionalActivity: p.hasProfessionalActivity === '' ? undefined : p.hasProfessionalActivity === 'oui',
      // Without activity the income is 0 € whatever is left in the field.
      monthlyProfessionalIncome: p.hasProfessionalActivity === 'non' ? 0 : parseEuros(p.monthlyProfessionalIncome),
    })),
  };
}

function valuesFrom(data: DroitsDevoirs, today: string): DroitsFormValues {
  return {
    householdResources: data.foyer ? amountText(data.foyer.householdResources) : '',
    resourcesDate: data.foyer?.resourcesDate ?? today,
    persons: data.persons.map((p) => ({
      personId: p.personId,
      hasProfessionalActivity: p.income ? (p.income.hasProfessionalActivity ? 'oui' : 'non') : '',
      monthlyProfessionalIncome: p.income && p.income.hasProfessionalActivity ? amountText(p.income.monthlyProfessionalIncome) : '',
    })),
  };
}

const YES_NO = [
  { value: 'oui', label: 'Oui' },
  { value: 'non', label: 'Non' },
];

/** Route element: `#/beneficiaires/:personId/droits-devoirs`. */
export function DroitsDevoirsPage() {
  return (
    <PersonScreen title="Droits et devoirs" crumb="Droits et devoirs">
      {({ personId, name }) => <DroitsLoader personId={personId} name={name} />}
    </PersonScreen>
  );
}

function DroitsLoader({ personId, name }: { personId: number; name: string }) {
  const canWrite = useCan('droitsDevoirs.save');
  const query = useApiQuery('droitsDevoirs.get', { personId });
  const title = `Droits et devoirs de ${name}`;
  if (!query.data) {
    return <Page title={title}>{query.error ? <LoadError error={query.error} onRetry={query.reload} /> : <Loading>Chargement…</Loading>}</Page>;
  }
  if (!canWrite) {
    return (
      <Page title={title}>
        <DroitsDevoirsView data={query.data} />
      </Page>
    );
  }
  return <DroitsForm personId={personId} title={title} data={query.data} />;
}

export function DroitsForm({ personId, title, data }: { personId: number; title: string; data: DroitsDevoirs }) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const base = useMemo(() => valuesFrom(data, toIsoDate(new Date())), [data]);
  const resolver = useMemo<Resolver<DroitsFormValues, unknown, SaveOutput>>(() => {
    const zod = zodResolver(droitsDevoirsSaveInputSchema);
    return (values, ctx, options) => zod(saveInputFromForm(personId, values) as never, ctx, options as never) as never;
  }, [personId]);
  const form = useForm<DroitsFormValues, unknown, SaveOutput>({ resolver, defaultValues: base });
  const draft = useFormDraft({ key: droitsDraftKey(personId), form, baseline: base });
  const [serverError, setServerError] = useState<string>();
  const allowLeave = useRef(false);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;
  const values = useWatch({ control: form.control }) as DroitsFormValues;

  const onSubmit = form.handleSubmit(async (input) => {
    setServerError(undefined);
    try {
      await client.call('droitsDevoirs.save', input);
      await draft.markSaved();
      allowLeave.current = true;
      notify('Les ressources et les revenus sont enregistrés.');
      void navigate(interviewPaths.dossier(personId));
    } catch (e) {
      const error = toApiError(e);
      applyFieldErrors(form.setError, error);
      setServerError(error.message);
    }
  });

  const preview = livePreview(data, values);

  return (
    <Page
      title={title}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          L’accompagnement est obligatoire quand les ressources du foyer sont inférieures au montant forfaitaire et que la personne n’a pas
          d’activité professionnelle ou en tire moins de 500 € nets par mois. Chaque personne du foyer est évaluée séparément.
        </Typography>
      }
    >
      <DraftOffer
        draft={draft}
        onRestore={() => {
          const d = draft.take() as Partial<DroitsFormValues> | null;
          form.reset({ ...base, ...(d && typeof d === 'object' ? d : {}), persons: base.persons.map((p, i) => ({ ...p, ...(d?.persons?.[i] ?? {}), personId: p.personId })) }, { keepDefaultValues: true });
        }}
      />
      {submitCount > 0 || serverError ? (
        <ErrorSummary
          message={serverError}
          errors={flattenFieldErrors(errors)}
          labelOf={(p) => INTERVIEW_FIELD_LABELS[p.replace(/\.\d+\./, '.')]}
          onSelect={(p) => form.setFocus(p as 'householdResources')}
        />
      ) : null}
      <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title}>
        <Paper variant="outlined" component="section" aria-labelledby="dd-foyer" sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
          <Typography variant="h2" id="dd-foyer" sx={{ mb: 2 }}>
            Ressources du foyer
          </Typography>
          <Grid container spacing={2.5}>
            <Grid size={{ xs: 12, sm: 6 }}>
              <TextInput
                control={form.control}
                name="householdResources"
                label="Ressources mensuelles du foyer"
                required
                hint="En euros, par mois : allocataire et ayants droit (par exemple 450,00)"
                slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6 }}>
              <DateField control={form.control} name="resourcesDate" label="Ressources connues au" required disableFuture />
            </Grid>
          </Grid>
        </Paper>
        {data.persons.map((p, i) => (
          <Paper key={p.personId} variant="outlined" component="section" aria-labelledby={`dd-person-${i}`} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
            <Typography variant="h2" id={`dd-person-${i}`} sx={{ mb: 2 }}>
              {PERSON_ROLE_LABELS[p.role]} : {p.name}
            </Typography>
            <Grid container spacing={2.5}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <RadioInput
                  control={form.control}
                  name={`persons.${i}.hasProfessionalActivity`}
                  label={`Activité professionnelle de ${p.name}`}
                  options={YES_NO}
                  required
                />
              </Grid>
              {values.persons?.[i]?.hasProfessionalActivity === 'oui' ? (
                <Grid size={{ xs: 12, sm: 6 }}>
                  <TextInput
                    control={form.control}
                    name={`persons.${i}.monthlyProfessionalIncome`}
                    label={`Revenus professionnels nets mensuels de ${p.name}`}
                    required
                    hint="En euros, par mois"
                    slotProps={{ htmlInput: { inputMode: 'decimal', autoComplete: 'off' } }}
                  />
                </Grid>
              ) : null}
            </Grid>
          </Paper>
        ))}
        <Alert severity="info" icon={false} role="status" aria-live="polite" data-testid="droits-preview">
          {preview.length > 0 ? (
            <Stack spacing={0.5}>
              {preview.map((line) => (
                <span key={line}>{line}</span>
              ))}
            </Stack>
          ) : (
            'Le statut s’affiche quand les ressources et la situation de chaque personne sont renseignées.'
          )}
        </Alert>
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
          <Button type="submit" variant="contained" size="large" disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : 'Enregistrer'}
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
        message="Les ressources ne sont pas enregistrées. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Page>
  );
}

/** The status the values would give today (shared rule `evaluateDroitsDevoirs`), one line per person. */
export function livePreview(data: DroitsDevoirs, values: DroitsFormValues): string[] {
  if (data.montantForfaitaire === null) return [];
  const input = saveInputFromForm(data.persons[0]?.personId ?? 1, values);
  const parsed = droitsDevoirsSaveInputSchema.safeParse(input);
  if (!parsed.success) return [];
  const roles = new Map<number, PersonRole>(data.persons.map((p) => [p.personId, p.role]));
  const result = evaluateDroitsDevoirs({
    date: data.date,
    householdResources: parsed.data.householdResources,
    montantForfaitaire: data.montantForfaitaire,
    persons: parsed.data.persons.map((p) => ({
      role: roles.get(p.personId) ?? 'allocataire',
      hasProfessionalActivity: p.hasProfessionalActivity,
      monthlyProfessionalIncome: p.monthlyProfessionalIncome,
    })),
  });
  return result.ok ? result.decisions.map((d) => d.explanation) : [];
}
