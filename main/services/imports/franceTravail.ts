/**
 * Kinds « France Travail »: inscriptions, cessations, radiations, stock. A line names a person by their identifiant
 * France Travail (7 digits, 1 character, 3 digits: 1234567A123), name, first name and birth date, with the event's
 * date, code and motif.
 *
 * - The person: the one of the MDS holding this identifiant; else the one with the same name and birth date
 *   (shared/domain/identity.ts; the identifiant is then recorded on the dossier); else the line is rejected
 *   « personne inconnue » (a France Travail list does not create dossiers).
 * - Each line adds a row to the person's France Travail history (`ft_events`) and, when it is not older than the
 *   status known, sets the status (`persons.ft_status`, `ft_status_date`). A radiation not followed by an
 *   inscription puts an item on the référent's desk (main/services/desk/due.ts).
 */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import { FT_IDENTIFIER, type ImportKind } from '../../../shared/api/imports';
import { personName } from '../../../shared/domain/format';
import { rejected, type Applied, type BatchContext, type Confirmation, type Evaluation, type ImportKindEngine } from './context';
import { LineErrors, on, text, type LineValues } from './values';
import { audit, statement } from './writer';

export type FtEvent = 'inscription' | 'cessation' | 'radiation' | 'stock';
export const FT_EVENT_OF: Record<Exclude<ImportKind, 'caf_nouveaux'>, FtEvent> = {
  ft_inscriptions: 'inscription',
  ft_cessations: 'cessation',
  ft_radiations: 'radiation',
  ft_stock: 'stock',
};

interface FtLine {
  personId: number;
  identifiant: string;
  date: string;
  code: string | null;
  motif: string | null;
}

interface FtPerson {
  id: number;
  pe_number: string | null;
  ft_status: string | null;
  ft_status_date: string | null;
  nom_patronymique: string;
  nom_usage: string | null;
  prenoms: string;
  mds_id: number;
}

/** What a line changed on the person (restored by the undo), and the event it added. */
interface FtBefore {
  eventId: number;
  before: { peNumber: string | null; ftStatus: string | null; ftStatusDate: string | null };
  after: { peNumber: string | null; ftStatus: string | null; ftStatusDate: string | null };
}

const PERSON_COLUMNS = `p.id, p.pe_number, p.ft_status, p.ft_status_date, p.nom_patronymique, p.nom_usage, p.prenoms, f.mds_id`;

const SQL = {
  byPe: `SELECT ${PERSON_COLUMNS} FROM persons p JOIN foyers f ON f.id = p.foyer_id WHERE p.pe_number = ? AND p.merged_into_id IS NULL`,
  byId: `SELECT ${PERSON_COLUMNS} FROM persons p JOIN foyers f ON f.id = p.foyer_id WHERE p.id = ?`,
  lastEvent: 'SELECT event, date, code, motif FROM ft_events WHERE person_id = ? ORDER BY date DESC, id DESC LIMIT 1',
  insertEvent: 'INSERT INTO ft_events (person_id, event, date, code, motif, batch_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  setPerson: 'UPDATE persons SET pe_number = ?, ft_status = ?, ft_status_date = ? WHERE id = ?',
  dirty: 'INSERT OR IGNORE INTO due_dirty (person_id) VALUES (?)',
  laterEvent: 'SELECT 1 FROM ft_events WHERE person_id = ? AND id > ? AND (batch_id IS NULL OR batch_id <> ?) LIMIT 1',
  deleteEvent: 'DELETE FROM ft_events WHERE id = ?',
} as const;

/** The prepared statements of the France Travail kinds. */
const stmts = (ctx: BatchContext) =>
  Object.fromEntries(Object.entries(SQL).map(([k, text]) => [k, statement(ctx.sqlite, text)])) as Record<keyof typeof SQL, Statement>;

const nameOf = (person: FtPerson) => personName({ nomPatronymique: person.nom_patronymique, nomUsage: person.nom_usage, prenoms: person.prenoms });

/** The line's identity and event, read and checked. */
function readLine(values: LineValues, errors: LineErrors) {
  const identifiant = text(values, 'identifiant').toUpperCase().replace(/\s/g, '');
  if (identifiant === '') errors.add('Identifiant France Travail manquant');
  else if (!FT_IDENTIFIER.test(identifiant)) errors.add(`Identifiant France Travail mal formé : « ${text(values, 'identifiant')} » (7 chiffres, 1 caractère, 3 chiffres, ex. 1234567A123)`);
  const nom = errors.required(values, 'nom', 'Nom');
  const prenom = errors.required(values, 'prenom', 'Prénom');
  const dateNaissance = errors.date(values, 'dateNaissance', 'Date de naissance');
  const date = errors.date(values, 'date', 'Date');
  return { identifiant, nom, prenom, dateNaissance, date: date ?? '', code: text(values, 'code') || null, motif: text(values, 'motif') || null };
}

/** A person holding another valid identifiant than the line's (then the line is not theirs), as a reason. */
function otherIdentifiant(person: FtPerson, identifiant: string): string | null {
  return person.pe_number && FT_IDENTIFIER.test(person.pe_number) && person.pe_number !== identifiant
    ? `${nameOf(person)} a déjà l’identifiant ${person.pe_number}, différent de ${identifiant}`
    : null;
}

