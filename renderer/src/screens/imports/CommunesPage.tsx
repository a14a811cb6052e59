import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import { communeInputSchema, type Commune } from '../../../../shared/api/imports';
import { plural } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { EntityDialog, EntityList, RemoveEntityDialog } from '../../kit/EntityAdmin';
import { FilePicker, formatSize } from '../../kit/FilePicker';
import { readBase64 } from '../../kit/files';
import { TextInput } from '../../kit/fields';
import { useNotify } from '../../kit/notifications';
import { Page } from '../../kit/Page';
import { textToBase64 } from './importModel';

const TITLE = 'Communes de la MDS';
type CommuneValues = z.input<typeof communeInputSchema>;
type BulkResult = { added: number; updated: number; rejected: { line: number; reason: string }[] };
const BULK_LIMITS = { accept: ['.csv', '.txt', 'text/csv', 'text/plain'], maxBytes: 1024 * 1024, typesLabel: 'CSV ou texte' } as const;

/**
 * Administration › Communes de la MDS: a CAF line goes to the MDS of its commune, and a line of a commune no MDS
 * lists is rejected. One commune at a time, or many pasted or from a file (« code INSEE;code postal;nom »).
 */
export function CommunesPage() {
  const communes = useApiQuery('communes.list', {});
  const [editing, setEditing] = useState<{ commune: Commune | null } | null>(null);
  const [toRemove, setToRemove] = useState<Commune | null>(null);
  const client = useApi();
  return (
    <Page title={TITLE}>
      <Typography sx={{ mb: 3, maxWidth: '75ch' }}>
        Les lignes de la liste CAF sont rattachées à la MDS de leur commune. Une ligne dont la commune n’est pas dans cette liste est rejetée à
        l’import avec le motif « commune inconnue ».
      </Typography>
      <Box component="section" aria-labelledby="communes-title" sx={{ mb: 5 }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h2" id="communes-title">
            {communes.data ? `Communes (${communes.data.length})` : 'Communes'}
          </Typography>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setEditing({ commune: null })}>
            Ajouter une commune
          </Button>
        </Stack>
        <EntityList
          label="Communes de la MDS"
          list={communes}
          loadingText="Chargement des communes…"
          empty="Aucune commune n’est rattachée à la MDS : ajoutez-les avant d’importer une liste CAF."
          rowKey={(c) => c.id}
          columns={[
            { header: 'Commune', cell: (c) => c.name },
            { header: 'Code postal', cell: (c) => c.postalCode },
            { header: 'Code INSEE', cell: (c) => c.inseeCode },
          ]}
          edit={(c) => ({ text: 'Modifier', label: `Modifier la commune ${c.name}`, onClick: () => setEditing({ commune: c }) })}
          remove={(c) => ({ text: 'Retirer', label: `Retirer la commune ${c.name}`, onClick: () => setToRemove(c) })}
        />
      </Box>
      <BulkCommunes onDone={communes.reload} />
      {editing ? (
        <CommuneDialog
          commune={editing.commune}
          onClose={(saved) => {
            setEditing(null);
            if (saved) communes.reload();
          }}
        />
      ) : null}
      <RemoveEntityDialog
        open={toRemove !== null}
        title={`Retirer la commune ${toRemove?.name ?? ''} ?`}
        confirmLabel="Retirer la commune"
        remove={async () => {
          await client.call('communes.remove', { id: toRemove!.id });
          return `La commune ${toRemove!.name} est retirée.`;
        }}
        onClose={(removed) => {
          setToRemove(null);
          if (removed) communes.reload();
        }}
      >
        Les lignes CAF de cette commune seront rejetées aux prochains imports. Les dossiers déjà créés ne changent pas.
      </RemoveEntityDialog>
    </Page>
  );
}

