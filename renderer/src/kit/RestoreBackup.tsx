/**
 * « Restaurer une sauvegarde »: choose a backup folder, see its date and counts (read from its clear manifest, without
 * the key), give the login and password of an administrator of the backup, confirm. Used by the start screen (the
 * database is missing or damaged) and by Administration › Sauvegardes — two screens, hence here in the kit.
 */
import { useId, useState, type FormEvent } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { BACKUP_COUNT_LABELS, BACKUP_KIND_LABELS, type BackupSummary } from '../../../shared/api/backup';
import { formatDateTime, plural } from '../../../shared/domain/format';
import { toApiError, useApi } from '../api/ApiContext';
import { ConfirmDialog } from './ConfirmDialog';

/** 12 345 678 bytes → « 11,8 Mo ». */
export function formatSize(bytes: number): string {
  const units = ['octets', 'Ko', 'Mo', 'Go'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} ${units[unit]}`;
}

/** The main counts of a backup, in the order of BACKUP_COUNT_LABELS: « Personnes : 12 ». */
export function BackupCounts({ counts }: { counts: Record<string, number> }) {
  return (
    <Typography component="ul" variant="body2" sx={{ m: 0, pl: 2.5 }}>
      {Object.entries(BACKUP_COUNT_LABELS)
        .filter(([table]) => counts[table] !== undefined)
        .map(([table, label]) => (
          <li key={table}>
            {label} : {counts[table]}
          </li>
        ))}
    </Typography>
  );
}

export interface RestoreBackupPanelProps {
  /** A folder chosen beforehand (a backup of the list). */
  initialPath?: string;
  initialLogin?: string;
  /** After the restore: every session has ended; the user logs in again with the backup's passwords. */
  onRestored: (login: string, restored: BackupSummary) => void;
}

export function RestoreBackupPanel({ initialPath = '', initialLogin = '', onRestored }: RestoreBackupPanelProps) {
  const client = useApi();
  const headingId = useId();
  const [folder, setFolder] = useState(initialPath);
  const [summary, setSummary] = useState<BackupSummary | null>(null);
  const [login, setLogin] = useState(initialLogin);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [pending, setPending] = useState(false);
  const [confirming, setConfirming] = useState(false);

  const inspect = async (event: FormEvent) => {
    event.preventDefault();
    setError(undefined);
    setFieldErrors({});
    setSummary(null);
    setPending(true);
    try {
      setSummary(await client.call('backups.inspectFolder', { path: folder }));
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      setFieldErrors(apiError.fieldErrors ?? {});
    } finally {
      setPending(false);
    }
  };

  const restore = async () => {
    if (!summary) return;
    setError(undefined);
    setFieldErrors({});
    setPending(true);
    try {
      const done = await client.call('backups.restore', { path: summary.path, login, password });
      setConfirming(false);
      onRestored(login.trim().toLowerCase(), done.restored);
    } catch (e) {
      const apiError = toApiError(e);
      setConfirming(false);
      setError(apiError.message);
      setFieldErrors(apiError.fieldErrors ?? {});
    } finally {
      setPending(false);
      setPassword('');
    }
  };

  return (
    <Stack component="section" aria-labelledby={headingId} spacing={2}>
      <Typography id={headingId} variant="h2">
        Restaurer une sauvegarde
      </Typography>
      <Typography>
        Indiquez le dossier d’une sauvegarde (par exemple sur le partage réseau). Les fichiers actuels seront mis de côté
        (renommés), jamais supprimés.
      </Typography>
      {error ? (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      ) : null}
      <form onSubmit={(e) => void inspect(e)} noValidate>
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={1} sx={{ alignItems: 'flex-start' }}>
          <TextField
            label="Dossier de la sauvegarde"
            value={folder}
            onChange={(e) => {
              setFolder(e.target.value);
              setSummary(null);
            }}
            error={!!fieldErrors.path}
            helperText={fieldErrors.path ?? 'Chemin complet du dossier « parcours-… » (ou de son fichier manifeste.json)'}
            required
            fullWidth
          />
          <Button type="submit" variant="outlined" disabled={pending || folder.trim() === ''} sx={{ flexShrink: 0, mt: 1 }}>
            Examiner
          </Button>
        </Stack>
      </form>
      {summary ? (
        <Stack
          component="form"
          spacing={2}
          noValidate
          onSubmit={(e: { preventDefault: () => void }) => {
            e.preventDefault();
            setConfirming(true);
          }}
        >
          <Alert severity="info">
            <Typography sx={{ fontWeight: 'bold' }}>
              Sauvegarde du {formatDateTime(summary.at)} ({BACKUP_KIND_LABELS[summary.kind].toLowerCase()}, {formatSize(summary.sizeBytes)}),
              vérifiée le {formatDateTime(summary.verifiedAt)}
            </Typography>
            <BackupCounts counts={summary.counts} />
          </Alert>
          <Typography>
            Après la restauration, toutes les sessions prennent fin : chacun se reconnecte avec le mot de passe qu’il avait au
            moment de la sauvegarde. Pour confirmer, saisissez l’identifiant et le mot de passe d’un administrateur de la
            sauvegarde.
          </Typography>
          <TextField
            label="Identifiant d’un administrateur de la sauvegarde"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
            error={!!fieldErrors.login}
            helperText={fieldErrors.login}
            autoComplete="username"
            required
          />
          <TextField
            label="Son mot de passe (celui de la sauvegarde)"
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={!!fieldErrors.password}
            helperText={fieldErrors.password}
            autoComplete="current-password"
            required
          />
          <div>
            <Button type="submit" variant="contained" color="warning" disabled={pending || login.trim() === '' || password === ''}>
              Restaurer cette sauvegarde…
            </Button>
          </div>
        </Stack>
      ) : null}
      <ConfirmDialog
        open={confirming}
        title="Restaurer cette sauvegarde ?"
        confirmLabel="Restaurer"
        danger
        pending={pending}
        onConfirm={() => void restore()}
        onCancel={() => setConfirming(false)}
      >
        {summary ? (
          <>
            Les données reviendront à leur état du {formatDateTime(summary.at)} ({plural(summary.counts.persons ?? 0, 'personne', 'personnes')}). Ce
            qui a été saisi depuis ne sera plus dans l’application (les fichiers actuels restent mis de côté dans le dossier
            des données). Toutes les sessions prendront fin.
          </>
        ) : null}
      </ConfirmDialog>
    </Stack>
  );
}
