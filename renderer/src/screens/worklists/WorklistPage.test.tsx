import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { WorklistKind, WorklistRow } from '../../../../shared/api/desk';
import { CORRESPONDANT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { WORKLIST_SEARCH_LABEL } from './WorklistPage';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const row = (i: number, over: Partial<WorklistRow> = {}): WorklistRow => ({
  personId: 100 + i,
  personName: `NOM${String(i).padStart(2, '0')} Prénom`,
  cafNumber: String(7_000_000 + i),
  referent: i % 2 ? 'Romain Durand' : null,
  date: `2026-01-${String(1 + (i % 28)).padStart(2, '0')}`,
  days: 60 - (i % 28),
  detail: `Détail ${i}`,
  link: { to: 'dossier', personId: 100 + i, section: 'dsp' },
  ...over,
});

/** A fake main holding each list's rows: filters by name, sorts and pages as main does. */
function backendWith(lists: Partial<Record<WorklistKind, WorklistRow[]>>) {
  return createFakeBackend({
    user: CORRESPONDANT,
    handlers: {
      'worklists.list': (input) => {
        const all = (lists[input.list] ?? []).filter((r) => !input.query || r.personName.toLowerCase().includes(input.query.toLowerCase()));
        const key = (r: WorklistRow) => (input.sort === 'person' ? r.personName : input.sort === 'days' ? String(1000 - (r.days ?? 0)) : (r.date ?? ''));
        const sorted = [...all].sort((a, b) => key(a).localeCompare(key(b)) * (input.direction === 'desc' ? -1 : 1));
        return { total: all.length, rows: sorted.slice(input.offset, input.offset + input.limit) };
      },
    },
  });
}

const DUPONT = row(0, {
  personId: SAMPLE_DOSSIER.person.id,
  personName: 'DUPONT (nom d’usage MARTIN) Marie Louise',
  cafNumber: '1234567',
  referent: 'Romain Durand',
  date: '2025-12-01',
  days: 91,
  detail: 'Aucune DSP n’est saisie : elle se remplit au premier entretien.',
  link: { to: 'dossier', personId: SAMPLE_DOSSIER.person.id, section: 'dsp' },
});

describe('work lists', () => {
  it('the DSP menu lists the dossiers without DSP; the filter, then Down and Enter, open the dossier at its DSP', async () => {
    const user = userEvent.setup();
    const backend = backendWith({ dsp_manquante: [DUPONT, row(1), row(2)] });
    renderApp(backend.transport, { path: '/beneficiaires' });
    await user.click(await screen.findByRole('link', { name: 'DSP' }));
    await screen.findByRole('heading', { level: 1, name: 'Dossiers sans DSP' });
    expect(await screen.findByRole('status')).toHaveTextContent('3 dossiers.');
    const grid = screen.getByRole('grid', { name: 'Dossiers sans DSP' });
    const dupont = await within(grid).findByRole('link', { name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(dupont).toHaveAttribute('href', '/beneficiaires/10?section=dsp');
    const first = dupont.closest('[role="row"]') as HTMLElement;
    expect(within(first).getByText('01/12/2025')).toBeInTheDocument();
    expect(within(first).getByText('91')).toBeInTheDocument();
    expect(within(first).getByText('Aucune DSP n’est saisie : elle se remplit au premier entretien.')).toBeInTheDocument();
    expect(backend.inputsOf('worklists.list')[0]).toEqual({ list: 'dsp_manquante', sort: 'date', direction: 'asc', offset: 0, limit: 50 });

    const search = screen.getByRole('searchbox', { name: WORKLIST_SEARCH_LABEL });
    await user.type(search, 'dupont');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('1 dossier.'));
    expect(backend.inputsOf('worklists.list')).toContainEqual({ list: 'dsp_manquante', query: 'dupont', sort: 'date', direction: 'asc', offset: 0, limit: 50 });
    await user.keyboard('{ArrowDown}');
    await waitFor(() => expect(within(grid).getByRole('link', { name: /DUPONT/ }).closest('[role="gridcell"]')).toContainElement(document.activeElement as HTMLElement));
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: /DUPONT/ })).toBeInTheDocument();
  });

  it('pages and sorts in main, and the Orientation menu switches between its two lists', async () => {
    const user = userEvent.setup();
    const many = Array.from({ length: 60 }, (_, i) => row(i + 1, { link: { to: 'dossier', personId: 101 + i, section: 'orientation' } }));
    const backend = backendWith({ orientation_a_proposer: many, orientation_a_decider: [row(70, { detail: 'Préconisation de l’équipe d’orientation' })] });
    renderApp(backend.transport, { path: '/orientation' });
    await screen.findByRole('heading', { level: 1, name: 'Orientation à proposer' });
    expect(await screen.findByRole('status')).toHaveTextContent('60 dossiers.');
    const grid = screen.getByRole('grid', { name: 'Orientation à proposer' });
    await within(grid).findByRole('link', { name: 'NOM01 Prénom' });
    // The next page: asked to main.
    await user.click(screen.getByRole('button', { name: 'Aller à la page suivante' }));
    await waitFor(() => expect(backend.inputsOf('worklists.list')).toContainEqual(expect.objectContaining({ list: 'orientation_a_proposer', offset: 50, limit: 50 })));
    // Sorting by name: asked to main, back to the first page.
    await user.click(within(grid).getByRole('columnheader', { name: /Bénéficiaire/ }));
    await waitFor(() =>
      expect(backend.inputsOf('worklists.list').at(-1)).toEqual({ list: 'orientation_a_proposer', sort: 'person', direction: 'asc', offset: 0, limit: 50 }),
    );
    const nav = screen.getByRole('navigation', { name: 'Listes de travail de ce menu' });
    expect(within(nav).getByRole('link', { name: 'Orientation à proposer' })).toHaveAttribute('aria-current', 'page');
    await user.click(within(nav).getByRole('link', { name: 'Orientation proposée, à décider' }));
    await screen.findByRole('heading', { level: 1, name: 'Orientation proposée, à décider' });
    expect(await screen.findByText('Préconisation de l’équipe d’orientation')).toBeInTheDocument();
    expect(backend.inputsOf('worklists.list').at(-1)).toEqual({ list: 'orientation_a_decider', sort: 'date', direction: 'asc', offset: 0, limit: 50 });
  });

  it('opens any list by its name, the validations received newest first; a click on a row opens the dossier', async () => {
    const user = userEvent.setup();
    const backend = backendWith({ validations_recues: [DUPONT] });
    renderApp(backend.transport, { path: '/listes/validations_recues' });
    await screen.findByRole('heading', { level: 1, name: 'Validations du Président reçues' });
    expect(await screen.findByRole('status')).toHaveTextContent('1 décision.');
    expect(backend.inputsOf('worklists.list')[0]).toEqual({ list: 'validations_recues', sort: 'date', direction: 'desc', offset: 0, limit: 50 });
    await user.click(await screen.findByText('Aucune DSP n’est saisie : elle se remplit au premier entretien.'));
    expect(await screen.findByRole('heading', { level: 1, name: /DUPONT/ })).toBeInTheDocument();
  });

  it('says when a list is empty, and when no list has that name', async () => {
    const backend = backendWith({});
    renderApp(backend.transport, { path: '/ede' });
    await screen.findByRole('heading', { level: 1, name: 'EDE manquante ou antérieure au contrat à préparer' });
    expect(await screen.findByText('Aucune EDE n’est à faire.')).toBeInTheDocument();
    cleanup();
    renderApp(backend.transport, { path: '/listes/inconnue' });
    expect(await screen.findByText('Cette liste de travail n’existe pas.')).toBeInTheDocument();
  });
});
