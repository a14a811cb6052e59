import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { quorum } from '../../../../shared/domain/rules/ep-sessions';
import { ApiError } from '../../../../shared/api/errors';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { ITEM, SECRETAIRE, baseSession } from './sessionFixtures';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('session page', () => {
  it('shows the state and the blocked next step with its reasons; once unblocked the button moves the session on', async () => {
    const user = userEvent.setup();
    let session = baseSession();
    const backend = createFakeBackend({
      user: SECRETAIRE,
      handlers: {
        'ep.sessions.get': () => session,
        'ep.queue': () => [
          {
            saisineId: 21,
            person: ITEM.person,
            origin: 'fiche_suspension',
            originLabel: ITEM.originLabel,
            theme: 'Suspension',
            date: '2026-11-20',
            avisDeadline: '2026-12-20',
            daysLeft: 3,
            flag: 'bientot',
            flagLabel: 'Avis à rendre sous 7 jours',
            documents: [],
            lastRemoval: null,
          },
        ],
        'ep.sessions.addSaisines': (input) => {
          expect(input.saisineIds).toEqual([21]);
          session = baseSession({ items: [ITEM], cases: 1, next: { state: 'dossiers_inscrits', label: 'Dossiers inscrits', blockers: [] } });
          return session;
        },
        'ep.sessions.advance': (input) => {
          if (input.to !== 'dossiers_inscrits') throw new ApiError('RULE', 'Étape inattendue');
          session = baseSession({ items: [ITEM], status: 'dossiers_inscrits', statusLabel: 'Dossiers inscrits', next: { state: 'convocations_envoyees', label: 'Convocations envoyées', blockers: [] } });
          return session;
        },
      },
    });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await screen.findByRole('heading', { level: 1, name: 'Séance du 03/12/2026' });
    expect(screen.getByTestId('session-state')).toHaveTextContent('État : Créée');
    expect(screen.getByRole('button', { name: 'Arrêter l’ordre du jour' })).toBeDisabled();
    expect(within(screen.getByRole('list', { name: 'Ce qui manque pour l’étape suivante' })).getByText('Inscrivez au moins un dossier à l’ordre du jour.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Inscrire des saisines' }));
    const dialog = await screen.findByRole('dialog', { name: 'Inscrire des saisines à l’ordre du jour' });
    // The deadline flag is told in words, not by colour only.
    expect(await within(dialog).findByText(/Avis à rendre sous 7 jours \(3 jours\)/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('checkbox', { name: /^Inscrire DUPONT Marie/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Inscrire la sélection' }));
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Inscrire des saisines à l’ordre du jour' })).not.toBeInTheDocument());
    expect(screen.getByRole('table', { name: 'Dossiers inscrits à l’ordre du jour' })).toHaveTextContent('DUPONT Marie');

    const advance = screen.getByRole('button', { name: 'Arrêter l’ordre du jour' });
    expect(advance).toBeEnabled();
    await user.click(advance);
    await waitFor(() => expect(screen.getByTestId('session-state')).toHaveTextContent('État : Dossiers inscrits'));
    expect(backend.inputsOf('ep.sessions.advance')).toEqual([{ sessionId: 7, to: 'dossiers_inscrits' }]);
    expect(screen.getByRole('button', { name: 'Marquer les convocations comme envoyées' })).toBeEnabled();
  });

  it('a correspondent reads the session: no step button, no agenda editing', async () => {
    const backend = createFakeBackend({
      user: { ...SECRETAIRE, id: 3, role: 'correspondant' },
      handlers: { 'ep.sessions.get': () => baseSession({ items: [ITEM], status: 'dossiers_inscrits', statusLabel: 'Dossiers inscrits', next: { state: 'convocations_envoyees', label: 'Convocations envoyées', blockers: [] } }) },
    });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    await screen.findByRole('heading', { level: 1, name: 'Séance du 03/12/2026' });
    await screen.findByTestId('session-state');
    expect(screen.queryByRole('button', { name: 'Marquer les convocations comme envoyées' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Inscrire des saisines' })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Dossier de séance (PDF)' })).toBeInTheDocument();
  });

  it('attendance: the quorum is recomputed as the members are ticked, and a missing presence is refused at the row', async () => {
    const user = userEvent.setup();
    const members = ['Jean Conseiller', 'Marie Solidarité', 'Claude Caf'].map((name, i) => ({
      memberId: i + 1,
      name,
      function: 'Membre',
      organisationLabel: 'CAF',
      isPresident: i === 0,
      status: null,
      replacedBy: null,
    }));
    const backend = createFakeBackend({
      user: SECRETAIRE,
      handlers: {
        'ep.sessions.get': () =>
          baseSession({ items: [ITEM], status: 'tenue', statusLabel: 'Tenue', attendance: members, quorum: quorum(3, []), next: { state: 'avis_rendus', label: 'Avis rendus', blockers: ['Relevez la présence de chaque membre de l’équipe.'] } }),
      },
    });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    const present = async (name: string, status: string) => user.click(within(await screen.findByRole('radiogroup', { name: `Présence de ${name}` })).getByRole('radio', { name: status }));
    await present('Jean Conseiller', 'Présent');
    expect(screen.getByText(/Quorum non atteint : 1 membre présent ou remplacé sur 3 ; il en faut au moins 2/)).toBeInTheDocument();
    await present('Claude Caf', 'Remplacé');
    expect(screen.getByRole('textbox', { name: 'Remplaçant de Claude Caf' })).toBeInTheDocument();
    expect(screen.getByText(/Quorum atteint : 2 membres présents ou remplacés/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enregistrer la présence' }));
    expect(await screen.findByText('Indiquez la présence de chaque membre.')).toBeInTheDocument();
    expect(screen.getByText('Choisissez la présence')).toBeInTheDocument();
    expect(backend.inputsOf('ep.sessions.recordAttendance')).toEqual([]);
  });

  it('records who signed the Président’s decision, by delegation (prefilled with the SLAI’s chief), and refuses it without a signatory', async () => {
    const user = userEvent.setup();
    const session = baseSession({
      items: [{ ...ITEM, avis: { date: '2026-12-01', sens: 'favorable', motivation: 'Contrat non signé.', proposedSanction: null, late: false, recordedBy: 'Sophie Leroy' } }],
      status: 'avis_rendus',
      statusLabel: 'Avis rendus',
      next: { state: 'decisions_enregistrees', label: 'Décisions enregistrées', blockers: ['1 dossier sans décision.'] },
    });
    const backend = createFakeBackend({ user: SECRETAIRE, handlers: { 'ep.sessions.get': () => session, 'ep.sessions.recordDecision': () => session } });
    renderApp(backend.transport, { path: '/equipes-pluridisciplinaires/seances/7' });
    const form = await screen.findByRole('form', { name: 'Décision du Président pour DUPONT Marie' });
    await user.click(within(form).getByRole('radio', { name: 'Favorable' }));
    expect(within(form).getByRole('textbox', { name: 'Fonction du signataire' })).toHaveValue('Chef du Service Local Allocation Insertion');
    expect(within(form).getByRole('textbox', { name: 'Délégation' })).toHaveValue('Par délégation, le Chef du Service Local Allocation Insertion');
    const name = within(form).getByRole('textbox', { name: 'Signataire (nom)' });
    await user.clear(name);
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));
    expect(await within(form).findByText(/Nom du signataire/)).toBeInTheDocument();
    expect(backend.inputsOf('ep.sessions.recordDecision')).toEqual([]);

    await user.type(name, 'Claire Delattre');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));
    await vi.waitFor(() => expect(backend.inputsOf('ep.sessions.recordDecision')).toHaveLength(1));
    expect(backend.inputsOf('ep.sessions.recordDecision')[0]).toMatchObject({
      sens: 'favorable',
      signatoryName: 'Claire Delattre',
      signatoryFunction: 'Chef du Service Local Allocation Insertion',
      signatoryDelegation: 'Par délégation, le Chef du Service Local Allocation Insertion',
    });
  });
});
