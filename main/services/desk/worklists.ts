/**
 * The work lists (issue 12, section 4): the DSP, EDE and Orientation menus, and the lists the desk's counts open.
 * The rows come from db/queries/worklists.ts (SQL paging and sorting, scope as the échéancier: a référent their
 * own dossiers, the other roles their MDS); here they are worded in French and linked to the dossier's section.
 * The rules of each list: docs/rules.md, « Issue 12 — listes de travail ».
 */
import { countWorklist, pageWorklist, type WorklistRawRow, type WorklistScope } from '../../../db/queries';
import type { Sqlite } from '../../../db/open';
import { foldName } from '../../../db/search';
import type { DOSSIER_SECTION_IDS, WorklistKind, WorklistRow } from '../../../shared/api/desk';
import { formatDate, personName } from '../../../shared/domain/format';
import { daysBetween } from '../../../shared/domain/rules/dates';
import { EDE_PROPOSAL_LABELS, type EdeProposal } from '../../../shared/domain/rules/ede';
import { SAISINE_ORIGIN_LABELS, type SaisineOrigin } from '../../../shared/domain/rules/ep';
import { FICHE_TYPE_LABELS, type FicheType } from '../../../shared/domain/rules/fiche-liaison';
import { ORIENTATION_LABELS, type Orientation } from '../../../shared/domain/rules/orientation';
import type { Handler } from '../../app/types';
import type { Actor } from '../context';
import { todayOf } from '../kit';

export interface WorklistPageInput {
  offset: number;
  limit: number;
  sort: 'date' | 'person' | 'days';
  direction: 'asc' | 'desc';
  query?: string | undefined;
}

const scopeOf = (actor: Actor): WorklistScope => ({ mdsId: actor.mdsId, referentId: actor.role === 'referent' ? actor.id : null });

/** The query's words, folded as the names in person_search_key (accents and case ignored); at most 8. */
const termsOf = (query: string | undefined): string[] =>
  (query ?? '')
    .normalize('NFC')
    .trim()
    .split(/\s+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8)
    .map(foldName);

/** How many rows `list` has for the actor today (the desk's counts: the same rows as the list they open). */
export function worklistTotal(sqlite: Sqlite, actor: Actor, list: WorklistKind, today: string): number {
  return countWorklist(sqlite, list, scopeOf(actor), { today });
}

/** One page of `list` for the actor, and its total (with the same query filter). */
export function worklistRows(
  sqlite: Sqlite,
  actor: Actor,
  list: WorklistKind,
  today: string,
  page: WorklistPageInput,
): { total: number; rows: WorklistRow[] } {
  const { total, rows } = pageWorklist(sqlite, list, scopeOf(actor), {
    today,
    terms: termsOf(page.query),
    offset: page.offset,
    limit: page.limit,
    sort: page.sort,
    direction: page.direction,
  });
  return { total, rows: rows.map((r) => rowOf(r, today)) };
}

export const list: Handler<'worklists.list'> = (input, call) => worklistRows(call.open.sqlite, call.actor, input.list, todayOf(call), input);

function rowOf(r: WorklistRawRow, today: string): WorklistRow {
  const days = r.date === null ? null : daysBetween(r.date, today);
  return {
    personId: r.personId,
    personName: personName(r),
    cafNumber: r.cafNumber,
    referent: r.referent,
    date: r.date,
    days: days === null || days < 0 ? null : days,
    detail: detailOf(r),
    link: { to: 'dossier', personId: r.personId, section: r.section as (typeof DOSSIER_SECTION_IDS)[number] },
  };
}

const date = (iso: string | null) => (iso === null ? '?' : formatDate(iso));
const contract = (type: string | null) => type ?? 'Contrat';
const orientation = (o: string | null) => ORIENTATION_LABELS[o as Orientation] ?? o ?? '';
const currentOrientation = (o: string | null) => (o === null ? '' : ` Orientation actuelle : ${orientation(o)}.`);

const PRESIDENT_DECISIONS: Record<string, string> = { accord: 'accord', refus: 'refus', ajournement: 'ajournement' };
const FICHE_STATES: Record<string, string> = {
  envoyee: 'envoyée, réponse du correspondant attendue',
  acceptee: 'acceptée, pas encore close',
  refusee: 'refusée, pas encore close',
};

/** The row's detail, in French, from the raw fields each list gives (db/queries/worklists.ts). */
function detailOf(r: WorklistRawRow): string {
  switch (r.kind) {
    case 'aucune':
      if (r.section === 'dsp') return 'Aucune DSP n’est saisie : elle se remplit au premier entretien.';
      return r.a === null
        ? 'Aucune EDE n’est enregistrée : elle est à réaliser avec le bénéficiaire (aide à l’orientation, préalable au contrat).'
        : `Aucune EDE n’est enregistrée : elle est à réaliser avant le ${r.a} du ${date(r.d)}.`;
    case 'signature_precedent':
      return `La dernière EDE (${date(r.b)}) est celle de la signature du contrat précédent (${date(r.c)}) : une nouvelle EDE est demandée pour le ${r.a} du ${date(r.d)}.`;
    case 'anterieure':
      return `La dernière EDE (${date(r.b)}) est antérieure au contrat précédent (${date(r.c)}) : une nouvelle EDE est demandée pour le ${r.a} du ${date(r.d)}.`;
    case 'sans_ede':
      return 'Ni EDE ni préconisation de l’équipe d’orientation : l’orientation est à proposer (sans élément, en solidarité pour un diagnostic).';
    case 'ede_entre_seuils':
      return `EDE du ${date(r.a)} (${r.n ?? '?'} points, entre les seuils) : la préconisation de l’équipe d’orientation est attendue.`;
    case 'preconisation':
      return `Préconisation de l’équipe d’orientation (${r.a ?? ''}) : ${orientation(r.b)}.${currentOrientation(r.c)}`;
    case 'ede':
      return `Proposition de l’EDE (${r.n ?? '?'} points) : ${EDE_PROPOSAL_LABELS[r.b as EdeProposal] ?? r.b}.${currentOrientation(r.c)}`;
    case 'transmis':
      return `${contract(r.a)} du ${date(r.b)} au ${date(r.c)} : décision du Président attendue.`;
    case 'envoyee':
    case 'acceptee':
    case 'refusee':
      return `${FICHE_TYPE_LABELS[r.a as FicheType] ?? r.a} : ${FICHE_STATES[r.kind]}.`;
    case 'contrat_valide':
      return `${contract(r.a)} du ${date(r.b)} validé par le Président.`;
    case 'contrat_rejete':
      return `${contract(r.a)} du ${date(r.b)} rejeté par le Président${r.c ? ` : ${r.c}` : ''}.`;
    case 'fiche_president':
      return `${FICHE_TYPE_LABELS[r.a as FicheType] ?? r.a} : ${PRESIDENT_DECISIONS[r.b ?? ''] ?? r.b} du Président${r.c ? ` (${r.c})` : ''}.`;
    case 'decision_ep':
      return `Décision du Président après l’équipe pluridisciplinaire (${SAISINE_ORIGIN_LABELS[r.a as SaisineOrigin] ?? r.a}) : ${
        r.b === 'favorable' ? 'favorable' : 'défavorable'
      }${r.c ? `, ${orientation(r.c)}` : ''}.`;
    default:
      return r.kind;
  }
}
