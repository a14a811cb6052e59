import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dspContentSchema } from '../../../../../shared/api/dsp';
import { addMonthsIso } from '../../../../../shared/domain/rules/dates';
import { ADMIN, CORRESPONDANT, REFERENT, createFakeBackend } from '../../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../../test/renderer/renderApp';
import { toIsoDate } from '../../../kit/format';
import { addDspRevision, addEde, emptyState, interviewHandlers, PERSON_ID, type InterviewState } from '../../../../../test/renderer/fakeInterview';
import { formatDate } from '../../../../../shared/domain/format';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const EDE_17 = { logement: 3, sante: 3, famille: 3, budget: 1, vie_sociale: 1, competences: 1, projet_emploi: 1, mobilite: 1 };

function withOrganismes(state: InterviewState) {
  state.organismes.push(
    { id: 401, name: 'Pôle Emploi Lens', type: 'pole_emploi', address: null, telephone: null, email: null, active: true, updatedAt: '2026-01-01T00:00:00Z' },
    { id: 402, name: 'CCAS de Lens', type: 'solidarite', address: null, telephone: null, email: null, active: true, updatedAt: '2026-01-01T00:00:00Z' },
  );
  state.referents.push({
    id: 501,
    organismeId: 401,
    organismeName: 'Pôle Emploi Lens',
    name: 'Paul Conseiller',
    telephone: null,
    email: null,
    user: null,
    active: true,
    updatedAt: '2026-01-01T00:00:00Z',
  });
}

const section = (name: string) => screen.findByRole('region', { name });

describe('dossier sections of the first interview', () => {
  it('say what is missing: no DSP, no EDE (flagged), no orientation (proposal: solidarité for a diagnosis)', async () => {
    renderApp(createFakeBackend({ handlers: interviewHandlers(emptyState()) }).transport, { path: `/beneficiaires/${PERSON_ID}` });
    expect(await within(await section('Données socio-professionnelles (DSP)')).findByText('Aucune DSP n’est encore saisie pour ce bénéficiaire.')).toBeInTheDocument();
    const ede = await section('Échelle de distance à l’emploi (EDE)');
    expect(await within(ede).findByText(/EDE manquante/)).toBeInTheDocument();
    expect(within(ede).getByRole('link', { name: 'Nouvelle EDE' })).toHaveAttribute('href', `/beneficiaires/${PERSON_ID}/ede/nouvelle`);
    const orientation = await section('Orientation');
    expect(await within(orientation).findByText('Aucune décision d’orientation n’est encore enregistrée.')).toBeInTheDocument();
    expect(orientation).toHaveTextContent('Proposition : Orientation solidarité');
    const droits = within(orientation).getByRole('region', { name: 'Droits et devoirs' });
    expect(await within(droits).findByTestId('droits-devoirs-status')).toHaveTextContent('Statut non calculé');
    expect(droits).toHaveTextContent('Ressources mensuelles du foyer');
  });

  it('show the latest DSP and EDE with their links', async () => {
    const state = emptyState();
    addDspRevision(state, dspContentSchema.parse({ logement: { natlog: '0909' } }));
    const ede = addEde(state, '2026-03-02', EDE_17);
    renderApp(createFakeBackend({ handlers: interviewHandlers(state) }).transport, { path: `/beneficiaires/${PERSON_ID}` });
    const dsp = await section('Données socio-professionnelles (DSP)');
    expect(await within(dsp).findByText(/Version 1 enregistrée le/)).toBeInTheDocument();
    expect(within(dsp).getByRole('link', { name: 'Mettre à jour la DSP' })).toBeInTheDocument();
    const edeSection = await section('Échelle de distance à l’emploi (EDE)');
    await within(edeSection).findByText('17 points');
    expect(edeSection).toHaveTextContent('Dernière EDEle 02/03/2026');
    expect(edeSection).toHaveTextContent('PropositionOrientation professionnelle France Travail (ex-Pôle Emploi)');
    expect(within(edeSection).getByRole('link', { name: 'Voir la dernière EDE' })).toHaveAttribute('href', `/beneficiaires/${PERSON_ID}/ede/${ede.id}`);
  });
});

