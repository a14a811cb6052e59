/**
 * The échéancier of every dossier, precomputed in `due_items` (db/schema-desk.ts).
 *
 * - Writes: triggers (migration 0010) put every person whose échéancier inputs changed in `due_dirty`; the
 *   dispatcher calls `refreshDirtyDueItems` inside the write transaction, before COMMIT, so a dossier's items are
 *   never out of step with its records.
 * - The date: severities and the items themselves move with the day. `ensureDueItemsDay` recomputes every dossier
 *   once a day (when the database opens on a new day, and at the first write or desk read after midnight),
 *   in chunks so that the app stays responsive; `desk_state('due_items_day')` says for which day the items hold.
 *
 * The items are exactly those of the per-dossier rule (`echeancier` in shared/domain/rules/echeancier.ts) on the
 * state read from the database: test/integration/desk/due.test.ts checks it on random states.
 */
import type { Sqlite } from '../../../db/open';
import { montantForfaitaire } from '../../../shared/domain/referentials/rsa-amounts';
import { echeancier, type DossierState, type EcheanceItem } from '../../../shared/domain/rules/echeancier';
import type { EpAvis, PresidentDecision, Saisine, SaisineOrigin, Sens } from '../../../shared/domain/rules/ep';
import type { ContractStatus } from '../../../shared/domain/rules/contracts';
import type { Orientation } from '../../../shared/domain/rules/orientation';
import type { SanctionKind, SanctionScheduleInput } from '../../../shared/domain/rules/sanctions';
import { personName } from '../../../shared/domain/format';
import type { IsoDate } from '../../../shared/domain/rules/dates';

export const DUE_DAY_KEY = 'due_items_day';
/** Dossiers recomputed per transaction by the daily refresh. */
const CHUNK = 2_000;

interface PersonMeta {
  id: number;
  mdsId: number;
  referentId: number | null;
  correspondantId: number | null;
  name: string;
  sort: string;
}

interface SourceIds {
  contracts: number[];
  saisines: number[];
  sanctions: number[];
  appointments: number[];
  orientations: number[];
}

export interface LoadedDossier {
  meta: PersonMeta;
  state: DossierState;
  ids: SourceIds;
}

/** Upper case without accents, for sorting names the way a French reader expects. */
export const sortKey = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase();

const cents = (n: number): number => Math.round(n * 100) / 100;

type Row = Record<string, unknown>;
const str = (v: unknown): string => v as string;
const opt = (v: unknown): string | null => (v === null || v === undefined ? null : (v as string));

/** `WHERE person_id IN (…)` over a JSON array of ids (one bound parameter, any length). */
const IN = (column: string) => `${column} IN (SELECT value FROM json_each(?))`;

