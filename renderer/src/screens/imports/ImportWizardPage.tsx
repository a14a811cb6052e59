import { useMemo, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Controller, useForm, useWatch, type Resolver, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Autocomplete from '@mui/material/Autocomplete';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import HistoryIcon from '@mui/icons-material/History';
import { IMPORT_KIND_LABELS, importFieldsOf, type ImportKind, type ImportPreview } from '../../../../shared/api/imports';
import { toApiError, useApi, useApiQuery } from '../../api/ApiContext';
import { DraftOffer, DraftStatus } from '../../kit/DraftOffer';
import { FilePicker, formatSize } from '../../kit/FilePicker';
import { readBase64 } from '../../kit/files';
import { RadioInput, SelectInput } from '../../kit/fields';
import { requiredLabelProps } from '../../kit/requiredLabel';
import { LeaveGuard } from '../../kit/LeaveGuard';
import { Page } from '../../kit/Page';
import { importPaths } from '../../kit/paths';
import { useFormDraft } from '../../kit/useFormDraft';
import { useStepWizard } from '../../kit/useStepWizard';
import { WizardButtons, WizardForm, WizardSteps } from '../../kit/Wizard';
import { ImportPreviewStep } from './ImportPreviewStep';
import { ImportRunStep } from './ImportRunStep';
import {
  IMPORT_DRAFT_KEY,
  IMPORT_FILE_LIMITS,
  emptyImportValues,
  importFormSchema,
  mergeImportDraft,
  mergeMapping,
  sameMapping,
  toApiMapping,
  type ImportFormValues,
} from './importModel';

type Output = z.output<typeof importFormSchema>;
type Form = UseFormReturn<ImportFormValues, unknown, Output>;

export const IMPORT_STEPS = ['Type et source', 'Fichier', 'Colonnes', 'Aperçu', 'Import'] as const;
const KIND_OPTIONS = (Object.entries(IMPORT_KIND_LABELS) as [ImportKind, string][]).map(([value, label]) => ({ value, label }));
const TITLE = 'Importer un fichier';

/** The file sent to main, with what it was read for (a new file, kind or source asks main again). */
interface Sent {
  key: string;
  contentBase64: string;
  preview: ImportPreview;
}

/**
 * Route `/imports`: the guided import of a CAF or France Travail list. 1 the kind and the source (its saved column
 * mapping), 2 the file, 3 the columns (proposed by main, saved per source), 4 the preview of each line's verdict,
 * 5 the import with its progress and cancel, then the result. The choices survive a reload (draft), not the file.
 */
export function ImportWizardPage() {
  const [round, setRound] = useState(0);
  return <ImportWizard key={round} onRestart={() => setRound((r) => r + 1)} />;
}

function ImportWizard({ onRestart }: { onRestart: () => void }) {
  const client = useApi();
  const base = useMemo(emptyImportValues, []);
  const form: Form = useForm<ImportFormValues, unknown, Output>({
    resolver: zodResolver(importFormSchema) as unknown as Resolver<ImportFormValues, unknown, Output>,
    defaultValues: base,
    mode: 'onBlur',
  });
  const draft = useFormDraft({ key: IMPORT_DRAFT_KEY, form, baseline: base });
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string>();
  const [sent, setSent] = useState<Sent | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [running, setRunning] = useState(false);
  const [busy, setBusy] = useState(false);
  const allowLeave = useRef(false);
  const kind = useWatch({ control: form.control, name: 'kind' });
  const source = useWatch({ control: form.control, name: 'source' });

  /** Step 2 → 3: main reads the file (format, encoding, headers) and proposes the mapping. */
  const readFile = async () => {
    const { kind: k, source: s } = form.getValues();
    if (!file || fileProblem || k === '') {
      setFileProblem(fileProblem ?? 'Choisissez le fichier à importer.');
      return false;
    }
    const key = [k, s.trim(), file.name, file.size, file.lastModified].join('|');
    if (sent?.key === key) return true;
    setBusy(true);
    try {
      const contentBase64 = await readBase64(file);
      const result = await client.call('imports.preview', { kind: k, source: s.trim(), fileName: file.name, contentBase64 });
      form.setValue('mapping', mergeMapping(k, result.headers, form.getValues('mapping'), result.mapping), { shouldDirty: true });
      setSent({ key, contentBase64, preview: result });
      setPreview(null);
      return true;
    } catch (e) {
      wizard.setServerError(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** Step 3 → 4: the lines' verdicts with the chosen columns (main saves the mapping for the source). */
  const previewLines = async () => {
    const { kind: k, source: s, mapping } = form.getValues();
    if (!sent || !file || k === '') return false;
    const chosen = toApiMapping(k, mapping);
    if (preview?.batchId && sameMapping(k, preview.mapping, chosen)) return true;
    if (sent.preview.batchId && sameMapping(k, sent.preview.mapping, chosen)) {
      setPreview(sent.preview);
      return true;
    }
    setBusy(true);
    try {
      const result = await client.call('imports.preview', { kind: k, source: s.trim(), fileName: file.name, contentBase64: sent.contentBase64, mapping: chosen });
      if (result.batchId === null) {
        wizard.setServerError(`Colonnes obligatoires non choisies : ${result.missingFields.join(', ')}.`);
        return false;
      }
      setPreview(result);
      return true;
    } catch (e) {
      wizard.setServerError(toApiError(e).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const wizard = useStepWizard({
    form,
    count: IMPORT_STEPS.length,
    fieldsOf: (s) => (s === 0 ? ['kind', 'source'] : s === 2 && kind ? importFieldsOf(kind).filter((f) => f.required).map((f) => `mapping.${f.key}`) : []),
    stepOf: (path) => (path === 'kind' || path === 'source' ? 0 : path.startsWith('mapping.') ? 2 : -1),
    check: (s) => (s === 1 ? readFile() : s === 2 ? previewLines() : true),
  });
  const { step } = wizard;

  const summary = { message: wizard.serverError, errors: wizard.attempted || wizard.serverError ? wizard.stepErrors(form.formState.errors) : [] };

  return (
    <Page
      title={TITLE}
      actions={
        <Button component={RouterLink} to={importPaths.batches} variant="outlined" startIcon={<HistoryIcon />}>
          Historique des imports
        </Button>
      }
    >
      <Typography sx={{ mb: 2, maxWidth: '75ch' }}>
        Les listes de la CAF (nouveaux bénéficiaires du RSA) et de France Travail (inscriptions, cessations, radiations, stock) entrent sans ressaisie.
        Chaque ligne est vérifiée avant l’import : rien n’est modifié tant que vous n’avez pas confirmé.
      </Typography>
      <DraftOffer
        draft={draft}
        onRestore={() => {
          form.reset(mergeImportDraft(draft.take()), { keepDefaultValues: true });
          setSent(null);
          setPreview(null);
          wizard.goTo(0);
        }}
      />
      <WizardSteps wizard={wizard} labels={IMPORT_STEPS} label="Étapes de l’import" />
      <WizardForm
        wizard={wizard}
        heading={`Étape ${step + 1} sur ${IMPORT_STEPS.length} : ${IMPORT_STEPS[step]}`}
        onSubmit={wizard.onSubmit(() => undefined)}
        summary={summary}
        actions={
          step < 4 ? (
            <WizardButtons wizard={wizard} submitLabel={busy ? 'Lecture du fichier…' : 'Suivant'} pending={busy}>
              <DraftStatus draft={draft} />
            </WizardButtons>
          ) : null
        }
      >
        {step === 0 ? <KindStep form={form} kind={kind} /> : null}
        {step === 1 ? (
          <FilePicker
            label="Fichier à importer"
            file={file}
            onChange={(picked, problem) => {
              setFile(picked);
              setFileProblem(problem);
            }}
            error={fileProblem}
            hint={`CSV (UTF-8 ou Windows-1252, séparateur « ; » ou « , ») ou Excel (XLSX), ${formatSize(IMPORT_FILE_LIMITS.maxBytes)} au plus. La première ligne porte le nom des colonnes.`}
            {...IMPORT_FILE_LIMITS}
          />
        ) : null}
        {step === 2 && sent && kind ? <MappingStep form={form} kind={kind} source={source} preview={sent.preview} /> : null}
        {step === 3 && preview ? <ImportPreviewStep preview={preview} /> : null}
        {step === 4 && preview && kind ? (
          <ImportRunStep
            kind={kind}
            preview={preview}
            fileName={file?.name ?? ''}
            onBack={() => wizard.goTo(3)}
            onRunning={(on) => {
              setRunning(on);
              allowLeave.current = !on;
            }}
            onFinished={() => void draft.markSaved()}
            onRestart={onRestart}
          />
        ) : null}
      </WizardForm>
      <LeaveGuard
        when={running}
        allowRef={allowLeave}
        message="L’import est en cours. Si vous quittez la page, il continue ; son résultat sera dans l’historique des imports."
      />
    </Page>
  );
}

/** Step 1: what the file is, and who sent it (its saved column mapping is reused). */
function KindStep({ form, kind }: { form: Form; kind: ImportKind | '' }) {
  const sources = useApiQuery('imports.sources', kind ? { kind } : {});
  const names = useMemo(() => [...new Set((sources.data ?? []).map((s) => s.source))], [sources.data]);
  return (
    <Stack spacing={3}>
      <RadioInput control={form.control} name="kind" label="Type de fichier" options={KIND_OPTIONS} required />
      <Controller
        control={form.control}
        name="source"
        render={({ field, fieldState }) => (
          <Autocomplete
            freeSolo
            options={names}
            inputValue={field.value}
            onInputChange={(_e, value) => field.onChange(value)}
            sx={{ maxWidth: 480 }}
            renderInput={(params) => (
              <TextField
                {...params}
                label="Source du fichier"
                name={field.name}
                required
                inputRef={field.ref}
                onBlur={field.onBlur}
                error={!!fieldState.error}
                helperText={
                  fieldState.error?.message ??
                  (names.length > 0
                    ? 'Choisissez une source déjà utilisée (ses colonnes sont reconnues) ou saisissez un nouveau nom.'
                    : 'Par exemple « CAF du Pas-de-Calais » : les colonnes choisies seront retenues pour cette source.')
                }
                slotProps={{ ...params.slotProps, inputLabel: { ...params.slotProps.inputLabel, ...requiredLabelProps(true) } }}
              />
            )}
          />
        )}
      />
    </Stack>
  );
}

/** Step 3: each field the import reads → a column of the file (proposed by main; required ones marked). */
function MappingStep({ form, kind, source, preview }: { form: Form; kind: ImportKind; source: string; preview: ImportPreview }) {
  const options = preview.headers.map((h) => ({ value: h, label: h }));
  const format =
    preview.format === 'xlsx'
      ? 'Fichier Excel (XLSX)'
      : `Fichier CSV, encodage ${preview.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8'}, séparateur « ${preview.delimiter ?? ';'} »`;
  return (
    <Stack spacing={2}>
      <Typography>{`${format}, ${preview.headers.length} colonnes.`}</Typography>
      <Typography>
        {`Indiquez pour chaque donnée la colonne du fichier qui la contient. Ce choix est retenu pour la source « ${source.trim()} » : le prochain fichier de cette source sera reconnu.`}
      </Typography>
      <Grid container spacing={2.5}>
        {importFieldsOf(kind).map((f) => (
          <Grid key={f.key} size={{ xs: 12, sm: 6, md: 4 }}>
            <SelectInput
              control={form.control}
              name={`mapping.${f.key}`}
              label={f.label}
              required={f.required}
              options={options}
              emptyLabel={f.required ? '— Choisir la colonne —' : '— Absente du fichier —'}
            />
          </Grid>
        ))}
      </Grid>
    </Stack>
  );
}
