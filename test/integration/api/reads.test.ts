/**
 * `writes` is what the dispatcher goes by: a method declared `writes: false` gets a read-only connection. Here every
 * such method of the contract is called, on a world where each finds something to read (dossiers with an interview,
 * a contract, fiches with attachments, an EP session with its decision and archived documents): each answers, and
 * the database is the same after the call as before. A method that writes while declared read-only fails here (the
 * read-only connection refuses its write: INTERNAL); a new read method without its call here fails too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type MethodInput, type MethodName } from '../../../shared/api/contract';
import { recoveryKeyFromBytes } from '../../../shared/api/recovery';
import type { DocumentPrinter } from '../../../main/app';
import { row } from './contracts-fixtures';
import { epWorld, SIGNATORY, TODAY, type EpWorld } from './ep-fixtures';
import { ADMIN, PASSWORDS, startHarness, storedState, type Harness } from './harness';
import { paliers } from './interview-fixtures';

type Call<M extends MethodName> = { input: MethodInput<M>; as: string | undefined };
type Reads = { [M in MethodName]?: Call<M> };

let h: Harness;
let w: EpWorld;
let reads: Reads;
const printer: DocumentPrinter = { print: async () => true };

beforeAll(async () => {
  h = await startHarness({ printer });
  w = await epWorld(h);
  const { admin, correspondant: corr, secretaire, referentA } = w.staff;
  const refA = referentA.session;
  const sec = secretaire.session;
  const person = w.reo.person.id;

  // Interview: two DSP revisions and two EDEs to compare.
  const dsp1 = await h.ok('dsp.save', { personId: person, basedOnRevisionId: null, content: { generalites: { sitpersdemrsa: '0107' } } }, refA);
  const dsp2 = await h.ok('dsp.save', { personId: person, basedOnRevisionId: dsp1.revision.id, content: { generalites: { sitpersdemrsa: '0108' } } }, refA);
  const edes = await h.ok('ede.list', { personId: person }, refA);
  const ede2 = await h.ok('ede.create', { personId: person, date: '2026-02-20', gridVersion: 1, paliers: paliers([2, 1, 2, 1, 1, 2, 1, 1]) }, refA);
  // A contract (a draft) and a draft of a form.
  const contract = await h.ok(
    'contracts.create',
    {
      personId: person,
      type: 'CERS',
      start: '2026-02-01',
      durationMonths: 6,
      objectifs: 'Stabiliser la situation',
      resultatsAttendus: 'Un budget équilibré',
      emploisRecherches: 'Employée de libre-service',
      pap: { actions: [row('A.1.1', '2026-02-01', '2026-05-31')] },
      referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: [] },
    },
    refA,
  );
  await h.ok('drafts.save', { key: 'lecture:test', data: { n: 1 } }, refA);
  // The suspension's fiche and its attachments.
  const fiche = (await h.ok('fiches.listForDossier', { personId: w.susp.person.id }, refA))[0]!;
  const attachment = (await h.ok('attachments.list', { owner: { type: 'fiche', id: fiche.id } }, refA))[0]!;
  const appui = await h.ok('fiches.create', { personId: person, type: 'appui', date: TODAY, texte: 'Quelles aides pour une formation ?' }, refA);
  // An EP session held, the suspension decided, its letter archived.
  let session = await h.ok('ep.sessions.create', { date: TODAY, place: 'MDS', startTime: '09:00', casesPerSlot: 2, slotMinutes: 30 }, sec);
  session = await h.ok('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: [w.saisines.susp, w.saisines.reo] }, sec);
  for (const to of ['dossiers_inscrits', 'convocations_envoyees', 'tenue'] as const) session = await h.ok('ep.sessions.advance', { sessionId: session.id, to }, sec);
  session = await h.ok(
    'ep.sessions.recordAttendance',
    { sessionId: session.id, attendance: session.attendance.map((a) => ({ memberId: a.memberId, status: 'present' as const })) },
    sec,
  );
  const item = session.items.find((i) => i.saisineId === w.saisines.susp)!;
  await h.ok('ep.sessions.recordAvis', { sessionId: session.id, itemId: item.itemId, date: TODAY, sens: 'favorable', motivation: 'Contrat non signé.' }, sec);
  await h.ok('ep.sessions.recordDecision', { sessionId: session.id, itemId: item.itemId, date: TODAY, sens: 'favorable', ...SIGNATORY }, sec);
  const letter = await h.ok('ep.sessions.letterPdf', { sessionId: session.id, kind: 'decision_beneficiaire', itemId: item.itemId }, sec);
  const spare = (await h.ok('auth.login', { login: 'remi', password: PASSWORDS.referentA })).session;

  const importCsv = 'N° allocataire;Nom;Prénoms;Date de naissance;Sexe;Adresse;Code postal;Commune;Situation familiale;RSA depuis le\r\n1234567;X;Y;01/01/1990;F;1 rue;62000;Arras;Célibataire;01/01/2026\r\n';
  const importBatch = (await h.ok('imports.preview', { kind: 'caf_nouveaux', source: 'CAF', fileName: 'liste.csv', contentBase64: Buffer.from(importCsv).toString('base64') }, corr.session)).batchId!;
  const backup = await h.ok('backups.create', {}, admin.session);
  const byPerson = { personId: person };
  reads = {
    'app.status': { input: {}, as: undefined },
    'auth.login': { input: { login: ADMIN.login, password: ADMIN.password }, as: undefined },
    'auth.logout': { input: {}, as: spare },
    'live.poll': { input: { after: 0 }, as: refA },
    'auth.me': { input: {}, as: refA },
    'auth.unlock': { input: { password: PASSWORDS.referentA }, as: refA },
    'users.list': { input: {}, as: admin.session },
    'users.staff': { input: {}, as: refA },
    'recovery.status': { input: {}, as: admin.session },
    'recovery.sheet': { input: { recoveryKey: recoveryKeyFromBytes(new Array<number>(25).fill(3)), createdAt: '2026-03-02T09:00:00.000Z', mds: { name: 'MDS' } }, as: undefined },
    'users.orphanSlots': { input: {}, as: admin.session },
    'users.withoutKey': { input: {}, as: admin.session },
    'mds.get': { input: {}, as: refA },
    'dossiers.search': { input: { query: 'LEBRUN' }, as: refA },
    'dossiers.get': { input: byPerson, as: refA },
    'audit.forDossier': { input: byPerson, as: admin.session },
    'drafts.get': { input: { key: 'lecture:test' }, as: refA },
    'dsp.latest': { input: byPerson, as: refA },
    'dsp.history': { input: byPerson, as: refA },
    'dsp.get': { input: { revisionId: dsp2.revision.id }, as: refA },
    'dsp.compare': { input: { fromRevisionId: dsp1.revision.id, toRevisionId: dsp2.revision.id }, as: refA },
    'ede.grid': { input: {}, as: refA },
    'ede.list': { input: byPerson, as: refA },
    'ede.get': { input: { edeId: ede2.id }, as: refA },
    'ede.compare': { input: { fromEdeId: edes[0]!.id, toEdeId: ede2.id }, as: refA },
    'orientation.proposal': { input: byPerson, as: refA },
    'orientation.preconisations.list': { input: byPerson, as: refA },
    'orientation.awaiting': { input: {}, as: corr.session },
    'orientation.current': { input: byPerson, as: refA },
    'orientation.history': { input: byPerson, as: refA },
    'droitsDevoirs.get': { input: byPerson, as: refA },
    'organismes.list': { input: {}, as: admin.session },
    'referents.list': { input: {}, as: admin.session },
    'interview.summary': { input: byPerson, as: refA },
    'contracts.prefill': { input: byPerson, as: refA },
    'contracts.listForDossier': { input: byPerson, as: refA },
    'contracts.get': { input: { contractId: contract.id }, as: refA },
    'contracts.papVersion': { input: { contractId: contract.id, papVersion: 1 }, as: refA },
    'contracts.outcomes': { input: { contractId: contract.id }, as: refA },
    'contracts.awaitingDecision': { input: {}, as: corr.session },
    'contracts.papActions': { input: { type: 'CERS', theme: 'A' }, as: refA },
    'rome.search': { input: { query: 'cariste' }, as: refA },
    'epSaisines.forDossier': { input: byPerson, as: refA },
    'fiches.prefill': { input: byPerson, as: refA },
    'fiches.listForDossier': { input: { personId: w.susp.person.id }, as: refA },
    'fiches.get': { input: { ficheId: fiche.id }, as: refA },
    'fiches.inbox': { input: {}, as: corr.session },
    'fiches.emailDraft': { input: { ficheId: appui.id }, as: refA },
    'attachments.list': { input: { owner: { type: 'fiche', id: fiche.id } }, as: refA },
    'attachments.download': { input: { attachmentId: attachment.id }, as: refA },
    'ep.get': { input: {}, as: sec },
    'ep.queue': { input: {}, as: sec },
    'desk.badge': { input: {}, as: refA },
    'echeancier.list': { input: { filter: { kinds: ['avis_ep'] } }, as: corr.session },
    'echeancier.calendar': { input: { from: '2026-03-01', to: '2026-03-31' }, as: refA },
    'worklists.list': { input: { list: 'orientation_a_proposer' }, as: corr.session },
    'ep.sessions.list': { input: {}, as: sec },
    'ep.sessions.get': { input: { sessionId: session.id }, as: sec },
    'ep.sessions.convocations': { input: { sessionId: session.id }, as: sec },
    'ep.sessions.file': { input: { sessionId: session.id, anonymised: true }, as: sec },
    'ep.sessions.minutes': { input: { sessionId: session.id }, as: sec },
    'ep.sessions.decisionLetter': { input: { sessionId: session.id, itemId: item.itemId }, as: sec },
    'ep.outcomesForDossier': { input: { personId: w.susp.person.id }, as: refA },
    'ep.sanctionsForDossier': { input: { personId: w.susp.person.id }, as: refA },
    'documents.list': { input: { personId: w.susp.person.id }, as: refA },
    'documents.printable': { input: byPerson, as: refA },
    'documents.get': { input: { id: letter.document.id }, as: refA },
    'documents.print': { input: { id: letter.document.id, copies: 1 }, as: refA },
    'documents.printSupport': { input: {}, as: refA },
    'appointments.listForDossier': { input: byPerson, as: refA },
    'appointments.suspensionProposal': { input: byPerson, as: refA },
    'backups.list': { input: {}, as: admin.session },
    'backups.settings.get': { input: {}, as: admin.session },
    'backups.inspect': { input: { id: backup.id }, as: admin.session },
    'rgpd.retention': { input: {}, as: admin.session },
    'rgpd.purgeCandidates': { input: {}, as: admin.session },
    'backups.inspectFolder': { input: { path: backup.path }, as: undefined },
    'statistics.get': { input: { filter: { from: '2025-01-01' } }, as: corr.session },
    'statistics.options': { input: {}, as: sec },
    'duplicates.list': { input: {}, as: corr.session },
    'merge.preview': { input: { keptPersonId: w.dA.person.id, mergedPersonId: w.dB.person.id }, as: corr.session },
    'imports.sources': { input: {}, as: corr.session },
    'imports.rows': { input: { batchId: importBatch }, as: corr.session },
    'imports.progress': { input: { batchId: importBatch }, as: corr.session },
    'imports.cancel': { input: { batchId: importBatch }, as: corr.session },
    'imports.rejectedFile': { input: { batchId: importBatch }, as: corr.session },
    'imports.batches': { input: {}, as: corr.session },
    'communes.list': { input: {}, as: admin.session },
  };
}, 180_000);
afterAll(async () => {
  await h?.dispose();
});

const readMethods = (Object.keys(api) as MethodName[]).filter((m) => !api[m].writes);

describe('methods declared read-only', () => {
  it('are all called here', () => {
    expect(Object.keys(reads).sort()).toEqual([...readMethods].sort());
  });

  it('each answers and leaves the database as it was', async () => {
    for (const method of readMethods) {
      const call = reads[method] as Call<MethodName>;
      const before = await storedState(h);
      const response = await h.call(method, call.input, call.as);
      expect(response.ok ? 'ok' : response.error, method).toBe('ok');
      expect(await storedState(h), method).toEqual(before);
    }
  }, 180_000);
});
