import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { ROLES, ROLE_LABELS } from '../../../../shared/api/common';
import { accountInputSchema, api, type User } from '../../../../shared/api/contract';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { useNotify } from '../../app/notifications';
import { useSession } from '../../app/session';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Page } from '../../components/Page';
import { SelectInput, TextInput, type SelectOption } from '../../components/fields';
import { applyApiFieldErrors } from '../../components/formErrors';

const ROLE_OPTIONS: SelectOption[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UsersPage() {
  const users = useApiQuery('users.list', {});
  const { user: me } = useSession();
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit'; user: User } | null>(null);
  const [toRemove, setToRemove] = useState<User | null>(null);

  return (
    <Page
      title="Comptes utilisateurs"
      actions={
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setDialog({ kind: 'create' })}>
          Créer un compte
        </Button>
      }
    >
      {users.error ? (
        <Alert
          severity="error"
          role="alert"
          action={
            <Button color="inherit" onClick={users.reload}>
              Réessayer
            </Button>
          }
        >
          {users.error.message}
        </Alert>
      ) : null}
      {users.loading && !users.data ? <Typography role="status">Chargement des comptes…</Typography> : null}
      {users.data ? (
        <TableContainer component={Paper} variant="outlined">
          <Table aria-label="Comptes utilisateurs">
            <TableHead>
              <TableRow>
                <TableCell scope="col">Nom</TableCell>
                <TableCell scope="col">Identifiant</TableCell>
                <TableCell scope="col">Rôle</TableCell>
                <TableCell scope="col">Structure</TableCell>
                <TableCell scope="col">État</TableCell>
                <TableCell scope="col">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {users.data.map((u) => (
                <TableRow key={u.id}>
                  <TableCell component="th" scope="row">
                    {u.displayName}
                  </TableCell>
                  <TableCell>{u.login}</TableCell>
                  <TableCell>{ROLE_LABELS[u.role]}</TableCell>
                  <TableCell>{u.structure}</TableCell>
                  <TableCell>
                    <Chip size="small" label={u.active ? 'Actif' : 'Désactivé'} color={u.active ? 'success' : 'default'} variant="outlined" />
                  </TableCell>
                  <TableCell>
                    {u.active ? (
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={`Modifier le compte de ${u.displayName}`}>
                          Modifier
                        </Button>
                        {u.id !== me.id ? (
                          <Button size="small" color="error" onClick={() => setToRemove(u)} aria-label={`Désactiver le compte de ${u.displayName}`}>
                            Désactiver
                          </Button>
                        ) : null}
                      </Stack>
                    ) : null}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      ) : null}
      {dialog?.kind === 'create' ? (
        <CreateUserDialog
          onClose={(created) => {
            setDialog(null);
            if (created) users.reload();
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserDialog
          user={dialog.user}
          onClose={(saved) => {
            setDialog(null);
            if (saved) users.reload();
          }}
        />
      ) : null}
      <RemoveUserDialog
        user={toRemove}
        onClose={(removed) => {
          setToRemove(null);
          if (removed) users.reload();
        }}
      />
    </Page>
  );
}

const createUserFormSchema = accountInputSchema
  .extend({ passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Les deux mots de passe ne sont pas identiques' });
type CreateUserValues = z.input<typeof createUserFormSchema>;

function CreateUserDialog({ onClose }: { onClose: (created: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const [error, setError] = useState<string>();
  const form = useForm<CreateUserValues, unknown, z.output<typeof createUserFormSchema>>({
    resolver: zodResolver(createUserFormSchema),
    defaultValues: { login: '', displayName: '', role: 'referent', structure: '', password: '', passwordConfirm: '' },
  });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async ({ passwordConfirm: _c, ...account }) => {
    setError(undefined);
    try {
      const created = await client.call('users.create', account);
      notify(`Le compte de ${created.displayName} est créé.`);
      onClose(true);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyApiFieldErrors(form.setError, apiError);
    }
  });
  return (
    <Dialog open onClose={() => !pending && onClose(false)} aria-labelledby="create-user-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="create-user-title">Créer un compte</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput control={form.control} name="login" label="Identifiant" required autoFocus autoComplete="off" hint="Lettres sans accent, chiffres, points ou tirets" />
            <TextInput control={form.control} name="displayName" label="Nom et prénom" required autoComplete="off" />
            <SelectInput control={form.control} name="role" label="Rôle" options={ROLE_OPTIONS} required />
            <TextInput control={form.control} name="structure" label="Structure" required autoComplete="off" />
            <TextInput
              control={form.control}
              name="password"
              label="Mot de passe initial"
              type="password"
              required
              autoComplete="new-password"
              hint="10 caractères au moins. La personne pourra le changer à sa première connexion."
            />
            <TextInput control={form.control} name="passwordConfirm" label="Confirmation du mot de passe" type="password" required autoComplete="new-password" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            Créer le compte
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

const updateUserSchema = api['users.update'].input;
type UpdateUserValues = z.input<typeof updateUserSchema>;

function EditUserDialog({ user, onClose }: { user: User; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const [error, setError] = useState<string>();
  const form = useForm<UpdateUserValues, unknown, z.output<typeof updateUserSchema>>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { id: user.id, displayName: user.displayName, role: user.role, structure: user.structure },
  });
  const pending = form.formState.isSubmitting;
  const onSubmit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      await client.call('users.update', values);
      notify(`Le compte de ${values.displayName} est modifié.`);
      onClose(true);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyApiFieldErrors(form.setError, apiError);
    }
  });
  return (
    <Dialog open onClose={() => !pending && onClose(false)} aria-labelledby="edit-user-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="edit-user-title">Modifier le compte de {user.displayName}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <Typography>
              Identifiant : <strong>{user.login}</strong>
            </Typography>
            <TextInput control={form.control} name="displayName" label="Nom et prénom" required autoFocus autoComplete="off" />
            <SelectInput control={form.control} name="role" label="Rôle" options={ROLE_OPTIONS} required />
            <TextInput control={form.control} name="structure" label="Structure" required autoComplete="off" />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            Enregistrer
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RemoveUserDialog({ user, onClose }: { user: User | null; onClose: (removed: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const close = (removed: boolean) => {
    setError(undefined);
    onClose(removed);
  };
  return (
    <ConfirmDialog
      open={user !== null}
      title={user ? `Désactiver le compte de ${user.displayName} ?` : ''}
      confirmLabel="Désactiver le compte"
      danger
      pending={pending}
      error={error}
      onCancel={() => close(false)}
      onConfirm={() => {
        if (!user) return;
        setPending(true);
        setError(undefined);
        client.call('users.remove', { id: user.id }).then(
          () => {
            setPending(false);
            notify(`Le compte de ${user.displayName} est désactivé.`);
            close(true);
          },
          (e: unknown) => {
            setPending(false);
            setError(toApiError(e).message);
          },
        );
      }}
    >
      La personne ne pourra plus se connecter. Son nom reste dans le journal des modifications des dossiers qu’elle a saisis.
    </ConfirmDialog>
  );
}
