import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { StatScope, StatTable } from '../../../../shared/api/statistics';
import { CORRESPONDANT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  vi.restoreAllMocks();
});

const SCOPE: StatScope = { from: '2025-01-01', to: '2025-12-31', mds: { id: 1, name: 'MDS de Lens', territory: 'Lens-Hénin' }, organisme: null, referent: null };
const ACTIVE: StatTable = {
  figure: 'file_active',
  title: 'File active au 31/12/2025',
  definition: 'Personnes ayant une orientation en cours ou un contrat en cours.',
  rowHeader: 'Orientation en cours',
  columns: [{ key: 'personnes', label: 'Personnes', kind: 'count' }],
  rows: [
    { key: 'solidarite', label: 'Solidarité', cells: [30] },
    { key: 'contrat', label: 'Sans orientation en cours (contrat en cours)', cells: ['< 5'] },
    { key: 'total', label: 'Total', cells: [31] },
  ],
  chart: 'bar',
};
const FICHES: StatTable = {
  figure: 'fiches',
  title: 'Fiches de liaison envoyées et délai de réponse',
  definition: 'Fiches envoyées dans la période.',
  rowHeader: 'Type de fiche',
  columns: [
    { key: 'envoyees', label: 'Envoyées', kind: 'count' },
    { key: 'mediane', label: 'Délai médian (jours)', kind: 'days' },
  ],
  rows: [{ key: 'appui', label: 'Appui', cells: [12, 10.5] }],
  chart: 'bar',
};

function statisticsBackend() {
  return createFakeBackend({
    user: CORRESPONDANT,
    handlers: {
      'statistics.options': () => ({ organismes: [{ id: 7, name: 'PLIE de Lens' }], referents: [{ id: 3, displayName: 'Rémi Référent' }] }),
      'statistics.get': (input) => ({
        scope: input.filter.referentId ? { ...SCOPE, referent: { id: 3, displayName: 'Rémi Référent' } } : SCOPE,
        tables: (input.figures ?? []).includes('fiches') ? [FICHES] : [ACTIVE],
      }),
      'exports.list': () => ({ fileName: 'statistiques-file-active-2026-03-10.csv', mime: 'text/csv;charset=utf-8', base64: 'Zm9v', rows: 4 }),
      'statistics.report': () => ({ fileName: 'Rapport.pdf', mime: 'application/pdf', base64: 'JVBERi0=', size: 5, pageCount: 1 }),
    },
  });
}

describe('Statistiques', () => {
  it('shows each figure’s table next to its chart, small cells as « < 5 », and opens the other chapters', async () => {
    const backend = statisticsBackend();
    renderApp(backend.transport, { path: '/statistiques' });
    const table = await screen.findByRole('table', { name: 'File active au 31/12/2025' });
    expect(screen.getByRole('heading', { level: 1, name: 'Statistiques' })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Sans orientation en cours/ })).toHaveTextContent('< 5');
    expect(within(table).getByRole('row', { name: /Total/ })).toHaveTextContent('31');
    expect(screen.getByRole('img', { name: /Graphique « File active au 31\/12\/2025 »/ })).toBeInTheDocument();
    expect(screen.getByText('MDS de Lens (territoire Lens-Hénin), du 01/01/2025 au 31/12/2025.')).toHaveAttribute('role', 'status');
    expect(backend.inputsOf('statistics.get')[0]).toEqual({ filter: {}, figures: ['file_active', 'flux'] });

    await userEvent.click(screen.getByRole('tab', { name: 'Fiches de liaison' }));
    const fiches = await screen.findByRole('table', { name: 'Fiches de liaison envoyées et délai de réponse' });
    expect(within(fiches).getByRole('row', { name: /Appui/ })).toHaveTextContent('10,5');
  });

  it('filters by référent', async () => {
    const backend = statisticsBackend();
    renderApp(backend.transport, { path: '/statistiques' });
    await screen.findByRole('table', { name: 'File active au 31/12/2025' });
    await userEvent.click(screen.getByRole('combobox', { name: 'Référent' }));
    await userEvent.click(await screen.findByRole('option', { name: 'Rémi Référent' }));
    expect(await screen.findByText(/, référent Rémi Référent\.$/)).toHaveAttribute('role', 'status');
    expect(backend.inputsOf('statistics.get').at(-1)).toEqual({ filter: { referentId: 3 }, figures: ['file_active', 'flux'] });
  });

  it('exports a table through main (« Exporter ») and downloads the rapport d’activité', async () => {
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:x');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const backend = statisticsBackend();
    renderApp(backend.transport, { path: '/statistiques' });
    await screen.findByRole('table', { name: 'File active au 31/12/2025' });
    await userEvent.click(screen.getByRole('button', { name: 'Exporter « File active au 31/12/2025 »' }));
    await userEvent.click(await screen.findByRole('menuitem', { name: /CSV/ }));
    expect(await screen.findByText(/4 lignes exportées/)).toBeInTheDocument();
    expect(backend.inputsOf('exports.list')).toEqual([{ list: 'statistiques', params: { figure: 'file_active', filter: {} }, format: 'csv' }]);
    await userEvent.click(screen.getByRole('button', { name: 'Rapport d’activité (PDF)' }));
    expect(await screen.findByText(/Rapport d’activité téléchargé/)).toBeInTheDocument();
    expect(backend.inputsOf('statistics.report')).toEqual([{ filter: {} }]);
  });
});
