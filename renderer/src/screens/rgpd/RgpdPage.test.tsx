import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { PurgeCandidate } from '../../../../shared/api/rgpd';
import { ApiError } from '../../../../shared/api/errors';
import { CORRESPONDANT, createFakeBackend, type FakeHandlers } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { ERASED, KEPT } from './PurgeCandidates';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const PATH = '/administration/donnees-personnelles';
const BLOCKER = 'Une saisine de l’équipe pluridisciplinaire attend la décision du Président : la procédure est en cours, le dossier ne s’anonymise pas.';

const candidate = (personId: number, name: string, extra: Partial<PurgeCandidate> = {}): PurgeCandidate => ({
  personId,
  name,
  cafNumber: `CAF${personId}`,
  lastActivity: '2020-05-04',
  lastActivityWhat: 'fin d’un contrat',
  rsaEnd: null,
  dueSince: '2025-05-04',
  reason: `Aucune activité depuis le 04/05/2020 (fin d’un contrat). 2 ans de base active et 3 ans d’archivage intermédiaire écoulés le 04/05/2025.`,
  blocker: null,
  ...extra,
});
const ANNE = candidate(21, 'ARNAUD Anne');
const BRUNO = candidate(22, 'BERNARD Bruno', { rsaEnd: '2019-11-01', dueSince: '2024-11-01' });
const CLAIRE = candidate(23, 'COLIN Claire', { blocker: BLOCKER });
const DENIS = candidate(24, 'DUMAS Denis');

const RETENTION = {
  version: 1,
  validFrom: '2026-01-01',
  rules: [
    {
      label: 'Dossier d’un bénéficiaire',
      duration: '2 ans de base active puis 3 ans d’archivage intermédiaire',
      action: 'Anonymisation',
      basis: ['RGPD, art. 5.1.e (limitation de la conservation).', 'CNIL, délibération n° 2023-095.'],
    },
    { label: 'Brouillons de formulaires', duration: '30 jours au plus, 50 par compte au plus', action: 'Suppression', basis: ['RGPD, art. 5.1.c (minimisation).'] },
  ],
};

/** A fake main whose candidates lose the dossiers purged. */
function rgpdBackend(initial: PurgeCandidate[], extra: FakeHandlers = {}) {
  let candidates = initial;
  return createFakeBackend({
    handlers: {
      'rgpd.retention': () => RETENTION,
      'rgpd.purgeCandidates': () => ({ today: '2026-03-10', candidates, inIntermediateArchive: 3 }),
      'rgpd.purge': (input) => {
        candidates = candidates.filter((c) => !input.personIds.includes(c.personId));
        return { purged: input.personIds.length, foyers: input.personIds.length, auditLines: 7 };
      },
      ...extra,
    },
  });
}

