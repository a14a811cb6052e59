import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { createApiClient, type ApiClient } from '../../../shared/api/client';
import { api, type MethodName } from '../../../shared/api/contract';
import { contractDeadline } from '../../../shared/domain/rules/orientation';
import { CORRESPONDANT, MDS, VALID_SESSION, createFakeBackend } from '../../../test/renderer/fakeBackend';
import { emptyState, interviewHandlers, PERSON_ID, type InterviewState } from '../../../test/renderer/fakeInterview';
import { ApiProvider, useApi } from '../api/ApiContext';
import { SessionProvider } from '../kit/session';
import { DossierPage } from '../screens/dossier/DossierPage';
import { AppProviders } from './AppProviders';
import { DOSSIER_SECTIONS } from './dossierSections';

vi.setConfig({ testTimeout: 60_000 });
afterEach(cleanup);

/**
 * Every write a dossier page leads to (its sections' buttons and the pages they open). The refresh does not
 * depend on which write it is: each one, once it succeeds, must have the dossier read again.
 */
const DOSSIER_WRITES: readonly MethodName[] = [
  'dossiers.update',
  'dsp.save',
  'ede.create',
  'orientation.decide',
  'droitsDevoirs.save',
  'contracts.create',
  'contracts.update',
  'contracts.saveBilan',
  'contracts.deleteDraft',
  'fiches.create',
  'fiches.update',
  'fiches.send',
  'fiches.answer',
  'fiches.close',
  'fiches.deleteDraft',
  'fiches.presidentDecision',
  'orientation.preconisations.record',
  'contracts.sign',
  'attachments.upload',
  'attachments.delete',
  'documents.generate',
];

/** A period as `orientation.decide` leaves it: what the Orientation card shows once read again. */
function decide(state: InterviewState) {
  state.periods.push({
    id: 301,
    personId: PERSON_ID,
    date: '2026-03-16',
    orientation: 'solidarite',
    start: '2026-03-16',
    end: null,
    organismeReferent: { id: 402, name: 'CCAS de Lens', type: 'solidarite' },
    referent: null,
    correspondant: { id: CORRESPONDANT.id, displayName: CORRESPONDANT.displayName },
    motif: 'Freins sociaux',
    preconisation: null,
    divergenceReason: null,
    contract: contractDeadline({ date: '2026-03-16', orientation: 'solidarite' }),
    createdAt: '2026-03-16T10:00:00Z',
    createdBy: { id: CORRESPONDANT.id, displayName: CORRESPONDANT.displayName },
  });
}

/** The client of the app, except that `method` only changes the server's data (as any write does). */
function clientWhere(method: MethodName, state: InterviewState): ApiClient {
  const backend = createApiClient(createFakeBackend({ user: CORRESPONDANT, handlers: interviewHandlers(state) }).transport, VALID_SESSION);
  return {
    ...backend,
    call: (m, input) => {
      if (m !== method) return backend.call(m, input);
      decide(state);
      return Promise.resolve({} as never);
    },
  };
}

function WriteButton({ method }: { method: MethodName }) {
  const client = useApi();
  return (
    <button type="button" onClick={() => void client.call(method, {} as never)}>
      Écrire
    </button>
  );
}

/** The dossier page with a button making `method`'s call; answers its Orientation card, before any decision. */
async function renderDossier(method: MethodName, client: ApiClient) {
  const router = createMemoryRouter(
    [{ path: '/beneficiaires/:personId', element: <><DossierPage sections={DOSSIER_SECTIONS} /><WriteButton method={method} /></> }],
    { initialEntries: [`/beneficiaires/${PERSON_ID}`] },
  );
  render(
    <AppProviders>
      <ApiProvider client={client}>
        <SessionProvider value={{ user: CORRESPONDANT, mds: MDS, logout: () => Promise.resolve() }}>
          <RouterProvider router={router} />
        </SessionProvider>
      </ApiProvider>
    </AppProviders>,
  );
  const orientation = await screen.findByRole('region', { name: 'Orientation' });
  await within(orientation).findByText('Aucune décision d’orientation n’est encore enregistrée.');
  return orientation;
}

describe('the dossier page after a write', () => {
  it.each(DOSSIER_WRITES)('is read again after %s, without a spinner in place of what it shows', async (method) => {
    expect(api[method].writes).toBe(true);
    const state = emptyState();
    const orientation = await renderDossier(method, clientWhere(method, state));
    const heading = screen.getByRole('heading', { level: 1 });
    await userEvent.click(screen.getByRole('button', { name: 'Écrire' }));
    await waitFor(() => expect(orientation).toHaveTextContent('Orientation solidarité'));
    expect(within(orientation).queryByText('Aucune décision d’orientation n’est encore enregistrée.')).toBeNull();
    expect(within(orientation).getByRole('link', { name: 'Réorienter' })).toBeInTheDocument();
    // The page stayed in place while it was read again (same heading element, no loading page).
    expect(heading).toBeInTheDocument();
  });

  it('is not read again for a draft saved on the way', async () => {
    const state = emptyState();
    const client = clientWhere('drafts.save', state);
    const spy = vi.spyOn(client, 'call');
    await renderDossier('drafts.save', client);
    await waitFor(() => expect(spy.mock.calls.filter(([m]) => m === 'interview.summary')).toHaveLength(1));
    await userEvent.click(screen.getByRole('button', { name: 'Écrire' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(spy.mock.calls.filter(([m]) => m === 'interview.summary')).toHaveLength(1);
  });
});
