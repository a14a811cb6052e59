import { useId, useMemo, useRef } from 'react';
import { useFieldArray, useFormState, useWatch, type FieldPath, type UseFormReturn } from 'react-hook-form';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Grid from '@mui/material/Grid';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/Delete';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { RESULTAT_LABELS, RESULTATS } from '../../../../shared/domain/rules/pap';
import type { ThemeCode } from '../../../../shared/domain/referentials/types';
import { Term } from '../Term';
import { CheckboxGroupR, CheckboxR, DateFieldR, SelectFieldR, TextFieldR, type Option } from '../formFields';
import {
  THEMES,
  actionOf,
  contractPeriod,
  emptyPapRow,
  papIssues,
  pickerActions,
  restrictedActions,
  themeLabel,
  type PapContract,
  type PapRowValues,
} from './papModel';
import { formatDate, plural } from '../../../../shared/domain/format';
import { currentBodyName } from '../../../../shared/domain/franceTravail';

/** The part of a form the editor works on: `pap.actions`. */
export interface PapFormShape {
  pap: { actions: PapRowValues[] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PapForm = UseFormReturn<PapFormShape, any, any>;

export const PAP_MAX_ROWS = 40;

const THEME_OPTIONS: Option[] = THEMES.map((t) => ({ value: t.code, label: `${t.code} — ${t.label}` }));
const RESULTAT_OPTIONS: Option[] = RESULTATS.map((r) => ({ value: r, label: RESULTAT_LABELS[r] }));

export interface PapEditorProps {
  form: PapForm;
  contract: PapContract;
  /** Themes the latest EDE points to (its coloured items). */
  suggestedThemes?: readonly { code: ThemeCode; label: string }[];
  /** Show « au moins une action » (after an attempt to go on). */
  showEmptyError?: boolean;
  /** 'bilan': résultat and bilan required on every row. */
  phase?: 'elaboration' | 'bilan';
}

/**
 * Le plan d’accompagnement (PAP): one block per action — theme, codified action with its definition beside it,
 * services sollicités from that action's list, dates, engagements, then résultat and bilan. The handbook's rules
 * run as the user types and their messages appear at the row.
 */
export function PapEditor({ form, contract, suggestedThemes = [], showEmptyError, phase = 'elaboration' }: PapEditorProps) {
  const { control } = form;
  const rows = useFieldArray({ control, name: 'pap.actions' });
  const values = useWatch({ control, name: 'pap.actions' });
  const { errors } = useFormState({ control, name: 'pap.actions' });
  const addRef = useRef<HTMLButtonElement>(null);
  const planId = useId();
  const period = contractPeriod(contract);
  const issues = useMemo(() => papIssues(values ?? [], contract, { phase }), [values, contract, phase]);

  const apiPlanError = (() => {
    const e = errors.pap?.actions as unknown as { message?: string; root?: { message?: string } } | undefined;
    return e?.message ?? e?.root?.message;
  })();
  const planMessage = apiPlanError ?? ((values?.length ?? 0) > 0 || showEmptyError ? issues.plan : undefined);

  // The add buttons keep the focus where it is until the click: a mouse press that blurred the field being
  // filled would show its message, move the buttons down under the pointer, and the click would be lost.
  const keepFocus = (e: React.MouseEvent) => e.preventDefault();
  const add = (theme: ThemeCode | '' = '') => {
    const index = rows.fields.length;
    rows.append(emptyPapRow(theme, period), { focusName: theme ? `pap.actions.${index}.actionCode` : `pap.actions.${index}.theme` });
  };

  return (
    <Box>
      <Box aria-live="polite" id={planId}>
        {planMessage ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {planMessage}
          </Alert>
        ) : null}
      </Box>
      {rows.fields.length === 0 ? (
        <Typography sx={{ mb: 2 }}>Aucune action n’est encore inscrite au plan d’accompagnement.</Typography>
      ) : null}
      <Stack spacing={2} component="ol" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Actions du plan d’accompagnement">
        {rows.fields.map((field, index) => {
          // useWatch lags one render behind an append: the field array's item has the new row's values.
          const row = values?.[index] ?? (field as unknown as PapRowValues);
          return (
            <Box component="li" key={field.id}>
              {row.carriedOver ? (
                <CarriedRow index={index} row={row} />
              ) : (
                <PapRowEditor
                  form={form}
                  index={index}
                  contract={contract}
                  row={row}
                  issues={issues}
                  onRemove={() => {
                    rows.remove(index);
                    addRef.current?.focus();
                  }}
                />
              )}
            </Box>
          );
        })}
      </Stack>
      <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 2, flexWrap: 'wrap', alignItems: 'center' }}>
        <Button ref={addRef} variant="outlined" startIcon={<AddIcon />} onMouseDown={keepFocus} onClick={() => add()} disabled={rows.fields.length >= PAP_MAX_ROWS}>
          Ajouter une action
        </Button>
        {suggestedThemes.length > 0 ? (
          <>
            <Typography component="span" color="text.secondary" sx={{ ml: 1 }}>
              Thèmes suggérés par la dernière EDE :
            </Typography>
            {suggestedThemes.map((t) => (
              <Button key={t.code} size="small" onMouseDown={keepFocus} onClick={() => add(t.code)} disabled={rows.fields.length >= PAP_MAX_ROWS}>
                {`Ajouter une action du thème ${t.code} — ${t.label}`}
              </Button>
            ))}
          </>
        ) : null}
      </Stack>
    </Box>
  );
}

