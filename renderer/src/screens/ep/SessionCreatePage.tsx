import { useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { Controller, useForm, type Control } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import TextField from '@mui/material/TextField';
import { epSessionCreateInputSchema } from '../../../../shared/api/ep';
import { toApiError, useApi } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { DateField } from '../../kit/DateField';
import { TextInput } from '../../kit/fields';
import { applyApiFieldErrors } from '../../kit/formErrors';
import { LeaveGuard } from '../../kit/LeaveGuard';
import { Page } from '../../kit/Page';
import { requiredLabelProps } from '../../kit/requiredLabel';
import { useFormDraft } from '../../kit/useFormDraft';
import { Section, validateWith } from './common';
import { epPaths } from '../../kit/paths';
import { formatDateTime } from '../../../../shared/domain/format';

export interface SessionForm {
  date: string;
  place: string;
  startTime: string;
  casesPerSlot: string;
  slotMinutes: string;
  lunch: boolean;
  lunchStart: string;
  lunchEnd: string;
}

export const EMPTY_SESSION_FORM: SessionForm = {
  date: '',
  place: '',
  startTime: '09:00',
  casesPerSlot: '2',
  slotMinutes: '30',
  lunch: true,
  lunchStart: '12:00',
  lunchEnd: '13:30',
};

const toNumber = (s: string): number | string => (s.trim() === '' ? s : Number(s));

/** The form's values → the API input (the zod schema of the contract checks it). */
export function sessionInputOf(v: SessionForm) {
  return {
    date: v.date,
    place: v.place,
    startTime: v.startTime,
    casesPerSlot: toNumber(v.casesPerSlot),
    slotMinutes: toNumber(v.slotMinutes),
    lunchStart: v.lunch ? v.lunchStart : null,
    lunchEnd: v.lunch ? v.lunchEnd : null,
  };
}

export const DRAFT_KEY = 'ep:seance:nouvelle';

/** A new session: date, place, start time and the time-slot settings. */
export function SessionCreatePage() {
  const api = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const [error, setError2] = useState<string>();
  const allowLeave = useRef(false);
  const form = useForm<SessionForm>({ defaultValues: EMPTY_SESSION_FORM });
  const draft = useFormDraft({ key: DRAFT_KEY, form, baseline: EMPTY_SESSION_FORM });

  const submit = form.handleSubmit(async (values) => {
    const parsed = validateWith(epSessionCreateInputSchema, sessionInputOf(values), form.setError);
    if (!parsed) return;
    try {
      const session = await api.call('ep.sessions.create', parsed);
      await draft.markSaved();
      allowLeave.current = true;
      notify('Séance créée.');
      void navigate(epPaths.session(session.id));
    } catch (e) {
      const err = toApiError(e);
      if (applyApiFieldErrors(form.setError, err).length === 0) setError2(err.message);
    }
  });

  return (
    <Page
      title="Nouvelle séance de l’équipe pluridisciplinaire"
      breadcrumbs={[{ label: 'Équipes pluridisciplinaires', to: epPaths.home }, { label: 'Nouvelle séance' }]}
    >
      <LeaveGuard when={form.formState.isDirty && !allowLeave.current} message="La séance n’est pas créée : vos saisies restent dans le brouillon." allowRef={allowLeave} />
      {draft.found ? (
        <Alert
          severity="info"
          sx={{ mb: 2 }}
          action={
            <>
              <Button color="inherit" onClick={() => form.reset({ ...EMPTY_SESSION_FORM, ...(draft.take() as Partial<SessionForm>) }, { keepDefaultValues: true })}>
                Reprendre
              </Button>
              <Button color="inherit" onClick={() => void draft.discard()}>
                Abandonner
              </Button>
            </>
          }
        >
          Un brouillon du {formatDateTime(draft.found.updatedAt)} a été retrouvé.
        </Alert>
      ) : null}
      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {error}
        </Alert>
      ) : null}
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <SessionFields control={form.control} />
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            Créer la séance
          </Button>
          <Button component={RouterLink} to={epPaths.home}>
            Annuler
          </Button>
        </Box>
      </Box>
    </Page>
  );
}

function TimeInput({ control, name, label, required, disabled }: { control: Control<SessionForm>; name: 'startTime' | 'lunchStart' | 'lunchEnd'; label: string; required?: boolean; disabled?: boolean }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <TextField
          type="time"
          label={label}
          name={field.name}
          value={field.value}
          onChange={field.onChange}
          onBlur={field.onBlur}
          inputRef={field.ref}
          disabled={disabled}
          required={required}
          error={!!fieldState.error}
          helperText={fieldState.error?.message ?? 'hh:mm'}
          fullWidth
          slotProps={{ inputLabel: { shrink: true, ...requiredLabelProps(required) } }}
        />
      )}
    />
  );
}

/** Date, place and time-slot settings (creation and change before the convocations). */
export function SessionFields({ control }: { control: Control<SessionForm> }) {
  return (
    <>
      <Section id="ep-session-when" title="Date et lieu">
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 4 }}>
            <DateField control={control} name="date" label="Date de la séance" required />
          </Grid>
          <Grid size={{ xs: 12, sm: 5 }}>
            <TextInput control={control} name="place" label="Lieu" required fullWidth />
          </Grid>
          <Grid size={{ xs: 12, sm: 3 }}>
            <TimeInput control={control} name="startTime" label="Heure de début" required />
          </Grid>
        </Grid>
      </Section>
      <Section id="ep-session-slots" title="Horaires de passage">
        <Grid container spacing={2}>
          <Grid size={{ xs: 12, sm: 4 }}>
            <TextInput control={control} name="casesPerSlot" label="Dossiers par créneau" type="number" required fullWidth slotProps={{ htmlInput: { min: 1, max: 20 } }} />
          </Grid>
          <Grid size={{ xs: 12, sm: 4 }}>
            <TextInput control={control} name="slotMinutes" label="Durée d’un créneau (minutes)" type="number" required fullWidth slotProps={{ htmlInput: { min: 5, max: 240, step: 5 } }} />
          </Grid>
          <Grid size={12}>
            <Controller
              control={control}
              name="lunch"
              render={({ field }) => (
                <FormControlLabel control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} slotProps={{ input: { ref: field.ref } }} />} label="Pause déjeuner" />
              )}
            />
          </Grid>
          <LunchFields control={control} />
        </Grid>
      </Section>
    </>
  );
}

function LunchFields({ control }: { control: Control<SessionForm> }) {
  return (
    <Controller
      control={control}
      name="lunch"
      render={({ field }) => (
        <>
          <Grid size={{ xs: 12, sm: 4 }}>
            <TimeInput control={control} name="lunchStart" label="Début de la pause" disabled={!field.value} />
          </Grid>
          <Grid size={{ xs: 12, sm: 4 }}>
            <TimeInput control={control} name="lunchEnd" label="Fin de la pause" disabled={!field.value} />
          </Grid>
        </>
      )}
    />
  );
}
