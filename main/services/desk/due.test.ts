/**
 * The precomputed échéancier equals the per-dossier rule: on random dossiers written as database rows, the due
 * items of every person are exactly `echeancier(state, today)` for the state the rows stand for — after a full
 * refresh, and after random changes caught by the triggers and recomputed before COMMIT.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Sqlite } from '../../../db/open';
import { insertDossier, insertMds, insertUser, openTestDatabase, type TestDatabase } from '../../../db/testing';
import { montantForfaitaire } from '../../../shared/domain/referentials/rsa-amounts';
import { addDaysIso, contractEndDate } from '../../../shared/domain/rules/dates';
import { echeancier, type DossierState, type EcheancierContract } from '../../../shared/domain/rules/echeancier';
import { CONTRACT_STATUSES } from '../../../shared/domain/rules/contracts';
import { ORIENTATIONS } from '../../../shared/domain/rules/orientation';
import { SAISINE_ORIGINS } from '../../../shared/domain/rules/ep';
import { dueItemsDay, refreshAllDueItems, refreshDirtyDueItems } from './due';

const BASE = '2026-01-01';
const day = (offset: number) => addDaysIso(BASE, offset);

interface GenSaisine {
  origin: (typeof SAISINE_ORIGINS)[number];
  date: number;
  avis: { date: number; sens: 'favorable' | 'defavorable' } | null;
  decision: { date: number; sens: 'favorable' | 'defavorable' } | null;
}
interface GenDossier {
  rsaDepuis: number | null;
  orientations: { decision: number; orientation: (typeof ORIENTATIONS)[number]; length: number | null }[];
  contracts: { type: 'CERS' | 'CERP'; status: (typeof CONTRACT_STATUSES)[number]; orientationPick: number; start: number; duration: 3 | 6 | 12; signed: boolean }[];
  saisines: GenSaisine[];
  sanctions: { kind: 'non_conclusion' | 'non_respect'; month: number }[];
  appointments: { date: number; cancelled: boolean; object: string }[];
}

const saisineArb: fc.Arbitrary<GenSaisine> = fc
  .record({
    origin: fc.constantFrom(...SAISINE_ORIGINS),
    date: fc.integer({ min: 0, max: 400 }),
    avis: fc.option(fc.record({ after: fc.integer({ min: 0, max: 60 }), sens: fc.constantFrom('favorable' as const, 'defavorable' as const) })),
    decision: fc.option(fc.record({ after: fc.integer({ min: 0, max: 30 }), sens: fc.constantFrom('favorable' as const, 'defavorable' as const) })),
  })
  .map((s) => {
    const avis = s.avis ? { date: s.date + s.avis.after, sens: s.avis.sens } : null;
    return { origin: s.origin, date: s.date, avis, decision: avis && s.decision ? { date: avis.date + s.decision.after, sens: s.decision.sens } : null };
  });

const dossierArb: fc.Arbitrary<GenDossier> = fc.record({
  rsaDepuis: fc.option(fc.integer({ min: -300, max: 300 })),
  orientations: fc.array(
    fc.record({ decision: fc.integer({ min: 1, max: 120 }), orientation: fc.constantFrom(...ORIENTATIONS), length: fc.option(fc.integer({ min: 1, max: 200 })) }),
    { maxLength: 3 },
  ),
  contracts: fc.array(
    fc.record({
      type: fc.constantFrom('CERS' as const, 'CERP' as const),
      status: fc.constantFrom(...CONTRACT_STATUSES),
      orientationPick: fc.nat(),
      start: fc.integer({ min: 0, max: 200 }),
      duration: fc.constantFrom(3 as const, 6 as const, 12 as const),
      signed: fc.boolean(),
    }),
    { maxLength: 4 },
  ),
  saisines: fc.array(saisineArb, { maxLength: 3 }),
  sanctions: fc.array(fc.record({ kind: fc.constantFrom('non_conclusion' as const, 'non_respect' as const), month: fc.integer({ min: 0, max: 14 }) }), { maxLength: 1 }),
  appointments: fc.array(fc.record({ date: fc.integer({ min: 0, max: 500 }), cancelled: fc.boolean(), object: fc.constantFrom('Point d’étape', 'Bilan', 'Signature du contrat') }), {
    maxLength: 3,
  }),
});

const monthStart = (offset: number) => `${2026 + Math.floor(offset / 12)}-${String((offset % 12) + 1).padStart(2, '0')}-01`;

interface Fixture {
  sqlite: Sqlite;
  mdsId: number;
  userId: number;
  organismeId: number;
  itemFor: (saisineId: number) => number;
}

function fixture(sqlite: Sqlite): Fixture {
  const mdsId = insertMds(sqlite);
  const userId = insertUser(sqlite, { login: 'rémi', displayName: 'Rémi Référent', role: 'referent', mdsId });
  const organismeId = Number(sqlite.prepare("INSERT INTO organismes_referents (name, type) VALUES ('MDS', 'solidarite')").run().lastInsertRowid);
  const epId = Number(sqlite.prepare("INSERT INTO eps (territory, name) VALUES ('Territoire Test', 'EP')").run().lastInsertRowid);
  const sessionId = Number(
    sqlite
      .prepare("INSERT INTO ep_sessions (ep_id, date, place, start_time, cases_per_slot, slot_minutes, created_by) VALUES (?, '2026-02-20', 'Salle', '09:00', 2, 30, ?)")
      .run(epId, userId).lastInsertRowid,
  );
  let position = 0;
  const itemFor = (saisineId: number) =>
    Number(
      sqlite
        .prepare('INSERT INTO ep_session_items (session_id, saisine_id, position, status, active, created_by) VALUES (?, ?, ?, ?, 1, ?)')
        .run(sessionId, saisineId, ++position, 'inscrit', userId).lastInsertRowid,
    );
  return { sqlite, mdsId, userId, organismeId, itemFor };
}

/** Writes the dossier as rows and returns the state those rows stand for (built here, not by the loader). */
function writeDossier(f: Fixture, index: number, g: GenDossier): { personId: number; state: DossierState } {
  const { sqlite } = f;
  const { personId, foyerId } = insertDossier(sqlite, { cafNumber: String(1_000_000 + index), mdsId: f.mdsId, nomPatronymique: `Nom${index}`, prenoms: 'Léa', referentId: f.userId });
  const createdAt = sqlite.prepare('SELECT created_at FROM persons WHERE id = ?').get(personId) as { created_at: string };
  sqlite.prepare('UPDATE foyers SET rsa_depuis = ? WHERE id = ?').run(g.rsaDepuis === null ? null : day(g.rsaDepuis), foyerId);

  // Orientation periods one after the other; only the last may stay open.
  const orientations: DossierState['orientations'][number][] = [];
  let cursor = 0;
  g.orientations.forEach((o, i) => {
    const start = cursor + o.decision;
    const last = i === g.orientations.length - 1;
    const end = last && o.length === null ? null : start + (o.length ?? 30);
    const row = { date: day(start), orientation: o.orientation, start: day(start), end: end === null ? null : day(end) };
    sqlite
      .prepare(
        `INSERT INTO orientations (person_id, decision_date, orientation, start_date, end_date, organisme_id, organisme_name, organisme_type, correspondant_id, correspondant_name, motif, created_by)
         VALUES (?, ?, ?, ?, ?, ?, 'MDS', 'solidarite', ?, 'Rémi', 'Orientation', ?)`,
      )
      .run(personId, row.date, row.orientation, row.start, row.end, f.organismeId, f.userId, f.userId);
    orientations.push(row);
    cursor = (end ?? start) + 1;
  });

  const contracts: EcheancierContract[] = [];
  for (const c of g.contracts) {
    const orientation = orientations.length ? orientations[c.orientationPick % orientations.length]! : { date: day(0), orientation: 'solidarite' as const };
    const start = day(c.start);
    const signedOn = c.signed && c.status !== 'brouillon' ? start : null;
    const id = Number(
      sqlite
        .prepare(
          `INSERT INTO contracts (person_id, type, status, orientation_date, orientation, start, duration_months, end, content, suivi_emploi, etat_civil, referent_identity, referentials, signed_on)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, '{}', '[]', '{}', '{}', '{}', ?)`,
        )
        .run(personId, c.type, c.status, orientation.date, orientation.orientation, start, c.duration, contractEndDate(start, c.duration), signedOn).lastInsertRowid,
    );
    contracts.push({ id, type: c.type, status: c.status, orientationDate: orientation.date, start, durationMonths: c.duration, signedOn });
  }
  contracts.sort((a, b) => a.start.localeCompare(b.start) || a.id! - b.id!);

  const saisines: DossierState['saisines'][number][] = [];
  for (const s of [...g.saisines].sort((a, b) => a.date - b.date)) {
    const date = day(s.date);
    const id = Number(
      sqlite
        .prepare("INSERT INTO ep_saisines (person_id, origin, theme, date, avis_deadline, attachment_ids) VALUES (?, ?, 'Thème', ?, ?, '[]')")
        .run(personId, s.origin, date, date).lastInsertRowid,
    );
    const item = s.avis ? f.itemFor(id) : 0;
    if (s.avis) {
      sqlite
        .prepare("INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, ?, ?, 'Motivé', 0, ?)")
        .run(item, id, day(s.avis.date), s.avis.sens, f.userId);
    }
    if (s.decision) {
      sqlite
        .prepare("INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, ?, ?, 'aucun', ?, 'Rémi')")
        .run(item, id, day(s.decision.date), s.decision.sens, f.userId);
    }
    saisines.push({
      id,
      origin: s.origin,
      date,
      avis: s.avis ? { date: day(s.avis.date), sens: s.avis.sens, motivation: 'Motivé' } : null,
      decision: s.decision ? { date: day(s.decision.date), sens: s.decision.sens } : null,
    });
  }

  const sanctions: DossierState['sanctions'][number][] = [];
  if (g.sanctions.length > 0 && saisines.some((s) => s.decision)) {
    const s = g.sanctions[0]!;
    const saisineId = saisines.filter((x) => x.decision)[0]!.id!;
    const decisionId = (sqlite.prepare('SELECT id FROM ep_decisions WHERE saisine_id = ?').get(saisineId) as { id: number }).id;
    const household = { couple: false, dependants: 0 };
    sqlite
      .prepare("INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, ?, ?, 0, 0, '{}', 1)")
      .run(decisionId, personId, s.kind, monthStart(s.month));
    const mf = (m: string) => montantForfaitaire(m, household);
    sanctions.push({ kind: s.kind, start: monthStart(s.month), household, montantForfaitaire: mf, allowance: (m: string) => Math.round(mf(m) * 100) / 100, contractSignedOn: null });
  }

  const appointments: DossierState['appointments'][number][] = [];
  for (const a of [...g.appointments].sort((x, y) => x.date - y.date)) {
    sqlite
      .prepare("INSERT INTO appointments (person_id, referent_user_id, date, time, place, object, with_convocation, cancelled_at) VALUES (?, ?, ?, '09:30', 'MDS', ?, 0, ?)")
      .run(personId, f.userId, day(a.date), a.object, a.cancelled ? '2026-01-01T00:00:00Z' : null);
    if (!a.cancelled) appointments.push({ date: day(a.date), label: `09 h 30, ${a.object}` });
  }

  const state: DossierState = {
    orientations,
    contracts,
    saisines,
    sanctions,
    appointments,
    awaitingOrientationSince: g.rsaDepuis === null ? createdAt.created_at.slice(0, 10) : day(g.rsaDepuis),
  };
  return { personId, state };
}

