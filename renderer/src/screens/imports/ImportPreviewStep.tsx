import { useId, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import {
  IMPORT_VERDICT_LABELS,
  IMPORT_VERDICT_VALUES,
  type ImportPreview,
  type ImportRow,
  type ImportVerdict,
} from '../../../../shared/api/imports';
import { formatDateTime } from '../../../../shared/domain/format';
import { useApiQuery } from '../../api/ApiContext';
import { ScrollTable } from '../../kit/ScrollRegion';
import { LoadError } from '../../kit/status';
import { countsSentence, rowIdentity } from './importModel';

export const PREVIEW_PAGE_SIZE = 25;

const VERDICT_COLOURS: Record<ImportVerdict, 'success' | 'info' | 'warning' | 'error' | 'default'> = {
  nouveau: 'success',
  mise_a_jour: 'info',
  doublon_possible: 'warning',
  rejete: 'error',
  inchange: 'default',
};

/** A line's verdict, in words (the colour only repeats it). */
export function VerdictChip({ verdict }: { verdict: ImportVerdict }) {
  return <Chip size="small" variant="outlined" color={VERDICT_COLOURS[verdict]} label={IMPORT_VERDICT_LABELS[verdict]} />;
}

/**
 * Step 4: what the import would do — the counts per verdict, the « déjà importé » warning, and the lines with their
 * verdict and reason, by pages of 25 (`imports.rows`), filtered by verdict.
 */
export function ImportPreviewStep({ preview }: { preview: ImportPreview }) {
  const batchId = preview.batchId!;
  const filterId = useId();
  const [verdict, setVerdict] = useState<ImportVerdict | ''>('');
  const [page, setPage] = useState(0);
  const rows = useApiQuery('imports.rows', {
    batchId,
    ...(verdict ? { verdict } : {}),
    offset: page * PREVIEW_PAGE_SIZE,
    limit: PREVIEW_PAGE_SIZE,
  });
  const { counts } = preview;
  const total = rows.data?.total ?? 0;
  const first = page * PREVIEW_PAGE_SIZE + 1;
  const last = Math.min(total, (page + 1) * PREVIEW_PAGE_SIZE);

  return (
    <Stack spacing={2}>
      {preview.alreadyImported ? (
        <Alert severity="warning">
          {`Déjà importé : ce fichier a été importé le ${formatDateTime(preview.alreadyImported.appliedAt)}. L’importer de nouveau ne changera rien.`}
        </Alert>
      ) : null}
      <Typography>{countsSentence(counts)}</Typography>
      {counts.doublon_possible > 0 ? (
        <Alert severity="info">
          Un doublon possible ressemble à un dossier existant (même nom et même date de naissance) : il n’est pas créé à l’import, vous le vérifierez
          ensuite dans « Doublons à vérifier ».
        </Alert>
      ) : null}
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
        <TextField
          select
          id={filterId}
          label="Afficher"
          value={verdict}
          onChange={(e) => {
            setVerdict(e.target.value as ImportVerdict | '');
            setPage(0);
          }}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ minWidth: 260 }}
        >
          <option value="">{`Toutes les lignes (${counts.lines})`}</option>
          {IMPORT_VERDICT_VALUES.map((v) => (
            <option key={v} value={v}>
              {`${IMPORT_VERDICT_LABELS[v]} (${counts[v]})`}
            </option>
          ))}
        </TextField>
        <Typography role="status" sx={{ minHeight: '1.5em' }}>
          {rows.data ? (total === 0 ? 'Aucune ligne de ce type.' : `Lignes ${first} à ${last} sur ${total}.`) : ''}
        </Typography>
      </Stack>
      {rows.error ? <LoadError error={rows.error} onRetry={rows.reload} /> : null}
      {rows.data && rows.data.rows.length > 0 ? <PreviewTable rows={rows.data.rows} /> : null}
      <Box>
        <Stack direction="row" spacing={1}>
          <Button onClick={() => setPage((p) => p - 1)} disabled={page === 0}>
            Lignes précédentes
          </Button>
          <Button onClick={() => setPage((p) => p + 1)} disabled={last >= total}>
            Lignes suivantes
          </Button>
        </Stack>
      </Box>
    </Stack>
  );
}

function PreviewTable({ rows }: { rows: readonly ImportRow[] }) {
  return (
    <ScrollTable label="Lignes du fichier et leur verdict" size="small">
      <TableHead>
        <TableRow>
          <TableCell scope="col">Ligne</TableCell>
          <TableCell scope="col">Personne</TableCell>
          <TableCell scope="col">N° allocataire ou identifiant</TableCell>
          <TableCell scope="col">Date de naissance</TableCell>
          <TableCell scope="col">Verdict</TableCell>
          <TableCell scope="col">Motif ou détail</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const { name, identifier } = rowIdentity(row);
          return (
            <TableRow key={row.id} sx={{ verticalAlign: 'top' }}>
              <TableCell component="th" scope="row">
                {row.line}
              </TableCell>
              <TableCell>{name}</TableCell>
              <TableCell>{identifier}</TableCell>
              <TableCell>{row.values.dateNaissance ?? '—'}</TableCell>
              <TableCell>
                <VerdictChip verdict={row.verdict} />
              </TableCell>
              <TableCell sx={{ minWidth: 240 }}>{row.reason ?? ''}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ScrollTable>
  );
}
