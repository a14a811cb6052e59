import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { useFieldArray, useForm, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import { CONTRACT_TYPE_LABELS, type ContractForm, type ContractPrefill, type ContractView } from '../../../../shared/api/contracts';
import { CONTRACT_DURATIONS } from '../../../../shared/domain/rules/contracts';
import { ORIENTATION_LABELS } from '../../../../shared/domain/rules/orientation';
import { RESULTAT_LABELS } from '../../../../shared/domain/rules/pap';
import { toApiError, useApi } from '../../api/ApiContext';
import { useNotify } from '../../kit/notifications';
import { LeaveGuard } from '../../kit/LeaveGuard';
import { Page } from '../../kit/Page';
import { flattenFieldErrors } from '../../kit/formErrors';
import { ConflictNotice, useConflict } from '../../kit/ConflictNotice';
import { useFormDraft } from '../../kit/useFormDraft';
import { DraftOffer, DraftStatus } from '../../kit/DraftOffer';
import { useStepWizard } from '../../kit/useStepWizard';
import { WizardButtons, WizardForm, WizardSteps } from '../../kit/Wizard';
import { MetiersStep, SituationStep, SuiviEmploiEditor } from './CerpParts';
import { EtatCivilList } from '../../kit/EtatCivil';
import { Term } from '../../kit/Term';
import { PapEditor, type PapForm } from '../../kit/pap/PapEditor';
import {
  contractDraftKey,
  contractResolver,
  contractSteps,
  fieldPathOf,
  mergeContractDraft,
  stepOfPath,
  valuesFromContract,
  valuesFromPrefill,
  CONTRACT_FIELD_LABELS,
  ROOT_ERROR_KEY,
  type ContractFormValues,
} from './contractFormModel';
import { contractPeriod, papIssues, themeLabel, type ContractKind } from '../../kit/pap/papModel';
import { DateFieldR, SelectFieldR, TextFieldR } from '../../kit/formFields';
import { contractPaths } from '../../kit/paths';
import { formatDate, personName, plural } from '../../../../shared/domain/format';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Form = UseFormReturn<ContractFormValues, any, ContractForm>;
const f = (path: string) => path as FieldPath<ContractFormValues>;

export interface ContractWizardProps {
  personId: number;
  prefill: ContractPrefill;
  /** Editing a draft (or a renewal); absent: a new contract. */
  contract?: ContractView | undefined;
  /** The type of a new contract (from the orientation). */
  type: ContractKind;
  onReload?: () => void;
}

/**
 * CERS and CERP wizards (Annexe 5): état civil from the dossier, objectifs, the PAP, the référent's part and the
 * beneficiary's remarks; the CERP adds the situation professionnelle, the métiers recherchés (ROME) and the fiche
 * de suivi emploi. Each step is checked by the shared schema (and the PAP by the handbook's rules) before the
 * next one; drafts are saved as the user types.
 */
export function ContractWizard({ personId, prefill, contract, type, onReload }: ContractWizardProps) {
  const client = useApi();
  const navigate = useNavigate();
  const notify = useNotify();
  const steps = useMemo(() => contractSteps(type), [type]);
  const base = useMemo(() => (contract ? valuesFromContract(contract) : valuesFromPrefill(prefill, type)), [contract, prefill, type]);
  const resolver = useMemo(() => contractResolver(), []);
  const form: Form = useForm<ContractFormValues, unknown, ContractForm>({ resolver, defaultValues: base, mode: 'onBlur' });
  const draft = useFormDraft({ key: contractDraftKey(personId, contract?.id), form, baseline: base });
  // A stale save: the input stays, the differences with the saved version are shown (issue 14 §4).
  const [openedVersion] = useState(contract?.version);
  const conflict = useConflict({
    // The version the input is based on: the contract read again meanwhile (live updates) does not change it.
    version: openedVersion,
    load: () => client.call('contracts.get', { contractId: contract!.id }),
    valuesOf: valuesFromContract,
    versionOf: (c: ContractView) => c.version,
    onTake: (values) => {
      form.reset(values, { keepDefaultValues: true });
      // The draft of the replaced input goes; the page reads the contract again (title, state).
      void draft.markSaved().then(() => onReload?.());
    },
  });
  const allowLeave = useRef(false);
  const { isDirty, isSubmitting, errors } = form.formState;
  const start = useWatch({ control: form.control, name: 'start' });
  const durationMonths = useWatch({ control: form.control, name: 'durationMonths' });
  const papContract = useMemo(() => ({ type, start, durationMonths }), [type, start, durationMonths]);
  const period = contractPeriod(papContract);

  const papBlocking = () => {
    const issues = papIssues(form.getValues('pap.actions'), papContract);
    const first = Object.keys(issues.rows)[0];
    return { blocked: first !== undefined || issues.plan !== undefined, first };
  };

  const wizard = useStepWizard({
    form,
    count: steps.length,
    fieldsOf: (s) => steps[s]!.fields,
    stepOf: (path) => stepOfPath(steps, path),
    // The PAP's own rules (alone-only actions, dates in the contract) hold the step too.
    check: (s) => {
      if (steps[s]!.key !== 'pap') return true;
      const { blocked, first } = papBlocking();
      if (blocked && first) form.setFocus(f(`pap.actions.${first}`));
      return !blocked;
    },
  });
  const { step, serverError } = wizard;

  const name = personName(contract?.etatCivil ?? prefill.etatCivil);
  const short = type;
  const title = contract
    ? contract.renewalOfId
      ? `Renouvellement du ${short} de ${name}`
      : `Modifier le ${short} de ${name}`
    : `Nouveau ${short} pour ${name}`;
  const current = steps[step]!;

  const save = form.handleSubmit(
    async (parsed) => {
      wizard.setServerError(undefined);
      if (papBlocking().blocked) {
        wizard.goTo(steps.findIndex((s) => s.key === 'pap'));
        return;
      }
      try {
        const saved = contract
          ? await client.call('contracts.update', { ...parsed, contractId: contract.id, version: conflict.version ?? contract.version })
          : await client.call('contracts.create', { ...parsed, personId });
        await draft.markSaved();
        allowLeave.current = true;
        notify(contract ? 'Le contrat est enregistré.' : `Le ${type} est créé (brouillon).`);
        void navigate(contractPaths.contract(saved.id));
      } catch (e) {
        const error = toApiError(e);
        const all = Object.entries(error.fieldErrors ?? {});
        if (contract && all.length === 0 && conflict.detect(error, form.getValues())) return;
        wizard.setServerError(error.fieldErrors?.[ROOT_ERROR_KEY] ?? error.message);
        const entries = all.filter(([path]) => path !== ROOT_ERROR_KEY);
        for (const [path, message] of entries) form.setError(f(fieldPathOf(path)), { type: 'server', message });
        wizard.showErrorsAt(entries.map(([path]) => path));
      }
    },
    // An earlier step holds an error (draft restored, API): go there.
    () => wizard.showErrorsAt(flattenFieldErrors(form.formState.errors).map((e) => e.path)),
  );

  const stepErrors = wizard.attempted || serverError ? wizard.stepErrors(errors) : [];

  return (
    <Page
      title={title}
      subtitle={
        <Typography color="text.secondary" sx={{ mt: 0.5 }}>
          {CONTRACT_TYPE_LABELS[type]} — les champs marqués d’un astérisque (*) sont obligatoires.
        </Typography>
      }
    >
      <DraftOffer draft={draft} onRestore={() => form.reset(mergeContractDraft(base, draft.take()), { keepDefaultValues: true })} />
      {conflict.notice ? <ConflictNotice {...conflict.notice} labels={CONTRACT_FIELD_LABELS} /> : null}
      <WizardSteps wizard={wizard} labels={steps.map((s) => s.label)} label={`Étapes du ${type}`} />
      <WizardForm
        wizard={wizard}
        heading={`Étape ${step + 1} sur ${steps.length} : ${current.label}`}
        onSubmit={wizard.onSubmit(save)}
        summary={{ message: serverError, errors: stepErrors }}
        actions={
          <WizardButtons
            wizard={wizard}
            submitLabel={!wizard.isLast ? 'Suivant' : isSubmitting ? 'Enregistrement…' : contract ? 'Enregistrer le contrat' : 'Créer le contrat (brouillon)'}
            pending={isSubmitting}
            onCancel={() => void navigate(contract ? contractPaths.contract(contract.id) : `/beneficiaires/${personId}`)}
          >
            <DraftStatus draft={draft} />
          </WizardButtons>
        }
      >
        {current.key === 'beneficiaire' ? <BeneficiaireStep form={form} prefill={prefill} contract={contract} personId={personId} type={type} /> : null}
        {current.key === 'situation' ? <SituationStep form={form} /> : null}
        {current.key === 'metiers' ? <MetiersStep form={form} /> : null}
        {current.key === 'objectifs' ? <ObjectifsStep form={form} type={type} /> : null}
        {current.key === 'pap' ? (
          <Stack spacing={2}>
            <Typography color="text.secondary">
              {period
                ? `Chaque action commence et finit dans la durée du contrat (du ${formatDate(period.start)} au ${formatDate(period.end)}).`
                : 'Indiquez d’abord la date de début et la durée du contrat (étape 1).'}
            </Typography>
            <PapEditor form={form as unknown as PapForm} contract={papContract} suggestedThemes={prefill.suggestedThemes} showEmptyError={wizard.attempted} />
          </Stack>
        ) : null}
        {current.key === 'suivi' ? <SuiviEmploiEditor form={form} /> : null}
        {current.key === 'referent' ? <ReferentStep form={form} prefill={prefill} contract={contract} /> : null}
        {current.key === 'recap' ? <Recap form={form} type={type} /> : null}
      </WizardForm>
      <LeaveGuard
        when={isDirty}
        allowRef={allowLeave}
        message="Le contrat n’est pas enregistré. Votre saisie reste disponible en brouillon : il vous sera proposé de la reprendre en revenant sur ce formulaire."
      />
    </Page>
  );
}

function BeneficiaireStep({
  form,
  prefill,
  contract,
  personId,
  type,
}: {
  form: Form;
  prefill: ContractPrefill;
  contract: ContractView | undefined;
  personId: number;
  type: ContractKind;
}) {
  const start = useWatch({ control: form.control, name: 'start' });
  const durationMonths = useWatch({ control: form.control, name: 'durationMonths' });
  const period = contractPeriod({ type, start, durationMonths });
  const durations = prefill.allowedDurations.length > 0 ? prefill.allowedDurations : [...CONTRACT_DURATIONS[type]];
  const orientation = prefill.orientation;
  return (
    <Stack spacing={3}>
      <Box component="section" aria-labelledby="etat-civil-title">
        <Typography variant="h3" id="etat-civil-title" sx={{ mb: 1.5 }}>
          État civil
        </Typography>
        <EtatCivilList etatCivil={contract?.etatCivil ?? prefill.etatCivil} personId={personId} editable />
      </Box>
      {orientation ? (
        <Alert severity="info">
          {`${ORIENTATION_LABELS[orientation.orientation]} décidée le ${formatDate(orientation.date)}. ${orientation.deadlineRule}`}
        </Alert>
      ) : null}
      {contract?.renewalOfId ? (
        <Alert severity="info">
          Renouvellement : les actions du contrat précédent sont reprises avec leur bilan ; ajoutez les nouvelles actions au plan d’accompagnement.
        </Alert>
      ) : null}
      <Box component="section" aria-labelledby="duree-title">
        <Typography variant="h3" id="duree-title" sx={{ mb: 1.5 }}>
          Durée du contrat
        </Typography>
        <Grid container spacing={2.5}>
          <Grid size={{ xs: 12, sm: 6 }}>
            <DateFieldR control={form.control} name="start" label="Date de début du contrat" required />
          </Grid>
          <Grid size={{ xs: 12, sm: 6 }}>
            <SelectFieldR
              control={form.control}
              name="durationMonths"
              label="Durée du contrat"
              required
              numeric
              options={durations.map((d) => ({ value: String(d), label: `${d} mois` }))}
              emptyLabel={durations.length > 1 ? '— Choisir la durée —' : null}
              hint={type === 'CERS' ? 'Le CERS est conclu pour 6 mois, renouvelable une fois.' : 'Le CERP est conclu pour 3, 6, 9 ou 12 mois.'}
            />
          </Grid>
        </Grid>
        <Typography aria-live="polite" sx={{ mt: 2, fontWeight: 700 }} data-testid="contract-end">
          {period ? `Fin du contrat : ${formatDate(period.end)}` : 'Fin du contrat : indiquez la date de début et la durée.'}
        </Typography>
      </Box>
    </Stack>
  );
}

function ObjectifsStep({ form, type }: { form: Form; type: ContractKind }) {
  return (
    <Stack spacing={2.5}>
      <TextFieldR
        control={form.control}
        name="objectifs"
        label={type === 'CERS' ? 'Objectif(s) de l’accompagnement solidarité' : 'Objectif(s) de l’accompagnement'}
        required
        multiline
        minRows={3}
        hint="De manière synthétique : le ou les objectifs fixés pour l’accompagnement."
      />
      <TextFieldR control={form.control} name="resultatsAttendus" label="Résultats escomptés" required multiline minRows={3} />
      {type === 'CERS' ? (
        <TextFieldR
          control={form.control}
          name="emploisRecherches"
          label="Perspective professionnelle : emploi(s) recherché(s)"
          multiline
          minRows={2}
        />
      ) : null}
    </Stack>
  );
}

function ReferentStep({ form, prefill, contract }: { form: Form; prefill: ContractPrefill; contract: ContractView | undefined }) {
  const rdv = useFieldArray({ control: form.control, name: 'referent.prochainsRendezVous' });
  const addRef = useRef<HTMLButtonElement>(null);
  const identity = contract?.referentIdentity ?? prefill.referentIdentity;
  return (
    <Stack spacing={3}>
      <Box component="section" aria-labelledby="referent-title">
        <Typography variant="h3" id="referent-title" sx={{ mb: 1.5 }}>
          Partie réservée au référent
        </Typography>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 0.5, m: 0, mb: 2 }}>
          <Term term="Référent" value={identity?.displayName ?? 'Non désigné'} />
          <Term term="Structure" value={identity?.structure || 'Non renseignée'} />
        </Box>
        <TextFieldR control={form.control} name="referent.lieuSuivi" label="Lieu du suivi" required />
        <Typography variant="h4" component="h4" sx={{ mt: 2.5, mb: 1 }}>
          Prochains rendez-vous
        </Typography>
        {rdv.fields.length === 0 ? <Typography sx={{ mb: 1 }}>Aucun rendez-vous n’est encore fixé.</Typography> : null}
        <Stack spacing={1.5} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }}>
          {rdv.fields.map((field, i) => (
            <Box component="li" key={field.id}>
              <Stack direction="row" spacing={2} sx={{ alignItems: 'flex-start' }}>
                <Box sx={{ maxWidth: 280, flex: 1 }}>
                  <DateFieldR control={form.control} name={f(`referent.prochainsRendezVous.${i}.date`)} label={`Rendez-vous ${i + 1}`} required />
                </Box>
                <Button
                  color="error"
                  startIcon={<DeleteIcon />}
                  sx={{ mt: 1 }}
                  onClick={() => {
                    rdv.remove(i);
                    addRef.current?.focus();
                  }}
                >
                  {`Retirer le rendez-vous ${i + 1}`}
                </Button>
              </Stack>
            </Box>
          ))}
        </Stack>
        <Button
          ref={addRef}
          startIcon={<AddIcon />}
          sx={{ mt: 1 }}
          disabled={rdv.fields.length >= 12}
          onClick={() => rdv.append({ date: '' }, { focusName: `referent.prochainsRendezVous.${rdv.fields.length}.date` })}
        >
          Ajouter un rendez-vous
        </Button>
      </Box>
      <Box component="section" aria-labelledby="remarques-title">
        <Typography variant="h3" id="remarques-title" sx={{ mb: 1.5 }}>
          Partie réservée aux remarques du bénéficiaire
        </Typography>
        <TextFieldR
          control={form.control}
          name="remarquesBeneficiaire"
          label="Remarques du bénéficiaire"
          multiline
          minRows={3}
          hint="Ses observations ou souhaits sur l’accompagnement proposé."
        />
      </Box>
    </Stack>
  );
}

