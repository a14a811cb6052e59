/**
 * Fiches de liaison from the référent's request to the correspondent's answer: appui (e-mail draft), suspension
 * (convocation letters required), réorientation (latest EDE attached), actions CG (Annexe 7 lists, signatures,
 * the structure's feedback); the inbox, oldest first, with what is missing; the EP saisines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/api/contracts';
import type { FicheView } from '../../../shared/api/fiches';
import { b64, cersInput, contractsWorld, expectNothingWritten, files, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;
let contract: ContractView;

/** A CERS of référent A's dossier, in progress from 2026-01-15 to 2026-07-14. */
async function contractInProgress(): Promise<ContractView> {
  let c = await h.ok(
    'contracts.create',
    cersInput(w.dA.person.id, [row('A.1.1', '2026-01-15', '2026-05-31'), row('D.3', '2026-02-01', '2026-07-14')], { start: '2026-01-15' }),
    s.refA,
  );
  // No EDE on this dossier yet (the réorientation below needs one): signed on an administrator's written override.
  c = await h.ok(
    'contracts.sign',
    {
      contractId: c.id,
      version: c.version,
      referent: { nom: 'Rémi Référent', date: '2026-01-10' },
      beneficiaire: { nom: 'Anne Martin', date: '2026-01-10' },
      edeWaiverReason: 'EDE reportée : la bénéficiaire était hospitalisée.',
    },
    s.admin,
  );
  c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2026-01-12' }, s.refA);
  c = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2026-01-14' }, s.corr);
  return h.ok('contracts.start', { contractId: c.id, version: c.version, date: '2026-01-15' }, s.refA);
}

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  contract = await contractInProgress();
});
afterAll(async () => {
  await h?.dispose();
});

const pdf = (marker: string) => ({ fileName: `${marker}.pdf`, mime: 'application/pdf' as const, contentBase64: b64(files.pdf(marker)) });

describe('prefill', () => {
  it('fills the administrative part from the dossier, the orientation and the contract in progress', async () => {
    const p = await h.ok('fiches.prefill', { personId: w.dA.person.id }, s.refA);
    expect(p.administratif).toMatchObject({
      mds: 'MDS de l’Arrageois',
      correspondant: 'Cora Correspondante',
      referent: { displayName: 'Rémi Référent' },
      organisme: 'MDS de l’Arrageois',
      beneficiaire: { nomPatronymique: 'MARTIN', prenoms: 'Anne', cafNumber: w.dA.foyer.cafNumber },
      contrat: { id: contract.id, type: 'CERS', start: '2026-01-15', end: '2026-07-14', status: 'en_cours' },
    });
    expect(p.latestEde).toBeNull();
    expect(p.avenantContract?.pap.actions.map((a) => a.actionCode)).toEqual(['A.1.1', 'D.3']);
  });
});

