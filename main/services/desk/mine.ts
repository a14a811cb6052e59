/**
 * « Mon activité »: the sections of the actor's role (issue 12, section 1). Each section's count is the total of the
 * list its link opens with the same filter (an échéancier filter, a work list, the fiches inbox); its rows are the
 * first ten of that list, most pressing first, each opening the dossier (or the record) at the right place.
 * Everything is read from precomputed or indexed data: `due_items` for the échéancier, the work lists' queries.
 * The call records the visit: what arrived since the previous one is new.
 */
import {
  activeAccountsByRole,
  countDueItems,
  decisionLettersToSend,
  dueItemsPage,
  fichesInStatesPage,
  findEpByTerritory,
  nextDueItemPerPerson,
  recordDeskVisit,
  sessionsToPrepare,
  territoryOfMds,
  type DbOrTx,
  type DueItemListRow,
  type DueScope,
} from '../../../db/queries';
import type { Sqlite } from '../../../db/open';
import { ROLE_LABELS, ROLES, type Role } from '../../../shared/api/common';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { WORKLISTS, type DeskLink, type DeskSection, type EcheancierFilter, type WorklistKind } from '../../../shared/api/desk';
import { FICHE_STATE_LABELS } from '../../../shared/api/fiches';
import { formatDate, formatDateTime, personName, plural } from '../../../shared/domain/format';
import { lastBackup } from '../backup';
import { REFERENTIAL_VERSIONS, type ReferentialName } from '../../../shared/domain/referentials';
import { EP_SESSION_STATE_LABELS, type EpSessionState } from '../../../shared/domain/rules/ep-sessions';
import { FICHE_TYPE_LABELS } from '../../../shared/domain/rules/fiche-liaison';
import { addDaysIso } from '../../../shared/domain/rules/dates';
import type { Actor, AuthedCall } from '../context';
import { todayOf } from '../kit';
import { dueScopeOf, toDueItem } from './echeancier';
import { worklistRows } from './worklists';

/** Rows shown per section. */
export const DESK_ROWS = 10;
/** Fiches the SLAI has to process: the states of `fiches.inbox` (sent, answered, not closed). */
export const INBOX_STATES = ['envoyee', 'acceptee', 'refusee'] as const;
/** The rendez-vous section: today and the days after, up to this many. */
export const APPOINTMENT_DAYS = 7;

type Row = DeskSection['rows'][number];
type Tone = DeskSection['tone'];

interface Desk {
  db: DbOrTx;
  sqlite: Sqlite;
  actor: Actor;
  today: string;
  scope: DueScope;
  previousVisitAt: string | null;
  nowMs: number;
}

interface SectionText {
  key: string;
  title: string;
  empty: string;
}

/** The tone of a section: the worst severity among its rows, `warning` for a non-empty list without severities. */
function toneOf(count: number, rows: readonly Row[], whenSome: Tone = 'warning'): Tone {
  if (count === 0) return 'neutral';
  const worst = rows[0]?.severity;
  if (worst === 'en_retard') return 'error';
  if (worst === 'urgent') return 'warning';
  return worst ? 'info' : whenSome;
}

const dueRow = (r: DueItemListRow): Row => {
  const item = toDueItem(r);
  return {
    label: item.personName,
    detail: item.title,
    date: item.date,
    severity: item.severity,
    link:
      item.kind === 'radiation_france_travail'
        ? { to: 'newFiche', personId: item.personId, type: 'reorientation', motif: 'radiation_pole_emploi' }
        : { to: 'dossier', personId: item.personId, section: item.section },
  };
};

/**
 * A section over the échéancier: count = `echeancier.list` total with `filter`; rows most pressing first
 * (`perDossier`: the most pressing item of each dossier; `byDate`: the oldest first).
 */
