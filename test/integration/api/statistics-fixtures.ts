/**
 * A dataset with known answers for the statistics (issue 15 §3), written with SQL: 100 persons P1…P100 in the MDS of
 * the staff (RSA since 1 January 2025) and 10 persons in a second MDS, with orientations, EDEs, contracts, fiches
 * de liaison, EP saisines, avis, decisions and sanctions on known dates. The expected figures for 2025 are in
 * statistics.test.ts, worked out from the comments below.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import type { Staff } from './harness';

const KEYS = DEFAULT_EDE_GRID.data.items.map((i) => i.key);
const POINTS: Record<number, number> = { 1: 1, 2: 2, 3: 4, 4: 8, 5: 14, 6: 20 };

export interface StatisticsWorld {
  /** P1…P100 (index 1…100) → person id. */
  p: number[];
  mds2: number;
  /** The organisme of P31…P50's orientation. */
  plie: number;
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

export function seedStatistics(sqlite: Database.Database, staff: Staff): StatisticsWorld {
  const admin = staff.admin.id;
  const corr = staff.correspondant.id;
  const run = (sql: string, ...args: unknown[]) => Number(sqlite.prepare(sql).run(...args).lastInsertRowid);
  let caf = 9000000;
  const person = (mdsId: number, referentId: number | null) => {
    const foyer = run(
      `INSERT INTO foyers (caf_number, rsa_depuis, situation_familiale, address_line1, postal_code, city, mds_id) VALUES (?, '2025-01-01', 'celibataire', '1 rue', '62000', 'Arras', ?)`,
      String(++caf),
      mdsId,
    );
    return run(
      `INSERT INTO persons (foyer_id, role_in_foyer, nom_patronymique, prenoms, sexe, date_naissance, referent_id) VALUES (?, 'allocataire', 'STAT', 'Personne', 'F', '1980-01-01', ?)`,
      foyer,
      referentId,
    );
  };
  const organisme = (name: string, type: string) => run(`INSERT INTO organismes_referents (name, type, mds_id) VALUES (?, ?, 1)`, name, type);
  const orientation = (personId: number, date: string, kind: string, organismeId: number, end: string | null = null) =>
    run(
      `INSERT INTO orientations (person_id, decision_date, orientation, start_date, end_date, organisme_id, organisme_name, organisme_type, correspondant_id, correspondant_name, motif, created_by)
       VALUES (?, ?, ?, ?, ?, ?, 'Organisme', 'solidarite', ?, 'Cora', 'Première orientation', ?)`,
      personId, date, kind, date, end, organismeId, corr, admin,
    );
  const ede = (personId: number, date: string, palier: number) =>
    run(
      `INSERT INTO ede_assessments (person_id, date, grid_version, answers_json, total, proposal, score_json, created_by) VALUES (?, ?, 1, ?, ?, 'solidarite', '{}', ?)`,
      personId, date, JSON.stringify({ paliers: Object.fromEntries(KEYS.map((k) => [k, palier])), comments: {} }), KEYS.length * POINTS[palier]!, admin,
    );
  const contract = (personId: number, o: { type: string; status: string; orientationDate: string; start: string; months: number; end: string; signedOn: string | null; renewalOf?: number }) =>
    run(
      `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, end, renewal_of_id, content, suivi_emploi, etat_civil, referent_identity, referentials, signed_on)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', '[]', '{}', '{}', '{}', ?)`,
      personId, o.type, o.status, o.orientationDate, o.type === 'CERS' ? 'solidarite' : 'professionnelle_autre', o.start, o.months, o.end, o.renewalOf ?? null, o.signedOn,
    );
  const fiche = (personId: number, type: string, sentOn: string, answerDate: string | null) =>
    run(
      `INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials, sent_on, answer_decision, answer_date) VALUES (?, ?, ?, ?, '{}', '{}', '{}', ?, ?, ?)`,
      personId, type, answerDate ? 'acceptee' : 'envoyee', sentOn, sentOn, answerDate ? 'acceptee' : null, answerDate,
    );

  const p: number[] = [0];
  const p2: number[] = [];
  const world: StatisticsWorld = { p, mds2: 0, plie: 0 };
  sqlite.transaction(() => {
    for (const i of range(1, 100)) p.push(person(1, i <= 50 ? staff.referentA.id : staff.referentB.id));
    world.mds2 = run(`INSERT INTO mds (name, territory) VALUES ('MDS du Ternois', 'Ternois')`);
    for (let i = 0; i < 10; i += 1) p2.push(person(world.mds2, null));
    const solid = organisme('MDS de l’Arrageois', 'solidarite');
    const plie = (world.plie = organisme('PLIE de l’Arrageois', 'professionnel'));
    const pe = organisme('France Travail Arras', 'pole_emploi');

    // Orientations: P1–30 solidarité on 1 Feb 2025 (31 days after RSA), P31–50 professionnelle autre on 3 March (61 days),
    // P51–60 France Travail on 11 January (10 days), P61–63 solidarité on 1 June closed on 31 August (exit 1 September).
    for (const i of range(1, 30)) orientation(p[i]!, '2025-02-01', 'solidarite', solid);
    for (const i of range(31, 50)) orientation(p[i]!, '2025-03-03', 'professionnelle_autre', plie);
    for (const i of range(51, 60)) orientation(p[i]!, '2025-01-11', 'professionnelle_pole_emploi', pe);
    for (const i of range(61, 63)) orientation(p[i]!, '2025-06-01', 'solidarite', solid, '2025-08-31');
    for (const id of p2) orientation(id, '2025-02-01', 'solidarite', solid);

    // EDEs: P1–30 all paliers 4 (64 points) on 20 January then all 3 (32) on 15 November; P31–50 all 3 on 15 February and
    // again on 1 December; P61–63 all 1 (8 points) on 1 May.
    for (const i of range(1, 30)) {
      ede(p[i]!, '2025-01-20', 4);
      ede(p[i]!, '2025-11-15', 3);
    }
    for (const i of range(31, 50)) {
      ede(p[i]!, '2025-02-15', 3);
      ede(p[i]!, '2025-12-01', 3);
    }
    for (const i of range(61, 63)) ede(p[i]!, '2025-05-01', 1);

    // Contracts. CERS: P1–20 signed 1 March (28 days), echu 31 August, P1–10 renewed (1 September → 28 February 2026);
    // P21–25 signed 15 April (73 days, late), en cours, end 14 October. CERP: P31–45 signed 20 March (17 days), 3 months,
    // P31–35 renewed for 6 months (end 19 December); P46 a draft. P64: a CERS without orientation, running at the year's end.
    for (const i of range(1, 20)) {
      const first = contract(p[i]!, { type: 'CERS', status: 'echu', orientationDate: '2025-02-01', start: '2025-03-01', months: 6, end: '2025-08-31', signedOn: '2025-03-01' });
      if (i <= 10) contract(p[i]!, { type: 'CERS', status: 'en_cours', orientationDate: '2025-02-01', start: '2025-09-01', months: 6, end: '2026-02-28', signedOn: '2025-08-25', renewalOf: first });
    }
    for (const i of range(21, 25)) contract(p[i]!, { type: 'CERS', status: 'en_cours', orientationDate: '2025-02-01', start: '2025-04-15', months: 6, end: '2025-10-14', signedOn: '2025-04-15' });
    for (const i of range(31, 45)) {
      const first = contract(p[i]!, { type: 'CERP', status: 'echu', orientationDate: '2025-03-03', start: '2025-03-20', months: 3, end: '2025-06-19', signedOn: '2025-03-20' });
      if (i <= 35) contract(p[i]!, { type: 'CERP', status: 'echu', orientationDate: '2025-03-03', start: '2025-06-20', months: 6, end: '2025-12-19', signedOn: '2025-06-15', renewalOf: first });
    }
    contract(p[46]!, { type: 'CERP', status: 'brouillon', orientationDate: '2025-03-03', start: '2025-12-15', months: 3, end: '2026-03-14', signedOn: null });
    contract(p[64]!, { type: 'CERS', status: 'en_cours', orientationDate: '2025-09-01', start: '2025-10-01', months: 6, end: '2026-03-31', signedOn: '2025-09-25' });

    // Fiches: 10 appui sent 1 April (P1–8 answered in 10 days, P9–10 in 30); 6 réorientation sent 1 May, 4 answered in 7 days.
    for (const i of range(1, 10)) fiche(p[i]!, 'appui', '2025-04-01', i <= 8 ? '2025-04-11' : '2025-05-01');
    for (const i of range(11, 16)) fiche(p[i]!, 'reorientation', '2025-05-01', i <= 14 ? '2025-05-08' : null);

    // EP: 8 réorientations seized 1 June (avis P11–15 on 20 June, P16 on 10 July: late; decisions P11–15 favourable);
    // 10 suspensions seized 1 September (avis 15 September; decisions P19–26 favourable, P27–28 not), sanctions:
    // P19–24 non-conclusion reaching the total suspension in December, P25–26 non-respect at the half reduction.
    // CERS at 12 months: P1–6 seized 1 February 2026.
    const ep = run(`INSERT INTO eps (territory, name, mds_id) VALUES ('Arrageois', 'EP', 1)`);
    const session = run(`INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, status, created_by) VALUES (?, '2025-06-15', 'MDS', '09:00', 2, 30, 'close', ?)`, ep, admin);
    let position = 0;
    const saisine = (personId: number, origin: string, date: string, deadline: string, avis: string | null, decision: string | null) => {
      const id = run(
        `INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids, created_by_id) VALUES (?, ?, 'Saisine', ?, ?, '[]', ?)`,
        personId, origin, date, deadline, admin,
      );
      const item = run(`INSERT INTO ep_session_items (session_id, saisine_id, position, created_by) VALUES (?, ?, ?, ?)`, session, id, ++position, admin);
      if (avis) run(`INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, ?, 'favorable', 'Avis', ?, ?)`, item, id, avis, avis > deadline ? 1 : 0, admin);
      return decision === null
        ? null
        : run(`INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, ?, ?, 'aucun', ?, 'Admin')`, item, id, avis, decision, admin);
    };
    for (const i of range(11, 18)) saisine(p[i]!, 'fiche_reorientation', '2025-06-01', '2025-07-01', i <= 15 ? '2025-06-20' : i === 16 ? '2025-07-10' : null, i <= 15 ? 'favorable' : null);
    const lines = (steps: string[]) => JSON.stringify({ lines: steps.map((step, k) => ({ index: k, month: `2025-${10 + k}-01`, step })) });
    for (const i of range(19, 28)) {
      const decision = saisine(p[i]!, 'fiche_suspension', '2025-09-01', '2025-10-01', '2025-09-15', i <= 26 ? 'favorable' : 'defavorable');
      if (i > 26) continue;
      const steps = i <= 24 ? ['reduction_initiale', 'reduction_moitie', 'suspension_totale'] : ['reduction_initiale', 'reduction_moitie'];
      run(
        `INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, ?, '2025-10-01', 0, 0, ?, 1)`,
        decision, p[i]!, i <= 24 ? 'non_conclusion' : 'non_respect', lines(steps),
      );
    }
    for (const i of range(1, 6)) saisine(p[i]!, 'cers_12_mois', '2026-02-01', '2026-03-01', null, null);
  })();
  return world;
}
