/**
 * RGPD queries: the facts the retention rule needs per dossier (last activity, end of the RSA, pending procedure),
 * the anonymisation of a dossier (purge), everything held on a person (right of access), and the drafts' retention.
 *
 * The purge and the export work on the better-sqlite3 connection (raw SQL over many tables); the drafts' helpers on
 * drizzle like the other queries.
 */
import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { and, asc, eq, inArray, lt } from 'drizzle-orm';
import { drafts } from '../schema';
import type { DbOrTx } from './types';

type Sqlite = BetterSqlite3.Database;
type Row = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------------------------
// Drafts
// ---------------------------------------------------------------------------------------------------------------

/** Deletes every user's drafts saved before `before` (ISO instant). */
export function deleteExpiredDrafts(db: DbOrTx, before: string): void {
  db.delete(drafts).where(lt(drafts.updatedAt, before)).run();
}

/** A user's drafts: key and last save. */
export function draftStamps(db: DbOrTx, userId: number): { key: string; updatedAt: string }[] {
  return db.select({ key: drafts.key, updatedAt: drafts.updatedAt }).from(drafts).where(eq(drafts.userId, userId)).orderBy(asc(drafts.updatedAt)).all();
}

export function deleteDraftsOf(db: DbOrTx, userId: number, keys: readonly string[]): void {
  if (keys.length === 0) return;
  db.delete(drafts)
    .where(and(eq(drafts.userId, userId), inArray(drafts.key, [...keys])))
    .run();
}

// ---------------------------------------------------------------------------------------------------------------
// Retention facts
// ---------------------------------------------------------------------------------------------------------------

/** The sources of a dossier's activity, each with its latest date ('YYYY-MM-DD'; null: none). */
export const ACTIVITY_SOURCES = {
  dossier: 'dernière modification du dossier',
  journal: 'dernière écriture du journal sur la personne',
  contrat: 'fin ou dernière modification d’un contrat',
  fiche: 'dernière fiche de liaison',
  dsp: 'dernière DSP',
  ede: 'dernière EDE',
  orientation: 'dernière décision ou fin d’orientation',
  preconisation: 'dernière préconisation de l’équipe d’orientation',
  ep: 'dernière saisine, avis ou décision de l’équipe pluridisciplinaire',
  sanction: 'dernier mois d’un échéancier de sanction',
  rendezVous: 'dernier rendez-vous',
  document: 'dernier document ou pièce jointe',
  revenus: 'dernière mise à jour des revenus',
} as const;
export type ActivitySource = keyof typeof ACTIVITY_SOURCES;

export interface RetentionFacts {
  personId: number;
  foyerId: number;
  nomPatronymique: string;
  nomUsage: string | null;
  prenoms: string;
  cafNumber: string;
  dates: Record<ActivitySource, string | null>;
  /** The radiation month of a sanction schedule: the one end of the RSA the database knows. */
  radiation: string | null;
  /** Saisines of the EP without the Président's decision (a procedure in progress). */
  pendingSaisines: number;
}

