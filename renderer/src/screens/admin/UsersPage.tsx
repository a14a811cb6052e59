import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { ROLES, ROLE_LABELS } from '../../../../shared/api/common';
import { accountInputSchema, api, type User } from '../../../../shared/api/contract';
import { useApi, useApiQuery } from '../../api/ApiContext';
import { useSession } from '../../kit/session';
import { Page } from '../../kit/Page';
import { SelectInput, TextInput, type SelectOption } from '../../kit/fields';
import { EntityDialog, EntityList, RemoveEntityDialog } from '../../kit/EntityAdmin';

const ROLE_OPTIONS: SelectOption[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

export function UsersPage() {
  const client = useApi();
  const users = useApiQuery('users.list', {});
  const { user: me } = useSession();
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit'; user: User } | null>(null);
  const [toRemove, setToRemove] = useState<User | null>(null);
  const reloadIf = (changed: boolean) => {
    if (changed) users.reload();
  };

  return (
    <Page
      title="Comptes utilisateurs"
      actions={
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setDialog({ kind: 'create' })}>
          Créer un compte
        </Button>
      }
    >
      <EntityList
        label="Comptes utilisateurs"
        size="medium"
        list={users}
        loadingText="Chargement des comptes…"
        empty="Aucun compte n’est enregistré."
        rowKey={(u) => u.id}
        columns={[
          { header: 'Nom', cell: (u) => u.displayName },
          { header: 'Identifiant', cell: (u) => u.login },
          { header: 'Rôle', cell: (u) => ROLE_LABELS[u.role] },
          { header: 'Structure', cell: (u) => u.structure },
          {
            header: 'État',
            cell: (u) => <Chip size="small" label={u.active ? 'Actif' : 'Désactivé'} color={u.active ? 'success' : 'default'} variant="outlined" />,
          },
        ]}
        edit={(u) => (u.active ? { text: 'Modifier', label: `Modifier le compte de ${u.displayName}`, onClick: () => setDialog({ kind: 'edit', user: u }) } : null)}
        remove={(u) =>
          u.active && u.id !== me.id ? { text: 'Désactiver', label: `Désactiver le compte de ${u.displayName}`, onClick: () => setToRemove(u) } : null
        }
      />
      {dialog?.kind === 'create' ? (
        <CreateUserDialog
          onClose={(created) => {
            setDialog(null);
            reloadIf(created);
          }}
        />
      ) : null}
      {dialog?.kind === 'edit' ? (
        <EditUserDialog
          user={dialog.user}
          onClose={(saved) => {
            setDialog(null);
            reloadIf(saved);
          }}
        />
      ) : null}
      <RemoveEntityDialog
        open={toRemove !== null}
        title={toRemove ? `Désactiver le compte de ${toRemove.displayName} ?` : ''}
        confirmLabel="Désactiver le compte"
        remove={async () => {
          await client.call('users.remove', { id: toRemove!.id });
          return `Le compte de ${toRemove!.displayName} est désactivé.`;
        }}
        onClose={(removed) => {
          setToRemove(null);
          reloadIf(removed);
        }}
      >
        La personne ne pourra plus se connecter. Son nom reste dans le journal des modifications des dossiers qu’elle a saisis.
      </RemoveEntityDialog>
    </Page>
  );
}

const createUserFormSchema = accountInputSchema
  .extend({ passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Les deux mots de passe ne sont pas identiques' });
type CreateUserValues = z.input<typeof createUserFormSchema>;

function CreateUserDialog({ onClose }: { onClose: (created: boolean) => void }) {
  const client = useApi();
  const form = useForm<CreateUserValues, unknown, z.output<typeof createUserFormSchema>>({
    resolver: zodResolver(createUserFormSchema),
    defaultValues: { login: '', displayName: '', role: 'referent', structure: '', password: '', passwordConfirm: '' },
  });
  return (
    <EntityDialog
      form={form}
      title="Créer un compte"
      submitLabel="Créer le compte"
      onClose={onClose}
      save={async ({ passwordConfirm: _c, ...account }) => `Le compte de ${(await client.call('users.create', account)).displayName} est créé.`}
    >
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
    </EntityDialog>
  );
}

const updateUserSchema = api['users.update'].input;
type UpdateUserValues = z.input<typeof updateUserSchema>;

function EditUserDialog({ user, onClose }: { user: User; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const form = useForm<UpdateUserValues, unknown, z.output<typeof updateUserSchema>>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { id: user.id, displayName: user.displayName, role: user.role, structure: user.structure },
  });
  return (
    <EntityDialog
      form={form}
      title={`Modifier le compte de ${user.displayName}`}
      submitLabel="Enregistrer"
      onClose={onClose}
      save={async (values) => {
        await client.call('users.update', values);
        return `Le compte de ${values.displayName} est modifié.`;
      }}
    >
      <Typography>
        Identifiant : <strong>{user.login}</strong>
      </Typography>
      <TextInput control={form.control} name="displayName" label="Nom et prénom" required autoFocus autoComplete="off" />
      <SelectInput control={form.control} name="role" label="Rôle" options={ROLE_OPTIONS} required />
      <TextInput control={form.control} name="structure" label="Structure" required autoComplete="off" />
    </EntityDialog>
  );
}
