/**
 * Several people on the same record (issue 14 §4): a save based on a version someone else has replaced since is
 * refused (CONFLICT, « Modifié par Prénom Nom à HH:MM »). The form keeps the user's input; `useConflict` re-reads
 * the record and `ConflictNotice` shows the message and the fields whose saved value differs from the input
 * (label, « Votre saisie », « Version enregistrée »), with two ways on: « Reprendre la version enregistrée » (the
 * form is reset to it) or « Garder mes saisies » (the input stays and the form takes the new version number, so
 * the next save overwrites knowingly).
 */
import { useCallback, useRef, useState } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { ApiError } from '../../../shared/api/errors';
import { formatDate } from '../../../shared/domain/format';
import { toApiError } from '../api/ApiContext';

/** A record as dotted paths → the text shown (« 3 rue des Lilas », « Oui », « 12/03/2026 »; empty: ''). */
export type FlatRecord = Record<string, string>;

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Oui' : 'Non';
  if (typeof value === 'string') return ISO_DAY.test(value) ? formatDate(value) : value.trim();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** Form values → a flat record: nested objects and arrays of objects by dotted path, lists of values joined. */
export function flattenValues(value: unknown, prefix = '', out: FlatRecord = {}): FlatRecord {
  if (Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) {
    value.forEach((item, i) => flattenValues(item, prefix ? `${prefix}.${i}` : String(i), out));
  } else if (Array.isArray(value)) {
    out[prefix] = value.map(shown).filter(Boolean).join(', ');
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) flattenValues(v, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out[prefix] = shown(value);
  }
  return out;
}

/** Labels by path without the array indexes ('pap.actions.actionCode'), as in shared/api/labels.ts. */
export type ConflictLabels = Readonly<Record<string, string>>;

/** « Action (ligne 2) »: the label of the path, else of its nearest labelled parent; null when none (not shown). */
export function conflictLabel(path: string, labels: ConflictLabels): string | null {
  const parts = path.split('.');
  const indexes = parts.filter((p) => /^\d+$/.test(p)).map((p) => Number(p) + 1);
  const names = parts.filter((p) => !/^\d+$/.test(p));
  for (let n = names.length; n > 0; n--) {
    const label = labels[names.slice(0, n).join('.')];
    if (label) return indexes.length > 0 ? `${label} (ligne ${indexes.join('.')})` : label;
  }
  return null;
}

export interface ConflictDifference {
  path: string;
  label: string;
  mine: string;
  saved: string;
}

/** The labelled fields whose saved value differs from the input (several paths under one label are merged). */
export function conflictDifferences(mine: FlatRecord, saved: FlatRecord, labels: ConflictLabels): ConflictDifference[] {
  const byLabel = new Map<string, ConflictDifference>();
  for (const path of new Set([...Object.keys(mine), ...Object.keys(saved)])) {
    const a = mine[path] ?? '';
    const b = saved[path] ?? '';
    const label = conflictLabel(path, labels);
    if (a === b || label === null) continue;
    const known = byLabel.get(label);
    if (known) {
      known.mine = [known.mine, a].filter(Boolean).join(' ; ');
      known.saved = [known.saved, b].filter(Boolean).join(' ; ');
    } else {
      byLabel.set(label, { path, label, mine: a, saved: b });
    }
  }
  return [...byLabel.values()];
}

export interface ConflictNoticeProps {
  /** The API's message (« Ce contrat a été modifié entre-temps. Modifié par … à 14:05. Vos saisies … »). */
  message: string;
  /** The user's input and the saved version, flat; `saved` null while it is being read again. */
  mine: FlatRecord;
  saved: FlatRecord | null;
  labels: ConflictLabels;
  /** Why the saved version could not be read again, if so. */
  loadError?: string | undefined;
  onTake: () => void;
  onKeep: () => void;
  /** The label of the button resetting the form to the saved version. */
  takeLabel?: string;
}

const EMPTY = '(vide)';

