import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { emptyCounts, type DuplicateDossier, type ImportDuplicate, type MergePreview } from '../../../../shared/api/merge';
import { CORRESPONDANT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { MERGE_EFFECTS } from './MergePage';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const dossier = (personId: number, name: string, extra: Partial<DuplicateDossier> = {}): DuplicateDossier => ({
  personId,
  name,
  nomPatronymique: name.split(' ')[0]!,
  nomUsage: null,
  prenoms: 'Hélène',
  sexe: 'F',
  dateNaissance: '1988-11-03',
  cafNumber: `CAF${personId}`,
  peNumber: null,
  rsaDepuis: '2024-05-01',
  city: 'Arras',
  referentName: 'Rémi Référent',
  createdAt: '2026-01-05T09:00:00.000Z',
  counts: { ...emptyCounts(), dsp: 2, orientations: 1 },
  ...extra,
});
const A = dossier(11, 'FÉRAUD-LÉCUYER Hélène');
const B = dossier(12, 'FERAUD LECUYER Helene', { counts: emptyCounts() });
const LINE: ImportDuplicate = {
  rowId: 7,
  batchId: 3,
  line: 4,
  kindLabel: 'Nouveaux bénéficiaires (liste CAF)',
  fileName: 'caf-mars.csv',
  importedAt: '2026-03-01T10:00:00.000Z',
  reason: 'Même nom, prénom et date de naissance qu’un dossier existant.',
  lineIdentity: { nom: 'Feraud Lecuyer', prenoms: 'Helene', dateNaissance: '03/11/1988', cafNumber: '7654321', peNumber: null, commune: 'Arras' },
  candidate: A,
};

function backend(options: { refusals?: string[] } = {}) {
  let lines = [LINE];
  let pairs = [{ a: A, b: B }];
  return createFakeBackend({
    user: CORRESPONDANT,
    handlers: {
      'duplicates.list': () => ({ imports: lines, dossiers: pairs, truncated: false }),
      'duplicates.dismissPair': (input) => {
        pairs = [];
        return { ...input, message: 'Les dossiers n° 11 et n° 12 ne sont plus proposés comme doublons : ce ne sont pas les mêmes personnes.' };
      },
      'duplicates.resolve': (input) => {
        lines = lines.filter((l) => l.rowId !== input.rowId);
        return { rowId: input.rowId, resolution: input.resolution, personId: null, message: 'Ligne 4 : ce n’est pas la même personne que FÉRAUD-LÉCUYER Hélène (dossier n° 11).' };
      },
      'merge.preview': (input): MergePreview => {
        const kept = input.keptPersonId === A.personId ? A : B;
        const merged = kept === A ? B : A;
        return { kept, merged, moves: merged.counts, refusals: options.refusals ?? [] };
      },
      'merge.apply': (input) => ({ mergeId: 1, keptPersonId: input.keptPersonId, mergedPersonId: input.mergedPersonId, moved: { ...emptyCounts(), dsp: 2, orientations: 1 } }),
    },
  });
}

describe('Doublons à vérifier', () => {
  it('shows an import line and its candidate side by side, and sends the answer', async () => {
    const user = userEvent.setup();
    const b = backend();
    renderApp(b.transport, { path: '/doublons' });
    const line = await screen.findByRole('article', { name: 'Ligne 4 du fichier « caf-mars.csv »' });
    const table = within(line).getByRole('table', { name: 'Ligne 4 et dossier existant, côte à côte' });
    expect(within(table).getByRole('row', { name: /Nom et prénoms/ })).toHaveTextContent('Feraud Lecuyer HeleneFÉRAUD-LÉCUYER Hélène');
    expect(within(table).getByRole('row', { name: /Date de naissance/ })).toHaveTextContent('03/11/198803/11/1988');
    expect(within(table).getByRole('link', { name: 'Dossier existant n° 11' })).toHaveAttribute('href', '/beneficiaires/11');
    await user.click(within(line).getByRole('button', { name: 'Ce n’est pas la même personne' }));
    await waitFor(() => expect(b.inputsOf('duplicates.resolve')).toEqual([{ rowId: 7, resolution: 'refuse' }]));
    expect(await screen.findByText('Aucune ligne d’import n’attend de réponse.')).toBeInTheDocument();
  });

  it('lists the pairs of dossiers with their records and a link to merge them', async () => {
    renderApp(backend().transport, { path: '/doublons' });
    const pair = await screen.findByRole('article', { name: 'Dossiers n° 11 et n° 12' });
    expect(within(pair).getByRole('row', { name: /Enregistrements/ })).toHaveTextContent('Révisions de la DSP : 2 ; Orientations : 1Aucun');
    expect(within(pair).getByRole('link', { name: 'Fusionner…' })).toHaveAttribute('href', '/doublons/fusion/11/12');
  });

  it('answers « Ce ne sont pas les mêmes personnes » for a pair after a confirmation, by keyboard; Annuler sends nothing', async () => {
    const user = userEvent.setup();
    const b = backend();
    renderApp(b.transport, { path: '/doublons' });
    const pair = await screen.findByRole('article', { name: 'Dossiers n° 11 et n° 12' });
    const button = within(pair).getByRole('button', { name: 'Ce ne sont pas les mêmes personnes' });
    await user.click(button);
    let dialog = await screen.findByRole('dialog', { name: 'Ce ne sont pas les mêmes personnes ?' });
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(b.inputsOf('duplicates.dismissPair')).toEqual([]);

    button.focus();
    await user.keyboard('{Enter}');
    dialog = await screen.findByRole('dialog', { name: 'Ce ne sont pas les mêmes personnes ?' });
    expect(dialog).toHaveTextContent(
      'Les dossiers n° 11 (FÉRAUD-LÉCUYER Hélène) et n° 12 (FERAUD LECUYER Helene) ne seront plus proposés comme doublons l’un de l’autre.',
    );
    await user.tab();
    expect(within(dialog).getByRole('button', { name: 'Ce sont deux personnes différentes' })).toHaveFocus();
    await user.keyboard('{Enter}');
    await waitFor(() => expect(b.inputsOf('duplicates.dismissPair')).toEqual([{ personAId: 11, personBId: 12 }]));
    expect(await screen.findByText('Aucun dossier de la MDS n’a la même identité qu’un autre.')).toBeInTheDocument();
    expect(screen.getByText(/ne sont plus proposés comme doublons/)).toBeInTheDocument();
  });
});

describe('Fusionner deux dossiers', () => {
  it('lets the user choose the dossier to keep, shows what moves, and merges after confirmation', async () => {
    const user = userEvent.setup();
    const b = backend();
    renderApp(b.transport, { path: '/doublons/fusion/11/12' });
    expect(await screen.findByRole('radio', { name: 'Dossier n° 11 : FÉRAUD-LÉCUYER Hélène' }, { timeout: 5000 })).toBeChecked();
    expect(screen.getByRole('heading', { level: 1, name: 'Fusionner deux dossiers' })).toBeInTheDocument();
    expect(screen.getByText('Le dossier fusionné n’a aucun enregistrement.')).toBeInTheDocument();
    for (const effect of MERGE_EFFECTS) expect(screen.getByText(effect)).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: /Dossier n° 12/ }));
    const moves = await screen.findByRole('list', { name: 'Enregistrements rattachés au dossier conservé' });
    expect(within(moves).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Révisions de la DSP : 2', 'Orientations : 1']);

    await user.click(screen.getByRole('button', { name: 'Fusionner les deux dossiers' }));
    const dialog = await screen.findByRole('dialog', { name: 'Fusionner les deux dossiers ?' });
    expect(dialog).toHaveTextContent('Le dossier n° 11 (FÉRAUD-LÉCUYER Hélène) sera fusionné dans le dossier n° 12 (FERAUD LECUYER Helene).');
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Fusionner' }));
    await waitFor(() => expect(b.inputsOf('merge.apply')).toEqual([{ keptPersonId: 12, mergedPersonId: 11, confirm: true }]));
  });

  it('says why a merge is refused and cannot confirm it', async () => {
    const reason = 'Les deux dossiers ont chacun une orientation en cours.';
    renderApp(backend({ refusals: [reason] }).transport, { path: '/doublons/fusion/11/12' });
    expect(await screen.findByRole('alert')).toHaveTextContent(reason);
    expect(screen.getByRole('button', { name: 'Fusionner les deux dossiers' })).toBeDisabled();
  });
});
