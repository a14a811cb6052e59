/**
 * The lists that export: each list → the method it reads (its access applies), a file name, a sheet title, its
 * French columns (shared by the CSV and the XLSX writers) and its rows. The rows come from the list's own service,
 * called with the caller's actor and the params its own schema checked, so the file holds what the screen shows:
 * a référent's own dossiers, an MDS's and never another's. A paged list is read whole, page after page.
 */
import { api } from '../../../shared/api/contract';
import type { DueItem, WorklistRow } from '../../../shared/api/desk';
import type { DossierSearchHit } from '../../../shared/api/dossier';
import type { EpQueueItem, EpSessionSummary } from '../../../shared/api/ep';
import type { ContractSummary } from '../../../shared/api/contracts';
import type { FicheSummary } from '../../../shared/api/fiches';
import type { StatRow, StatTable } from '../../../shared/api/statistics';
import { EXPORT_SOURCES, type ExportList, type exportInputSchema } from '../../../shared/api/exports';
import { ApiError } from '../../../shared/api/errors';
import { ROLE_LABELS } from '../../../shared/api/common';
import { WORKLISTS } from '../../../shared/api/desk';
import { csvDate, type CsvColumn } from '../../../shared/domain/csv';
import { personName } from '../../../shared/domain/format';
import { ECHEANCE_KIND_LABELS, SEVERITY_LABELS } from '../../../shared/domain/rules/echeancier';
import type { z } from 'zod';
import { contractsHandlers } from '../contracts';
import type { AuthedCall } from '../context';
import { deskHandlers } from '../desk';
import { epHandlers } from '../ep';
import { fichesHandlers } from '../fiches';
import { foundationHandlers } from '../foundation';
import { todayOf } from '../kit';
import { statisticsTable } from '../statistics';

type ExportInput = z.output<typeof exportInputSchema>;
export type ParamsOf<L extends ExportList> = Extract<ExportInput, { list: L }>['params'];

/** A list read for export: the sheet's title, the French columns (for both writers) and the rows. */
export interface ExportTable<Row> {
  title: string;
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
}

export interface ExportSource<P> {
  /** The file's name without the date nor the extension. */
  name: (params: P) => string;
  load: (params: P, call: AuthedCall) => Promise<ExportTable<unknown>>;
}

/**
 * The page asked of a paged list's handler. Called here directly (not through the API, whose schema caps a page at
 * 500 for the screens), so an export reads its list in a few calls: each call re-runs the list's sorted query, and
 * 500-row pages made a 75,000-row export cost 150 of them (`npm run bench -- exports`).
 */
const PAGE = 25_000;

/** Every page of a paged list, from the first, until its total. */
async function everyPage<T>(page: (offset: number, limit: number) => Promise<{ total: number; rows: readonly T[] }>): Promise<T[]> {
  const all: T[] = [];
  for (;;) {
    const { total, rows } = await page(all.length, PAGE);
    all.push(...rows);
    if (rows.length === 0 || all.length >= total) return all;
  }
}

/** A dossier without a référent, as the lists say it. */
const NOT_NAMED = 'Non désigné';
const yesNo = (b: boolean): string => (b ? 'Oui' : 'Non');

/** A list whose columns are always the same: its title, columns and rows provider. */
function source<L extends ExportList, Row>(
  _list: L,
  s: {
    name: (params: ParamsOf<L>) => string;
    title: (params: ParamsOf<L>) => string;
    columns: readonly CsvColumn<Row>[];
    rows: (params: ParamsOf<L>, call: AuthedCall) => Promise<readonly Row[]>;
  },
): ExportSource<ParamsOf<L>> {
  return {
    name: s.name,
    load: async (params, call) => ({ title: s.title(params), columns: s.columns as readonly CsvColumn<unknown>[], rows: await s.rows(params, call) }),
  };
}

/** A statistics table: the rows' label, then one column per figure column; « < 5 » stays as main hid it. */
function statisticsExport(table: StatTable): ExportTable<StatRow> {
  return {
    title: table.title,
    columns: [{ header: table.rowHeader, value: (r) => r.label }, ...table.columns.map((c, i) => ({ header: c.label, value: (r: StatRow) => r.cells[i] }))],
    rows: table.rows,
  };
}

