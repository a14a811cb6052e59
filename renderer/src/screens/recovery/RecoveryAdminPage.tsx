import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { newPasswordSchema } from '../../../../shared/api/common';
import { api } from '../../../../shared/api/contract';
import type { RecoveryIssued } from '../../../../shared/api/recovery';
import { formatDateTime } from '../../../../shared/domain/format';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { EntityDialog, EntityList, RemoveEntityDialog } from '../../kit/EntityAdmin';
import { Page } from '../../kit/Page';
import { TextInput } from '../../kit/fields';
import { ErrorSummary, applyApiFieldErrors } from '../../kit/formErrors';
import { RecoveryKeyPanel } from './RecoveryKeyPanel';

const TITLE = 'Clé de secours';

/**
 * Administration › Clé de secours: the recovery key's state and its regeneration (the old key then opens nothing);
 * the accounts without a key slot (after the keys file was rebuilt) and the orphan slots (a crash between the keys
 * file's write and the database's).
 */
export function RecoveryAdminPage() {
  const [issued, setIssued] = useState<RecoveryIssued | null>(null);
  const mds = useApiQuery('mds.get', {});
  return (
    <Page title={TITLE}>
      <Stack spacing={4} sx={{ maxWidth: 880 }}>
        <section aria-labelledby="cle-actuelle">
          <Typography variant="h2" id="cle-actuelle" gutterBottom>
            La clé de secours
          </Typography>
          {issued ? (
            <RecoveryKeyPanel issued={issued} mds={mds.data ?? { name: '' }} doneLabel="La nouvelle clé est conservée" onDone={() => setIssued(null)} />
          ) : (
            <>
              <RecoveryStatus />
              <RegenerateForm onIssued={setIssued} />
            </>
          )}
        </section>
        <AccountsWithoutKey />
        <OrphanSlots />
      </Stack>
    </Page>
  );
}

function RecoveryStatus() {
  const status = useApiQuery('recovery.status', {});
  if (status.error) return <Alert severity="error">{status.error.message}</Alert>;
  if (!status.data) return <Typography role="status">Chargement…</Typography>;
  const { exists, createdAt, spareCopy } = status.data;
  if (!exists) {
    return (
      <Alert severity="warning" sx={{ mb: 2 }}>
        Aucune clé de secours n’existe pour cette installation : générez-en une et rangez sa feuille au coffre.
      </Alert>
    );
  }
  return (
    <Stack spacing={1} sx={{ mb: 2 }}>
      <Typography>Clé de secours en service depuis le {formatDateTime(createdAt)}.</Typography>
      {spareCopy ? null : (
        <Alert severity="warning">
          La copie de secours des clés (parcours.recovery.json) manque ou diffère : générez une nouvelle clé pour la rétablir.
        </Alert>
      )}
    </Stack>
  );
}

const regenerateSchema = api['recovery.regenerate'].input;

function RegenerateForm({ onIssued }: { onIssued: (issued: RecoveryIssued) => void }) {
  const client = useApi();
  const [apiError, setApiError] = useState<string>();
  const form = useForm<z.input<typeof regenerateSchema>, unknown, z.output<typeof regenerateSchema>>({
    resolver: zodResolver(regenerateSchema),
    defaultValues: { password: '' },
  });
  const submit = form.handleSubmit(async (values) => {
    setApiError(undefined);
    try {
      onIssued(await client.call('recovery.regenerate', values));
    } catch (e) {
      const error = toApiError(e);
      setApiError(error.message);
      applyApiFieldErrors(form.setError, error);
    }
  });
  return (
    <Stack component="form" noValidate spacing={2} sx={{ maxWidth: 560 }} onSubmit={submit} aria-label="Générer une nouvelle clé de secours">
      <Typography>
        Une nouvelle clé remplace l’actuelle : l’ancienne n’ouvre alors plus rien et sa feuille doit être détruite. Confirmez avec votre mot de passe.
      </Typography>
      <ErrorSummary message={apiError} />
      <TextInput control={form.control} name="password" label="Votre mot de passe" type="password" required autoComplete="current-password" />
      <div>
        <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Génération…' : 'Générer une nouvelle clé de secours'}
        </Button>
      </div>
    </Stack>
  );
}

interface Account {
  id: number;
  login: string;
  displayName: string;
}

