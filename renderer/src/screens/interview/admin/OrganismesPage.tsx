import { useState } from 'react';
import { Controller, useForm, type Control, type FieldPath } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
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
import { useApi, useApiQuery } from '../../../api/ApiContext';
import { Page } from '../../../kit/Page';
import { SelectInput, TextInput, type SelectOption } from '../../../kit/fields';
import { EntityDialog, EntityList, RemoveEntityDialog } from '../../../kit/EntityAdmin';

const TYPE_OPTIONS: SelectOption[] = ORGANISME_TYPES.map((t) => ({ value: t, label: ORGANISME_TYPE_LABELS[t] }));
const contact = (x: { telephone: string | null; email: string | null }) => [x.telephone, x.email].filter(Boolean).join(' · ') || '—';
const activeText = (x: { active: boolean }) => (x.active ? 'Actif' : 'Désactivé');

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
        <EntityList
          label="Organismes référents"
          list={organismes}
          loadingText="Chargement des organismes…"
          empty="Aucun organisme référent n’est enregistré."
          rowKey={(o) => o.id}
          columns={[
            { header: 'Nom', cell: (o) => o.name },
            { header: 'Type', cell: (o) => ORGANISME_TYPE_LABELS[o.type] },
            { header: 'Adresse', cell: (o) => o.address ?? '—' },
            { header: 'Contact', cell: contact },
            { header: 'État', cell: activeText },
          ]}
          edit={(o) => ({ text: 'Modifier', label: `Modifier l’organisme ${o.name}`, onClick: () => setOrganismeDialog({ organisme: o }) })}
          remove={(o) => ({ text: 'Supprimer', label: `Supprimer l’organisme ${o.name}`, onClick: () => setToRemove({ kind: 'organisme', item: o }) })}
        />
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
        <EntityList
          label="Référents"
          list={referents}
          loadingText="Chargement des référents…"
          empty={`Aucun référent n’est enregistré${organismes.data?.length ? '.' : ' : ajoutez d’abord un organisme.'}`}
          rowKey={(r) => r.id}
          columns={[
            { header: 'Nom', cell: (r) => r.name },
            { header: 'Organisme', cell: (r) => r.organismeName },
            { header: 'Contact', cell: contact },
            { header: 'Compte utilisateur', cell: (r) => r.user?.displayName ?? 'Aucun' },
            { header: 'État', cell: activeText },
          ]}
          edit={(r) => ({ text: 'Modifier', label: `Modifier le référent ${r.name}`, onClick: () => setReferentDialog({ referent: r }) })}
          remove={(r) => ({ text: 'Supprimer', label: `Supprimer le référent ${r.name}`, onClick: () => setToRemove({ kind: 'referent', item: r }) })}
        />
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
  return (
    <EntityDialog
      form={form}
      title={organisme ? `Modifier l’organisme ${organisme.name}` : 'Ajouter un organisme référent'}
      submitLabel={organisme ? 'Enregistrer' : 'Ajouter l’organisme'}
      onClose={onClose}
      save={async ({ active, ...input }) => {
        const saved = organisme ? await client.call('organismes.update', { ...input, id: organisme.id, active }) : await client.call('organismes.create', input);
        return organisme ? `L’organisme ${saved.name} est modifié.` : `L’organisme ${saved.name} est ajouté.`;
      }}
    >
      <TextInput control={form.control} name="name" label="Nom de l’organisme" required autoFocus autoComplete="off" />
      <SelectInput control={form.control} name="type" label="Type d’organisme" options={TYPE_OPTIONS} required hint="Détermine les orientations pour lesquelles il peut être choisi" />
      <TextInput control={form.control} name="address" label="Adresse" autoComplete="off" multiline minRows={2} />
      <TextInput control={form.control} name="telephone" label="Téléphone" type="tel" autoComplete="off" />
      <TextInput control={form.control} name="email" label="Adresse e-mail" type="email" autoComplete="off" />
      {organisme ? <ActiveCheckbox control={form.control} label="Organisme actif (proposé dans les nouvelles décisions)" /> : null}
    </EntityDialog>
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
  const staff = useApiQuery('users.staff', {});
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
  const organismeOptions = organismes
    .filter((o) => o.active || o.id === referent?.organismeId)
    .map((o) => ({ value: String(o.id), label: `${o.name} (${ORGANISME_TYPE_LABELS[o.type]})` }));
  const userOptions = (staff.data ?? [])
    .filter((s) => s.role === 'referent')
    .map((s) => ({ value: String(s.id), label: s.structure ? `${s.displayName} — ${s.structure}` : s.displayName }));
  return (
    <EntityDialog
      form={form}
      title={referent ? `Modifier le référent ${referent.name}` : 'Ajouter un référent'}
      submitLabel={referent ? 'Enregistrer' : 'Ajouter le référent'}
      onClose={onClose}
      save={async ({ active, ...input }) => {
        const saved = referent ? await client.call('referents.update', { ...input, id: referent.id, active }) : await client.call('referents.create', input);
        return referent ? `Le référent ${saved.name} est modifié.` : `Le référent ${saved.name} est ajouté.`;
      }}
    >
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
    </EntityDialog>
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
  const what = target ? (target.kind === 'organisme' ? `l’organisme ${target.item.name}` : `le référent ${target.item.name}`) : '';
  return (
    <RemoveEntityDialog
      open={target !== null}
      title={target ? `Supprimer ${what} ?` : ''}
      confirmLabel="Supprimer"
      onClose={onClose}
      remove={async () => {
        const t = target!;
        const result = t.kind === 'organisme' ? await client.call('organismes.remove', { id: t.item.id }) : await client.call('referents.remove', { id: t.item.id });
        const label = what.charAt(0).toUpperCase() + what.slice(1);
        return result.outcome === 'supprime' ? `${label} est supprimé.` : `${label} est cité par des décisions : il est désactivé.`;
      }}
    >
      S’il est déjà cité par une décision d’orientation, il sera désactivé plutôt que supprimé : il reste dans l’historique mais ne sera plus
      proposé.
    </RemoveEntityDialog>
  );
}
