import { useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useForm, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Grid from '@mui/material/Grid';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { FicheForm, FicheView } from '../../../../shared/api/fiches';
import {
  ACTIONS_CG_LISTS,
  FICHE_TYPE_LABELS,
  REORIENTATION_MOTIF_LABELS,
  REQUIRED_SIGNATURES,
  SUSPENSION_MOTIF_LABELS,
  type FicheType,
} from '../../../../shared/domain/rules/fiche-liaison';
import { ORIENTATION_LABELS } from '../../../../shared/domain/rules/orientation';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { toIsoDate } from '../../kit/format';
import { useNotify } from '../../kit/notifications';
import { paths, fichePaths } from '../../kit/paths';
import { useCan } from '../../kit/permissions';
import { LeaveGuard } from '../../kit/LeaveGuard';
import { Page } from '../../kit/Page';
import { RadioInput } from '../../kit/fields';
import { flattenFieldErrors } from '../../kit/formErrors';
import { ConflictNotice, useConflict } from '../../kit/ConflictNotice';
import { useFormDraft } from '../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../kit/DraftOffer';
import { useStepWizard } from '../../kit/useStepWizard';
import { WizardButtons, WizardForm, WizardSteps } from '../../kit/Wizard';
import { Loaded } from '../../kit/status';
import { validId } from '../../kit/routeParams';
import { PapEditor, type PapForm } from '../../kit/pap/PapEditor';
import { ROOT_FIELD as ROOT_ERROR_KEY } from '../../../../shared/api/errors';
import { CheckboxR, DateFieldR, TextFieldR } from '../../kit/formFields';
import { AttachmentsPanel } from './AttachmentsPanel';
import { AdministratifBlock, EmailDraftButton, SendSection } from './FicheParts';
import {
  FICHE_FIELD_LABELS,
  ficheDraftKey,
  fichePathOf,
  ficheResolver,
  isFicheType,
  mergeFicheDraft,
  missingBeforeSending,
  valuesFromPrefill,
  valuesFromView,
  type FichePrefill,
  type FicheFormValues,
} from './ficheFormModel';
import { formatDate, personName } from '../../../../shared/domain/format';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Form = UseFormReturn<FicheFormValues, any, FicheForm>;
const f = (p: string) => p as FieldPath<FicheFormValues>;

const STEPS = ['Informations administratives', 'La demande', 'Pièces jointes et envoi'] as const;
const TYPE_OPTIONS = (Object.entries(FICHE_TYPE_LABELS) as [FicheType, string][]).map(([value, label]) => ({ value, label }));

/** Route `/beneficiaires/:personId/fiches/nouvelle?type=…&contrat=…`. */
export function NewFichePage() {
  const personId = validId(useParams().personId);
  const [search] = useSearchParams();
  const canWrite = useCan('fiches.create');
  const prefill = useApiQuery('fiches.prefill', { personId: personId ?? 0 }, { enabled: personId !== null && canWrite });
  const requested = search.get('type');
  const contractId = validId(search.get('contrat') ?? undefined) ?? undefined;
  // `?type=reorientation&motif=radiation_pole_emploi`: the desk's one-click demande de réorientation.
  const motif = requested === 'reorientation' ? (search.get('motif') ?? undefined) : undefined;
  if (!canWrite || personId === null) {
    return (
      <Page title="Nouvelle fiche de liaison">
        <Alert severity={canWrite ? 'error' : 'warning'}>{canWrite ? 'Ce dossier n’existe pas.' : 'Votre rôle ne permet pas de rédiger de fiche de liaison.'}</Alert>
      </Page>
    );
  }
  return (
    <Loaded title="Nouvelle fiche de liaison" error={prefill.error} loading={!prefill.data} onRetry={prefill.reload} what="du dossier">
      {() => (
        <FicheWizard
          personId={personId}
          prefill={prefill.data!}
          initialType={isFicheType(requested) ? requested : ''}
          contractId={contractId}
          initialMotif={motif && motif in REORIENTATION_MOTIF_LABELS ? motif : undefined}
        />
      )}
    </Loaded>
  );
}

/** Route `/fiches-de-liaison/:ficheId/modifier[?etape=3]`: a draft fiche in the wizard. */
export function EditFichePage() {
  const ficheId = validId(useParams().ficheId);
  const [search] = useSearchParams();
  const fiche = useApiQuery('fiches.get', { ficheId: ficheId ?? 0 }, { enabled: ficheId !== null });
  const personId = fiche.data?.personId;
  const prefill = useApiQuery('fiches.prefill', { personId: personId ?? 0 }, { enabled: personId !== undefined });
  if (ficheId === null) {
    return (
      <Page title="Modifier la fiche de liaison">
        <Alert severity="error">Cette fiche n’existe pas.</Alert>
      </Page>
    );
  }
  return (
    <Loaded
      title="Modifier la fiche de liaison"
      error={fiche.error ?? prefill.error}
      loading={!fiche.data || !prefill.data}
      onRetry={() => {
        fiche.reload();
        prefill.reload();
      }}
      what="de la fiche"
    >
      {() => {
        const view = fiche.data!;
        if (!view.allowedActions.includes('modifier')) {
          return (
            <Page title="Modifier la fiche de liaison">
              <Alert severity="info" sx={{ mb: 2 }}>{`Cette fiche est « ${view.statusLabel} » : elle ne se modifie plus.`}</Alert>
              <Link component={RouterLink} to={fichePaths.fiche(view.id)}>
                Voir la fiche
              </Link>
            </Page>
          );
        }
        return (
          <FicheWizard
            key={view.id}
            personId={view.personId}
            prefill={prefill.data!}
            fiche={view}
            initialType={view.fiche.type}
            startStep={search.get('etape') === '3' ? 2 : 0}
          />
        );
      }}
    </Loaded>
  );
}

export interface FicheWizardProps {
  personId: number;
  prefill: FichePrefill;
  fiche?: FicheView;
  initialType: FicheType | '';
  contractId?: number | undefined;
  /** A new réorientation's motif, chosen beforehand (a radiation from France Travail). */
  initialMotif?: string | undefined;
  startStep?: number;
  today?: string;
}

/**
 * Fiche de liaison référent – Conseil Général (Annexe 7): page 1 the administrative part and the request; then
 * only the parts that request needs; then the files and the sending, refused while something is missing.
 */
export function FicheWizard({ personId, prefill, fiche, initialType, contractId, initialMotif, startStep = 0, today = toIsoDate(new Date()) }: FicheWizardProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const base = useMemo(
    () => (fiche ? valuesFromView(fiche) : { ...valuesFromPrefill(prefill, today, initialType, contractId), ...(initialMotif ? { motif: initialMotif } : {}) }),
    [fiche, prefill, today, initialType, contractId, initialMotif],
  );
  const amended = prefill.avenantContract;
  const amendedDates = useMemo(() => (amended ? { start: amended.start, end: amended.end } : null), [amended]);
  const resolver = useMemo(() => ficheResolver(() => amendedDates), [amendedDates]);
  const form: Form = useForm<FicheFormValues, unknown, FicheForm>({ resolver, defaultValues: base, mode: 'onBlur' });
  const draft = useFormDraft({ key: ficheDraftKey(personId, fiche?.id), form, baseline: base });
  const [saved, setSaved] = useState<FicheView | undefined>(fiche);
  const allowLeave = useRef(false);
  // A stale save: the input stays, the differences with the saved version are shown (issue 14 §4).
  const conflict = useConflict({
    version: saved?.version,
    load: () => client.call('fiches.get', { ficheId: saved!.id }),
    valuesOf: valuesFromView,
    versionOf: (v: FicheView) => v.version,
    onTake: (taken, view) => {
      form.reset(taken, { keepDefaultValues: true });
      setSaved(view);
    },
    onKeep: setSaved,
  });
  const values = useWatch({ control: form.control }) as FicheFormValues;
  const type = values.type;
  const { isDirty, isSubmitting, errors } = form.formState;
  const wizard = useStepWizard({
    form,
    count: STEPS.length,
    initial: fiche ? startStep : 0,
    fieldsOf: (s) => (s === 0 ? ['type', 'date'] : []),
    stepOf: (path) => (path === 'type' || path === 'date' ? 0 : 1),
    check: async (s) => {
      if (s === 1) return saveDraft();
      // An avenant starts from the current PAP of the contract it amends.
      if (form.getValues('type') === 'avenant' && amended && form.getValues('pap.actions').length === 0) {
        form.setValue('contractId', amended.id, { shouldDirty: true });
        form.setValue('pap.actions', valuesFromPrefill(prefill, today, 'avenant', amended.id).pap.actions, { shouldDirty: true });
      }
      return true;
    },
  });
  const { step, serverError } = wizard;
  const name = personName(prefill.administratif.beneficiaire);
  const title = fiche ? `Fiche de liaison de ${name}` : `Nouvelle fiche de liaison pour ${name}`;

  const contractDates = prefill.administratif.contrat ? { start: prefill.administratif.contrat.start, end: prefill.administratif.contrat.end } : null;
  const clientMissing = missingBeforeSending(values, {
    attachments: saved?.attachments ?? [],
    edeId: prefill.latestEde?.id ?? null,
    contract: contractDates,
    amended: amendedDates,
  }).map((m) => m.message);
  const missing = [...new Set([...clientMissing, ...(saved?.status === 'brouillon' ? saved.missing : [])])];

  const reloadSaved = async () => {
    if (!saved) return;
    try {
      setSaved(await client.call('fiches.get', { ficheId: saved.id }));
    } catch (e) {
      wizard.setServerError(toApiError(e).message);
    }
  };

  /** Saves the draft fiche on the server (create or update); true: go on to the files and sending step. */
  const saveDraft = async () => {
    let goOn = false;
    await form.handleSubmit(async (parsed) => {
      try {
        const view = saved
          ? await client.call('fiches.update', { ...parsed, ficheId: saved.id, version: conflict.version ?? saved.version } as never)
          : await client.call('fiches.create', { ...parsed, personId } as never);
        setSaved(view);
        if (!fiche) {
          // The fiche exists now: carry on in its own form (its draft key, its address).
          await draft.markSaved();
          allowLeave.current = true;
          notify('La fiche est enregistrée en brouillon.');
          void navigate(`${fichePaths.edit(view.id)}?etape=3`, { replace: true });
          return;
        }
        form.reset(form.getValues());
        goOn = true;
      } catch (e) {
        const error = toApiError(e);
        if (saved && !error.fieldErrors && conflict.detect(error, form.getValues())) return;
        wizard.setServerError(error.fieldErrors?.[ROOT_ERROR_KEY] ?? error.message);
        Object.entries(error.fieldErrors ?? {})
          .filter(([p]) => p !== ROOT_ERROR_KEY)
          .forEach(([p, message], i) => form.setError(f(fichePathOf(p, form.getValues())), { type: 'server', message }, { shouldFocus: i === 0 }));
      }
    })();
    return goOn;
  };

  const stepErrors = wizard.attempted || serverError ? flattenFieldErrors(errors) : [];

  return (
    <Page
      title={title}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          {saved ? `${saved.typeLabel} — ${saved.statusLabel}` : 'Fiche de liaison référent – Conseil Général (Annexe 7)'}
        </Typography>
      }
    >
      <DraftOffer draft={draft} onRestore={() => form.reset(mergeFicheDraft(base, draft.take()), { keepDefaultValues: true })} />
      {conflict.notice ? <ConflictNotice {...conflict.notice} labels={FICHE_FIELD_LABELS} /> : null}
      <WizardSteps wizard={wizard} labels={STEPS} label="Étapes de la fiche de liaison" />
      <WizardForm
        wizard={wizard}
        heading={`Étape ${step + 1} sur ${STEPS.length} : ${STEPS[step]}`}
        onSubmit={wizard.onSubmit(() => undefined)}
        summary={{ message: serverError, errors: stepErrors }}
        actions={
          <WizardButtons
            wizard={wizard}
            submitLabel={step === 0 ? 'Suivant' : step === 1 ? (isSubmitting ? 'Enregistrement…' : 'Enregistrer et continuer') : null}
            pending={isSubmitting}
            onCancel={() => void navigate(saved ? fichePaths.fiche(saved.id) : paths.dossier(personId))}
            cancelLabel={step === 2 ? 'Terminer plus tard' : 'Annuler'}
          >
            <DraftStatus draft={draft} />
          </WizardButtons>
        }
      >
        {step === 0 ? (
          <Stack spacing={3}>
            <AdministratifBlock data={saved?.administratif ?? prefill.administratif} personId={personId} editable />
            <RadioInput control={form.control} name="type" label="Objet de la demande" options={TYPE_OPTIONS} required />
            <Box sx={{ maxWidth: 280 }}>
              <DateFieldR control={form.control} name="date" label="Date de la demande" required />
            </Box>
          </Stack>
        ) : null}
        {step === 1 ? <RequestStep form={form} prefill={prefill} type={type} /> : null}
        {step === 2 && saved ? (
          <Stack spacing={3}>
            <Typography>{`${FICHE_TYPE_LABELS[saved.fiche.type]}, demande du ${formatDate(saved.fiche.date)}.`}</Typography>
            {saved.fiche.type === 'appui' ? (
              <Box>
                <Typography sx={{ mb: 1 }}>Une demande d’appui peut partir sous forme d’e-mail : préparez-le, ou envoyez la fiche.</Typography>
                <EmailDraftButton ficheId={saved.id} />
              </Box>
            ) : null}
            <AttachmentsPanel
              ficheId={saved.id}
              attachments={saved.attachments}
              editable={saved.allowedActions.includes('joindre')}
              defaultKind={saved.fiche.type === 'suspension' ? 'convocation' : saved.fiche.type === 'actions_cg' ? 'cv' : 'autre'}
              onChanged={() => void reloadSaved()}
              today={today}
            />
            <SendSection
              fiche={saved}
              missing={missing}
              onSent={(view) => {
                void draft.markSaved();
                allowLeave.current = true;
                notify('La fiche est envoyée au correspondant.');
                void navigate(fichePaths.fiche(view.id));
              }}
            />
          </Stack>
        ) : null}
      </WizardForm>
      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="La fiche n’est pas enregistrée. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Page>
  );
}

