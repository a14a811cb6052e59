import type { ReactNode } from 'react';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { RECORD_LABELS, type DuplicateDossier, type ImportDuplicate, type RecordCounts } from '../../../../shared/api/merge';
import { formatDate, formatDateTime } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

/** The lines of the side-by-side table, in order. */
const FIELDS = [
  ['name', 'Nom et prénoms'],
  ['dateNaissance', 'Date de naissance'],
  ['cafNumber', 'N° allocataire CAF'],
  ['peNumber', 'Identifiant France Travail'],
  ['city', 'Commune'],
  ['rsaDepuis', 'RSA depuis le'],
  ['referent', 'Référent'],
  ['createdAt', 'Dossier créé le'],
  ['records', 'Enregistrements'],
] as const;
type Field = (typeof FIELDS)[number][0];
export type IdentityValues = Partial<Record<Field, string>>;

/** « Révisions de la DSP : 2 », « Orientations : 1 »…: the kinds with records, in the order of RECORD_LABELS. */
export const recordLines = (counts: RecordCounts): string[] =>
  (Object.keys(RECORD_LABELS) as (keyof RecordCounts)[]).filter((k) => counts[k] > 0).map((k) => `${RECORD_LABELS[k]} : ${counts[k]}`);

/** The record lines joined by « ; », or « Aucun ». */
export function recordsSentence(counts: RecordCounts): string {
  const parts = recordLines(counts);
  return parts.length > 0 ? parts.join(' ; ') : 'Aucun';
}

export const dossierValues = (d: DuplicateDossier): IdentityValues => ({
  name: d.name,
  dateNaissance: formatDate(d.dateNaissance),
  cafNumber: d.cafNumber,
  peNumber: d.peNumber ?? '—',
  city: d.city,
  rsaDepuis: d.rsaDepuis ? formatDate(d.rsaDepuis) : '—',
  referent: d.referentName ?? 'Aucun',
  createdAt: formatDateTime(d.createdAt),
  records: recordsSentence(d.counts),
});

/** A line of an import file, as read (its date as written in the file). */
export const lineValues = (l: ImportDuplicate['lineIdentity']): IdentityValues => ({
  name: `${l.nom} ${l.prenoms}`.trim(),
  dateNaissance: l.dateNaissance,
  cafNumber: l.cafNumber ?? '—',
  peNumber: l.peNumber ?? '—',
  city: l.commune ?? '—',
});

/** Two identities side by side: one column each, one line per field (a field neither has is left out). */
export function IdentityTable({ label, sides }: { label: string; sides: readonly { heading: ReactNode; values: IdentityValues }[] }) {
  const fields = FIELDS.filter(([key]) => sides.some((s) => s.values[key] !== undefined));
  return (
    <ScrollTable label={label} size="small">
      <TableHead>
        <TableRow>
          <TableCell scope="col">Rubrique</TableCell>
          {sides.map((s, i) => (
            <TableCell key={i} scope="col">
              {s.heading}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {fields.map(([key, title]) => (
          <TableRow key={key} sx={{ verticalAlign: 'top' }}>
            <TableCell component="th" scope="row" sx={{ fontWeight: 'bold', whiteSpace: 'nowrap' }}>
              {title}
            </TableCell>
            {sides.map((s, i) => (
              <TableCell key={i}>{s.values[key] ?? '—'}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </ScrollTable>
  );
}