/** The event added to the person's history and their status (when not older than the one known); journal; the undo. */
function applyEvent(ctx: BatchContext, event: FtEvent, line: FtLine): Applied {
  const s = stmts(ctx);
  const person = s.byId.get(line.personId) as FtPerson;
  const eventId = Number(s.insertEvent.run(line.personId, event, line.date, line.code, line.motif, ctx.batchId, ctx.at).lastInsertRowid);
  const newer = person.ft_status_date === null || line.date >= person.ft_status_date;
  const before = { peNumber: person.pe_number, ftStatus: person.ft_status, ftStatusDate: person.ft_status_date };
  const after = {
    peNumber: line.identifiant,
    ftStatus: newer ? event : person.ft_status,
    ftStatusDate: newer ? line.date : person.ft_status_date,
  };
  s.setPerson.run(after.peNumber, after.ftStatus, after.ftStatusDate, line.personId);
  s.dirty.run(line.personId);
  audit(ctx.sqlite, { actor: ctx.actor, at: ctx.at, entity: 'person', entityId: line.personId, action: 'update', before, after });
  const undo: FtBefore = { eventId, before, after };
  return { personId: line.personId, foyerId: null, before: undo };
}

export function ftEngine(kind: Exclude<ImportKind, 'caf_nouveaux'>): ImportKindEngine {
  const event = FT_EVENT_OF[kind];
  return {
    evaluate(values, line, ctx): Evaluation {
      const errors = new LineErrors();
      const { identifiant, nom, prenom, dateNaissance, date, code, motif } = readLine(values, errors);
      if (errors.any) return rejected(errors.reason);
      const lineKey = `ft:${identifiant}`;
      const earlier = ctx.seen.get(lineKey);
      if (earlier !== undefined) return rejected(`Identifiant ${identifiant} déjà présent ligne ${earlier}`);
      ctx.seen.set(lineKey, line);

      const s = stmts(ctx);
      let person = s.byPe.get(identifiant) as FtPerson | undefined;
      if (person && person.mds_id !== ctx.mdsId) return rejected('Personne inconnue dans cette MDS (l’identifiant est celui d’un dossier d’une autre MDS)');
      if (!person) {
        const found = ctx.identities.find({ nomPatronymique: nom, prenoms: prenom, dateNaissance });
        if (found.length === 0) return rejected(`Personne inconnue : aucun dossier de la MDS avec cet identifiant, ni ce nom et cette date de naissance`);
        if (found.length > 1) return rejected(`Plusieurs dossiers ont ce nom et cette date de naissance (${found.map((p) => `n° ${p.id}`).join(', ')}) : à rapprocher à la main`);
        person = s.byId.get(found[0]!.id) as FtPerson;
        const other = otherIdentifiant(person, identifiant);
        if (other) return rejected(other);
      }
      const parsed: FtLine = { personId: person.id, identifiant, date, code, motif };
      const last = s.lastEvent.get(person.id) as { event: string; date: string; code: string | null; motif: string | null } | undefined;
      if (last && last.event === event && last.date === parsed.date && (last.code ?? null) === parsed.code && (last.motif ?? null) === parsed.motif && person.pe_number === identifiant) {
        return { verdict: 'inchange', reason: `Déjà connu : ${event} du ${on(parsed.date)}`, candidatePersonId: null, parsed };
      }
      return { verdict: 'mise_a_jour', reason: `${nameOf(person)} (dossier n° ${person.id}) : ${event} du ${on(parsed.date)}`, candidatePersonId: null, parsed };
    },

    apply(evaluation, _line, ctx): Applied {
      return applyEvent(ctx, event, evaluation.parsed as FtLine);
    },

    /**
     * The line applied to the person confirmed as the same: the identifiant recorded on the dossier, the event added to
     * the history and the status, as an update line. Refused when the line does not read, when its identifiant is
     * another dossier's, or when the person already has another identifiant.
     */
    confirm(values, _line, ctx, personId): Confirmation {
      const errors = new LineErrors();
      const { identifiant, date, code, motif } = readLine(values, errors);
      if (errors.any) return { refused: errors.reason };
      const s = stmts(ctx);
      const holder = s.byPe.get(identifiant) as FtPerson | undefined;
      if (holder && holder.id !== personId) return { refused: `l’identifiant France Travail ${identifiant} est déjà celui du dossier n° ${holder.id}` };
      const person = s.byId.get(personId) as FtPerson | undefined;
      if (!person) return { refused: `le dossier n° ${personId} est introuvable` };
      const other = otherIdentifiant(person, identifiant);
      if (other) return { refused: other };
      const applied = applyEvent(ctx, event, { personId, identifiant, date, code, motif });
      const changes = [...(person.pe_number === identifiant ? [] : [`identifiant France Travail ${identifiant}`]), `${event} du ${on(date)} (situation France Travail)`];
      return { ...applied, changes, note: null };
    },

    undo(rows, ctx, check): string[] {
      const s = stmts(ctx);
      const reasons: string[] = [];
      for (const row of rows) {
        if (row.personId === null) continue;
        const u = row.before as FtBefore;
        if (check) {
          const person = s.byId.get(row.personId) as FtPerson | undefined;
          const same =
            person &&
            person.pe_number === u.after.peNumber &&
            person.ft_status === u.after.ftStatus &&
            person.ft_status_date === u.after.ftStatusDate &&
            !s.laterEvent.get(row.personId, u.eventId, ctx.batchId);
          if (!same) reasons.push(`la situation France Travail du dossier n° ${row.personId} (ligne ${row.line}) a changé depuis l’import`);
          continue;
        }
        s.deleteEvent.run(u.eventId);
        s.setPerson.run(u.before.peNumber, u.before.ftStatus, u.before.ftStatusDate, row.personId);
        s.dirty.run(row.personId);
        audit(ctx.sqlite, { actor: ctx.actor, at: ctx.at, entity: 'person', entityId: row.personId, action: 'update', before: u.after, after: u.before });
      }
      return reasons;
    },
  };
}