describe('orientation decision', () => {
  it('shows the proposal and its reasons; the decision shows the contract deadline one month later on the dossier', async () => {
    const user = userEvent.setup();
    const state = emptyState();
    withOrganismes(state);
    addDspRevision(state, dspContentSchema.parse({ disponibilite: { topengdemarechemploi: 'oui' }, situationSociale: { difsoc: ['0402'] } }));
    addEde(state, '2026-03-02', EDE_17);
    const backend = createFakeBackend({ user: CORRESPONDANT, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/orientation/decision` });
    await screen.findByRole('heading', { level: 1, name: 'Orientation de DUPONT (nom d’usage MARTIN) Marie Louise' });
    const proposal = await section('Proposition d’orientation');
    expect(proposal).toHaveTextContent('Orientation professionnelle France Travail (ex-Pôle Emploi)');
    expect(proposal).toHaveTextContent('EDE du 02/03/2026 : 17 points');
    expect(within(proposal).getByRole('list', { name: 'Frein à l’emploi' })).toHaveTextContent('Difficultés sociales : Santé.');
    expect(within(proposal).getByRole('list', { name: 'Point d’appui vers l’emploi' })).toHaveTextContent('Prêt(e) à engager rapidement');

    const form = await section('Décision d’orientation');
    // The proposal is preselected; only the organismes of the type it needs are offered.
    expect(within(form).getByRole('radio', { name: 'Orientation professionnelle France Travail (ex-Pôle Emploi)' })).toBeChecked();
    const organisme = within(form).getByRole('combobox', { name: 'Organisme référent' });
    expect(within(organisme).getAllByRole('option').map((o) => o.textContent)).toEqual(['— Choisir —', 'Pôle Emploi Lens']);
    const today = toIsoDate(new Date());
    const deadline = addMonthsIso(today, 1);
    expect(screen.getByTestId('deadline-preview')).toHaveTextContent(
      `Projet personnalisé d’accès à l’emploi (PPAE) avec France Travail (ex-Pôle Emploi) à conclure au plus tard le ${formatDate(deadline)} (1 mois après la décision).`,
    );
    // Solidarité: two months, and the organisme list follows.
    await user.click(within(form).getByRole('radio', { name: 'Orientation solidarité' }));
    expect(screen.getByTestId('deadline-preview')).toHaveTextContent(`au plus tard le ${formatDate(addMonthsIso(today, 2))} (2 mois`);
    expect(within(organisme).getAllByRole('option').map((o) => o.textContent)).toEqual(['— Choisir —', 'CCAS de Lens']);
    await user.click(within(form).getByRole('radio', { name: 'Orientation professionnelle France Travail (ex-Pôle Emploi)' }));

    // Required fields are refused with French messages at the fields.
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));
    await waitFor(() => expect(organisme).toHaveAttribute('aria-invalid', 'true'));
    expect(organisme).toHaveAccessibleDescription('Choisissez l’organisme référent');
    expect(backend.inputsOf('orientation.decide')).toEqual([]);

    await user.selectOptions(organisme, 'Pôle Emploi Lens');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Référent' }), 'Paul Conseiller');
    await user.type(within(form).getByRole('textbox', { name: 'Motif de la décision' }), 'EDE sous le premier seuil');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));

    await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(backend.inputsOf('orientation.decide')).toEqual([
      {
        personId: PERSON_ID,
        date: today,
        orientation: 'professionnelle_pole_emploi',
        organismeReferentId: 401,
        referentId: 501,
        correspondantId: CORRESPONDANT.id,
        motif: 'EDE sous le premier seuil',
      },
    ]);
    const orientation = await section('Orientation');
    expect(await within(orientation).findByTestId('contract-deadline')).toHaveTextContent(`Contrat à conclure au plus tard le ${formatDate(deadline)}`);
    expect(orientation).toHaveTextContent('PPAE');
    expect(await within(orientation).findByRole('list', { name: 'Périodes d’orientation' })).toHaveTextContent(
      `Depuis le ${formatDate(today)} : Orientation professionnelle France Travail (ex-Pôle Emploi) — Pôle Emploi Lens (en cours)`,
    );
  });

  it('is reserved to correspondents and administrators: a référent sees the proposal only', async () => {
    const state = emptyState();
    withOrganismes(state);
    const backend = createFakeBackend({ user: REFERENT, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/orientation/decision` });
    await section('Proposition d’orientation');
    expect(screen.getByText('La décision d’orientation est prise par un correspondant ou un administrateur.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enregistrer la décision' })).not.toBeInTheDocument();
    expect(backend.inputsOf('organismes.list')).toEqual([]);
  });
});

describe('droits et devoirs', () => {
  it('computes the status live from the resources and the activity, saves them, and the dossier shows the inputs and the rule', async () => {
    const user = userEvent.setup();
    const state = emptyState();
    const backend = createFakeBackend({ user: ADMIN, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/droits-devoirs` });
    await screen.findByRole('heading', { level: 1, name: 'Droits et devoirs de DUPONT (nom d’usage MARTIN) Marie Louise' });
    const resources = await screen.findByRole('textbox', { name: 'Ressources mensuelles du foyer' });
    await user.type(resources, '400,50');
    await user.click(screen.getByRole('radio', { name: 'Oui' }));
    const income = screen.getByRole('textbox', { name: 'Revenus professionnels nets mensuels de Marie Louise Martin' });
    await user.type(income, '650');
    expect(screen.getByTestId('droits-preview')).toHaveTextContent('Allocataire : accompagnement non obligatoire');
    await user.clear(income);
    await user.type(income, '120');
    expect(screen.getByTestId('droits-preview')).toHaveTextContent('Allocataire : accompagnement obligatoire (soumis aux droits et devoirs)');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));

    await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(backend.inputsOf('droitsDevoirs.save')).toMatchObject([
      { personId: PERSON_ID, householdResources: 400.5, persons: [{ personId: PERSON_ID, hasProfessionalActivity: true, monthlyProfessionalIncome: 120 }] },
    ]);
    const droits = await within(await section('Orientation')).findByRole('region', { name: 'Droits et devoirs' });
    expect(await within(droits).findByTestId('droits-devoirs-status')).toHaveTextContent('Soumis aux droits et devoirs : accompagnement obligatoire.');
    expect(droits).toHaveTextContent('400,50 €');
    expect(droits).toHaveTextContent('Activité professionnelle, 120,00 € nets par mois');
    expect(droits).toHaveTextContent('Règle appliquée : L’orientation : double condition');
  });

  it('refuses an amount that is not one, at the field', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ handlers: interviewHandlers(emptyState()) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/droits-devoirs` });
    const resources = await screen.findByRole('textbox', { name: 'Ressources mensuelles du foyer' });
    await user.type(resources, 'beaucoup');
    await user.click(screen.getByRole('radio', { name: 'Non' }));
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    await waitFor(() => expect(resources).toHaveAttribute('aria-invalid', 'true'));
    expect(resources).toHaveAccessibleDescription('Ressources mensuelles du foyer : saisissez un montant');
    expect(backend.inputsOf('droitsDevoirs.save')).toEqual([]);
  });
});
