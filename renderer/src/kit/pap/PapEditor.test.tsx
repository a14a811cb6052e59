import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { AppProviders } from '../../app/AppProviders';
import { papRowSchema } from '../../../../shared/api/contracts';
import type { ThemeCode } from '../../../../shared/domain/referentials/types';
import { Page } from '../Page';
import { useStepWizard } from '../useStepWizard';
import { WizardButtons, WizardForm } from '../Wizard';
import { PapEditor, type PapForm, type PapFormShape } from './PapEditor';
import { emptyPapRow, type PapContract, type PapRowValues } from './papModel';

afterEach(cleanup);

const CERS: PapContract = { type: 'CERS', start: '2026-01-01', durationMonths: 6 };

function Harness({ rows = [], contract = CERS, suggested = [] }: { rows?: PapRowValues[]; contract?: PapContract; suggested?: { code: ThemeCode; label: string }[] }) {
  const form = useForm<PapFormShape>({ defaultValues: { pap: { actions: rows } }, mode: 'onBlur' });
  return (
    <AppProviders>
      <PapEditor form={form as unknown as PapForm} contract={contract} suggestedThemes={suggested} />
    </AppProviders>
  );
}

/** The PAP step of a wizard (first of two), checked by the rows' schema, its error summary above. */
function WizardHarness({ rows }: { rows: PapRowValues[] }) {
  const form = useForm<PapFormShape>({
    defaultValues: { pap: { actions: rows } },
    resolver: zodResolver(z.object({ pap: z.object({ actions: z.array(papRowSchema) }) })) as never,
    mode: 'onBlur',
  });
  const wizard = useStepWizard({ form, count: 2, fieldsOf: () => ['pap'], stepOf: () => 0 });
  return (
    <AppProviders>
      <Page title="Nouveau CERS">
        <WizardForm
          wizard={wizard}
          heading="Étape 1 sur 2 : Plan d’accompagnement"
          onSubmit={wizard.onSubmit(() => undefined)}
          summary={{ errors: wizard.attempted ? wizard.stepErrors(form.formState.errors) : [] }}
          actions={<WizardButtons wizard={wizard} submitLabel="Suivant" />}
        >
          <PapEditor form={form as unknown as PapForm} contract={CERS} />
        </WizardForm>
      </Page>
    </AppProviders>
  );
}

const row = (n: number) => screen.getByRole('region', { name: new RegExp(`^Action ${n}\\b`) });

async function pick(user: UserEvent, n: number, theme: string, action: string) {
  await user.selectOptions(within(row(n)).getByRole('combobox', { name: 'Thème' }), theme);
  await user.selectOptions(within(row(n)).getByRole('combobox', { name: 'Action' }), action);
}