/** The conflict, announced at once (role="alert"), with the differences and the two ways on. */
export function ConflictNotice({ message, mine, saved, labels, loadError, onTake, onKeep, takeLabel = 'Reprendre la version enregistrée' }: ConflictNoticeProps) {
  const differences = saved ? conflictDifferences(mine, saved, labels) : [];
  return (
    <Alert severity="warning" role="alert" sx={{ mb: 2 }}>
      <AlertTitle>Enregistrement refusé : modifié entre-temps par quelqu’un d’autre</AlertTitle>
      <Typography variant="body2">{message}</Typography>
      {loadError ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          La version enregistrée n’a pas pu être relue : {loadError}
        </Typography>
      ) : saved === null ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          Lecture de la version enregistrée…
        </Typography>
      ) : differences.length === 0 ? (
        <Typography variant="body2" sx={{ mt: 1 }}>
          La version enregistrée ne diffère pas de votre saisie sur les champs de ce formulaire.
        </Typography>
      ) : (
        <Table size="small" aria-label="Différences avec la version enregistrée" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">
                Champ
              </TableCell>
              <TableCell component="th" scope="col">
                Votre saisie
              </TableCell>
              <TableCell component="th" scope="col">
                Version enregistrée
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {differences.map((d) => (
              <TableRow key={d.path}>
                <TableCell component="th" scope="row">
                  {d.label}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{d.mine || EMPTY}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{d.saved || EMPTY}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
        <Button variant="outlined" color="inherit" onClick={onTake} disabled={saved === null}>
          {takeLabel}
        </Button>
        <Button variant="contained" color="warning" onClick={onKeep} disabled={saved === null}>
          Garder mes saisies
        </Button>
      </Stack>
    </Alert>
  );
}

export interface UseConflictOptions<R, V> {
  /** The version the form started from (the record's, as loaded). */
  version: number | undefined;
  /** Reads the record again. */
  load: () => Promise<R>;
  /** The form's values of a record, and its version. */
  valuesOf: (record: R) => V;
  versionOf: (record: R) => number;
  /** « Reprendre la version enregistrée »: reset the form to these values. */
  onTake: (values: V, record: R) => void;
  /** « Garder mes saisies »: the input stays; the record read again, if the screen shows more of it. */
  onKeep?: (record: R) => void;
}

export interface UseConflict<V> {
  /** The version to send with the next save (the new one once « Garder mes saisies » was chosen). */
  version: number | undefined;
  /** On a CONFLICT error: shows the notice, reads the record again; returns false for any other error. */
  detect: (error: ApiError, mine: V) => boolean;
  /** The notice's props (without the labels), or null when there is no conflict. */
  notice: Omit<ConflictNoticeProps, 'labels' | 'takeLabel'> | null;
}

interface Shown<R> {
  message: string;
  mine: FlatRecord;
  record: R | null;
  saved: FlatRecord | null;
  loadError?: string;
}

/** The conflict of one form: the notice's state, the record read again, the version to save with next. */
export function useConflict<R, V>({ version, load, valuesOf, versionOf, onTake, onKeep }: UseConflictOptions<R, V>): UseConflict<V> {
  const [shown, setShown] = useState<Shown<R> | null>(null);
  // « Garder mes saisies » on a form started from `from`: save with `to` (until the form's record changes).
  const [kept, setKept] = useState<{ from: number | undefined; to: number } | null>(null);
  const latest = useRef({ load, valuesOf });
  latest.current = { load, valuesOf };

  const detect = useCallback((error: ApiError, mine: V): boolean => {
    if (error.code !== 'CONFLICT') return false;
    const base = { message: error.message, mine: flattenValues(mine) };
    setShown({ ...base, record: null, saved: null });
    latest.current.load().then(
      (record) => setShown({ ...base, record, saved: flattenValues(latest.current.valuesOf(record)) }),
      (e: unknown) => setShown({ ...base, record: null, saved: null, loadError: toApiError(e).message }),
    );
    return true;
  }, []);

  const record = shown?.record ?? null;
  const notice =
    shown === null
      ? null
      : {
          message: shown.message,
          mine: shown.mine,
          saved: shown.saved,
          loadError: shown.loadError,
          onTake: () => {
            if (record === null) return;
            setKept({ from: version, to: versionOf(record) });
            setShown(null);
            onTake(valuesOf(record), record);
          },
          onKeep: () => {
            if (record === null) return;
            setKept({ from: version, to: versionOf(record) });
            setShown(null);
            onKeep?.(record);
          },
        };
  return { version: kept && kept.from === version ? kept.to : version, detect, notice };
}