function CommuneDialog({ commune, onClose }: { commune: Commune | null; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const form = useForm<CommuneValues, unknown, z.output<typeof communeInputSchema>>({
    resolver: zodResolver(communeInputSchema),
    defaultValues: { name: commune?.name ?? '', postalCode: commune?.postalCode ?? '', inseeCode: commune?.inseeCode ?? '' },
  });
  return (
    <EntityDialog
      form={form}
      title={commune ? `Modifier la commune ${commune.name}` : 'Ajouter une commune'}
      submitLabel={commune ? 'Enregistrer' : 'Ajouter la commune'}
      onClose={onClose}
      save={async (input) => {
        const saved = await client.call('communes.save', commune ? { ...input, id: commune.id } : input);
        return commune ? `La commune ${saved.name} est modifiée.` : `La commune ${saved.name} est ajoutée.`;
      }}
    >
      <TextInput control={form.control} name="name" label="Nom de la commune" required autoFocus autoComplete="off" />
      <TextInput control={form.control} name="postalCode" label="Code postal" required autoComplete="off" hint="5 chiffres" />
      <TextInput control={form.control} name="inseeCode" label="Code INSEE" required autoComplete="off" hint="5 caractères, par exemple 62498 (2A/2B pour la Corse)" />
    </EntityDialog>
  );
}

/** Many communes at once: pasted (one a line) or from a CSV file; main says what it added, updated and refused. */
function BulkCommunes({ onDone }: { onDone: () => void }) {
  const client = useApi();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const [result, setResult] = useState<BulkResult | null>(null);

  const send = async () => {
    setError(undefined);
    setResult(null);
    if (!file && !text.trim()) {
      setError('Collez des communes ou choisissez un fichier.');
      return;
    }
    if (file && fileProblem) return;
    setPending(true);
    try {
      const contentBase64 = file ? await readBase64(file) : textToBase64(text);
      const answer = await client.call('communes.import', { contentBase64 });
      setResult(answer);
      notify(`${plural(answer.added, 'commune ajoutée', 'communes ajoutées')}, ${plural(answer.updated, 'mise à jour', 'mises à jour')}.`);
      if (answer.rejected.length === 0) {
        setText('');
        setFile(null);
      }
      onDone();
    } catch (e) {
      setError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Box component="section" aria-labelledby="communes-bulk-title">
      <Typography variant="h2" id="communes-bulk-title" sx={{ mb: 1 }}>
        Ajouter plusieurs communes
      </Typography>
      <Typography sx={{ mb: 2, maxWidth: '75ch' }}>
        Une commune par ligne : code INSEE, code postal et nom, séparés par « ; » (la ligne d’en-tête est facultative). Une commune déjà présente
        (même code INSEE) est mise à jour.
      </Typography>
      <Stack spacing={2.5} sx={{ maxWidth: 720 }}>
        <TextField
          label="Communes à ajouter"
          multiline
          minRows={4}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={'62498;62300;Lens\n62427;62110;Hénin-Beaumont'}
          helperText="Par exemple : 62498;62300;Lens"
          disabled={file !== null}
        />
        <FilePicker
          label="Ou un fichier CSV"
          file={file}
          onChange={(picked, problem) => {
            setFile(picked);
            setFileProblem(problem);
          }}
          error={fileProblem}
          hint={`Fichier CSV ou texte, ${formatSize(BULK_LIMITS.maxBytes)} au plus.`}
          {...BULK_LIMITS}
        />
        <Box>
          <Button variant="contained" onClick={() => void send()} disabled={pending}>
            {pending ? 'Ajout en cours…' : 'Ajouter les communes'}
          </Button>
        </Box>
        <Box role="status" aria-live="polite">
          {error ? <Alert severity="error">{error}</Alert> : null}
          {result ? <BulkSummary result={result} /> : null}
        </Box>
      </Stack>
    </Box>
  );
}

function BulkSummary({ result }: { result: BulkResult }) {
  return (
    <Alert severity={result.rejected.length > 0 ? 'warning' : 'success'}>
      {`${plural(result.added, 'commune ajoutée', 'communes ajoutées')}, ${plural(result.updated, 'mise à jour', 'mises à jour')}, ${plural(result.rejected.length, 'ligne refusée', 'lignes refusées')}.`}
      {result.rejected.length > 0 ? (
        <Box component="ul" sx={{ m: 0, mt: 1, pl: 3 }}>
          {result.rejected.map((r) => (
            <li key={r.line}>{`Ligne ${r.line} : ${r.reason}`}</li>
          ))}
        </Box>
      ) : null}
    </Alert>
  );
}
