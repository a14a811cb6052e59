import { useEffect, useId, useState, type ReactNode } from 'react';
import { Link as RouterLink, useParams } from 'react-router';
import type { FieldPath, FieldValues, UseFormSetError } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Breadcrumbs from '@mui/material/Breadcrumbs';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import { format } from 'date-fns';
import type { ApiClient } from '../../../../shared/api/client';
import type { Dossier } from '../../../../shared/api/dossier';
import type { ApiError } from '../../../../shared/api/errors';
import type { InterviewSummary } from '../../../../shared/api/interview';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { displayPersonName } from '../../app/format';
import { Page } from '../../components/Page';
import type { FormDraft } from '../../components/useFormDraft';
import { interviewPaths } from './paths';

/** The `:personId` of the route, or null when it is not a positive whole number. */
export function usePersonIdParam(): number | null {
  const params = useParams();
  const id = Number(params.personId);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** Loading line, announced politely. */
export function Loading({ children }: { children: ReactNode }) {
  return (
    <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center', my: 2 }}>
      <CircularProgress size={24} aria-hidden />
      {children}
    </Box>
  );
}

/** A failed read, with a button to try again. */
export function LoadError({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <Alert
      severity="error"
      role="alert"
      sx={{ my: 2 }}
      action={
        onRetry ? (
          <Button color="inherit" onClick={onRetry}>
            Réessayer
          </Button>
        ) : undefined
      }
    >
      {error.message}
    </Alert>
  );
}

/** Link back to the dossier, shown above the h1 of every screen of a person. */
export function DossierCrumbs({ personId, name, current }: { personId: number; name: string; current: string }) {
  return (
    <Breadcrumbs aria-label="Fil d’Ariane" sx={{ mb: 1 }}>
      <Link component={RouterLink} to="/beneficiaires">
        Bénéficiaires
      </Link>
      <Link component={RouterLink} to={interviewPaths.dossier(personId)}>
        {name}
      </Link>
      <Typography color="text.primary" aria-current="page">
        {current}
      </Typography>
    </Breadcrumbs>
  );
}

export interface PersonScreenProps {
  /** Title of the screen; the person's name is added after it ("DSP de NOM Prénom"). */
  title: string;
  /** Short name of the screen in the breadcrumbs. */
  crumb: string;
  children: (ctx: { personId: number; dossier: Dossier; name: string }) => ReactNode;
}

/**
 * Loads the dossier of the route's person (its name heads the screen), then renders the screen. An
 * unknown person or a dossier the user may not see shows the API's French message.
 */
export function PersonScreen({ title, crumb, children }: PersonScreenProps) {
  const personId = usePersonIdParam();
  const dossier = useApiQuery('dossiers.get', { personId: personId ?? 0 }, { enabled: personId !== null });
  if (personId === null) {
    return (
      <Page title={title}>
        <Alert severity="error">Ce dossier n’existe pas.</Alert>
      </Page>
    );
  }
  if (!dossier.data) {
    return (
      <Page title={title}>
        {dossier.error ? <LoadError error={dossier.error} onRetry={dossier.reload} /> : <Loading>Chargement du dossier…</Loading>}
      </Page>
    );
  }
  const name = displayPersonName(dossier.data.person);
  return (
    <>
      <Box sx={{ maxWidth: 1200, mx: 'auto', px: { xs: 2, md: 4 }, pt: 2, mb: -2 }}>
        <DossierCrumbs personId={personId} name={name} current={crumb} />
      </Box>
      {children({ personId, dossier: dossier.data, name })}
    </>
  );
}

/** « Un brouillon du … a été retrouvé » with Reprendre / Abandonner. */
export function DraftOffer({ draft, onRestore }: { draft: FormDraft; onRestore: () => void }) {
  if (!draft.found) return null;
  return (
    <Alert
      severity="info"
      role="status"
      sx={{ mb: 2 }}
      action={
        <Stack direction="row" spacing={1}>
          <Button color="inherit" variant="outlined" size="small" onClick={onRestore}>
            Reprendre
          </Button>
          <Button color="inherit" size="small" onClick={() => void draft.discard()}>
            Abandonner
          </Button>
        </Stack>
      }
    >
      {draftFoundText(draft.found.updatedAt)}
    </Alert>
  );
}

export function draftFoundText(updatedAt: string): string {
  const at = new Date(updatedAt);
  if (Number.isNaN(at.getTime())) return 'Un brouillon de ce formulaire a été retrouvé.';
  return `Un brouillon du ${format(at, 'dd/MM/yyyy')} à ${format(at, 'HH:mm')} a été retrouvé.`;
}

/** "Brouillon enregistré à HH:MM" under the form's buttons. */
export function DraftStatus({ draft }: { draft: FormDraft }) {
  return (
    <Typography color={draft.saveFailed ? 'error' : 'text.secondary'} variant="body2" data-testid="draft-status">
      {draft.saveFailed ? 'Le brouillon n’a pas pu être enregistré.' : draft.savedAt ? `Brouillon enregistré à ${format(draft.savedAt, 'HH:mm')}` : ''}
    </Typography>
  );
}

/**
 * Puts the API's `fieldErrors` on the form's fields. `mapPath` turns an API path into a form path (or null:
 * not a field of the form, e.g. `_` or `personId`). Focus goes to the first field. Returns the form paths set.
 */
export function applyFieldErrors<T extends FieldValues>(
  setError: UseFormSetError<T>,
  error: ApiError,
  mapPath: (path: string) => string | null = (p) => (p === '_' || p === 'personId' ? null : p),
): string[] {
  const set: string[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors ?? {})) {
    const target = mapPath(path);
    if (target === null) continue;
    setError(target as FieldPath<T>, { type: 'server', message }, { shouldFocus: set.length === 0 });
    set.push(target);
  }
  return set;
}

