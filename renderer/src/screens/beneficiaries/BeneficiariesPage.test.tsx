import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SAMPLE_HIT, createFakeBackend, REFERENT } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const SECOND_HIT = { ...SAMPLE_HIT, personId: 11, nomPatronymique: 'Dupontel', nomUsage: undefined, prenoms: 'Jean', cafNumber: '7654321', peNumber: undefined, referent: null };

describe('beneficiary search', () => {
  it('searches as you type (debounced) and lists the hits', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: { 'dossiers.search': ({ query }) => (query.toLowerCase().startsWith('dupont') ? [SAMPLE_HIT, SECOND_HIT] : []) },
    });
    renderApp(backend.transport);
    const search = await screen.findByRole('searchbox', { name: 'Rechercher un bénéficiaire (nom, N° CAF, N° France Travail)' });
    await user.type(search, 'dupont');

    const table = await screen.findByRole('table', { name: 'Résultats de la recherche' });
    // Typed faster than the debounce: one call, with the whole text.
    expect(backend.inputsOf('dossiers.search')).toEqual([{ query: 'dupont', limit: 50 }]);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]!).getByRole('link', { name: 'DUPONT (nom d’usage MARTIN) Marie Louise' })).toHaveAttribute('href', '/beneficiaires/10');
    expect(rows[0]).toHaveTextContent('15/03/1985');
    expect(rows[0]).toHaveTextContent('1234567');
    expect(rows[1]).toHaveTextContent('Non désigné');
    expect(screen.getByRole('status')).toHaveTextContent('2 bénéficiaires trouvés.');
  });

  it('does not call the API before 2 characters, and says when nothing matches', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport);
    const search = await screen.findByRole('searchbox', { name: /Rechercher un bénéficiaire/ });
    await user.type(search, 'x');
    await new Promise((r) => setTimeout(r, 300));
    expect(backend.inputsOf('dossiers.search')).toEqual([]);
    await user.type(search, 'yz');
    expect(await screen.findByText('Aucun bénéficiaire ne correspond à « xyz ».')).toBeInTheDocument();
    expect(backend.inputsOf('dossiers.search')).toEqual([{ query: 'xyz', limit: 50 }]);
  });

  it('moves through the results with the arrow keys and opens a dossier with Enter', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ handlers: { 'dossiers.search': () => [SAMPLE_HIT, SECOND_HIT] } });
    renderApp(backend.transport);
    const search = await screen.findByRole('searchbox', { name: /Rechercher un bénéficiaire/ });
    await user.type(search, 'dup');
    await screen.findByRole('table', { name: 'Résultats de la recherche' });
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'DUPONT (nom d’usage MARTIN) Marie Louise' })).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('link', { name: 'DUPONTEL Jean' })).toHaveFocus();
    await user.keyboard('{ArrowUp}');
    expect(screen.getByRole('link', { name: 'DUPONT (nom d’usage MARTIN) Marie Louise' })).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' })).toBeInTheDocument();
    await waitFor(() => expect(backend.inputsOf('dossiers.get')).toEqual([{ personId: 10 }]));
  });

  it('offers "Nouveau dossier" to those who may create one', async () => {
    renderApp(createFakeBackend({ user: REFERENT }).transport);
    expect(await screen.findByRole('link', { name: 'Nouveau dossier' })).toHaveAttribute('href', '/beneficiaires/nouveau');
  });

  it('hides "Nouveau dossier" from an EP secretary', async () => {
    renderApp(createFakeBackend({ user: { ...REFERENT, role: 'secretaire_ep' } }).transport);
    await screen.findByRole('heading', { level: 1, name: 'Bénéficiaires' });
    expect(screen.queryByRole('link', { name: 'Nouveau dossier' })).not.toBeInTheDocument();
  });
});
