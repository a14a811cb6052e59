/**
 * Fixtures of the work-list tests: a real (encrypted, migrated) database seeded with raw SQL — two MDS, the staff,
 * and helpers that add the records each list reads (DSP, EDE, orientation, préconisation, contract, fiche,
 * Président's decision after an EP). Rows are inserted as the services leave them; the lists only read them.
 */
import { findUserById } from '../../../db/queries';
import { insertMds, insertUser, openTestDatabase, removeTempDir, type TestDatabase } from '../../../db/testing';
import type { Sqlite } from '../../../db/open';
import type { Actor } from '../../../main/services/context';

export interface WorklistWorld {
  t: TestDatabase;
  sqlite: Sqlite;
  mds1: number;
  mds2: number;
  actors: { refA: Actor; refB: Actor; corr: Actor; sec: Actor; admin: Actor; refOther: Actor };
  organismeId: number;
  close(): void;
}

export function worklistWorld(): WorklistWorld {
  const t = openTestDatabase();
  const sqlite = t.sqlite;
  const mds1 = insertMds(sqlite, 'MDS de l’Arrageois', 'Arrageois');
  const mds2 = insertMds(sqlite, 'MDS du Ternois', 'Ternois');
  const user = (login: string, displayName: string, role: string, mdsId: number): Actor => {
    const id = insertUser(sqlite, { login, displayName, role, mdsId });
    return { ...findUserById(t.db, id)!, mdsId };
  };
  const actors = {
    refA: user('remi', 'Rémi Référent', 'referent', mds1),
    refB: user('berthe', 'Berthe Référente', 'referent', mds1),
    corr: user('cora', 'Cora Correspondante', 'correspondant', mds1),
    sec: user('sam', 'Sam Secrétaire', 'secretaire_ep', mds1),
    admin: user('alice', 'Alice Admin', 'administrateur', mds1),
    refOther: user('tom', 'Tom Ternois', 'referent', mds2),
  };
  const organismeId = Number(sqlite.prepare("INSERT INTO organismes_referents (name, type) VALUES ('MDS de l’Arrageois', 'solidarite')").run().lastInsertRowid);
  return {
    t,
    sqlite,
    mds1,
    mds2,
    actors,
    organismeId,
    close() {
      t.close();
      removeTempDir(t.dir);
    },
  };
}

let caf = 5_000_000;

/** A foyer and its allocataire; returns the person's id. */
export function addPerson(
  sqlite: Sqlite,
  p: { mdsId: number; referentId: number | null; nom: string; prenoms?: string; nomUsage?: string; caf?: string; rsaDepuis?: string | null; createdAt?: string },
): number {
  const foyerId = sqlite
    .prepare(
      `INSERT INTO foyers (caf_number, rsa_depuis, situation_familiale, address_line1, postal_code, city, mds_id)
       VALUES (?, ?, 'celibataire', '1 rue de la Paix', '62000', 'Arras', ?)`,
    )
    .run(p.caf ?? String(++caf), p.rsaDepuis === undefined ? '2025-01-01' : p.rsaDepuis, p.mdsId).lastInsertRowid;
  return Number(
    sqlite
      .prepare(
        `INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, nom_usage, prenoms, sexe, date_naissance, referent_id, created_at)
         VALUES (?, 'allocataire', ?, ?, ?, 'F', '1985-05-05', ?, ?)`,
      )
      .run(foyerId, p.nom, p.nomUsage ?? null, p.prenoms ?? 'Anne', p.referentId, p.createdAt ?? '2025-06-01T10:00:00.000Z').lastInsertRowid,
  );
}

/** Adds, by name only, the dossiers of one référent (null: nobody named) in the first MDS. */
export const namedIn =
  (w: WorklistWorld, referentId: number | null) =>
  (nom: string): number =>
    addPerson(w.sqlite, { mdsId: w.mds1, referentId, nom });

export function addDsp(sqlite: Sqlite, personId: number, by: number, number = 1): void {
  sqlite.prepare(`INSERT INTO dsp_revisions (person_id, number, content_json, referential_version, created_by) VALUES (?, ?, '{}', 1, ?)`).run(personId, number, by);
}

export function addEde(sqlite: Sqlite, personId: number, by: number, date: string, total = 40, proposal = 'solidarite'): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO ede_assessments (person_id, date, grid_version, answers_json, total, proposal, score_json, created_by)
         VALUES (?, ?, 1, '{}', ?, ?, '{}', ?)`,
      )
      .run(personId, date, total, proposal, by).lastInsertRowid,
  );
}

export function addPreconisation(sqlite: Sqlite, personId: number, by: number, date: string, preconisation = 'solidarite', team = 'EO Arrageois'): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO orientation_preconisations (person_id, date, team, preconisation, recorded_by, recorded_by_name) VALUES (?, ?, ?, ?, ?, 'Cora')`,
      )
      .run(personId, date, team, preconisation, by).lastInsertRowid,
  );
}

