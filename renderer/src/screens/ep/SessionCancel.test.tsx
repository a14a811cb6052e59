import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { emptyState, interviewHandlers } from '../../../../test/renderer/fakeInterview';
import { ITEM, SECRETAIRE, baseSession } from './sessionFixtures';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

/** A session whose only case was postponed after the convocations. */
const emptied = () =>
  baseSession({
    status: 'convocations_envoyees',
    statusLabel: 'Convocations envoyées',
    convocationsSentOn: '2026-11-20',
    items: [{ ...ITEM, status: 'reporte', removalReason: 'Bénéficiaire hospitalisée' }],
    next: { state: 'tenue', label: 'Tenue', blockers: [] },
  });

describe('cancelling an emptied session', () => {
  it('offers « Annuler la séance » when no case is left, asks the reason and the sending date, then gives the letters', async () => {
    const user = userEvent.setup();
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:annulation');
    let session = emptied();
    const backend = createFakeBackend({
      user: SECRETAIRE,
      handlers: {
        'ep.sessions.get': () => session,
        'ep.sessions.cancel': (input) => {
          session = { ...session, status: 'annulee', statusLabel: 'Annulée', cancelledOn: '2026-11-25', cancelReason: input.reason, next: null, version: 2 };
          const document = {
            id: 5, kind: 'ep_annulation', kindLabel: 'Courriers d’annulation', personId: null, sourceEntity: 'ep_session', sourceId: 7, sourceVersion: 2, title: 'Annulation', fileName: 'Annulation.pdf',
            mime: 'application/pdf', copies: 1, pageCount: 6, sha256: 'a'.repeat(64), size: 10, isFinal: true, createdAt: '2026-11-25T10:00:00.000Z', createdBy: 'Sophie Leroy',
          } as const;
          return { session, letters: { fileName: 'Annulation.pdf', mime: 'application/pdf', contentBase64: 'JVBERg==', document, reprint: false } };
        },
      },
    });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    const offer = (await screen.findByText('Aucun dossier n’est inscrit à l’ordre du jour')).closest('[role="alert"]') as HTMLElement;
    expect(offer).toHaveTextContent(/un courrier d’annulation est alors préparé pour chaque personne convoquée/);
    await user.click(within(offer).getByRole('button', { name: 'Annuler la séance' }));
    const dialog = await screen.findByRole('dialog', { name: 'Annuler la séance du 03/12/2026' });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la séance' }));
    expect(await within(dialog).findByText('Motif de l’annulation : ce champ est obligatoire')).toBeInTheDocument();

    await user.type(within(dialog).getByRole('textbox', { name: 'Motif de l’annulation' }), 'Le seul dossier a été reporté');
    await user.type(within(dialog).getByLabelText('Date d’envoi des courriers'), '2026-11-26');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler la séance' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.inputsOf('ep.sessions.cancel').at(-1)).toEqual({ sessionId: 7, version: 1, reason: 'Le seul dossier a été reporté', sendingDate: '2026-11-26' });
    expect(screen.getByTestId('session-state')).toHaveTextContent('État : Annulée');
    const cancelled = screen.getByRole('region', { name: 'Séance annulée' });
    expect(cancelled).toHaveTextContent('Annulée le 25/11/2026 : Le seul dossier a été reporté');
    expect(within(cancelled).getByRole('button', { name: 'Courriers d’annulation (PDF)' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Annuler la séance' })).not.toBeInTheDocument();
  });

  it('offers nothing while a case is inscribed, nor to a correspondent', async () => {
    const withCase = baseSession({ status: 'convocations_envoyees', statusLabel: 'Convocations envoyées', items: [ITEM], cases: 1, next: { state: 'tenue', label: 'Tenue', blockers: [] } });
    const backend = createFakeBackend({ user: SECRETAIRE, handlers: { 'ep.sessions.get': () => withCase } });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await screen.findByTestId('session-state');
    expect(screen.queryByRole('button', { name: 'Annuler la séance' })).not.toBeInTheDocument();
    cleanup();

    const reader = createFakeBackend({ user: { ...SECRETAIRE, id: 3, role: 'correspondant' }, handlers: { 'ep.sessions.get': () => emptied() } });
    renderApp(reader.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await screen.findByTestId('session-state');
    expect(screen.queryByRole('button', { name: 'Annuler la séance' })).not.toBeInTheDocument();
  });
});

describe('one order on every page: the breadcrumb trail, then the title', () => {
  const trailBeforeTitle = async () => {
    const h1 = await screen.findByRole('heading', { level: 1 });
    const trail = await screen.findByRole('navigation', { name: 'Fil d’Ariane' });
    expect(trail.compareDocumentPosition(h1) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    return { trail, h1 };
  };

  it('on an EP page', async () => {
    const backend = createFakeBackend({ user: SECRETAIRE, handlers: { 'ep.sessions.get': () => baseSession() } });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await screen.findByRole('heading', { level: 1, name: 'Séance du 03/12/2026' });
    const { trail } = await trailBeforeTitle();
    expect(within(trail).getByRole('link', { name: 'Équipes pluridisciplinaires' })).toBeInTheDocument();
  });

  it('on a beneficiary’s page', async () => {
    const backend = createFakeBackend({ handlers: interviewHandlers(emptyState()) });
    renderApp(backend.transport, { path: '/beneficiaires/10/dsp' });
    await screen.findByRole('heading', { level: 1, name: /DSP/ });
    const { trail } = await trailBeforeTitle();
    expect(within(trail).getByRole('link', { name: 'Bénéficiaires' })).toBeInTheDocument();
  });
});
