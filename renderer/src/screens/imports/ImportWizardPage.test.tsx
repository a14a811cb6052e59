import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CAF_FIELDS, type ImportBatch, type ImportCounts, type ImportPreview, type ImportRow } from '../../../../shared/api/imports';
import { ApiError } from '../../../../shared/api/errors';
import { CORRESPONDANT, createFakeBackend, type FakeHandlers } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const HEADERS = ['NUMCAF', 'NOM', 'PRENOMS', 'DTNAI', 'SEXE', 'ADR', 'CP', 'VILLE', 'SITFAM', 'DATE_RSA'];
/** What main guessed from the headers: every column but « RSA depuis le ». */
const GUESSED: Record<string, string | null> = {
  ...Object.fromEntries(CAF_FIELDS.map((f) => [f.key, null])),
  numeroAllocataire: 'NUMCAF',
  nom: 'NOM',
  prenoms: 'PRENOMS',
  dateNaissance: 'DTNAI',
  sexe: 'SEXE',
  adresse: 'ADR',
  codePostal: 'CP',
  commune: 'VILLE',
  situationFamiliale: 'SITFAM',
};
const COUNTS: ImportCounts = { lines: 4, nouveau: 2, mise_a_jour: 0, doublon_possible: 1, rejete: 1, inchange: 0 };

const row = (id: number, verdict: ImportRow['verdict'], nom: string, reason: string | null = null): ImportRow => ({
  id,
  line: id + 1,
  verdict,
  reason,
  values: { numeroAllocataire: `123456${id}`, nom, prenoms: 'Jean', dateNaissance: '01/02/1980' },
  personId: null,
  foyerId: null,
  candidatePersonId: verdict === 'doublon_possible' ? 40 : null,
  resolution: null,
});
const ROWS = [
  row(1, 'nouveau', 'MARTIN'),
  row(2, 'doublon_possible', 'FÉRAUD-LÉCUYER', 'Même nom et même date de naissance que le dossier de Feraud Lecuyer Jean'),
  row(3, 'rejete', 'DURAND', 'Date de naissance invalide : 31/02/1980'),
  row(4, 'nouveau', 'PETIT'),
];

const preview = (mapping: Record<string, string | null>, batchId: number | null): ImportPreview => ({
  batchId,
  format: 'csv',
  encoding: 'windows-1252',
  delimiter: ';',
  headers: HEADERS,
  mapping,
  missingFields: batchId === null ? ['RSA depuis le'] : [],
  counts: batchId === null ? { lines: 4, nouveau: 0, mise_a_jour: 0, doublon_possible: 0, rejete: 0, inchange: 0 } : COUNTS,
  rows: batchId === null ? [] : ROWS,
  alreadyImported: null,
});

const BATCH: ImportBatch = {
  id: 7,
  kind: 'caf_nouveaux',
  source: 'CAF du Pas-de-Calais',
  fileName: 'caf.csv',
  fileSha256: 'ab'.repeat(32),
  status: 'termine',
  counts: COUNTS,
  user: CORRESPONDANT.displayName,
  createdAt: '2026-12-03T10:00:00.000Z',
  appliedAt: '2026-12-03T10:01:00.000Z',
  undoneAt: null,
  undoneBy: null,
};

function importBackend(extra: FakeHandlers = {}) {
  return createFakeBackend({
    user: CORRESPONDANT,
    handlers: {
      'imports.sources': () => [],
      'imports.preview': (input) => (input.mapping ? preview(input.mapping, 7) : preview(GUESSED, null)),
      'imports.rows': (input) => {
        const rows = ROWS.filter((r) => !input.verdict || r.verdict === input.verdict);
        return { total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit) };
      },
      ...extra,
    },
  });
}

