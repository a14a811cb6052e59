import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { BACKUP_KIND_LABELS, type BackupItem, type BackupSettings } from '../../../../shared/api/backup';
import { formatDateTime } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { Page } from '../../kit/Page';
import { RestoreBackupPanel, formatSize } from '../../kit/RestoreBackup';
import { ScrollRegion } from '../../kit/ScrollRegion';
import { useNotify } from '../../kit/notifications';
import { useSession } from '../../kit/session';
import { Loaded } from '../../kit/status';

const TITLE = 'Sauvegardes';
/** Older than this, the last backup is an alert (as on the administrator's desk). */
export const BACKUP_ALERT_DAYS = 2;

/** Is the last backup older than 2 days (or missing)? */
export function backupOverdue(lastBackupAt: string | null, now: Date = new Date()): boolean {
  return lastBackupAt === null || now.getTime() - Date.parse(lastBackupAt) > BACKUP_ALERT_DAYS * 24 * 3600_000;
}

/** Administration › Sauvegardes: the last backup, a backup now, the folder, the list, and the restore. */
export function BackupsPage() {
  const list = useApiQuery('backups.list', {});
  const settings = useApiQuery('backups.settings.get', {});
  return (
    <Loaded
      title={TITLE}
      error={list.error ?? settings.error}
      loading={!list.data || !settings.data}
      onRetry={() => {
        list.reload();
        settings.reload();
      }}
      what="des sauvegardes"
    >
      {() => <Backups items={list.data!.items} lastBackupAt={list.data!.lastBackupAt} settings={settings.data!} />}
    </Loaded>
  );
}

function Backups({ items, lastBackupAt, settings }: { items: BackupItem[]; lastBackupAt: string | null; settings: BackupSettings }) {
  const client = useApi();
  const notify = useNotify();
  const { user, logout } = useSession();
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState<string>();
  const [chosen, setChosen] = useState<string>();

  const create = async () => {
    setCreating(true);
    setCreateError(undefined);
    try {
      const item = await client.call('backups.create', {});
      notify(`La sauvegarde est faite et vérifiée : ${item.path}`);
    } catch (e) {
      setCreateError(toApiError(e).message);
    } finally {
      setCreating(false);
    }
  };

  return (
    <Page title={TITLE}>
      <Stack spacing={4}>
        <Stack component="section" spacing={2} aria-label="Dernière sauvegarde">
          <Alert severity={backupOverdue(lastBackupAt) ? 'warning' : 'success'}>
            {lastBackupAt
              ? `Dernière sauvegarde : ${formatDateTime(lastBackupAt)}.`
              : 'Aucune sauvegarde n’a encore été faite.'}{' '}
            L’application en fait une au démarrage puis chaque jour, et garde 7 sauvegardes quotidiennes et 4 hebdomadaires.
          </Alert>
          {createError ? (
            <Alert severity="error" role="alert">
              {createError}
            </Alert>
          ) : null}
          <div>
            <Button variant="contained" onClick={() => void create()} disabled={creating}>
              {creating ? 'Sauvegarde en cours…' : 'Faire une sauvegarde maintenant'}
            </Button>
          </div>
        </Stack>

        <FolderSettings settings={settings} />

        <Stack component="section" spacing={1} aria-labelledby="sauvegardes-liste">
          <Typography id="sauvegardes-liste" variant="h2">
            Sauvegardes faites
          </Typography>
          {items.length === 0 ? (
            <Typography>Aucune sauvegarde.</Typography>
          ) : (
            <ScrollRegion aria-label="Liste des sauvegardes" variant="outlined">
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Date</TableCell>
                    <TableCell>Type</TableCell>
                    <TableCell>Taille</TableCell>
                    <TableCell>Personnes</TableCell>
                    <TableCell>Vérifiée le</TableCell>
                    <TableCell>État</TableCell>
                    <TableCell>Restauration</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {items.map((item) => (
                    <TableRow key={item.id}>
                      <TableCell>{formatDateTime(item.at)}</TableCell>
                      <TableCell>
                        {BACKUP_KIND_LABELS[item.kind]}
                        {item.byUser ? ` (${item.byUser})` : ''}
                      </TableCell>
                      <TableCell>{formatSize(item.sizeBytes)}</TableCell>
                      <TableCell>{item.counts.persons ?? 0}</TableCell>
                      <TableCell>{formatDateTime(item.verifiedAt)}</TableCell>
                      <TableCell>{item.removedAt ? `Supprimée par la rotation le ${formatDateTime(item.removedAt)}` : item.path}</TableCell>
                      <TableCell>
                        {item.removedAt ? null : (
                          <Button size="small" onClick={() => setChosen(item.path)} aria-label={`Restaurer la sauvegarde du ${formatDateTime(item.at)}`}>
                            Restaurer…
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollRegion>
          )}
        </Stack>

        <RestoreBackupPanel
          key={chosen ?? ''}
          initialPath={chosen}
          initialLogin={user.login}
          onRestored={() => {
            // Every session has ended: back to the login screen, with the backup's passwords.
            void logout();
          }}
        />
      </Stack>
    </Page>
  );
}

function FolderSettings({ settings }: { settings: BackupSettings }) {
  const client = useApi();
  const notify = useNotify();
  const [folder, setFolder] = useState(settings.folder);
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  const save = async (value: string | null) => {
    setPending(true);
    setError(undefined);
    try {
      const saved = await client.call('backups.settings.update', { folder: value });
      setFolder(saved.folder);
      notify(`Les sauvegardes iront dans ${saved.folder}.`);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.folder ?? apiError.message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Stack
      component="form"
      spacing={2}
      aria-labelledby="sauvegardes-dossier"
      noValidate
      onSubmit={(e: { preventDefault: () => void }) => {
        e.preventDefault();
        void save(folder);
      }}
    >
      <Typography id="sauvegardes-dossier" variant="h2">
        Dossier des sauvegardes
      </Typography>
      <TextField
        label="Dossier des sauvegardes"
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
        error={!!error}
        helperText={error ?? `Un partage réseau de préférence. Par défaut : ${settings.defaultFolder}`}
        required
        fullWidth
      />
      <Stack direction="row" spacing={1}>
        <Button type="submit" variant="outlined" disabled={pending || folder.trim() === ''}>
          Enregistrer le dossier
        </Button>
        {settings.isDefault ? null : (
          <Button onClick={() => void save(null)} disabled={pending}>
            Revenir au dossier par défaut
          </Button>
        )}
      </Stack>
    </Stack>
  );
}
