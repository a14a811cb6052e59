import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { format } from 'date-fns';
import type { MethodParsedInput } from '../../../../shared/api/contract';
import type { AttachmentMeta, FicheSummary, FicheView } from '../../../../shared/api/fiches';
import { ApiError } from '../../../../shared/api/errors';
import { validateFicheForSending } from '../../../../shared/domain/rules/fiche-liaison';
import { CORRESPONDANT, REFERENT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { FICHE_ADMINISTRATIF } from '../../../../test/renderer/fakeFiches';
import type { FichePrefill } from './ficheFormModel';
import { emptyFicheValues, missingBeforeSending } from './ficheFormModel';

vi.setConfig({ testTimeout: 90_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const PERSON = SAMPLE_DOSSIER.person.id;
const ADMINISTRATIF = FICHE_ADMINISTRATIF;
const PREFILL: FichePrefill = { administratif: ADMINISTRATIF, latestEde: null, avenantContract: null };

/** A small main for fiches: one fiche, its attachments, the rule deciding what is missing. */
function fichesBackend(user = REFERENT) {
  const backend = createFakeBackend({ user });
  let fiche: FicheView | undefined;
  const attachments: AttachmentMeta[] = [];
  const missingOf = (f: FicheView): string[] => {
    const check = validateFicheForSending({
      type: f.fiche.type,
      status: 'brouillon',
      date: f.fiche.date,
      motif: f.fiche.motif,
      motifPrecision: f.fiche.motifPrecision,
      texte: f.fiche.texte,
      convocations: attachments.filter((a) => a.kind === 'convocation').map((a) => ({ date: a.documentDate ?? f.fiche.date })),
      signatures: { referent: f.fiche.signatures.referent, beneficiaire: f.fiche.signatures.beneficiaire },
    });
    return check.ok ? [] : check.errors.map((e) => e.message);
  };
  const current = (): FicheView => {
    if (!fiche) throw new ApiError('NOT_FOUND', 'Cette fiche de liaison est introuvable.');
    const view = { ...fiche, attachments: [...attachments] };
    return { ...view, missing: view.status === 'brouillon' ? missingOf(view) : view.missing };
  };
  backend.handle({
    'fiches.prefill': () => PREFILL,
    'fiches.create': (input) => {
      const i = input as MethodParsedInput<'fiches.create'> & Record<string, unknown>;
      fiche = {
        id: 55,
        personId: PERSON,
        typeLabel: 'Passage en équipe pluridisciplinaire : suspension',
        status: 'brouillon',
        statusLabel: 'Brouillon',
        fiche: {
          type: i.type,
          date: i.date,
          contractId: null,
          texte: (i.texte as string | undefined) ?? null,
          lieu: null,
          remarquesBeneficiaire: null,
          parCourriel: false,
          motif: (i.motif as string | undefined) ?? null,
          motifPrecision: (i.motifPrecision as string | undefined) ?? null,
          cible: null,
          actionsCg: [],
          structureSouhaitee: null,
          pap: null,
          contrat: null,
          signatures: {
            referent: ((i.signatures as { referent?: string } | undefined)?.referent as string | undefined) ?? null,
            beneficiaire: null,
          },
        },
        administratif: ADMINISTRATIF,
        edeId: null,
        attachments: [],
        missing: [],
        missingFields: {},
        papFlags: [],
        sentOn: null,
        answer: null,
        closedOn: null,
        president: null,
        awaitingPresident: false,
        structureFeedback: null,
        epSaisineId: null,
        avenantPapVersion: null,
        allowedActions: ['modifier', 'supprimer', 'joindre', 'envoyer'],
        version: 0,
        createdAt: '2026-01-05T10:00:00.000Z',
        updatedAt: '2026-01-05T10:00:00.000Z',
      };
      return current();
    },
    'fiches.get': () => current(),
    'attachments.upload': (input) => {
      const meta: AttachmentMeta = {
        id: attachments.length + 1,
        personId: PERSON,
        owner: input.owner,
        kind: input.kind,
        fileName: input.fileName,
        mime: input.mime,
        size: atob(input.contentBase64).length,
        sha256: 'x',
        documentDate: input.documentDate ?? null,
        label: input.label ?? null,
        createdAt: '2026-01-05T10:00:00.000Z',
        createdBy: REFERENT.displayName,
      };
      attachments.push(meta);
      return meta;
    },
    'fiches.send': (input) => {
      fiche = { ...current(), status: 'envoyee', statusLabel: 'Envoyée au correspondant', sentOn: input.date, allowedActions: [], missing: ['Réponse du correspondant au référent (acceptation ou refus)'] };
      return fiche;
    },
    'epSaisines.forDossier': () => [],
  });
  return backend;
}

describe('fiche de liaison wizard', () => {
  it('suspension: only its parts; refused without the convocation letters; sent once they are attached', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const backend = fichesBackend();
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/fiches/nouvelle` });
    await screen.findByRole('heading', { level: 1, name: 'Nouvelle fiche de liaison pour DUPONT (nom d’usage MARTIN) Marie Louise' });
    const admin = screen.getByRole('region', { name: 'Informations administratives' });
    expect(admin).toHaveTextContent(CORRESPONDANT.displayName);
    expect(admin).toHaveTextContent('Aucun contrat en cours');

    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await waitFor(() => expect(screen.getByRole('radiogroup', { name: 'Objet de la demande' })).toHaveAccessibleDescription('Choisissez l’objet de la demande'));
    await user.click(screen.getByRole('radio', { name: 'Passage en équipe pluridisciplinaire : suspension' }));
    await user.click(screen.getByRole('button', { name: 'Suivant' }));

    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Étape 2 sur 3 : La demande' })).toBeInTheDocument());
    // Only what a suspension needs: no orientation target, no list of CG actions, no beneficiary signature.
    expect(screen.queryByRole('radiogroup', { name: 'Orientation demandée' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: 'Mobilité' })).not.toBeInTheDocument();
    expect(screen.queryByRole('group', { name: 'Signature du bénéficiaire (date)' })).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Non respect du PPAE ou du contrat d’engagement' }));
    await user.type(screen.getByRole('textbox', { name: 'Motif de la demande' }), 'Absences répétées');
    const [day] = within(screen.getByRole('group', { name: 'Signature du référent (date)' })).getAllByRole('spinbutton');
    await user.click(day!);
    // The request is dated today: the référent signs it today.
    await user.keyboard(format(new Date(), 'ddMMyyyy'));
    await user.click(screen.getByRole('button', { name: 'Enregistrer et continuer' }));

    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Étape 3 sur 3 : Pièces jointes et envoi' })).toBeInTheDocument());
    expect(backend.inputsOf('fiches.create')[0]).toMatchObject({
      personId: PERSON,
      type: 'suspension',
      motif: 'non_respect',
      motifPrecision: 'Absences répétées',
      signatures: { referent: format(new Date(), 'yyyy-MM-dd') },
    });
    const missing = screen.getByRole('list', { name: 'Éléments manquants' });
    expect(missing).toHaveTextContent('Joignez les différents courriers de convocation (obligatoire pour une suspension)');

    await user.click(screen.getByRole('button', { name: 'Envoyer au correspondant' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('La fiche ne peut pas être envoyée');
    expect(backend.inputsOf('fiches.send')).toEqual([]);

    // A file of a refused type, then one too large: refused before anything is read or sent.
    const input = screen.getByLabelText('Fichier');
    await user.upload(input, new File(['MZ'], 'convocation.exe', { type: 'application/x-msdownload' }));
    expect(input).toHaveAccessibleDescription(/Type de fichier refusé/);
    const big = new File(['x'], 'gros.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 11 * 1024 * 1024 });
    await user.upload(input, big);
    expect(input).toHaveAccessibleDescription(/Le fichier dépasse 10 Mo/);
    await user.click(screen.getByRole('button', { name: 'Joindre le fichier' }));
    expect(backend.inputsOf('attachments.upload')).toEqual([]);

    await user.upload(input, new File(['%PDF-1.4 convocation'], 'convocation-1.pdf', { type: 'application/pdf' }));
    await user.click(screen.getByRole('button', { name: 'Joindre le fichier' }));
    await waitFor(() => expect(screen.getByRole('list', { name: 'Pièces jointes de la fiche' })).toHaveTextContent('Courrier de convocation : convocation-1.pdf'));
    const [uploaded] = backend.inputsOf('attachments.upload') as MethodParsedInput<'attachments.upload'>[];
    expect(uploaded).toMatchObject({ owner: { type: 'fiche', id: 55 }, kind: 'convocation', mime: 'application/pdf', fileName: 'convocation-1.pdf' });
    expect(atob(uploaded!.contentBase64)).toBe('%PDF-1.4 convocation');
    await waitFor(() => expect(screen.queryByRole('list', { name: 'Éléments manquants' })).not.toBeInTheDocument());

    await user.click(screen.getByRole('button', { name: 'Envoyer au correspondant' }));
    expect(await screen.findByRole('heading', { level: 1, name: /^Passage en équipe pluridisciplinaire : suspension — DUPONT \(nom d’usage MARTIN\)/ })).toBeInTheDocument();
    expect(backend.inputsOf('fiches.send')).toHaveLength(1);
    expect(screen.getByRole('list', { name: 'État de la fiche' })).toHaveTextContent('État : Envoyée au correspondant');
    expect(screen.getByText('Réponse du correspondant au référent (acceptation ou refus)')).toBeInTheDocument();
  });
  it('avenant: starts from the amended contract’s PAP, reuses the PAP editor and keeps the contract’s dates', async () => {
    const user = userEvent.setup();
    const backend = fichesBackend();
    backend.handle({
      'fiches.prefill': () => ({
        ...PREFILL,
        avenantContract: {
          id: 31,
          type: 'CERS',
          start: '2026-01-05',
          end: '2026-07-04',
          papVersion: 1,
          pap: {
            actions: [
              {
                theme: 'A',
                actionCode: 'A.1.1',
                actionLabel: 'Accompagnement Logement dans le cadre du FSL',
                services: ['CAF'],
                start: '2026-01-05',
                end: '2026-07-04',
                engagementReferent: 'Solliciter le FSL',
                engagementBeneficiaire: 'Se rendre aux rendez-vous',
                resultat: null,
                bilan: null,
                origin: 'saisie',
                carriedOver: false,
                derogationObtained: false,
              },
            ],
          },
        },
      }),
    });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/fiches/nouvelle?type=avenant&contrat=31` });
    await screen.findByRole('heading', { level: 1, name: /^Nouvelle fiche de liaison/ });
    expect(await screen.findByRole('radio', { name: 'Modification du PAP : avenant au contrat' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Étape 2 sur 3 : La demande' })).toBeInTheDocument());
    expect(screen.getByText(/Avenant au CERS du 05\/01\/2026 au 04\/07\/2026 \(PAP version 1\)/)).toBeInTheDocument();
    const first = screen.getByRole('region', { name: /^Action 1\b/ });
    expect(within(first).getByRole('combobox', { name: 'Action' })).toHaveValue('A.1.1');
    expect(within(first).getByRole('checkbox', { name: 'CAF' })).toBeChecked();
    // Both signatures are asked for an avenant.
    expect(screen.getByRole('group', { name: 'Signature du bénéficiaire (date)' })).toBeInTheDocument();
    // A new action outside the contract's period is refused at its row.
    await user.click(screen.getByRole('button', { name: 'Ajouter une action' }));
    const second = screen.getByRole('region', { name: /^Action 2\b/ });
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Thème' }), 'B');
    await user.selectOptions(within(second).getByRole('combobox', { name: 'Action' }), 'B.2');
    const [day] = within(within(second).getByRole('group', { name: 'Échéance' })).getAllByRole('spinbutton');
    await user.click(day!);
    await user.keyboard('31122026');
    await waitFor(() =>
      expect(within(second).getByRole('group', { name: 'Échéance' })).toHaveAccessibleDescription(
        'Ligne 2 : l’échéance (31/12/2026) dépasse la fin du contrat (04/07/2026).',
      ),
    );
  });
});

describe('missingBeforeSending', () => {
  const ctx = { attachments: [], edeId: null, contract: null, amended: null };
  it('asks for the text of a demande d’appui, and nothing else', () => {
    expect(missingBeforeSending({ ...emptyFicheValues('2026-01-05', 'appui') }, ctx).map((m) => m.message)).toEqual([
      'Objet de la demande d’appui : ce champ est obligatoire',
    ]);
    expect(missingBeforeSending({ ...emptyFicheValues('2026-01-05', 'appui'), texte: 'Question' }, ctx)).toEqual([]);
  });

  it('asks a réorientation for its motif, its target and the EDE', () => {
    const messages = missingBeforeSending(emptyFicheValues('2026-01-05', 'reorientation'), ctx).map((m) => m.message);
    expect(messages).toEqual(
      expect.arrayContaining(['Choisissez le motif de la réorientation', 'Choisissez l’orientation', 'Joignez l’échelle de distance à l’emploi (obligatoire pour une réorientation)']),
    );
  });

  it('asks CG actions for both signatures, the « précisez » text and the CV of a CUI positioning, at their fields', () => {
    const values = { ...emptyFicheValues('2026-01-05', 'actions_cg'), actionsCg: ['is_autres', 'ip_iae_cui_non_marchand'] };
    const missing = missingBeforeSending(values, ctx);
    expect(missing).toEqual(
      expect.arrayContaining([
        { path: 'signatures.referent', message: 'Signature du référent obligatoire' },
        { path: 'signatures.beneficiaire', message: 'Signature du bénéficiaire obligatoire' },
        { path: 'actionsCgPrecision.is_autres', message: expect.stringContaining('précisez l’action et l’organisme') },
      ]),
    );
    const signed = { ...values, signatures: { referent: '2026-01-05', beneficiaire: '2026-01-05' }, actionsCgPrecision: { is_autres: 'Atelier cuisine, centre social' } };
    expect(missingBeforeSending(signed, ctx).map((m) => m.message)).toEqual(['Positionnement sur un CUI : joignez le CV.']);
  });
});

const summary = (over: Partial<FicheSummary>): FicheSummary => ({
  id: 1,
  personId: PERSON,
  type: 'suspension',
  typeLabel: 'Passage en équipe pluridisciplinaire : suspension',
  status: 'envoyee',
  statusLabel: 'Envoyée au correspondant',
  date: '2026-01-02',
  sentOn: '2026-01-03',
  beneficiaire: 'MARTIN Marie Louise',
  referent: REFERENT.displayName,
  missing: ['Réponse du correspondant au référent (acceptation ou refus)'],
  awaitingPresident: false,
  updatedAt: '2026-01-03T10:00:00.000Z',
  ...over,
});

describe('correspondent’s inbox', () => {
  it('lists the fiches to handle in the API’s order (oldest first), with what remains to do in words', async () => {
    const backend = createFakeBackend({ user: CORRESPONDANT });
    backend.handle({
      'fiches.inbox': () => [
        summary({ id: 1 }),
        summary({ id: 2, type: 'actions_cg', typeLabel: 'Actions Conseil Général', status: 'acceptee', statusLabel: 'Acceptée par le correspondant', sentOn: '2026-01-04', beneficiaire: 'DURAND Paul', missing: ['Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche'] }),
      ],
    });
    renderApp(backend.transport, { path: '/fiches-de-liaison' });
    const table = await screen.findByRole('table', { name: 'Fiches de liaison à traiter' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('03/01/2026');
    expect(rows[0]).toHaveTextContent('À faire : Réponse du correspondant au référent (acceptation ou refus)');
    expect(rows[1]).toHaveTextContent('À faire : Retour de la structure (partie réservée à la structure)');
    expect(within(rows[1]!).getByRole('link')).toHaveAttribute('href', '/fiches-de-liaison/2');
    expect(screen.getByRole('status')).toHaveTextContent('2 fiches à traiter');
  });

  it('requires the answer to the référent before recording the decision', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: CORRESPONDANT });
    backend.handle({
      'fiches.get': () => sentFiche(),
      'epSaisines.forDossier': () => [],
      'fiches.answer': (input) => ({
        ...sentFiche(),
        status: input.decision,
        statusLabel: 'Acceptée par le correspondant',
        answer: { decision: input.decision, date: input.date, texte: input.texte, auteur: CORRESPONDANT.displayName },
        epSaisineId: 9,
        allowedActions: ['clore'],
        missing: ['Clôture de la fiche'],
      }),
    });
    renderApp(backend.transport, { path: '/fiches-de-liaison/55' });
    const section = await screen.findByRole('region', { name: 'Réponse au référent' });
    await user.click(within(section).getByRole('radio', { name: 'Accepter la demande' }));
    expect(within(section).getByText(/saisit l’équipe pluridisciplinaire/)).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: 'Enregistrer la réponse' }));
    const text = within(section).getByRole('textbox', { name: 'Réponse au référent' });
    await waitFor(() => expect(text).toHaveAccessibleDescription('Réponse au référent : ce champ est obligatoire'));
    expect(backend.inputsOf('fiches.answer')).toEqual([]);
    await user.type(text, 'Dossier inscrit à la prochaine EP.');
    await user.click(within(section).getByRole('button', { name: 'Enregistrer la réponse' }));
    expect(await screen.findByText('Demande acceptée')).toBeInTheDocument();
    expect(backend.inputsOf('fiches.answer')[0]).toMatchObject({ ficheId: 55, decision: 'acceptee', texte: 'Dossier inscrit à la prochaine EP.' });
    expect(screen.getByText('L’équipe pluridisciplinaire est saisie de cette demande.')).toBeInTheDocument();
  });
});

