/**
 * Benchmark of the desk at the scale of a département (issue 12): 50,000 foyers (the dossiers bench's fixture) with
 * parcours rows for a realistic share (orientations, contracts in every state, EP saisines, rendez-vous, fiches de
 * liaison, EP sessions), on the encrypted database. Measures the daily refresh of the échéancier
 * (`refreshAllDueItems`: every dossier), then « Mon activité » per role and the échéancier (first page, filtered
 * page, calendar month, badge) through the services as the dispatcher calls them (handler + output check), and
 * the work lists the desks count.
 * Target: p95 < 200 ms.
 */
import path from 'node:path';
import type { z } from 'zod';
import { createDrizzle, generateDatabaseKey, openDatabase, type Sqlite } from '../../db';
import { makeTempDir, removeTempDir } from '../../db/testing';
import type { AuthedCall } from '../../main/services/context';
import { refreshAllDueItems } from '../../main/services/desk/due';
import { deskHandlers } from '../../main/services/desk';
import { api, type MethodName } from '../../shared/api/contract';
import type { Role } from '../../shared/api/common';
import { addDaysIso, contractEndDate } from '../../shared/domain/rules/dates';
import { fixture, seed } from './dossiers.bench';
import { machineLine, mib, ms, stats, time, verdict, type Stats } from './stats';

const TODAY = '2026-12-03';
const CALLS = Number(process.env.BENCH_DESK_CALLS ?? 200);
const MDS_COUNT = 4;
const REFERENTS = 40;

