import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ADMIN, REFERENT, createFakeBackend } from '../../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../../test/renderer/renderApp';
import { emptyState, interviewHandlers } from '../../../../../test/renderer/fakeInterview';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('organismes référents and référents (administration)', () => {
  it('are reached from the Administration navigation; an organisme then a référent are created through dialogs', async () => {
    const user = userEvent.setup();
    const state = emptyState();
    const backend = createFakeBackend({ user: ADMIN, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: '/beneficiaires' });
    await user.click(await screen.findByRole('link', { name: 'Organismes référents' }));
    await screen.findByRole('heading', { level: 1, name: 'Organismes référents et référents' });
    expect(await screen.findByText('Aucun organisme référent n’est enregistré.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Ajouter un référent' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Ajouter un organisme' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajouter un organisme référent' });
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter l’organisme' }));
    const name = within(dialog).getByRole('textbox', { name: 'Nom de l’organisme' });
    await waitFor(() => expect(name).toHaveAttribute('aria-invalid', 'true'));
    expect(backend.inputsOf('organismes.create')).toEqual([]);
    await user.type(name, 'Pôle Emploi Lens');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type d’organisme' }), 'France Travail (ex-Pôle Emploi)');
    await user.type(within(dialog).getByRole('textbox', { name: 'Téléphone' }), '03 21 00 00 00');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter l’organisme' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    const table = await screen.findByRole('table', { name: 'Organismes référents' });
    expect(within(table).getByRole('rowheader', { name: 'Pôle Emploi Lens' }).closest('tr')).toHaveTextContent('Pôle Emploi');
    expect(backend.inputsOf('organismes.create')).toMatchObject([{ name: 'Pôle Emploi Lens', type: 'pole_emploi' }]);

    await user.click(screen.getByRole('button', { name: 'Ajouter un référent' }));
    const second = await screen.findByRole('dialog', { name: 'Ajouter un référent' });
    await user.type(within(second).getByRole('textbox', { name: 'Nom du référent' }), 'Paul Conseiller');
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Organisme' }), 'Pôle Emploi Lens (France Travail (ex-Pôle Emploi))');
    await user.click(within(second).getByRole('button', { name: 'Ajouter le référent' }));
    const referents = await screen.findByRole('table', { name: 'Référents' });
    expect(within(referents).getByRole('rowheader', { name: 'Paul Conseiller' }).closest('tr')).toHaveTextContent('Pôle Emploi Lens');
  });

  it('are for administrators only', async () => {
    renderApp(createFakeBackend({ user: REFERENT, handlers: interviewHandlers(emptyState()) }).transport, { path: '/administration/organismes' });
    expect(await screen.findByText('Cette page est réservée aux administrateurs.')).toBeInTheDocument();
  });
});
