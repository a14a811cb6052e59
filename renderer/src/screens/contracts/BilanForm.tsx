import { useMemo, useState } from 'react';
import { useForm, type FieldPath, type Resolver, type UseFormReturn } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { contractBilanInputSchema, type ContractView } from '../../../../shared/api/contracts';
import { RESULTAT_LABELS, RESULTATS, type Resultat } from '../../../../shared/domain/rules/pap';
import { toApiError, useApi } from '../../api/ApiContext';
import { ErrorSummary, flattenFieldErrors } from '../../kit/formErrors';
import { SuiviEmploiEditor } from './CerpParts';
import { ROOT_ERROR_KEY, suiviLineValuesOf, suiviLinesForApi, type ContractFormValues, type SuiviLineValues } from './contractFormModel';
import { SelectFieldR, TextFieldR, type Option } from '../../kit/formFields';
import { formatDate } from '../../../../shared/domain/format';

interface BilanValues {
  pap: { actions: { resultat: Resultat | null; bilan: string }[] };
  suiviEmploi: SuiviLineValues[];
  bilanGeneral: string;
  /** For the suivi editor's ROME suggestion. */
  cerp: { metiers: { romeCode: string }[] } | null;
}

const RESULTAT_OPTIONS: Option[] = RESULTATS.map((r) => ({ value: r, label: RESULTAT_LABELS[r] }));
const f = (p: string) => p as FieldPath<BilanValues>;

/**
 * La phase de bilan: résultat and bilan-commentaires of each PAP action, the fiche de suivi emploi (CERP) and
 * the bilan général — the only parts of a signed contract that still change (`contracts.saveBilan`).
 */
export function BilanForm({ contract, onSaved, onCancel }: { contract: ContractView; onSaved: (view: ContractView) => void; onCancel: () => void }) {
  const client = useApi();
  const base: BilanValues = useMemo(
    () => ({
      pap: { actions: contract.pap.actions.map((r) => ({ resultat: r.resultat, bilan: r.bilan ?? '' })) },
      suiviEmploi: contract.suiviEmploi.map(suiviLineValuesOf),
      bilanGeneral: contract.bilanGeneral ?? '',
      cerp: contract.cerp ? { metiers: contract.cerp.metiers.map((m) => ({ romeCode: m.romeCode })) } : null,
    }),
    [contract],
  );
  const resolver = useMemo(() => {
    const schema = zodResolver(contractBilanInputSchema);
    const r: Resolver<BilanValues> = async (values, context, options) =>
      (await schema(
        {
          contractId: contract.id,
          version: contract.version,
          pap: values.pap,
          suiviEmploi: contract.type === 'CERP' ? suiviLinesForApi(values.suiviEmploi) : undefined,
          bilanGeneral: values.bilanGeneral,
        } as never,
        context,
        options as never,
      )) as never;
    return r;
  }, [contract]);
  const form = useForm<BilanValues>({ resolver, defaultValues: base, mode: 'onBlur' });
  const [error, setError] = useState<string>();
  const { isSubmitting, errors, submitCount } = form.formState;

  const save = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      const view = await client.call('contracts.saveBilan', {
        contractId: contract.id,
        version: contract.version,
        pap: { actions: values.pap.actions.map((a) => ({ resultat: a.resultat, bilan: a.bilan })) },
        suiviEmploi: contract.type === 'CERP' ? suiviLinesForApi(values.suiviEmploi) : undefined,
        bilanGeneral: values.bilanGeneral,
      });
      onSaved(view);
    } catch (e) {
      const apiError = toApiError(e);
      setError(apiError.fieldErrors?.[ROOT_ERROR_KEY] ?? apiError.message);
      Object.entries(apiError.fieldErrors ?? {})
        .filter(([p]) => p !== ROOT_ERROR_KEY)
        .forEach(([p, message], i) => form.setError(f(p), { type: 'server', message }, { shouldFocus: i === 0 }));
    }
  });

  return (
    <Paper component="section" variant="outlined" aria-labelledby="bilan-form-title" sx={{ p: { xs: 2, md: 3 }, mb: 3 }}>
      <Box component="form" noValidate onSubmit={(e) => void save(e)}>
        <Typography variant="h2" id="bilan-form-title" sx={{ mb: 2 }}>
          Saisir le bilan
        </Typography>
        <ErrorSummary message={error} errors={submitCount > 0 ? flattenFieldErrors(errors) : []} onSelect={(p) => form.setFocus(f(p))} />
        <Stack spacing={2}>
          {contract.pap.actions.map((row, i) => (
            <Paper key={`${row.actionCode}-${i}`} variant="outlined" component="section" aria-labelledby={`bilan-row-${i}`} sx={{ p: 2 }}>
              <Typography variant="h3" id={`bilan-row-${i}`} sx={{ mb: 1 }}>
                {`Action ${i + 1} : ${row.actionCode} — ${row.actionLabel}`}
              </Typography>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
                {`Du ${formatDate(row.start)} au ${formatDate(row.end)}`}
              </Typography>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, sm: 4 }}>
                  <SelectFieldR control={form.control} name={f(`pap.actions.${i}.resultat`)} label="Résultat" nullable options={RESULTAT_OPTIONS} emptyLabel="— Non renseigné —" />
                </Grid>
                <Grid size={{ xs: 12, sm: 8 }}>
                  <TextFieldR control={form.control} name={f(`pap.actions.${i}.bilan`)} label="Bilan-commentaires" multiline minRows={2} />
                </Grid>
              </Grid>
            </Paper>
          ))}
          {contract.type === 'CERP' ? (
            <Box component="section" aria-labelledby="bilan-suivi-title">
              <Typography variant="h3" id="bilan-suivi-title" sx={{ mb: 1 }}>
                Bilan complémentaire : fiche de suivi emploi
              </Typography>
              <SuiviEmploiEditor form={form as unknown as UseFormReturn<ContractFormValues>} />
            </Box>
          ) : null}
          <TextFieldR control={form.control} name="bilanGeneral" label="Bilan général" multiline minRows={3} />
          {contract.readOnly ? (
            <Alert severity="info">Seuls le résultat et le bilan se saisissent sur un contrat signé ; le reste du plan passe par un avenant.</Alert>
          ) : null}
        </Stack>
        <Stack direction="row" spacing={2} sx={{ mt: 3 }}>
          <Button type="submit" variant="contained" disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : 'Enregistrer le bilan'}
          </Button>
          <Button onClick={onCancel} disabled={isSubmitting}>
            Annuler
          </Button>
        </Stack>
      </Box>
    </Paper>
  );
}