/** Steps 1 to 4: kind, source, file, the missing column chosen; ends on the preview. */
async function goToPreview(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('radio', { name: 'Nouveaux bénéficiaires (liste CAF)' }));
  await user.type(screen.getByRole('combobox', { name: 'Source du fichier' }), 'CAF du Pas-de-Calais');
  await user.click(screen.getByRole('button', { name: 'Suivant' }));
  await screen.findByRole('heading', { level: 2, name: 'Étape 2 sur 5 : Fichier' });
  await user.upload(screen.getByLabelText('Fichier à importer'), new File(['NUMCAF;NOM\n1234567;MARTIN\n'], 'caf.csv', { type: 'text/csv' }));
  await user.click(screen.getByRole('button', { name: 'Suivant' }));
  await screen.findByRole('heading', { level: 2, name: 'Étape 3 sur 5 : Colonnes' });
}

describe('Imports › the guided import', () => {
  it('sends the file, proposes the columns, requires the missing one, and sends the mapping chosen', async () => {
    const user = userEvent.setup();
    const backend = importBackend();
    renderApp(backend.transport, { path: '/imports' });
    await goToPreview(user);

    // Main read the file and proposed the columns; the file went in base64, without a mapping.
    const [first] = backend.inputsOf('imports.preview') as { kind: string; source: string; fileName: string; contentBase64: string; mapping?: unknown }[];
    expect(first).toMatchObject({ kind: 'caf_nouveaux', source: 'CAF du Pas-de-Calais', fileName: 'caf.csv' });
    expect(atob(first!.contentBase64)).toBe('NUMCAF;NOM\n1234567;MARTIN\n');
    expect(first!.mapping).toBeUndefined();
    expect(screen.getByText('Fichier CSV, encodage Windows-1252, séparateur « ; », 10 colonnes.')).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'N° allocataire' })).toHaveValue('NUMCAF');
    const rsa = screen.getByRole('combobox', { name: 'RSA depuis le' });
    expect(rsa).toHaveValue('');
    expect(rsa).toBeRequired();
    expect(screen.getByRole('combobox', { name: 'Nom du conjoint' })).not.toBeRequired();

    // A required column not chosen: the step stays, and says which one.
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findAllByText('Choisissez la colonne de « RSA depuis le » (obligatoire)')).not.toHaveLength(0);
    expect(backend.inputsOf('imports.preview')).toHaveLength(1);

    await user.selectOptions(rsa, 'DATE_RSA');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('heading', { level: 2, name: 'Étape 4 sur 5 : Aperçu' });
    const second = backend.inputsOf('imports.preview')[1] as { mapping: Record<string, string | null> };
    expect(second.mapping).toEqual({ ...GUESSED, rsaDepuis: 'DATE_RSA' });
  });

  it('shows the counts and each line with its verdict and reason, filtered by verdict', async () => {
    const user = userEvent.setup();
    const backend = importBackend();
    renderApp(backend.transport, { path: '/imports' });
    await goToPreview(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'RSA depuis le' }), 'DATE_RSA');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    const table = await screen.findByRole('table', { name: 'Lignes du fichier et leur verdict' });
    expect(screen.getByText('4 lignes : 2 nouveaux dossiers, 0 mise à jour, 1 doublon possible, 1 ligne rejetée, 0 ligne inchangée.')).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(5);
    const duplicate = within(table).getByRole('row', { name: /FÉRAUD-LÉCUYER/ });
    expect(duplicate).toHaveTextContent('Doublon possible');
    expect(duplicate).toHaveTextContent('Même nom et même date de naissance');
    const rejected = within(table).getByRole('row', { name: /DURAND/ });
    expect(rejected).toHaveTextContent('Rejeté');
    expect(rejected).toHaveTextContent('Date de naissance invalide : 31/02/1980');
    expect(within(rejected).getByRole('rowheader')).toHaveTextContent('4');

    await user.selectOptions(screen.getByRole('combobox', { name: 'Afficher' }), 'rejete');
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Lignes du fichier et leur verdict' })).getAllByRole('row')).toHaveLength(2));
    expect(backend.inputsOf('imports.rows').at(-1)).toEqual({ batchId: 7, verdict: 'rejete', offset: 0, limit: 25 });
    expect(screen.getByText('Lignes 1 à 1 sur 1.')).toBeInTheDocument();
  });

  it('applies with a progress bar, then announces the result with the links to the duplicates and the desk', async () => {
    const user = userEvent.setup();
    let finish: (batch: ImportBatch) => void = () => undefined;
    const backend = importBackend({
      'imports.apply': () => new Promise<ImportBatch>((resolve) => (finish = resolve)),
      'imports.progress': () => ({ batchId: 7, state: 'en_cours', done: 2, total: 4, message: null }),
    });
    renderApp(backend.transport, { path: '/imports' });
    await goToPreview(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'RSA depuis le' }), 'DATE_RSA');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('table', { name: 'Lignes du fichier et leur verdict' });
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('heading', { level: 2, name: 'Étape 5 sur 5 : Import' });

    await user.click(screen.getByRole('button', { name: 'Importer les 4 lignes' }));
    const bar = await screen.findByRole('progressbar', { name: 'Import en cours…' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '50'));
    expect(bar).toHaveAttribute('aria-valuetext', '2 lignes traitées sur 4 (50 %)');
    expect(screen.getByText('2 lignes traitées sur 4 (50 %)')).toBeInTheDocument();
    expect(backend.inputsOf('imports.apply')).toEqual([{ batchId: 7 }]);
    expect(backend.inputsOf('imports.progress')[0]).toEqual({ batchId: 7 });

    finish(BATCH);
    const status = await screen.findByText('Import terminé : 2 dossiers créés, 0 mis à jour, 1 doublon possible à vérifier, 1 ligne rejetée.');
    expect(status.closest('[role="status"]')).not.toBeNull();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
    const next = screen.getByRole('list', { name: 'Après l’import' });
    expect(within(next).getByRole('link', { name: 'Doublons à vérifier' })).toHaveAttribute('href', '/doublons');
    expect(within(next).getByRole('link', { name: 'Mon activité' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('button', { name: 'Télécharger les lignes rejetées (CSV) du fichier caf.csv' })).toBeInTheDocument();
  });

  it('« Annuler » asks main to stop the batch, and says that nothing was changed', async () => {
    const user = userEvent.setup();
    let fail: (error: unknown) => void = () => undefined;
    const backend = importBackend({
      'imports.apply': () => new Promise<ImportBatch>((_resolve, reject) => (fail = reject)),
      'imports.progress': () => ({ batchId: 7, state: 'en_cours', done: 1, total: 4, message: null }),
      'imports.cancel': () => {
        fail(new ApiError('RULE', 'Import annulé à la demande.'));
        return { ok: true, running: true };
      },
    });
    renderApp(backend.transport, { path: '/imports' });
    await goToPreview(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'RSA depuis le' }), 'DATE_RSA');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await screen.findByRole('table', { name: 'Lignes du fichier et leur verdict' });
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await user.click(await screen.findByRole('button', { name: 'Importer les 4 lignes' }));
    await screen.findByRole('progressbar');

    await user.click(screen.getByRole('button', { name: 'Annuler' }));
    expect(await screen.findByText('Import annulé : aucun dossier n’a été créé ni modifié.')).toBeInTheDocument();
    expect(backend.inputsOf('imports.cancel')).toEqual([{ batchId: 7 }]);
    expect(screen.getByRole('button', { name: 'Relancer l’import' })).toBeInTheDocument();
  });

  it('keeps the choices as a draft, offered again after a reload (the file is chosen again)', async () => {
    const user = userEvent.setup();
    const backend = importBackend();
    const view = renderApp(backend.transport, { path: '/imports' });
    await user.click(await screen.findByRole('radio', { name: 'France Travail : radiations' }));
    await user.type(screen.getByRole('combobox', { name: 'Source du fichier' }), 'France Travail Lens');
    await waitFor(() => expect(backend.drafts.get('imports:assistant')?.data).toMatchObject({ kind: 'ft_radiations', source: 'France Travail Lens' }), {
      timeout: 5000,
    });
    view.unmount();

    renderApp(backend.transport, { path: '/imports' });
    await user.click(await screen.findByRole('button', { name: 'Reprendre' }));
    expect(screen.getByRole('radio', { name: 'France Travail : radiations' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Source du fichier' })).toHaveValue('France Travail Lens');
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    expect(await screen.findByText('Aucun fichier choisi')).toBeInTheDocument();
  });
});
