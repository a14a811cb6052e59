/**
 * Several people on the same records (issue 14 §4): for each record kind, two users (or two sessions) read
 * version n; the first saves; the second save, based on version n, is refused with « Modifié par <nom> à HH:MM »
 * (who and when from the journal, Paris time), the error carries `conflict: { by, at }`, and nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView } from '../../../shared/api/contracts';
import type { DspContentInput } from '../../../shared/api/dsp';
import type { Dossier } from '../../../shared/api/dossier';
import type { ApiErrorBody } from '../../../shared/api/errors';
import { conflictWhen } from '../../../main/services/kit';
import { contractsWorld, cersInput, expectNothingWritten, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { epWorld, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { PASSWORDS, startHarness, type Harness } from './harness';

/** The clock of the harness is 2026-03-02T09:00Z: 10:00 in Paris. */
const KEEP = 'Vos saisies sont conservées : comparez-les avec la version enregistrée, puis enregistrez à nouveau.';

function expectConflict(error: ApiErrorBody, lead: string, by: string, when: string, at: string): void {
  expect(error.message).toBe(`${lead} Modifié par ${by} ${when}. ${KEEP}`);
  expect(error.conflict).toEqual({ by, at });
}

describe('conflictWhen', () => {
  it('gives the Paris time on the same day, the date and time before', () => {
    expect(conflictWhen('2026-03-02T09:00:00.000Z', '2026-03-02T20:00:00.000Z')).toBe('à 10:00');
    // 23:30 UTC on 1 March is 00:30 on 2 March in Paris: the same Paris day.
    expect(conflictWhen('2026-03-01T23:30:00.000Z', '2026-03-02T09:00:00.000Z')).toBe('à 00:30');
    expect(conflictWhen('2026-03-01T22:30:00.000Z', '2026-03-02T09:00:00.000Z')).toBe('le 01/03/2026 à 23:30');
    // Summer time: UTC+2.
    expect(conflictWhen('2026-07-14T12:05:00.000Z', '2026-07-20T12:00:00.000Z')).toBe('le 14/07/2026 à 14:05');
  });
});

