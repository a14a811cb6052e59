import { useId, useMemo, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { useForm, type FieldPath, type FieldValues, type Resolver } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import type { z } from 'zod';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { requiredText } from '../../../../shared/api/common';
import {
  contractCloseEarlyInputSchema,
  contractDatedInputSchema,
  contractRejectInputSchema,
  contractRenewInputSchema,
  contractSignInputSchema,
  contractTerminateInputSchema,
  type ContractView,
} from '../../../../shared/api/contracts';
import { CONTRACT_DURATIONS } from '../../../../shared/domain/rules/contracts';
import { contractEndDate, isIsoDate, nextPeriodStart } from '../../../../shared/domain/rules/dates';
import type { MethodName } from '../../../../shared/api/contract';
import { toApiError, useApi } from '../../api/ApiContext';
import { useSession } from '../../kit/session';
import { interviewPaths } from '../../kit/paths';
import { toIsoDate } from '../../kit/format';
import { DateFieldR, SelectFieldR, TextFieldR, type AnyControl } from '../../kit/formFields';
import { ROOT_ERROR_KEY } from './contractFormModel';
import { formatDate, personName } from '../../../../shared/domain/format';

export type LifecycleKind = 'signer' | 'transmettre' | 'valider' | 'rejeter' | 'demarrer' | 'echoir' | 'clore' | 'renouveler';

export const LIFECYCLE_LABELS: Record<LifecycleKind, string> = {
  signer: 'Signer le contrat',
  transmettre: 'Transmettre au SLAI',
  valider: 'Valider le contrat',
  rejeter: 'Rejeter le contrat',
  demarrer: 'Mettre en cours',
  echoir: 'Clore avec bilan',
  clore: 'Clore avant échéance',
  renouveler: 'Renouveler le contrat',
};

const ids = { contractId: true, version: true } as const;
const dated = contractDatedInputSchema.omit(ids);
const SCHEMAS = {
  signer: contractSignInputSchema.omit(ids),
  transmettre: dated,
  valider: dated,
  rejeter: contractRejectInputSchema.omit(ids).extend({ motif: requiredText('Motif du rejet', 2000) }),
  demarrer: dated,
  echoir: contractTerminateInputSchema.omit(ids),
  clore: contractCloseEarlyInputSchema.omit(ids).extend({ motif: requiredText('Motif de la clôture', 2000) }),
  renouveler: contractRenewInputSchema.omit({ ...ids, newActions: true, newSuiviEmploi: true }),
} satisfies Record<LifecycleKind, z.ZodType>;

const METHODS: Record<LifecycleKind, MethodName> = {
  signer: 'contracts.sign',
  transmettre: 'contracts.transmit',
  valider: 'contracts.validate',
  rejeter: 'contracts.reject',
  demarrer: 'contracts.start',
  echoir: 'contracts.terminate',
  clore: 'contracts.closeEarly',
  renouveler: 'contracts.renew',
};

const INTRO: Record<LifecycleKind, string> = {
  signer:
    'Le contrat est signé par le bénéficiaire et par le référent. Une fois signé, il ne se modifie plus que par un avenant (fiche de liaison) ; le résultat et le bilan des actions restent à saisir.',
  transmettre: 'Les deux exemplaires originaux signés sont transmis au Service Local Allocation Insertion (SLAI) pour la décision du Président.',
  valider: 'Décision du Président du Conseil Général : le contrat est validé.',
  rejeter: 'Décision du Président du Conseil Général : le contrat est rejeté. Indiquez le motif, qui sera communiqué au référent.',
  demarrer: 'Le contrat validé entre en application.',
  echoir:
    'À l’échéance, le contrat se clôt avec le bilan de chaque action (et, pour un CERP, la fiche de suivi emploi). Un CERS qui atteint douze mois de suivi solidarité saisit l’équipe pluridisciplinaire.',
  clore: 'Le contrat prend fin avant son échéance. Indiquez le motif.',
  renouveler:
    'Un nouveau contrat est créé en brouillon : les actions de celui-ci y sont reprises avec leur bilan ; vous y ajouterez les nouvelles actions.',
};

type Values = Record<string, unknown>;

export interface LifecycleDialogProps {
  kind: LifecycleKind | null;
  contract: ContractView;
  /** Saisine de l’EP at term (CERS reaching 12 months): changes the confirm label. */
  seizesEp?: boolean;
  onClose: () => void;
  /** The view after the action; `notes`: what else it changed (the sanction schedules a signature ended). */
  onDone: (view: ContractView, kind: LifecycleKind, notes?: string[]) => void;
  today?: string;
}

/** The dialog of one life-cycle action: its dates (and names, motif, bilan général, duration), checked by the API schema. */
export function LifecycleDialog(props: LifecycleDialogProps) {
  if (!props.kind) return null;
  return <LifecycleDialogOpen {...props} kind={props.kind} />;
}

function defaultsFor(kind: LifecycleKind, c: ContractView, today: string): Values {
  switch (kind) {
    case 'signer':
      return {
        referent: { nom: c.referentIdentity.displayName, date: today },
        beneficiaire: { nom: personName(c.etatCivil), date: today },
        edeWaiverReason: '',
      };
    case 'rejeter':
    case 'clore':
      return { date: today, motif: '' };
    case 'echoir':
      return { date: today, bilanGeneral: c.bilanGeneral ?? '' };
    case 'renouveler':
      return { start: nextPeriodStart(c.start, c.durationMonths), durationMonths: c.type === 'CERS' ? 6 : c.durationMonths };
    default:
      return { date: today };
  }
}

function LifecycleDialogOpen({ kind, contract, seizesEp, onClose, onDone, today = toIsoDate(new Date()) }: LifecycleDialogProps & { kind: LifecycleKind }) {
  const client = useApi();
  const titleId = useId();
  const resolver = useMemo(() => zodResolver(SCHEMAS[kind] as never) as unknown as Resolver<Values>, [kind]);
  const form = useForm<Values>({ resolver, defaultValues: defaultsFor(kind, contract, today), mode: 'onTouched' });
  const [error, setError] = useState<string>();
  const isAdmin = useSession().user.role === 'administrateur';
  // The EDE the handbook asks for before the contract: known from the draft, or told by the refused signature.
  const [edeMissing, setEdeMissing] = useState<string | null>(kind === 'signer' ? contract.edeBeforeSignature : null);
  const { isSubmitting } = form.formState;
  const control = form.control as AnyControl<FieldValues>;
  const field = (p: string) => p as FieldPath<FieldValues>;
  const label = kind === 'echoir' && seizesEp ? 'Clore et saisir l’équipe pluridisciplinaire' : LIFECYCLE_LABELS[kind];

  const submit = form.handleSubmit(async (values) => {
    setError(undefined);
    try {
      const view = (await client.call(METHODS[kind], { ...values, contractId: contract.id, version: contract.version } as never)) as ContractView & {
        sanctionChanges?: string[];
      };
      onDone(view, kind, view.sanctionChanges);
    } catch (e) {
      const apiError = toApiError(e);
      const entries = Object.entries(apiError.fieldErrors ?? {});
      const ede = apiError.fieldErrors?.[EDE_FIELD];
      if (ede) setEdeMissing(ede);
      const others = entries.filter(([p]) => p !== ROOT_ERROR_KEY && p !== EDE_FIELD);
      // Only the EDE is missing: the alert below says it (once).
      setError(ede && others.length === 0 && !apiError.fieldErrors?.[ROOT_ERROR_KEY] ? undefined : (apiError.fieldErrors?.[ROOT_ERROR_KEY] ?? apiError.message));
      others
        .forEach(([p, message], i) => form.setError(field(p), { type: 'server', message }, { shouldFocus: i === 0 }));
    }
  });

  const renewStart = form.watch('start') as string | undefined;
  const renewMonths = form.watch('durationMonths') as number | undefined;

  return (
    <Dialog open onClose={isSubmitting ? undefined : onClose} aria-labelledby={titleId} fullWidth maxWidth="sm">
      <Box component="form" noValidate onSubmit={(e) => void submit(e)}>
        <DialogTitle id={titleId}>{label}</DialogTitle>
        <DialogContent>
          <Typography sx={{ mb: 2 }}>{INTRO[kind]}</Typography>
          {error ? (
            <Alert severity="error" role="alert" sx={{ mb: 2 }}>
              {error}
            </Alert>
          ) : null}
          <Stack spacing={2.5}>
            {kind === 'signer' ? (
              <>
                <TextFieldR control={control} name={field('referent.nom')} label="Nom du référent signataire" required autoFocus />
                <DateFieldR control={control} name={field('referent.date')} label="Date de signature du référent" required disableFuture />
                <TextFieldR control={control} name={field('beneficiaire.nom')} label="Nom du bénéficiaire signataire" required />
                <DateFieldR control={control} name={field('beneficiaire.date')} label="Date de signature du bénéficiaire" required disableFuture />
                {edeMissing ? <EdeMissing message={edeMissing} personId={contract.personId} isAdmin={isAdmin} /> : null}
                {edeMissing && isAdmin ? (
                  <TextFieldR
                    control={control}
                    name={field('edeWaiverReason')}
                    label="Motif de la signature sans EDE (administrateur)"
                    hint="Ce motif écrit est conservé avec le contrat et dans le journal."
                    multiline
                    minRows={2}
                  />
                ) : null}
              </>
            ) : kind === 'renouveler' ? (
              <>
                <DateFieldR control={control} name={field('start')} label="Début du nouveau contrat" hint="Par défaut, le lendemain de la fin de celui-ci." />
                <SelectFieldR
                  control={control}
                  name={field('durationMonths')}
                  label="Durée du nouveau contrat"
                  required
                  numeric
                  emptyLabel={CONTRACT_DURATIONS[contract.type].length > 1 ? '— Choisir la durée —' : null}
                  options={CONTRACT_DURATIONS[contract.type].map((d) => ({ value: String(d), label: `${d} mois` }))}
                />
                <Typography aria-live="polite">
                  {renewStart && isIsoDate(renewStart) && renewMonths
                    ? `Le nouveau contrat courra du ${formatDate(renewStart)} au ${formatDate(contractEndDate(renewStart, renewMonths))}.`
                    : ''}
                </Typography>
              </>
            ) : (
              <DateFieldR control={control} name={field('date')} label={dateLabel(kind)} required disableFuture />
            )}
            {kind === 'rejeter' ? <TextFieldR control={control} name={field('motif')} label="Motif du rejet" required multiline minRows={3} /> : null}
            {kind === 'clore' ? <TextFieldR control={control} name={field('motif')} label="Motif de la clôture" required multiline minRows={3} /> : null}
            {kind === 'echoir' ? <TextFieldR control={control} name={field('bilanGeneral')} label="Bilan général" multiline minRows={3} /> : null}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={isSubmitting}>
            Annuler
          </Button>
          <Button type="submit" variant="contained" color={kind === 'rejeter' ? 'error' : 'primary'} disabled={isSubmitting}>
            {isSubmitting ? 'Enregistrement…' : label}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

/** The path of the EDE error in a refused signature (shared/domain/rules/contracts.ts, checkEdeBeforeContract). */
const EDE_FIELD = 'ede';

/** The EDE is missing or too old for this contract: what to do, and for an administrator the override. */
function EdeMissing({ message, personId, isAdmin }: { message: string; personId: number; isAdmin: boolean }) {
  return (
    <Alert severity="warning" role="alert">
      <Typography variant="body2">{message}</Typography>
      <Typography variant="body2" sx={{ mt: 1 }}>
        <RouterLink to={interviewPaths.edeNew(personId)}>Réaliser l’échelle de distance à l’emploi</RouterLink>
        {isAdmin
          ? ' — ou, en tant qu’administrateur, signer sans EDE en indiquant le motif ci-dessous.'
          : '. Seul un administrateur peut faire signer sans EDE, avec un motif écrit.'}
      </Typography>
    </Alert>
  );
}

function dateLabel(kind: LifecycleKind): string {
  switch (kind) {
    case 'transmettre':
      return 'Date de transmission au SLAI';
    case 'valider':
    case 'rejeter':
      return 'Date de la décision du Président';
    case 'demarrer':
      return 'Date de mise en cours';
    case 'echoir':
      return 'Date de clôture';
    case 'clore':
      return 'Date de clôture';
    default:
      return 'Date';
  }
}
