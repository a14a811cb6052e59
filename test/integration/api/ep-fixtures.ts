/**
 * Fixtures of the EP API tests: the interview world (staff, organismes), an EP with five members, and three
 * dossiers seized for the EP — a réorientation and a suspension through the fiches de liaison (accepted by the
 * correspondent), a CERS at 12 months (inserted as the contracts capability records it: that flow needs a year of
 * contract) — plus raw SQL access to the test's database.
 */
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { unwrapKey } from '../../../db/keyslots';
import type { Dossier } from '../../../shared/api/dossier';
import type { Ep } from '../../../shared/api/ep';
import { avisDeadline } from '../../../shared/domain/rules/ep';
import { ADMIN, dossierInput, type Harness } from './harness';
import { interviewWorld, paliers, type InterviewWorld } from './interview-fixtures';

/** Runs raw SQL on the test's database through a second connection (to seed or to move an account). */
export async function withSql<T>(h: Harness, fn: (sqlite: Database.Database) => T): Promise<T> {
  const key = await unwrapKey(path.join(h.dataDir, 'parcours.keys.json'), ADMIN.login, ADMIN.password);
  if (!key) throw new Error('clé introuvable');
  const sqlite = new Database(path.join(h.dataDir, 'parcours.db'), { fileMustExist: true });
  try {
    sqlite.pragma("cipher = 'sqlcipher'");
    sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    sqlite.pragma('foreign_keys = ON');
    return fn(sqlite);
  } finally {
    sqlite.close();
  }
}

export interface EpWorld extends InterviewWorld {
  ep: Ep;
  /** Dossiers seized: réorientation, suspension, CERS at 12 months. */
  reo: Dossier;
  susp: Dossier;
  cers: Dossier;
  saisines: { reo: number; susp: number; cers: number };
}

const today = '2026-03-02';

async function acceptedFiche(h: Harness, w: InterviewWorld, personId: number, fiche: Record<string, unknown>, date: string): Promise<number> {
  const created = await h.ok('fiches.create', { personId, date, ...fiche } as never, w.staff.referentA.session);
  if (fiche.type === 'suspension') {
    for (const day of ['2026-01-20', '2026-02-03']) {
      await h.ok(
        'attachments.upload',
        {
          owner: { type: 'fiche', id: created.id },
          kind: 'convocation',
          fileName: `convocation-${day}.pdf`,
          mime: 'application/pdf',
          contentBase64: Buffer.from('%PDF-1.4\n% convocation\n%%EOF\n').toString('base64'),
          documentDate: day,
          label: `Convocation du ${day}`,
        },
        w.staff.referentA.session,
      );
    }
  }
  const sent = await h.ok('fiches.send', { ficheId: created.id, version: created.version, date }, w.staff.referentA.session);
  const answered = await h.ok(
    'fiches.answer',
    { ficheId: sent.id, version: sent.version, date, decision: 'acceptee', texte: 'Demande transmise à l’équipe pluridisciplinaire.' },
    w.staff.correspondant.session,
  );
  if (answered.epSaisineId === null) throw new Error('pas de saisine créée');
  return answered.epSaisineId;
}

/** The world of the EP tests (clock: 2 March 2026). */
export async function epWorld(h: Harness): Promise<EpWorld> {
  const w = await interviewWorld(h);
  const sec = w.staff.secretaire.session;
  await h.ok('ep.save', { name: 'Équipe pluridisciplinaire de l’Arrageois' }, sec);
  await h.ok('ep.addMember', { name: 'Jean Conseiller', function: 'Conseiller général', organisation: 'conseil_general', isPresident: true }, sec);
  await h.ok('ep.addMember', { name: 'Marie Solidarité', function: 'Responsable de MDS', organisation: 'mds' }, sec);
  await h.ok('ep.addMember', { name: 'Claude Caf', function: 'Conseiller CAF', organisation: 'caf', substituteName: 'Dominique Suppléant' }, sec);
  await h.ok('ep.addMember', { name: 'Pierre Emploi', function: 'Conseiller', organisation: 'pole_emploi' }, sec);
  const ep = await h.ok('ep.addMember', { name: 'Rose Usager', function: 'Représentante', organisation: 'beneficiaires' }, sec);

  const orient = async (personId: number) =>
    h.ok(
      'orientation.decide',
      {
        personId,
        date: '2026-01-05',
        orientation: 'solidarite',
        organismeReferentId: w.organismes.mds.id,
        referentId: w.referents.mdsA.id,
        correspondantId: w.staff.correspondant.id,
        motif: 'Première orientation',
      },
      w.staff.correspondant.session,
    );
  const make = (nom: string, prenoms: string) =>
    h.ok('dossiers.create', dossierInput({ nom, prenoms, correspondantId: w.staff.correspondant.id }), w.staff.referentA.session);
  const reo = await make('LEBRUN', 'Lucie');
  const susp = await make('FONTAINE', 'Marc');
  const cers = await make('GIRARD', 'Nina');
  for (const d of [reo, susp, cers]) await orient(d.person.id);

  const ede = await h.ok(
    'ede.create',
    { personId: reo.person.id, date: '2026-02-05', gridVersion: 1, paliers: paliers([1, 1, 2, 1, 1, 2, 1, 1]) },
    w.staff.referentA.session,
  );
  const reoSaisine = await acceptedFiche(
    h,
    w,
    reo.person.id,
    { type: 'reorientation', motif: 'autres', motifPrecision: 'Projet professionnel construit', cible: 'professionnelle_autre', edeId: ede.id, texte: 'Demande de passage vers le PLIE' },
    '2026-02-05',
  );
  const suspSaisine = await acceptedFiche(h, w, susp.person.id, { type: 'suspension', motif: 'non_signature', motifPrecision: 'Trois rendez-vous manqués', signatures: { referent: '2026-02-20' } }, '2026-02-20');
  const cersSaisine = await withSql(h, (sqlite) =>
    Number(
      sqlite
        .prepare(
          `INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, status, attachment_ids, created_by_id)
           VALUES (?, 'cers_12_mois', 'Suivi solidarité de 12 mois : orientation à revoir', ?, ?, 'en_attente', '[]', ?)`,
        )
        .run(cers.person.id, '2026-01-25', avisDeadline({ date: '2026-01-25' }), w.staff.correspondant.id).lastInsertRowid,
    ),
  );
  return { ...w, ep, reo, susp, cers, saisines: { reo: reoSaisine, susp: suspSaisine, cers: cersSaisine } };
}

export const TODAY = today;
/** Who signs the Président's decisions in the tests (Annexe 7: by delegation, the SLAI's chief). */
export const SIGNATORY = {
  signatoryName: 'Claire Delattre',
  signatoryFunction: 'Chef du Service Local Allocation Insertion',
  signatoryDelegation: 'Par délégation, le Chef du Service Local Allocation Insertion',
} as const;

/** Moves an account to a new MDS of another territory (there is no API for a second MDS in a workspace). */
export async function moveToOtherTerritory(h: Harness, userId: number, territory = 'Audomarois'): Promise<void> {
  await withSql(h, (sqlite) => {
    const mdsId = Number(sqlite.prepare('INSERT INTO mds (name, territory) VALUES (?, ?)').run(`MDS de l’${territory}`, territory).lastInsertRowid);
    sqlite.prepare('UPDATE users SET mds_id = ? WHERE id = ?').run(mdsId, userId);
  });
}
