/**
 * The dossier's « Documents » section over a fake main: lists, preview of a draft, archiving, download and
 * printing (system dialog in the desktop app, new tab in browser mode). pdf.js is replaced by a stand-in (it
 * cannot load in jsdom; the real viewer is checked in Chromium).
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApiClient } from '../../../shared/api/client';
import type { DocumentSummary, Printable } from '../../../shared/api/documents';
import { ApiError } from '../../../shared/api/errors';
import { ApiProvider } from '../api/ApiContext';
import { NotificationsProvider } from '../kit/notifications';
import { createFakeBackend, VALID_SESSION, type FakeBackend } from '../../../test/renderer/fakeBackend';
import { DossierDocumentsSection } from './DossierDocumentsSection';

vi.mock('./PdfViewer', () => ({
  default: ({ title, base64 }: { title: string; base64: string }) => <div data-testid="viewer">{`${title} (${atob(base64)})`}</div>,
}));

const PDF = btoa('%PDF-1.3 faux');

const printables: Printable[] = [
  { kind: 'contrat', kindLabel: 'Contrat d’engagements réciproques (deux exemplaires originaux)', sourceId: 12, title: 'CERP n° 12 (Signé)', date: '2026-12-01', finalBlocker: null, latestDocumentId: 5, copies: 2 },
  {
    kind: 'contrat',
    kindLabel: 'Contrat d’engagements réciproques (deux exemplaires originaux)',
    sourceId: 13,
    title: 'CERS n° 13 (Brouillon)',
    date: '2027-06-01',
    finalBlocker: 'Ce contrat n’est pas encore signé : il ne s’imprime qu’en projet.',
    latestDocumentId: null,
    copies: 2,
  },
];
const archived: DocumentSummary = {
  id: 5,
  kind: 'contrat',
  kindLabel: 'Contrat d’engagements réciproques (deux exemplaires originaux)',
  personId: 3,
  sourceEntity: 'contract',
  sourceId: 12,
  sourceVersion: 4,
  title: 'CERP n° 12 – LEFÈVRE Hélène',
  fileName: 'CERP 12 – LEFÈVRE Hélène.pdf',
  mime: 'application/pdf',
  copies: 2,
  pageCount: 10,
  sha256: 'ab'.repeat(32),
  size: 110_592,
  isFinal: true,
  createdAt: '2026-12-04T15:30:00.000Z',
  createdBy: 'Rémi Référent',
};

function setup(systemDialog: boolean): FakeBackend {
  const backend = createFakeBackend({
    handlers: {
      'documents.printable': () => printables,
      'documents.list': () => [archived],
      'documents.printSupport': () => ({ systemDialog }),
      'documents.get': (input) => {
        if (input.id !== 5) throw new ApiError('NOT_FOUND', 'Ce document est introuvable.');
        return { fileName: archived.fileName, mime: 'application/pdf', base64: PDF, sha256: archived.sha256, size: 13, copies: 2, pageCount: 10, document: archived };
      },
      'documents.generate': (input) => ({
        fileName: 'brouillon.pdf',
        mime: 'application/pdf',
        base64: PDF,
        sha256: 'cd'.repeat(32),
        size: 13,
        copies: 2,
        pageCount: 6,
        document: input.final ? { ...archived, id: 6 } : null,
        reprint: false,
        watermark: input.sourceId === 13 && !input.final ? 'PROJET – ne vaut pas contrat' : null,
      }),
      'documents.print': () => ({ printed: true }),
    },
  });
  render(
    <ApiProvider client={createApiClient(backend.transport, VALID_SESSION)}>
      <NotificationsProvider>
        <MemoryRouter>
          <DossierDocumentsSection personId={3} />
        </MemoryRouter>
      </NotificationsProvider>
    </ApiProvider>,
  );
  return backend;
}

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('DossierDocumentsSection', () => {
  it('lists what can be printed and the archived documents, in French', async () => {
    setup(false);
    const toPrint = await screen.findByRole('table', { name: 'Documents à imprimer' });
    expect(within(toPrint).getByText('CERP n° 12 (Signé)')).toBeInTheDocument();
    expect(within(toPrint).getByText('01/12/2026')).toBeInTheDocument();
    expect(within(toPrint).getByRole('link', { name: 'Voir la version archivée' })).toHaveAttribute('href', '/beneficiaires/3/documents/5');
    // An unsigned contract cannot be archived: the button says why.
    expect(within(toPrint).getByRole('button', { name: 'Archiver la version définitive : CERS n° 13 (Brouillon)' })).toBeDisabled();
    const done = await screen.findByRole('table', { name: 'Documents archivés' });
    expect(within(done).getByRole('link', { name: 'CERP n° 12 – LEFÈVRE Hélène' })).toBeInTheDocument();
    expect(within(done).getByText('Rémi Référent')).toBeInTheDocument();
    expect(within(done).getByText(/108 Kio/)).toBeInTheDocument();
    expect(within(done).getByText('abababababab…')).toBeInTheDocument();
  });

  it('previews a draft (watermark announced) without archiving it', async () => {
    const backend = setup(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Aperçu : CERS n° 13 (Brouillon)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Aperçu : CERS n° 13 (Brouillon)' });
    expect(within(dialog).getByText('Projet (brouillon), marqué « PROJET – ne vaut pas contrat » : il ne s’archive pas.')).toBeInTheDocument();
    expect(await within(dialog).findByTestId('viewer')).toHaveTextContent('%PDF-1.3 faux');
    expect(backend.inputsOf('documents.generate')).toEqual([{ kind: 'contrat', sourceId: 13, final: false }]);
    expect(within(dialog).getByRole('button', { name: 'Imprimer (2 exemplaires originaux)' })).toBeEnabled();
  });

  it('archives the final version and reloads the lists', async () => {
    const backend = setup(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Archiver la version définitive : CERP n° 12 (Signé)' }));
    expect(await screen.findByText(/Document archivé \(empreinte cdcdcdcdcdcd…\)/)).toBeInTheDocument();
    expect(backend.inputsOf('documents.generate')).toEqual([{ kind: 'contrat', sourceId: 12, final: true }]);
    await waitFor(() => expect(backend.inputsOf('documents.list').length).toBeGreaterThanOrEqual(2));
  });

  it('browser mode: « Imprimer » opens the PDF in a new tab', async () => {
    const open = vi.spyOn(window, 'open').mockReturnValue({} as Window);
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    const backend = setup(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Imprimer : CERP n° 12 – LEFÈVRE Hélène' }));
    await waitFor(() => expect(open).toHaveBeenCalledWith('blob:pdf', '_blank', 'noopener'));
    expect(await screen.findByText(/ouvert dans un nouvel onglet/)).toBeInTheDocument();
    expect(backend.inputsOf('documents.print')).toEqual([]);
  });

  it('desktop app: « Imprimer » opens the system dialog through main, one file holding both originals', async () => {
    const backend = setup(true);
    await userEvent.click(await screen.findByRole('button', { name: 'Imprimer : CERP n° 12 – LEFÈVRE Hélène' }));
    expect(await screen.findByText('Impression lancée (2 exemplaires originaux).')).toBeInTheDocument();
    expect(backend.inputsOf('documents.print')).toEqual([{ id: 5, copies: 1 }]);
  });

  it('downloads an archived document under its file name', async () => {
    URL.createObjectURL = vi.fn(() => 'blob:pdf');
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      expect(this.download).toBe('CERP 12 – LEFÈVRE Hélène.pdf');
      expect(this.href).toBe('blob:pdf');
    });
    setup(false);
    await userEvent.click(await screen.findByRole('button', { name: 'Télécharger : CERP n° 12 – LEFÈVRE Hélène' }));
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
  });
});