const day = (col: string) => `substr(${col}, 1, 10)`;
const FACTS_SQL = `
SELECT p.id AS personId, p.foyer_id AS foyerId, p.nom_patronymique AS nomPatronymique, p.nom_usage AS nomUsage, p.prenoms AS prenoms,
  f.caf_number AS cafNumber,
  max(${day('p.updated_at')}, ${day('p.created_at')}, ${day('f.updated_at')}) AS dossier,
  (SELECT max(${day('a.at')}) FROM audit_log a WHERE a.entity = 'person' AND a.entity_id = CAST(p.id AS TEXT)) AS journal,
  (SELECT max(max(c."end", coalesce(c.ended_on, ''), ${day('c.updated_at')})) FROM contracts c WHERE c.person_id = p.id) AS contrat,
  (SELECT max(max(x.date, ${day('x.updated_at')})) FROM fiches_liaison x WHERE x.person_id = p.id) AS fiche,
  (SELECT max(${day('x.created_at')}) FROM dsp_revisions x WHERE x.person_id = p.id) AS dsp,
  (SELECT max(max(x.date, ${day('x.created_at')})) FROM ede_assessments x WHERE x.person_id = p.id) AS ede,
  (SELECT max(max(x.decision_date, x.start_date, coalesce(x.end_date, ''))) FROM orientations x WHERE x.person_id = p.id) AS orientation,
  (SELECT max(max(x.date, ${day('x.recorded_at')})) FROM orientation_preconisations x WHERE x.person_id = p.id) AS preconisation,
  (SELECT max(max(s.date, coalesce((SELECT max(v.date) FROM ep_avis v WHERE v.saisine_id = s.id), ''),
      coalesce((SELECT max(d.date) FROM ep_decisions d WHERE d.saisine_id = s.id), '')))
    FROM ep_saisines s WHERE s.person_id = p.id) AS ep,
  (SELECT max(max(x.start, coalesce(json_extract(x.schedule_json, '$.lines[#-1].month'), ''), coalesce(json_extract(x.schedule_json, '$.radiation'), '')))
    FROM ep_sanctions x WHERE x.person_id = p.id) AS sanction,
  (SELECT max(json_extract(x.schedule_json, '$.radiation')) FROM ep_sanctions x WHERE x.person_id = p.id) AS radiation,
  (SELECT max(max(x.date, ${day('x.updated_at')})) FROM appointments x WHERE x.person_id = p.id) AS rendezVous,
  max(coalesce((SELECT max(${day('x.created_at')}) FROM documents x WHERE x.person_id = p.id), ''),
      coalesce((SELECT max(${day('x.created_at')}) FROM attachments x WHERE x.person_id = p.id), '')) AS document,
  (SELECT max(${day('x.updated_at')}) FROM person_incomes x WHERE x.person_id = p.id) AS revenus,
  (SELECT count(*) FROM ep_saisines s WHERE s.person_id = p.id AND NOT EXISTS (SELECT 1 FROM ep_decisions d WHERE d.saisine_id = s.id)) AS pendingSaisines
FROM persons p JOIN foyers f ON f.id = p.foyer_id
WHERE f.mds_id = @mdsId AND p.purged_at IS NULL`;

