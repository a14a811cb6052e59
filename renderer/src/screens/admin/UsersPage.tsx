import { useState } from 'react';
import { Controller, useForm, useWatch, type Control } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Switch from '@mui/material/Switch';
import Typography from '@mui/material/Typography';
import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { ROLES, ROLE_LABELS } from '../../../../shared/api/common';
import { refinePartnerAccount, userCreateBaseSchema, userUpdateBaseSchema, type Account } from '../../../../shared/api/contract';
import { formatDate } from '../../../../shared/domain/format';
import { DateField } from '../../kit/DateField';
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
  const [dialog, setDialog] = useState<{ kind: 'create' } | { kind: 'edit'; user: Account } | null>(null);
  const [toRemove, setToRemove] = useState<Account | null>(null);
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
          {
            header: 'Rôle',
            cell: (u) => (
              <>
                {ROLE_LABELS[u.role]}
                {u.partner ? (
                  <Typography component="span" variant="body2" color="text.secondary" sx={{ display: 'block' }}>
                    Partenaire — charte signée le {formatDate(u.charteSignedOn)}
                  </Typography>
                ) : null}
              </>
            ),
          },
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

/**
 * A partner référent (the handbook's extranet: CCAS, CAF, associations…): the switch reveals the date the « charte
 * utilisateur » was signed and the reference of the « demande d’accès individuelle », both required to activate it.
 */
function PartnerFields({ control }: { control: Control<PartnerValues> }) {
  const partner = useWatch({ control, name: 'partner' });
  return (
    <>
      <Controller
        control={control}
        name="partner"
        render={({ field }) => (
          <FormControlLabel
            label="Référent partenaire (extranet)"
            control={
              <Switch
                name={field.name}
                checked={field.value === true}
                onChange={(e) => field.onChange(e.target.checked)}
                onBlur={field.onBlur}
                slotProps={{ input: { ref: field.ref } as never }}
              />
            }
          />
        )}
      />
      {partner ? (
        <>
          <DateField control={control} name="charteSignedOn" label="Charte utilisateur signée le" required disableFuture />
          <TextInput control={control} name="accessRequestRef" label="Référence de la demande d’accès individuelle" required autoComplete="off" />
        </>
      ) : null}
    </>
  );
}

interface PartnerValues {
  partner?: boolean | undefined;
  charteSignedOn?: unknown;
  accessRequestRef?: unknown;
}

/** The partner fields are sent only for a partner's account (or one that stops being a partner's). */
function withPartner<T extends { partner?: boolean | undefined; charteSignedOn?: string | null | undefined; accessRequestRef?: string | null | undefined }>(
  values: T,
  wasPartner: boolean,
) {
  const { partner, charteSignedOn, accessRequestRef, ...rest } = values;
  return partner || wasPartner ? { ...rest, partner: partner === true, charteSignedOn: charteSignedOn ?? null, accessRequestRef: accessRequestRef ?? null } : rest;
}

const createUserFormSchema = userCreateBaseSchema
  .extend({ passwordConfirm: z.string() })
  .superRefine(refinePartnerAccount)
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Les deux mots de passe ne sont pas identiques' });
type CreateUserValues = z.input<typeof createUserFormSchema>;

function CreateUserDialog({ onClose }: { onClose: (created: boolean) => void }) {
  const client = useApi();
  const form = useForm<CreateUserValues, unknown, z.output<typeof createUserFormSchema>>({
    resolver: zodResolver(createUserFormSchema),
    defaultValues: { login: '', displayName: '', role: 'referent', structure: '', password: '', passwordConfirm: '', partner: false, charteSignedOn: '', accessRequestRef: '' },
  });
  return (
    <EntityDialog
      form={form}
      title="Créer un compte"
      submitLabel="Créer le compte"
      onClose={onClose}
      save={async ({ passwordConfirm: _c, ...account }) => `Le compte de ${(await client.call('users.create', withPartner(account, false))).displayName} est créé.`}
    >
      <TextInput control={form.control} name="login" label="Identifiant" required autoFocus autoComplete="off" hint="Lettres sans accent, chiffres, points ou tirets" />
      <TextInput control={form.control} name="displayName" label="Nom et prénom" required autoComplete="off" />
      <SelectInput control={form.control} name="role" label="Rôle" options={ROLE_OPTIONS} required />
      <TextInput control={form.control} name="structure" label="Structure" required autoComplete="off" />
      <PartnerFields control={form.control as unknown as Control<PartnerValues>} />
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

const updateUserSchema = userUpdateBaseSchema.superRefine(refinePartnerAccount);
type UpdateUserValues = z.input<typeof updateUserSchema>;

function EditUserDialog({ user, onClose }: { user: Account; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const wasPartner = user.partner === true;
  const form = useForm<UpdateUserValues, unknown, z.output<typeof updateUserSchema>>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: {
      id: user.id,
      displayName: user.displayName,
      role: user.role,
      structure: user.structure,
      partner: wasPartner,
      charteSignedOn: user.charteSignedOn ?? '',
      accessRequestRef: user.accessRequestRef ?? '',
    },
  });
  return (
    <EntityDialog
      form={form}
      title={`Modifier le compte de ${user.displayName}`}
      submitLabel="Enregistrer"
      onClose={onClose}
      save={async (values) => {
        await client.call('users.update', withPartner(values, wasPartner));
        return `Le compte de ${values.displayName} est modifié.`;
      }}
    >
      <Typography>
        Identifiant : <strong>{user.login}</strong>
      </Typography>
      <TextInput control={form.control} name="displayName" label="Nom et prénom" required autoFocus autoComplete="off" />
      <SelectInput control={form.control} name="role" label="Rôle" options={ROLE_OPTIONS} required />
      <TextInput control={form.control} name="structure" label="Structure" required autoComplete="off" />
      <PartnerFields control={form.control as unknown as Control<PartnerValues>} />
    </EntityDialog>
  );
}
