import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useForm, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  INTERVIEW_FIELD_LABELS,
  PRECONISATION_BATCH_MAX,
  preconisationMeetingSchema as meetingSchema,
  type AwaitingOrientation,
} from '../../../../../shared/api/interview';
import { EDE_PROPOSAL_LABELS } from '../../../../../shared/domain/rules/ede';
import { ORIENTATION_LABELS, ORIENTATIONS, type Orientation } from '../../../../../shared/domain/rules/orientation';
import { formatDate, plural } from '../../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { DateField } from '../../../kit/DateField';
import { TextInput } from '../../../kit/fields';
import { ErrorSummary, applyFieldErrors, flattenFieldErrors } from '../../../kit/formErrors';
import { toIsoDate } from '../../../kit/format';
import { useNotify } from '../../../kit/notifications';
import { Page } from '../../../kit/Page';
import { interviewPaths } from '../../../kit/paths';
import { useCan } from '../../../kit/permissions';
import { ScrollTable } from '../../../kit/ScrollRegion';
import { LoadError, Loading } from '../../../kit/status';

type MeetingOutput = z.output<typeof meetingSchema>;
interface MeetingValues {
  date: string;
  team: string;
  comment: string;
}
const resolver = zodResolver(meetingSchema) as unknown as Resolver<MeetingValues, unknown, MeetingOutput>;

/** Per dossier: chosen for this meeting, and the préconisation (the EDE's clear proposal by default). */
type Choice = { selected: boolean; preconisation: Orientation | '' };

const edeText = (a: AwaitingOrientation) => (a.ede ? `${a.ede.total} points (${formatDate(a.ede.date)})` : 'Aucune EDE');

/**
 * Route element `#/orientation/equipe`: the équipe d’orientation’s préconisations, recorded for several dossiers at
 * once (one date, team and comment; one préconisation per dossier chosen). Lists the dossiers with no orientation
 * decided yet, those whose EDE lies between the thresholds first.
 */
export function OrientationTeamPage() {
  const canRecord = useCan('orientation.preconisations.record');
  const awaiting = useApiQuery('orientation.awaiting', {}, { enabled: canRecord });
  return (
    <Page title="Équipe d’orientation">
      <Typography sx={{ mb: 2 }}>
        « Les bénéficiaires sont orientés par l’équipe d’orientation du territoire via le SLAI » : l’équipe préconise l’orientation en
        s’appuyant sur le diagnostic socioprofessionnel et sur l’échelle de distance à l’emploi. Cochez les dossiers examinés, choisissez la
        préconisation de chacun, puis enregistrez-les ensemble. La décision d’orientation se prend ensuite sur chaque dossier.
      </Typography>
      {!canRecord ? (
        <Alert severity="info">Les préconisations de l’équipe d’orientation sont enregistrées par un correspondant ou un administrateur.</Alert>
      ) : awaiting.error ? (
        <LoadError error={awaiting.error} onRetry={awaiting.reload} />
      ) : awaiting.data ? (
        <TeamForm dossiers={awaiting.data} />
      ) : (
        <Loading>Chargement des dossiers en attente d’orientation…</Loading>
      )}
    </Page>
  );
}

