import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ContractView } from '../../../../shared/api/contracts';
import { ApiError } from '../../../../shared/api/errors';
import { ADMIN, CORRESPONDANT, REFERENT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const row = (code: string, label: string, over: Partial<ContractView['pap']['actions'][number]> = {}): ContractView['pap']['actions'][number] => ({
  theme: 'A',
  actionCode: code,
  actionLabel: label,
  services: [],
  start: '2026-01-05',
  end: '2026-07-04',
  engagementReferent: 'Accompagner',
  engagementBeneficiaire: 'Participer',
  resultat: null,
  bilan: null,
  origin: 'saisie',
  carriedOver: false,
  derogationObtained: false,
  ...over,
});

function contract(over: Partial<ContractView> = {}): ContractView {
  return {
    id: 31,
    personId: SAMPLE_DOSSIER.person.id,
    type: 'CERS',
    status: 'brouillon',
    statusLabel: 'Brouillon',
    orientation: { id: 4, date: '2026-01-05', orientation: 'solidarite' },
    start: '2026-01-05',
    durationMonths: 6,
    end: '2026-07-04',
    renewalOfId: null,
    renewedById: null,
    etatCivil: {
      nomPatronymique: 'Dupont',
      nomUsage: 'Martin',
      prenoms: 'Marie Louise',
      sexe: 'F',
      dateNaissance: '1985-03-15',
      address: { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens' },
      cafNumber: '1234567',
      situationFamiliale: 'celibataire',
    },
    referentIdentity: { id: REFERENT.id, displayName: REFERENT.displayName, structure: REFERENT.structure },
    objectifs: 'Accéder à un logement',
    resultatsAttendus: 'Un bail',
    referent: { lieuSuivi: 'MDS de Lens', prochainsRendezVous: [] },
    cerp: null,
    pap: {
      id: 2,
      version: 1,
      origin: 'initial',
      date: null,
      motif: null,
      ficheId: null,
      actionsReferentialVersion: 1,
      createdAt: '2026-01-05T10:00:00.000Z',
      actions: [row('A.2', 'Démarches Administratives'), row('A.1.1', 'Accompagnement Logement dans le cadre du FSL')],
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
    version: 3,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
    ...over,
  };
}

const main = () => screen.getByRole('main');
const buttonNames = () =>
  within(main())
    .getAllByRole('button')
    .map((b) => b.textContent)
    .filter((t) => t && !/^(Aller|Changer|Se déconnecter)/.test(t));

describe('contract page', () => {
  it('signs a draft: the names and today’s date are proposed, the signed contract becomes read-only', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT });
    let current = contract();
    backend.handle({
      'contracts.get': () => current,
      'contracts.sign': (input) => ({
        ...(current = contract({
          status: 'signe',
          statusLabel: 'Signé',
          readOnly: true,
          allowedActions: ['bilan', 'transmettre'],
          signatures: { referent: input.referent, beneficiaire: input.beneficiaire },
          version: 4,
        })),
        sanctionChanges: [],
      }),
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    expect(await screen.findByRole('heading', { level: 1, name: 'CERS de DUPONT (nom d’usage MARTIN) Marie Louise' })).toHaveFocus();
    expect(screen.getByRole('list', { name: 'État du contrat' })).toHaveTextContent('État : Brouillon');
    expect(buttonNames()).toEqual(['Signer le contrat', 'Supprimer le brouillon']);
    expect(screen.getByRole('link', { name: 'Modifier le brouillon' })).toHaveAttribute('href', '/contrats/31/modifier');

    await user.click(screen.getByRole('button', { name: 'Signer le contrat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Signer le contrat' });
    expect(within(dialog).getByRole('textbox', { name: 'Nom du référent signataire' })).toHaveValue(REFERENT.displayName);
    expect(within(dialog).getByRole('textbox', { name: 'Nom du bénéficiaire signataire' })).toHaveValue('DUPONT (nom d’usage MARTIN) Marie Louise');
    await user.click(within(dialog).getByRole('button', { name: 'Signer le contrat' }));

    await waitFor(() => expect(screen.getByRole('list', { name: 'État du contrat' })).toHaveTextContent('État : Signé'));
    const [sent] = backend.inputsOf('contracts.sign') as { contractId: number; version: number; referent: { nom: string; date: string } }[];
    expect(sent).toMatchObject({ contractId: 31, version: 3, referent: { nom: REFERENT.displayName } });
    expect(sent!.referent.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(screen.getByText(/Contrat signé : il ne se modifie plus que par un avenant/)).toBeInTheDocument();
    expect(buttonNames()).toEqual(['Transmettre au SLAI', 'Saisir le bilan']);
    expect(screen.queryByRole('link', { name: 'Modifier le brouillon' })).not.toBeInTheDocument();
  });

  it('without the EDE the sign dialog says what to do; a référent cannot override it', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT });
    const missing = 'Aucune échelle de distance à l’emploi n’est enregistrée pour ce bénéficiaire. Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature.';
    backend.handle({
      'contracts.get': () => contract(),
      'contracts.sign': () => {
        throw new ApiError('RULE', missing, { ede: missing });
      },
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    await user.click(await screen.findByRole('button', { name: 'Signer le contrat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Signer le contrat' });
    expect(within(dialog).queryByRole('alert')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Signer le contrat' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(missing);
    expect(within(dialog).getAllByRole('alert')).toHaveLength(1);
    expect(within(alert).getByRole('link', { name: 'Réaliser l’échelle de distance à l’emploi' })).toHaveAttribute('href', `/beneficiaires/${SAMPLE_DOSSIER.person.id}/ede/nouvelle`);
    expect(alert).toHaveTextContent('Seul un administrateur peut faire signer sans EDE');
    expect(within(dialog).queryByRole('textbox', { name: /Motif de la signature sans EDE/ })).not.toBeInTheDocument();
    expect(backend.inputsOf('contracts.sign')).toEqual([expect.not.objectContaining({ edeWaiverReason: expect.anything() })]);
  });

  it('an administrator signs without the EDE with a written reason, shown on the contract; the sanction change is told', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: ADMIN });
    const missing = 'Aucune échelle de distance à l’emploi n’est enregistrée pour ce bénéficiaire. Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature.';
    const change = 'Échéancier recalculé le 16/05/2026 à 10:00 : le contrat signé le 15/05/2026 met fin à la sanction au 01/06/2026, soit 2 mois de sanction (avant : 24 mois de sanction, sans fin prévue avant la signature du contrat).';
    let current = contract({ edeBeforeSignature: missing });
    backend.handle({
      'contracts.get': () => current,
      'contracts.sign': (input) => {
        if (!input.edeWaiverReason) throw new ApiError('RULE', missing, { ede: missing });
        current = contract({
          status: 'signe',
          statusLabel: 'Signé',
          readOnly: true,
          allowedActions: ['bilan', 'transmettre'],
          signatures: { referent: input.referent, beneficiaire: input.beneficiaire },
          edeWaiver: { reason: input.edeWaiverReason, byName: ADMIN.displayName },
          version: 4,
        });
        return { ...current, sanctionChanges: [change] };
      },
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    expect(await screen.findByText(`Avant la signature : ${missing}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Signer le contrat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Signer le contrat' });
    // Known from the draft: the alert and the override field are there at once.
    expect(within(dialog).getByRole('alert')).toHaveTextContent('en tant qu’administrateur, signer sans EDE');
    const reason = within(dialog).getByRole('textbox', { name: 'Motif de la signature sans EDE (administrateur)' });
    await user.type(reason, 'court');
    await user.click(within(dialog).getByRole('button', { name: 'Signer le contrat' }));
    await waitFor(() => expect(reason).toHaveAccessibleDescription(/10 caractères au moins/));
    expect(backend.inputsOf('contracts.sign')).toEqual([]);
    await user.clear(reason);
    await user.type(reason, 'Bénéficiaire hospitalisé : EDE à sa sortie.');
    await user.click(within(dialog).getByRole('button', { name: 'Signer le contrat' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'État du contrat' })).toHaveTextContent('État : Signé'));
    expect(backend.inputsOf('contracts.sign')).toEqual([expect.objectContaining({ edeWaiverReason: 'Bénéficiaire hospitalisé : EDE à sa sortie.' })]);
    expect(screen.getByText(`Dérogation accordée par ${ADMIN.displayName} (administrateur) : Bénéficiaire hospitalisé : EDE à sa sortie.`)).toBeInTheDocument();
    expect(await screen.findByText(new RegExp(`c’est enregistré\\. État du contrat : Signé\\. ${change.replace(/[()]/g, '\\$&')}`))).toBeInTheDocument();
  });

  it('a correspondent rejects only with a motif', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: CORRESPONDANT });
    backend.handle({
      'contracts.get': () =>
        contract({ status: 'transmis_slai', statusLabel: 'Transmis au SLAI', readOnly: true, transmittedOn: '2026-01-06', allowedActions: ['bilan', 'valider', 'rejeter'] }),
      'contracts.reject': (input) =>
        contract({
          status: 'rejete',
          statusLabel: 'Rejeté par le Président',
          readOnly: true,
          decision: { sens: 'rejete', date: input.date, motif: input.motif ?? null, par: CORRESPONDANT.displayName },
          allowedActions: [],
        }),
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    await user.click(await screen.findByRole('button', { name: 'Rejeter le contrat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rejeter le contrat' });
    await user.click(within(dialog).getByRole('button', { name: 'Rejeter le contrat' }));
    const motif = within(dialog).getByRole('textbox', { name: 'Motif du rejet' });
    await waitFor(() => expect(motif).toHaveAccessibleDescription('Motif du rejet : ce champ est obligatoire'));
    expect(backend.inputsOf('contracts.reject')).toEqual([]);
    await user.type(motif, 'Le PAP ne répond pas aux freins repérés par l’EDE.');
    await user.click(within(dialog).getByRole('button', { name: 'Rejeter le contrat' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'État du contrat' })).toHaveTextContent('État : Rejeté par le Président'));
    expect(screen.getAllByText(/Le PAP ne répond pas aux freins/).length).toBeGreaterThan(0);
  });

  it('keeps the PAP versions replaced by avenants readable', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({
      'contracts.get': () =>
        contract({
          status: 'en_cours',
          statusLabel: 'En cours',
          readOnly: true,
          allowedActions: ['bilan', 'avenant', 'renouveler', 'clore'],
          pap: { ...contract().pap, version: 2, origin: 'avenant', date: '2026-03-01', motif: 'Nouvelle action santé', actions: [row('B.2', 'Accompagnement individuel', { theme: 'B' })] },
          papVersions: [
            { version: 1, origin: 'initial', date: null, motif: null, ficheId: null, actionsReferentialVersion: 1, createdAt: '2026-01-05T10:00:00.000Z' },
            { version: 2, origin: 'avenant', date: '2026-03-01', motif: 'Nouvelle action santé', ficheId: 8, actionsReferentialVersion: 1, createdAt: '2026-03-01T10:00:00.000Z' },
          ],
        }),
      'contracts.outcomes': () => ({ end: '2026-07-04', solidarityMonths: 6, outcomes: [] }),
      'contracts.papVersion': () => contract().pap,
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    const table = await screen.findByRole('table', { name: 'Actions du plan d’accompagnement' });
    expect(table).toHaveTextContent('B.2 — Accompagnement individuel');
    expect(screen.getByRole('link', { name: 'Avenant (fiche de liaison)' })).toHaveAttribute('href', `/beneficiaires/${SAMPLE_DOSSIER.person.id}/fiches/nouvelle?type=avenant&contrat=31`);

    await user.click(screen.getByRole('combobox', { name: 'Version du PAP' }));
    await user.click(await screen.findByRole('option', { name: /^Version 1 : plan initial/ }));
    await waitFor(() => expect(screen.getByRole('table', { name: 'Actions du plan d’accompagnement' })).toHaveTextContent('A.2 — Démarches Administratives'));
    expect(screen.getByText('Version remplacée par un avenant : consultation seulement.')).toBeInTheDocument();
    expect(backend.inputsOf('contracts.papVersion')).toEqual([{ contractId: 31, papVersion: 1 }]);
  });

  it('renews from the day after the end and opens the new draft', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({
      'contracts.get': (input) =>
        input.contractId === 31
          ? contract({ status: 'en_cours', statusLabel: 'En cours', readOnly: true, allowedActions: ['bilan', 'avenant', 'renouveler', 'clore'] })
          : contract({ id: 32, start: '2026-07-05', end: '2027-01-04', renewalOfId: 31 }),
      'contracts.outcomes': () => ({ end: '2026-07-04', solidarityMonths: 6, outcomes: [] }),
      'contracts.renew': () => contract({ id: 32, renewalOfId: 31 }),
      'contracts.prefill': () => {
        throw new Error('not needed');
      },
    });
    renderApp(backend.transport, { path: '/contrats/31' });
    await user.click(await screen.findByRole('button', { name: 'Renouveler le contrat' }));
    const dialog = await screen.findByRole('dialog', { name: 'Renouveler le contrat' });
    expect(within(dialog).getByText('Le nouveau contrat courra du 05/07/2026 au 04/01/2027.')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Renouveler le contrat' }));
    await waitFor(() => expect(backend.inputsOf('contracts.renew')).toEqual([{ contractId: 31, version: 3, start: '2026-07-05', durationMonths: 6 }]));
  });
});
