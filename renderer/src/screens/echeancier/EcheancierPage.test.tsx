import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DueItem } from '../../../../shared/api/desk';
import { CORRESPONDANT, REFERENT, createFakeBackend, type FakeHandlers } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
  vi.restoreAllMocks();
});

const TODAY = '2026-12-03';

const ITEM: DueItem = {
  id: 1,
  personId: 10,
  personName: 'DUPONT Marie',
  referent: { id: REFERENT.id, displayName: REFERENT.displayName },
  kind: 'contrat_a_signer',
  severity: 'en_retard',
  date: '2026-11-28',
  title: 'CERS à signer avant le 28/11/2026',
  rule: 'Le contrat est signé dans les deux mois qui suivent la décision d’orientation.',
  section: 'contrats',
};

const items = (n: number): DueItem[] =>
  Array.from({ length: n }, (_, i) => ({ ...ITEM, id: i + 1, personId: 10 + i, personName: `PERSONNE ${i + 1}` }));

function handlers(more: FakeHandlers = {}): FakeHandlers {
  return {
    'echeancier.list': () => ({ total: 1, items: [ITEM], computedFor: TODAY }),
    'echeancier.calendar': () => [
      { date: '2026-12-03', enRetard: 2, urgent: 1, aVenir: 0, info: 0 },
      { date: '2026-12-10', enRetard: 0, urgent: 0, aVenir: 4, info: 1 },
    ],
    ...more,
  };
}

/** A correspondent's échéancier of 120 items, 50 a page. */
const pagedBackend = () =>
  createFakeBackend({
    user: CORRESPONDANT,
    handlers: handlers({ 'echeancier.list': (input) => ({ total: 120, items: items(3).map((i) => ({ ...i, id: i.id + input.offset })), computedFor: TODAY }) }),
  });

const lastInput = (backend: ReturnType<typeof createFakeBackend>, method: 'echeancier.list' | 'echeancier.calendar') => backend.inputsOf(method).at(-1);