/** A suspension sent to the correspondent, who may answer it. */
function sentFiche(): FicheView {
  return {
    id: 55,
    personId: PERSON,
    typeLabel: 'Passage en équipe pluridisciplinaire : suspension',
    status: 'envoyee',
    statusLabel: 'Envoyée au correspondant',
    fiche: {
      type: 'suspension',
      date: '2026-01-05',
      contractId: null,
      texte: null,
      lieu: null,
      remarquesBeneficiaire: null,
      parCourriel: false,
      motif: 'non_respect',
      motifPrecision: 'Absences',
      cible: null,
      actionsCg: [],
      structureSouhaitee: null,
      pap: null,
      contrat: null,
      signatures: { referent: '2026-01-05', beneficiaire: null },
    },
    administratif: ADMINISTRATIF,
    edeId: null,
    attachments: [],
    missing: ['Réponse du correspondant au référent (acceptation ou refus)'],
    missingFields: {},
    papFlags: [],
    sentOn: '2026-01-05',
    answer: null,
    closedOn: null,
    president: null,
    awaitingPresident: false,
    structureFeedback: null,
    epSaisineId: null,
    avenantPapVersion: null,
    allowedActions: ['repondre'],
    version: 1,
    createdAt: '2026-01-05T10:00:00.000Z',
    updatedAt: '2026-01-05T10:00:00.000Z',
  };
}