// --- interview.summary, shared by the three dossier sections ----------------------------------------------

const SUMMARY_REUSE_MS = 1500;
const summaryCache = new WeakMap<ApiClient, Map<number, { at: number; promise: Promise<InterviewSummary> }>>();

/** One `interview.summary` call serves the DSP, EDE and orientation sections shown together on the dossier. */
function fetchSummary(client: ApiClient, personId: number, fresh: boolean): Promise<InterviewSummary> {
  let byPerson = summaryCache.get(client);
  if (!byPerson) {
    byPerson = new Map();
    summaryCache.set(client, byPerson);
  }
  const hit = byPerson.get(personId);
  if (!fresh && hit && Date.now() - hit.at < SUMMARY_REUSE_MS) return hit.promise;
  const promise = client.call('interview.summary', { personId });
  byPerson.set(personId, { at: Date.now(), promise });
  promise.catch(() => byPerson.delete(personId));
  return promise;
}

export function useInterviewSummary(personId: number): {
  data: InterviewSummary | undefined;
  error: ApiError | undefined;
  reload: () => void;
} {
  const client = useApi();
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data: InterviewSummary | undefined; error: ApiError | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let current = true;
    fetchSummary(client, personId, generation > 0).then(
      (data) => current && setState({ data, error: undefined }),
      (e: unknown) => current && setState((s) => ({ ...s, error: toApiError(e) })),
    );
    return () => {
      current = false;
    };
  }, [client, personId, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

/** A term/definition list (dl) laid out in two columns. */
export function Facts({ rows, label }: { rows: readonly (readonly [string, ReactNode])[]; label?: string }) {
  return (
    <Box
      component="dl"
      aria-label={label}
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'max-content 1fr' }, columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ fontWeight: 700 }}>
            {term}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            {value}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

export interface ComparePickerProps {
  /** Accessible name of the form. */
  label: string;
  fromLabel: string;
  toLabel: string;
  options: readonly { id: number; label: string }[];
  from: number | undefined;
  to: number | undefined;
  onCompare: (from: number, to: number) => void;
}

/** Two native selects and « Comparer »: picks the two records (revisions, assessments) to compare. */
export function ComparePicker({ label, fromLabel, toLabel, options, from, to, onCompare }: ComparePickerProps) {
  const [a, setA] = useState(String(from ?? ''));
  const [b, setB] = useState(String(to ?? ''));
  const [error, setError] = useState<string>();
  const errorId = useId();
  useEffect(() => {
    if (from !== undefined) setA(String(from));
    if (to !== undefined) setB(String(to));
  }, [from, to]);
  const items = options.map((o) => (
    <option key={o.id} value={o.id}>
      {o.label}
    </option>
  ));
  const describedBy = { 'aria-describedby': error ? errorId : undefined };
  return (
    <Box
      component="form"
      aria-label={label}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (a === b) {
          setError('Choisissez deux éléments différents à comparer.');
          return;
        }
        setError(undefined);
        onCompare(Number(a), Number(b));
      }}
      sx={{ mb: 3 }}
    >
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
        <TextField
          select
          label={fromLabel}
          value={a}
          onChange={(e) => setA(e.target.value)}
          error={!!error}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: describedBy }}
          sx={{ maxWidth: 380 }}
        >
          {items}
        </TextField>
        <TextField
          select
          label={toLabel}
          value={b}
          onChange={(e) => setB(e.target.value)}
          error={!!error}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: describedBy }}
          sx={{ maxWidth: 380 }}
        >
          {items}
        </TextField>
        <Button type="submit" variant="outlined" startIcon={<CompareArrowsIcon />} sx={{ mt: { md: 1 } }}>
          Comparer
        </Button>
      </Stack>
      {error ? (
        <Typography id={errorId} color="error" role="alert" sx={{ mt: 1 }}>
          {error}
        </Typography>
      ) : null}
    </Box>
  );
}

/** The step number drawn by the Stepper is decoration: each step button is named by its label alone. */
export const STEP_ICON_HIDDEN = { 'aria-hidden': true } as const;
