import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FieldErrors, FieldPath, FieldValues, UseFormReturn } from 'react-hook-form';
import { flattenFieldErrors, useRecheckErrorsOnChange } from './formErrors';

export interface StepWizardOptions<T extends FieldValues> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any parsed output: the hook reads the values only
  form: UseFormReturn<T, any, any>;
  /** How many steps (the last one saves). */
  count: number;
  /** The step shown first. */
  initial?: number;
  /** The fields checked before leaving step `step` forward (none: nothing to check). */
  fieldsOf: (step: number) => readonly string[];
  /** The step that shows a field (form or API path), or -1 when no step does. */
  stepOf: (path: string) => number;
  /** What « Suivant » checks once the fields are right (the PAP's rules, a save): false stays on the step. */
  check?: (step: number) => boolean | Promise<boolean>;
}

export interface StepWizard {
  step: number;
  count: number;
  isLast: boolean;
  /** Put on the step's h2 (tabIndex -1): it takes the focus each time the step changes. */
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** « Suivant » or the saving was tried on this step: its errors are shown. */
  attempted: boolean;
  /** The API's (or the wizard's) general message, cleared when the user moves on. */
  serverError: string | undefined;
  setServerError: (message: string | undefined) => void;
  /** « Suivant »: checks the step's fields (focus on the first wrong one), then `check`, then shows the next step. */
  next: () => Promise<boolean>;
  /** Shows another step without checking (« Précédent », the Stepper's buttons, a recap's « Modifier »). */
  goTo: (step: number) => void;
  /**
   * After a refused save: shows the first step holding one of `paths` (marked as tried); with `focus`, its
   * field takes the focus once the step is shown. Resolves to that step, or undefined.
   */
  showErrorsAt: (paths: readonly string[], options?: { focus?: boolean }) => number | undefined;
  /** A link of the error summary: shows the field's step, then puts the focus on the field. */
  focusField: (path: string) => void;
  /** The form's `onSubmit`: « Suivant » before the last step, `save` on it. */
  onSubmit: (save: (e: FormEvent) => unknown) => (e: FormEvent) => void;
  /** The errors of the current step (every error on the last one), as the error summary lists them. */
  stepErrors: (errors: FieldErrors) => { path: string; message: string }[];
}

/**
 * The step logic every wizard shares (DSP, EDE, CER, fiche de liaison, installation): the current step, its
 * fields checked before going on, the focus on the step's heading, the jump to the first step in error after
 * a refused save, and whether the current step's errors are to be shown.
 */
export function useStepWizard<T extends FieldValues>({ form, count, initial = 0, fieldsOf, stepOf, check }: StepWizardOptions<T>): StepWizard {
  const [step, setStep] = useState(initial);
  const [tried, setTried] = useState<ReadonlySet<number>>(() => new Set());
  const [serverError, setServerError] = useState<string>();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);
  const isLast = step === count - 1;
  useRecheckErrorsOnChange(form);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const markTried = (s: number, on: boolean) =>
    setTried((set) => {
      if (set.has(s) === on) return set;
      const copy = new Set(set);
      if (on) copy.add(s);
      else copy.delete(s);
      return copy;
    });

  const goTo = (target: number) => {
    setServerError(undefined);
    setStep(Math.max(0, Math.min(count - 1, target)));
  };

  const next = async () => {
    setServerError(undefined);
    markTried(step, true);
    const fields = fieldsOf(step);
    if (fields.length > 0 && !(await form.trigger(fields as FieldPath<T>[], { shouldFocus: true }))) return false;
    if (check && !(await check(step))) return false;
    markTried(step, false);
    setStep((s) => Math.min(count - 1, s + 1));
    return true;
  };

  const showErrorsAt = (paths: readonly string[], options: { focus?: boolean } = {}) => {
    const index = paths.findIndex((p) => stepOf(p) >= 0);
    if (index < 0) return undefined;
    const target = stepOf(paths[index]!);
    markTried(target, true);
    if (target !== step) {
      setStep(target);
      // The step's fields mount after the switch: focus the field then.
      if (options.focus) setTimeout(() => form.setFocus(paths[index] as FieldPath<T>), 0);
    }
    return target;
  };

  const focusField = (path: string) => {
    showErrorsAt([path]);
    setTimeout(() => form.setFocus(path as FieldPath<T>), 0);
  };

  const onSubmit = (save: (e: FormEvent) => unknown) => (e: FormEvent) => {
    e.preventDefault();
    if (isLast) void save(e);
    else void next();
  };

  const stepErrors = (errors: FieldErrors) => flattenFieldErrors(errors).filter((e) => isLast || stepOf(e.path) === step);

  return {
    step,
    count,
    isLast,
    headingRef,
    attempted: tried.has(step),
    serverError,
    setServerError,
    next,
    goTo,
    showErrorsAt,
    focusField,
    onSubmit,
    stepErrors,
  };
}
