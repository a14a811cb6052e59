import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { ITEM, SECRETAIRE, baseSession } from './sessionFixtures';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const session = baseSession({ items: [ITEM], cases: 1, status: 'dossiers_inscrits', statusLabel: 'Dossiers inscrits' });

describe('session letters', () => {
  it('dates the letters on the day they are produced unless a sending date is chosen', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    const user = userEvent.setup();
    const file = { fileName: 'Convocations.pdf', mime: 'application/pdf', contentBase64: 'JVBERi0=' };
    const backend = createFakeBackend({
      user: SECRETAIRE,
      handlers: { 'ep.sessions.get': () => session, 'ep.queue': () => [], 'ep.sessions.letterPdf': () => file as never },
    });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await user.click(await screen.findByRole('button', { name: 'Convocations des membres (PDF)' }));
    await waitFor(() => expect(backend.inputsOf('ep.sessions.letterPdf')).toHaveLength(1));
    expect(backend.inputsOf('ep.sessions.letterPdf')[0]).toEqual({ sessionId: 7, kind: 'convocations' });

    fireEvent.change(screen.getByLabelText('Date d’envoi des courriers'), { target: { value: '2026-11-25' } });
    await user.click(screen.getByRole('button', { name: 'Lettres d’information des bénéficiaires (PDF)' }));
    await waitFor(() => expect(backend.inputsOf('ep.sessions.letterPdf')).toHaveLength(2));
    expect(backend.inputsOf('ep.sessions.letterPdf')[1]).toEqual({ sessionId: 7, kind: 'informations', sendingDate: '2026-11-25' });
  });
});