describe('Administration › Protection des données', () => {
  it('shows each retention duration with its legal basis', async () => {
    const backend = rgpdBackend([]);
    renderApp(backend.transport, { path: PATH });
    const rules = await screen.findByRole('table', { name: 'Durées de conservation et leur fondement' });
    expect(screen.getByRole('heading', { level: 1, name: 'Protection des données' })).toHaveFocus();
    const dossierRow = within(rules).getByRole('row', { name: /Dossier d’un bénéficiaire/ });
    expect(dossierRow).toHaveTextContent('2 ans de base active puis 3 ans d’archivage intermédiaire');
    expect(within(dossierRow).getAllByRole('listitem').map((li) => li.textContent)).toEqual(RETENTION.rules[0]!.basis);
    expect(within(rules).getByRole('row', { name: /Brouillons de formulaires/ })).toHaveTextContent('RGPD, art. 5.1.c (minimisation).');
    expect(screen.getByText(/Référentiel version 1, en vigueur depuis le 01\/01\/2026/)).toBeInTheDocument();
  });

  it('says clearly when no dossier is due', async () => {
    const backend = rgpdBackend([]);
    renderApp(backend.transport, { path: PATH });
    expect(await screen.findByText('Aucun dossier n’est à anonymiser au 10/03/2026.')).toBeInTheDocument();
    expect(screen.getByText(/3 dossiers sont en archivage intermédiaire/)).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Dossiers à anonymiser' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Anonymiser la sélection/ })).not.toBeInTheDocument();
  });

  it('lists the candidates with reason and dates; a blocked one says why and cannot be selected', async () => {
    const backend = rgpdBackend([ANNE, BRUNO, CLAIRE]);
    renderApp(backend.transport, { path: PATH });
    const table = await screen.findByRole('table', { name: 'Dossiers à anonymiser' });
    expect(screen.getByText('Au 10/03/2026 : 3 dossiers à anonymiser, dont 1 bloqué.')).toBeInTheDocument();
    const anne = within(table).getByRole('row', { name: /ARNAUD Anne/ });
    expect(anne).toHaveTextContent('CAF21');
    expect(anne).toHaveTextContent('04/05/2020 (fin d’un contrat)');
    expect(anne).toHaveTextContent('Non connue');
    expect(anne).toHaveTextContent('04/05/2025');
    expect(anne).toHaveTextContent(ANNE.reason);
    expect(within(anne).getByRole('link', { name: 'ARNAUD Anne' })).toHaveAttribute('href', '/beneficiaires/21');
    expect(within(table).getByRole('row', { name: /BERNARD Bruno/ })).toHaveTextContent('Radiation au 01/11/2019');

    const blocked = within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de COLIN Claire' });
    expect(blocked).toBeDisabled();
    expect(blocked).toHaveAccessibleDescription(`Bloqué : ${BLOCKER}`);
    expect(within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de ARNAUD Anne' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Anonymiser la sélection' })).toBeDisabled();

    // « Tout sélectionner » takes the selectable ones only.
    const user = userEvent.setup();
    await user.click(within(table).getByRole('checkbox', { name: 'Sélectionner tous les dossiers qui peuvent être anonymisés' }));
    expect(within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de ARNAUD Anne' })).toBeChecked();
    expect(within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de BERNARD Bruno' })).toBeChecked();
    expect(blocked).not.toBeChecked();
    expect(screen.getByRole('button', { name: 'Anonymiser la sélection (2)' })).toBeEnabled();
  });

  it('asks for confirmation (what is erased, what is kept, no undo), sends exactly the selection, then refreshes', async () => {
    const user = userEvent.setup();
    const backend = rgpdBackend([ANNE, BRUNO, CLAIRE, DENIS]);
    renderApp(backend.transport, { path: PATH });
    const table = await screen.findByRole('table', { name: 'Dossiers à anonymiser' });
    await user.click(within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de DUMAS Denis' }));
    await user.click(within(table).getByRole('checkbox', { name: 'Anonymiser le dossier de ARNAUD Anne' }));
    const button = screen.getByRole('button', { name: 'Anonymiser la sélection (2)' });

    // Cancel: nothing sent, the focus is back on the button.
    await user.click(button);
    let dialog = await screen.findByRole('dialog', { name: 'Anonymiser 2 dossiers ?' });
    await user.click(within(dialog).getByRole('button', { name: 'Annuler' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(button).toHaveFocus();
    expect(backend.inputsOf('rgpd.purge')).toEqual([]);

    await user.click(button);
    dialog = await screen.findByRole('dialog', { name: 'Anonymiser 2 dossiers ?' });
    expect(dialog).toHaveTextContent('Dossiers : ARNAUD Anne (N° CAF CAF21), DUMAS Denis (N° CAF CAF24).');
    for (const text of [...ERASED, ...KEPT]) expect(dialog).toHaveTextContent(text);
    expect(dialog).toHaveTextContent('L’anonymisation est définitive : elle ne peut pas être annulée.');
    expect(dialog).not.toHaveTextContent('BERNARD Bruno');
    // The safe choice has the focus.
    expect(within(dialog).getByRole('button', { name: 'Annuler' })).toHaveFocus();
    const reads = backend.inputsOf('rgpd.purgeCandidates').length;
    await user.click(within(dialog).getByRole('button', { name: 'Anonymiser définitivement' }));

    expect(await screen.findByText('2 dossiers anonymisés (2 foyers, 7 lignes du journal). L’anonymisation est inscrite au journal.')).toBeInTheDocument();
    expect(backend.inputsOf('rgpd.purge')).toEqual([{ personIds: [21, 24], confirm: true }]);
    // The dialog closes (while it does, the page under it is hidden from the accessibility tree).
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(await screen.findByRole('row', { name: /BERNARD Bruno/ })).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByRole('row', { name: /ARNAUD Anne/ })).not.toBeInTheDocument());
    expect(backend.inputsOf('rgpd.purgeCandidates').length).toBeGreaterThan(reads);
    expect(screen.queryByRole('row', { name: /DUMAS Denis/ })).not.toBeInTheDocument();
    expect(screen.getByRole('row', { name: /BERNARD Bruno/ })).toBeInTheDocument();
    expect(screen.getByText('Au 10/03/2026 : 2 dossiers à anonymiser, dont 1 bloqué.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Dossiers à anonymiser' })).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Anonymiser la sélection' })).toBeDisabled();
  });

  it('keeps the dialog open with main’s refusal, and sends nothing more', async () => {
    const user = userEvent.setup();
    const refusal = 'Le dossier de ARNAUD Anne n’est pas à anonymiser : rien n’a été anonymisé.';
    const backend = rgpdBackend([ANNE], {
      'rgpd.purge': () => {
        throw new ApiError('RULE', refusal);
      },
    });
    renderApp(backend.transport, { path: PATH });
    await user.click(await screen.findByRole('checkbox', { name: 'Anonymiser le dossier de ARNAUD Anne' }));
    await user.click(screen.getByRole('button', { name: 'Anonymiser la sélection (1)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Anonymiser 1 dossier ?' });
    await user.click(within(dialog).getByRole('button', { name: 'Anonymiser définitivement' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(refusal);
    expect(backend.inputsOf('rgpd.purge')).toEqual([{ personIds: [21], confirm: true }]);
    // The page behind the dialog is hidden from assistive technologies while it is open.
    expect(screen.getByRole('row', { name: /ARNAUD Anne/, hidden: true })).toBeInTheDocument();
  });

  it('is an administrator’s page', async () => {
    const backend = createFakeBackend({ user: CORRESPONDANT });
    renderApp(backend.transport, { path: PATH });
    await screen.findByRole('heading', { level: 1 });
    expect(screen.queryByRole('heading', { level: 1, name: 'Protection des données' })).not.toBeInTheDocument();
    expect(backend.inputsOf('rgpd.purgeCandidates')).toEqual([]);
  });
});