describe('PapEditor', () => {
  it('puts the « not alone » message at the row as soon as the action is chosen, and removes it once another action joins', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    expect(within(row(1)).getByRole('combobox', { name: 'Thème' })).toHaveFocus();
    await pick(user, 1, 'A', 'A.2');

    const action1 = within(row(1)).getByRole('combobox', { name: 'Action' });
    expect(action1).toHaveAccessibleDescription('Ligne 1 : cette action ne peut être la seule action du plan d’accompagnement.');
    expect(action1).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/ne peut pas se composer uniquement d’actions/)).toBeInTheDocument();
    // The definition of the action, beside it, with its note.
    const definition = within(row(1)).getByRole('complementary', { name: 'Définition de l’action' });
    expect(definition).toHaveTextContent('A.2 — Démarches Administratives');
    expect(definition).toHaveTextContent('Cette action ne peut être la seule action du plan d’accompagnement.');

    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    await pick(user, 2, 'A', 'A.1.1');
    await waitFor(() => expect(action1).not.toHaveAttribute('aria-invalid', 'true'));
    expect(screen.queryByText(/ne peut pas se composer uniquement d’actions/)).not.toBeInTheDocument();
  });

  it('offers the services of the chosen action only, and resets them when the action changes', async () => {
    const user = userEvent.setup();
    render(<Harness rows={[emptyPapRow('', { start: '2026-01-01', end: '2026-06-30' })]} />);
    expect(within(row(1)).getByRole('combobox', { name: 'Action' })).toBeDisabled();
    await pick(user, 1, 'A', 'A.1.1');
    const services = within(row(1)).getByRole('group', { name: 'Services ou organismes sollicités' });
    await user.click(within(services).getByRole('checkbox', { name: 'CAF' }));
    expect(within(services).getByRole('checkbox', { name: 'CAF' })).toBeChecked();
    await user.selectOptions(within(row(1)).getByRole('combobox', { name: 'Action' }), 'A.3');
    const after = within(row(1)).getByRole('group', { name: 'Services ou organismes sollicités' });
    expect(within(after).queryByRole('checkbox', { name: 'CAF' })).not.toBeInTheDocument();
    expect(within(after).getAllByRole('checkbox').every((c) => !(c as HTMLInputElement).checked)).toBe(true);
  });

  it('shows a date outside the contract at the row’s Échéance', () => {
    render(
      <Harness
        rows={[
          { ...emptyPapRow('A', { start: '2026-01-01', end: '2026-08-31' }), actionCode: 'A.1.1', engagementReferent: 'x', engagementBeneficiaire: 'y' },
          { ...emptyPapRow('A', { start: '2026-01-01', end: '2026-06-30' }), actionCode: 'A.3', engagementReferent: 'x', engagementBeneficiaire: 'y' },
        ]}
      />,
    );
    expect(within(row(1)).getByRole('group', { name: 'Échéance' })).toHaveAccessibleDescription(
      'Ligne 1 : l’échéance (31/08/2026) dépasse la fin du contrat (30/06/2026).',
    );
    expect(within(row(2)).getByRole('group', { name: 'Échéance' })).not.toHaveAccessibleDescription(/dépasse/);
  });

  it('refuses, at the row, an action of the other sphere kept from a draft', () => {
    render(
      <Harness
        contract={{ type: 'CERP', start: '2026-01-01', durationMonths: 6 }}
        rows={[{ ...emptyPapRow('A', { start: '2026-01-01', end: '2026-06-30' }), actionCode: 'A.1.1', engagementReferent: 'x', engagementBeneficiaire: 'y' }]}
      />,
    );
    expect(within(row(1)).getByRole('combobox', { name: 'Action' })).toHaveAccessibleDescription(/ne concerne pas la sphère professionnelle \(CERP\)/);
  });

  it('asks for the Président’s derogation on G.4.5 (warning until the box is ticked)', async () => {
    const user = userEvent.setup();
    render(<Harness rows={[emptyPapRow('', { start: '2026-01-01', end: '2026-06-30' })]} />);
    await pick(user, 1, 'G', 'G.4.5');
    expect(within(row(1)).getByText(/demande une dérogation du Président du Conseil Général \(la loi/)).toBeInTheDocument();
    await user.click(within(row(1)).getByRole('checkbox', { name: 'Dérogation du Président du Conseil Général obtenue' }));
    await waitFor(() => expect(within(row(1)).queryByText(/demande une dérogation du Président du Conseil Général \(la loi/)).not.toBeInTheDocument());
  });

  it('adds a row of a theme suggested by the latest EDE, its action picker focused', async () => {
    const user = userEvent.setup();
    render(<Harness suggested={[{ code: 'B', label: 'La santé' }]} />);
    await user.click(screen.getByRole('button', { name: 'Ajouter une action du thème B — La santé' }));
    expect(within(row(1)).getByRole('combobox', { name: 'Thème' })).toHaveValue('B');
    expect(within(row(1)).getByRole('combobox', { name: 'Action' })).toHaveFocus();
    // The row's dates start as the contract's period.
    expect(within(row(1)).getByRole('group', { name: 'Début' })).toHaveTextContent('01/01/2026');
  });

  it('removes a row and gives the focus back to « Ajouter une action »', async () => {
    const user = userEvent.setup();
    render(<Harness rows={[emptyPapRow('A'), emptyPapRow('B')]} />);
    await user.click(screen.getByRole('button', { name: 'Retirer l’action 1' }));
    expect(screen.getAllByRole('region', { name: /^Action \d/ })).toHaveLength(1);
    expect(within(row(1)).getByRole('combobox', { name: 'Thème' })).toHaveValue('B');
    expect(screen.getByRole('button', { name: 'Ajouter une action' })).toHaveFocus();
  });

  it('adds a row of theme I at the first click right after a row of theme C (the press does not leave the new row’s field)', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        suggested={[
          { code: 'C', label: 'La famille' },
          { code: 'I', label: 'L’emploi' },
        ]}
      />,
    );
    await user.click(screen.getByRole('button', { name: /^Ajouter une action du thème C/ }));
    const action1 = within(row(1)).getByRole('combobox', { name: 'Action' });
    expect(action1).toHaveFocus();
    const addI = screen.getByRole('button', { name: /^Ajouter une action du thème I/ });
    // Pressed, not yet released: nothing above the button may change (a message appearing there would move the
    // button from under the pointer, and the click would be lost).
    await user.pointer({ keys: '[MouseLeft>]', target: addI });
    expect(action1).toHaveFocus();
    expect(action1).not.toHaveAttribute('aria-invalid', 'true');
    await user.pointer({ keys: '[/MouseLeft]', target: addI });
    expect(screen.getAllByRole('region', { name: /^Action \d/ })).toHaveLength(2);
    expect(within(row(2)).getByRole('combobox', { name: 'Thème' })).toHaveValue('I');
    expect(within(row(2)).getByRole('combobox', { name: 'Action' })).toHaveFocus();
  });

  it('updates the error summary as the fields are fixed, and removes it once none is left', async () => {
    const user = userEvent.setup();
    render(<WizardHarness rows={[{ ...emptyPapRow('C', { start: '2026-01-01', end: '2026-06-30' }), actionCode: 'C.3' }]} />);
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Le formulaire contient 2 erreurs');
    await user.type(within(row(1)).getByRole('textbox', { name: 'Engagement du référent' }), 'Accompagner');
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('Le formulaire contient une erreur'));
    await user.type(within(row(1)).getByRole('textbox', { name: 'Engagement du bénéficiaire' }), 'Participer');
    // Still in the field: the summary is gone all the same.
    expect(within(row(1)).getByRole('textbox', { name: 'Engagement du bénéficiaire' })).toHaveFocus();
    await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  });

  it('keeps the « Bilan de l’action » heading below the row’s heading and smaller than the page title', () => {
    render(<WizardHarness rows={[emptyPapRow('A')]} />);
    const title = screen.getByRole('heading', { level: 1, name: 'Nouveau CERS' });
    const bilan = screen.getByRole('heading', { name: 'Bilan de l’action 1 (à l’échéance)' });
    const rowHeading = within(row(1)).getByRole('heading', { name: /^Action 1/ });
    const level = (h: HTMLElement) => Number(h.tagName.slice(1));
    expect(level(bilan)).toBeGreaterThan(level(rowHeading));
    const size = (h: HTMLElement) => {
      const value = getComputedStyle(h).fontSize;
      expect(value).toMatch(/rem$/);
      return Number.parseFloat(value);
    };
    expect(size(bilan)).toBeLessThanOrEqual(size(rowHeading));
    expect(size(rowHeading)).toBeLessThan(size(title));
  });
});