function Recap({ form, type }: { form: Form; type: ContractKind }) {
  const v = form.getValues();
  const period = contractPeriod({ type, start: v.start, durationMonths: v.durationMonths });
  return (
    <Stack spacing={2}>
      <Typography>Vérifiez le contrat avant de l’enregistrer. Il restera un brouillon modifiable jusqu’à sa signature.</Typography>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr' }, columnGap: 3, rowGap: 0.75, m: 0 }}>
        <Term term="Type" value={CONTRACT_TYPE_LABELS[type]} />
        <Term
          term="Durée"
          value={period ? `${v.durationMonths ?? ''} mois, du ${formatDate(period.start)} au ${formatDate(period.end)}` : 'À compléter'}
        />
        <Term term="Objectifs" value={v.objectifs || 'À compléter'} />
        <Term term="Résultats escomptés" value={v.resultatsAttendus || 'À compléter'} />
        {type === 'CERP' && v.cerp ? (
          <Term term="Métiers recherchés" value={v.cerp.metiers.map((m) => m.romeCode).filter(Boolean).join(', ') || 'Aucun'} />
        ) : null}
        <Term
          term="Plan d’accompagnement"
          value={
            v.pap.actions.length === 0
              ? 'Aucune action'
              : v.pap.actions
                  .map(
                    (r, i) =>
                      `${i + 1}. ${r.actionCode || '?'} (${themeLabel(r.theme)}), du ${formatDate(r.start)} au ${formatDate(r.end)}${r.resultat ? ` — ${RESULTAT_LABELS[r.resultat]}` : ''}`,
                  )
                  .join('\n')
          }
        />
        {type === 'CERP' ? <Term term="Fiche de suivi emploi" value={plural(v.suiviEmploi.length, 'offre', 'offres')} /> : null}
        <Term term="Lieu du suivi" value={v.referent.lieuSuivi || 'À compléter'} />
        <Term
          term="Prochains rendez-vous"
          value={v.referent.prochainsRendezVous.map((r) => formatDate(r.date)).join(', ') || 'Aucun'}
        />
      </Box>
    </Stack>
  );
}
