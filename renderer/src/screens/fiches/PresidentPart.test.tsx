import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { format } from 'date-fns';
import type { FicheSummary, FicheView } from '../../../../shared/api/fiches';
import { ApiError } from '../../../../shared/api/errors';
import { CORRESPONDANT, REFERENT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { agreedActionsCg, DESIGNATED_STRUCTURE } from '../../../../test/renderer/fakeFiches';

vi.setConfig({ testTimeout: 90_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

/** An actions CG fiche accepted by the correspondent, waiting for the Président's part. */
const waiting = (): FicheView => ({
  ...agreedActionsCg(),
  president: null,
  awaitingPresident: true,
  missing: ['Décision du Président (partie réservée au Président)', 'Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche'],
  allowedActions: ['decision_president'],
});

describe('« Partie réservée au Président » of the fiche de liaison', () => {
  it('the correspondent records the decision: signatory prefilled with their name, the reason of a refus asked for, then shown', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: CORRESPONDANT });
    backend.handle({
      'fiches.get': () => waiting(),
      'fiches.presidentDecision': (input) => {
        if (input.decision !== 'accord' && !input.reason) throw new ApiError('RULE', 'Motivez le refus.', { reason: 'Motivez le refus.' });
        return {
          ...waiting(),
          awaitingPresident: false,
          allowedActions: ['clore'],
          missing: ['Clôture de la fiche'],
          president: {
            decision: input.decision,
            decisionLabel: 'Refus',
            reason: input.reason ?? null,
            structure: input.structure ?? null,
            date: input.date,
            signatoryName: input.signatoryName,
            signatoryFunction: input.signatoryFunction,
            signatoryDelegation: input.signatoryDelegation ?? null,
            recordedBy: CORRESPONDANT.displayName,
            recordedAt: '2027-01-20T10:00:00.000Z',
          },
        };
      },
    });
    renderApp(backend.transport, { path: '/fiches-de-liaison/9' });
    const section = await screen.findByRole('region', { name: 'Partie réservée au Président' });
    expect(within(section).getByText(/En attente de la décision du Président/)).toBeInTheDocument();
    const form = within(section).getByRole('form', { name: 'Décision du Président' });
    expect(within(form).getByRole('textbox', { name: 'Signataire (nom)' })).toHaveValue(CORRESPONDANT.displayName);
    expect(within(form).getByRole('textbox', { name: 'Fonction du signataire' })).toHaveValue('Chef du Service Local Allocation Insertion');

    // Without a decision nothing is sent.
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision du Président' }));
    expect((await within(form).findAllByText('Choisissez la décision du Président : accord, refus ou ajournement')).length).toBeGreaterThan(0);
    expect(backend.inputsOf('fiches.presidentDecision')).toEqual([]);

    // A refus without its reason: main's message at the field.
    await user.click(within(form).getByRole('radio', { name: 'Refus' }));
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision du Président' }));
    const reason = await within(form).findByRole('textbox', { name: 'Motif du refus' });
    await waitFor(() => expect(reason).toHaveAccessibleDescription('Motivez le refus.'));
    await user.type(reason, 'Action non finançable');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision du Président' }));
    expect(await within(section).findByText(`Refus du ${format(new Date(), 'dd/MM/yyyy')}`)).toBeInTheDocument();
    expect(backend.inputsOf('fiches.presidentDecision').at(-1)).toMatchObject({
      ficheId: 9,
      decision: 'refus',
      reason: 'Action non finançable',
      signatoryName: CORRESPONDANT.displayName,
      signatoryDelegation: 'Par délégation',
    });
    expect(within(section).getByText('Action non finançable')).toBeInTheDocument();
    expect(within(section).queryByRole('form')).toBeNull();
    expect(within(section).queryByText(/En attente/)).toBeNull();
  });

  it('the référent reads the decision, with no form; while it waits, the page says so', async () => {
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({ 'fiches.get': () => agreedActionsCg() });
    renderApp(backend.transport, { path: '/fiches-de-liaison/9' });
    const section = await screen.findByRole('region', { name: 'Partie réservée au Président' });
    expect(within(section).getByText('Accord du 20/01/2027')).toBeInTheDocument();
    expect(within(section).getByText(DESIGNATED_STRUCTURE)).toBeInTheDocument();
    expect(within(section).getByText('Par délégation, Claire Delattre, Chef du Service Local Allocation Insertion')).toBeInTheDocument();
    expect(within(section).queryByRole('form')).toBeNull();
    cleanup();

    const again = createFakeBackend({ user: REFERENT });
    again.handle({ 'fiches.get': () => ({ ...waiting(), allowedActions: [] }) });
    renderApp(again.transport, { path: '/fiches-de-liaison/9' });
    const waitingSection = await screen.findByRole('region', { name: 'Partie réservée au Président' });
    expect(within(waitingSection).getByText(/En attente de la décision du Président/)).toBeInTheDocument();
    expect(within(waitingSection).queryByRole('form')).toBeNull();
  });

  it('the inbox marks the fiches waiting for the Président', async () => {
    const backend = createFakeBackend({ user: CORRESPONDANT });
    const row = (over: Partial<FicheSummary>): FicheSummary => ({
      id: 1,
      personId: 3,
      type: 'actions_cg',
      typeLabel: 'Actions Conseil Général',
      status: 'acceptee',
      statusLabel: 'Acceptée par le correspondant',
      date: '2027-01-10',
      sentOn: '2027-01-10',
      beneficiaire: 'DUPRÉ Hélène',
      referent: REFERENT.displayName,
      missing: ['Décision du Président (partie réservée au Président)'],
      awaitingPresident: true,
      updatedAt: '2027-01-14T10:00:00.000Z',
      ...over,
    });
    backend.handle({ 'fiches.inbox': () => [row({}), row({ id: 2, awaitingPresident: false, missing: ['Clôture de la fiche'] })] });
    renderApp(backend.transport, { path: '/fiches-de-liaison' });
    const table = await screen.findByRole('table', { name: 'Fiches de liaison à traiter' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByText('En attente de la décision du Président')).toBeInTheDocument();
    expect(within(rows[1]!).queryByText('En attente de la décision du Président')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent('2 fiches à traiter, dont 1 en attente de la décision du Président');
  });

  it('a half-filled decision is kept as a draft and offered again after a reload', async () => {
    const user = userEvent.setup();
    const first = createFakeBackend({ user: CORRESPONDANT });
    first.handle({ 'fiches.get': () => waiting() });
    renderApp(first.transport, { path: '/fiches-de-liaison/9' });
    const section = await screen.findByRole('region', { name: 'Partie réservée au Président' });
    await user.clear(within(section).getByRole('textbox', { name: 'Fonction du signataire' }));
    await user.type(within(section).getByRole('textbox', { name: 'Fonction du signataire' }), 'Directrice de la MDS');
    await waitFor(() => expect(first.drafts.get(`fiche:${waiting().id}:president`)).toBeDefined(), { timeout: 5000 });
    cleanup();

    const again = createFakeBackend({ user: CORRESPONDANT });
    again.handle({ 'fiches.get': () => waiting() });
    again.drafts.set(`fiche:${waiting().id}:president`, first.drafts.get(`fiche:${waiting().id}:president`)!);
    renderApp(again.transport, { path: '/fiches-de-liaison/9' });
    const restored = await screen.findByRole('region', { name: 'Partie réservée au Président' });
    await within(restored).findByText(/Un brouillon du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} a été retrouvé/);
    await user.click(within(restored).getByRole('button', { name: 'Reprendre' }));
    expect(within(restored).getByRole('textbox', { name: 'Fonction du signataire' })).toHaveValue('Directrice de la MDS');
  });
});
