import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Commune, ImportBatch } from '../../../../shared/api/imports';
import { ApiError } from '../../../../shared/api/errors';
import { ADMIN, CORRESPONDANT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const batch = (id: number, fileName: string, extra: Partial<ImportBatch> = {}): ImportBatch => ({
  id,
  kind: 'caf_nouveaux',
  source: 'CAF du Pas-de-Calais',
  fileName,
  fileSha256: 'cd'.repeat(32),
  status: 'termine',
  counts: { lines: 3, nouveau: 2, mise_a_jour: 1, doublon_possible: 0, rejete: 0, inchange: 0 },
  user: CORRESPONDANT.displayName,
  createdAt: '2026-12-01T09:00:00.000Z',
  appliedAt: '2026-12-01T09:01:00.000Z',
  undoneAt: null,
  undoneBy: null,
  ...extra,
});

describe('Imports › history', () => {
  it('lists each batch with its counts and state; « Annuler l’import » asks first, then undoes, or shows the refusal', async () => {
    const user = userEvent.setup();
    let undoable = false;
    let batches = [batch(2, 'caf-decembre.csv'), batch(1, 'ft-radiations.csv', { kind: 'ft_radiations', status: 'annule', undoneAt: '2026-12-02T08:00:00.000Z', undoneBy: 'Alice Martin' })];
    const backend = createFakeBackend({
      user: CORRESPONDANT,
      handlers: {
        'imports.batches': () => batches,
        'imports.undo': (input) => {
          if (!undoable) throw new ApiError('RULE', 'Le dossier de MARTIN Jean a été modifié depuis l’import : l’import ne peut plus être annulé.');
          batches = batches.map((b) => (b.id === input.batchId ? { ...b, status: 'annule', undoneAt: '2026-12-03T10:00:00.000Z', undoneBy: CORRESPONDANT.displayName } : b));
          return batches.find((b) => b.id === input.batchId)!;
        },
      },
    });
    renderApp(backend.transport, { path: '/imports/historique' });
    const table = await screen.findByRole('table', { name: 'Imports de la MDS' });
    const december = within(table).getByRole('row', { name: /caf-decembre\.csv/ });
    expect(december).toHaveTextContent('Nouveaux bénéficiaires (liste CAF)');
    expect(december).toHaveTextContent('3 lignes : 2 nouveaux dossiers, 1 mise à jour');
    expect(december).toHaveTextContent('Importé');
    expect(december).toHaveTextContent(CORRESPONDANT.displayName);
    const radiations = within(table).getByRole('row', { name: /ft-radiations\.csv/ });
    expect(radiations).toHaveTextContent('Annulé le 02/12/2026');
    expect(within(radiations).queryByRole('button', { name: /Annuler l’import/ })).not.toBeInTheDocument();

    // Refused by main (a dossier changed since): the reason stays in the dialog, nothing changes.
    await user.click(within(december).getByRole('button', { name: 'Annuler l’import du fichier caf-decembre.csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Annuler l’import ?' });
    expect(dialog).toHaveTextContent('2 dossiers créés sont supprimés, 1 mise à jour est défaite');
    await user.click(within(dialog).getByRole('button', { name: 'Annuler l’import' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('a été modifié depuis l’import');

    // Cancelling the dialog sends nothing more; confirming undoes the batch.
    await user.click(within(dialog).getByRole('button', { name: 'Garder l’import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(backend.inputsOf('imports.undo')).toEqual([{ batchId: 2 }]);
    undoable = true;
    await user.click(within(december).getByRole('button', { name: 'Annuler l’import du fichier caf-decembre.csv' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Annuler l’import' }));
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Imports de la MDS' })).getByRole('row', { name: /caf-decembre\.csv/ })).toHaveTextContent('Annulé le 03/12/2026'));
    expect(backend.inputsOf('imports.undo')).toEqual([{ batchId: 2 }, { batchId: 2 }]);
  });
});

describe('Administration › Communes de la MDS', () => {
  it('lists the communes, adds many pasted at once (sent as a CSV) and says which lines were refused', async () => {
    const user = userEvent.setup();
    let communes: Commune[] = [{ id: 1, inseeCode: '62498', postalCode: '62300', name: 'Lens' }];
    const backend = createFakeBackend({
      user: ADMIN,
      handlers: {
        'communes.list': () => communes,
        'communes.import': () => {
          communes = [...communes, { id: 2, inseeCode: '62427', postalCode: '62110', name: 'Hénin-Beaumont' }];
          return { added: 1, updated: 0, rejected: [{ line: 2, reason: 'Le code INSEE compte 5 caractères' }] };
        },
        'communes.save': (input) => {
          const saved = { id: 3, inseeCode: input.inseeCode, postalCode: input.postalCode, name: input.name };
          communes = [...communes, saved];
          return saved;
        },
      },
    });
    renderApp(backend.transport, { path: '/administration/communes' });
    const table = await screen.findByRole('table', { name: 'Communes de la MDS' });
    expect(within(table).getByRole('row', { name: /Lens/ })).toHaveTextContent('62300');

    const pasted = '62427;62110;Hénin-Beaumont\n6242;62110;Faute';
    await user.click(screen.getByRole('textbox', { name: 'Communes à ajouter' }));
    await user.paste(pasted);
    await user.click(screen.getByRole('button', { name: 'Ajouter les communes' }));
    expect(await screen.findByText('1 commune ajoutée, 0 mise à jour, 1 ligne refusée.')).toBeInTheDocument();
    expect(screen.getByText('Ligne 2 : Le code INSEE compte 5 caractères')).toBeInTheDocument();
    const [sent] = backend.inputsOf('communes.import') as { contentBase64: string }[];
    expect(new TextDecoder().decode(Uint8Array.from(atob(sent!.contentBase64), (c) => c.charCodeAt(0)))).toBe(pasted);
    await waitFor(() => expect(within(screen.getByRole('table', { name: 'Communes de la MDS' })).getByRole('row', { name: /Hénin-Beaumont/ })).toBeInTheDocument());

    // One commune: a wrong INSEE code is refused before sending.
    await user.click(screen.getByRole('button', { name: 'Ajouter une commune' }));
    const dialog = await screen.findByRole('dialog', { name: 'Ajouter une commune' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Nom de la commune' }), 'Liévin');
    await user.type(within(dialog).getByRole('textbox', { name: 'Code postal' }), '62800');
    await user.type(within(dialog).getByRole('textbox', { name: 'Code INSEE' }), '6251');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la commune' }));
    expect(await within(dialog).findByText('Le code INSEE compte 5 caractères (2A/2B pour la Corse)')).toBeInTheDocument();
    expect(backend.inputsOf('communes.save')).toEqual([]);
    await user.type(within(dialog).getByRole('textbox', { name: 'Code INSEE' }), '0');
    await user.click(within(dialog).getByRole('button', { name: 'Ajouter la commune' }));
    await waitFor(() => expect(backend.inputsOf('communes.save')).toEqual([{ name: 'Liévin', postalCode: '62800', inseeCode: '62510' }]));
  });
});