function AccountsWithoutKey() {
  const accounts = useApiQuery('users.withoutKey', {});
  const [target, setTarget] = useState<Account | null>(null);
  return (
    <section aria-labelledby="comptes-sans-cle">
      <Typography variant="h2" id="comptes-sans-cle" gutterBottom>
        Comptes sans clé
      </Typography>
      <Typography sx={{ mb: 1 }}>Après la reconstruction du fichier des clés, ces comptes ne peuvent pas se connecter tant qu’un mot de passe ne leur est pas donné.</Typography>
      <EntityList
        label="Comptes sans clé"
        list={accounts}
        loadingText="Chargement des comptes…"
        empty="Tous les comptes actifs ont une clé."
        rowKey={(a) => a.id}
        columns={[
          { header: 'Nom', cell: (a) => a.displayName },
          { header: 'Identifiant', cell: (a) => a.login },
        ]}
        edit={(a) => ({ text: 'Donner un mot de passe', label: `Donner un mot de passe à ${a.displayName}`, onClick: () => setTarget(a) })}
      />
      {target ? (
        <SetPasswordDialog
          account={target}
          onClose={(saved) => {
            setTarget(null);
            if (saved) accounts.reload();
          }}
        />
      ) : null}
    </section>
  );
}

const setPasswordSchema = z
  .object({ password: newPasswordSchema, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, { path: ['passwordConfirm'], message: 'Les deux mots de passe ne sont pas identiques' });

function SetPasswordDialog({ account, onClose }: { account: Account; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const form = useForm<z.input<typeof setPasswordSchema>, unknown, z.output<typeof setPasswordSchema>>({
    resolver: zodResolver(setPasswordSchema),
    defaultValues: { password: '', passwordConfirm: '' },
  });
  return (
    <EntityDialog
      form={form}
      title={`Mot de passe de ${account.displayName}`}
      submitLabel="Enregistrer le mot de passe"
      onClose={onClose}
      save={async ({ password }) => {
        await client.call('users.setPassword', { id: account.id, password });
        return `${account.displayName} peut se connecter avec ce mot de passe.`;
      }}
    >
      <TextInput control={form.control} name="password" label="Nouveau mot de passe" type="password" required autoFocus autoComplete="new-password" hint="10 caractères au moins." />
      <TextInput control={form.control} name="passwordConfirm" label="Confirmation du mot de passe" type="password" required autoComplete="new-password" />
    </EntityDialog>
  );
}

const REASONS = { aucun_compte: 'Aucun compte (création interrompue)', compte_desactive: 'Compte désactivé (retrait interrompu)' } as const;

function OrphanSlots() {
  const client = useApi();
  const orphans = useApiQuery('users.orphanSlots', {});
  const [toRemove, setToRemove] = useState<string | null>(null);
  return (
    <section aria-labelledby="cles-orphelines">
      <Typography variant="h2" id="cles-orphelines" gutterBottom>
        Clés orphelines
      </Typography>
      <Typography sx={{ mb: 1 }}>
        Une clé sans compte actif reste après une panne pendant la création ou le retrait d’un compte. Elle n’ouvre aucune session ; retirez-la.
      </Typography>
      <EntityList
        label="Clés orphelines"
        list={orphans}
        loadingText="Chargement des clés…"
        empty="Aucune clé orpheline."
        rowKey={(o) => o.login}
        columns={[
          { header: 'Identifiant', cell: (o) => o.login },
          { header: 'Créée le', cell: (o) => formatDateTime(o.createdAt) },
          { header: 'Situation', cell: (o) => REASONS[o.reason] },
        ]}
        remove={(o) => ({ text: 'Retirer', label: `Retirer la clé orpheline de ${o.login}`, onClick: () => setToRemove(o.login) })}
      />
      <RemoveEntityDialog
        open={toRemove !== null}
        title={toRemove ? `Retirer la clé orpheline de « ${toRemove} » ?` : ''}
        confirmLabel="Retirer la clé"
        remove={async () => {
          await client.call('users.removeOrphanSlot', { login: toRemove! });
          return `La clé orpheline de « ${toRemove!} » est retirée.`;
        }}
        onClose={(removed) => {
          setToRemove(null);
          if (removed) orphans.reload();
        }}
      >
        Ce mot de passe n’ouvrira plus la base de données. Aucun compte n’est modifié.
      </RemoveEntityDialog>
    </section>
  );
}