const stored = (sqlite: Sqlite, personId: number) =>
  sqlite.prepare('SELECT kind, severity, date, title, rule FROM due_items WHERE person_id = ? ORDER BY id').all(personId);
const expected = (state: DossierState, today: string) => {
  const r = echeancier(state, today);
  return r.ok ? r.items.map(({ kind, severity, date, title, rule }) => ({ kind, severity, date, title, rule })) : [];
};

let opened: TestDatabase | undefined;
afterEach(() => {
  opened?.close();
  opened = undefined;
});

describe('the precomputed échéancier', () => {
  it('equals the per-dossier rule for every dossier, at any day (random dossiers)', () => {
    fc.assert(
      fc.property(fc.array(dossierArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 700 }), (dossiers, todayOffset) => {
        const db = openTestDatabase();
        try {
          const f = fixture(db.sqlite);
          const written = dossiers.map((g, i) => writeDossier(f, i, g));
          const today = day(todayOffset);
          refreshAllDueItems(db.sqlite, today);
          expect(dueItemsDay(db.sqlite)).toBe(today);
          for (const w of written) expect(stored(db.sqlite, w.personId)).toEqual(expected(w.state, today));
          expect(db.sqlite.prepare('SELECT count(*) AS n FROM due_dirty').get()).toEqual({ n: 0 });
        } finally {
          db.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('recomputes exactly the dossiers a write changed, in the same transaction (triggers → due_dirty)', () => {
    fc.assert(
      fc.property(dossierArb, dossierArb, fc.integer({ min: 0, max: 400 }), (first, second, todayOffset) => {
        const db = openTestDatabase();
        try {
          const f = fixture(db.sqlite);
          const today = day(todayOffset);
          const a = writeDossier(f, 1, first);
          refreshAllDueItems(db.sqlite, today);
          // A second dossier written afterwards, as a service would, in one transaction.
          const b = db.sqlite.transaction(() => {
            const w = writeDossier(f, 2, second);
            refreshDirtyDueItems(db.sqlite, today);
            return w;
          })();
          expect(stored(db.sqlite, a.personId)).toEqual(expected(a.state, today));
          expect(stored(db.sqlite, b.personId)).toEqual(expected(b.state, today));
          // A change of référent reaches the denormalised rows.
          const other = insertUser(db.sqlite, { login: 'zoé', displayName: 'Zoé', role: 'referent', mdsId: f.mdsId });
          db.sqlite.prepare('UPDATE persons SET referent_id = ? WHERE id = ?').run(other, a.personId);
          refreshDirtyDueItems(db.sqlite, today);
          const referents = db.sqlite.prepare('SELECT DISTINCT referent_user_id AS r FROM due_items WHERE person_id = ?').all(a.personId) as { r: number }[];
          expect(referents.every((x) => x.r === other)).toBe(true);
        } finally {
          db.close();
        }
      }),
      { numRuns: 40 },
    );
  });

  it('marks the person dirty on each table the échéancier reads, and a cancelled rendez-vous leaves it', () => {
    opened = openTestDatabase();
    const { sqlite } = opened;
    const f = fixture(sqlite);
    const { personId } = writeDossier(f, 1, { rsaDepuis: 0, orientations: [], contracts: [], saisines: [], sanctions: [], appointments: [] });
    refreshAllDueItems(sqlite, day(10));
    expect(stored(sqlite, personId)).toMatchObject([{ kind: 'orientation_a_faire', severity: 'info', date: day(0) }]);
    sqlite.prepare("INSERT INTO appointments (person_id, date, time, place, object, with_convocation) VALUES (?, ?, '10:00', 'MDS', 'Bilan', 1)").run(personId, day(12));
    expect(sqlite.prepare('SELECT person_id FROM due_dirty').all()).toEqual([{ person_id: personId }]);
    refreshDirtyDueItems(sqlite, day(10));
    expect(stored(sqlite, personId).map((i) => (i as { kind: string }).kind)).toEqual(['orientation_a_faire', 'rendez_vous']);
    sqlite.prepare("UPDATE appointments SET cancelled_at = '2026-01-05T10:00:00Z' WHERE person_id = ?").run(personId);
    refreshDirtyDueItems(sqlite, day(10));
    expect(stored(sqlite, personId).map((i) => (i as { kind: string }).kind)).toEqual(['orientation_a_faire']);
  });
});