/** A small deterministic generator (the same parcours on every run). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

interface Shares {
  orientations: number;
  contracts: number;
  saisines: number;
  appointments: number;
  fiches: number;
  sessions: number;
}

/** The other roles (ids after the 40 référents), and the parcours of a realistic share of the persons. */
export function seedParcours(sqlite: Sqlite): Shares {
  const at = '2026-01-01T00:00:00.000Z';
  const rand = lcg(12);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)]!;
  const days = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const shares: Shares = { orientations: 0, contracts: 0, saisines: 0, appointments: 0, fiches: 0, sessions: 0 };
  sqlite.transaction(() => {
    // Each référent works in the MDS of their dossiers' foyers (the fixture names référent 1 + (i % 40) for foyer i of MDS 1 + (i % 4)).
    sqlite.prepare(`UPDATE users SET mds_id = 1 + ((id - 1) % ${MDS_COUNT}) WHERE role = 'referent'`).run();
    // RSA since a day of the last four years (the orientation to decide is dated from it).
    sqlite.prepare(`UPDATE foyers SET rsa_depuis = date(?, '-' || ((id * 7919) % 1460) || ' days')`).run(TODAY);
    const user = sqlite.prepare('INSERT INTO users (login, display_name, role, structure, mds_id, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)');
    for (let m = 1; m <= MDS_COUNT; m += 1) {
      for (const role of ['correspondant', 'secretaire_ep', 'administrateur'] as const) user.run(`${role}${m}`, `${role} ${m}`, role, 'MDS', m, at, at);
    }
    const organismes = ['pole_emploi', 'professionnel', 'solidarite'].map((type) =>
      Number(sqlite.prepare('INSERT INTO organismes_referents (name, type, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`Organisme ${type}`, type, at, at).lastInsertRowid),
    );
    const correspondantOf = (mds: number) => REFERENTS + (mds - 1) * 3 + 1;
    const orientation = sqlite.prepare(
      `INSERT INTO orientations (person_id, decision_date, orientation, start_date, organisme_id, organisme_name, organisme_type, referent_user_id, correspondant_id, correspondant_name, motif, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, 'Organisme', ?, ?, ?, 'Correspondant', 'Première orientation', ?, ?)`,
    );
    const contract = sqlite.prepare(
      `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, end, content, suivi_emploi, etat_civil, referent_identity, referentials, signed_on, transmitted_on, decided_on, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', '[]', '{}', '{}', '{}', ?, ?, ?, 0, ?, ?)`,
    );
    const saisine = sqlite.prepare(
      `INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, status, attachment_ids, created_by_id) VALUES (?, ?, 'Saisine', ?, ?, 'en_attente', '[]', ?)`,
    );
    const appointment = sqlite.prepare(
      `INSERT INTO appointments (person_id, referent_user_id, date, time, place, object, with_convocation, version, created_at, updated_at)
       VALUES (?, ?, ?, '10:00', 'MDS', 'Point d’étape', ?, 0, ?, ?)`,
    );
    const fiche = sqlite.prepare(
      `INSERT INTO fiches_liaison (person_id, type, status, date, content, administratif, referentials, sent_on, version, created_at, updated_at)
       VALUES (?, ?, ?, ?, '{}', '{}', '{}', ?, 0, ?, ?)`,
    );
    const persons = sqlite.prepare('SELECT p.id, p.referent_id, f.mds_id FROM persons p JOIN foyers f ON f.id = p.foyer_id ORDER BY p.id').all() as {
      id: number;
      referent_id: number;
      mds_id: number;
    }[];
    for (const p of persons) {
      if (rand() < 0.6) {
        const kind = pick(['solidarite', 'professionnelle_autre', 'professionnelle_pole_emploi'] as const);
        const decided = addDaysIso(TODAY, -days(0, 720));
        const organismeType = kind === 'solidarite' ? 'solidarite' : kind === 'professionnelle_autre' ? 'professionnel' : 'pole_emploi';
        orientation.run(p.id, decided, kind, decided, organismes[['pole_emploi', 'professionnel', 'solidarite'].indexOf(organismeType)], organismeType, p.referent_id, correspondantOf(p.mds_id), correspondantOf(p.mds_id), at);
        shares.orientations += 1;
        if (kind !== 'professionnelle_pole_emploi' && rand() < 0.75) {
          const start = addDaysIso(decided, days(10, 60));
          const months = pick([6, 6, 12]);
          const status = start > TODAY ? 'brouillon' : pick(['en_cours', 'en_cours', 'en_cours', 'valide', 'signe', 'transmis_slai', 'echu', 'brouillon'] as const);
          const signed = status === 'brouillon' ? null : start;
          contract.run(p.id, kind === 'solidarite' ? 'CERS' : 'CERP', status, decided, kind, start, months, contractEndDate(start, months), signed, signed, signed, at, at);
          shares.contracts += 1;
        }
      }
      if (rand() < 0.05) {
        const date = addDaysIso(TODAY, -days(0, 60));
        saisine.run(p.id, pick(['fiche_reorientation', 'fiche_suspension', 'cers_12_mois'] as const), date, addDaysIso(date, 30), correspondantOf(p.mds_id));
        shares.saisines += 1;
      }
      if (rand() < 0.2) {
        appointment.run(p.id, p.referent_id, addDaysIso(TODAY, days(-30, 30)), rand() < 0.5 ? 1 : 0, at, at);
        shares.appointments += 1;
      }
      if (rand() < 0.04) {
        const sent = addDaysIso(TODAY, -days(0, 90));
        fiche.run(p.id, pick(['appui', 'reorientation', 'suspension', 'actions_cg'] as const), pick(['envoyee', 'acceptee', 'refusee', 'close'] as const), sent, sent, at, at);
        shares.fiches += 1;
      }
    }
    for (let m = 1; m <= MDS_COUNT; m += 1) {
      const ep = Number(sqlite.prepare('INSERT INTO eps (territory, name, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`Territoire ${m}`, `EP ${m}`, at, at).lastInsertRowid);
      for (const [offset, status] of [[-20, 'close'], [10, 'dossiers_inscrits'], [30, 'creee']] as const) {
        sqlite
          .prepare(`INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, status, created_by, version, created_at, updated_at) VALUES (?, ?, 'MDS', '09:00', 2, 30, ?, ?, 0, ?, ?)`)
          .run(ep, addDaysIso(TODAY, offset), status, correspondantOf(m) + 1, at, at);
        shares.sessions += 1;
      }
    }
  })();
  return shares;
}

type Actor = AuthedCall['actor'];

export function actorsOf(sqlite: Sqlite, role: Role): Actor[] {
  return (sqlite.prepare('SELECT * FROM users WHERE role = ? ORDER BY id').all(role) as Record<string, unknown>[]).map((u) => ({
    id: u.id as number,
    login: u.login as string,
    displayName: u.display_name as string,
    role,
    structure: u.structure as string,
    mdsId: u.mds_id as number,
    active: true,
    partner: u.partner === 1,
    charteSignedOn: (u.charte_signed_on as string | null) ?? null,
    accessRequestRef: (u.access_request_ref as string | null) ?? null,
    createdAt: u.created_at as string,
    updatedAt: u.updated_at as string,
  }));
}

interface Measure {
  label: string;
  stats: Stats;
  note: string;
}

export function runDeskBench(): string {
  const dir = makeTempDir('parcours-bench-desk-');
  try {
    const { rows } = fixture();
    const opened = openDatabase({ file: path.join(dir, 'bureau.db'), key: generateDatabaseKey(), create: true });
    const { sqlite } = opened;
    const t0 = performance.now();
    seed(sqlite, rows);
    const shares = seedParcours(sqlite);
    const seedSeconds = (performance.now() - t0) / 1000;

    let refreshed = { persons: 0, items: 0 };
    const refreshMs = time(() => {
      refreshed = refreshAllDueItems(sqlite, TODAY);
    });
    const bySeverity = sqlite.prepare('SELECT severity, count(*) AS n FROM due_items GROUP BY severity ORDER BY severity').all() as { severity: string; n: number }[];

    const db = createDrizzle(sqlite);
    const now = new Date(`${TODAY}T09:00:00.000Z`);
    const app = { options: { now: () => now }, nowIso: () => now.toISOString() } as unknown as AuthedCall['app'];
    const callOf = (actor: Actor): AuthedCall => ({ app, actor, session: 'bench', open: { ...opened, db } as AuthedCall['open'] });
    const run = <M extends MethodName>(method: M, input: unknown, actor: Actor) => {
      const def = api[method];
      const handler = deskHandlers[method as keyof typeof deskHandlers] as unknown as (i: unknown, c: AuthedCall) => unknown;
      const value = handler(def.input.parse(input), callOf(actor));
      (def.output as z.ZodType).parse(value);
    };
    const measure = (label: string, method: MethodName, input: unknown, actors: Actor[], note = 'p95 < 200 ms'): Measure => {
      for (let i = 0; i < 10; i += 1) run(method, input, actors[i % actors.length]!);
      const samples: number[] = [];
      for (let i = 0; i < CALLS; i += 1) samples.push(time(() => run(method, input, actors[i % actors.length]!)));
      return { label, stats: stats(samples), note };
    };

    const referents = actorsOf(sqlite, 'referent');
    const correspondants = actorsOf(sqlite, 'correspondant');
    const secretaires = actorsOf(sqlite, 'secretaire_ep');
    const admins = actorsOf(sqlite, 'administrateur');
    const month = { from: '2026-12-01', to: '2026-12-31' };
    const measures: Measure[] = [
      measure('Mon activité — référent', 'desk.mine', {}, referents),
      measure('Mon activité — correspondant', 'desk.mine', {}, correspondants),
      measure('Mon activité — secrétaire EP', 'desk.mine', {}, secretaires),
      measure('Mon activité — administrateur', 'desk.mine', {}, admins),
      // One installation serves one user at a time: the same account again (its MDS's pages stay in SQLite's cache).
      measure('Mon activité — référent, le même compte', 'desk.mine', {}, referents.slice(0, 1)),
      measure('Mon activité — correspondant, le même compte', 'desk.mine', {}, correspondants.slice(0, 1)),
      // The work lists the desks count (their queries: db/queries/worklists.ts), first page of 10.
      ...(['orientation_a_decider', 'contrats_a_valider'] as const).map((list) =>
        measure(`liste de travail ${list} (correspondant), 10 lignes`, 'worklists.list', { list, limit: 10 }, correspondants, 'pour information'),
      ),
      ...(['fiches_envoyees', 'validations_recues'] as const).map((list) =>
        measure(`liste de travail ${list} (référent), 10 lignes`, 'worklists.list', { list, limit: 10 }, referents, 'pour information'),
      ),
      measure('échéancier, 1re page (correspondant, toute la MDS)', 'echeancier.list', {}, correspondants),
      measure('échéancier, 1re page (référent)', 'echeancier.list', {}, referents),
      measure('échéancier, page filtrée (en retard + urgent, tri par bénéficiaire, page 3)', 'echeancier.list', { filter: { severities: ['en_retard', 'urgent'] }, sort: 'person', offset: 100 }, correspondants),
      measure('échéancier, page filtrée (contrats, période d’un mois)', 'echeancier.list', { filter: { kinds: ['contrat_a_signer', 'contrat_fin_proche', 'contrat_echu_sans_renouvellement'], ...month } }, correspondants),
      measure('calendrier, un mois (correspondant)', 'echeancier.calendar', month, correspondants),
      measure('badge de la navigation (correspondant)', 'desk.badge', {}, correspondants),
    ];
    const exportMeasure = measure('export CSV (correspondant, échéances en retard)', 'echeancier.export', { filter: { severities: ['en_retard'] } }, correspondants, 'pour information');
    opened.close();

    const persons = refreshed.persons;
    const lines = [
      machineLine(),
      `Bureau : ${rows.length.toLocaleString('fr-FR')} foyers, ${persons.toLocaleString('fr-FR')} personnes, base chiffrée (chargement : ${seedSeconds.toFixed(1)} s) ; parcours : ${shares.orientations.toLocaleString('fr-FR')} orientations, ${shares.contracts.toLocaleString('fr-FR')} contrats, ${shares.saisines.toLocaleString('fr-FR')} saisines de l’EP, ${shares.appointments.toLocaleString('fr-FR')} rendez-vous, ${shares.fiches.toLocaleString('fr-FR')} fiches de liaison, ${shares.sessions} séances d’EP ; ${MDS_COUNT} MDS, ${REFERENTS} référents.`,
      '',
      `Calcul quotidien de l’échéancier (\`refreshAllDueItems\`, tous les dossiers, une transaction) : ${(refreshMs / 1000).toFixed(1)} s pour ${persons.toLocaleString('fr-FR')} dossiers → ${refreshed.items.toLocaleString('fr-FR')} échéances (${bySeverity.map((s) => `${s.severity} ${s.n.toLocaleString('fr-FR')}`).join(', ')}).`,
      '',
      `Appels des services comme le répartiteur les fait (entrée validée, service, sortie vérifiée), ${CALLS} appels par geste, en alternant les comptes du rôle :`,
      '',
      '| geste | médiane | p95 | max | cible |',
      '|---|---|---|---|---|',
      ...[...measures, exportMeasure].map((m) => `| ${m.label} | ${ms(m.stats.median)} | ${ms(m.stats.p95)} | ${ms(m.stats.max)} | ${m.note === 'p95 < 200 ms' ? `${m.note} : ${verdict(m.stats.p95 < 200)}` : m.note} |`),
      '',
      `Pic de mémoire du processus (RSS max) : ${mib(process.resourceUsage().maxRSS * 1024)}.`,
    ];
    return lines.join('\n');
  } finally {
    removeTempDir(dir);
  }
}