function dueSection(d: Desk, text: SectionText, filter: EcheancierFilter, options: { perDossier?: boolean; byDate?: boolean } = {}): DeskSection {
  const count = countDueItems(d.db, d.scope, filter);
  const items =
    count === 0
      ? []
      : options.perDossier
        ? nextDueItemPerPerson(d.db, d.scope, filter, DESK_ROWS)
        : dueItemsPage(d.db, d.scope, filter, {
            // One severity: by date is the same order, and the index gives it without reading every item.
            sort: options.byDate || filter.severities?.length === 1 ? 'date' : 'severity',
            direction: 'asc',
            offset: 0,
            limit: DESK_ROWS,
          });
  const rows = items.map(dueRow);
  return { ...text, count, tone: toneOf(count, rows), link: { to: 'echeancier', filter }, rows };
}

/** A section over a work list: count = `worklists.list` total; rows = its first rows in `direction` of date. */
function worklistSection(
  d: Desk,
  list: WorklistKind,
  text: Omit<SectionText, 'title'> & { title?: string },
  options: { direction?: 'asc' | 'desc'; tone?: Tone } = {},
): DeskSection {
  const { total, rows } = worklistRows(d.sqlite, d.actor, list, d.today, {
    offset: 0,
    limit: DESK_ROWS,
    sort: 'date',
    direction: options.direction ?? 'asc',
  });
  const deskRows: Row[] = rows.map((r) => ({
    label: r.personName,
    detail: r.days === null ? r.detail : `${r.detail} (${plural(r.days, 'jour', 'jours')})`,
    date: r.date,
    severity: null,
    link: r.link,
  }));
  return { title: WORKLISTS[list], ...text, count: total, tone: toneOf(total, deskRows, options.tone), link: { to: 'worklist', list }, rows: deskRows };
}

/** The SLAI's fiches to process: the inbox (count = `fiches.inbox` length). */
function inboxSection(d: Desk): DeskSection {
  const { total, rows } = fichesInStatesPage(d.db, d.actor.mdsId, INBOX_STATES, DESK_ROWS);
  const deskRows: Row[] = rows.map((f) => ({
    label: personName(f),
    detail: `${FICHE_TYPE_LABELS[f.type]} — ${FICHE_STATE_LABELS[f.status]}`,
    date: f.sentOn,
    severity: null,
    link: { to: 'fiche', ficheId: f.id },
  }));
  return {
    key: 'fiches_a_traiter',
    title: 'Fiches de liaison à traiter',
    count: total,
    tone: toneOf(total, deskRows),
    link: { to: 'fiches' },
    rows: deskRows,
    empty: 'Aucune fiche de liaison en attente de traitement.',
  };
}

function correspondantDesk(d: Desk): DeskSection[] {
  return [
    // Precomputed: the échéancier's « orientation à décider » (no decision at all), the oldest first, days in the title.
    dueSection(
      d,
      { key: 'sans_orientation', title: 'Nouveaux bénéficiaires sans orientation', empty: 'Aucun bénéficiaire n’attend d’orientation.' },
      { kinds: ['orientation_a_faire'] },
      { byDate: true },
    ),
    worklistSection(d, 'orientation_a_decider', { key: 'orientations_a_decider', empty: 'Aucune orientation proposée n’attend de décision.' }),
    worklistSection(d, 'contrats_a_valider', { key: 'contrats_a_valider', empty: 'Aucun contrat n’attend de validation.' }),
    inboxSection(d),
    dueSection(
      d,
      { key: 'contrats_non_signes', title: 'Contrats en retard de signature', empty: 'Aucun contrat n’est en retard de signature.' },
      // En retard = the deadline is past (the rule's severity), said as a period so that the index counts it.
      { kinds: ['contrat_a_signer'], to: addDaysIso(d.today, -1) },
    ),
    dueSection(
      d,
      { key: 'cers_12_mois', title: 'CERS arrivant à 12 mois (saisine de l’EP)', empty: 'Aucun CERS n’arrive à 12 mois.' },
      { kinds: ['cers_12_mois'] },
    ),
  ];
}

