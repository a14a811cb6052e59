import { useMemo, useRef, useState, type ReactNode } from 'react';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useFieldArray, useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import {
  SEXES,
  SITUATIONS_FAMILIALES,
  dossierCreateInputSchema,
  dossierUpdateInputSchema,
  type Dossier,
  type DossierCreateInput,
  type DossierUpdateInput,
} from '../../../../shared/api/dossier';
import { DOSSIER_FIELD_LABELS, dossierFieldLabel } from '../../../../shared/api/labels';
import { DIPLOMA_LEVELS } from '../../../../shared/domain/referentials/diplomas';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { paths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { LeaveGuard } from '../../kit/LeaveGuard';
import { Page } from '../../kit/Page';
import { DateField } from '../../kit/DateField';
import { RadioInput, SelectInput, TextInput, type SelectOption } from '../../kit/fields';
import { ErrorSummary, applyApiFieldErrors, flattenFieldErrors } from '../../kit/formErrors';
import { DraftOffer, DraftStatus } from '../../kit/DraftOffer';
import { ConflictNotice, useConflict } from '../../kit/ConflictNotice';
import { useFormDraft } from '../../kit/useFormDraft';
import { dossierDraftKey, emptyChild, emptyDossierValues, emptyIdentity, mergeDraft, valuesFromDossier, type DossierFormValues } from './formModel';
import { personName } from '../../../../shared/domain/format';

type Mode = 'create' | 'edit';
type ParsedDossier = z.output<typeof dossierCreateInputSchema> | z.output<typeof dossierUpdateInputSchema>;

const SEXE_OPTIONS: SelectOption[] = Object.entries(SEXES).map(([value, label]) => ({ value, label }));
const SITUATION_OPTIONS: SelectOption[] = Object.entries(SITUATIONS_FAMILIALES).map(([value, label]) => ({ value, label }));
const DIPLOMA_OPTIONS: SelectOption[] = DIPLOMA_LEVELS.map((l) => ({ value: l.code, label: l.label }));

export interface StaffMember {
  id: number;
  displayName: string;
  role: string;
  structure: string;
}

/** Route element: loads what the form needs (the dossier when editing, the staff), then shows it. */
export function DossierFormPage({ mode }: { mode: Mode }) {
  const params = useParams();
  const personId = mode === 'edit' ? Number(params.personId) : undefined;
  const validId = personId === undefined || (Number.isInteger(personId) && personId > 0);
  const canWrite = useCan(mode === 'create' ? 'dossiers.create' : 'dossiers.update');
  const dossier = useApiQuery('dossiers.get', { personId: personId ?? 0 }, { enabled: mode === 'edit' && validId });
  const staff = useApiQuery('users.staff', {});

  const title = mode === 'create' ? 'Nouveau dossier' : 'Modifier le dossier';
  if (!canWrite) {
    return (
      <Page title={title}>
        <Alert severity="warning">Votre rôle ne permet pas de créer ni de modifier les dossiers.</Alert>
      </Page>
    );
  }
  if (!validId) {
    return (
      <Page title={title}>
        <Alert severity="error">Ce dossier n’existe pas.</Alert>
      </Page>
    );
  }
  if (mode === 'edit' && !dossier.data) {
    return (
      <Page title={title}>
        {dossier.error ? (
          <Alert
            severity="error"
            role="alert"
            action={
              <Button color="inherit" onClick={dossier.reload}>
                Réessayer
              </Button>
            }
          >
            {dossier.error.message}
          </Alert>
        ) : (
          <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center' }}>
            <CircularProgress size={24} aria-hidden />
            Chargement du dossier…
          </Box>
        )}
      </Page>
    );
  }
  return (
    <DossierForm
      // Another dossier starts a fresh form; the same one read again (another desk's save, live) keeps the input.
      key={dossier.data ? dossier.data.person.id : 'new'}
      mode={mode}
      dossier={dossier.data}
      staff={staff.data ?? []}
      staffError={staff.error?.message}
    />
  );
}

interface DossierFormProps {
  mode: Mode;
  dossier: Dossier | undefined;
  staff: StaffMember[];
  staffError?: string | undefined;
}

/** Create and edit form of a dossier: foyer, person, conjoint (at creation). */
export function DossierForm({ mode, dossier, staff, staffError }: DossierFormProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const base = useMemo(() => (dossier ? valuesFromDossier(dossier) : emptyDossierValues()), [dossier]);
  const resolver = useMemo(
    () =>
      (mode === 'create' ? zodResolver(dossierCreateInputSchema) : zodResolver(dossierUpdateInputSchema)) as unknown as Resolver<
        DossierFormValues,
        unknown,
        ParsedDossier
      >,
    [mode],
  );
  const form = useForm<DossierFormValues, unknown, ParsedDossier>({ resolver, defaultValues: base });
  const { control } = form;
  const enfants = useFieldArray({ control, name: 'foyer.enfants' });
  const conjoint = useWatch({ control, name: 'conjoint' });
  const draft = useFormDraft({ key: dossierDraftKey(dossier?.person.id), form, baseline: base });
  const [serverError, setServerError] = useState<string>();
  // A stale save: the input stays, the differences with the saved version are shown (issue 14 §4).
  const conflict = useConflict({
    version: dossier?.version,
    load: () => client.call('dossiers.get', { personId: dossier!.person.id }),
    valuesOf: valuesFromDossier,
    versionOf: (d: Dossier) => d.version,
    // The form takes the saved version (read again just now); the draft of the replaced input goes.
    onTake: (values) => {
      form.reset(values);
      void draft.markSaved();
    },
    onKeep: (d) => form.setValue('version', d.version),
  });
  const allowLeave = useRef(false);
  const addChildRef = useRef<HTMLButtonElement>(null);
  const { isDirty, isSubmitting, errors, submitCount } = form.formState;

  const name = dossier ? personName(dossier.person) : '';
  const title = mode === 'create' ? 'Nouveau dossier' : `Modifier le dossier de ${name}`;

  const referentOptions = staffOptions(staff, 'referent', base.person.referentId, dossier?.person.referent);
  const correspondantOptions = staffOptions(staff, 'correspondant', base.person.correspondantId, dossier?.person.correspondant);

  const onSubmit = form.handleSubmit(async (parsed) => {
    setServerError(undefined);
    try {
      const saved =
        mode === 'create'
          ? await client.call('dossiers.create', parsed as DossierCreateInput)
          : await client.call('dossiers.update', parsed as DossierUpdateInput);
      await draft.markSaved();
      allowLeave.current = true;
      notify(mode === 'create' ? 'Le dossier est créé.' : 'Les modifications du dossier sont enregistrées.');
      void navigate(paths.dossier(saved.person.id));
    } catch (e) {
      const error = toApiError(e);
      const mapped = applyApiFieldErrors(form.setError, error);
      if (mode === 'edit' && mapped.length === 0 && conflict.detect(error, form.getValues())) return;
      setServerError(error.message);
    }
  });

  const restoreDraft = () => {
    const data = draft.take();
    form.reset(mergeDraft(base, data), { keepDefaultValues: true });
  };

  const fieldErrors = submitCount > 0 || serverError ? flattenFieldErrors(errors) : [];

  return (
    <Page
      title={title}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          Les champs marqués d’un astérisque (*) sont obligatoires.
        </Typography>
      }
    >
      <DraftOffer draft={draft} onRestore={restoreDraft} />
      {staffError ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          La liste des référents et correspondants n’a pas pu être chargée : {staffError}
        </Alert>
      ) : null}
      <ErrorSummary
        message={serverError}
        errors={fieldErrors}
        labelOf={dossierFieldLabel}
        onSelect={(path) => form.setFocus(path as Parameters<typeof form.setFocus>[0])}
      />
      <Box component="form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={title}>
        <Section id="section-foyer" title="Foyer">
          <Grid container spacing={2.5}>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <TextInput
                control={control}
                name="foyer.cafNumber"
                label="N° allocataire CAF"
                required
                hint="7 chiffres"
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7, autoComplete: 'off' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <DateField control={control} name="foyer.rsaDepuis" label="RSA depuis le" disableFuture />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <SelectInput control={control} name="foyer.situationFamiliale" label="Situation familiale" options={SITUATION_OPTIONS} required />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput control={control} name="foyer.address.line1" label="Adresse" required autoComplete="off" hint="Numéro et voie" />
            </Grid>
            <Grid size={{ xs: 12, md: 6 }}>
              <TextInput control={control} name="foyer.address.line2" label="Complément d’adresse" autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4, md: 3 }}>
              <TextInput
                control={control}
                name="foyer.address.postalCode"
                label="Code postal"
                required
                slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5, autoComplete: 'off' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 8, md: 5 }}>
              <TextInput control={control} name="foyer.address.city" label="Commune" required autoComplete="off" />
            </Grid>
          </Grid>
          <Typography variant="h3" component="h3" sx={{ mt: 3, mb: 1.5 }} id="enfants-heading">
            Enfants à charge
          </Typography>
          {enfants.fields.length === 0 ? <Typography sx={{ mb: 1.5 }}>Aucun enfant à charge saisi.</Typography> : null}
          <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-labelledby="enfants-heading">
            {enfants.fields.map((child, index) => (
              <Box component="li" key={child.id}>
                <Grid container spacing={2} sx={{ alignItems: 'flex-start' }}>
                  <Grid size={{ xs: 12, sm: 5 }}>
                    <TextInput control={control} name={`foyer.enfants.${index}.prenom`} label={`Prénom de l’enfant ${index + 1}`} required />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 4 }}>
                    <DateField
                      control={control}
                      name={`foyer.enfants.${index}.dateNaissance`}
                      label={`Date de naissance de l’enfant ${index + 1}`}
                      required
                      disableFuture
                    />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 3 }}>
                    <Button
                      color="error"
                      startIcon={<DeleteIcon />}
                      onClick={() => {
                        enfants.remove(index);
                        addChildRef.current?.focus();
                      }}
                      sx={{ mt: 1 }}
                    >
                      Retirer l’enfant {index + 1}
                    </Button>
                  </Grid>
                </Grid>
              </Box>
            ))}
          </Stack>
          <Button
            ref={addChildRef}
            startIcon={<AddIcon />}
            onClick={() => enfants.append(emptyChild(), { focusName: `foyer.enfants.${enfants.fields.length}.prenom` })}
            disabled={enfants.fields.length >= 20}
            sx={{ mt: 1.5 }}
          >
            Ajouter un enfant
          </Button>
        </Section>

        <Section id="section-personne" title="Personne">
          <Grid container spacing={2.5}>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput control={control} name="person.nomPatronymique" label="Nom patronymique" required autoComplete="off" hint="Nom de naissance" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput control={control} name="person.nomUsage" label="Nom d’usage" autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput control={control} name="person.prenoms" label="Prénoms" required autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <RadioInput control={control} name="person.sexe" label="Sexe" options={SEXE_OPTIONS} required />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <DateField control={control} name="person.dateNaissance" label="Date de naissance" required disableFuture />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput
                control={control}
                name="person.peNumber"
                label="N° France Travail (ex-Pôle Emploi)"
                hint="7 chiffres et 1 chiffre ou lettre"
                slotProps={{ htmlInput: { maxLength: 8, autoComplete: 'off' } }}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <TextInput control={control} name="person.telephone" label="Téléphone" type="tel" autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <TextInput control={control} name="person.portable" label="Portable" type="tel" autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <TextInput control={control} name="person.email" label="Adresse e-mail" type="email" autoComplete="off" />
            </Grid>
            <Grid size={{ xs: 12, md: 4 }}>
              <SelectInput
                control={control}
                name="person.niveauFormation"
                label="Niveau de formation"
                options={DIPLOMA_OPTIONS}
                emptyLabel="— Non renseigné —"
                hint="Annexe 1 du livret"
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <SelectInput control={control} name="person.referentId" label="Référent" options={referentOptions} numeric emptyLabel="— Aucun —" />
            </Grid>
            <Grid size={{ xs: 12, sm: 6, md: 4 }}>
              <SelectInput
                control={control}
                name="person.correspondantId"
                label="Correspondant"
                options={correspondantOptions}
                numeric
                emptyLabel="— Aucun —"
              />
            </Grid>
          </Grid>
        </Section>

        <Section id="section-conjoint" title="Conjoint">
          {mode === 'create' ? (
            <>
              <FormControlLabel
                control={
                  <Checkbox
                    checked={conjoint !== null}
                    onChange={(e) =>
                      form.setValue('conjoint', e.target.checked ? emptyIdentity() : null, { shouldDirty: true, shouldValidate: submitCount > 0 })
                    }
                  />
                }
                label="Le foyer compte un conjoint"
              />
              {conjoint !== null ? (
                <Grid container spacing={2.5} sx={{ mt: 1 }}>
                  <Grid size={{ xs: 12, md: 4 }}>
                    <TextInput control={control} name="conjoint.nomPatronymique" label="Nom patronymique du conjoint" required autoComplete="off" />
                  </Grid>
                  <Grid size={{ xs: 12, md: 4 }}>
                    <TextInput control={control} name="conjoint.nomUsage" label="Nom d’usage du conjoint" autoComplete="off" />
                  </Grid>
                  <Grid size={{ xs: 12, md: 4 }}>
                    <TextInput control={control} name="conjoint.prenoms" label="Prénoms du conjoint" required autoComplete="off" />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6, md: 4 }}>
                    <RadioInput control={control} name="conjoint.sexe" label="Sexe du conjoint" options={SEXE_OPTIONS} required />
                  </Grid>
                  <Grid size={{ xs: 12, sm: 6, md: 4 }}>
                    <DateField control={control} name="conjoint.dateNaissance" label="Date de naissance du conjoint" required disableFuture />
                  </Grid>
                  <Grid size={{ xs: 12 }}>
                    <Typography color="text.secondary">Le conjoint aura son propre dossier, dans le même foyer.</Typography>
                  </Grid>
                </Grid>
              ) : null}
            </>
          ) : (
            <ConjointSummary dossier={dossier} />
          )}
        </Section>

        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
          <Button type="submit" variant="contained" size="large" disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : mode === 'create' ? 'Créer le dossier' : 'Enregistrer les modifications'}
          </Button>
          <Button size="large" onClick={() => void navigate(dossier ? paths.dossier(dossier.person.id) : paths.beneficiaries)}>
            Annuler
          </Button>
          <DraftStatus draft={draft} />
        </Stack>
      </Box>

      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="Vos modifications ne sont pas enregistrées dans le dossier. Elles restent disponibles en brouillon : il vous sera proposé de les reprendre en revenant sur ce formulaire."
      />
      <Dialog
        open={conflict.notice !== null && (conflict.notice.saved !== null || conflict.notice.loadError !== undefined)}
        onClose={() => conflict.notice?.onKeep()}
        aria-labelledby="conflict-title"
        maxWidth="md"
      >
        <DialogTitle id="conflict-title">Dossier modifié entre-temps</DialogTitle>
        <DialogContent>
          {conflict.notice ? <ConflictNotice {...conflict.notice} labels={DOSSIER_FIELD_LABELS} takeLabel="Recharger le dossier" /> : null}
        </DialogContent>
      </Dialog>
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper component="section" variant="outlined" aria-labelledby={`${id}-title`} sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
      <Typography variant="h2" id={`${id}-title`} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function ConjointSummary({ dossier }: { dossier: Dossier | undefined }) {
  const others = dossier?.others ?? [];
  if (others.length === 0) return <Typography>Aucun conjoint n’est enregistré dans ce foyer.</Typography>;
  return (
    <Stack spacing={1}>
      {others.map((o) => (
        <Typography key={o.id}>
          {o.roleInFoyer === 'conjoint' ? 'Conjoint' : 'Allocataire'} :{' '}
          <Link component={RouterLink} to={paths.dossier(o.id)}>
            {personName(o)}
          </Link>{' '}
          (son identité se modifie dans son propre dossier)
        </Typography>
      ))}
    </Stack>
  );
}

/** Staff of a role as options; keeps the current choice even if that person is no longer listed. */
function staffOptions(
  staff: StaffMember[],
  role: 'referent' | 'correspondant',
  currentId: number | null,
  current: { id: number; displayName: string } | null | undefined,
): SelectOption[] {
  const options = staff
    .filter((s) => s.role === role)
    .map((s) => ({ value: String(s.id), label: s.structure ? `${s.displayName} — ${s.structure}` : s.displayName }));
  if (currentId !== null && !options.some((o) => o.value === String(currentId))) {
    options.push({ value: String(currentId), label: current?.displayName ?? `Compte n° ${currentId}` });
  }
  return options;
}

