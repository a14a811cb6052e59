import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../../shared/api/errors';
import { recoveryKeyFromBytes } from '../../../../shared/api/recovery';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

const KEY = recoveryKeyFromBytes(Array.from({ length: 25 }, (_, i) => i * 7));
const NEW_KEY = recoveryKeyFromBytes(Array.from({ length: 25 }, (_, i) => i * 11));
/** The same key with one character changed (the check group catches it). */
const TYPO = `${KEY.slice(0, 3)}${KEY[3] === 'Z' ? 'Y' : 'Z'}${KEY.slice(4)}`;

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('« Clé de secours » from the login screen', () => {
  it('catches a typo in the key before calling, then sets the new password and goes back to the login', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ handlers: { 'recovery.restoreAccess': () => ({ ok: true, rebuilt: true, accountsWithoutKey: 2 }) } });
    renderApp(backend.transport, { loggedIn: false });
    await user.click(await screen.findByRole('button', { name: 'Clé de secours' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Clé de secours' })).toBeInTheDocument();
    await user.type(screen.getByLabelText(/^Clé de secours/), TYPO);
    await user.type(screen.getByLabelText(/Identifiant de l’administrateur/), 'admin');
    await user.type(screen.getByLabelText(/^Nouveau mot de passe/), 'un-nouveau-secret');
    await user.type(screen.getByLabelText(/Confirmation du mot de passe/), 'un-nouveau-secret');
    await user.click(screen.getByRole('button', { name: 'Rétablir l’accès' }));
    expect(await screen.findByText(/contient une faute de frappe/)).toBeInTheDocument();
    expect(backend.inputsOf('recovery.restoreAccess')).toEqual([]);

    await user.clear(screen.getByLabelText(/^Clé de secours/));
    await user.type(screen.getByLabelText(/^Clé de secours/), KEY.toLowerCase().replaceAll('-', ' '));
    await user.click(screen.getByRole('button', { name: 'Rétablir l’accès' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(backend.inputsOf('recovery.restoreAccess')).toEqual([{ recoveryKey: KEY, login: 'admin', newPassword: 'un-nouveau-secret' }]);
    expect(screen.getByText(/Le fichier des clés est reconstruit.*autres comptes \(2\)/)).toBeInTheDocument();
    expect(screen.getByLabelText('Identifiant')).toHaveValue('admin');
  });

  it('shows the refusal of a key of another installation at the field', async () => {
    const user = userEvent.setup();
    const message = 'Cette clé de secours n’ouvre pas la base de données de cette installation.';
    const backend = createFakeBackend({
      handlers: {
        'recovery.restoreAccess': () => {
          throw new ApiError('VALIDATION', message, { recoveryKey: message });
        },
      },
    });
    renderApp(backend.transport, { loggedIn: false });
    await user.click(await screen.findByRole('button', { name: 'Clé de secours' }));
    await user.type(await screen.findByLabelText(/^Clé de secours/), KEY);
    await user.type(screen.getByLabelText(/Identifiant de l’administrateur/), 'admin');
    await user.type(screen.getByLabelText(/^Nouveau mot de passe/), 'un-nouveau-secret');
    await user.type(screen.getByLabelText(/Confirmation du mot de passe/), 'un-nouveau-secret');
    await user.click(screen.getByRole('button', { name: 'Rétablir l’accès' }));
    expect(await screen.findByLabelText(/^Clé de secours/)).toHaveAccessibleDescription(message);
    await user.click(screen.getByRole('button', { name: 'Retour à la connexion' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
  });
});

describe('Administration › Clé de secours', () => {
  it('regenerates the key with the password and shows it once; lists accounts without a key and orphan slots', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: {
        'recovery.status': () => ({ exists: true, createdAt: '2026-03-02T09:00:00.000Z', spareCopy: true }),
        'recovery.regenerate': () => ({ recoveryKey: NEW_KEY, createdAt: '2026-03-05T10:00:00.000Z' }),
        'recovery.sheet': () => ({ fileName: 'Clé de secours.pdf', base64: 'JVBERi0=' }),
        'users.withoutKey': () => [{ id: 7, login: 'remi', displayName: 'Rémi Référent' }],
        'users.orphanSlots': () => [{ login: 'ancien', createdAt: '2026-03-01T08:00:00.000Z', reason: 'aucun_compte' }],
        'users.setPassword': () => ({ ok: true }),
      },
    });
    renderApp(backend.transport, { path: '/administration/cle-de-secours' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Clé de secours' })).toBeInTheDocument();
    expect(await screen.findByText(/Clé de secours en service depuis le 02\/03\/2026/)).toBeInTheDocument();
    expect(await screen.findByText('Aucun compte (création interrompue)')).toBeInTheDocument();

    await user.type(screen.getByLabelText(/Votre mot de passe/), 'motdepasse-correct');
    await user.click(screen.getByRole('button', { name: 'Générer une nouvelle clé de secours' }));
    expect(await screen.findByRole('group', { name: 'Clé de secours' })).toHaveTextContent(NEW_KEY);
    expect(backend.inputsOf('recovery.regenerate')).toEqual([{ password: 'motdepasse-correct' }]);
    // Its sheet, rendered on demand for this key and this MDS.
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    await user.click(screen.getByRole('button', { name: 'Télécharger la feuille (PDF)' }));
    await waitFor(() => expect(backend.inputsOf('recovery.sheet')).toHaveLength(1));
    expect(backend.inputsOf('recovery.sheet')[0]).toMatchObject({ recoveryKey: NEW_KEY, createdAt: '2026-03-05T10:00:00.000Z', mds: { name: 'MDS de Lens' } });
    await user.click(screen.getByRole('checkbox', { name: /je la range au coffre/ }));
    await user.click(screen.getByRole('button', { name: 'La nouvelle clé est conservée' }));
    expect(screen.queryByRole('group', { name: 'Clé de secours' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Donner un mot de passe à Rémi Référent' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText(/^Nouveau mot de passe/), 'referent-secret-1');
    await user.type(within(dialog).getByLabelText(/Confirmation du mot de passe/), 'referent-secret-1');
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer le mot de passe' }));
    expect(await screen.findByText('Rémi Référent peut se connecter avec ce mot de passe.')).toBeInTheDocument();
    expect(backend.inputsOf('users.setPassword')).toEqual([{ id: 7, password: 'referent-secret-1' }]);
  });
});