describe('records of a dossier: dossier, DSP, contract and PAP, fiche de liaison, rendez-vous', () => {
  let h: Harness;
  let w: ContractsWorld;
  let s: ReturnType<typeof sessions>;
  const at = () => h.clock.now.toISOString();

  beforeAll(async () => {
    h = await startHarness();
    w = await contractsWorld(h);
    s = sessions(w.staff);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const dossierForm = (d: Dossier, prenoms: string) => ({
    personId: d.person.id,
    version: d.version,
    foyer: { cafNumber: d.foyer.cafNumber, rsaDepuis: d.foyer.rsaDepuis, situationFamiliale: d.foyer.situationFamiliale, address: d.foyer.address, enfants: d.foyer.enfants },
    person: {
      nomPatronymique: d.person.nomPatronymique,
      prenoms,
      sexe: d.person.sexe,
      dateNaissance: d.person.dateNaissance,
    },
  });

  it('dossier: the correspondent’s stale save is refused, naming the référent and the time', async () => {
    const loaded = await h.ok('dossiers.get', { personId: w.dA.person.id }, s.corr);
    h.clock.advanceMinutes(5);
    await h.ok('dossiers.update', dossierForm(loaded, 'Anne-Marie'), s.refA);
    const savedAt = at();
    h.clock.advanceMinutes(1);
    await expectNothingWritten(h, async () => {
      const e = await h.err('dossiers.update', dossierForm(loaded, 'Annie'), 'CONFLICT', s.corr);
      expectConflict(e, 'Ce dossier a été modifié entre-temps.', 'Rémi Référent', 'à 10:05', savedAt);
    });
  });

  it('DSP: a save based on the replaced revision is refused with who and when', async () => {
    const content: DspContentInput = { generalites: { sitpersdemrsa: '0107', topdrorsarmiant: 'non' } };
    const first = await h.ok('dsp.save', { personId: w.dA.person.id, basedOnRevisionId: null, content }, s.refA);
    await h.ok('dsp.save', { personId: w.dA.person.id, basedOnRevisionId: first.revision.id, content }, s.corr);
    await expectNothingWritten(h, async () => {
      const e = await h.err('dsp.save', { personId: w.dA.person.id, basedOnRevisionId: first.revision.id, content }, 'CONFLICT', s.refA);
      expectConflict(e, 'La DSP a été enregistrée entre-temps (version 2).', 'Cora Correspondante', 'à 10:06', at());
      expect(e.fieldErrors).toEqual({ basedOnRevisionId: 'Version de la DSP dépassée' });
    });
  });

  it('contract and PAP: two editors of the same draft; the second is refused, then saves knowingly on the new version', async () => {
    const draft = await h.ok('contracts.create', cersInput(w.dA.person.id, [row('A.1.1', '2025-02-01', '2025-05-31')]), s.refA);
    const form = (c: ContractView, objectifs: string) => ({
      contractId: c.id,
      version: c.version,
      type: c.type,
      start: c.start,
      durationMonths: c.durationMonths,
      objectifs,
      resultatsAttendus: c.resultatsAttendus,
      emploisRecherches: c.emploisRecherches,
      pap: { actions: c.pap.actions.map(({ actionLabel: _l, ...r }) => ({ ...r, bilan: r.bilan ?? undefined })) },
      referent: c.referent,
      remarquesBeneficiaire: c.remarquesBeneficiaire,
      cerp: null,
      suiviEmploi: [],
    });
    h.clock.advanceMinutes(10);
    const saved = await h.ok('contracts.update', form(draft, 'Objectifs de Rémi'), s.refA);
    expect(saved.version).toBe(draft.version + 1);
    await expectNothingWritten(h, async () => {
      const e = await h.err('contracts.update', form(draft, 'Objectifs de Cora'), 'CONFLICT', s.corr);
      expectConflict(e, 'Ce contrat a été modifié entre-temps.', 'Rémi Référent', 'à 10:16', at());
      // The PAP of the draft is refused the same way (its rows travel with the contract's version).
      const pap = form(draft, 'Objectifs de Rémi');
      await h.err('contracts.update', { ...pap, pap: { actions: [...pap.pap.actions, row('A.1.2', '2025-03-01', '2025-05-31')] } }, 'CONFLICT', s.corr);
    });
    // « Garder mes saisies »: the screen takes the new version number; the next save overwrites knowingly.
    const kept = await h.ok('contracts.update', form(saved, 'Objectifs de Cora'), s.corr);
    expect(kept).toMatchObject({ objectifs: 'Objectifs de Cora', version: saved.version + 1 });
  });

  it('fiche de liaison: the second editor is refused', async () => {
    const f = await h.ok('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-10', parCourriel: true }, s.refA);
    const form = (texte: string) => ({ ficheId: f.id, version: f.version, type: 'appui' as const, date: '2026-02-10', parCourriel: true, texte });
    h.clock.advanceMinutes(4);
    await h.ok('fiches.update', form('Question de Cora'), s.corr);
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.update', form('Question de Rémi'), 'CONFLICT', s.refA);
      expectConflict(e, 'Cette fiche a été modifiée entre-temps.', 'Cora Correspondante', 'à 10:20', at());
      await h.err('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-10' }, 'CONFLICT', s.refA);
    });
  });

  it('rendez-vous: moved by one, the other’s change is refused; a journal line of another day gives the date', async () => {
    const rdv = (date: string) => ({ date, time: '09:30', place: 'MDS de l’Arrageois, bureau 2', object: 'Point d’étape', withConvocation: false });
    const planned = await h.ok('appointments.plan', { personId: w.dA.person.id, ...rdv('2026-03-20') }, s.refA);
    await h.ok('appointments.update', { appointmentId: planned.id, version: planned.version, ...rdv('2026-03-21') }, s.refA);
    const movedAt = at();
    // The next morning (a new session: the sessions of the day before have ended).
    h.clock.advanceMinutes(24 * 60);
    const corr = (await h.ok('auth.login', { login: 'cora', password: PASSWORDS.correspondant })).session;
    await expectNothingWritten(h, async () => {
      const e = await h.err('appointments.update', { appointmentId: planned.id, version: planned.version, ...rdv('2026-03-22') }, 'CONFLICT', corr);
      expectConflict(e, 'Ce rendez-vous a été modifié entre-temps.', 'Rémi Référent', 'le 02/03/2026 à 10:20', movedAt);
      await h.err('appointments.cancel', { appointmentId: planned.id, version: planned.version, reason: 'Empêchement' }, 'CONFLICT', corr);
    });
  });
});