describe('demande d’appui', () => {
  let f: FicheView;

  it('a draft says what is missing; an e-mail draft can be produced', async () => {
    f = await h.ok('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-10', parCourriel: true }, s.refA);
    expect(f).toMatchObject({ status: 'brouillon', typeLabel: 'Demande d’appui', allowedActions: ['modifier', 'supprimer', 'joindre', 'envoyer'] });
    expect(f.missingFields).toEqual({ texte: 'Objet de la demande d’appui : ce champ est obligatoire' });
    expect(f.fiche.contractId).toBe(contract.id);
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-10' }, 'RULE', s.refA);
      expect(e.fieldErrors).toEqual({ texte: 'Objet de la demande d’appui : ce champ est obligatoire' });
    });
    f = await h.ok(
      'fiches.update',
      { ficheId: f.id, version: f.version, type: 'appui', date: '2026-02-10', parCourriel: true, texte: 'Quelles aides pour une formation de cariste ?' },
      s.refA,
    );
    expect(f.missing).toEqual([]);
    const mail = await h.ok('fiches.emailDraft', { ficheId: f.id }, s.refA);
    expect(mail.to).toBe('Cora Correspondante');
    expect(mail.subject).toBe(`Fiche de liaison – demande d’appui – MARTIN Anne (N° CAF ${w.dA.foyer.cafNumber})`);
    expect(mail.body).toContain('Quelles aides pour une formation de cariste ?');
    expect(mail.body).toContain('Contrat en cours : CERS du 15/01/2026 au 14/07/2026.');
  });

  it('sent, it reaches the inbox; it closes only with the correspondent’s answer', async () => {
    f = await h.ok('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-10' }, s.refA);
    expect(f).toMatchObject({ status: 'envoyee', sentOn: '2026-02-10', allowedActions: [] });
    const inbox = await h.ok('fiches.inbox', {}, s.corr);
    expect(inbox.map((x) => [x.id, x.missing])).toEqual([[f.id, ['Réponse du correspondant au référent (acceptation ou refus)']]]);
    await expectNothingWritten(h, async () => {
      await h.err('fiches.inbox', {}, 'FORBIDDEN', s.refA);
      const early = await h.err('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-11' }, 'RULE', s.corr);
      expect(early.message).toMatch(/se clôt avec la réponse du correspondant/);
      await h.err('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-11', decision: 'acceptee', texte: 'ok' }, 'FORBIDDEN', s.refA);
      const noText = await h.err('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-11', decision: 'acceptee', texte: ' ' }, 'VALIDATION', s.corr);
      expect(noText.fieldErrors).toEqual({ texte: 'Réponse au référent : ce champ est obligatoire' });
      const before = await h.err('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-09', decision: 'acceptee', texte: 'ok' }, 'RULE', s.corr);
      expect(before.fieldErrors?.date).toMatch(/ne peut pas précéder l’envoi/);
      const edit = await h.err('fiches.update', { ficheId: f.id, version: f.version, type: 'appui', date: '2026-02-10', texte: 'Autre' }, 'RULE', s.refA);
      expect(edit.message).toMatch(/ne se modifie plus/);
    });
    f = await h.ok('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-12', decision: 'refusee', texte: 'Voir avec la Mission Locale' }, s.corr);
    expect(f).toMatchObject({ status: 'refusee', answer: { decision: 'refusee', date: '2026-02-12', texte: 'Voir avec la Mission Locale', auteur: 'Cora Correspondante' } });
    expect(f.missing).toEqual(['Clôture de la fiche']);
    await expectNothingWritten(h, () =>
      h.err('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-12', decision: 'acceptee', texte: 'Finalement oui' }, 'RULE', s.corr),
    );
    f = await h.ok('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-12' }, s.corr);
    expect(f).toMatchObject({ status: 'close', closedOn: '2026-02-12' });
    expect((await h.ok('fiches.inbox', {}, s.corr)).map((x) => x.id)).not.toContain(f.id);
  });
});

