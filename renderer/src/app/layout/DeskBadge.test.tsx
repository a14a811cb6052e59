import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { REFERENT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('the échéancier badge of the navigation', () => {
  it('counts the items en retard and urgent, says so in words, and is read again after a write', async () => {
    const user = userEvent.setup();
    let badge = { enRetard: 3, urgent: 2 };
    const backend = createFakeBackend({
      user: REFERENT,
      handlers: {
        'desk.badge': () => badge,
        'dossiers.search': () => [],
        'auth.changePassword': () => ({ ok: true }),
      },
    });
    renderApp(backend.transport);
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    const link = within(nav).getByRole('link', { name: /Échéancier/ });
    await waitFor(() => expect(link).toHaveAccessibleName('Échéancier 5 échéances en retard ou urgentes'));
    expect(within(link).getByText('5')).toHaveAttribute('aria-hidden', 'true');
    expect(backend.inputsOf('desk.badge')).toHaveLength(1);

    // Any write (here: a password change) has the badge read again.
    badge = { enRetard: 0, urgent: 1 };
    await user.click(screen.getByRole('button', { name: 'Changer mon mot de passe' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/Mot de passe actuel/), 'motdepasse-correct');
    await user.type(within(dialog).getByLabelText(/^Nouveau mot de passe/), 'un-nouveau-mot-de-passe-2026');
    await user.type(within(dialog).getByLabelText(/Confirm/), 'un-nouveau-mot-de-passe-2026');
    await user.click(within(dialog).getByRole('button', { name: /Enregistrer|Changer/ }));
    await waitFor(() => expect(link).toHaveAccessibleName('Échéancier 1 échéance en retard ou urgente'));
    expect(backend.inputsOf('desk.badge')).toHaveLength(2);
  });

  it('shows nothing when nothing is late or urgent', async () => {
    const backend = createFakeBackend({ user: REFERENT, handlers: { 'desk.badge': () => ({ enRetard: 0, urgent: 0 }) } });
    renderApp(backend.transport);
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    await waitFor(() => expect(backend.inputsOf('desk.badge')).toHaveLength(1));
    expect(within(nav).getByRole('link', { name: /Échéancier/ })).toHaveAccessibleName('Échéancier');
  });
});