/** The retention facts of the dossiers of an MDS not yet anonymised (or of the given persons only). */
export function retentionFacts(sqlite: Sqlite, mdsId: number, personIds?: readonly number[]): RetentionFacts[] {
  const only = personIds ? ` AND p.id IN (${personIds.map(() => '?').join(', ') || 'NULL'})` : '';
  const rows = sqlite.prepare(`${FACTS_SQL}${only} ORDER BY p.id`).all({ mdsId }, ...(personIds ?? [])) as Row[];
  return rows.map((r) => {
    const dates = Object.fromEntries(
      (Object.keys(ACTIVITY_SOURCES) as ActivitySource[]).map((k) => [k, typeof r[k] === 'string' && r[k] !== '' ? (r[k] as string) : null]),
    ) as Record<ActivitySource, string | null>;
    return {
      personId: r.personId as number,
      foyerId: r.foyerId as number,
      nomPatronymique: r.nomPatronymique as string,
      nomUsage: (r.nomUsage as string | null) ?? null,
      prenoms: r.prenoms as string,
      cafNumber: r.cafNumber as string,
      dates,
      radiation: (r.radiation as string | null) ?? null,
      pendingSaisines: r.pendingSaisines as number,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// What is held on a person (right of access; the purge's targets)
// ---------------------------------------------------------------------------------------------------------------

const ids = (sqlite: Sqlite, query: string, ...params: unknown[]): number[] =>
  (sqlite.prepare(query).pluck().all(...params) as number[]);
const inList = (values: readonly number[]) => (values.length === 0 ? 'NULL' : values.join(', '));

/** The ids of every record about a person, per table. */
export function recordsOf(sqlite: Sqlite, personId: number) {
  const foyerId = sqlite.prepare('SELECT foyer_id FROM persons WHERE id = ?').pluck().get(personId) as number;
  const contracts = ids(sqlite, 'SELECT id FROM contracts WHERE person_id = ?', personId);
  const paps = ids(sqlite, `SELECT id FROM contract_paps WHERE contract_id IN (${inList(contracts)})`);
  const saisines = ids(sqlite, 'SELECT id FROM ep_saisines WHERE person_id = ?', personId);
  const items = ids(sqlite, `SELECT id FROM ep_session_items WHERE saisine_id IN (${inList(saisines)})`);
  return {
    foyerId,
    contracts,
    paps,
    saisines,
    items,
    sessions: ids(sqlite, `SELECT DISTINCT session_id FROM ep_session_items WHERE id IN (${inList(items)})`),
    dsp: ids(sqlite, 'SELECT id FROM dsp_revisions WHERE person_id = ?', personId),
    ede: ids(sqlite, 'SELECT id FROM ede_assessments WHERE person_id = ?', personId),
    orientations: ids(sqlite, 'SELECT id FROM orientations WHERE person_id = ?', personId),
    preconisations: ids(sqlite, 'SELECT id FROM orientation_preconisations WHERE person_id = ?', personId),
    fiches: ids(sqlite, 'SELECT id FROM fiches_liaison WHERE person_id = ?', personId),
    attachments: ids(sqlite, 'SELECT id FROM attachments WHERE person_id = ?', personId),
    avis: ids(sqlite, `SELECT id FROM ep_avis WHERE saisine_id IN (${inList(saisines)})`),
    decisions: ids(sqlite, `SELECT id FROM ep_decisions WHERE saisine_id IN (${inList(saisines)})`),
    sanctions: ids(sqlite, 'SELECT id FROM ep_sanctions WHERE person_id = ?', personId),
    appointments: ids(sqlite, 'SELECT id FROM appointments WHERE person_id = ?', personId),
    documents: ids(sqlite, 'SELECT id FROM documents WHERE person_id = ?', personId),
  };
}
export type PersonRecords = ReturnType<typeof recordsOf>;

/** The journal's (entity, entity id) pairs about a person's records (their foyer's too when `withFoyer`). */
export function auditTargetsOf(personId: number, r: PersonRecords, withFoyer: boolean): [string, number[]][] {
  return [
    ['person', [personId]],
    ['person_income', [personId]],
    ['foyer', withFoyer ? [r.foyerId] : []],
    ['foyer_resources', withFoyer ? [r.foyerId] : []],
    ['dsp_revision', r.dsp],
    ['ede_assessment', r.ede],
    ['orientation', r.orientations],
    ['orientation_preconisation', r.preconisations],
    ['contract', r.contracts],
    ['contract_pap', r.paps],
    ['fiche_liaison', r.fiches],
    ['attachment', r.attachments],
    ['ep_saisine', r.saisines],
    ['ep_session_item', r.items],
    ['ep_avis', r.avis],
    ['ep_decision', r.decisions],
    ['ep_sanction', r.sanctions],
    ['appointment', r.appointments],
    ['document', r.documents],
  ];
}

function auditLinesOf(sqlite: Sqlite, targets: [string, number[]][]): Row[] {
  const where = targets
    .filter(([, list]) => list.length > 0)
    .map(([entity, list]) => `(entity = '${entity}' AND entity_id IN (${list.map((id) => `'${id}'`).join(', ')}))`);
  if (where.length === 0) return [];
  return sqlite.prepare(`SELECT * FROM audit_log WHERE ${where.join(' OR ')} ORDER BY at, id`).all() as Row[];
}

const camel = (name: string) => name.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** A stored row as exported: camelCase keys, JSON columns parsed, bytes left out (their size and hash are listed). */
function exported(row: Row): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) {
    if (Buffer.isBuffer(value)) continue;
    let v = value;
    if (typeof value === 'string' && /^[[{]/.test(value)) {
      try {
        v = JSON.parse(value) as unknown;
      } catch {
        v = value;
      }
    }
    out[camel(key.replace(/_json$/, ''))] = v;
  }
  return out;
}

export interface PersonDataExport {
  identite: { personne: Row; foyer: Row; enfants: Row[]; revenus: Row | null; ressourcesDuFoyer: Row | null };
  dsp: Row[];
  ede: Row[];
  preconisations: Row[];
  orientations: Row[];
  contrats: (Row & { pap: (Row & { actions: Row[] })[] })[];
  fichesDeLiaison: Row[];
  piecesJointes: Row[];
  equipePluridisciplinaire: { saisines: Row[]; inscriptions: Row[]; avis: Row[]; decisions: Row[]; sanctions: Row[] };
  rendezVous: Row[];
  documents: Row[];
  journal: Row[];
}

/** Everything the database holds on a person, by category. */
export function personDataExport(sqlite: Sqlite, personId: number): PersonDataExport {
  const r = recordsOf(sqlite, personId);
  const all = (query: string, ...params: unknown[]) => (sqlite.prepare(query).all(...params) as Row[]).map(exported);
  const one = (query: string, ...params: unknown[]) => {
    const row = sqlite.prepare(query).get(...params) as Row | undefined;
    return row ? exported(row) : null;
  };
  const byPerson = (table: string, order = 'id') => all(`SELECT * FROM ${table} WHERE person_id = ? ORDER BY ${order}`, personId);
  return {
    identite: {
      personne: one('SELECT * FROM persons WHERE id = ?', personId) ?? {},
      foyer: one('SELECT * FROM foyers WHERE id = ?', r.foyerId) ?? {},
      enfants: all('SELECT * FROM children WHERE foyer_id = ? ORDER BY id', r.foyerId),
      revenus: one('SELECT * FROM person_incomes WHERE person_id = ?', personId),
      ressourcesDuFoyer: one('SELECT * FROM foyer_resources WHERE foyer_id = ?', r.foyerId),
    },
    dsp: byPerson('dsp_revisions', 'number'),
    ede: byPerson('ede_assessments', 'date, id'),
    preconisations: byPerson('orientation_preconisations', 'date, id'),
    orientations: byPerson('orientations', 'start_date, id'),
    contrats: byPerson('contracts', 'start, id').map((c) => ({
      ...c,
      pap: all('SELECT * FROM contract_paps WHERE contract_id = ? ORDER BY version', c.id).map((p) => ({
        ...p,
        actions: all('SELECT * FROM contract_pap_actions WHERE pap_id = ? ORDER BY position', p.id),
      })),
    })),
    fichesDeLiaison: byPerson('fiches_liaison', 'date, id'),
    piecesJointes: byPerson('attachments', 'created_at, id'),
    equipePluridisciplinaire: {
      saisines: byPerson('ep_saisines', 'date, id'),
      inscriptions: all(
        `SELECT i.*, s.date AS session_date, s.place AS session_place FROM ep_session_items i JOIN ep_sessions s ON s.id = i.session_id WHERE i.id IN (${inList(r.items)}) ORDER BY s.date, i.id`,
      ),
      avis: all(`SELECT * FROM ep_avis WHERE id IN (${inList(r.avis)}) ORDER BY date, id`),
      decisions: all(`SELECT * FROM ep_decisions WHERE id IN (${inList(r.decisions)}) ORDER BY date, id`),
      sanctions: byPerson('ep_sanctions', 'start, id'),
    },
    rendezVous: byPerson('appointments', 'date, time, id'),
    documents: byPerson('documents', 'created_at, id'),
    journal: auditLinesOf(sqlite, auditTargetsOf(personId, r, true)).map(exported),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Anonymisation
// ---------------------------------------------------------------------------------------------------------------

export const REDACTED = '[anonymisé]';

/**
 * What identifies a person in text written elsewhere: their names, CAF and France Travail numbers, e-mail. Not their
 * phone, address or children's first names, which a relative's records share (the person's own records are erased
 * whole, these included).
 */
export function identifyingTerms(sqlite: Sqlite, personId: number): string[] {
  const p = sqlite.prepare('SELECT p.*, f.caf_number FROM persons p JOIN foyers f ON f.id = p.foyer_id WHERE p.id = ?').get(personId) as Row;
  const words = [p.nom_patronymique, p.nom_usage, p.prenoms, p.email, p.pe_number, p.caf_number];
  return [...new Set(words.filter((w): w is string => typeof w === 'string').map((w) => w.trim()).filter((w) => w.length >= 3))];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test: does a text contain one of the terms (case-insensitive)? */
export function termMatcher(terms: readonly string[]): RegExp | null {
  return terms.length === 0 ? null : new RegExp(terms.map(escapeRegExp).join('|'), 'iu');
}

/** Strings kept by a full anonymisation: codes, dates, times (what statistics use); every other string is erased. */
const KEPT = [/^[a-z0-9_]+$/, /^[A-J](\.\d+)*$/, /^[A-N]\d{4}$/, /^\d{4}-\d{2}(-\d{2})?(T[\d:.]+Z?)?$/, /^\d{2}:\d{2}$/, /^(CERS|CERP|F|M)$/];

/**
 * A JSON value anonymised: every string that contains an identifying term is erased; with `full`, every string that is
 * not a code, a date or a time too. A birth date given in `dates` becomes the 1st of January of its year.
 */
export function redactValue(value: unknown, match: RegExp | null, full: boolean, dates: ReadonlyMap<string, string> = new Map()): unknown {
  if (typeof value === 'string') {
    if (value === '') return value;
    const date = dates.get(value);
    if (date !== undefined) return date;
    if (match?.test(value)) return REDACTED;
    return full && !KEPT.some((re) => re.test(value)) ? REDACTED : value;
  }
  if (Array.isArray(value)) return value.map((v) => redactValue(v, match, full, dates));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactValue(v, match, full, dates)]));
  }
  return value;
}

function redactJsonText(text: unknown, match: RegExp | null, full: boolean, dates?: ReadonlyMap<string, string>): string | null {
  if (typeof text !== 'string') return null;
  try {
    return JSON.stringify(redactValue(JSON.parse(text), match, full, dates));
  } catch {
    return JSON.stringify(full || match?.test(text) ? REDACTED : text);
  }
}

/** Triggers that freeze signed contracts, PAP versions and sent fiches: lifted for the purge's UPDATEs only, in its transaction. */
const FREEZING_TRIGGERS = ['contracts_signed_frozen', 'contract_paps_no_update', 'contract_pap_actions_signed_no_update', 'fiches_liaison_sent_frozen'];

/** Runs `fn` with the freezing triggers lifted, and puts them back as they were (same transaction). */
export function withFrozenRecordsWritable<T>(sqlite: Sqlite, fn: () => T): T {
  const saved = sqlite
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${FREEZING_TRIGGERS.map(() => '?').join(', ')})`)
    .all(...FREEZING_TRIGGERS) as { name: string; sql: string }[];
  for (const t of saved) sqlite.exec(`DROP TRIGGER "${t.name}"`);
  try {
    return fn();
  } finally {
    for (const t of saved) sqlite.exec(t.sql);
  }
}

const anon = (value: unknown) => (value === null || value === undefined ? null : REDACTED);

export interface PurgeOutcome {
  foyerPurged: boolean;
  /** Journal lines anonymised (the person's records'). */
  auditLines: number;
  /** What identified the person: the journal's other lines are searched for it once the whole batch is purged. */
  terms: string[];
}

/**
 * Anonymises one person (and their foyer when no one else in it remains): identity, contact details, free text,
 * attachments' and archived documents' bytes, the journal's values. Dates, codes, amounts and row counts stay.
 * Call inside a write transaction, with the freezing triggers lifted (`withFrozenRecordsWritable`).
 */
export function purgePerson(sqlite: Sqlite, personId: number, at: string): PurgeOutcome {
  const r = recordsOf(sqlite, personId);
  const others = sqlite.prepare('SELECT count(*) FROM persons WHERE foyer_id = ? AND id <> ? AND purged_at IS NULL').pluck().get(r.foyerId, personId) as number;
  const withFoyer = others === 0;
  const terms = identifyingTerms(sqlite, personId);
  const match = termMatcher(terms);
  const person = sqlite.prepare('SELECT date_naissance FROM persons WHERE id = ?').get(personId) as { date_naissance: string };
  const dates = new Map([[person.date_naissance, `${person.date_naissance.slice(0, 4)}-01-01`]]);
  const json = (text: unknown, full = true) => redactJsonText(text, match, full, dates);
  const run = (query: string, ...params: unknown[]) => sqlite.prepare(query).run(...params);
  const each = (table: string, list: readonly number[], update: (row: Row) => Record<string, unknown>) => {
    for (const id of list) {
      const row = sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row;
      const set = update(row);
      const cols = Object.keys(set);
      if (cols.length > 0) run(`UPDATE ${table} SET ${cols.map((c) => `"${c}" = @${c}`).join(', ')} WHERE id = @id__`, { ...set, id__: id });
    }
  };

  // Identity. The search index (triggers of migration 0001) and the échéancier (due_dirty) follow the persons row.
  run(
    `UPDATE persons SET nom_patronymique = @nom, nom_usage = NULL, prenoms = '-', date_naissance = substr(date_naissance, 1, 4) || '-01-01',
       telephone = NULL, portable = NULL, email = NULL, pe_number = NULL, purged_at = @at, updated_at = @at WHERE id = @id`,
    { nom: `Personne anonymisée n° ${personId}`, at, id: personId },
  );
  if (withFoyer) {
    run(
      `UPDATE foyers SET caf_number = @token, address_line1 = @redacted, address_line2 = NULL, purged_at = @at, updated_at = @at WHERE id = @id`,
      { token: `ANONYME-${r.foyerId}`, redacted: REDACTED, at, id: r.foyerId },
    );
    run(`UPDATE children SET prenom = 'Enfant', date_naissance = substr(date_naissance, 1, 4) || '-01-01' WHERE foyer_id = ?`, r.foyerId);
  }

  // Free text of every record; codes, dates and amounts stay.
  each('dsp_revisions', r.dsp, (x) => ({ content_json: json(x.content_json) }));
  each('ede_assessments', r.ede, (x) => ({ answers_json: json(x.answers_json) }));
  each('orientation_preconisations', r.preconisations, (x) => ({ comment: anon(x.comment) }));
  each('orientations', r.orientations, (x) => ({ motif: REDACTED, divergence_reason: anon(x.divergence_reason) }));
  each('contracts', r.contracts, (x) => ({
    content: json(x.content),
    suivi_emploi: json(x.suivi_emploi),
    etat_civil: json(x.etat_civil),
    signature_beneficiaire_nom: anon(x.signature_beneficiaire_nom),
    rejection_motif: anon(x.rejection_motif),
    closure_motif: anon(x.closure_motif),
    bilan_general: anon(x.bilan_general),
    ede_waiver_reason: anon(x.ede_waiver_reason),
  }));
  each('contract_paps', r.paps, (x) => ({ avenant_motif: anon(x.avenant_motif) }));
  run(
    `UPDATE contract_pap_actions SET engagement_referent = @r, engagement_beneficiaire = @r, bilan = CASE WHEN bilan IS NULL THEN NULL ELSE @r END
       WHERE pap_id IN (${inList(r.paps)})`,
    { r: REDACTED },
  );
  each('fiches_liaison', r.fiches, (x) => ({
    content: json(x.content),
    administratif: json(x.administratif),
    structure_feedback: x.structure_feedback === null ? null : json(x.structure_feedback),
    answer_text: anon(x.answer_text),
    president_reason: anon(x.president_reason),
  }));
  each('attachments', r.attachments, (x) => ({ file_name: `piece-jointe-${String(x.id)}`, label: null }));
  run(`DELETE FROM attachment_blobs WHERE attachment_id IN (${inList(r.attachments)})`);
  each('ep_saisines', r.saisines, (x) => ({ theme: match?.test(String(x.theme)) ? REDACTED : x.theme }));
  each('ep_session_items', r.items, (x) => ({ removal_reason: anon(x.removal_reason) }));
  each('ep_avis', r.avis, () => ({ motivation: REDACTED }));
  each('ep_decisions', r.decisions, (x) => ({ commentaire: anon(x.commentaire) }));
  each('appointments', r.appointments, (x) => ({
    object: REDACTED,
    outcome_note: anon(x.outcome_note),
    cancel_reason: anon(x.cancel_reason),
  }));
  // Archived PDFs: the person's, and the EP's papers that name them (session files, letters): bytes erased.
  each('documents', r.documents, (x) => ({ title: `Document anonymisé n° ${String(x.id)}`, file_name: `document-${String(x.id)}.pdf`, pdf: Buffer.alloc(0) }));
  run(
    `UPDATE documents SET pdf = x'' WHERE (source_entity = 'ep_session' AND source_id IN (${inList(r.sessions)}))
       OR (source_entity = 'ep_session_item' AND source_id IN (${inList(r.items)}))`,
  );
  // Drafts that hold the person's data (any user's).
  if (match) {
    const keys = sqlite.prepare('SELECT user_id AS userId, key, data_json AS data FROM drafts').all() as { userId: number; key: string; data: string }[];
    const own = new RegExp(`^[a-z-]+(:edit)?:${personId}(:|$)`);
    for (const d of keys) if (match.test(d.data) || own.test(d.key)) run('DELETE FROM drafts WHERE user_id = ? AND key = ?', d.userId, d.key);
  }

  // The journal's lines about the person's records lose every free value (full anonymisation).
  let auditLines = 0;
  for (const line of auditLinesOf(sqlite, auditTargetsOf(personId, r, withFoyer))) {
    if (line.anonymised_at !== null) continue;
    anonymiseAuditLine(sqlite, line.id as number, redactJsonText(line.before_json, match, true, dates), redactJsonText(line.after_json, match, true, dates), at);
    auditLines++;
  }
  return { foyerPurged: withFoyer, auditLines, terms };
}

/** One UPDATE per line, setting anonymised_at: the only change the journal's trigger allows (once per line). */
function anonymiseAuditLine(sqlite: Sqlite, id: number, before: string | null, after: string | null, at: string): void {
  sqlite.prepare('UPDATE audit_log SET before_json = @before, after_json = @after, anonymised_at = @at WHERE id = @id').run({ id, before, after, at });
}

/**
 * Any other line of the journal that names one of the purged persons (a record shared with others, a list export…)
 * loses the values that name them. Run once per purge, after every person of it: a line can be anonymised only once.
 */
export function anonymiseAuditMentions(sqlite: Sqlite, terms: readonly string[], at: string): number {
  const match = termMatcher(terms);
  if (!match) return 0;
  let n = 0;
  const lines = sqlite.prepare('SELECT id, before_json, after_json FROM audit_log WHERE anonymised_at IS NULL').all() as Row[];
  for (const line of lines) {
    const before = line.before_json as string | null;
    const after = line.after_json as string | null;
    if (!(before !== null && match.test(before)) && !(after !== null && match.test(after))) continue;
    anonymiseAuditLine(sqlite, line.id as number, redactJsonText(before, match, false), redactJsonText(after, match, false), at);
    n++;
  }
  return n;
}

/** Rewrites the search index's segments so that no deleted entry (a purged name's trigrams) stays in them. */
export function optimiseSearchIndex(sqlite: Sqlite): void {
  sqlite.exec(`INSERT INTO person_search (person_search) VALUES ('optimize')`);
}
