import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { createFakeBackend } from '../../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../../test/renderer/renderApp';
import { toIsoDate } from '../../../kit/format';
import { addEde, emptyState, interviewHandlers, PERSON_ID } from '../../../../../test/renderer/fakeInterview';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const ITEMS = ['Logement', 'Santé', 'Contraintes familiales, garde d’enfants', 'Budget et situation financière'];
const ITEMS_2 = ['Vie sociale, isolement', 'Savoirs de base, compétences, formation', 'Projet professionnel et recherche d’emploi', 'Mobilité'];

const group = (number: number, label: string) => screen.getByRole('radiogroup', { name: `Item ${number} : ${label}` });
const live = () => screen.getByTestId('ede-live-score');

async function choose(user: UserEvent, number: number, label: string, palier: number) {
  await user.click(within(group(number, label)).getByRole('radio', { name: new RegExp(`^Palier ${palier}`) }));
}

async function setup() {
  const state = emptyState();
  const backend = createFakeBackend({ handlers: interviewHandlers(state) });
  renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/ede/nouvelle` });
  await screen.findByRole('radiogroup', { name: 'Item 1 : Logement' });
  return { state, backend };
}

describe('EDE wizard', () => {
  it('shows each item’s 6 paliers with description, points and colour, and refuses to go on without a palier', async () => {
    const user = userEvent.setup();
    const { backend } = await setup();
    const h1 = await screen.findByRole('heading', { level: 1, name: 'Nouvelle EDE de DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(h1).toHaveFocus();
    const radios = within(group(1, 'Logement')).getAllByRole('radio');
    expect(radios).toHaveLength(6);
    const palier5 = within(group(1, 'Logement')).getByRole('radio', { name: /^Palier 5/ });
    expect(palier5.closest('label')).toHaveTextContent('Hébergement d’urgence ou précaire');
    expect(palier5.closest('label')).toHaveTextContent('14 points · Bleu');
    expect(within(group(1, 'Logement')).getByRole('radio', { name: /^Palier 1/ }).closest('label')).toHaveTextContent('1 point · Sans couleur');
    expect(live()).toHaveTextContent('Total provisoire : 0 point (0 item renseigné sur 8)');

    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await waitFor(() => expect(group(1, 'Logement')).toHaveAttribute('aria-invalid', 'true'));
    expect(group(1, 'Logement')).toHaveAccessibleDescription('Item 1 « Logement » : choisissez un palier');
    expect(group(4, ITEMS[3]!)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('heading', { level: 2, name: /Étape 1 sur 3/ })).toBeInTheDocument();
    expect(backend.inputsOf('ede.create')).toEqual([]);
  });

  it('computes the total and the proposal live: 18 points → EP/EO, 17 → Pôle Emploi; saves what was chosen', async () => {
    const user = userEvent.setup();
    const { backend } = await setup();
    await screen.findByRole('heading', { level: 1, name: /Nouvelle EDE/ });
    // Paliers 3, 3, 3, 1 | 1, 1, 1, 2 → 4 + 4 + 4 + 1 + 1 + 1 + 1 + 2 = 18 points.
    for (const [i, label] of ITEMS.entries()) await choose(user, i + 1, label, i < 3 ? 3 : 1);
    expect(live()).toHaveTextContent('Total provisoire : 13 points (4 items renseignés sur 8)');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('heading', { level: 2, name: /Étape 2 sur 3 : items 5 à 8/ });
    for (const [i, label] of ITEMS_2.entries()) await choose(user, i + 5, label, i < 3 ? 1 : 2);
    expect(live()).toHaveTextContent(
      'Total : 18 points — Proposition : Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation',
    );
    expect(live()).toHaveTextContent('entre 18 et 35 inclus');
    expect(live()).toHaveAttribute('aria-live', 'polite');

    await choose(user, 8, 'Mobilité', 1);
    expect(live()).toHaveTextContent('Total : 17 points — Proposition : Orientation professionnelle France Travail (ex-Pôle Emploi)');
    expect(live()).toHaveTextContent('inférieur à 18');

    await user.type(screen.getByRole('textbox', { name: 'Commentaire sur l’item 8 (facultatif)' }), 'Permis en cours');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('heading', { level: 2, name: /Étape 3 sur 3 : synthèse/ });
    // The summary: the curve with its table, and the coloured items with their PAP themes.
    expect(screen.getByRole('img', { name: 'Courbe de l’EDE en cours de saisie' })).toBeInTheDocument();
    const flags = screen.getByRole('region', { name: 'Items en couleur et thèmes du plan d’action' });
    expect(flags).toHaveTextContent('Item 1 « Logement » : palier 3, vert');
    expect(flags).toHaveTextContent('A – Le logement');
    expect(flags).toHaveTextContent('Thèmes à travailler dans le contrat : A – Le logement, B – La santé, C – La parentalité.');

    await user.click(screen.getByRole('button', { name: 'Enregistrer l’EDE' }));
    await screen.findByRole('heading', { level: 1, name: /^EDE du \d{2}\/\d{2}\/\d{4} — DUPONT \(nom d’usage MARTIN\)/ });
    expect(backend.inputsOf('ede.create')).toEqual([
      {
        personId: PERSON_ID,
        date: toIsoDate(new Date()),
        gridVersion: 1,
        paliers: { logement: 3, sante: 3, famille: 3, budget: 1, vie_sociale: 1, competences: 1, projet_emploi: 1, mobilite: 1 },
        comments: { mobilite: 'Permis en cours' },
      },
    ]);
    const result = screen.getByRole('region', { name: 'Résultat' });
    expect(result).toHaveTextContent('Total17 points');
    expect(result).toHaveTextContent('PropositionOrientation professionnelle France Travail (ex-Pôle Emploi)');
  });

  it('moves between paliers with the arrow keys', async () => {
    const user = userEvent.setup();
    await setup();
    await screen.findByRole('heading', { level: 1, name: /Nouvelle EDE/ });
    await choose(user, 1, 'Logement', 2);
    const second = within(group(1, 'Logement')).getByRole('radio', { name: /^Palier 2/ });
    expect(second).toHaveFocus();
    await user.keyboard('{ArrowRight}');
    expect(within(group(1, 'Logement')).getByRole('radio', { name: /^Palier 3/ })).toBeChecked();
    expect(live()).toHaveTextContent('Total provisoire : 4 points (1 item renseigné sur 8)');
  });
});

describe('EDE evolution', () => {
  it('compares two assessments: deltas per item and in total', async () => {
    const state = emptyState();
    const base = { logement: 3, sante: 1, famille: 5, budget: 2, vie_sociale: 1, competences: 4, projet_emploi: 3, mobilite: 1 };
    const a = addEde(state, '2025-09-01', base);
    const b = addEde(state, '2026-03-01', { ...base, famille: 3, competences: 3 });
    const backend = createFakeBackend({ handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/ede/comparer?de=${a.id}&a=${b.id}` });
    await screen.findByRole('heading', { level: 1, name: 'Évolution de l’EDE de DUPONT (nom d’usage MARTIN) Marie Louise' });
    const table = await screen.findByRole('table', { name: 'Écarts par item entre les deux évaluations' });
    const row = (name: string) => within(table).getByRole('rowheader', { name }).closest('tr')!;
    expect(row('Contraintes familiales, garde d’enfants')).toHaveTextContent('53144−10Amélioration');
    expect(row('Savoirs de base, compétences, formation')).toHaveTextContent('4384−4Amélioration');
    expect(row('Logement')).toHaveTextContent('3344' + '0Stable');
    expect(row('Total')).toHaveTextContent(`${a.total}${b.total}−14Amélioration`);
    const svg = screen.getByRole('img', { name: 'Courbes de l’EDE du 01/09/2025 et de l’EDE du 01/03/2026' });
    expect(svg.querySelectorAll('g[data-series="0"] circle[data-item]')).toHaveLength(8);
    expect(svg.querySelectorAll('g[data-series="1"] rect[data-item]')).toHaveLength(8);
  });
});
