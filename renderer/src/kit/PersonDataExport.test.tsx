import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { User } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { ADMIN, CORRESPONDANT, REFERENT, SAMPLE_DOSSIER, createFakeBackend, type FakeHandlers } from '../../../test/renderer/fakeBackend';
import { renderApp } from '../../../test/renderer/renderApp';
import { recordDownloads } from '../../../test/renderer/downloads';
import { EXPORT_PERSON_LABEL } from './PersonDataExport';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  vi.restoreAllMocks();
});

const PDF_BYTES = [0x25, 0x50, 0x44, 0x46, 0x2d]; // « %PDF- »
const JSON_TEXT = '{\n  "format": "parcours-rsa/donnees-personne",\n  "personId": 10,\n  "nom": "Dupont Élise"\n}';
const EXPORT = {
  pdf: { fileName: 'Données personnelles 10 2026-03-10.pdf', mime: 'application/pdf' as const, base64: btoa(String.fromCharCode(...PDF_BYTES)), size: 5, pageCount: 3 },
  json: { fileName: 'Données personnelles 10 2026-03-10.json', mime: 'application/json' as const, text: JSON_TEXT },
};

function open(user: User, handlers: FakeHandlers = {}) {
  const backend = createFakeBackend({ user, handlers: { 'rgpd.exportPerson': () => EXPORT, ...handlers } });
  renderApp(backend.transport, { path: `/beneficiaires/${SAMPLE_DOSSIER.person.id}` });
  return backend;
}

describe('dossier › Exporter les données de la personne', () => {
  it('saves the PDF and the JSON main made, and says so', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    const backend = open(CORRESPONDANT);
    await user.click(await screen.findByRole('button', { name: EXPORT_PERSON_LABEL }));
    await waitFor(() => expect(saved.names).toEqual([EXPORT.pdf.fileName, EXPORT.json.fileName]));
    expect(backend.inputsOf('rgpd.exportPerson')).toEqual([{ personId: 10 }]);
    expect(saved.blobs.map((b) => b.type)).toEqual(['application/pdf', 'application/json;charset=utf-8']);
    expect([...new Uint8Array(await saved.blobs[0]!.arrayBuffer())]).toEqual(PDF_BYTES);
    expect(await saved.blobs[1]!.text()).toBe(JSON_TEXT);
    expect(
      await screen.findByText(
        `Données de la personne exportées : « ${EXPORT.pdf.fileName} » (3 pages) et « ${EXPORT.json.fileName} » sont téléchargés. L’export est inscrit au journal.`,
      ),
    ).toBeInTheDocument();
  });

  it('is offered to the administrator too', async () => {
    open(ADMIN);
    expect(await screen.findByRole('button', { name: EXPORT_PERSON_LABEL })).toBeEnabled();
  });

  it('is hidden from a referent, and from a correspondent of another MDS', async () => {
    open(REFERENT);
    await screen.findByRole('heading', { level: 1, name: /DUPONT/ });
    expect(screen.queryByRole('button', { name: EXPORT_PERSON_LABEL })).not.toBeInTheDocument();
    cleanup();
    open({ ...CORRESPONDANT, mdsId: 2, structure: 'MDS d’Arras' });
    await screen.findByRole('heading', { level: 1, name: /DUPONT/ });
    expect(screen.queryByRole('button', { name: EXPORT_PERSON_LABEL })).not.toBeInTheDocument();
  });

  it('tells main’s refusal and saves nothing', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    open(ADMIN, {
      'rgpd.exportPerson': () => {
        throw new ApiError('FORBIDDEN', 'Ce dossier n’est pas de votre MDS.');
      },
    });
    await user.click(await screen.findByRole('button', { name: EXPORT_PERSON_LABEL }));
    expect(await screen.findByText('Ce dossier n’est pas de votre MDS.')).toBeInTheDocument();
    expect(saved.names).toEqual([]);
    expect(screen.getByRole('button', { name: EXPORT_PERSON_LABEL })).toBeEnabled();
  });
});
