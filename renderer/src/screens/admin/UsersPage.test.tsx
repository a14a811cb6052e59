import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { ADMIN, CORRESPONDANT, REFERENT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

function usersBackend() {
  const users: User[] = [ADMIN, REFERENT, CORRESPONDANT].map((u) => ({ ...u }));
  const backend = createFakeBackend({
    handlers: {
      'users.list': () => users,
      'users.create': (input) => {
        if (users.some((u) => u.login === input.login)) {
          throw new ApiError('CONFLICT', 'Cet identifiant est déjà pris.', { login: 'Cet identifiant est déjà pris' });
        }
        const created: User = { id: users.length + 1, login: input.login, displayName: input.displayName, role: input.role, structure: input.structure, mdsId: 1, active: true };
        users.push(created);
        return created;
      },
      'users.update': (input) => {
        const user = users.find((u) => u.id === input.id)!;
        Object.assign(user, input);
        return user;
      },
      'users.remove': ({ id }) => {
        users.find((u) => u.id === id)!.active = false;
        return { ok: true };
      },
    },
  });
  return backend;
}

describe('user accounts (administration)', () => {
  it('creates an account from the dialog', async () => {
    const user = userEvent.setup();
    const backend = usersBackend();
    renderApp(backend.transport, { path: '/administration/comptes' });
    await user.click(await screen.findByRole('button', { name: 'Créer un compte' }));
    const dialog = await screen.findByRole('dialog', { name: 'Créer un compte' });
    const d = within(dialog);
    await user.type(d.getByRole('textbox', { name: 'Identifiant' }), 'r.durand');
    await user.type(d.getByRole('textbox', { name: 'Nom et prénom' }), 'Jeanne Leroy');
    await user.selectOptions(d.getByRole('combobox', { name: 'Rôle' }), 'Correspondant SLAI');
    await user.type(d.getByRole('textbox', { name: 'Structure' }), 'SLAI de Lens');
    await user.type(d.getByLabelText('Mot de passe initial'), 'un-long-secret');
    await user.type(d.getByLabelText('Confirmation du mot de passe'), 'un-long-secret');
    await user.click(d.getByRole('button', { name: 'Créer le compte' }));

    // The login is taken: the API's error lands on the field.
    await waitFor(() => expect(d.getByRole('textbox', { name: 'Identifiant' })).toHaveAccessibleDescription('Cet identifiant est déjà pris'));
    await user.clear(d.getByRole('textbox', { name: 'Identifiant' }));
    await user.type(d.getByRole('textbox', { name: 'Identifiant' }), 'J.Leroy');
    await user.click(d.getByRole('button', { name: 'Créer le compte' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('cell', { name: 'j.leroy' })).toBeInTheDocument();
    expect(backend.inputsOf('users.create').at(-1)).toEqual({
      login: 'j.leroy',
      displayName: 'Jeanne Leroy',
      role: 'correspondant',
      structure: 'SLAI de Lens',
      password: 'un-long-secret',
    });
  });

  it('deactivates an account only after confirmation', async () => {
    const user = userEvent.setup();
    const backend = usersBackend();
    renderApp(backend.transport, { path: '/administration/comptes' });
    await user.click(await screen.findByRole('button', { name: 'Désactiver le compte de Romain Durand' }));
    let dialog = await screen.findByRole('dialog', { name: 'Désactiver le compte de Romain Durand ?' });
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.inputsOf('users.remove')).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Désactiver le compte de Romain Durand' }));
    dialog = await screen.findByRole('dialog', { name: 'Désactiver le compte de Romain Durand ?' });
    await user.click(within(dialog).getByRole('button', { name: 'Désactiver le compte' }));
    await waitFor(() => expect(backend.inputsOf('users.remove')).toEqual([{ id: REFERENT.id }]));
    const row = (await screen.findByRole('cell', { name: 'r.durand' })).closest('tr')!;
    await waitFor(() => expect(row).toHaveTextContent('Désactivé'));
    // No way to deactivate oneself from here.
    expect(screen.queryByRole('button', { name: 'Désactiver le compte de Alice Martin' })).not.toBeInTheDocument();
  });

  it('edits an account', async () => {
    const user = userEvent.setup();
    const backend = usersBackend();
    renderApp(backend.transport, { path: '/administration/comptes' });
    await user.click(await screen.findByRole('button', { name: 'Modifier le compte de Claire Petit' }));
    const dialog = await screen.findByRole('dialog', { name: 'Modifier le compte de Claire Petit' });
    const structure = within(dialog).getByRole('textbox', { name: 'Structure' });
    await user.clear(structure);
    await user.type(structure, 'SLAI de Liévin{Enter}');
    await waitFor(() => expect(backend.inputsOf('users.update')).toEqual([{ id: 3, displayName: 'Claire Petit', role: 'correspondant', structure: 'SLAI de Liévin' }]));
    expect(await screen.findByRole('cell', { name: 'SLAI de Liévin' })).toBeInTheDocument();
  });
});

describe('change password', () => {
  it('checks the confirmation, then calls auth.changePassword and shows the API’s error', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: {
        'auth.changePassword': ({ currentPassword }) => {
          if (currentPassword !== 'ancien-secret') throw new ApiError('UNAUTHENTICATED', 'Mot de passe actuel incorrect');
          return { ok: true };
        },
      },
    });
    renderApp(backend.transport);
    await user.click(await screen.findByRole('button', { name: 'Changer mon mot de passe' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changer mon mot de passe' });
    const d = within(dialog);
    await user.type(d.getByLabelText('Mot de passe actuel'), 'faux');
    await user.type(d.getByLabelText('Nouveau mot de passe'), 'nouveau-secret');
    await user.type(d.getByLabelText('Confirmation du nouveau mot de passe'), 'nouveau-secreT{Enter}');
    expect(await d.findByText('Les deux mots de passe ne sont pas identiques')).toBeInTheDocument();
    expect(backend.inputsOf('auth.changePassword')).toEqual([]);

    await user.clear(d.getByLabelText('Confirmation du nouveau mot de passe'));
    await user.type(d.getByLabelText('Confirmation du nouveau mot de passe'), 'nouveau-secret{Enter}');
    expect(await d.findByRole('alert')).toHaveTextContent('Mot de passe actuel incorrect');
    // A wrong current password does not end the session.
    expect(screen.queryByRole('heading', { name: 'Connexion' })).not.toBeInTheDocument();

    await user.clear(d.getByLabelText('Mot de passe actuel'));
    await user.type(d.getByLabelText('Mot de passe actuel'), 'ancien-secret{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.inputsOf('auth.changePassword').at(-1)).toEqual({ currentPassword: 'ancien-secret', newPassword: 'nouveau-secret' });
    expect(await screen.findByText('Votre mot de passe est changé.')).toBeInTheDocument();
  });
});

describe('partner référents (extranet)', () => {
  it('the switch reveals the charte’s date and the access request’s reference, both required', async () => {
    const user = userEvent.setup();
    const backend = usersBackend();
    backend.handle({
      'users.create': (input) => ({ id: 9, login: input.login, displayName: input.displayName, role: input.role, structure: input.structure, mdsId: 1, active: true, partner: input.partner, charteSignedOn: input.charteSignedOn ?? null, accessRequestRef: input.accessRequestRef ?? null }),
    });
    renderApp(backend.transport, { path: '/administration/comptes' });
    await user.click(await screen.findByRole('button', { name: 'Créer un compte' }));
    const d = within(await screen.findByRole('dialog', { name: 'Créer un compte' }));
    expect(d.queryByRole('textbox', { name: /Référence de la demande d’accès individuelle/ })).not.toBeInTheDocument();
    await user.type(d.getByRole('textbox', { name: 'Identifiant' }), 'p.leroux');
    await user.type(d.getByRole('textbox', { name: 'Nom et prénom' }), 'Paula Leroux');
    await user.type(d.getByRole('textbox', { name: 'Structure' }), 'CCAS de Liévin');
    await user.type(d.getByLabelText('Mot de passe initial'), 'un-long-secret');
    await user.type(d.getByLabelText('Confirmation du mot de passe'), 'un-long-secret');
    await user.click(d.getByRole('switch', { name: 'Référent partenaire (extranet)' }));
    await user.click(d.getByRole('button', { name: 'Créer le compte' }));
    const reference = await d.findByRole('textbox', { name: /Référence de la demande d’accès individuelle/ });
    await waitFor(() => expect(reference).toHaveAccessibleDescription(/Saisissez la référence de la demande d’accès individuelle/));
    expect(backend.inputsOf('users.create')).toEqual([]);

    const [day] = within(d.getByRole('group', { name: /Charte utilisateur signée le/ })).getAllByRole('spinbutton');
    await user.click(day!);
    await user.keyboard('02022026');
    await user.type(reference, 'DAI-2026-014');
    await user.click(d.getByRole('button', { name: 'Créer le compte' }));
    await waitFor(() => expect(backend.inputsOf('users.create')).toHaveLength(1));
    expect(backend.inputsOf('users.create')[0]).toMatchObject({ login: 'p.leroux', partner: true, charteSignedOn: '2026-02-02', accessRequestRef: 'DAI-2026-014' });
  }, 60_000);

  it('lists a partner with the date the charte was signed', async () => {
    const backend = usersBackend();
    backend.handle({ 'users.list': () => [{ ...REFERENT, partner: true, charteSignedOn: '2026-02-02', accessRequestRef: 'DAI-7' }] });
    renderApp(backend.transport, { path: '/administration/comptes' });
    expect(await screen.findByText('Partenaire — charte signée le 02/02/2026')).toBeInTheDocument();
  });
});
