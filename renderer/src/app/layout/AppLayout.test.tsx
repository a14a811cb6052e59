import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ADMIN, REFERENT, createFakeBackend, type FakeHandlers } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { SESSION_LOST_NOTICE } from '../App';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('app shell', () => {
  it('hides the administration menu from a référent', async () => {
    renderApp(createFakeBackend({ user: REFERENT }).transport);
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: /Bénéficiaires/ })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).queryByRole('link', { name: /Comptes utilisateurs/ })).not.toBeInTheDocument();
    expect(within(nav).queryByText('Administration')).not.toBeInTheDocument();
    // Modules limited to other roles are not offered either (the EP is for secretaries, admins, correspondents).
    expect(within(nav).queryByRole('link', { name: /Équipes pluridisciplinaires/ })).not.toBeInTheDocument();
    expect(screen.getByText('Romain Durand')).toBeInTheDocument();
    expect(screen.getByText(/Référent — MDS de Lens/)).toBeInTheDocument();
  });

  it('shows the administration menu to an administrator, and the users page', async () => {
    const user = userEvent.setup();
    renderApp(createFakeBackend({ user: ADMIN }).transport);
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    await user.click(within(nav).getByRole('link', { name: /Comptes utilisateurs/ }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Comptes utilisateurs' })).toHaveFocus();
    expect(await screen.findByRole('cell', { name: 'r.durand' })).toBeInTheDocument();
    expect(document.title).toBe('Comptes utilisateurs — Parcours RSA');
  });

  it('refuses the users page to a référent who types its address', async () => {
    renderApp(createFakeBackend({ user: REFERENT }).transport, { path: '/administration/comptes' });
    expect(await screen.findByText('Cette page est réservée aux administrateurs.')).toBeInTheDocument();
  });

  it('opens « Mon activité » first in the navigation, and the Échéancier from the keyboard', async () => {
    const user = userEvent.setup();
    renderApp(createFakeBackend({ handlers: { 'echeancier.list': () => ({ total: 0, items: [], computedFor: '2026-12-03' }) } }).transport);
    const nav = await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getAllByRole('link')[0]).toHaveAccessibleName('Mon activité');
    expect(within(nav).getAllByRole('link')[0]).toHaveAttribute('href', '/');
    const echeancier = within(nav).getByRole('link', { name: /Échéancier/ });
    echeancier.focus();
    await user.keyboard('{Enter}');
    const heading = await screen.findByRole('heading', { level: 1, name: 'Échéancier' });
    expect(heading).toHaveFocus();
    expect(screen.queryByRole('heading', { name: 'Bientôt disponible' })).not.toBeInTheDocument();
    expect(within(nav).getByRole('link', { name: /Échéancier/ })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: /Mon activité/ })).not.toHaveAttribute('aria-current');
  });

  it('has a skip link, landmarks and the MDS name', async () => {
    const user = userEvent.setup();
    renderApp(createFakeBackend().transport);
    await screen.findByRole('navigation', { name: 'Navigation principale' });
    expect(screen.getByRole('banner')).toHaveTextContent('MDS de Lens');
    const main = screen.getByRole('main');
    await user.click(screen.getByRole('link', { name: 'Aller au contenu' }));
    expect(main).toHaveFocus();
  });

  it('goes back to the login screen with a notice when the session expires', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport);
    await screen.findByRole('heading', { level: 1, name: 'Bénéficiaires' });
    backend.expireSession();
    await user.type(screen.getByRole('searchbox', { name: /Rechercher un bénéficiaire/ }), 'dupont');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByText(SESSION_LOST_NOTICE)).toBeInTheDocument();
    expect(window.sessionStorage.length).toBe(0);
  });

  it('logs out', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport);
    await user.click(await screen.findByRole('button', { name: 'Se déconnecter' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.getByText('Vous êtes déconnecté(e).')).toBeInTheDocument();
    expect(backend.inputsOf('auth.logout')).toHaveLength(1);
    expect(window.sessionStorage.length).toBe(0);
  });
  describe('after logout, the next login', () => {
    const byLogin: FakeHandlers = {
      'auth.login': (input) => ({ session: 'session-ok', user: input.login === REFERENT.login ? REFERENT : ADMIN }),
    };
    async function logOutFromUsersPageAndLogInAs(login: string) {
      const user = userEvent.setup();
      renderApp(createFakeBackend({ user: ADMIN, handlers: byLogin }).transport, { path: '/administration/comptes' });
      await screen.findByRole('heading', { level: 1, name: 'Comptes utilisateurs' });
      await user.click(screen.getByRole('button', { name: 'Se déconnecter' }));
      await user.type(await screen.findByLabelText(/Identifiant/), login);
      await user.type(screen.getByLabelText(/Mot de passe/), 'motdepasse-correct');
      await user.click(screen.getByRole('button', { name: 'Se connecter' }));
    }

    it('of another user opens the home page, not the page the previous user left', async () => {
      await logOutFromUsersPageAndLogInAs(REFERENT.login);
      expect(await screen.findByRole('heading', { level: 1, name: 'Mon activité' })).toBeInTheDocument();
      expect(screen.queryByText('Cette page est réservée aux administrateurs.')).toBeNull();
    });

    it('of the same user brings them back where they were', async () => {
      await logOutFromUsersPageAndLogInAs(ADMIN.login);
      expect(await screen.findByRole('heading', { level: 1, name: 'Comptes utilisateurs' })).toBeInTheDocument();
    });
  });
});