export const EXPORTS = {
  recherche: source('recherche', {
    name: () => 'recherche-beneficiaires',
    title: () => 'Recherche',
    columns: [
      { header: 'Nom et prénoms', value: (h: DossierSearchHit) => personName({ ...h, nomUsage: h.nomUsage ?? null }) },
      { header: 'Né(e) le', value: (h) => csvDate(h.dateNaissance) },
      { header: 'N° CAF', value: (h) => h.cafNumber },
      { header: 'N° France Travail (ex-Pôle Emploi)', value: (h) => h.peNumber },
      { header: 'Commune', value: (h) => h.city },
      { header: 'Référent', value: (h) => h.referent ?? NOT_NAMED },
    ],
    rows: async (params, call) => foundationHandlers['dossiers.search'](params, call),
  }),
  liste_de_travail: source('liste_de_travail', {
    name: (p) => `liste-${p.list.replaceAll('_', '-')}`,
    title: (p) => WORKLISTS[p.list],
    columns: [
      { header: 'Bénéficiaire', value: (r: WorklistRow) => r.personName },
      { header: 'N° CAF', value: (r) => r.cafNumber },
      { header: 'Référent', value: (r) => r.referent ?? NOT_NAMED },
      { header: 'Date', value: (r) => csvDate(r.date) },
      { header: 'Jours', value: (r) => r.days },
      { header: 'Détail', value: (r) => r.detail },
    ],
    rows: (params, call) => everyPage(async (offset, limit) => deskHandlers['worklists.list']({ ...params, offset, limit }, call)),
  }),
  echeancier: source('echeancier', {
    name: () => 'echeancier',
    title: () => 'Échéancier',
    // The columns of `echeancier.export` (main/services/desk/echeancier.ts), the échéancier's CSV since issue 12.
    columns: [
      { header: 'Date', value: (i: DueItem) => csvDate(i.date) },
      { header: 'Échéance', value: (i) => ECHEANCE_KIND_LABELS[i.kind] },
      { header: 'Gravité', value: (i) => SEVERITY_LABELS[i.severity] },
      { header: 'Bénéficiaire', value: (i) => i.personName },
      { header: 'Référent', value: (i) => i.referent?.displayName },
      { header: 'Détail', value: (i) => i.title },
      { header: 'Règle', value: (i) => i.rule },
    ],
    rows: (params, call) =>
      everyPage(async (offset, limit) => {
        const page = await deskHandlers['echeancier.list']({ ...params, offset, limit }, call);
        return { total: page.total, rows: page.items as DueItem[] };
      }),
  }),
  ep_file: source('ep_file', {
    name: () => 'ep-file-attente',
    title: () => 'File d’attente de l’EP',
    columns: [
      { header: 'Saisine du', value: (q: EpQueueItem) => csvDate(q.date) },
      { header: 'Échéance de l’avis', value: (q) => csvDate(q.avisDeadline) },
      { header: 'Jours restants', value: (q) => q.daysLeft },
      { header: 'Délai', value: (q) => q.flagLabel },
      { header: 'Bénéficiaire', value: (q) => personName(q.person) },
      { header: 'N° CAF', value: (q) => q.person.cafNumber },
      { header: 'Origine', value: (q) => q.originLabel },
      { header: 'Thème', value: (q) => q.theme },
      { header: 'Documents', value: (q) => q.documents.length },
    ],
    rows: async (params, call) => (await epHandlers['ep.queue'](params, call)) as EpQueueItem[],
  }),
  ep_seances: source('ep_seances', {
    name: () => 'ep-seances',
    title: () => 'Séances de l’EP',
    columns: [
      { header: 'Date', value: (s: EpSessionSummary) => csvDate(s.date) },
      { header: 'Heure', value: (s) => s.startTime },
      { header: 'Lieu', value: (s) => s.place },
      { header: 'Territoire', value: (s) => s.territory },
      { header: 'État', value: (s) => s.statusLabel },
      { header: 'Dossiers', value: (s) => s.cases },
    ],
    rows: async (params, call) => (await epHandlers['ep.sessions.list'](params, call)) as EpSessionSummary[],
  }),
  contrats: source('contrats', {
    name: () => 'contrats-en-attente',
    title: () => 'Contrats en attente',
    columns: [
      { header: 'Transmis le', value: (c: ContractSummary) => csvDate(c.transmittedOn) },
      { header: 'Bénéficiaire', value: (c) => c.beneficiaire },
      { header: 'Contrat', value: (c) => c.type },
      { header: 'Début', value: (c) => csvDate(c.start) },
      { header: 'Fin', value: (c) => csvDate(c.end) },
      { header: 'Durée (mois)', value: (c) => c.durationMonths },
      { header: 'État', value: (c) => c.statusLabel },
      { header: 'Référent', value: (c) => c.referent },
    ],
    rows: async (params, call) => (await contractsHandlers['contracts.awaitingDecision'](params, call)) as ContractSummary[],
  }),
  fiches: source('fiches', {
    name: () => 'fiches-de-liaison',
    title: () => 'Fiches de liaison',
    columns: [
      { header: 'Date', value: (f: FicheSummary) => csvDate(f.date) },
      { header: 'Envoyée le', value: (f) => csvDate(f.sentOn) },
      { header: 'Bénéficiaire', value: (f) => f.beneficiaire },
      { header: 'Objet', value: (f) => f.typeLabel },
      { header: 'Référent', value: (f) => f.referent },
      { header: 'État', value: (f) => f.statusLabel },
      { header: 'Reste à faire', value: (f) => f.missing.join(' ; ') },
      { header: 'Décision du Président attendue', value: (f) => yesNo(f.awaitingPresident) },
    ],
    rows: async (params, call) => (await fichesHandlers['fiches.inbox'](params, call)) as FicheSummary[],
  }),
  statistiques: {
    name: (p: ParamsOf<'statistiques'>) => `statistiques-${p.figure.replaceAll('_', '-')}`,
    load: async (p: ParamsOf<'statistiques'>, call: AuthedCall) =>
      statisticsExport(statisticsTable(call.open.sqlite, call.actor, p.figure, p.filter, todayOf(call))) as ExportTable<unknown>,
  },
} satisfies { [L in ExportList]: ExportSource<ParamsOf<L>> };

/** The list's own method must be open to the caller's role (as the dispatcher checks it for that method). */
export function checkListAccess(list: ExportList, call: AuthedCall): void {
  const access = api[EXPORT_SOURCES[list]].access;
  if (typeof access !== 'string' && !(access as readonly string[]).includes(call.actor.role)) {
    throw new ApiError('FORBIDDEN', `Votre rôle (${ROLE_LABELS[call.actor.role]}) ne permet pas d’exporter cette liste.`);
  }
}
