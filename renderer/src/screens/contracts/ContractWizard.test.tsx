import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import type { ContractPrefill, ContractView } from '../../../../shared/api/contracts';
import type { MethodParsedInput } from '../../../../shared/api/contract';
import { ApiError } from '../../../../shared/api/errors';
import { contractEndDate } from '../../../../shared/domain/rules/dates';
import { REFERENT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

vi.setConfig({ testTimeout: 90_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const PERSON = SAMPLE_DOSSIER.person.id;
const ETAT_CIVIL: ContractPrefill['etatCivil'] = {
  nomPatronymique: 'Dupont',
  nomUsage: 'Martin',
  prenoms: 'Marie Louise',
  sexe: 'F',
  dateNaissance: '1985-03-15',
  address: { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens' },
  cafNumber: '1234567',
  situationFamiliale: 'celibataire',
  niveauFormation: 'IV',
};

function prefill(type: 'CERS' | 'CERP'): ContractPrefill {
  return {
    personId: PERSON,
    etatCivil: ETAT_CIVIL,
    referentIdentity: { id: REFERENT.id, displayName: REFERENT.displayName, structure: REFERENT.structure },
    orientation: {
      id: 4,
      date: '2026-01-05',
      orientation: type === 'CERS' ? 'solidarite' : 'professionnelle_autre',
      sphere: type === 'CERS' ? 'solidarite' : 'professionnelle',
      contractKind: type,
      deadline: '2026-03-05',
      deadlineRule: 'Le contrat est à signer dans les deux mois.',
    },
    type,
    allowedDurations: type === 'CERS' ? [6] : [3, 6, 9, 12],
    defaultStart: '2026-01-05',
    latestEde: { id: 7, date: '2026-01-02', themes: ['A', 'B'] },
    suggestedThemes: [
      { code: 'A', label: 'Le logement' },
      { code: 'B', label: 'La santé' },
    ],
    cerp:
      type === 'CERP'
        ? {
            situationProfessionnelle: { rqth: false, niveauFormation: 'IV', permisConduire: false },
            situationEmploi: { inscriptions: { poleEmploi: true, plie: false, maisonEmploi: false, ett: false }, experiences: [] },
          }
        : null,
    blockers: [],
  };
}

/** The view main would answer for a created contract. */
function viewOf(input: MethodParsedInput<'contracts.create'>, id = 31): ContractView {
  const end = contractEndDate(input.start, input.durationMonths);
  return {
    id,
    personId: input.personId,
    type: input.type,
    status: 'brouillon',
    statusLabel: 'Brouillon',
    orientation: { id: 4, date: '2026-01-05', orientation: input.type === 'CERS' ? 'solidarite' : 'professionnelle_autre' },
    start: input.start,
    durationMonths: input.durationMonths,
    end,
    renewalOfId: null,
    renewedById: null,
    etatCivil: ETAT_CIVIL,
    referentIdentity: { id: REFERENT.id, displayName: REFERENT.displayName, structure: REFERENT.structure },
    objectifs: input.objectifs,
    resultatsAttendus: input.resultatsAttendus,
    emploisRecherches: input.emploisRecherches,
    referent: input.referent,
    remarquesBeneficiaire: input.remarquesBeneficiaire,
    cerp: null,
    pap: {
      id: 1,
      version: 1,
      origin: 'initial',
      date: null,
      motif: null,
      ficheId: null,
      actionsReferentialVersion: 1,
      createdAt: '2026-01-05T10:00:00.000Z',
      actions: input.pap.actions.map((r) => ({
        ...r,
        actionLabel: r.actionCode,
        resultat: r.resultat ?? null,
        bilan: r.bilan ?? null,
      })),
      flags: [],
    },
    papVersions: [{ version: 1, origin: 'initial', date: null, motif: null, ficheId: null, actionsReferentialVersion: 1, createdAt: '2026-01-05T10:00:00.000Z' }],
    suiviEmploi: [],
    signatures: { referent: null, beneficiaire: null },
    signedOn: null,
    edeWaiver: null,
    edeBeforeSignature: null,
    transmittedOn: null,
    decision: null,
    startedOn: null,
    endedOn: null,
    closureMotif: null,
    bilanGeneral: null,
    epSaisineId: null,
    referentials: { actions: 1, rome: 1, diplomas: 1 },
    readOnly: false,
    allowedActions: ['modifier', 'supprimer', 'signer'],
    version: 0,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
  };
}

function backendFor(type: 'CERS' | 'CERP') {
  const backend = createFakeBackend({ user: REFERENT });
  let created: ContractView | undefined;
  backend.handle({
    'contracts.prefill': () => prefill(type),
    'contracts.create': (input) => (created = viewOf(input)),
    'contracts.get': () => {
      if (!created) throw new ApiError('NOT_FOUND', 'Ce contrat est introuvable.');
      return created;
    },
    'contracts.outcomes': () => ({ end: created?.end ?? '', solidarityMonths: 0, outcomes: [] }),
  });
  return backend;
}

const heading = () => screen.getByRole('heading', { level: 2, name: /^Étape/ });
const textbox = (name: string) => screen.getByRole('textbox', { name });
const next = (user: UserEvent) => user.click(screen.getByRole('button', { name: 'Suivant' }));
const row = (n: number) => screen.getByRole('region', { name: new RegExp(`^Action ${n}\\b`) });

async function fillRow(user: UserEvent, n: number, action: string) {
  await user.selectOptions(within(row(n)).getByRole('combobox', { name: 'Action' }), action);
  await user.type(within(row(n)).getByRole('textbox', { name: 'Engagement du référent' }), 'Accompagner');
  await user.type(within(row(n)).getByRole('textbox', { name: 'Engagement du bénéficiaire' }), 'Participer');
}

describe('CERS wizard', () => {
  it('checks each step before the next, blocks the PAP at the row, then creates the contract', async () => {
    const user = userEvent.setup();
    const backend = backendFor('CERS');
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/contrats/nouveau` });

    expect(await screen.findByRole('heading', { level: 1, name: 'Nouveau CERS pour DUPONT (nom d’usage MARTIN) Marie Louise' })).toHaveFocus();
    expect(heading()).toHaveTextContent('Étape 1 sur 5 : Bénéficiaire et durée');
    expect(screen.getByRole('region', { name: 'État civil' })).toHaveTextContent('1234567');
    expect(screen.getByRole('link', { name: 'Modifier le dossier' })).toHaveAttribute('href', `/beneficiaires/${PERSON}/modifier`);
    expect(screen.getByTestId('contract-end')).toHaveTextContent('Fin du contrat : 04/07/2026');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 2 sur 5 : Objectifs'));
    expect(heading()).toHaveFocus();
    await next(user);
    const objectifs = textbox('Objectif(s) de l’accompagnement solidarité');
    await waitFor(() => expect(objectifs).toHaveAccessibleDescription('Objectifs de l’accompagnement : ce champ est obligatoire'));
    expect(objectifs).toHaveFocus();
    expect(heading()).toHaveTextContent('Étape 2 sur 5');
    await user.type(objectifs, 'Accéder à un logement');
    await user.type(textbox('Résultats escomptés'), 'Un bail signé');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 3 sur 5 : Plan d’accompagnement'));
    await next(user);
    expect(await screen.findByText('Le plan d’accompagnement compte au moins une action.')).toBeInTheDocument();
    expect(heading()).toHaveTextContent('Étape 3 sur 5');

    // Suggested by the latest EDE: a row of theme A, then an action that cannot stand alone.
    await user.click(screen.getByRole('button', { name: 'Ajouter une action du thème A — Le logement' }));
    await fillRow(user, 1, 'A.2');
    await next(user);
    const action1 = within(row(1)).getByRole('combobox', { name: 'Action' });
    await waitFor(() => expect(action1).toHaveFocus());
    expect(action1).toHaveAccessibleDescription('Ligne 1 : cette action ne peut être la seule action du plan d’accompagnement.');
    expect(heading()).toHaveTextContent('Étape 3 sur 5');

    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    await user.selectOptions(within(row(2)).getByRole('combobox', { name: 'Thème' }), 'A');
    await fillRow(user, 2, 'A.1.1');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 4 sur 5 : Référent et bénéficiaire'));
    expect(screen.getByRole('region', { name: 'Partie réservée au référent' })).toHaveTextContent(REFERENT.displayName);
    await user.type(textbox('Lieu du suivi'), 'MDS de Lens');
    await user.click(screen.getByRole('button', { name: 'Ajouter un rendez-vous' }));
    const [day] = within(screen.getByRole('group', { name: 'Rendez-vous 1' })).getAllByRole('spinbutton');
    await user.click(day!);
    await user.keyboard('01022026');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 5 sur 5 : Récapitulatif'));
    expect(backend.inputsOf('contracts.create')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Créer le contrat (brouillon)' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'CERS de DUPONT (nom d’usage MARTIN) Marie Louise' })).toBeInTheDocument();
    const [sent] = backend.inputsOf('contracts.create') as MethodParsedInput<'contracts.create'>[];
    expect(sent).toMatchObject({
      personId: PERSON,
      type: 'CERS',
      start: '2026-01-05',
      durationMonths: 6,
      objectifs: 'Accéder à un logement',
      cerp: null,
      suiviEmploi: [],
      referent: { lieuSuivi: 'MDS de Lens', prochainsRendezVous: ['2026-02-01'] },
    });
    expect(sent!.pap.actions.map((a) => [a.theme, a.actionCode, a.start, a.end])).toEqual([
      ['A', 'A.2', '2026-01-05', '2026-07-04'],
      ['A', 'A.1.1', '2026-01-05', '2026-07-04'],
    ]);
    expect(screen.getByRole('list', { name: 'État du contrat' })).toHaveTextContent('État : Brouillon');
    // The draft is dropped once the contract exists.
    expect(backend.drafts.has(`contrats:${PERSON}:nouveau`)).toBe(false);
  });

  it('puts the API’s row errors on the row and goes back to its step', async () => {
    const user = userEvent.setup();
    const backend = backendFor('CERS');
    backend.handle({
      'contracts.create': () => {
        throw new ApiError('RULE', 'Ligne 1 : l’échéance (05/08/2026) dépasse la fin du contrat (04/07/2026).', {
          'pap.actions.0.end': 'Ligne 1 : l’échéance (05/08/2026) dépasse la fin du contrat (04/07/2026).',
        });
      },
    });
    backend.drafts.set(`contrats:${PERSON}:nouveau`, {
      updatedAt: '2026-01-05T10:00:00.000Z',
      data: {
        type: 'CERS',
        start: '2026-01-05',
        durationMonths: 6,
        objectifs: 'Se soigner',
        resultatsAttendus: 'Un suivi',
        emploisRecherches: '',
        pap: {
          actions: [
            {
              theme: 'B',
              actionCode: 'B.2',
              services: [],
              start: '2026-01-05',
              end: '2026-07-04',
              engagementReferent: 'Orienter',
              engagementBeneficiaire: 'Consulter',
              resultat: null,
              bilan: '',
              origin: 'saisie',
              carriedOver: false,
              derogationObtained: false,
            },
          ],
        },
        referent: { lieuSuivi: 'MDS', prochainsRendezVous: [] },
        remarquesBeneficiaire: '',
        cerp: null,
        suiviEmploi: [],
      },
    });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/contrats/nouveau` });
    expect(await screen.findByText('Un brouillon du 05/01/2026 à ' + new Date('2026-01-05T10:00:00.000Z').toTimeString().slice(0, 5) + ' a été retrouvé.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Reprendre' }));
    for (let i = 0; i < 4; i += 1) await next(user);
    await waitFor(() => expect(heading()).toHaveTextContent('Étape 5 sur 5'));
    await user.click(screen.getByRole('button', { name: 'Créer le contrat (brouillon)' }));

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 3 sur 5 : Plan d’accompagnement'));
    expect(within(row(1)).getByRole('group', { name: 'Échéance' })).toHaveAccessibleDescription(
      'Ligne 1 : l’échéance (05/08/2026) dépasse la fin du contrat (04/07/2026).',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('dépasse la fin du contrat');
  });
});

describe('CERP wizard', () => {
  it('picks two ROME métiers by code or words, and refuses a « non atteint » offer without its motif at the row', async () => {
    const user = userEvent.setup();
    const backend = backendFor('CERP');
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/contrats/nouveau` });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau CERP pour DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(heading()).toHaveTextContent('Étape 1 sur 8');
    await next(user);
    const duration = screen.getByRole('combobox', { name: 'Durée du contrat' });
    await waitFor(() => expect(duration).toHaveAccessibleDescription('Choisissez la durée du contrat'));
    await user.selectOptions(duration, '9');
    expect(screen.getByTestId('contract-end')).toHaveTextContent('Fin du contrat : 04/10/2026');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 2 sur 8 : Situation professionnelle'));
    // Known from the dossier: the PE registration and the training level.
    expect(screen.getByRole('checkbox', { name: 'France Travail (ex-Pôle Emploi)' })).toBeChecked();
    expect(screen.getByRole('combobox', { name: 'Niveau de formation' })).toHaveValue('IV');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 3 sur 8 : Métiers recherchés'));
    await user.type(screen.getByRole('combobox', { name: 'Code ROME du métier 1' }), 'services dom');
    await user.click(await screen.findByRole('option', { name: /^K1304 — / }));
    expect(screen.getByText(/Domaine : K — SERVICES A LA PERSONNE/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Ajouter un second métier recherché' }));
    await user.type(screen.getByRole('combobox', { name: 'Code ROME du métier 2' }), 'k2204');
    await user.click(await screen.findByRole('option', { name: /^K2204 — Nettoyage de locaux/ }));
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 4 sur 8 : Objectifs'));
    await user.type(textbox('Objectif(s) de l’accompagnement'), 'Trouver un emploi');
    await user.type(textbox('Résultats escomptés'), 'Un CDI');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 5 sur 8'));
    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    await user.selectOptions(within(row(1)).getByRole('combobox', { name: 'Thème' }), 'H');
    await fillRow(user, 1, 'H.1.1');
    await next(user);

    await waitFor(() => expect(heading()).toHaveTextContent('Étape 6 sur 8 : Fiche de suivi emploi'));
    await user.click(screen.getByRole('button', { name: 'Ajouter une offre d’emploi' }));
    const offre = screen.getByRole('region', { name: 'Offre 1' });
    await user.type(within(offre).getByRole('textbox', { name: 'Offre d’emploi proposée' }), 'Agent de propreté');
    await user.type(within(offre).getByRole('combobox', { name: 'Code ROME de l’offre' }), 'k2204');
    await user.click(await screen.findByRole('option', { name: /^K2204 — / }));
    // The domain follows the code, and the offer matches a métier recherché.
    expect(within(offre).getByRole('combobox', { name: 'Domaine d’activité' })).toHaveValue('SERVICES A LA PERSONNE ET A LA COLLECTIVITE');
    expect(within(offre).getByText('Suggestion : elle correspond à un métier recherché du contrat.')).toBeInTheDocument();
    await user.type(within(offre).getByRole('textbox', { name: 'Moyens mobilisés' }), 'Candidature');
    await user.selectOptions(within(offre).getByRole('combobox', { name: 'Résultat' }), 'non_atteint');
    await next(user);

    const motif = within(offre).getByRole('textbox', { name: 'Motif' });
    await waitFor(() => expect(motif).toHaveAccessibleDescription('Résultat « non atteint » : indiquez le motif'));
    expect(heading()).toHaveTextContent('Étape 6 sur 8');
    await user.type(motif, 'Aucune réponse');
    await next(user);
    await waitFor(() => expect(heading()).toHaveTextContent('Étape 7 sur 8'));
  });
});

describe('a contract saved meanwhile by someone else (issue 14 §4)', () => {
  const MESSAGE =
    'Ce contrat a été modifié entre-temps. Modifié par Cora Correspondante à 14:05. Vos saisies sont conservées : comparez-les avec la version enregistrée, puis enregistrez à nouveau.';

  function conflictBackend() {
    const opened = viewOf({
      personId: PERSON,
      type: 'CERS',
      start: '2026-01-05',
      durationMonths: 6,
      objectifs: 'Objectif initial',
      resultatsAttendus: 'Un bail signé',
      pap: {
        actions: [{ theme: 'A', actionCode: 'A.1.1', services: [], start: '2026-01-05', end: '2026-07-04', engagementReferent: 'Accompagner', engagementBeneficiaire: 'Participer' }],
      },
      referent: { lieuSuivi: 'MDS de Lens', prochainsRendezVous: [] },
      remarquesBeneficiaire: '',
      cerp: null,
      suiviEmploi: [],
    } as unknown as MethodParsedInput<'contracts.create'>);
    const saved: ContractView = { ...opened, version: 1, objectifs: 'Objectif de Cora', referent: { ...opened.referent, lieuSuivi: 'MDS d’Arras' } };
    let current = opened;
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({
      'contracts.prefill': () => prefill('CERS'),
      'contracts.get': () => current,
      'contracts.outcomes': () => ({ end: current.end, solidarityMonths: 0, outcomes: [] }),
      'contracts.update': (input) => {
        if (input.version !== saved.version) {
          current = saved;
          throw new ApiError('CONFLICT', MESSAGE, undefined, { by: 'Cora Correspondante', at: '2026-01-06T13:05:00.000Z' });
        }
        return (current = { ...saved, objectifs: input.objectifs, version: 2 });
      },
    });
    return backend;
  }

  /** Opens the draft, changes the objectifs and saves (refused: the contract was saved meanwhile). */
  async function editAndSave() {
    const user = userEvent.setup();
    const backend = conflictBackend();
    renderApp(backend.transport, { path: '/contrats/31/modifier' });
    expect(await screen.findByRole('heading', { level: 1, name: 'Modifier le CERS de DUPONT (nom d’usage MARTIN) Marie Louise' })).toBeInTheDocument();
    await next(user);
    await waitFor(() => expect(heading()).toHaveTextContent('Étape 2 sur 5 : Objectifs'));
    await user.clear(textbox('Objectif(s) de l’accompagnement solidarité'));
    await user.type(textbox('Objectif(s) de l’accompagnement solidarité'), 'Mon objectif');
    for (const step of ['3 sur 5', '4 sur 5', '5 sur 5']) {
      await next(user);
      await waitFor(() => expect(heading()).toHaveTextContent(`Étape ${step}`));
    }
    await user.click(screen.getByRole('button', { name: 'Enregistrer le contrat' }));
    return { user, backend };
  }

  it('keeps the input, lists the differences, then « Garder mes saisies » saves knowingly on the new version', async () => {
    const { user, backend } = await editAndSave();

    const table = await screen.findByRole('table', { name: 'Différences avec la version enregistrée' });
    const alert = table.closest<HTMLElement>('[role="alert"]')!;
    expect(alert).toHaveTextContent('Modifié par Cora Correspondante à 14:05');
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Champ', 'Votre saisie', 'Version enregistrée'],
      ['Objectif(s) de l’accompagnement', 'Mon objectif', 'Objectif de Cora'],
      ['Lieu du suivi', 'MDS de Lens', 'MDS d’Arras'],
    ]);
    // Nothing was reset: the input is still there, one save was sent with the version the form was opened on.
    expect(backend.inputsOf('contracts.update')).toMatchObject([{ version: 0, objectifs: 'Mon objectif' }]);
    expect(heading()).toHaveTextContent('Étape 5 sur 5');

    await user.click(within(alert).getByRole('button', { name: 'Garder mes saisies' }));
    expect(screen.queryByRole('table', { name: 'Différences avec la version enregistrée' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enregistrer le contrat' }));
    await waitFor(() => expect(backend.inputsOf('contracts.update')).toHaveLength(2));
    expect(backend.inputsOf('contracts.update')[1]).toMatchObject({ version: 1, objectifs: 'Mon objectif', referent: { lieuSuivi: 'MDS de Lens' } });
  });

  it('« Reprendre la version enregistrée » resets the form to it, with its version', async () => {
    const { user, backend } = await editAndSave();
    const take = await screen.findByRole('button', { name: 'Reprendre la version enregistrée' });
    await waitFor(() => expect(take).toBeEnabled());
    await user.click(take);
    expect(screen.queryByRole('table', { name: 'Différences avec la version enregistrée' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Enregistrer le contrat' }));
    await waitFor(() => expect(backend.inputsOf('contracts.update')).toHaveLength(2));
    expect(backend.inputsOf('contracts.update')[1]).toMatchObject({ version: 1, objectifs: 'Objectif de Cora', referent: { lieuSuivi: 'MDS d’Arras' } });
  });
});
