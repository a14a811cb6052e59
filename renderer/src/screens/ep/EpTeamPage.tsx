import { useEffect, useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { z } from 'zod';
import { EP_ORGANISATIONS, EP_ORGANISATION_LABELS, epMemberInputSchema, type Ep, type EpMember } from '../../../../shared/api/ep';
import { requiredText } from '../../../../shared/api/common';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { useCan } from '../../kit/permissions';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { SelectInput, TextInput } from '../../kit/fields';
import { applyApiFieldErrors } from '../../kit/formErrors';
import { Page } from '../../kit/Page';
import { LoadError, Loading } from '../../kit/status';
import { Section, validateWith } from './common';
import { epPaths } from '../../kit/paths';
import { ScrollTable } from '../../kit/ScrollRegion';

const nameSchema = z.object({ name: requiredText('Nom de l’équipe', 200) });

/** The EP of the territory: its name, its president and members (with their substitutes). */
export function EpTeamPage() {
  const canManage = useCan('ep.save');
  const query = useApiQuery('ep.get', {});
  const [ep, setEp] = useState<Ep | null | undefined>(undefined);
  useEffect(() => {
    if (query.data !== undefined) setEp(query.data);
  }, [query.data]);
  const [editing, setEditing] = useState<EpMember | 'new' | null>(null);
  const [removing, setRemoving] = useState<EpMember | null>(null);
  const [removeError, setRemoveError] = useState<string>();
  const [pending, setPending] = useState(false);
  const api = useApi();
  const notify = useNotify();

  const remove = async () => {
    if (!removing) return;
    setPending(true);
    try {
      setEp(await api.call('ep.removeMember', { memberId: removing.id }));
      notify(`${removing.name} ne fait plus partie de l’équipe.`);
      setRemoving(null);
    } catch (e) {
      setRemoveError(toApiError(e).message);
    } finally {
      setPending(false);
    }
  };

  return (
    <Page
      title="Composition de l’équipe pluridisciplinaire"
      breadcrumbs={[{ label: 'Équipes pluridisciplinaires', to: epPaths.home }, { label: 'Composition de l’équipe' }]}
    >
      {query.error ? <LoadError error={query.error} onRetry={query.reload} /> : null}
      {ep === undefined && !query.error ? <Loading>Chargement de l’équipe…</Loading> : null}
      {ep !== undefined ? (
        <>
          <Section id="ep-name" title="L’équipe du territoire">
            {canManage ? (
              <NameForm ep={ep} onSaved={(saved) => setEp(saved)} />
            ) : (
              <Typography>{ep ? `${ep.name} — territoire ${ep.territory}` : 'L’équipe n’est pas encore constituée.'}</Typography>
            )}
          </Section>
          <Section
            id="ep-members"
            title="Président et membres"
            actions={
              canManage && ep ? (
                <Button variant="contained" onClick={() => setEditing('new')}>
                  Ajouter un membre
                </Button>
              ) : null
            }
          >
            {!ep ? <Typography>Donnez d’abord un nom à l’équipe pour en ajouter les membres.</Typography> : null}
            {ep && ep.members.length === 0 ? <Typography>Aucun membre n’est encore enregistré.</Typography> : null}
            {ep && ep.members.length > 0 ? (
              <ScrollTable label="Membres de l’équipe pluridisciplinaire" size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Membre</TableCell>
                    <TableCell>Fonction</TableCell>
                    <TableCell>Organisme représenté</TableCell>
                    <TableCell>Suppléant</TableCell>
                    {canManage ? <TableCell>Actions</TableCell> : null}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {ep.members.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        {m.name}
                        {m.isPresident ? <Typography variant="body2" sx={{ fontWeight: 700 }}>Président de l’équipe</Typography> : null}
                      </TableCell>
                      <TableCell>{m.function}</TableCell>
                      <TableCell>{m.organisationLabel}</TableCell>
                      <TableCell>{m.substituteName ? `${m.substituteName}${m.substituteFunction ? ` (${m.substituteFunction})` : ''}` : 'Aucun'}</TableCell>
                      {canManage ? (
                        <TableCell>
                          <Stack direction="row" spacing={1}>
                            <Button size="small" onClick={() => setEditing(m)} aria-label={`Modifier le membre ${m.name}`}>
                              Modifier
                            </Button>
                            <Button size="small" color="error" onClick={() => setRemoving(m)} aria-label={`Retirer le membre ${m.name}`}>
                              Retirer
                            </Button>
                          </Stack>
                        </TableCell>
                      ) : null}
                    </TableRow>
                  ))}
                </TableBody>
              </ScrollTable>
            ) : null}
          </Section>
        </>
      ) : null}
      {editing ? (
        <MemberDialog
          member={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEp(saved);
            notify(editing === 'new' ? 'Membre ajouté.' : 'Membre modifié.');
            setEditing(null);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={removing !== null}
        title={`Retirer ${removing?.name ?? ''} de l’équipe ?`}
        confirmLabel="Retirer le membre"
        danger
        pending={pending}
        error={removeError}
        onConfirm={() => void remove()}
        onCancel={() => {
          setRemoving(null);
          setRemoveError(undefined);
        }}
      >
        Le membre ne sera plus convoqué ; il reste mentionné dans les séances passées.
      </ConfirmDialog>
    </Page>
  );
}

function NameForm({ ep, onSaved }: { ep: Ep | null; onSaved: (ep: Ep) => void }) {
  const api = useApi();
  const notify = useNotify();
  const [error, setError2] = useState<string>();
  const form = useForm<{ name: string }>({ defaultValues: { name: ep?.name ?? '' } });
  const submit = form.handleSubmit(async (values) => {
    const parsed = validateWith(nameSchema, values, form.setError);
    if (!parsed) return;
    try {
      const saved = await api.call('ep.save', parsed);
      onSaved(saved);
      form.reset({ name: saved.name });
      notify('Nom de l’équipe enregistré.');
      setError2(undefined);
    } catch (e) {
      const err = toApiError(e);
      if (applyApiFieldErrors(form.setError, err).length === 0) setError2(err.message);
    }
  });
  return (
    <Box component="form" noValidate onSubmit={(e) => void submit(e)} sx={{ display: 'flex', gap: 2, alignItems: 'flex-start', flexWrap: 'wrap' }}>
      <Box sx={{ flex: '1 1 320px' }}>
        <TextInput control={form.control} name="name" label="Nom de l’équipe" required fullWidth />
      </Box>
      <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
        {ep ? 'Renommer l’équipe' : 'Constituer l’équipe'}
      </Button>
      {error ? (
        <Alert severity="error" role="alert" sx={{ width: '100%' }}>
          {error}
        </Alert>
      ) : null}
    </Box>
  );
}

interface MemberForm {
  name: string;
  function: string;
  organisation: string;
  isPresident: boolean;
  substituteName: string;
  substituteFunction: string;
  address: string;
}

const ORGANISATION_OPTIONS = EP_ORGANISATIONS.map((o) => ({ value: o, label: EP_ORGANISATION_LABELS[o] }));

function MemberDialog({ member, onClose, onSaved }: { member: EpMember | null; onClose: () => void; onSaved: (ep: Ep) => void }) {
  const api = useApi();
  const titleId = useId();
  const [error, setError2] = useState<string>();
  const form = useForm<MemberForm>({
    defaultValues: {
      name: member?.name ?? '',
      function: member?.function ?? '',
      organisation: member?.organisation ?? '',
      isPresident: member?.isPresident ?? false,
      substituteName: member?.substituteName ?? '',
      substituteFunction: member?.substituteFunction ?? '',
      address: member?.address ?? '',
    },
  });
  const submit = form.handleSubmit(async (values) => {
    const parsed = validateWith(epMemberInputSchema, values, form.setError);
    if (!parsed) return;
    try {
      onSaved(member ? await api.call('ep.updateMember', { ...parsed, memberId: member.id }) : await api.call('ep.addMember', parsed));
    } catch (e) {
      const err = toApiError(e);
      if (applyApiFieldErrors(form.setError, err).length === 0) setError2(err.message);
    }
  });
  const title = member ? `Modifier le membre ${member.name}` : 'Ajouter un membre';
  return (
    <Dialog open onClose={onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <form noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {error ? (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            ) : null}
            <TextInput control={form.control} name="name" label="Nom du membre" required autoFocus fullWidth />
            <TextInput control={form.control} name="function" label="Fonction" required fullWidth />
            <SelectInput control={form.control} name="organisation" label="Organisme représenté" required options={ORGANISATION_OPTIONS} />
            <Controller
              control={form.control}
              name="isPresident"
              render={({ field }) => (
                <FormControlLabel
                  control={<Checkbox checked={field.value} onChange={(e) => field.onChange(e.target.checked)} slotProps={{ input: { ref: field.ref } }} />}
                  label="Président de l’équipe (Conseiller général)"
                />
              )}
            />
            <TextInput control={form.control} name="substituteName" label="Suppléant" fullWidth />
            <TextInput control={form.control} name="substituteFunction" label="Fonction du suppléant" fullWidth />
            <TextInput control={form.control} name="address" label="Adresse postale (convocations)" fullWidth multiline minRows={2} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Annuler</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {member ? 'Enregistrer le membre' : 'Ajouter le membre'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
