import { act, cleanup, renderHook } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterEach, describe, expect, it } from 'vitest';
import { useStepWizard } from './useStepWizard';

interface Values {
  nom: string;
  ville: string;
}

const STEP_FIELDS = [['nom'], ['ville'], []] as const;

function useWizard(check?: (step: number) => boolean) {
  const form = useForm<Values>({ defaultValues: { nom: '', ville: '' } });
  form.register('nom', { required: 'Le nom est obligatoire' });
  form.register('ville', { required: 'La ville est obligatoire' });
  const wizard = useStepWizard({
    form,
    count: 3,
    fieldsOf: (s) => STEP_FIELDS[s] ?? [],
    stepOf: (path) => STEP_FIELDS.findIndex((fields) => (fields as readonly string[]).includes(path)),
    check,
  });
  // Read while rendering, as a screen does: react-hook-form then re-renders on a new error.
  const { errors } = form.formState;
  return { form, wizard, errors };
}

describe('useStepWizard', () => {
  afterEach(cleanup);

  it('keeps a step whose fields are wrong (marked as tried), then goes on once they are right', async () => {
    const { result } = renderHook(() => useWizard());
    await act(async () => {
      expect(await result.current.wizard.next()).toBe(false);
    });
    expect(result.current.wizard.step).toBe(0);
    expect(result.current.wizard.attempted).toBe(true);
    expect(result.current.wizard.stepErrors(result.current.errors)).toEqual([{ path: 'nom', message: 'Le nom est obligatoire' }]);
    act(() => result.current.form.setValue('nom', 'Martin'));
    await act(async () => {
      expect(await result.current.wizard.next()).toBe(true);
    });
    expect(result.current.wizard.step).toBe(1);
    expect(result.current.wizard.attempted).toBe(false);
  });

  it('holds a step the extra check refuses, and clears the general message when moving', async () => {
    const { result } = renderHook(() => useWizard((s) => s !== 1));
    act(() => {
      result.current.form.setValue('nom', 'Martin');
      result.current.form.setValue('ville', 'Arras');
    });
    await act(async () => void (await result.current.wizard.next()));
    await act(async () => void (await result.current.wizard.next()));
    expect(result.current.wizard.step).toBe(1);
    act(() => result.current.wizard.setServerError('Refusé'));
    act(() => result.current.wizard.goTo(0));
    expect(result.current.wizard.step).toBe(0);
    expect(result.current.wizard.serverError).toBeUndefined();
  });

  it('after a refused save, shows the first step holding an error', () => {
    const { result } = renderHook(() => useWizard());
    act(() => result.current.wizard.goTo(2));
    expect(result.current.wizard.isLast).toBe(true);
    let target: number | undefined;
    act(() => {
      target = result.current.wizard.showErrorsAt(['_', 'ville', 'nom']);
    });
    expect(target).toBe(1);
    expect(result.current.wizard.step).toBe(1);
    expect(result.current.wizard.attempted).toBe(true);
  });
});