interface RowProps {
  form: PapForm;
  index: number;
  contract: PapContract;
  row: PapRowValues | undefined;
  issues: ReturnType<typeof papIssues>;
  onRemove: () => void;
}

function PapRowEditor({ form, index, contract, row, issues, onRemove }: RowProps) {
  const { control, setValue } = form;
  const headingId = useId();
  const n = index + 1;
  const p = (field: keyof PapRowValues) => `pap.actions.${index}.${field}` as FieldPath<PapFormShape>;
  const rule = (field: keyof PapRowValues) => issues.rows[`${index}.${field}`];
  const theme = row?.theme ?? '';
  const action = actionOf(row?.actionCode ?? '');
  const actionOptions: Option[] = useMemo(() => {
    const list = pickerActions(theme, contract.type).map((a) => ({ value: a.code, label: `${a.code} — ${a.label}` }));
    // A stored action the picker no longer offers (other sphere, draft) stays visible, with its rule message.
    if (row?.actionCode && !list.some((o) => o.value === row.actionCode)) {
      list.push({ value: row.actionCode, label: action ? `${action.code} — ${action.label}` : row.actionCode });
    }
    return list;
  }, [theme, contract.type, row?.actionCode, action]);
  const restricted = restrictedActions(theme);
  // The stored service stays the Annexe's word; the screen says today's name.
  const serviceOptions: Option[] = (action?.services ?? []).map((s) => ({ value: s, label: currentBodyName(s) }));
  const flag = issues.flags[`${index}.actionCode`];
  const rowMessages = Object.entries(issues.rows).filter(([k]) => k.startsWith(`${index}.`));

  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: { xs: 2, md: 2.5 } }}>
      <Stack direction="row" spacing={2} sx={{ justifyContent: 'space-between', alignItems: 'center', mb: 2 }}>
        <Typography variant="h3" id={headingId}>
          {`Action ${n}`}
          {action ? (
            <Typography component="span" variant="body1" sx={{ ml: 1, fontWeight: 400 }}>
              {`: ${action.code} — ${action.label}`}
            </Typography>
          ) : null}
        </Typography>
        {rowMessages.length > 0 ? (
          <Chip icon={<WarningAmberIcon />} color="error" variant="outlined" label={plural(rowMessages.length, 'point à corriger', 'points à corriger')} />
        ) : null}
      </Stack>
      <Grid container spacing={2.5}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2.5}>
            <SelectFieldR
              control={control}
              name={p('theme')}
              label="Thème"
              required
              options={THEME_OPTIONS}
              emptyLabel="— Choisir un thème —"
              ruleError={rule('theme')}
              onValueChange={() => {
                setValue(p('actionCode'), '', { shouldDirty: true });
                setValue(p('services'), [], { shouldDirty: true });
                setValue(p('derogationObtained'), false, { shouldDirty: true });
              }}
            />
            <SelectFieldR
              control={control}
              name={p('actionCode')}
              label="Action"
              required
              disabled={theme === ''}
              options={actionOptions}
              emptyLabel={theme === '' ? '— Choisissez d’abord le thème —' : '— Choisir une action —'}
              ruleError={rule('actionCode')}
              hint={action ? 'Sa définition est affichée à côté.' : 'Libellé exact de la codification (Annexe 6).'}
              onValueChange={() => {
                setValue(p('services'), [], { shouldDirty: true });
                setValue(p('derogationObtained'), false, { shouldDirty: true });
              }}
            />
            {action?.requiresDerogation ? (
              <CheckboxR
                control={control}
                name={p('derogationObtained')}
                label="Dérogation du Président du Conseil Général obtenue"
                hint="Sans elle, l’action reste signalée dans le plan."
              />
            ) : null}
            {flag ? (
              <Alert severity="warning" icon={<WarningAmberIcon />}>
                {flag.message}
              </Alert>
            ) : null}
            {serviceOptions.length > 0 ? (
              <CheckboxGroupR control={control} name={p('services')} label="Services ou organismes sollicités" options={serviceOptions} />
            ) : null}
            <Grid container spacing={2}>
              <Grid size={{ xs: 12, sm: 6 }}>
                <DateFieldR control={control} name={p('start')} label="Début" required ruleError={rule('start')} />
              </Grid>
              <Grid size={{ xs: 12, sm: 6 }}>
                <DateFieldR control={control} name={p('end')} label="Échéance" required ruleError={rule('end')} />
              </Grid>
            </Grid>
            <TextFieldR control={control} name={p('engagementReferent')} label="Engagement du référent" required multiline minRows={2} ruleError={rule('engagementReferent')} />
            <TextFieldR
              control={control}
              name={p('engagementBeneficiaire')}
              label="Engagement du bénéficiaire"
              required
              multiline
              minRows={2}
              ruleError={rule('engagementBeneficiaire')}
            />
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <ActionDefinition code={row?.actionCode ?? ''} restricted={restricted} />
        </Grid>
        <Grid size={{ xs: 12 }}>
          <Typography variant="h4" component="h4" sx={{ mb: 1.5 }}>
            {`Bilan de l’action ${n} (à l’échéance)`}
          </Typography>
          <Grid container spacing={2}>
            <Grid size={{ xs: 12, sm: 4 }}>
              <SelectFieldR
                control={control}
                name={p('resultat')}
                label="Résultat"
                nullable
                options={RESULTAT_OPTIONS}
                emptyLabel="— Non renseigné —"
                ruleError={rule('resultat')}
              />
            </Grid>
            <Grid size={{ xs: 12, sm: 8 }}>
              <TextFieldR control={control} name={p('bilan')} label="Bilan-commentaires" multiline minRows={1} ruleError={rule('bilan')} />
            </Grid>
          </Grid>
        </Grid>
      </Grid>
      <Button color="error" startIcon={<DeleteIcon />} onClick={onRemove} sx={{ mt: 2 }}>
        {`Retirer l’action ${n}`}
      </Button>
    </Paper>
  );
}

