import { useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useForm, useWatch, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import EditIcon from '@mui/icons-material/Edit';
import {
  STRUCTURE_OUTCOMES,
  ficheAnswerInputSchema,
  structureFeedbackSchema,
  type FicheState,
  type FicheView,
  type StructureFeedbackInput,
} from '../../../../shared/api/fiches';
import {
  REORIENTATION_MOTIF_LABELS,
  SUSPENSION_MOTIF_LABELS,
  type ReorientationMotif,
  type SuspensionMotif,
} from '../../../../shared/domain/rules/fiche-liaison';
import { ORIENTATION_LABELS } from '../../../../shared/domain/rules/orientation';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { toIsoDate } from '../../kit/format';
import { useNotify } from '../../kit/notifications';
import { paths, contractPaths, fichePaths } from '../../kit/paths';
import { ConfirmDialog } from '../../kit/ConfirmDialog';
import { DateInput } from '../../kit/DateInput';
import { Page } from '../../kit/Page';
import { RadioInput } from '../../kit/fields';
import { ErrorSummary, flattenFieldErrors } from '../../kit/formErrors';
import { PapTable } from '../../kit/pap/PapTable';
import { DeleteDraftDialog, RecordChips, RecordLinks, recordPage, RecordSection, TermList, type ChipColor, type RecordProps } from '../../kit/RecordPage';
import { Term } from '../../kit/Term';
import { ROOT_FIELD as ROOT_ERROR_KEY } from '../../../../shared/api/errors';
import { DateFieldR, SelectFieldR, TextFieldR } from '../../kit/formFields';
import { AttachmentsPanel } from './AttachmentsPanel';
import { AdministratifBlock, EmailDraftButton, MissingList, SendSection } from './FicheParts';
import { PresidentSection } from './PresidentPart';
import { formatDate, personName } from '../../../../shared/domain/format';

export const FICHE_STATE_COLORS: Record<FicheState, ChipColor> = {
  brouillon: 'default',
  envoyee: 'info',
  acceptee: 'success',
  refusee: 'error',
  close: 'default',
};

/** Route `/fiches-de-liaison/:ficheId`: the fiche, what it lacks, and what its reader may do with it. */
export const FichePage = recordPage(
  { param: 'ficheId', method: 'fiches.get', input: (ficheId) => ({ ficheId }), title: 'Fiche de liaison', what: 'de la fiche' },
  { title: 'Fiche introuvable', message: 'Cette fiche n’existe pas.' },
  FicheDetails,
);

function FicheDetails({ record: fiche, onChange: setFiche }: RecordProps<FicheView>) {
  const client = useApi();
  const notify = useNotify();
  const [closing, setClosing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [closeDate, setCloseDate] = useState(toIsoDate(new Date()));
  const saisines = useApiQuery('epSaisines.forDossier', { personId: fiche.personId }, { enabled: fiche.epSaisineId !== null });
  const saisine = saisines.data?.find((s) => s.id === fiche.epSaisineId);
  const can = (a: FicheView['allowedActions'][number]) => fiche.allowedActions.includes(a);
  const name = personName(fiche.administratif.beneficiaire);
  const c = fiche.fiche;
  const reload = async () => {
    try {
      setFiche(await client.call('fiches.get', { ficheId: fiche.id }));
    } catch (e) {
      setActionError(toApiError(e).message);
    }
  };

  const close = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      setFiche(await client.call('fiches.close', { ficheId: fiche.id, version: fiche.version, date: closeDate }));
      setClosing(false);
      notify('La fiche est close.');
    } catch (e) {
      setActionError(toApiError(e).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page
      title={`${fiche.typeLabel} — ${name}`}
      subtitle={
        <RecordChips
          label="État de la fiche"
          status={{ text: `État : ${fiche.statusLabel}`, color: FICHE_STATE_COLORS[fiche.status] }}
          facts={[`Demande du ${formatDate(c.date)}`, !!fiche.sentOn && `Envoyée le ${formatDate(fiche.sentOn)}`]}
        />
      }
      actions={
        <>
          {can('modifier') ? (
            <Button variant="contained" startIcon={<EditIcon />} component={RouterLink} to={fichePaths.edit(fiche.id)}>
              Modifier la fiche
            </Button>
          ) : null}
          {c.type === 'appui' ? <EmailDraftButton ficheId={fiche.id} /> : null}
          {can('clore') ? (
            <Button variant="outlined" onClick={() => setClosing(true)}>
              Clore la fiche
            </Button>
          ) : null}
          {can('supprimer') ? (
            <Button color="error" onClick={() => setDeleting(true)}>
              Supprimer le brouillon
            </Button>
          ) : null}
        </>
      }
    >
      <RecordLinks
        links={[
          { to: paths.dossier(fiche.personId), text: `Dossier de ${name}` },
          !!c.contractId && { to: contractPaths.contract(c.contractId), text: 'Contrat concerné' },
        ]}
      />
      {actionError ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {actionError}
        </Alert>
      ) : null}
      {fiche.status !== 'brouillon' ? <MissingList items={fiche.missing} title="Reste à faire :" /> : null}
      {fiche.epSaisineId ? (
        <Alert severity="info" sx={{ mb: 2 }}>
          {saisine
            ? `Équipe pluridisciplinaire saisie le ${formatDate(saisine.date)} (${saisine.originLabel}) : avis attendu avant le ${formatDate(saisine.avisDeadline)}.`
            : 'L’équipe pluridisciplinaire est saisie de cette demande.'}
        </Alert>
      ) : null}
      {fiche.avenantPapVersion ? (
        <Alert severity="success" sx={{ mb: 2 }}>
          {`L’avenant a créé la version ${fiche.avenantPapVersion} du plan d’accompagnement du contrat.`}
        </Alert>
      ) : null}

      {fiche.answer ? (
        <RecordSection title="Réponse du correspondant">
          <TermList>
            <Term term="Décision" value={fiche.answer.decision === 'acceptee' ? 'Demande acceptée' : 'Demande refusée'} />
            <Term term="Date" value={formatDate(fiche.answer.date)} />
            <Term term="Correspondant" value={fiche.answer.auteur} />
            <Term term="Réponse au référent" value={fiche.answer.texte} />
            {fiche.closedOn ? <Term term="Fiche close le" value={formatDate(fiche.closedOn)} /> : null}
          </TermList>
        </RecordSection>
      ) : null}
      {can('repondre') ? <AnswerForm fiche={fiche} onDone={(v) => { setFiche(v); notify(v.status === 'acceptee' ? 'La demande est acceptée : le référent a votre réponse.' : 'La demande est refusée : le référent a votre réponse.'); }} /> : null}
      <PresidentSection
        fiche={fiche}
        onDone={(v) => {
          setFiche(v);
          notify(v.awaitingPresident ? 'L’ajournement est enregistré : la fiche attend la décision du Président.' : 'La décision du Président est enregistrée.');
        }}
      />
      {fiche.structureFeedback ? (
        <RecordSection title="Retour de la structure">
          <TermList>
            <Term term="Structure" value={fiche.structureFeedback.structure} />
            {fiche.structureFeedback.intervenant ? <Term term="Intervenant" value={fiche.structureFeedback.intervenant} /> : null}
            {fiche.structureFeedback.premierRendezVous ? <Term term="Premier rendez-vous" value={formatDate(fiche.structureFeedback.premierRendezVous)} /> : null}
            <Term term="Retour" value={fiche.structureFeedback.outcomeLabel} />
            {fiche.structureFeedback.nouvelleDate ? <Term term="Autre date de rendez-vous" value={formatDate(fiche.structureFeedback.nouvelleDate)} /> : null}
            {fiche.structureFeedback.motif ? <Term term="Motif" value={fiche.structureFeedback.motif} /> : null}
            {fiche.structureFeedback.dateReorientation ? <Term term="Date de la réorientation" value={formatDate(fiche.structureFeedback.dateReorientation)} /> : null}
            {fiche.structureFeedback.synthese ? <Term term="Synthèse de l’action" value={fiche.structureFeedback.synthese} /> : null}
          </TermList>
        </RecordSection>
      ) : null}
      {can('retour_structure') && !fiche.structureFeedback ? <StructureFeedbackForm fiche={fiche} onDone={(v) => { setFiche(v); notify('Le retour de la structure est enregistré.'); }} /> : null}

      <RecordSection title="La demande">
        <TermList>
          <Term term="Objet" value={fiche.typeLabel} />
          <Term term="Date de la demande" value={formatDate(c.date)} />
          {c.type === 'reorientation' ? (
            <>
              <Term term="Motif" value={c.motif ? (REORIENTATION_MOTIF_LABELS[c.motif as ReorientationMotif] ?? c.motif) : 'Non renseigné'} />
              <Term term="Orientation demandée" value={c.cible ? ORIENTATION_LABELS[c.cible] : 'Non renseignée'} />
              <Term term="Échelle de distance à l’emploi" value={fiche.edeId ? 'Jointe (la plus récente)' : 'Aucune'} />
            </>
          ) : null}
          {c.type === 'suspension' ? (
            <Term term="Motif" value={c.motif ? (SUSPENSION_MOTIF_LABELS[c.motif as SuspensionMotif] ?? c.motif) : 'Non renseigné'} />
          ) : null}
          {c.type === 'avenant' ? <Term term="Raisons de la modification du PAP" value={c.motif ?? 'Non renseignées'} /> : null}
          {c.motifPrecision ? <Term term="Motif de la demande" value={c.motifPrecision} /> : null}
          {c.texte ? <Term term={c.type === 'appui' ? 'Objet de la demande d’appui' : 'Commentaire du référent'} value={c.texte} /> : null}
          {c.actionsCg.length > 0 ? (
            <Term term="Actions du Conseil Général demandées" value={c.actionsCg.map((a) => (a.precision ? `${a.label} : ${a.precision}` : a.label)).join('\n')} />
          ) : null}
          {c.structureSouhaitee ? <Term term="Structure souhaitée" value={c.structureSouhaitee} /> : null}
          {c.lieu ? <Term term="Fait à" value={c.lieu} /> : null}
          <Term term="Signature du référent" value={c.signatures.referent ? `le ${formatDate(c.signatures.referent)}` : 'Non signée'} />
          <Term term="Signature du bénéficiaire" value={c.signatures.beneficiaire ? `le ${formatDate(c.signatures.beneficiaire)}` : 'Non signée'} />
          {c.remarquesBeneficiaire ? <Term term="Remarques du bénéficiaire" value={c.remarquesBeneficiaire} /> : null}
        </TermList>
        {c.pap ? (
          <Box sx={{ mt: 2 }}>
            <Typography variant="h3" sx={{ mb: 1 }}>
              Plan d’accompagnement modifié
            </Typography>
            {fiche.papFlags.map((flag) => (
              <Alert key={flag.path + flag.kind} severity="warning" sx={{ mb: 1 }}>
                {flag.message}
              </Alert>
            ))}
            <PapTable rows={c.pap.actions} caption="Actions du plan d’accompagnement modifié" />
          </Box>
        ) : null}
      </RecordSection>

      <RecordSection title="Pièces jointes et envoi">
        <Stack spacing={3}>
          <AttachmentsPanel
            ficheId={fiche.id}
            attachments={fiche.attachments}
            editable={can('joindre')}
            defaultKind={c.type === 'suspension' ? 'convocation' : c.type === 'actions_cg' ? 'cv' : 'autre'}
            onChanged={() => void reload()}
            today={toIsoDate(new Date())}
          />
          {can('envoyer') ? (
            <SendSection
              fiche={fiche}
              missing={fiche.missing}
              onSent={(v) => {
                setFiche(v);
                notify('La fiche est envoyée au correspondant.');
              }}
            />
          ) : null}
        </Stack>
      </RecordSection>

      <RecordSection title="Informations administratives">
        <AdministratifBlock data={fiche.administratif} personId={fiche.personId} />
      </RecordSection>

      <ConfirmDialog
        open={closing}
        title="Clore la fiche ?"
        confirmLabel="Clore la fiche"
        pending={busy}
        error={actionError}
        onConfirm={() => void close()}
        onCancel={() => setClosing(false)}
      >
        <Typography sx={{ mb: 2 }}>La fiche se clôt une fois la réponse faite au référent.</Typography>
        <DateInput label="Date de clôture" value={closeDate} onChange={setCloseDate} required disableFuture />
      </ConfirmDialog>
      <DeleteDraftDialog
        open={deleting}
        onClose={() => setDeleting(false)}
        onDelete={() => client.call('fiches.deleteDraft', { ficheId: fiche.id, version: fiche.version })}
        deleted="Le brouillon de la fiche est supprimé."
        personId={fiche.personId}
      >
        La fiche et ses pièces jointes seront supprimées. Cette action ne peut pas être annulée.
      </DeleteDraftDialog>
    </Page>
  );
}

const answerSchema = ficheAnswerInputSchema.omit({ ficheId: true, version: true });
interface AnswerValues {
  decision: '' | 'acceptee' | 'refusee';
  texte: string;
  date: string;
}

/** The correspondent's answer to the référent: accepted or refused, with the text (required). */
function AnswerForm({ fiche, onDone }: { fiche: FicheView; onDone: (view: FicheView) => void }) {
  const client = useApi();
  const resolver = useMemo(() => zodResolver(answerSchema) as unknown as Resolver<AnswerValues>, []);
  const form = useForm<AnswerValues>({ resolver, defaultValues: { decision: '', texte: '', date: toIsoDate(new Date()) }, mode: 'onTouched' });
  const [error, setError] = useState<string>();
  const decision = useWatch({ control: form.control, name: 'decision' });
  const goesToEp = fiche.fiche.type === 'reorientation' || fiche.fiche.type === 'suspension';
  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      onDone(await client.call('fiches.answer', { ...values, decision: values.decision as 'acceptee' | 'refusee', ficheId: fiche.id, version: fiche.version }));
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.[ROOT_ERROR_KEY] ?? apiError.message);
      Object.entries(apiError.fieldErrors ?? {})
        .filter(([p]) => p in values)
        .forEach(([p, message]) => form.setError(p as keyof AnswerValues, { type: 'server', message }));
    }
  });
  return (
    <RecordSection title="Réponse au référent">
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary message={error} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(p) => form.setFocus(p as keyof AnswerValues)} />
        <Stack spacing={2.5}>
          <RadioInput
            control={form.control}
            name="decision"
            label="Décision"
            required
            options={[
              { value: 'acceptee', label: 'Accepter la demande' },
              { value: 'refusee', label: 'Refuser la demande' },
            ]}
          />
          {decision === 'acceptee' && goesToEp ? (
            <Alert severity="info">Accepter cette demande saisit l’équipe pluridisciplinaire (avis attendu sous un mois).</Alert>
          ) : null}
          {decision === 'acceptee' && fiche.fiche.type === 'actions_cg' ? (
            <Alert severity="info">Accepter la demande la soumet à la décision du Président, qui désigne la structure.</Alert>
          ) : null}
          {decision === 'acceptee' && fiche.fiche.type === 'avenant' ? (
            <Alert severity="info">Accepter l’avenant le soumet à la décision du Président : son accord crée une nouvelle version du plan d’accompagnement du contrat.</Alert>
          ) : null}
          <TextFieldR control={form.control} name="texte" label="Réponse au référent" required multiline minRows={3} hint="Obligatoire : à chaque demande, un retour est fait au référent." />
          <Box sx={{ maxWidth: 280 }}>
            <DateFieldR control={form.control} name="date" label="Date de la réponse" required disableFuture />
          </Box>
          <Box>
            <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? 'Enregistrement…' : 'Enregistrer la réponse'}
            </Button>
          </Box>
        </Stack>
      </Box>
    </RecordSection>
  );
}

