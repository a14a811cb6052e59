import { useState } from 'react';
import { Controller, useForm, type Control, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import {
  ORGANISME_TYPE_LABELS,
  ORGANISME_TYPES,
  organismeInputSchema,
  referentInputSchema,
  type Organisme,
  type Referent,
} from '../../../../../shared/api/interview';
import { toApiError, useApi, useApiQuery } from '../../../api/ApiContext';
import { useNotify } from '../../../app/notifications';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { Page } from '../../../components/Page';
import { SelectInput, TextInput, type SelectOption } from '../../../components/fields';
import { applyFieldErrors, LoadError, Loading } from '../common';

const TYPE_OPTIONS: SelectOption[] = ORGANISME_TYPES.map((t) => ({ value: t, label: ORGANISME_TYPE_LABELS[t] }));
const contact = (x: { telephone: string | null; email: string | null }) => [x.telephone, x.email].filter(Boolean).join(' · ') || '—';

/** Administration: the organismes référents and their référents (orientation reference data). */
export function OrganismesPage() {
  const organismes = useApiQuery('organismes.list', { includeInactive: true });
  const referents = useApiQuery('referents.list', { includeInactive: true });
  const [organismeDialog, setOrganismeDialog] = useState<{ organisme: Organisme | null } | null>(null);
  const [referentDialog, setReferentDialog] = useState<{ referent: Referent | null } | null>(null);
  const [toRemove, setToRemove] = useState<{ kind: 'organisme'; item: Organisme } | { kind: 'referent'; item: Referent } | null>(null);
  const reloadAll = () => {
    organismes.reload();
    referents.reload();
  };

  return (
    <Page title="Organismes référents et référents">
      <Typography sx={{ mb: 3 }}>
        Les organismes référents et leurs référents sont proposés dans les décisions d’orientation. Un organisme ou un référent déjà cité par
        une décision ne peut pas être supprimé : il est désactivé et reste dans l’historique.
      </Typography>
      <Box component="section" aria-labelledby="organismes-title" sx={{ mb: 5 }}>
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h2" id="organismes-title">
            Organismes référents
          </Typography>
          <Button variant="contained" startIcon={<AddIcon />} onClick={() => setOrganismeDialog({ organisme: null })}>
            Ajouter un organisme
          </Button>
        </Stack>
        {organismes.error ? <LoadError error={organismes.error} onRetry={organismes.reload} /> : null}
        {organismes.loading && !organismes.data ? <Loading>Chargement des organismes…</Loading> : null}
        {organismes.data && organismes.data.length === 0 ? <Typography>Aucun organisme référent n’est enregistré.</Typography> : null}
        {organismes.data && organismes.data.length > 0 ? (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Organismes référents">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Nom</TableCell>
                  <TableCell scope="col">Type</TableCell>
                  <TableCell scope="col">Adresse</TableCell>
                  <TableCell scope="col">Contact</TableCell>
                  <TableCell scope="col">État</TableCell>
                  <TableCell scope="col">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {organismes.data.map((o) => (
                  <TableRow key={o.id}>
                    <TableCell component="th" scope="row">
                      {o.name}
                    </TableCell>
                    <TableCell>{ORGANISME_TYPE_LABELS[o.type]}</TableCell>
                    <TableCell>{o.address ?? '—'}</TableCell>
                    <TableCell>{contact(o)}</TableCell>
                    <TableCell>{o.active ? 'Actif' : 'Désactivé'}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => setOrganismeDialog({ organisme: o })} aria-label={`Modifier l’organisme ${o.name}`}>
                          Modifier
                        </Button>
                        <Button size="small" color="error" onClick={() => setToRemove({ kind: 'organisme', item: o })} aria-label={`Supprimer l’organisme ${o.name}`}>
                          Supprimer
                        </Button>
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
      </Box>

      <Box component="section" aria-labelledby="referents-title">
        <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 1.5, flexWrap: 'wrap', gap: 1 }}>
          <Typography variant="h2" id="referents-title">
            Référents
          </Typography>
          <Button
            variant="contained"
            startIcon={<AddIcon />}
            onClick={() => setReferentDialog({ referent: null })}
            disabled={!organismes.data?.some((o) => o.active)}
          >
            Ajouter un référent
          </Button>
        </Stack>
        {referents.error ? <LoadError error={referents.error} onRetry={referents.reload} /> : null}
        {referents.loading && !referents.data ? <Loading>Chargement des référents…</Loading> : null}
        {referents.data && referents.data.length === 0 ? (
          <Typography>Aucun référent n’est enregistré{organismes.data?.length ? '.' : ' : ajoutez d’abord un organisme.'}</Typography>
        ) : null}
        {referents.data && referents.data.length > 0 ? (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Référents">
              <TableHead>
                <TableRow>
                  <TableCell scope="col">Nom</TableCell>
                  <TableCell scope="col">Organisme</TableCell>
                  <TableCell scope="col">Contact</TableCell>
                  <TableCell scope="col">Compte utilisateur</TableCell>
                  <TableCell scope="col">État</TableCell>
                  <TableCell scope="col">Actions</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {referents.data.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell component="th" scope="row">
                      {r.name}
                    </TableCell>
                    <TableCell>{r.organismeName}</TableCell>
                    <TableCell>{contact(r)}</TableCell>
                    <TableCell>{r.user?.displayName ?? 'Aucun'}</TableCell>
                    <TableCell>{r.active ? 'Actif' : 'Désactivé'}</TableCell>
                    <TableCell>
                      <Stack direction="row" spacing={1}>
                        <Button size="small" onClick={() => setReferentDialog({ referent: r })} aria-label={`Modifier le référent ${r.name}`}>
                          Modifier
                        </Button>
                        <Button size="small" color="error" onClick={() => setToRemove({ kind: 'referent', item: r })} aria-label={`Supprimer le référent ${r.name}`}>
                          Supprimer
                        </Button>
                      </Stack>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        ) : null}
      </Box>

      {organismeDialog ? (
        <OrganismeDialog
          organisme={organismeDialog.organisme}
          onClose={(saved) => {
            setOrganismeDialog(null);
            if (saved) reloadAll();
          }}
        />
      ) : null}
      {referentDialog ? (
        <ReferentDialog
          referent={referentDialog.referent}
          organismes={organismes.data ?? []}
          onClose={(saved) => {
            setReferentDialog(null);
            if (saved) reloadAll();
          }}
        />
      ) : null}
      <RemoveDialog
        target={toRemove}
        onClose={(done) => {
          setToRemove(null);
          if (done) reloadAll();
        }}
      />
    </Page>
  );
}

const organismeFormSchema = organismeInputSchema.extend({ active: z.boolean() });
type OrganismeValues = z.input<typeof organismeFormSchema>;

function OrganismeDialog({ organisme, onClose }: { organisme: Organisme | null; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const [error, setError] = useState<string>();
  const form = useForm<OrganismeValues, unknown, z.output<typeof organismeFormSchema>>({
    resolver: zodResolver(organismeFormSchema),
    defaultValues: {
      name: organisme?.name ?? '',
      type: organisme?.type ?? ('' as OrganismeValues['type']),
      address: organisme?.address ?? '',
      telephone: organisme?.telephone ?? '',
      email: organisme?.email ?? '',
      active: organisme?.active ?? true,
    },
  });
  const pending = form.formState.isSubmitting;
  const title = organisme ? `Modifier l’organisme ${organisme.name}` : 'Ajouter un organisme référent';
  const onSubmit = form.handleSubmit(async ({ active, ...input }) => {
    setError(undefined);
    try {
      const saved = organisme ? await client.call('organismes.update', { ...input, id: organisme.id, active }) : await client.call('organismes.create', input);
      notify(organisme ? `L’organisme ${saved.name} est modifié.` : `L’organisme ${saved.name} est ajouté.`);
      onClose(true);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyFieldErrors(form.setError, apiError);
    }
  });
  return (
    <Dialog open onClose={() => !pending && onClose(false)} aria-labelledby="organisme-dialog-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="organisme-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput control={form.control} name="name" label="Nom de l’organisme" required autoFocus autoComplete="off" />
            <SelectInput control={form.control} name="type" label="Type d’organisme" options={TYPE_OPTIONS} required hint="Détermine les orientations pour lesquelles il peut être choisi" />
            <TextInput control={form.control} name="address" label="Adresse" autoComplete="off" multiline minRows={2} />
            <TextInput control={form.control} name="telephone" label="Téléphone" type="tel" autoComplete="off" />
            <TextInput control={form.control} name="email" label="Adresse e-mail" type="email" autoComplete="off" />
            {organisme ? <ActiveCheckbox control={form.control} label="Organisme actif (proposé dans les nouvelles décisions)" /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {organisme ? 'Enregistrer' : 'Ajouter l’organisme'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** « Actif » of a record being edited (both dialogs' forms have an `active` boolean). */
function ActiveCheckbox<T extends { active: boolean }>({ control, label }: { control: Control<T, unknown, unknown>; label: string }) {
  return (
    <Controller
      control={control}
      name={'active' as FieldPath<T>}
      render={({ field }) => (
        <FormControlLabel
          control={<Checkbox checked={!!field.value} onChange={(e) => field.onChange(e.target.checked)} slotProps={{ input: { ref: field.ref } }} />}
          label={label}
        />
      )}
    />
  );
}

const referentFormSchema = referentInputSchema.extend({ active: z.boolean() });
type ReferentValues = z.input<typeof referentFormSchema>;

function ReferentDialog({ referent, organismes, onClose }: { referent: Referent | null; organismes: Organisme[]; onClose: (saved: boolean) => void }) {
  const client = useApi();
  const notify = useNotify();
  const staff = useApiQuery('users.staff', {});
  const [error, setError] = useState<string>();
  const form = useForm<ReferentValues, unknown, z.output<typeof referentFormSchema>>({
    resolver: zodResolver(referentFormSchema),
    defaultValues: {
      organismeId: referent?.organismeId ?? (null as unknown as number),
      name: referent?.name ?? '',
      telephone: referent?.telephone ?? '',
      email: referent?.email ?? '',
      userId: referent?.user?.id ?? null,
      active: referent?.active ?? true,
    },
  });
  const pending = form.formState.isSubmitting;
  const organismeOptions = organismes
    .filter((o) => o.active || o.id === referent?.organismeId)
    .map((o) => ({ value: String(o.id), label: `${o.name} (${ORGANISME_TYPE_LABELS[o.type]})` }));
  const userOptions = (staff.data ?? [])
    .filter((s) => s.role === 'referent')
    .map((s) => ({ value: String(s.id), label: s.structure ? `${s.displayName} — ${s.structure}` : s.displayName }));
  const title = referent ? `Modifier le référent ${referent.name}` : 'Ajouter un référent';
  const onSubmit = form.handleSubmit(async ({ active, ...input }) => {
    setError(undefined);
    try {
      const saved = referent ? await client.call('referents.update', { ...input, id: referent.id, active }) : await client.call('referents.create', input);
      notify(referent ? `Le référent ${saved.name} est modifié.` : `Le référent ${saved.name} est ajouté.`);
      onClose(true);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.message);
      applyFieldErrors(form.setError, apiError);
    }
  });
  return (
    <Dialog open onClose={() => !pending && onClose(false)} aria-labelledby="referent-dialog-title" fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id="referent-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2.5} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput control={form.control} name="name" label="Nom du référent" required autoFocus autoComplete="off" />
            <SelectInput control={form.control} name="organismeId" label="Organisme" options={organismeOptions} numeric required />
            <TextInput control={form.control} name="telephone" label="Téléphone" type="tel" autoComplete="off" />
            <TextInput control={form.control} name="email" label="Adresse e-mail" type="email" autoComplete="off" />
            <SelectInput
              control={form.control}
              name="userId"
              label="Compte utilisateur"
              options={userOptions}
              numeric
              emptyLabel="— Aucun —"
              hint="Facultatif : le compte de référent de cette personne, qui verra alors les dossiers qui lui sont orientés"
            />
            {referent ? <ActiveCheckbox control={form.control} label="Référent actif (proposé dans les nouvelles décisions)" /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => onClose(false)} disabled={pending}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" disabled={pending}>
            {referent ? 'Enregistrer' : 'Ajouter le référent'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RemoveDialog({
  target,
  onClose,
}: {
  target: { kind: 'organisme'; item: Organisme } | { kind: 'referent'; item: Referent } | null;
  onClose: (done: boolean) => void;
}) {
  const client = useApi();
  const notify = useNotify();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string>();
  const what = target ? (target.kind === 'organisme' ? `l’organisme ${target.item.name}` : `le référent ${target.item.name}`) : '';
  const close = (done: boolean) => {
    setError(undefined);
    onClose(done);
  };
  return (
    <ConfirmDialog
      open={target !== null}
      title={target ? `Supprimer ${what} ?` : ''}
      confirmLabel="Supprimer"
      danger
      pending={pending}
      error={error}
      onCancel={() => close(false)}
      onConfirm={() => {
        if (!target) return;
        setPending(true);
        setError(undefined);
        const call =
          target.kind === 'organisme' ? client.call('organismes.remove', { id: target.item.id }) : client.call('referents.remove', { id: target.item.id });
        call.then(
          (result) => {
            setPending(false);
            const label = what.charAt(0).toUpperCase() + what.slice(1);
            notify(result.outcome === 'supprime' ? `${label} est supprimé.` : `${label} est cité par des décisions : il est désactivé.`);
            close(true);
          },
          (e: unknown) => {
            setPending(false);
            setError(toApiError(e).message);
          },
        );
      }}
    >
      S’il est déjà cité par une décision d’orientation, il sera désactivé plutôt que supprimé : il reste dans l’historique mais ne sera plus
      proposé.
    </ConfirmDialog>
  );
}
