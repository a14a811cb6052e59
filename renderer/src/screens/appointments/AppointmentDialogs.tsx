/**
 * The dialogs of the « Rendez-vous » section: plan (or change) a rendez-vous, record the présence, cancel. Forms
 * with react-hook-form and the contract's zod schemas (French messages, re-checked as the user types); Enter
 * submits, Escape closes.
 */
import { useMemo, useState, type ReactNode } from 'react';
import { useForm, type FieldValues, type Resolver, type UseFormSetError } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import { z } from 'zod';
import {
  APPOINTMENT_OUTCOME_LABELS,
  APPOINTMENT_OUTCOMES,
  appointmentFormSchema,
  appointmentOutcomeSchema,
  type AppointmentOutcome,
  type AppointmentView,
} from '../../../../shared/api/appointments';
import { optionalText, requiredText } from '../../../../shared/api/common';
import { formatDate } from '../../../../shared/domain/format';
import { toApiError, useApi } from '../../api/ApiContext';
import { RadioInput } from '../../kit/fields';
import { applyFieldErrors, ErrorSummary, flattenFieldErrors, useRecheckErrorsOnChange } from '../../kit/formErrors';
import { CheckboxR, DateFieldR, TextFieldR } from '../../kit/formFields';
import { useNotify } from '../../kit/notifications';
import { useSession } from '../../kit/session';

const timeFr = (time: string) => time.replace(':', ' h ');
/** « 12/01/2027 à 09 h 30 ». */
export const whenOf = (a: Pick<AppointmentView, 'date' | 'time'>) => `${formatDate(a.date)} à ${timeFr(a.time)}`;

interface FormDialogProps {
  title: string;
  submitLabel: string;
  pending: boolean;
  onSubmit: () => void;
  onClose: () => void;
  children: ReactNode;
}