/** A decision (its period open; the previous one closed the day before, as the service does). */
export function addOrientation(
  sqlite: Sqlite,
  w: { organismeId: number },
  personId: number,
  by: number,
  date: string,
  orientation = 'solidarite',
  preconisationId: number | null = null,
): number {
  sqlite.prepare(`UPDATE orientations SET end_date = date(?, '-1 day') WHERE person_id = ? AND end_date IS NULL`).run(date, personId);
  return Number(
    sqlite
      .prepare(
        `INSERT INTO orientations (person_id, decision_date, orientation, start_date, organisme_id, organisme_name, organisme_type,
           correspondant_id, correspondant_name, motif, preconisation_id, created_by)
         VALUES (?, ?, ?, ?, ?, 'MDS de l’Arrageois', 'solidarite', ?, 'Cora', 'Motif', ?, ?)`,
      )
      .run(personId, date, orientation, date, w.organismeId, by, preconisationId, by).lastInsertRowid,
  );
}

export interface ContractSeed {
  type?: 'CERS' | 'CERP';
  status: string;
  start: string;
  end?: string;
  signedOn?: string | null;
  transmittedOn?: string | null;
  decidedOn?: string | null;
  rejectionMotif?: string | null;
}

export function addContract(sqlite: Sqlite, personId: number, by: number, c: ContractSeed): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, "end", content, suivi_emploi,
           etat_civil, referent_identity, referentials, signed_on, transmitted_on, decided_on, rejection_motif, created_by_id)
         VALUES (?, ?, ?, '2025-01-01', 'solidarite', ?, 6, ?, '{}', '[]', '{}', '{}', '{}', ?, ?, ?, ?, ?)`,
      )
      .run(
        personId,
        c.type ?? 'CERS',
        c.status,
        c.start,
        c.end ?? c.start,
        c.signedOn ?? null,
        c.transmittedOn ?? null,
        c.decidedOn ?? null,
        c.rejectionMotif ?? null,
        by,
      ).lastInsertRowid,
  );
}

export interface FicheSeed {
  type?: string;
  status: string;
  date?: string;
  sentOn?: string | null;
  presidentDecision?: string | null;
  presidentDate?: string | null;
  presidentReason?: string | null;
}

export function addFiche(sqlite: Sqlite, personId: number, by: number, f: FicheSeed): number {
  return Number(
    sqlite
      .prepare(
        `INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials, sent_on, president_decision,
           president_date, president_reason, created_by_id)
         VALUES (?, ?, ?, ?, '{}', '{}', '{}', ?, ?, ?, ?, ?)`,
      )
      .run(
        personId,
        f.type ?? 'appui',
        f.status,
        f.date ?? f.sentOn ?? '2026-01-01',
        f.sentOn ?? null,
        f.presidentDecision ?? null,
        f.presidentDate ?? null,
        f.presidentReason ?? null,
        by,
      ).lastInsertRowid,
  );
}

/** A saisine, its case in a session of the territory's EP, and the Président's decision dated `date`. */
export function addEpDecision(sqlite: Sqlite, personId: number, by: number, date: string, sens: 'favorable' | 'defavorable' = 'favorable'): number {
  const ep =
    (sqlite.prepare(`SELECT id FROM eps WHERE territory = 'Arrageois'`).get() as { id: number } | undefined)?.id ??
    Number(sqlite.prepare(`INSERT INTO eps (territory, name) VALUES ('Arrageois', 'EP de l’Arrageois')`).run().lastInsertRowid);
  const session = sqlite
    .prepare(`INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, ?, 'MDS', '09:00', 4, 30, ?)`)
    .run(ep, date, by).lastInsertRowid;
  const saisine = sqlite
    .prepare(
      `INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids, created_by_id)
       VALUES (?, 'fiche_reorientation', 'Réorientation', date(?, '-20 days'), date(?, '+10 days'), '[]', ?)`,
    )
    .run(personId, date, date, by).lastInsertRowid;
  const item = sqlite.prepare(`INSERT INTO ep_session_items (session_id, saisine_id, position, created_by) VALUES (?, ?, 1, ?)`).run(session, saisine, by).lastInsertRowid;
  return Number(
    sqlite
      .prepare(
        `INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, orientation, recorded_by, recorded_by_name)
         VALUES (?, ?, ?, ?, 'aucun', NULL, ?, 'Cora')`,
      )
      .run(item, saisine, date, sens, by).lastInsertRowid,
  );
}