/** Reads the échéancier inputs of the given persons (in bulk: one query per table). */
export function loadDossiers(sqlite: Sqlite, personIds: readonly number[]): LoadedDossier[] {
  if (personIds.length === 0) return [];
  const ids = JSON.stringify(personIds);
  const out = new Map<number, LoadedDossier>();
  const persons = sqlite
    .prepare(
      `SELECT p.id, p.nom_patronymique, p.nom_usage, p.prenoms, p.referent_id, p.correspondant_id, p.created_at, f.mds_id, f.rsa_depuis
       FROM persons p JOIN foyers f ON f.id = p.foyer_id WHERE ${IN('p.id')} AND p.merged_into_id IS NULL`,
    )
    .all(ids) as Row[];
  for (const p of persons) {
    const name = personName({ nomPatronymique: str(p.nom_patronymique), nomUsage: opt(p.nom_usage), prenoms: str(p.prenoms) });
    out.set(p.id as number, {
      meta: {
        id: p.id as number,
        mdsId: p.mds_id as number,
        referentId: (p.referent_id as number | null) ?? null,
        correspondantId: (p.correspondant_id as number | null) ?? null,
        name,
        sort: sortKey(`${str(p.nom_patronymique)} ${str(p.prenoms)}`),
      },
      state: {
        orientations: [],
        contracts: [],
        saisines: [],
        sanctions: [],
        appointments: [],
        awaitingOrientationSince: opt(p.rsa_depuis) ?? str(p.created_at).slice(0, 10),
      },
      ids: { contracts: [], saisines: [], sanctions: [], appointments: [], orientations: [] },
    });
  }
  const of = (personId: unknown): LoadedDossier | undefined => out.get(personId as number);
  const push = <T>(list: readonly T[], value: T) => (list as T[]).push(value);

  for (const o of sqlite
    .prepare(`SELECT id, person_id, decision_date, orientation, start_date, end_date FROM orientations WHERE ${IN('person_id')} ORDER BY start_date, id`)
    .all(ids) as Row[]) {
    const d = of(o.person_id);
    if (!d) continue;
    push(d.state.orientations, { date: str(o.decision_date), orientation: o.orientation as Orientation, start: str(o.start_date), end: opt(o.end_date) });
    d.ids.orientations.push(o.id as number);
  }
  for (const c of sqlite
    .prepare(`SELECT id, person_id, type, status, orientation_date, start, duration_months, signed_on FROM contracts WHERE ${IN('person_id')} ORDER BY start, id`)
    .all(ids) as Row[]) {
    const d = of(c.person_id);
    if (!d) continue;
    push(d.state.contracts, {
      id: c.id as number,
      type: c.type as 'CERS' | 'CERP',
      status: c.status as ContractStatus,
      orientationDate: str(c.orientation_date),
      start: str(c.start),
      durationMonths: c.duration_months as number,
      signedOn: opt(c.signed_on),
    });
    d.ids.contracts.push(c.id as number);
  }
  for (const s of sqlite
    .prepare(
      `SELECT s.id, s.person_id, s.origin, s.date, a.date AS avis_date, a.sens AS avis_sens, a.motivation,
              d.date AS decision_date, d.sens AS decision_sens
       FROM ep_saisines s LEFT JOIN ep_avis a ON a.saisine_id = s.id LEFT JOIN ep_decisions d ON d.saisine_id = s.id
       WHERE ${IN('s.person_id')} ORDER BY s.date, s.id`,
    )
    .all(ids) as Row[]) {
    const d = of(s.person_id);
    if (!d) continue;
    const avis: EpAvis | null = s.avis_date ? { date: str(s.avis_date), sens: s.avis_sens as Sens, motivation: str(s.motivation) } : null;
    const decision: PresidentDecision | null = s.decision_date ? { date: str(s.decision_date), sens: s.decision_sens as Sens } : null;
    const saisine: Saisine = { id: s.id as number, origin: s.origin as SaisineOrigin, date: str(s.date), avis, decision };
    push(d.state.saisines, saisine);
    d.ids.saisines.push(s.id as number);
  }
  for (const s of sqlite
    .prepare(`SELECT id, person_id, kind, start, couple, dependants, resources_cents, contract_signed_on FROM ep_sanctions WHERE ${IN('person_id')} ORDER BY id`)
    .all(ids) as Row[]) {
    const d = of(s.person_id);
    if (!d) continue;
    const household = { couple: s.couple === 1, dependants: s.dependants as number };
    const mf = (month: IsoDate) => montantForfaitaire(month, household);
    const resources = ((s.resources_cents as number | null) ?? 0) / 100;
    const input: SanctionScheduleInput = {
      kind: s.kind as SanctionKind,
      start: str(s.start),
      household,
      montantForfaitaire: mf,
      allowance: (month: IsoDate) => cents(mf(month) - resources),
      contractSignedOn: opt(s.contract_signed_on),
    };
    push(d.state.sanctions, input);
    d.ids.sanctions.push(s.id as number);
  }
  for (const a of sqlite
    .prepare(`SELECT id, person_id, date, time, object FROM appointments WHERE ${IN('person_id')} AND cancelled_at IS NULL ORDER BY date, time, id`)
    .all(ids) as Row[]) {
    const d = of(a.person_id);
    if (!d) continue;
    push(d.state.appointments, { date: str(a.date), label: `${str(a.time).replace(':', ' h ')}, ${str(a.object)}` });
    d.ids.appointments.push(a.id as number);
  }
  // France Travail (issue 15): the last event a radiation, and no demande de réorientation dated since.
  for (const r of sqlite
    .prepare(
      `SELECT e.person_id, e.date, e.motif FROM ft_events e
       WHERE ${IN('e.person_id')} AND e.event = 'radiation'
         AND NOT EXISTS (SELECT 1 FROM ft_events l WHERE l.person_id = e.person_id AND (l.date > e.date OR (l.date = e.date AND l.id > e.id)))
         AND NOT EXISTS (SELECT 1 FROM fiches_liaison fl WHERE fl.person_id = e.person_id AND fl.type = 'reorientation' AND fl.date >= e.date)`,
    )
    .all(ids) as Row[]) {
    const d = of(r.person_id);
    if (d) d.state = { ...d.state, ftRadiation: { date: str(r.date), motif: opt(r.motif) } };
  }
  return [...out.values()];
}

const SOURCE_TYPES = ['contract', 'saisine', 'sanction', 'appointment', 'orientation'] as const;
const SOURCE_KEYS = { contract: 'contracts', saisine: 'saisines', sanction: 'sanctions', appointment: 'appointments', orientation: 'orientations' } as const;