describe('suspension and réorientation: to the EP', () => {
  let suspension: FicheView;
  let reorientation: FicheView;
  let edeId: number;

  it('a suspension without convocation letters cannot be sent; nothing written', async () => {
    suspension = await h.ok(
      'fiches.create',
      { personId: w.dA.person.id, type: 'suspension', date: '2026-02-12', motif: 'non_respect', motifPrecision: 'Absente à trois rendez-vous', signatures: { referent: '2026-02-12' } },
      s.refA,
    );
    expect(suspension.missingFields).toEqual({ convocations: 'Joignez les différents courriers de convocation (obligatoire pour une suspension)' });
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.send', { ficheId: suspension.id, version: suspension.version, date: '2026-02-14' }, 'RULE', s.refA);
      expect(e.fieldErrors).toEqual({ convocations: 'Joignez les différents courriers de convocation (obligatoire pour une suspension)' });
    });
    const unsigned = await h.ok(
      'fiches.update',
      { ficheId: suspension.id, version: suspension.version, type: 'suspension', date: '2026-02-12', motif: 'non_respect', motifPrecision: 'Absente à trois rendez-vous' },
      s.refA,
    );
    expect(unsigned.missingFields['signatures.referent']).toBe('Signature du référent obligatoire');
    suspension = await h.ok(
      'fiches.update',
      { ficheId: unsigned.id, version: unsigned.version, type: 'suspension', date: '2026-02-12', motif: 'non_respect', motifPrecision: 'Absente à trois rendez-vous', signatures: { referent: '2026-02-12' } },
      s.refA,
    );
  });

  it('a réorientation carries the latest EDE automatically; without any EDE it cannot be sent', async () => {
    const orphan = await h.ok('fiches.create', { personId: w.dNone.person.id, type: 'reorientation', date: '2026-02-12', motif: 'changement_situation', cible: 'solidarite' }, s.refA);
    expect(orphan.edeId).toBeNull();
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.send', { ficheId: orphan.id, version: orphan.version, date: '2026-02-12' }, 'RULE', s.refA);
      expect(e.fieldErrors?.edeId).toBe('Joignez l’échelle de distance à l’emploi (obligatoire pour une réorientation)');
    });
    await recordEde(h, s.refA, w.dA.person.id, '2026-01-20', [2, 2, 2, 2, 2, 2, 2, 2]);
    edeId = await recordEde(h, s.refA, w.dA.person.id, '2026-02-01', [1, 1, 3, 1, 1, 4, 1, 1]);
    reorientation = await h.ok(
      'fiches.create',
      { personId: w.dA.person.id, type: 'reorientation', date: '2026-02-11', motif: 'orientation_initiale_inadaptee', cible: 'professionnelle_autre', motifPrecision: 'Projet professionnel mûr' },
      s.refA,
    );
    expect(reorientation.edeId).toBe(edeId);
    expect(reorientation.missing).toEqual([]);
    const prefill = await h.ok('fiches.prefill', { personId: w.dA.person.id }, s.refA);
    expect(prefill.latestEde).toEqual({ id: edeId, date: '2026-02-01', themes: ['C', 'F'] });
  });

  it('with its convocation letters the suspension reaches the inbox, after the réorientation sent before it', async () => {
    for (const [date, name] of [['2026-01-05', 'convocation-1'], ['2026-01-26', 'convocation-2']] as const) {
      await h.ok('attachments.upload', { owner: { type: 'fiche', id: suspension.id }, kind: 'convocation', documentDate: date, label: `Convocation du ${date}`, ...pdf(name) }, s.refA);
    }
    suspension = await h.ok('fiches.get', { ficheId: suspension.id }, s.refA);
    expect(suspension.missing).toEqual([]);
    suspension = await h.ok('fiches.send', { ficheId: suspension.id, version: suspension.version, date: '2026-02-14' }, s.refA);
    reorientation = await h.ok('fiches.send', { ficheId: reorientation.id, version: reorientation.version, date: '2026-02-13' }, s.refA);
    const inbox = await h.ok('fiches.inbox', {}, s.corr);
    expect(inbox.map((x) => [x.typeLabel, x.sentOn, x.beneficiaire, x.referent])).toEqual([
      ['Passage en équipe pluridisciplinaire : réorientation', '2026-02-13', 'MARTIN Anne', 'Rémi Référent'],
      ['Passage en équipe pluridisciplinaire : suspension', '2026-02-14', 'MARTIN Anne', 'Rémi Référent'],
    ]);
    await expectNothingWritten(h, async () => {
      const e = await h.err('attachments.delete', { attachmentId: suspension.attachments[0]!.id }, 'RULE', s.refA);
      expect(e.message).toMatch(/a été envoyée/);
      await h.err('attachments.upload', { owner: { type: 'fiche', id: suspension.id }, kind: 'autre', ...pdf('tard') }, 'RULE', s.refA);
    });
  });

  it('accepting the suspension seizes the EP with the convocation letters', async () => {
    suspension = await h.ok('fiches.answer', { ficheId: suspension.id, version: suspension.version, date: '2026-02-16', decision: 'acceptee', texte: 'Passage en EP le mois prochain' }, s.corr);
    expect(suspension.status).toBe('acceptee');
    expect(suspension.epSaisineId).not.toBeNull();
    const saisines = await h.ok('epSaisines.forDossier', { personId: w.dA.person.id }, s.sec);
    const saisine = saisines.find((x) => x.id === suspension.epSaisineId);
    expect(saisine).toMatchObject({
      origin: 'fiche_suspension',
      originLabel: 'Demande de suspension (fiche de liaison)',
      date: '2026-02-16',
      avisDeadline: '2026-03-16',
      status: 'en_attente',
      ficheId: suspension.id,
      suspensionMotif: 'non_respect',
      contractId: contract.id,
      papId: contract.pap.id,
      attachmentIds: suspension.attachments.map((a) => a.id),
    });
    expect(saisine?.theme).toBe('Demande de suspension : Non respect du PPAE ou du contrat d’engagement');
  });

  it('accepting the réorientation seizes the EP with the EDE and the target; refusing creates nothing', async () => {
    reorientation = await h.ok('fiches.answer', { ficheId: reorientation.id, version: reorientation.version, date: '2026-02-17', decision: 'acceptee', texte: 'Transmis à l’EP' }, s.corr);
    const saisines = await h.ok('epSaisines.forDossier', { personId: w.dA.person.id }, s.refA);
    expect(saisines.find((x) => x.ficheId === reorientation.id)).toMatchObject({ origin: 'fiche_reorientation', edeId, cible: 'professionnelle_autre', avisDeadline: '2026-03-17' });
    expect(saisines).toHaveLength(2);
    reorientation = await h.ok('fiches.close', { ficheId: reorientation.id, version: reorientation.version, date: '2026-02-18' }, s.corr);
    expect(reorientation.status).toBe('close');
  });
});

