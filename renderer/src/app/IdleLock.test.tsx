import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import { REFERENT, VALID_SESSION, createFakeBackend } from '../../../test/renderer/fakeBackend';
import { ApiProvider } from '../api/ApiContext';
import { SessionProvider } from '../kit/session';
import { IdleLock } from './IdleLock';
import { clearIdleLock } from './idleLockFlag';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

function mount(session: string, lockAfterMs = 60) {
  const backend = createFakeBackend({
    user: REFERENT,
    handlers: {
      'auth.unlock': (input) => {
        if (input.password !== 'motdepasse-correct') throw new ApiError('VALIDATION', 'Mot de passe incorrect.', { password: 'Mot de passe incorrect.' });
        return { ok: true };
      },
    },
  });
  const client = createApiClient(backend.transport, session);
  const tree = (delay: number) => (
    <ApiProvider client={client}>
      <SessionProvider value={{ user: REFERENT, mds: null, logout: async () => undefined }}>
        <p>Dossier en cours de saisie</p>
        <IdleLock lockAfterMs={delay} />
      </SessionProvider>
    </ApiProvider>
  );
  const view = render(tree(lockAfterMs));
  return { backend, view, setDelay: (delay: number) => view.rerender(tree(delay)) };
}

describe('the screen locked after inactivity', () => {
  it('locks after the delay without activity, hides the page, and opens again with the user’s password only', async () => {
    const user = userEvent.setup();
    const { backend, setDelay } = mount(VALID_SESSION);
    expect(screen.queryByRole('dialog')).toBeNull();
    const dialog = await screen.findByRole('dialog', { name: 'Écran verrouillé' }, { timeout: 2000 });
    // The page underneath is hidden from assistive technologies while locked.
    expect(screen.queryByText('Dossier en cours de saisie', { ignore: '[aria-hidden="true"] *' })).toBeNull();
    await user.type(within(dialog).getByLabelText('Mot de passe'), 'mauvais');
    await user.click(within(dialog).getByRole('button', { name: 'Déverrouiller' }));
    expect(await within(dialog).findByText('Mot de passe incorrect.')).toBeTruthy();
    // (A long delay from now on, so that the test sees the screen open before it would lock again.)
    setDelay(60_000);
    await user.clear(within(dialog).getByLabelText('Mot de passe'));
    await user.type(within(dialog).getByLabelText('Mot de passe'), 'motdepasse-correct{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.inputsOf('auth.unlock')).toEqual([{ password: 'mauvais' }, { password: 'motdepasse-correct' }]);
    expect(screen.getByText('Dossier en cours de saisie')).toBeTruthy();
  });

  it('activity keeps it open; a reload keeps the lock of the same session, a new session starts unlocked', async () => {
    const user = userEvent.setup();
    const { view } = mount(VALID_SESSION);
    for (let i = 0; i < 4; i += 1) {
      await new Promise((r) => setTimeout(r, 30));
      await user.keyboard('a');
    }
    expect(screen.queryByRole('dialog')).toBeNull();
    await screen.findByRole('dialog', { name: 'Écran verrouillé' }, { timeout: 2000 });
    view.unmount();
    mount(VALID_SESSION);
    expect(screen.getByRole('dialog', { name: 'Écran verrouillé' })).toBeTruthy();
    cleanup();
    mount('une-autre-session');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('on the MDS server (every browser session is « cookie »), a new login clears the lock left in the tab', async () => {
    // Locked, then the page reloaded: the same (placeholder) session is locked again.
    mount('cookie');
    await screen.findByRole('dialog', { name: 'Écran verrouillé' }, { timeout: 2000 });
    cleanup();
    mount('cookie', 60_000);
    expect(screen.getByRole('dialog', { name: 'Écran verrouillé' })).toBeTruthy();
    cleanup();
    // A new login in the tab (App calls clearIdleLock): the next session starts unlocked, although its token is « cookie » too.
    clearIdleLock();
    mount('cookie', 60_000);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
