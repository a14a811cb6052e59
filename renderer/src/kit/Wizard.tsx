import { useId, type FormEvent, type ReactNode } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { ErrorSummary } from './formErrors';
import { ScrollRegion } from './ScrollRegion';
import type { StepWizard } from './useStepWizard';

/** The step number drawn by the Stepper is decoration: each step is named by its label alone. */
const STEP_ICON_HIDDEN = { 'aria-hidden': true } as const;

export interface WizardStepsProps {
  wizard: StepWizard;
  labels: readonly string[];
  /** Accessible name of the list of steps, e.g. « Étapes de la DSP ». */
  label: string;
  /** Every step is a button that shows it (no check): for forms whose steps are independent sections. */
  selectable?: boolean;
  /** Labels under the numbers (default), or beside them. */
  alternativeLabel?: boolean;
  /** Many steps: the row scrolls (a keyboard-reachable region) instead of squeezing the labels. */
  scrolls?: boolean;
}

/** The Stepper above a wizard's form: where the user is, out of how many steps. */
export function WizardSteps({ wizard, labels, label, selectable = false, alternativeLabel = true, scrolls = false }: WizardStepsProps) {
  const stepper = (
    <Stepper nonLinear={selectable} activeStep={wizard.step} alternativeLabel={alternativeLabel} aria-label={label} sx={scrolls ? { pb: 1 } : { mb: 3 }}>
      {labels.map((text, i) => {
        const stepLabel = (
          <StepLabel aria-current={i === wizard.step ? 'step' : undefined} slotProps={{ stepIcon: STEP_ICON_HIDDEN }}>
            {text}
          </StepLabel>
        );
        return (
          <Step key={text} completed={selectable ? false : i < wizard.step}>
            {selectable ? <StepButton onClick={() => wizard.goTo(i)}>{stepLabel}</StepButton> : stepLabel}
          </Step>
        );
      })}
    </Stepper>
  );
  return scrolls ? (
    <ScrollRegion aria-label={label} sx={{ mb: 3 }}>
      {stepper}
    </ScrollRegion>
  ) : (
    stepper
  );
}

export interface WizardFormProps {
  wizard: StepWizard;
  /** The h2 of the step, « Étape N sur M : … ». */
  heading: ReactNode;
  onSubmit: (e: FormEvent) => void;
  /** Above the step's fields, when shown: the general message and the step's errors, each a link to its field. */
  summary?: { message?: string | undefined; errors: { path: string; message: string }[]; labelOf?: (path: string) => string | undefined } | null;
  children: ReactNode;
  /** The buttons under the step (see WizardButtons). */
  actions: ReactNode;
}

/** The form of the current step, named by its heading (which takes the focus at each step). */
export function WizardForm({ wizard, heading, onSubmit, summary, children, actions }: WizardFormProps) {
  const headingId = useId();
  return (
    <Paper variant="outlined" sx={{ p: { xs: 2, md: 3 } }}>
      <Box component="form" onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
        <Typography variant="h2" id={headingId} ref={wizard.headingRef} tabIndex={-1} sx={{ mb: 2 }}>
          {heading}
        </Typography>
        {summary ? <ErrorSummary message={summary.message} errors={summary.errors} labelOf={summary.labelOf} onSelect={wizard.focusField} /> : null}
        {children}
        <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
          {actions}
        </Stack>
      </Box>
    </Paper>
  );
}

export interface WizardButtonsProps {
  wizard: StepWizard;
  /** The submit button's text (« Suivant », « Enregistrer… »); null: no submit button on this step. */
  submitLabel: string | null;
  /** A save is running: the buttons wait. */
  pending?: boolean;
  onCancel?: () => void;
  cancelLabel?: string;
  size?: 'medium' | 'large';
  /** After the buttons: the draft status, a total… */
  children?: ReactNode;
}

/** « Précédent », the submit button and « Annuler ». */
export function WizardButtons({ wizard, submitLabel, pending = false, onCancel, cancelLabel = 'Annuler', size = 'medium', children }: WizardButtonsProps) {
  return (
    <>
      {wizard.step > 0 ? (
        <Button size={size} onClick={() => wizard.goTo(wizard.step - 1)} disabled={pending}>
          Précédent
        </Button>
      ) : null}
      {submitLabel !== null ? (
        <Button type="submit" variant="contained" size={size} disabled={pending}>
          {submitLabel}
        </Button>
      ) : null}
      {onCancel ? (
        <Button size={size} onClick={onCancel}>
          {cancelLabel}
        </Button>
      ) : null}
      {children}
    </>
  );
}