function referentDesk(d: Desk): DeskSection[] {
  const validations = worklistSection(d, 'validations_recues', { key: 'validations_recues', empty: 'Aucune validation du Président reçue ces derniers jours.' }, { direction: 'desc', tone: 'info' });
  // The rows are the newest first: those dated on or after the day of the previous visit are new (at least that
  // many when every row shown is new and the list has more).
  const since = d.previousVisitAt?.slice(0, 10);
  if (since !== undefined) {
    const fresh = validations.rows.filter((r) => r.date !== null && r.date >= since).length;
    const more = fresh === validations.rows.length && validations.count > fresh ? 'au moins ' : '';
    if (fresh > 0) validations.title = `${validations.title} — ${more}${plural(fresh, 'nouvelle', 'nouvelles')} depuis votre dernière visite`;
  }
  return [
    dueSection(
      d,
      { key: 'mes_echeances', title: 'Mes dossiers : prochaine échéance', empty: 'Aucune échéance dans vos dossiers.' },
      { severities: ['en_retard', 'urgent', 'a_venir'] },
      { perDossier: true },
    ),
    dueSection(
      d,
      { key: 'rendez_vous', title: 'Rendez-vous d’aujourd’hui et de la semaine', empty: 'Aucun rendez-vous prévu d’ici une semaine.' },
      { kinds: ['rendez_vous'], from: d.today, to: addDaysIso(d.today, APPOINTMENT_DAYS) },
    ),
    dueSection(
      d,
      { key: 'contrats_fin_proche', title: 'Contrats se terminant dans les 30 jours (renouvellement, nouvelle EDE)', empty: 'Aucun contrat ne se termine dans les 30 jours.' },
      { kinds: ['contrat_fin_proche'] },
    ),
    worklistSection(d, 'fiches_envoyees', { key: 'fiches_envoyees', empty: 'Aucune fiche de liaison envoyée en cours.' }, { tone: 'info' }),
    validations,
  ];
}

function secretaireDesk(d: Desk): DeskSection[] {
  const territory = territoryOfMds(d.db, d.actor.mdsId);
  const ep = territory === undefined ? undefined : findEpByTerritory(d.db, territory);
  const sessions = ep ? sessionsToPrepare(d.db, ep.id) : [];
  const letters = ep ? decisionLettersToSend(d.db, ep.id) : [];
  const sessionLink = (sessionId: number): DeskLink => ({ to: 'epSession', sessionId });
  const letterCount = letters.reduce((sum, l) => sum + l.letters, 0);
  return [
    dueSection(
      d,
      { key: 'avis_ep', title: 'Saisines : avis de l’EP à rendre (un mois)', empty: 'Aucune saisine n’attend l’avis de l’équipe.' },
      { kinds: ['avis_ep'] },
    ),
    {
      key: 'seances_a_preparer',
      title: 'Séances à préparer',
      count: sessions.length,
      tone: sessions.length ? 'warning' : 'neutral',
      link: { to: 'ep' },
      rows: sessions.slice(0, DESK_ROWS).map((s) => ({
        label: `Séance du ${formatDate(s.date)}`,
        detail: `${EP_SESSION_STATE_LABELS[s.status as EpSessionState]} — ${plural(s.cases, 'dossier inscrit', 'dossiers inscrits')} — ${s.place}`,
        date: s.date,
        severity: null,
        link: sessionLink(s.id),
      })),
      empty: ep ? 'Aucune séance en préparation.' : 'L’équipe pluridisciplinaire du territoire n’est pas encore constituée.',
    },
    dueSection(
      d,
      { key: 'decisions_president', title: 'Décisions attendues du Président', empty: 'Aucun avis n’attend la décision du Président.' },
      { kinds: ['decision_president'] },
    ),
    {
      key: 'courriers_a_envoyer',
      title: 'Courriers de décision à envoyer',
      count: letterCount,
      tone: letterCount ? 'warning' : 'neutral',
      link: { to: 'ep' },
      rows: letters.slice(0, DESK_ROWS).map((l) => ({
        label: `Séance du ${formatDate(l.date)}`,
        detail: `${plural(l.letters, 'courrier de décision', 'courriers de décision')} à produire`,
        date: l.date,
        severity: null,
        link: sessionLink(l.sessionId),
      })),
      empty: 'Tous les courriers de décision sont produits.',
    },
  ];
}