export function TeamForm({ dossiers }: { dossiers: AwaitingOrientation[] }) {
  const client = useApi();
  const notify = useNotify();
  const [withoutEde, setWithoutEde] = useState(false);
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [serverError, setServerError] = useState<string>();
  const form = useForm<MeetingValues, unknown, MeetingOutput>({ resolver, defaultValues: { date: toIsoDate(new Date()), team: '', comment: '' } });
  const { errors, submitCount, isSubmitting } = form.formState;

  const shown = useMemo(() => dossiers.filter((d) => withoutEde || d.ede !== null), [dossiers, withoutEde]);
  const choiceOf = (d: AwaitingOrientation): Choice => choices[d.personId] ?? { selected: false, preconisation: d.proposal ?? '' };
  const setChoice = (d: AwaitingOrientation, change: Partial<Choice>) => {
    setChoices((all) => ({ ...all, [d.personId]: { ...choiceOf(d), ...change } }));
    setRowErrors(({ [d.personId]: _gone, ...rest }) => rest);
  };
  const selected = dossiers.filter((d) => choiceOf(d).selected);

  const onSubmit = form.handleSubmit(async (meeting) => {
    setServerError(undefined);
    const missing: Record<number, string> = {};
    for (const d of selected) if (choiceOf(d).preconisation === '') missing[d.personId] = `${d.name} : choisissez la préconisation.`;
    setRowErrors(missing);
    if (selected.length === 0) return setServerError('Cochez au moins un dossier.');
    if (selected.length > PRECONISATION_BATCH_MAX) return setServerError(`${PRECONISATION_BATCH_MAX} dossiers au plus par enregistrement.`);
    if (Object.keys(missing).length > 0) return setServerError(Object.values(missing).join(' '));
    try {
      const result = await client.call('orientation.preconisations.record', {
        ...meeting,
        items: selected.map((d) => ({ personId: d.personId, preconisation: choiceOf(d).preconisation as Orientation, edeId: d.ede?.id ?? null })),
      });
      notify(`${plural(result.preconisations.length, 'préconisation enregistrée', 'préconisations enregistrées')} : la décision peut être prise sur chaque dossier.`);
      setChoices({});
    } catch (e) {
      const error = toApiError(e);
      applyFieldErrors(form.setError, error);
      const byRow: Record<number, string> = {};
      for (const [path, message] of Object.entries(error.fieldErrors ?? {})) {
        const index = /^items\.(\d+)\./.exec(path)?.[1];
        const d = index === undefined ? undefined : selected[Number(index)];
        if (d) byRow[d.personId] = message;
      }
      setRowErrors(byRow);
      setServerError(error.message);
    }
  });

  return (
    <Paper variant="outlined" component="section" aria-labelledby="eo-title" sx={{ p: { xs: 2, md: 3 } }}>
      <Typography variant="h2" id="eo-title" sx={{ mb: 1 }}>
        Séance de l’équipe d’orientation
      </Typography>
      {submitCount > 0 || serverError ? (
        <ErrorSummary
          message={serverError}
          errors={flattenFieldErrors(errors)}
          labelOf={(p) => INTERVIEW_FIELD_LABELS[p]}
          onSelect={(p) => form.setFocus(p as keyof MeetingValues)}
        />
      ) : null}
      <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="eo-title">
        <Grid container spacing={2.5} sx={{ mb: 2 }}>
          <Grid size={{ xs: 12, sm: 6, md: 4 }}>
            <DateField control={form.control} name="date" label="Date de la séance" required disableFuture />
          </Grid>
          <Grid size={{ xs: 12, sm: 6, md: 8 }}>
            <TextInput control={form.control} name="team" label="Équipe d’orientation" required slotProps={{ htmlInput: { maxLength: 120 } }} />
          </Grid>
          <Grid size={{ xs: 12 }}>
            <TextInput control={form.control} name="comment" label="Commentaire" multiline minRows={2} slotProps={{ htmlInput: { maxLength: 1000 } }} />
          </Grid>
        </Grid>
        <FormControlLabel
          control={<Checkbox checked={withoutEde} onChange={(e) => setWithoutEde(e.target.checked)} />}
          label="Afficher aussi les dossiers sans EDE"
        />
        {shown.length === 0 ? (
          <Typography sx={{ my: 2 }}>Aucun dossier en attente d’orientation{withoutEde ? '' : ' avec une EDE'}.</Typography>
        ) : (
          <ScrollTable label="Dossiers en attente d’orientation" size="small" sx={{ my: 2 }}>
            <TableHead>
              <TableRow>
                <TableCell scope="col">Examiné</TableCell>
                <TableCell scope="col">Bénéficiaire</TableCell>
                <TableCell scope="col">N° CAF</TableCell>
                <TableCell scope="col">EDE</TableCell>
                <TableCell scope="col">Proposition de l’EDE</TableCell>
                <TableCell scope="col">Préconisation en attente</TableCell>
                <TableCell scope="col">Préconisation</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((d) => {
                const choice = choiceOf(d);
                const error = rowErrors[d.personId];
                return (
                  <TableRow key={d.personId} selected={choice.selected}>
                    <TableCell padding="checkbox">
                      <Checkbox
                        checked={choice.selected}
                        onChange={(e) => setChoice(d, { selected: e.target.checked })}
                        slotProps={{ input: { 'aria-label': `Examiner le dossier de ${d.name}` } }}
                      />
                    </TableCell>
                    <TableCell component="th" scope="row">
                      <Link component={RouterLink} to={interviewPaths.orientationDecision(d.personId)}>
                        {d.name}
                      </Link>
                    </TableCell>
                    <TableCell>{d.cafNumber}</TableCell>
                    <TableCell>{edeText(d)}</TableCell>
                    <TableCell>{d.ede ? (d.proposal ? ORIENTATION_LABELS[d.proposal] : EDE_PROPOSAL_LABELS.decision_ep_eo) : '—'}</TableCell>
                    <TableCell>
                      {d.preconisation ? `${ORIENTATION_LABELS[d.preconisation.preconisation]} (${formatDate(d.preconisation.date)})` : '—'}
                    </TableCell>
                    <TableCell sx={{ minWidth: 260 }}>
                      <TextField
                        select
                        size="small"
                        fullWidth
                        label={`Préconisation pour ${d.name}`}
                        value={choice.preconisation}
                        disabled={!choice.selected}
                        required={choice.selected}
                        error={error !== undefined}
                        helperText={error}
                        onChange={(e) => setChoice(d, { preconisation: e.target.value as Orientation | '' })}
                        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
                      >
                        <option value="">— Choisir —</option>
                        {ORIENTATIONS.map((o) => (
                          <option key={o} value={o}>
                            {ORIENTATION_LABELS[o]}
                          </option>
                        ))}
                      </TextField>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </ScrollTable>
        )}
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="submit" variant="contained" size="large" disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : `Enregistrer les préconisations (${selected.length})`}
          </Button>
          <Typography role="status" aria-live="polite">
            {plural(selected.length, 'dossier coché', 'dossiers cochés')}
          </Typography>
        </Stack>
      </Box>
    </Paper>
  );
}