describe('actions du Conseil Général', () => {
  let f: FicheView;

  it('checks the Annexe 7 lists, the precision, the CV for a CUI and both signatures before sending', async () => {
    await expectNothingWritten(h, async () => {
      const unknown = await h.err('fiches.create', { personId: w.dA.person.id, type: 'actions_cg', date: '2026-02-15', actionsCg: [{ code: 'inconnue' }] }, 'VALIDATION', s.refA);
      expect(unknown.fieldErrors).toEqual({ 'actionsCg.0.code': 'Action inconnue des listes de la fiche de liaison' });
    });
    f = await h.ok(
      'fiches.create',
      { personId: w.dA.person.id, type: 'actions_cg', date: '2026-02-15', actionsCg: [{ code: 'is_autres' }, { code: 'ip_iae_cui_non_marchand' }], signatures: { referent: '2026-02-15' } },
      s.refA,
    );
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-15' }, 'RULE', s.refA);
      expect(e.fieldErrors).toEqual({
        'actionsCg.0.precision': '« Autres actions et dispositifs (précisez : action, organisme) » : précisez l’action et l’organisme',
        'signatures.beneficiaire': 'Signature du bénéficiaire obligatoire',
      });
    });
    f = await h.ok(
      'fiches.update',
      {
        ficheId: f.id,
        version: f.version,
        type: 'actions_cg',
        date: '2026-02-15',
        actionsCg: [{ code: 'is_autres', precision: 'Atelier cuisine, centre social' }, { code: 'ip_iae_cui_non_marchand' }],
        structureSouhaitee: 'Centre social du Nord',
        signatures: { referent: '2026-02-15', beneficiaire: '2026-02-15' },
      },
      s.refA,
    );
    expect(f.missingFields).toEqual({ cvJoint: 'Positionnement sur un CUI : joignez le CV.' });
    await h.ok('attachments.upload', { owner: { type: 'fiche', id: f.id }, kind: 'cv', fileName: 'cv.docx', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentBase64: b64(files.docx()) }, s.refA);
    f = await h.ok('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-15' }, s.refA);
    expect(f.fiche.actionsCg.map((a) => a.label)).toEqual(['Autres actions et dispositifs (précisez : action, organisme)', 'Positionnement sur un Contrat Unique d’Insertion non Marchand']);
  });

  it('accepted, it waits for the structure’s feedback, recorded as on the handbook’s last page', async () => {
    f = await h.ok('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-16', decision: 'acceptee', texte: 'Inscription demandée' }, s.corr);
    expect(f.epSaisineId).toBeNull();
    // The Président's part (fiches-president.test.ts): his accord designates the structure.
    f = await h.ok('fiches.presidentDecision', { ficheId: f.id, version: f.version, decision: 'accord', structure: 'Centre social du Nord', date: '2026-02-16', signatoryName: 'Cora Correspondante', signatoryFunction: 'Chef du SLAI' }, s.corr);
    const inbox = await h.ok('fiches.inbox', {}, s.corr);
    expect(inbox.find((x) => x.id === f.id)?.missing).toEqual(['Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche']);
    await expectNothingWritten(h, async () => {
      const e = await h.err(
        'fiches.structureFeedback',
        { ficheId: f.id, version: f.version, feedback: { structure: 'Centre social du Nord', outcome: 'absente' } },
        'VALIDATION',
        s.refA,
      );
      expect(e.fieldErrors).toEqual({ 'feedback.nouvelleDate': 'Indiquez l’autre date de rendez-vous' });
      const motif = await h.err('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'X', outcome: 'ne_poursuit_pas' } }, 'VALIDATION', s.refA);
      expect(motif.fieldErrors).toEqual({ 'feedback.motif': 'Indiquez le motif' });
      await h.err('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'X', outcome: 'commence' } }, 'FORBIDDEN', s.sec);
      await h.err('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'X', outcome: 'commence' } }, 'FORBIDDEN', s.refB);
    });
    f = await h.ok(
      'fiches.structureFeedback',
      {
        ficheId: f.id,
        version: f.version,
        feedback: { structure: 'Centre social du Nord', intervenant: 'Mme Leroy', premierRendezVous: '2026-02-20', outcome: 'absente', nouvelleDate: '2026-03-05', synthese: 'À relancer' },
      },
      s.corr,
    );
    expect(f.structureFeedback).toMatchObject({
      outcome: 'absente',
      outcomeLabel: 'La personne ne s’est pas présentée au rendez-vous (autre date de rendez-vous)',
      nouvelleDate: '2026-03-05',
    });
    expect(f.missing).toEqual(['Clôture de la fiche']);
    f = await h.ok('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-21' }, s.corr);
    expect(f.status).toBe('close');
    await expectNothingWritten(h, () =>
      h.err('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'X', outcome: 'commence' } }, 'RULE', s.corr),
    );
  });
});

describe('access', () => {
  it('another référent neither reads nor writes the fiches; the EP secretary reads only', async () => {
    const list = await h.ok('fiches.listForDossier', { personId: w.dA.person.id }, s.sec);
    expect(list.length).toBeGreaterThanOrEqual(4);
    const one = await h.ok('fiches.get', { ficheId: list[0]!.id }, s.sec);
    expect(one.allowedActions).toEqual([]);
    await expectNothingWritten(h, async () => {
      await h.err('fiches.get', { ficheId: list[0]!.id }, 'FORBIDDEN', s.refB);
      await h.err('fiches.listForDossier', { personId: w.dA.person.id }, 'FORBIDDEN', s.refB);
      await h.err('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-20', texte: 'x' }, 'FORBIDDEN', s.refB);
      await h.err('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-20', texte: 'x' }, 'FORBIDDEN', s.sec);
      await h.err('fiches.inbox', {}, 'FORBIDDEN', s.sec);
      await h.err('fiches.emailDraft', { ficheId: list[0]!.id }, 'FORBIDDEN', s.refB);
    });
  });
});
