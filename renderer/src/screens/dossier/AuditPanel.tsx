import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { AUDIT_ACTION_LABELS, dossierFieldLabel } from '../../../../shared/api/labels';
import { useApiQuery } from '../../api/ApiContext';
import { formatDate, formatDateTime } from '../../../../shared/domain/format';
import { ScrollTable } from '../../kit/ScrollRegion';

export interface FieldChange {
  path: string;
  label: string;
  before: string;
  after: string;
}

const ENTITY_LABELS: Record<string, string> = {
  person: 'Personne',
  export: 'Export',
  personne: 'Personne',
  foyer: 'Foyer',
  dossier: 'Dossier',
  child: 'Enfant',
  enfant: 'Enfant',
};

/** Leaves of a JSON value as dotted paths. */
function flatten(value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  if (value !== null && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
    if (entries.length === 0 && prefix) out.set(prefix, Array.isArray(value) ? [] : {});
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
}

const HIDDEN_KEYS = new Set(['version', 'updatedAt', 'createdAt', 'id', 'foyerId', 'personId']);

function displayValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(vide)';
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
  if (Array.isArray(v) && v.length === 0) return '(aucun)';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function labelFor(entity: string, path: string): string {
  const withEntity = `${entity}.${path}`;
  return (
    dossierFieldLabel(path) ??
    dossierFieldLabel(withEntity) ??
    dossierFieldLabel(`person.${path}`) ??
    dossierFieldLabel(`foyer.${path}`) ??
    path
  );
}

/** What changed between `before` and `after` of an audit entry, field by field. */
export function auditChanges(entity: string, before: unknown, after: unknown): FieldChange[] {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  // An empty list that got items (or lost them all) shows through its items, not as a line of its own.
  const isContainer = (k: string) => keys.some((other) => other.startsWith(`${k}.`));
  return keys
    .filter((k) => !HIDDEN_KEYS.has(k.split('.').at(-1) ?? k))
    .filter((k) => !isContainer(k))
    .filter((k) => JSON.stringify(b.get(k)) !== JSON.stringify(a.get(k)))
    .map((k) => ({ path: k, label: labelFor(entity, k), before: displayValue(b.get(k)), after: displayValue(a.get(k)) }));
}

/** Administrators: who changed what in this dossier, and when. */
export function AuditPanel({ personId }: { personId: number }) {
  const audit = useApiQuery('audit.forDossier', { personId });
  return (
    <Paper component="section" variant="outlined" aria-labelledby="audit-title" sx={{ p: { xs: 2, md: 3 }, mt: 4 }}>
      <Typography variant="h2" id="audit-title" sx={{ mb: 2 }}>
        Journal des modifications
      </Typography>
      {audit.error ? (
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={audit.reload}>
              Réessayer
            </Button>
          }
        >
          {audit.error.message}
        </Alert>
      ) : audit.loading && !audit.data ? (
        <Typography role="status">Chargement du journal…</Typography>
      ) : audit.data && audit.data.length === 0 ? (
        <Typography>Aucune modification n’est enregistrée pour ce dossier.</Typography>
      ) : audit.data ? (
        <ScrollTable label="Modifications enregistrées" tableLabelledBy="audit-title">
          <TableHead>
            <TableRow>
              <TableCell scope="col">Date</TableCell>
              <TableCell scope="col">Auteur</TableCell>
              <TableCell scope="col">Action</TableCell>
              <TableCell scope="col">Détail (avant → après)</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {audit.data.map((entry) => {
              const changes = auditChanges(entry.entity, entry.before, entry.after);
              return (
                <TableRow key={entry.id} sx={{ verticalAlign: 'top' }}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</TableCell>
                  <TableCell>{entry.user}</TableCell>
                  <TableCell>
                    {AUDIT_ACTION_LABELS[entry.action]} — {ENTITY_LABELS[entry.entity] ?? entry.entity}
                  </TableCell>
                  <TableCell>
                    {entry.action === 'update' && changes.length > 0 ? (
                      <Box component="ul" sx={{ m: 0, pl: 2 }}>
                        {changes.map((c) => (
                          <li key={c.path}>
                            <strong>{c.label}</strong> : {c.before} → {c.after}
                          </li>
                        ))}
                      </Box>
                    ) : entry.action === 'create' ? (
                      'Création de la fiche'
                    ) : entry.action === 'delete' ? (
                      'Suppression de la fiche'
                    ) : (
                      'Aucun champ modifié'
                    )}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </ScrollTable>
      ) : null}
    </Paper>
  );
}
