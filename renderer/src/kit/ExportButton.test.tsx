import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DueItem } from '../../../shared/api/desk';
import type { FicheSummary } from '../../../shared/api/fiches';
import type { User } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { CORRESPONDANT, REFERENT, createFakeBackend, type FakeHandlers } from '../../../test/renderer/fakeBackend';
import { renderApp } from '../../../test/renderer/renderApp';
import { recordDownloads } from '../../../test/renderer/downloads';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  vi.restoreAllMocks();
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ZIP_BYTES = [0x50, 0x4b, 0x03, 0x04]; // « PK.. »: an XLSX is a zip
const CSV_TEXT = '\uFEFFDate;Objet\r\n01/12/2026;Réorientation\r\n';

const FICHE: FicheSummary = {
  id: 4,
  personId: 10,
  type: 'reorientation',
  typeLabel: 'Réorientation',
  status: 'envoyee',
  statusLabel: 'Envoyée',
  date: '2026-12-01',
  sentOn: '2026-12-01',
  beneficiaire: 'DUPONT Marie',
  referent: 'Romain Durand',
  missing: [],
  awaitingPresident: false,
  updatedAt: '2026-12-01T10:00:00.000Z',
};

const file = (format: 'csv' | 'xlsx', rows: number) =>
  format === 'csv'
    ? { fileName: 'fiches-de-liaison-2026-12-03.csv', mime: 'text/csv;charset=utf-8', base64: btoa(String.fromCharCode(...new TextEncoder().encode(CSV_TEXT))), rows }
    : { fileName: 'fiches-de-liaison-2026-12-03.xlsx', mime: XLSX, base64: btoa(String.fromCharCode(...ZIP_BYTES)), rows };

function open(user: User, path: string, handlers: FakeHandlers = {}) {
  const backend = createFakeBackend({
    user,
    handlers: { 'fiches.inbox': () => [FICHE], 'exports.list': (input) => file(input.format, 2), ...handlers },
  });
  renderApp(backend.transport, { path });
  return backend;
}

describe('kit › Exporter (CSV / Excel)', () => {
  it('the menu offers CSV and Excel; Excel saves main’s XLSX bytes under its name and says how many rows', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    const backend = open(CORRESPONDANT, '/fiches-de-liaison');
    await user.click(await screen.findByRole('button', { name: 'Exporter' }));
    const items = await screen.findAllByRole('menuitem');
    expect(items.map((i) => i.textContent)).toEqual(['CSV', 'Excel (XLSX)']);
    await user.click(screen.getByRole('menuitem', { name: 'Excel (XLSX)' }));
    await waitFor(() => expect(saved.names).toEqual(['fiches-de-liaison-2026-12-03.xlsx']));
    expect(backend.inputsOf('exports.list')).toEqual([{ list: 'fiches', params: {}, format: 'xlsx' }]);
    expect(saved.blobs[0]!.type).toBe(XLSX);
    expect([...new Uint8Array(await saved.blobs[0]!.arrayBuffer())]).toEqual(ZIP_BYTES);
    expect(await screen.findByText('2 lignes exportées dans fiches-de-liaison-2026-12-03.xlsx.')).toBeInTheDocument();
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
  });

  it('CSV: the file keeps its BOM and accents', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    const backend = open(CORRESPONDANT, '/fiches-de-liaison', { 'exports.list': (input) => file(input.format, 1) });
    await user.click(await screen.findByRole('button', { name: 'Exporter' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    await waitFor(() => expect(saved.names).toEqual(['fiches-de-liaison-2026-12-03.csv']));
    expect(backend.inputsOf('exports.list')).toEqual([{ list: 'fiches', params: {}, format: 'csv' }]);
    const bytes = new Uint8Array(await saved.blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(CSV_TEXT);
    expect(await screen.findByText('1 ligne exportée dans fiches-de-liaison-2026-12-03.csv.')).toBeInTheDocument();
  });

  it('tells main’s refusal and saves nothing', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    open(CORRESPONDANT, '/fiches-de-liaison', {
      'exports.list': () => {
        throw new ApiError('FORBIDDEN', 'Votre rôle ne permet pas d’exporter cette liste.');
      },
    });
    await user.click(await screen.findByRole('button', { name: 'Exporter' }));
    await user.click(await screen.findByRole('menuitem', { name: 'CSV' }));
    expect(await screen.findByText('Votre rôle ne permet pas d’exporter cette liste.')).toBeInTheDocument();
    expect(saved.names).toEqual([]);
    expect(screen.getByRole('button', { name: 'Exporter' })).toBeEnabled();
  });

  it('is hidden from a role that may not read the list', async () => {
    open(REFERENT, '/fiches-de-liaison');
    await screen.findByRole('heading', { level: 1, name: 'Fiches de liaison' });
    expect(screen.queryByRole('button', { name: 'Exporter' })).not.toBeInTheDocument();
  });

  it('with one format (the échéancier’s Excel, beside its CSV), exports at once with the screen’s filter and order', async () => {
    const user = userEvent.setup();
    const saved = recordDownloads();
    const item: DueItem = {
      id: 1,
      personId: 10,
      personName: 'DUPONT Marie',
      referent: null,
      kind: 'contrat_a_signer',
      severity: 'en_retard',
      date: '2026-11-28',
      title: 'CERS à signer',
      rule: 'Art. 1',
      section: 'contrats',
    };
    const backend = open(CORRESPONDANT, '/echeancier?gravite=en_retard&personne=10', {
      'echeancier.list': () => ({ total: 1, items: [item], computedFor: '2026-12-03' }),
      'exports.list': () => ({ fileName: 'echeancier-2026-12-03.xlsx', mime: XLSX, base64: btoa(String.fromCharCode(...ZIP_BYTES)), rows: 1 }),
    });
    await screen.findByText('1 échéance');
    expect(screen.getByRole('button', { name: 'Exporter (CSV)' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Exporter (Excel)' }));
    await waitFor(() => expect(saved.names).toEqual(['echeancier-2026-12-03.xlsx']));
    expect(screen.queryByRole('menu')).not.toBeInTheDocument();
    expect(backend.inputsOf('exports.list')).toEqual([
      { list: 'echeancier', params: { filter: { severities: ['en_retard'], personId: 10 }, sort: 'date', direction: 'asc' }, format: 'xlsx' },
    ]);
  });
});