const REFERENTIAL_LABELS: Record<ReferentialName, string> = {
  actions: 'Actions d’insertion (A à J)',
  rome: 'Codes ROME',
  diplomas: 'Niveaux de diplôme',
  dsp: 'Listes de la DSP',
  edeGrid: 'Grille de l’EDE',
  rsaAmounts: 'Montants du RSA',
};

/** Size of the database file: page_count × page_size, in Mo (10⁶ octets), French decimal comma. */
export function databaseSizeMo(sqlite: Sqlite): string {
  const pages = sqlite.pragma('page_count', { simple: true }) as number;
  const size = sqlite.pragma('page_size', { simple: true }) as number;
  return `${((pages * size) / 1_000_000).toFixed(1).replace('.', ',')} Mo`;
}

export const NO_BACKUP = 'aucune sauvegarde n’est encore faite';
/** A last backup older than this is an alert on the administrator's desk (issue 13). */
export const BACKUP_ALERT_MS = 2 * 24 * 3600_000;

/** The last verified backup, and whether it is too old (or missing). */
function backupHealth(d: Desk): { row: Row; stale: boolean } {
  const last = lastBackup(d.db);
  const stale = last === null || d.nowMs - Date.parse(last) > BACKUP_ALERT_MS;
  const detail = last === null ? NO_BACKUP : `${formatDateTime(last)}${stale ? ' — plus de 2 jours : vérifiez le dossier des sauvegardes' : ''}`;
  return { row: { label: 'Dernière sauvegarde', detail, date: null, severity: stale ? 'en_retard' : null, link: { to: 'backups' } }, stale };
}

function administrateurDesk(d: Desk): DeskSection[] {
  const accounts = activeAccountsByRole(d.db, d.actor.mdsId);
  const total = accounts.reduce((sum, a) => sum + a.n, 0);
  const users: DeskLink = { to: 'users' };
  const info = (label: string, detail: string): Row => ({ label, detail, date: null, severity: null, link: users });
  const referentials = Object.entries(REFERENTIAL_VERSIONS) as [ReferentialName, string | number][];
  const backup = backupHealth(d);
  const health = [backup.row, info('Taille de la base de données', databaseSizeMo(d.sqlite))];
  return [
    {
      key: 'comptes',
      title: 'Comptes actifs de la MDS',
      count: total,
      tone: 'info',
      link: users,
      rows: ROLES.map((role: Role) => info(ROLE_LABELS[role], plural(accounts.find((a) => a.role === role)?.n ?? 0, 'compte actif', 'comptes actifs'))),
      empty: 'Aucun compte actif.',
    },
    {
      key: 'referentiels',
      title: 'Versions des données de référence',
      count: referentials.length,
      tone: 'neutral',
      link: users,
      rows: referentials.map(([name, version]) => info(REFERENTIAL_LABELS[name], `version ${version}`)),
      empty: 'Aucune donnée de référence.',
    },
    {
      key: 'sante',
      title: 'Santé de l’installation',
      count: health.length,
      tone: backup.stale ? 'error' : 'neutral',
      link: { to: 'backups' },
      rows: health,
      empty: '',
    },
  ];
}

const DESKS: Record<Role, (d: Desk) => DeskSection[]> = {
  correspondant: correspondantDesk,
  referent: referentDesk,
  secretaire_ep: secretaireDesk,
  administrateur: administrateurDesk,
};

export function mine(_input: MethodParsedInput<'desk.mine'>, call: AuthedCall): MethodOutput<'desk.mine'> {
  const { actor } = call;
  const db = call.open.db;
  const today = todayOf(call);
  const previousVisitAt = recordDeskVisit(db, actor.id, call.app.nowIso());
  const desk: Desk = { db, sqlite: call.open.sqlite, actor, today, scope: dueScopeOf(actor), previousVisitAt, nowMs: call.app.options.now().getTime() };
  return { today, previousVisitAt, sections: DESKS[actor.role](desk) };
}