/** The fiche synthétique of the chosen action (Annexe 6): definition, notes, « seule action » rule. */
export function ActionDefinition({ code, restricted = [] }: { code: string; restricted?: ReturnType<typeof restrictedActions> }) {
  const action = actionOf(code);
  return (
    <Box
      component="aside"
      aria-label="Définition de l’action"
      sx={{ bgcolor: 'action.hover', borderRadius: 1, p: 2, height: '100%', borderLeft: 4, borderColor: 'primary.main' }}
    >
      {action ? (
        <>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 700, mb: 1 }}>
            {`${action.code} — ${currentBodyName(action.label)}`}
          </Typography>
          <Typography variant="body2" component="p" color="text.secondary" sx={{ mb: 1 }}>
            {`Thème ${themeLabel(action.theme)}`}
          </Typography>
          {action.definition.split('\n').map((line, i) => (
            <Typography key={i} variant="body2" sx={{ mb: 0.75 }}>
              {currentBodyName(line)}
            </Typography>
          ))}
          {action.notAlone ? (
            <Alert severity="info" sx={{ mt: 1 }}>
              Cette action ne peut être la seule action du plan d’accompagnement.
            </Alert>
          ) : null}
          {action.notes.map((note) => (
            <Alert key={note} severity={action.requiresDerogation ? 'warning' : 'info'} sx={{ mt: 1 }}>
              {currentBodyName(note)}
            </Alert>
          ))}
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          Choisissez une action : sa définition (fiche synthétique de l’Annexe 6) s’affiche ici.
        </Typography>
      )}
      {restricted.map((a) => (
        <Alert key={a.code} severity="info" sx={{ mt: 1 }}>
          {currentBodyName(`${a.code} — ${a.label} : ${a.notes[0] ?? 'action réservée à l’échange avec Pôle Emploi.'}`)}
        </Alert>
      ))}
    </Box>
  );
}

/** A row taken over from the previous contract at a renewal: shown with its bilan, not edited. */
function CarriedRow({ index, row }: { index: number; row: PapRowValues }) {
  const headingId = useId();
  const action = actionOf(row.actionCode);
  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: 2, bgcolor: 'action.hover' }}>
      <Stack direction="row" spacing={1} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mb: 1 }}>
        <Typography variant="h3" id={headingId}>
          {`Action ${index + 1} : ${action ? `${action.code} — ${action.label}` : row.actionCode}`}
        </Typography>
        <Chip size="small" label="Reprise du contrat précédent" />
      </Stack>
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: 'max-content 1fr' }, columnGap: 2, rowGap: 0.5, m: 0 }}>
        <Term term="Période" value={`du ${formatDate(row.start)} au ${formatDate(row.end)}`} />
        <Term term="Engagement du référent" value={row.engagementReferent} />
        <Term term="Engagement du bénéficiaire" value={row.engagementBeneficiaire} />
        <Term term="Résultat" value={row.resultat ? RESULTAT_LABELS[row.resultat] : 'Non renseigné'} />
        <Term term="Bilan-commentaires" value={row.bilan || 'Non renseigné'} />
      </Box>
    </Paper>
  );
}
