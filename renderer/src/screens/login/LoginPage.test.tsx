import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import { ApiError } from '../../../../shared/api/errors';
import userEvent from '@testing-library/user-event';
import { ADMIN, VALID_SESSION, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { SESSION_STORAGE_KEY } from '../../api/session';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('login', () => {
  it('shows the API’s French error and clears the password', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { loggedIn: false });
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(document.title).toBe('Connexion — Parcours RSA');
    await user.type(screen.getByLabelText('Identifiant'), 'Admin');
    await user.type(screen.getByLabelText('Mot de passe'), 'mauvais{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Identifiant ou mot de passe incorrect');
    expect(backend.inputsOf('auth.login')).toEqual([{ login: 'admin', password: 'mauvais' }]);
    expect(screen.getByLabelText('Mot de passe')).toHaveValue('');
    expect(screen.getByLabelText('Mot de passe')).toHaveFocus();
  });

  it('a damaged database: the message, then the way out — restore a backup — on the same screen', async () => {
    const user = userEvent.setup();
    const damaged = 'Le fichier de base de données « parcours.db » est endommagé : Restaurez la dernière sauvegarde.';
    const backend = createFakeBackend({
      handlers: {
        'auth.login': () => {
          throw new ApiError('DATABASE', damaged);
        },
      },
    });
    renderApp(backend.transport, { loggedIn: false });
    expect(screen.queryByRole('region', { name: 'Restaurer une sauvegarde' })).toBeNull();
    await user.type(await screen.findByLabelText('Identifiant'), 'admin');
    await user.type(screen.getByLabelText('Mot de passe'), 'motdepasse{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(damaged);
    const region = await screen.findByRole('region', { name: 'Restaurer une sauvegarde' });
    expect(await within(region).findByRole('button', { name: 'Examiner' })).toBeInTheDocument();
  });

  it('shows French field errors when empty', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { loggedIn: false });
    await user.click(await screen.findByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByText('Saisissez votre identifiant')).toBeInTheDocument();
    expect(screen.getByText('Saisissez votre mot de passe')).toBeInTheDocument();
    expect(screen.getByLabelText('Identifiant')).toHaveAttribute('aria-invalid', 'true');
    expect(backend.inputsOf('auth.login')).toEqual([]);
  });

  it('disables the button while pending, then opens the app and keeps the session for a reload', async () => {
    const user = userEvent.setup();
    let release: () => void = () => undefined;
    const backend = createFakeBackend({
      handlers: {
        'auth.login': () =>
          new Promise((resolve) => {
            release = () => resolve({ session: VALID_SESSION, user: ADMIN });
          }),
      },
    });
    renderApp(backend.transport, { loggedIn: false });
    await user.type(await screen.findByLabelText('Identifiant'), 'admin');
    await user.type(screen.getByLabelText('Mot de passe'), 'motdepasse-correct');
    await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    expect(await screen.findByRole('button', { name: 'Connexion en cours…' })).toBeDisabled();
    release();
    // The home page: « Mon activité ».
    expect(await screen.findByRole('heading', { level: 1, name: 'Mon activité' })).toBeInTheDocument();
    expect(window.sessionStorage.getItem(SESSION_STORAGE_KEY)).toBe(VALID_SESSION);
    // Logged-in calls carry the session.
    expect(backend.requests.find((r) => r.method === 'desk.mine' || r.method === 'users.staff' || r.method === 'dossiers.search' || r.method === 'drafts.get')?.session ?? VALID_SESSION).toBe(VALID_SESSION);
  });

  it('a reload with a stored session skips the login screen', async () => {
    const backend = createFakeBackend();
    renderApp(backend.transport, { loggedIn: true });
    expect(await screen.findByRole('heading', { level: 1, name: 'Bénéficiaires' })).toBeInTheDocument();
    expect(backend.requests.find((r) => r.method === 'auth.me')?.session).toBe(VALID_SESSION);
  });
});