describe('EP: the session, the avis and the decision', () => {
  let h: Harness;
  let w: EpWorld;
  let sec2: string;
  const sec = () => w.staff.secretaire.session;
  const at = () => h.clock.now.toISOString();

  beforeAll(async () => {
    h = await startHarness();
    w = await epWorld(h);
    sec2 = (await h.ok('auth.login', { login: 'sam', password: PASSWORDS.secretaire })).session;
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('EP session: a stale change of date and place is refused with who and when', async () => {
    const created = await h.ok('ep.sessions.create', { date: TODAY, place: 'Salle A', startTime: '09:00' }, sec());
    const form = (place: string) => ({ sessionId: created.id, version: created.version, date: TODAY, place, startTime: '09:00' });
    h.clock.advanceMinutes(30);
    const saved = await h.ok('ep.sessions.update', form('Salle B'), sec());
    expect(saved.version).toBe(created.version + 1);
    await expectNothingWritten(h, async () => {
      const e = await h.err('ep.sessions.update', form('Salle C'), 'CONFLICT', sec2);
      expectConflict(e, 'Cette séance a été modifiée entre-temps.', 'Sam Secrétaire', 'à 10:30', at());
    });
  });

  it('avis and decision: the second recording is refused (the rule), naming who recorded the first and when', async () => {
    let session = await h.ok('ep.sessions.create', { date: TODAY, place: 'Salle du conseil', startTime: '09:00' }, sec());
    await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.cers] }, sec());
    for (const to of ['dossiers_inscrits', 'convocations_envoyees', 'tenue'] as const) await h.ok('ep.sessions.advance', { sessionId: session.id, to }, sec());
    session = await h.ok('ep.sessions.get', { sessionId: session.id }, sec());
    const itemId = session.items.find((i) => i.saisineId === w.saisines.cers)!.itemId;
    const avis = (motivation: string) => ({ sessionId: session.id, itemId, date: TODAY, sens: 'favorable' as const, motivation });
    h.clock.advanceMinutes(7);
    await h.ok('ep.sessions.recordAvis', avis('Avis du premier poste'), sec());
    const avisAt = at();
    const advice = 'Rechargez pour lire ce qui a été enregistré ; vos saisies restent à l’écran.';
    await expectNothingWritten(h, async () => {
      const e = await h.err('ep.sessions.recordAvis', avis('Avis du second poste'), 'RULE', sec2);
      expect(e.message).toBe(`L’équipe pluridisciplinaire a déjà rendu son avis sur cette saisine. Modifié par Sam Secrétaire à 10:37. ${advice}`);
      expect(e.conflict).toEqual({ by: 'Sam Secrétaire', at: avisAt });
    });
    const decision = {
      sessionId: session.id,
      itemId,
      date: TODAY,
      sens: 'favorable' as const,
      orientation: 'professionnelle_pole_emploi' as const,
      organismeReferentId: w.organismes.pe.id,
      correspondantId: w.staff.correspondant.id,
      ...SIGNATORY,
    };
    h.clock.advanceMinutes(1);
    await h.ok('ep.sessions.recordDecision', decision, sec2);
    await expectNothingWritten(h, async () => {
      const e = await h.err('ep.sessions.recordDecision', { ...decision, commentaire: 'Autre décision' }, 'RULE', sec());
      expect(e.message).toBe(`Le Président a déjà pris sa décision sur cette saisine. Modifié par Sam Secrétaire à 10:38. ${advice}`);
      expect(e.conflict).toEqual({ by: 'Sam Secrétaire', at: at() });
    });
  });
});