function RequestStep({ form, prefill, type }: { form: Form; prefill: FichePrefill; type: FicheType | '' }) {
  const { control } = form;
  if (type === '') return <Alert severity="warning">Choisissez d’abord l’objet de la demande (étape 1).</Alert>;
  const signatures = REQUIRED_SIGNATURES[type];
  return (
    <Stack spacing={3}>
      <Typography variant="h3">{FICHE_TYPE_LABELS[type]}</Typography>
      {type === 'appui' ? (
        <>
          <TextFieldR
            control={control}
            name="texte"
            label="Objet de la demande d’appui"
            required
            multiline
            minRows={5}
            hint="Demande diverse en lien avec le contrat, ou problème rencontré avec le bénéficiaire."
          />
          <CheckboxR control={control} name="parCourriel" label="Demande envoyée par e-mail (dématérialisée)" hint="Une demande d’appui n’a pas besoin de signature." />
        </>
      ) : null}
      {type === 'reorientation' ? (
        <>
          <RadioInput
            control={control}
            name="motif"
            label="Motif de la demande"
            required
            options={Object.entries(REORIENTATION_MOTIF_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <TextFieldR control={control} name="motifPrecision" label="Précisions sur le motif" multiline minRows={3} hint="Obligatoire pour le motif « Autres »." />
          <RadioInput
            control={control}
            name="cible"
            label="Orientation demandée"
            required
            options={Object.entries(ORIENTATION_LABELS).map(([value, label]) => ({ value, label }))}
          />
          {prefill.latestEde ? (
            <Alert severity="info">{`L’échelle de distance à l’emploi du ${formatDate(prefill.latestEde.date)} sera jointe automatiquement.`}</Alert>
          ) : (
            <Alert severity="warning">
              Aucune échelle de distance à l’emploi n’est enregistrée : elle doit accompagner chaque demande de réorientation. Réalisez-la avant l’envoi.
            </Alert>
          )}
        </>
      ) : null}
      {type === 'suspension' ? (
        <>
          <RadioInput
            control={control}
            name="motif"
            label="Motif de la suspension"
            required
            options={Object.entries(SUSPENSION_MOTIF_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <TextFieldR control={control} name="motifPrecision" label="Motif de la demande" required multiline minRows={3} />
          <Alert severity="info">Joignez les différents courriers de convocation à l’étape suivante : ils sont obligatoires pour une suspension.</Alert>
        </>
      ) : null}
      {type === 'actions_cg' ? <ActionsCgChoices form={form} /> : null}
      {type === 'avenant' ? <AvenantPart form={form} prefill={prefill} /> : null}
      {type !== 'appui' ? (
        <TextFieldR control={control} name="texte" label="Commentaire du référent" multiline minRows={3} hint="Facultatif : pour détailler la demande." />
      ) : null}
      {signatures.length > 0 ? (
        <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
          <Typography component="legend" variant="h4" sx={{ mb: 1.5 }}>
            Signatures
          </Typography>
          <Grid container spacing={2.5}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <TextFieldR control={control} name="lieu" label="Fait à" />
            </Grid>
            <Grid size={{ xs: 12, sm: 4 }}>
              <DateFieldR control={control} name="signatures.referent" label="Signature du référent (date)" required hint="Date à laquelle le référent a signé." />
            </Grid>
            {signatures.includes('beneficiaire') ? (
              <Grid size={{ xs: 12, sm: 4 }}>
                <DateFieldR
                  control={control}
                  name="signatures.beneficiaire"
                  label="Signature du bénéficiaire (date)"
                  required
                  hint="Date à laquelle le bénéficiaire a signé."
                />
              </Grid>
            ) : null}
          </Grid>
        </Box>
      ) : null}
      <TextFieldR control={control} name="remarquesBeneficiaire" label="Remarques du bénéficiaire" multiline minRows={2} />
    </Stack>
  );
}

/** « DEMANDE D’ACTION CONSEIL GENERAL »: the boxes of Annexe 7's three lists; « précisez » when the box asks for it. */
function ActionsCgChoices({ form }: { form: Form }) {
  const { control, setValue } = form;
  const checked = useWatch({ control, name: 'actionsCg' }) ?? [];
  const precisionErrors = (form.formState.errors.actionsCgPrecision ?? {}) as Record<string, { message?: string } | undefined>;
  const listError = form.formState.errors.actionsCg?.message;
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...checked, code] : checked.filter((c) => c !== code);
    setValue('actionsCg', next, { shouldDirty: true });
  };
  return (
    <Stack spacing={2.5}>
      {listError ? <Alert severity="error">{listError}</Alert> : null}
      {ACTIONS_CG_LISTS.map((list) => (
        <Box key={list.code} component="fieldset" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 2, m: 0 }}>
          <Typography component="legend" sx={{ fontWeight: 700, px: 1 }}>
            {list.label}
          </Typography>
          {list.groups.map((group) => (
            <Box key={group.label} role="group" aria-label={group.label} sx={{ mb: 1.5 }}>
              <Typography variant="body2" sx={{ fontWeight: 700, mt: 1 }} aria-hidden>
                {group.label}
              </Typography>
              {group.options.map((o) => (
                <Box key={o.code}>
                  <FormControlLabel
                    label={o.requiresCv ? `${o.label} (joindre le CV)` : o.label}
                    control={<Checkbox checked={checked.includes(o.code)} onChange={(e) => toggle(o.code, e.target.checked)} name={`actionsCg-${o.code}`} />}
                  />
                  {o.requiresPrecision && checked.includes(o.code) ? (
                    <Box sx={{ ml: 4, mb: 1 }}>
                      <TextFieldR
                        control={control}
                        name={f(`actionsCgPrecision.${o.code}`)}
                        label={`Précisez : action et organisme (${o.label})`}
                        required
                        ruleError={precisionErrors[o.code]?.message}
                      />
                    </Box>
                  ) : null}
                </Box>
              ))}
            </Box>
          ))}
        </Box>
      ))}
      <TextFieldR control={control} name="structureSouhaitee" label="Structure souhaitée" />
    </Stack>
  );
}

/** Avenant: the reasons and the modified PAP (whole table) of the contract in force; its duration does not change. */
function AvenantPart({ form, prefill }: { form: Form; prefill: FichePrefill }) {
  const amended = prefill.avenantContract;
  const contract = useMemo(
    () => (amended ? { type: amended.type, start: amended.start, end: amended.end, durationMonths: null } : null),
    [amended],
  );
  if (!amended || !contract) {
    return (
      <Alert severity="warning">
        Aucun contrat validé ou en cours : un avenant modifie le PAP d’un contrat en cours de validité.
      </Alert>
    );
  }
  return (
    <Stack spacing={2.5}>
      <Alert severity="info">
        {`Avenant au ${amended.type} du ${formatDate(amended.start)} au ${formatDate(amended.end)} (PAP version ${amended.papVersion}). L’avenant ne modifie pas la durée du contrat.`}
      </Alert>
      <TextFieldR control={form.control} name="motif" label="Raisons de la modification du PAP" required multiline minRows={3} />
      <Typography variant="h4" component="h4">
        Plan d’accompagnement modifié
      </Typography>
      <PapEditor form={form as unknown as PapForm} contract={contract} />
    </Stack>
  );
}

