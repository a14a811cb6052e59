import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../../shared/api/errors';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('« Se déconnecter partout »', () => {
  it('asks first, shows a refusal, then ends every session and goes back to the login screen', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const backend = createFakeBackend({
      handlers: {
        'auth.logoutEverywhere': () => {
          if (refuse) throw new ApiError('INTERNAL', 'Le serveur ne répond pas.');
          return { ok: true, ended: 3 };
        },
      },
    });
    renderApp(backend.transport);
    await user.click(await screen.findByRole('button', { name: 'Se déconnecter partout' }));
    let dialog = await screen.findByRole('dialog', { name: 'Se déconnecter partout ?' });
    // Cancelling ends nothing.
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.inputsOf('auth.logoutEverywhere')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Se déconnecter partout' }));
    dialog = await screen.findByRole('dialog', { name: 'Se déconnecter partout ?' });
    await user.click(within(dialog).getByRole('button', { name: 'Se déconnecter partout' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('Le serveur ne répond pas.');
    expect(screen.queryByRole('heading', { name: 'Connexion' })).not.toBeInTheDocument();

    refuse = false;
    await user.click(within(dialog).getByRole('button', { name: 'Se déconnecter partout' }));
    expect(await screen.findByRole('heading', { name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByText('Vous êtes déconnecté(e) sur tous vos postes.')).toBeInTheDocument();
    expect(backend.inputsOf('auth.logoutEverywhere')).toEqual([{}, {}]);
    // The sessions are already ended: no separate auth.logout.
    expect(backend.inputsOf('auth.logout')).toEqual([]);
  });
});