describe('Échéancier', () => {
  it('reads its filter from the address and sends every change of it to main', async () => {
    const user = userEvent.setup();
    const backend = pagedBackend();
    renderApp(backend.transport, { path: '/echeancier?types=contrat_a_signer,rendez_vous&gravite=en_retard&referent=2&du=2026-12-01&au=2026-12-31' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Échéancier' })).toHaveFocus();
    await screen.findByText('120 échéances');
    expect(backend.inputsOf('echeancier.list')[0]).toEqual({
      filter: { kinds: ['contrat_a_signer', 'rendez_vous'], severities: ['en_retard'], referentId: 2, from: '2026-12-01', to: '2026-12-31' },
      sort: 'date',
      direction: 'asc',
      offset: 0,
      limit: 50,
    });
    const filters = screen.getByRole('search', { name: 'Filtrer les échéances' });
    expect(within(filters).getByRole('checkbox', { name: 'En retard' })).toBeChecked();
    expect(within(filters).getByRole('combobox', { name: 'Types d’échéance' })).toHaveTextContent('Contrat à signer, Rendez-vous');
    await waitFor(() => expect(within(filters).getByRole('combobox', { name: 'Référent' })).toHaveDisplayValue('Romain Durand'));

    await user.click(within(filters).getByRole('checkbox', { name: 'Urgent' }));
    await waitFor(() => expect((lastInput(backend, 'echeancier.list') as { filter: object }).filter).toMatchObject({ severities: ['en_retard', 'urgent'] }));
    await user.selectOptions(within(filters).getByRole('combobox', { name: 'Référent' }), 'Tous les référents');
    await waitFor(() => expect((lastInput(backend, 'echeancier.list') as { filter: object }).filter).not.toHaveProperty('referentId'));

  });

  it('changes kinds, pages and sorts through main, and clears its filters', async () => {
    const user = userEvent.setup();
    const backend = pagedBackend();
    renderApp(backend.transport, { path: '/echeancier?types=contrat_a_signer,rendez_vous&gravite=en_retard,urgent&du=2026-12-01&au=2026-12-31' });
    await screen.findByText('120 échéances');
    const filters = screen.getByRole('search', { name: 'Filtrer les échéances' });
    // One kind less: open the list of kinds, untick one.
    await user.click(within(filters).getByRole('combobox', { name: 'Types d’échéance' }));
    await user.click(await screen.findByRole('option', { name: 'Rendez-vous' }));
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(lastInput(backend, 'echeancier.list')).toEqual({
        filter: { kinds: ['contrat_a_signer'], severities: ['en_retard', 'urgent'], from: '2026-12-01', to: '2026-12-31' },
        sort: 'date',
        direction: 'asc',
        offset: 0,
        limit: 50,
      }),
    );

    // Paging and sorting are main's.
    await user.click(screen.getByRole('button', { name: /page suivante/i }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.list')).toMatchObject({ offset: 50, limit: 50 }));
    await user.click(screen.getByRole('button', { name: /Bénéficiaire/ }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.list')).toMatchObject({ sort: 'person', direction: 'asc', offset: 0 }));
    expect(screen.getByRole('columnheader', { name: /Bénéficiaire/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: /Bénéficiaire/ }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.list')).toMatchObject({ sort: 'person', direction: 'desc' }));

    await user.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.list')).toMatchObject({ filter: {} }));
    expect(within(filters).getByRole('checkbox', { name: 'En retard' })).not.toBeChecked();
  });

  it('shows each item with its severity, its rule behind a disclosure, and a link to the dossier at its section; no référent filter for a référent', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT, handlers: handlers() });
    renderApp(backend.transport, { path: '/echeancier' });
    const table = await screen.findByRole('table', { name: 'Échéances' });
    const row = (await within(table).findByRole('link', { name: 'DUPONT Marie' })).closest('tr')!;
    expect(within(row).getByRole('link', { name: 'DUPONT Marie' })).toHaveAttribute('href', '/beneficiaires/10?section=contrats');
    expect(row).toHaveTextContent('28/11/2026');
    expect(row).toHaveTextContent('En retard');
    expect(row).toHaveTextContent('CERS à signer avant le 28/11/2026');
    expect(row).toHaveTextContent('Contrat à signer');
    const rule = within(row).getByText('Le contrat est signé dans les deux mois qui suivent la décision d’orientation.');
    expect(rule).not.toBeVisible();
    // A native disclosure (<details>): Enter or Space on its summary opens it in the browser; jsdom knows the click.
    const summary = within(row).getByText('Règle');
    expect(summary.tagName).toBe('SUMMARY');
    await user.click(summary);
    await waitFor(() => expect(rule).toBeVisible());
    expect(screen.queryByRole('combobox', { name: 'Référent' })).not.toBeInTheDocument();
    expect(backend.inputsOf('users.staff')).toEqual([]);
    expect(backend.inputsOf('echeancier.list')[0]).toMatchObject({ filter: {} });
  });

  it('shows a month of counts by severity, Monday first; a day narrows the list to it; the week view too', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT, handlers: handlers() });
    renderApp(backend.transport, { path: '/echeancier?gravite=en_retard,urgent' });
    await screen.findByText('1 échéance');
    await user.click(screen.getByRole('button', { name: 'Mois' }));
    const calendar = await screen.findByRole('table', { name: 'Calendrier des échéances : décembre 2026' });
    await waitFor(() =>
      expect(lastInput(backend, 'echeancier.calendar')).toEqual({ filter: { severities: ['en_retard', 'urgent'] }, from: '2026-11-30', to: '2027-01-03' }),
    );
    expect(within(calendar).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.', 'dim.']);
    const third = await within(calendar).findByRole('button', { name: 'jeudi 3 décembre 2026 : 2 en retard, 1 urgente' });
    expect(third).toHaveTextContent('2 en retard');
    expect(third).toHaveTextContent('1 urgente');
    expect(third).toHaveAttribute('aria-current', 'date');
    expect(within(calendar).getByRole('button', { name: 'jeudi 10 décembre 2026 : 4 à venir, 1 pour information' })).toBeInTheDocument();
    expect(within(calendar).getByRole('button', { name: 'vendredi 4 décembre 2026 : aucune échéance' })).toBeInTheDocument();

    await user.click(third);
    await waitFor(() =>
      expect(lastInput(backend, 'echeancier.list')).toMatchObject({ filter: { severities: ['en_retard', 'urgent'], from: '2026-12-03', to: '2026-12-03' } }),
    );
    expect(third).toHaveAttribute('aria-pressed', 'true');
    // The calendar keeps its month: the day picked does not narrow it.
    expect(lastInput(backend, 'echeancier.calendar')).toMatchObject({ filter: { severities: ['en_retard', 'urgent'] }, from: '2026-11-30' });
    // Arrow keys move between the days (one Tab stop).
    third.focus();
    await user.keyboard('{ArrowDown}');
    expect(within(calendar).getByRole('button', { name: /^jeudi 10 décembre 2026/ })).toHaveFocus();

    await user.click(screen.getByRole('button', { name: 'Mois suivant' }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.calendar')).toMatchObject({ from: '2026-12-28', to: '2027-01-31' }));
    await user.click(screen.getByRole('button', { name: 'Semaine' }));
    await user.click(screen.getByRole('button', { name: 'Aujourd’hui' }));
    await waitFor(() => expect(lastInput(backend, 'echeancier.calendar')).toMatchObject({ from: '2026-11-30', to: '2026-12-06' }));
    expect(screen.getByRole('table', { name: 'Calendrier des échéances : semaine du 30 novembre au 6 décembre 2026' })).toBeInTheDocument();
  });

  it('exports the filtered list: main’s CSV text, saved as a UTF-8 CSV file under its name', async () => {
    const user = userEvent.setup();
    const csv = '\uFEFFDate;Échéance;Gravité;Bénéficiaire;Référent;Détail;Règle\r\n28/11/2026;Contrat à signer;En retard;DUPONT Marie;Romain Durand;CERS;Art. 1\r\n';
    const backend = createFakeBackend({
      user: CORRESPONDANT,
      handlers: handlers({ 'echeancier.export': () => ({ fileName: 'echeancier-2026-12-03.csv', csv, rows: 1 }) }),
    });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:echeancier';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const downloads: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      downloads.push(this.download);
    });
    renderApp(backend.transport, { path: '/echeancier?gravite=en_retard&personne=10' });
    await screen.findByText('1 échéance');
    await user.click(screen.getByRole('button', { name: 'Exporter (CSV)' }));
    await waitFor(() => expect(downloads).toEqual(['echeancier-2026-12-03.csv']));
    expect(backend.inputsOf('echeancier.export')).toEqual([{ filter: { severities: ['en_retard'], personId: 10 } }]);
    expect(blobs).toHaveLength(1);
    expect(blobs[0]!.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(csv);
    expect(await screen.findByText('1 ligne exportée dans echeancier-2026-12-03.csv.')).toBeInTheDocument();
  });
});