/** A dialog holding one form: its title names it, Enter submits, Escape and « Fermer » close. */
function FormDialog({ title, submitLabel, pending, onSubmit, onClose, children }: FormDialogProps) {
  return (
    <Dialog
      open
      onClose={pending ? undefined : onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="appointment-dialog-title"
      slotProps={{
        paper: {
          component: 'form',
          noValidate: true,
          onSubmit: (e: React.FormEvent) => {
            e.preventDefault();
            onSubmit();
          },
        } as never,
      }}
    >
      <DialogTitle id="appointment-dialog-title">{title}</DialogTitle>
      <DialogContent>
        <Stack spacing={2.5} sx={{ pt: 1 }}>
          {children}
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={pending}>
          Fermer
        </Button>
        <Button type="submit" variant="contained" disabled={pending}>
          {pending ? 'Enregistrement…' : submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Runs a write: the API's field errors go to the fields, anything else to the summary. */
function useWrite<T extends FieldValues>(setError: UseFormSetError<T>) {
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string>();
  const run = async (write: () => Promise<void>) => {
    setPending(true);
    setMessage(undefined);
    try {
      await write();
    } catch (e) {
      const error = toApiError(e);
      if (applyFieldErrors(setError, error).length === 0) setMessage(error.message);
    } finally {
      setPending(false);
    }
  };
  return { pending, message, run };
}

// ---------------------------------------------------------------------------------------------------------
// Plan / change
// ---------------------------------------------------------------------------------------------------------

interface PlanValues {
  date: string;
  time: string;
  place: string;
  object: string;
  withConvocation: boolean;
}

/** The form's schema: the contract's, and not before today (main checks it again). */
export const planFormSchema = (today: string) =>
  appointmentFormSchema.refine((v) => v.date >= today, {
    path: ['date'],
    message: `Le rendez-vous ne peut pas être fixé avant aujourd’hui (${formatDate(today)}).`,
  });

export function PlanDialog({ personId, today, appointment, onClose }: { personId: number; today: string; appointment?: AppointmentView; onClose: () => void }) {
  const api = useApi();
  const notify = useNotify();
  const { mds } = useSession();
  const resolver = useMemo(() => zodResolver(planFormSchema(today)) as unknown as Resolver<PlanValues>, [today]);
  const defaultPlace = mds ? `${mds.name}${mds.address ? `, ${mds.address}` : ''}` : '';
  const form = useForm<PlanValues>({
    resolver,
    mode: 'onTouched',
    defaultValues: appointment
      ? { date: appointment.date, time: appointment.time, place: appointment.place, object: appointment.object, withConvocation: appointment.withConvocation }
      : { date: '', time: '', place: defaultPlace, object: '', withConvocation: true },
  });
  useRecheckErrorsOnChange(form);
  const write = useWrite<PlanValues>(form.setError);
  const submit = form.handleSubmit((values) =>
    write.run(async () => {
      if (appointment) {
        await api.call('appointments.update', { ...values, appointmentId: appointment.id, version: appointment.version });
        notify('Rendez-vous modifié.');
      } else {
        const planned = await api.call('appointments.plan', { ...values, personId });
        notify(`Rendez-vous planifié le ${whenOf(planned)}.`);
      }
      onClose();
    }),
  );
  return (
    <FormDialog title={appointment ? `Modifier le rendez-vous du ${formatDate(appointment.date)}` : 'Planifier un rendez-vous'} submitLabel={appointment ? 'Enregistrer' : 'Planifier'} pending={write.pending} onSubmit={() => void submit()} onClose={onClose}>
      <ErrorSummary message={write.message} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(path) => form.setFocus(path as keyof PlanValues)} />
      <DateFieldR control={form.control} name="date" label="Date du rendez-vous" required />
      <TextFieldR control={form.control} name="time" label="Heure" required hint="Format hh:mm, par exemple 09:30" slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 5 } }} />
      <TextFieldR control={form.control} name="place" label="Lieu" required />
      <TextFieldR control={form.control} name="object" label="Objet" required hint="Par exemple : signature du contrat, point d’étape, bilan" />
      <CheckboxR control={form.control} name="withConvocation" label="Avec un courrier de convocation" hint="La convocation rappelle l’obligation de répondre aux convocations du référent." />
    </FormDialog>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Présence
// ---------------------------------------------------------------------------------------------------------

const outcomeFormSchema = z.object({ outcome: appointmentOutcomeSchema, note: optionalText(1000) });
interface OutcomeValues {
  outcome: '' | AppointmentOutcome;
  note: string;
}

export function OutcomeDialog({ appointment, onClose }: { appointment: AppointmentView; onClose: () => void }) {
  const api = useApi();
  const notify = useNotify();
  const resolver = useMemo(() => zodResolver(outcomeFormSchema) as unknown as Resolver<OutcomeValues>, []);
  const form = useForm<OutcomeValues>({ resolver, mode: 'onTouched', defaultValues: { outcome: appointment.outcome ?? '', note: appointment.outcomeNote ?? '' } });
  useRecheckErrorsOnChange(form);
  const write = useWrite<OutcomeValues>(form.setError);
  const submit = form.handleSubmit((values) =>
    write.run(async () => {
      const outcome = values.outcome as AppointmentOutcome;
      await api.call('appointments.recordOutcome', { appointmentId: appointment.id, version: appointment.version, outcome, note: values.note });
      notify(`Présence enregistrée : ${APPOINTMENT_OUTCOME_LABELS[outcome].toLowerCase()}.`);
      onClose();
    }),
  );
  return (
    <FormDialog title={`Présence au rendez-vous du ${whenOf(appointment)}`} submitLabel="Enregistrer la présence" pending={write.pending} onSubmit={() => void submit()} onClose={onClose}>
      <ErrorSummary message={write.message} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(path) => form.setFocus(path as keyof OutcomeValues)} />
      <RadioInput control={form.control} name="outcome" label="Le bénéficiaire était" required options={APPOINTMENT_OUTCOMES.map((value) => ({ value, label: APPOINTMENT_OUTCOME_LABELS[value] }))} />
      <TextFieldR control={form.control} name="note" label="Observation" multiline minRows={2} hint="Facultative : motif de l’absence, suite donnée…" />
    </FormDialog>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Cancel
// ---------------------------------------------------------------------------------------------------------

const cancelFormSchema = z.object({ reason: requiredText('Motif de l’annulation', 500) });

export function CancelDialog({ appointment, onClose }: { appointment: AppointmentView; onClose: () => void }) {
  const api = useApi();
  const notify = useNotify();
  const resolver = useMemo(() => zodResolver(cancelFormSchema) as unknown as Resolver<{ reason: string }>, []);
  const form = useForm<{ reason: string }>({ resolver, mode: 'onTouched', defaultValues: { reason: '' } });
  useRecheckErrorsOnChange(form);
  const write = useWrite<{ reason: string }>(form.setError);
  const submit = form.handleSubmit((values) =>
    write.run(async () => {
      await api.call('appointments.cancel', { appointmentId: appointment.id, version: appointment.version, reason: values.reason });
      notify('Rendez-vous annulé.');
      onClose();
    }),
  );
  return (
    <FormDialog title={`Annuler le rendez-vous du ${whenOf(appointment)}`} submitLabel="Annuler le rendez-vous" pending={write.pending} onSubmit={() => void submit()} onClose={onClose}>
      <ErrorSummary message={write.message} errors={form.formState.submitCount > 0 ? flattenFieldErrors(form.formState.errors) : []} onSelect={(path) => form.setFocus(path as 'reason')} />
      <TextFieldR control={form.control} name="reason" label="Motif de l’annulation" required multiline minRows={2} />
    </FormDialog>
  );
}
