/**
 * The échéancier across dossiers: the precomputed `due_items` (main/services/desk/due.ts keeps them), read in the
 * actor's scope — a référent the dossiers where they are the named référent, the other roles every dossier of their
 * MDS; never another MDS. Filters, sorting and paging run in SQL; nothing here runs the rule.
 */
import {
  countDueItems,
  dueCalendarCounts,
  dueCountsBySeverity,
  dueItemsPage,
  recordAudit,
  type DueFilter,
  type DueItemListRow,
  type DueScope,
} from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { DueItem } from '../../../shared/api/desk';
import { csvDate, csvFileName, toCsv, type CsvColumn } from '../../../shared/domain/csv';
import { ECHEANCE_KIND_LABELS, SEVERITIES, SEVERITY_LABELS, type EcheanceKind, type Severity } from '../../../shared/domain/rules/echeancier';
import { addDaysIso, daysBetween } from '../../../shared/domain/rules/dates';
import { auditActor, type Actor, type AuthedCall } from '../context';
import { fieldError, todayOf } from '../kit';
import { dueItemsDay } from './due';

/** The dossier section an item opens. */
export const SECTION_OF_KIND: Record<EcheanceKind, DueItem['section']> = {
  orientation_a_faire: 'orientation',
  contrat_a_signer: 'contrats',
  contrat_fin_proche: 'contrats',
  contrat_echu_sans_renouvellement: 'contrats',
  cers_12_mois: 'contrats',
  avis_ep: 'ep',
  decision_president: 'ep',
  sanction: 'ep',
  radiation: 'ep',
  rendez_vous: 'rendez-vous',
  fin_maintien_revenus: 'orientation',
  radiation_france_travail: 'fiches',
};

/** The calendar shows at most this many days at once. */
export const CALENDAR_MAX_DAYS = 62;

/** The items the actor may see: their MDS; a référent's own dossiers only. */
export const dueScopeOf = (actor: Actor): DueScope =>
  actor.role === 'referent' ? { mdsId: actor.mdsId, referentUserId: actor.id } : { mdsId: actor.mdsId };

export function toDueItem(row: DueItemListRow): DueItem {
  const kind = row.kind as EcheanceKind;
  return {
    id: row.id,
    personId: row.personId,
    personName: row.personName,
    referent: row.referentUserId === null ? null : { id: row.referentUserId, displayName: row.referentName ?? `Compte n° ${row.referentUserId}` },
    kind,
    severity: row.severity as Severity,
    date: row.date,
    title: row.title,
    rule: row.rule,
    section: SECTION_OF_KIND[kind] ?? 'documents',
  };
}

export function badge(_input: MethodParsedInput<'desk.badge'>, call: AuthedCall): MethodOutput<'desk.badge'> {
  const counts = dueCountsBySeverity(call.open.db, dueScopeOf(call.actor), { severities: ['en_retard', 'urgent'] });
  return { enRetard: counts.en_retard, urgent: counts.urgent };
}

export function list(input: MethodParsedInput<'echeancier.list'>, call: AuthedCall): MethodOutput<'echeancier.list'> {
  const db = call.open.db;
  const scope = dueScopeOf(call.actor);
  const filter: DueFilter = input.filter;
  const total = countDueItems(db, scope, filter);
  const rows = total === 0 ? [] : dueItemsPage(db, scope, filter, input);
  return { total, items: rows.map(toDueItem), computedFor: dueItemsDay(call.open.sqlite) ?? todayOf(call) };
}

export function calendar(input: MethodParsedInput<'echeancier.calendar'>, call: AuthedCall): MethodOutput<'echeancier.calendar'> {
  const days = daysBetween(input.from, input.to) + 1;
  if (days > CALENDAR_MAX_DAYS) {
    throw fieldError('VALIDATION', 'to', `Le calendrier montre au plus ${CALENDAR_MAX_DAYS} jours à la fois (${days} demandés).`);
  }
  const counts = dueCalendarCounts(call.open.db, dueScopeOf(call.actor), input.filter, input.from, input.to);
  const byDay = new Map<string, Record<Severity, number>>();
  for (let i = 0; i < days; i += 1) byDay.set(addDaysIso(input.from, i), { en_retard: 0, urgent: 0, a_venir: 0, info: 0 });
  for (const c of counts) {
    const day = byDay.get(c.date);
    if (day && (SEVERITIES as readonly string[]).includes(c.severity)) day[c.severity as Severity] += c.n;
  }
  return [...byDay].map(([date, d]) => ({ date, enRetard: d.en_retard, urgent: d.urgent, aVenir: d.a_venir, info: d.info }));
}

const CSV_COLUMNS: CsvColumn<DueItemListRow>[] = [
  { header: 'Date', value: (r) => csvDate(r.date) },
  { header: 'Échéance', value: (r) => ECHEANCE_KIND_LABELS[r.kind as EcheanceKind] ?? r.kind },
  { header: 'Gravité', value: (r) => SEVERITY_LABELS[r.severity as Severity] ?? r.severity },
  { header: 'Bénéficiaire', value: (r) => r.personName },
  { header: 'Référent', value: (r) => r.referentName },
  { header: 'Détail', value: (r) => r.title },
  { header: 'Règle', value: (r) => r.rule },
];

/** The whole filtered list, by date, as CSV for Excel; the export is recorded in the journal (who, filter, rows). */
export function exportCsv(input: MethodParsedInput<'echeancier.export'>, call: AuthedCall): MethodOutput<'echeancier.export'> {
  const db = call.open.db;
  const rows = dueItemsPage(db, dueScopeOf(call.actor), input.filter, { sort: 'date', direction: 'asc', offset: 0 });
  const fileName = csvFileName('echeancier', todayOf(call));
  recordAudit(db, {
    actor: auditActor(call.actor),
    at: call.app.nowIso(),
    entity: 'export',
    entityId: fileName,
    action: 'create',
    before: null,
    after: { list: 'echeancier', filter: input.filter, rows: rows.length },
  });
  return { fileName, csv: toCsv(CSV_COLUMNS, rows), rows: rows.length };
}