type FeedbackValues = { [K in keyof StructureFeedbackInput]-?: string };

/** « PARTIE RÉSERVÉE A LA STRUCTURE POUR UNE DEMANDE D’ACTION CG ». */
function StructureFeedbackForm({ fiche, onDone }: { fiche: FicheView; onDone: (view: FicheView) => void }) {
  const client = useApi();
  const resolver = useMemo(() => zodResolver(structureFeedbackSchema) as unknown as Resolver<FeedbackValues>, []);
  const form = useForm<FeedbackValues>({
    resolver,
    defaultValues: {
      structure: fiche.fiche.structureSouhaitee ?? '',
      intervenant: '',
      adresse: '',
      telephone: '',
      email: '',
      premierRendezVous: '',
      outcome: '',
      nouvelleDate: '',
      motif: '',
      dateReorientation: '',
      synthese: '',
    },
    mode: 'onTouched',
  });
  const [error, setError] = useState<string>();
  const outcome = useWatch({ control: form.control, name: 'outcome' });
  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      onDone(await client.call('fiches.structureFeedback', { ficheId: fiche.id, version: fiche.version, feedback: values as never }));
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.[ROOT_ERROR_KEY] ?? apiError.message);
      Object.entries(apiError.fieldErrors ?? {}).forEach(([p, message]) => {
        const key = p.replace(/^feedback\./, '') as keyof FeedbackValues;
        if (key in values) form.setError(key, { type: 'server', message });
      });
    }
  });
  return (
    <RecordSection title="Retour de la structure">
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary message={error} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(p) => form.setFocus(p as keyof FeedbackValues)} />
        <Grid container spacing={2.5}>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR control={form.control} name="structure" label="Nom de la structure" required />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR control={form.control} name="intervenant" label="Intervenant" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR control={form.control} name="telephone" label="Téléphone" type="tel" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <TextFieldR control={form.control} name="email" label="Adresse e-mail" type="email" />
          </Grid>
          <Grid size={{ xs: 12 }}>
            <TextFieldR control={form.control} name="adresse" label="Adresse" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <DateFieldR control={form.control} name="premierRendezVous" label="Date du premier rendez-vous" />
          </Grid>
          <Grid size={{ xs: 12, md: 6 }}>
            <SelectFieldR
              control={form.control}
              name="outcome"
              label="Retour de la structure"
              required
              options={Object.entries(STRUCTURE_OUTCOMES).map(([value, label]) => ({ value, label }))}
            />
          </Grid>
          {outcome === 'absente' ? (
            <Grid size={{ xs: 12, md: 6 }}>
              <DateFieldR control={form.control} name="nouvelleDate" label="Autre date de rendez-vous" required />
            </Grid>
          ) : null}
          {outcome === 'n_integre_pas' || outcome === 'ne_poursuit_pas' ? (
            <Grid size={{ xs: 12 }}>
              <TextFieldR control={form.control} name="motif" label="Motif" required />
            </Grid>
          ) : null}
          {outcome === 'reorientation_referent_solidarite' ? (
            <Grid size={{ xs: 12, md: 6 }}>
              <DateFieldR control={form.control} name="dateReorientation" label="Date de la réorientation" required />
            </Grid>
          ) : null}
          <Grid size={{ xs: 12 }}>
            <TextFieldR control={form.control} name="synthese" label="Synthèse de l’action" multiline minRows={3} />
          </Grid>
        </Grid>
        <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>
          Enregistrer le retour de la structure
        </Button>
      </Box>
    </RecordSection>
  );
}
