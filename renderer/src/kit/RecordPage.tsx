import { useId, useState, type ComponentType, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { toApiError, useApiQuery } from '../api/ApiContext';
import { ConfirmDialog } from './ConfirmDialog';
import { useNotify } from './notifications';
import { Page } from './Page';
import { paths } from './paths';
import { validId } from './routeParams';
import { Loaded } from './status';

export type ChipColor = 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info';

export interface RecordRoute<M extends MethodName> {
  /** The route parameter holding the record's id, e.g. 'contractId'. */
  param: string;
  /** The read method and its input for that id. */
  method: M;
  input: (id: number) => MethodInput<M>;
  /** Title of the page while loading or failing, e.g. « Contrat ». */
  title: string;
  /** « Chargement {what}… », e.g. « du contrat ». */
  what: string;
}

/** What the page of a record receives: the record as it is now, and the way to replace it after an action. */
export interface RecordProps<T> {
  record: T;
  onChange: (next: T) => void;
}

/**
 * The route element of one record (a contract, a fiche…): the id from the route (an impossible id says
 * `notFound`), then loading, error with « Réessayer », or `Details` — mounted afresh for each record, which it keeps.
 */
export function recordPage<M extends MethodName>(
  route: RecordRoute<M>,
  notFound: { title: string; message: string },
  Details: ComponentType<RecordProps<MethodOutput<M>>>,
) {
  type Record = MethodOutput<M> & { id: number };
  /**
   * Holds the record as the page's actions change it (each action answers with the new version), and takes the record
   * read again after a write — here or on another desk (live updates) — when it is a newer version than the one held.
   */
  function Holder({ initial }: { initial: Record }) {
    const [record, setRecord] = useState<MethodOutput<M>>(initial);
    const [read, setRead] = useState(initial);
    if (read !== initial) {
      setRead(initial);
      if (isNewer(initial, record)) setRecord(initial);
    }
    return <Details record={record} onChange={setRecord} />;
  }

  function RecordPage() {
    const id = validId(useParams()[route.param]);
    const query = useApiQuery(route.method, route.input(id ?? 0), { enabled: id !== null });
    if (id === null) {
      return (
        <Page title={notFound.title}>
          <Alert severity="error">{notFound.message}</Alert>
        </Page>
      );
    }
    return (
      <Loaded title={route.title} error={query.error} loading={!query.data} onRetry={query.reload} what={route.what}>
        {() => {
          const record = query.data as Record;
          return <Holder key={record.id} initial={record} />;
        }}
      </Loaded>
    );
  }
  return RecordPage;
}

/** Whether `a` is a newer version of the same record than `b` (both carry a `version`). */
function isNewer(a: unknown, b: unknown): boolean {
  const version = (r: unknown) => (typeof r === 'object' && r !== null && typeof (r as { version?: unknown }).version === 'number' ? (r as { version: number }).version : undefined);
  const va = version(a);
  const vb = version(b);
  return va !== undefined && vb !== undefined && va > vb;
}

/** Under the h1: the record's état (coloured) and its key facts, as a list of chips. */
export function RecordChips({ label, status, facts }: { label: string; status: { text: string; color: ChipColor }; facts: readonly (string | false | null | undefined)[] }) {
  return (
    <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: 'wrap', alignItems: 'center' }} role="list" aria-label={label}>
      <Chip role="listitem" color={status.color} label={status.text} />
      {facts.filter((f): f is string => !!f).map((f) => (
        <Chip key={f} role="listitem" variant="outlined" label={f} />
      ))}
    </Stack>
  );
}

/** The line of links above a record: its dossier first, then related records (« · » between). */
export function RecordLinks({ links }: { links: readonly ({ to: string; text: string } | false | null | undefined)[] }) {
  const shown = links.filter((l): l is { to: string; text: string } => !!l);
  return (
    <Typography sx={{ mb: 2 }}>
      {shown.map((l, i) => (
        <span key={l.to}>
          {i > 0 ? ' · ' : null}
          <Link component={RouterLink} to={l.to}>
            {l.text}
          </Link>
        </span>
      ))}
    </Typography>
  );
}

/** One part of a record's page: an outlined section named by its h2, with optional controls beside the title. */
export function RecordSection({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const id = useId();
  return (
    <Paper component="section" variant="outlined" aria-labelledby={id} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
      <Stack direction="row" spacing={2} useFlexGap sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap', mb: 2 }}>
        <Typography variant="h2" id={id}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {children}
    </Paper>
  );
}

/** Terms and values (Term) in two columns on wide screens, one on narrow ones. */
export function TermList({ children }: { children: ReactNode }) {
  return (
    <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}>
      {children}
    </Box>
  );
}

export interface DeleteDraftDialogProps {
  open: boolean;
  onClose: () => void;
  /** What is lost, e.g. « La fiche et ses pièces jointes seront supprimées. » */
  children: ReactNode;
  /** The API call that deletes the draft. */
  onDelete: () => Promise<unknown>;
  /** The toast once deleted; the user then goes back to the dossier. */
  deleted: string;
  personId: number;
}

/** « Supprimer ce brouillon ? »: deletes a draft record, says so and goes back to the dossier. */
export function DeleteDraftDialog({ open, onClose, children, onDelete, deleted, personId }: DeleteDraftDialogProps) {
  const navigate = useNavigate();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const remove = async () => {
    setPending(true);
    setError(undefined);
    try {
      await onDelete();
      notify(deleted);
      void navigate(paths.dossier(personId));
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };
  return (
    <ConfirmDialog
      open={open}
      title="Supprimer ce brouillon ?"
      confirmLabel="Supprimer le brouillon"
      danger
      pending={pending}
      error={error}
      onConfirm={() => void remove()}
      onCancel={() => {
        onClose();
        setError(undefined);
      }}
    >
      {children}
    </ConfirmDialog>
  );
}
