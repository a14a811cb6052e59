import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useForm } from 'react-hook-form';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { ApiError } from '../../../shared/api/errors';
import { ApiProvider } from '../api/ApiContext';
import { createGuardedClient } from '../api/guardedClient';
import { claimLocalDrafts, getLocalDraft } from '../api/localDrafts';
import { DraftOffer } from './DraftOffer';
import { useFormDraft } from './useFormDraft';

const KEY = 'test:note';

/** A server keeping drafts, whose session the test can end. */
function fakeServer() {
  const drafts = new Map<string, { data: unknown; updatedAt: string }>();
  const state = { sessionValid: true, saves: 0, token: undefined as string | undefined };
  const client: ApiClient = {
    call: (async (method: string, input: { key: string; data?: unknown }) => {
      if (method === 'auth.login') {
        state.sessionValid = true;
        return { session: 's', user: { id: (input as unknown as { login: string }).login === 'autre' ? 2 : 1 } };
      }
      if (!state.sessionValid) throw new ApiError('UNAUTHENTICATED', 'Votre session a pris fin.');
      if (method === 'drafts.get') return drafts.get(input.key) ?? null;
      if (method === 'drafts.save') {
        state.saves += 1;
        drafts.set(input.key, { data: input.data, updatedAt: new Date().toISOString() });
        return { ok: true };
      }
      if (method === 'drafts.delete') {
        drafts.delete(input.key);
        return { ok: true };
      }
      throw new ApiError('UNKNOWN_METHOD', method);
    }) as ApiClient['call'],
    setSession: (token) => {
      state.token = token;
    },
    getSession: () => state.token,
  };
  return { client, drafts, state };
}

function NoteForm() {
  const form = useForm<{ note: string }>({ defaultValues: { note: '' } });
  const draft = useFormDraft({ key: KEY, form, baseline: { note: '' }, delayMs: 30 });
  return (
    <form>
      <DraftOffer draft={draft} onRestore={() => form.reset(draft.take() as { note: string })} />
      <label>
        Note
        <input {...form.register('note')} />
      </label>
    </form>
  );
}

const note = () => screen.getByLabelText<HTMLInputElement>('Note');

beforeEach(() => window.sessionStorage.clear());
afterEach(cleanup);

describe('useFormDraft: the input typed when the session ends', () => {
  it('is kept in the tab and offered again after the next login, though the server refused its save', async () => {
    const server = fakeServer();
    let lost = 0;
    const guarded = createGuardedClient(server.client, () => (lost += 1));
    guarded.setSession((await guarded.call('auth.login', { login: 'ref', password: 'x' })).session);
    const first = render(
      <ApiProvider client={guarded}>
        <NoteForm />
      </ApiProvider>,
    );
    fireEvent.change(note(), { target: { value: 'Premier entretien' } });
    await waitFor(() => expect(server.drafts.get(KEY)?.data).toEqual({ note: 'Premier entretien' }));
    await waitFor(() => expect(getLocalDraft(KEY)).toBeNull()); // saved: no copy needed

    server.state.sessionValid = false; // idle timeout, « Se déconnecter partout »…
    fireEvent.change(note(), { target: { value: 'Premier entretien : projet de formation' } });
    await waitFor(() => expect(lost).toBe(1));
    first.unmount(); // the app shows the login screen
    expect(server.drafts.get(KEY)?.data).toEqual({ note: 'Premier entretien' });

    guarded.setSession((await guarded.call('auth.login', { login: 'ref', password: 'x' })).session);
    render(
      <ApiProvider client={guarded}>
        <NoteForm />
      </ApiProvider>,
    );
    expect(await screen.findByText(/Un brouillon du .* a été retrouvé/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Reprendre' }));
    expect(note().value).toBe('Premier entretien : projet de formation');
    // Taken up, it goes to the server like any typing, and the tab's copy is dropped.
    fireEvent.change(note(), { target: { value: 'Premier entretien : projet de formation.' } });
    await waitFor(() => expect(server.drafts.get(KEY)?.data).toEqual({ note: 'Premier entretien : projet de formation.' }));
    await waitFor(() => expect(getLocalDraft(KEY)).toBeNull());
  });

  it('belongs to its user: another login in the tab, or a logout, drops the copies', async () => {
    const server = fakeServer();
    const guarded = createGuardedClient(server.client, () => undefined);
    await guarded.call('auth.login', { login: 'ref', password: 'x' });
    server.state.sessionValid = false;
    const view = render(
      <ApiProvider client={guarded}>
        <NoteForm />
      </ApiProvider>,
    );
    fireEvent.change(note(), { target: { value: 'confidentiel' } });
    await waitFor(() => expect(getLocalDraft(KEY)?.data).toEqual({ note: 'confidentiel' })); // its save is refused
    view.unmount();

    claimLocalDrafts(1); // the same user again: kept
    expect(getLocalDraft(KEY)?.data).toEqual({ note: 'confidentiel' });
    await guarded.call('auth.login', { login: 'autre', password: 'x' });
    expect(getLocalDraft(KEY)).toBeNull();

    claimLocalDrafts(2);
    window.sessionStorage.setItem('parcours-rsa:brouillon:' + KEY, JSON.stringify({ data: { note: 'x' }, updatedAt: new Date().toISOString() }));
    guarded.setSession(undefined); // « Se déconnecter »
    expect(getLocalDraft(KEY)).toBeNull();
  });
});
