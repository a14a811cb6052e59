import { useEffect, useId, useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import type { ApiClient } from '../../../../shared/api/client';
import type { Dossier } from '../../../../shared/api/dossier';
import type { ApiError } from '../../../../shared/api/errors';
import type { InterviewSummary } from '../../../../shared/api/interview';
import { toApiError, useApi, useApiQuery, useDataVersion } from '../../api/ApiContext';
import { Page, PageCrumbsContext, type Crumb } from '../../kit/Page';
import { usePersonIdParam } from '../../kit/routeParams';
import { LoadError, Loading } from '../../kit/status';
import { interviewPaths } from '../../kit/paths';
import { personName } from '../../../../shared/domain/format';

/** The trail back to the dossier, shown by the Page of every screen of a person (above its h1, as on every page). */
export const dossierCrumbs = (personId: number, name: string, current: string): Crumb[] => [
  { label: 'Bénéficiaires', to: '/beneficiaires' },
  { label: name, to: interviewPaths.dossier(personId) },
  { label: current },
];

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
  const name = personName(dossier.data.person);
  return (
    <PageCrumbsContext.Provider value={dossierCrumbs(personId, name, crumb)}>{children({ personId, dossier: dossier.data, name })}</PageCrumbsContext.Provider>
  );
}

// --- interview.summary, shared by the three dossier sections ----------------------------------------------

const summaryCache = new WeakMap<ApiClient, Map<number, { version: number; promise: Promise<InterviewSummary> }>>();

/**
 * One `interview.summary` call serves the DSP, EDE and orientation sections shown together on the dossier:
 * they share the call of the same data version while it is under way, never an older answer (the dossier
 * stayed stale after `orientation.decide` when an answer was reused for a while).
 */
function fetchSummary(client: ApiClient, personId: number, version: number, fresh: boolean): Promise<InterviewSummary> {
  let byPerson = summaryCache.get(client);
  if (!byPerson) {
    byPerson = new Map();
    summaryCache.set(client, byPerson);
  }
  const hit = byPerson.get(personId);
  if (!fresh && hit && hit.version === version) return hit.promise;
  const promise = client.call('interview.summary', { personId });
  const entry = { version, promise };
  byPerson.set(personId, entry);
  const forget = () => {
    if (byPerson.get(personId) === entry) byPerson.delete(personId);
  };
  promise.then(forget, forget);
  return promise;
}

export function useInterviewSummary(personId: number): {
  data: InterviewSummary | undefined;
  error: ApiError | undefined;
  reload: () => void;
} {
  const client = useApi();
  const version = useDataVersion();
  const [generation, setGeneration] = useState(0);
  const [state, setState] = useState<{ data: InterviewSummary | undefined; error: ApiError | undefined }>({ data: undefined, error: undefined });
  useEffect(() => {
    let current = true;
    fetchSummary(client, personId, version, generation > 0).then(
      (data) => current && setState({ data, error: undefined }),
      (e: unknown) => current && setState((s) => ({ ...s, error: toApiError(e) })),
    );
    return () => {
      current = false;
    };
  }, [client, personId, version, generation]);
  return { ...state, reload: () => setGeneration((g) => g + 1) };
}

/**
 * A term/definition list (dl) laid out in two columns. The terms take at most 40 % of the width (they wrap
 * beyond): a long term no longer squeezes its value into a narrow column (a card of the dossier page).
 */
export const FACTS_COLUMNS = 'fit-content(40%) minmax(0, 1fr)';

export function Facts({ rows, label }: { rows: readonly (readonly [string, ReactNode])[]; label?: string }) {
  return (
    <Box
      component="dl"
      aria-label={label}
      sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: FACTS_COLUMNS }, columnGap: 2, rowGap: 0.5, m: 0 }}
    >
      {rows.map(([term, value]) => (
        <Box key={term} sx={{ display: 'contents' }}>
          <Box component="dt" sx={{ fontWeight: 700 }}>
            {term}
          </Box>
          <Box component="dd" sx={{ m: 0, minWidth: 0, overflowWrap: 'break-word' }}>
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
