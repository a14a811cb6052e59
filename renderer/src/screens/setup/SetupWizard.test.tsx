import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../../shared/api/errors';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

const RECOVERY = {
  recoveryKey: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567',
  createdAt: '2026-03-02T09:00:00.000Z',
};

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('setup wizard', () => {
  it('walks the three steps and submits the right payload, then shows the login', async () => {
    const user = userEvent.setup();
    let initialized = false;
    const backend = createFakeBackend({
      initialized: false,
      handlers: {
        'setup.create': () => {
          initialized = true;
          return { ok: true, recovery: RECOVERY };
        },
      },
    });
    backend.handle({
      'app.status': () => ({
        initialized,
        mds: initialized ? { id: 1, name: 'MDS de Liévin', territory: 'Artois' } : null,
        appVersion: '0.1.0',
        schemaVersion: 1,
      }),
    });
    renderApp(backend.transport, { loggedIn: false });

    expect(await screen.findByRole('heading', { level: 1, name: 'Installation de Parcours RSA' })).toBeInTheDocument();
    // Step 1: nothing typed → French errors at the fields, no next step.
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Nom de la MDS : ce champ est obligatoire')).toBeInTheDocument();
    expect(screen.getByLabelText(/Nom de la MDS/)).toHaveFocus();
    await user.type(screen.getByLabelText(/Nom de la MDS/), '  MDS de Liévin ');
    await user.type(screen.getByLabelText(/Territoire/), 'Artois');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    // Step 2
    expect(await screen.findByRole('heading', { level: 2, name: 'Étape 2 sur 3 : le premier compte administrateur' })).toHaveFocus();
    await user.type(screen.getByLabelText(/Identifiant/), 'M.Dupont');
    await user.type(screen.getByLabelText(/Nom et prénom/), 'Marc Dupont');
    await user.type(screen.getByLabelText(/^Structure/), 'SLAI de Liévin');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'court');
    await user.type(screen.getByLabelText(/Confirmation du mot de passe/), 'autre');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Le mot de passe compte au moins 10 caractères')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Mot de passe/));
    await user.type(screen.getByLabelText(/^Mot de passe/), 'un-long-secret');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Les deux mots de passe ne sont pas identiques')).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/Confirmation du mot de passe/));
    await user.type(screen.getByLabelText(/Confirmation du mot de passe/), 'un-long-secret{Enter}');

    // Step 3: recap, then create.
    expect(await screen.findByRole('heading', { level: 2, name: 'Étape 3 sur 3 : vérifiez avant de créer' })).toBeInTheDocument();
    // The checklist of what to enter first, before the first orientation decision and the first EP session.
    expect(screen.getByRole('heading', { name: 'Ensuite, à saisir d’abord' })).toBeInTheDocument();
    expect(screen.getByText(/les organismes référents, dont France Travail \(ex-Pôle Emploi\)/)).toBeInTheDocument();
    expect(screen.getByText(/l’équipe pluridisciplinaire, son président et ses membres/)).toBeInTheDocument();
    expect(screen.getByText('MDS de Liévin', { selector: 'dd' })).toBeInTheDocument();
    expect(screen.getByText('Non renseignée')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Créer la MDS et le compte' }));

    // The recovery key, shown once: going on needs the confirmation that it is kept.
    expect(await screen.findByRole('heading', { level: 1, name: 'Clé de secours' })).toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Clé de secours' })).toHaveTextContent(RECOVERY.recoveryKey);
    await user.click(screen.getByRole('button', { name: 'Continuer vers la connexion' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/Confirmez d’abord que la clé de secours est imprimée/);
    await user.click(screen.getByRole('checkbox', { name: /je la range au coffre/ }));
    await user.click(screen.getByRole('button', { name: 'Continuer vers la connexion' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(backend.inputsOf('setup.create')).toEqual([
      {
        mds: { name: 'MDS de Liévin', territory: 'Artois' },
        admin: { login: 'm.dupont', displayName: 'Marc Dupont', structure: 'SLAI de Liévin', password: 'un-long-secret' },
      },
    ]);
    expect(screen.getByText(/La MDS et le compte administrateur sont créés/)).toBeInTheDocument();
    expect(screen.getByLabelText('Identifiant')).toHaveValue('m.dupont');
    expect(screen.getByText('Parcours RSA — MDS de Liévin')).toBeInTheDocument();
  });

  it('brings the user back to the step of a field the API refused', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      initialized: false,
      handlers: {
        'setup.create': () => {
          throw new ApiError('VALIDATION', 'Certaines informations sont invalides', { 'mds.territory': 'Territoire inconnu du département' });
        },
      },
    });
    renderApp(backend.transport, { loggedIn: false });
    await user.type(await screen.findByLabelText(/Nom de la MDS/), 'MDS de Lens');
    await user.type(screen.getByLabelText(/Territoire/), 'Nulle part{Enter}');
    await user.type(await screen.findByLabelText(/Identifiant/), 'admin');
    await user.type(screen.getByLabelText(/Nom et prénom/), 'Alice Martin');
    await user.type(screen.getByLabelText(/^Structure/), 'MDS');
    await user.type(screen.getByLabelText(/^Mot de passe/), 'un-long-secret');
    await user.type(screen.getByLabelText(/Confirmation du mot de passe/), 'un-long-secret{Enter}');
    await user.click(await screen.findByRole('button', { name: 'Créer la MDS et le compte' }));
    expect(await screen.findByRole('heading', { level: 2, name: /Étape 1 sur 3/ })).toBeInTheDocument();
    const territory = screen.getByLabelText(/Territoire/);
    expect(territory).toHaveAttribute('aria-invalid', 'true');
    expect(territory).toHaveAccessibleDescription('Territoire inconnu du département');
    expect(screen.getByRole('alert')).toHaveTextContent('Certaines informations sont invalides');
  });
});