/** The database id of the record an item comes from (the rule gives its index in the state). */
function sourceOf(item: EcheanceItem, ids: SourceIds): { type: string | null; id: number | null } {
  for (const type of SOURCE_TYPES) {
    const index = item.source?.[type];
    if (index !== undefined && index >= 0) return { type, id: ids[SOURCE_KEYS[type]][index] ?? null };
  }
  return { type: null, id: null };
}

/** The items of one loaded dossier at `today` (the per-dossier rule; warnings are dropped like on the dossier). */
export function itemsOf(d: LoadedDossier, today: IsoDate): EcheanceItem[] {
  const result = echeancier(d.state, today);
  return result.ok ? result.items : [];
}

/** Recomputes the due items of these persons at `today` (call inside a transaction). Returns the number of items. */
export function recomputeDueItems(sqlite: Sqlite, personIds: readonly number[], today: IsoDate): number {
  if (personIds.length === 0) return 0;
  const ids = JSON.stringify(personIds);
  sqlite.prepare(`DELETE FROM due_items WHERE ${IN('person_id')}`).run(ids);
  const insert = sqlite.prepare(
    `INSERT INTO due_items (person_id, mds_id, referent_user_id, correspondant_user_id, person_name, person_sort, kind, severity, date, title, rule, source_type, source_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let count = 0;
  for (const d of loadDossiers(sqlite, personIds)) {
    for (const item of itemsOf(d, today)) {
      const source = sourceOf(item, d.ids);
      const m = d.meta;
      insert.run(m.id, m.mdsId, m.referentId, m.correspondantId, m.name, m.sort, item.kind, item.severity, item.date, item.title, item.rule, source.type, source.id);
      count += 1;
    }
  }
  return count;
}

/** The day the stored items hold for (null: never computed). */
export function dueItemsDay(sqlite: Sqlite): string | null {
  const row = sqlite.prepare(`SELECT value FROM desk_state WHERE key = ?`).get(DUE_DAY_KEY) as { value: string } | undefined;
  return row?.value ?? null;
}

/** Inside a write transaction, before COMMIT: recomputes the dossiers the transaction changed (due_dirty) at `today`. */
export function refreshDirtyDueItems(sqlite: Sqlite, today: IsoDate): number {
  const dirty = (sqlite.prepare('SELECT person_id FROM due_dirty').all() as { person_id: number }[]).map((r) => r.person_id);
  if (dirty.length === 0) return 0;
  sqlite.prepare('DELETE FROM due_dirty').run();
  for (let i = 0; i < dirty.length; i += CHUNK) recomputeDueItems(sqlite, dirty.slice(i, i + CHUNK), today);
  return dirty.length;
}

/** Every person id, in order. */
const allPersonIds = (sqlite: Sqlite): number[] => (sqlite.prepare('SELECT id FROM persons ORDER BY id').all() as { id: number }[]).map((r) => r.id);

export const markDueItemsDay = (sqlite: Sqlite, day: IsoDate) =>
  sqlite.prepare(`INSERT INTO desk_state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(DUE_DAY_KEY, day);

/** Recomputes every dossier at `today` in one transaction (tests, migrations of data, the bench). */
export function refreshAllDueItems(sqlite: Sqlite, today: IsoDate): { persons: number; items: number } {
  const ids = allPersonIds(sqlite);
  let items = 0;
  sqlite.transaction(() => {
    sqlite.prepare('DELETE FROM due_items').run();
    sqlite.prepare('DELETE FROM due_dirty').run();
    for (let i = 0; i < ids.length; i += CHUNK) items += recomputeDueItems(sqlite, ids.slice(i, i + CHUNK), today);
    markDueItemsDay(sqlite, today);
  })();
  return { persons: ids.length, items };
}

/**
 * The daily refresh, in chunks of CHUNK dossiers, each in its own write transaction taken through `runWrite` (the
 * app's write queue), so that other calls interleave. The day is recorded when the last chunk is done; until then,
 * the not-yet-refreshed dossiers keep yesterday's items. Does nothing when the items already hold for `today`.
 */
export async function ensureDueItemsDay(
  sqlite: Sqlite,
  today: IsoDate,
  runWrite: (write: () => void) => Promise<void>,
): Promise<boolean> {
  if (dueItemsDay(sqlite) === today) return false;
  const ids = allPersonIds(sqlite);
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    await runWrite(() => {
      recomputeDueItems(sqlite, chunk, today);
    });
  }
  await runWrite(() => {
    // Dossiers created during the refresh were computed by their own write; remove items of persons gone.
    sqlite.prepare('DELETE FROM due_items WHERE person_id NOT IN (SELECT id FROM persons)').run();
    markDueItemsDay(sqlite, today);
  });
  return true;
}
