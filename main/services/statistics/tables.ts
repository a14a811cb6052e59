/**
 * The figures of the « Statistiques » screen and of the « rapport d’activité », as tables: the raw numbers of
 * db/queries/statistics.ts, grouped, measured (median, 9th decile, shares) and worded in French. The small cells
 * are hidden here, before any table leaves main (`count` and `overPersons`). Definitions: docs/rules.md,
 * « Issue 15 — statistiques ».
 */
import {
  statActiveOn,
  statCers12,
  statContracts,
  statDecisionsToContract,
  statEdeEvolution,
  statEdePaliers,
  statFiches,
  statFirstDecisions,
  statFlow,
  statOrientations,
  statRenewals,
  statSaisines,
  statSanctions,
  type StatisticsScope,
} from '../../../db/queries';
import type { Sqlite } from '../../../db/open';
import { SMALL_CELL_TEXT, SMALL_CELL_THRESHOLD, type StatCell, type StatColumn, type StatFigure, type StatRow, type StatTable } from '../../../shared/api/statistics';
import { formatDate } from '../../../shared/domain/format';
import { DEFAULT_EDE_GRID } from '../../../shared/domain/referentials/ede-grid';
import { CONTRACT_STATUS_LABELS, CONTRACT_STATUSES, CONTRACT_TYPES } from '../../../shared/domain/rules/contracts';
import { addMonthsIso } from '../../../shared/domain/rules/dates';
import { SAISINE_ORIGIN_LABELS, SAISINE_ORIGINS } from '../../../shared/domain/rules/ep';
import { FICHE_TYPE_LABELS, FICHE_TYPES } from '../../../shared/domain/rules/fiche-liaison';
import { contractDeadlineMonths, contractKindFor, ORIENTATION_LABELS, ORIENTATIONS, type Orientation } from '../../../shared/domain/rules/orientation';
import { SANCTION_KIND_LABELS, SANCTION_KINDS, SANCTION_STEP_LABELS, type SanctionStep } from '../../../shared/domain/rules/sanctions';

/** A count of persons (or of records each about one person): hidden from 1 to 4. */
export const count = (n: number): StatCell => (n > 0 && n < SMALL_CELL_THRESHOLD ? SMALL_CELL_TEXT : n);

/** A measure over `persons` persons: hidden under 5 of them, absent when there are none. */
export const overPersons = (persons: number, value: number | null): StatCell =>
  persons === 0 || value === null ? null : persons < SMALL_CELL_THRESHOLD ? SMALL_CELL_TEXT : value;

/** The median: the middle value (the mean of the two middle values when their number is even). */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The 9th decile: the smallest value at or above which no more than 10 % of the values lie (rank ⌈0.9·n⌉). */
export function ninthDecile(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.ceil(0.9 * s.length) - 1]!;
}

const share = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((1000 * part) / whole) / 10);
const round2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

const col = (key: string, label: string, kind: StatColumn['kind'] = 'count'): StatColumn => ({ key, label, kind });
const row = (key: string, label: string, cells: StatCell[]): StatRow => ({ key, label, cells });

type Build = (sqlite: Sqlite, s: StatisticsScope) => Omit<StatTable, 'figure'>;

const { professionnelleBelow: LOW, solidariteAbove: HIGH } = DEFAULT_EDE_GRID.data.thresholds;
const BANDS = [
  ['bas', `EDE < ${LOW}`],
  ['milieu', `EDE ${LOW}–${HIGH}`],
  ['haut', `EDE > ${HIGH}`],
  ['sans_ede', 'Sans EDE'],
] as const;

const tally = <T>(rows: readonly T[], keyOf: (r: T) => string, n: (r: T) => number = () => 1): Map<string, number> => {
  const m = new Map<string, number>();
  for (const r of rows) m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + n(r));
  return m;
};

/** Groups values per key, in the order of `keys`. */
const groups = <T>(rows: readonly T[], keyOf: (r: T) => string): Map<string, T[]> => {
  const m = new Map<string, T[]>();
  for (const r of rows) {
    const list = m.get(keyOf(r));
    if (list) list.push(r);
    else m.set(keyOf(r), [r]);
  }
  return m;
};

/** Delay cells: how many, median, 9th decile (hidden under 5 persons). */
const delayCells = (days: readonly number[]): StatCell[] => [count(days.length), overPersons(days.length, median(days)), overPersons(days.length, ninthDecile(days))];

const fileActive: Build = (sqlite, s) => {
  const rows = statActiveOn(sqlite, s, s.to);
  const by = tally(rows, (r) => r.orientation ?? 'contrat', (r) => r.n);
  const total = rows.reduce((sum, r) => sum + r.n, 0);
  return {
    title: `File active au ${formatDate(s.to)}`,
    definition:
      'Personnes ayant, ce jour-là, une orientation en cours ou un contrat en cours (signé, ni rejeté ni clos, commencé et pas encore échu), selon l’orientation en cours.',
    rowHeader: 'Orientation en cours',
    columns: [col('personnes', 'Personnes')],
    rows: [
      ...ORIENTATIONS.map((o) => row(o, ORIENTATION_LABELS[o], [count(by.get(o) ?? 0)])),
      row('contrat', 'Sans orientation en cours (contrat en cours)', [count(by.get('contrat') ?? 0)]),
      row('total', 'Total', [count(total)]),
    ],
    chart: 'bar',
  };
};

/** The months of the period, 'YYYY-MM'. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  for (let m = `${from.slice(0, 7)}-01`; m.slice(0, 7) <= to.slice(0, 7); m = addMonthsIso(m, 1)) months.push(m.slice(0, 7));
  return months;
}

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const monthLabel = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

const flux: Build = (sqlite, s) => {
  const by = new Map(statFlow(sqlite, s).map((r) => [r.month, r]));
  const months = monthsOf(s.from, s.to);
  const sum = (k: 'entries' | 'exits') => months.reduce((t, m) => t + (by.get(m)?.[k] ?? 0), 0);
  return {
    title: 'Entrées et sorties de la file active, par mois',
    definition:
      'Entrée : le premier jour où la personne est dans la file active (sa première orientation ou son premier contrat). Sortie : le lendemain de son dernier jour dans la file active (fin de sa dernière orientation ou de son dernier contrat), quand aucune orientation n’est ouverte et que ce jour est passé.',
    rowHeader: 'Mois',
    columns: [col('entrees', 'Entrées'), col('sorties', 'Sorties')],
    rows: [
      ...months.map((m) => row(m, monthLabel(m), [count(by.get(m)?.entries ?? 0), count(by.get(m)?.exits ?? 0)])),
      row('total', 'Total de la période', [count(sum('entries')), count(sum('exits'))]),
    ],
    chart: 'bar',
  };
};

const orientations: Build = (sqlite, s) => {
  const rows = statOrientations(sqlite, s, LOW, HIGH);
  const n = (o: string | null, band: string | null) =>
    rows.filter((r) => (o === null || r.orientation === o) && (band === null || r.band === band)).reduce((t, r) => t + r.n, 0);
  const line = (key: string, label: string, o: string | null) => row(key, label, [...BANDS.map(([b]) => count(n(o, b))), count(n(o, null))]);
  return {
    title: 'Décisions d’orientation par orientation et par tranche d’EDE',
    definition: `Décisions d’orientation datées de la période, selon le total de la dernière EDE de la personne à la date de la décision (moins de ${LOW} points, de ${LOW} à ${HIGH}, plus de ${HIGH}, ou sans EDE).`,
    rowHeader: 'Orientation',
    columns: [...BANDS.map(([key, label]) => col(key, label)), col('total', 'Total')],
    rows: [...ORIENTATIONS.map((o) => line(o, ORIENTATION_LABELS[o], o)), line('total', 'Total', null)],
    chart: 'stacked',
  };
};

const delaiOrientation: Build = (sqlite, s) => {
  const rows = statFirstDecisions(sqlite, s);
  const by = groups(rows, (r) => r.orientation);
  const days = (list: typeof rows = []) => list.map((r) => r.days);
  return {
    title: 'Délai entre « RSA depuis le » et la première décision d’orientation',
    definition:
      'Pour chaque personne dont la première décision d’orientation est datée de la période (et dont la date « RSA depuis le » est connue) : le nombre de jours entre les deux. Le livret ne fixe pas de délai à cette étape.',
    rowHeader: 'Orientation décidée',
    columns: [col('personnes', 'Personnes'), col('mediane', 'Délai médian (jours)', 'days'), col('decile9', '9e décile (jours)', 'days')],
    rows: [...ORIENTATIONS.map((o) => row(o, ORIENTATION_LABELS[o], delayCells(days(by.get(o))))), row('total', 'Total', delayCells(days(rows)))],
    chart: 'bar',
  };
};

const delaiContrat: Build = (sqlite, s) => {
  // The handbook's deadline of each decision (CERP/PPAE one month, CERS two), computed once per distinct date.
  const deadlines = new Map<string, string>();
  const deadlineOf = (date: string, o: Orientation) => {
    const key = `${date}${o}`;
    const known = deadlines.get(key);
    if (known) return known;
    const d = addMonthsIso(date, contractDeadlineMonths(o));
    deadlines.set(key, d);
    return d;
  };
  const rows = statDecisionsToContract(sqlite, s).map((r) => ({ ...r, deadline: deadlineOf(r.decisionDate, r.orientation as Orientation) }));
  const line = (key: string, label: string, list: typeof rows, tracked: boolean): StatRow => {
    // The outcome is known when the contract is signed or the deadline is past.
    const known = list.filter((r) => r.signedOn !== null || r.deadline < s.today);
    const inTime = known.filter((r) => r.signedOn !== null && r.signedOn <= r.deadline);
    const days = list.flatMap((r) => (r.days === null ? [] : [r.days]));
    if (!tracked) return row(key, label, [count(list.length), null, null, null, null, null]);
    return row(key, label, [
      count(list.length),
      count(days.length),
      count(inTime.length),
      overPersons(known.length, share(inTime.length, known.length)),
      overPersons(days.length, median(days)),
      overPersons(days.length, ninthDecile(days)),
    ]);
  };
  const label = (o: Orientation) => {
    const kind = contractKindFor(o);
    const months = contractDeadlineMonths(o);
    return `${ORIENTATION_LABELS[o]} – ${kind} sous ${months === 1 ? 'un mois' : 'deux mois'}${kind === 'PPAE' ? ' (signé avec France Travail, hors application)' : ''}`;
  };
  const tracked = rows.filter((r) => contractKindFor(r.orientation as Orientation) !== 'PPAE');
  return {
    title: 'Délai entre la décision d’orientation et le contrat signé',
    definition:
      'Décisions d’orientation datées de la période et premier contrat signé sous chacune. Délais du livret : CERP et PPAE sous un mois, CERS sous deux mois après la décision. La part dans le délai se calcule sur les décisions dont le contrat est signé ou dont le délai est passé ; le PPAE, signé avec France Travail, n’est pas suivi ici.',
    rowHeader: 'Orientation – contrat attendu',
    columns: [
      col('decisions', 'Décisions'),
      col('signes', 'Contrats signés'),
      col('dans_delai', 'Signés dans le délai'),
      col('part', 'Part dans le délai (%)', 'share'),
      col('mediane', 'Délai médian (jours)', 'days'),
      col('decile9', '9e décile (jours)', 'days'),
    ],
    rows: [
      ...ORIENTATIONS.map((o) => line(o, label(o), rows.filter((r) => r.orientation === o), contractKindFor(o) !== 'PPAE')),
      line('total', 'Total CERS et CERP', tracked, true),
    ],
    chart: 'bar',
  };
};

const byType = (key: string, label: string, n: (type: string | null) => number): StatRow =>
  row(key, label, [...CONTRACT_TYPES.map((t) => count(n(t))), count(n(null))]);
const typeColumns = [...CONTRACT_TYPES.map((t) => col(t, t)), col('total', 'Total')];

/** Contracts starting in the period, by type and by one of their columns (state or duration). */
const contractsBy =
  <K extends 'status' | 'months'>(by: K, values: readonly { key: string; label: string; value: string | number }[], text: { title: string; definition: string; rowHeader: string }): Build =>
  (sqlite, s) => {
    const rows = statContracts(sqlite, s);
    const n = (value: string | number | null) => (type: string | null) =>
      rows.filter((r) => (value === null || r[by] === value) && (type === null || r.type === type)).reduce((t, r) => t + r.n, 0);
    return {
      ...text,
      columns: typeColumns,
      rows: [...values.map((v) => byType(v.key, v.label, n(v.value))), byType('total', 'Total', n(null))],
      chart: 'stacked',
    };
  };

const contratsEtat = contractsBy(
  'status',
  CONTRACT_STATUSES.map((st) => ({ key: st, label: CONTRACT_STATUS_LABELS[st], value: st })),
  {
    title: 'Contrats commencés dans la période, par état',
    definition: 'Contrats (CERS, CERP) dont la date de début tombe dans la période, selon leur état aujourd’hui.',
    rowHeader: 'État',
  },
);

const contratsDuree = contractsBy(
  'months',
  [3, 6, 9, 12].map((m) => ({ key: `${m}`, label: `${m} mois`, value: m })),
  { title: 'Contrats commencés dans la période, par durée', definition: 'Les mêmes contrats, selon leur durée (CERS : 6 mois ; CERP : 3, 6, 9 ou 12 mois).', rowHeader: 'Durée' },
);

const contratsRenouvellement: Build = (sqlite, s) => {
  const rows = statRenewals(sqlite, s);
  const line = (key: string, label: string, list: typeof rows) => {
    const ended = list.reduce((t, r) => t + r.ended, 0);
    const renewed = list.reduce((t, r) => t + r.renewed, 0);
    return row(key, label, [count(ended), count(renewed), overPersons(ended, share(renewed, ended))]);
  };
  return {
    title: 'Renouvellement des contrats arrivés à échéance',
    definition:
      'Contrats signés (ni brouillon, ni rejetés, ni clos avant échéance) dont la date de fin tombe dans la période, et ceux qui ont été renouvelés (un contrat de renouvellement signé, ni brouillon ni rejeté).',
    rowHeader: 'Contrat',
    columns: [col('echus', 'Arrivés à échéance'), col('renouveles', 'Renouvelés'), col('taux', 'Taux de renouvellement (%)', 'share')],
    rows: [...CONTRACT_TYPES.map((t) => line(t, t, rows.filter((r) => r.type === t))), line('total', 'Total', rows)],
    chart: 'bar',
  };
};

const cers12: Build = (sqlite, s) => {
  const { reached, seized } = statCers12(sqlite, s);
  return {
    title: 'CERS atteignant 12 mois',
    definition:
      'CERS renouvelant un CERS (soit 12 mois d’accompagnement solidarité) dont la date de fin tombe dans la période, et les personnes concernées dont l’équipe pluridisciplinaire a été saisie (« CERS à 12 mois »).',
    rowHeader: 'Contrat',
    columns: [col('atteints', 'CERS atteignant 12 mois'), col('saisines', 'Saisines de l’EP')],
    rows: [row('cers', 'CERS renouvelé', [count(reached), count(seized)])],
    chart: 'bar',
  };
};

const fiches: Build = (sqlite, s) => {
  const rows = statFiches(sqlite, s);
  const line = (key: string, label: string, list: typeof rows) => {
    const days = list.flatMap((r) => (r.days === null ? [] : [r.days]));
    return row(key, label, [count(list.length), ...delayCells(days)]);
  };
  return {
    title: 'Fiches de liaison envoyées et délai de réponse',
    definition: 'Fiches de liaison envoyées dans la période, par type ; délai de réponse : jours entre l’envoi et la réponse du correspondant.',
    rowHeader: 'Type de fiche',
    columns: [col('envoyees', 'Envoyées'), col('repondues', 'Répondues'), col('mediane', 'Délai médian (jours)', 'days'), col('decile9', '9e décile (jours)', 'days')],
    rows: [...FICHE_TYPES.map((t) => line(t, FICHE_TYPE_LABELS[t], rows.filter((r) => r.type === t))), line('total', 'Total', rows)],
    chart: 'bar',
  };
};

const epSaisines: Build = (sqlite, s) => {
  const rows = statSaisines(sqlite, s);
  const line = (key: string, label: string, list: typeof rows) => {
    const known = list.filter((r) => r.avisDate !== null || r.deadline < s.today);
    const inTime = list.filter((r) => r.avisDate !== null && r.avisDate <= r.deadline).length;
    return row(key, label, [
      count(list.length),
      count(list.filter((r) => r.avisDate !== null).length),
      count(inTime),
      overPersons(known.length, share(inTime, known.length)),
      count(list.filter((r) => r.decisionSens !== null).length),
      count(list.filter((r) => r.decisionSens === 'favorable').length),
    ]);
  };
  return {
    title: 'Saisines de l’équipe pluridisciplinaire, avis et décisions',
    definition:
      'Saisines datées de la période, par origine ; avis rendus, et rendus dans le mois (au plus tard à l’échéance d’un mois après la saisine) ; la part dans le mois se calcule sur les saisines dont l’avis est rendu ou dont l’échéance est passée ; décisions du Président, dont favorables.',
    rowHeader: 'Origine de la saisine',
    columns: [
      col('saisines', 'Saisines'),
      col('avis', 'Avis rendus'),
      col('avis_mois', 'Avis dans le mois'),
      col('part', 'Part dans le mois (%)', 'share'),
      col('decisions', 'Décisions'),
      col('favorables', 'Décisions favorables'),
    ],
    rows: [...SAISINE_ORIGINS.map((o) => line(o, SAISINE_ORIGIN_LABELS[o], rows.filter((r) => r.origin === o))), line('total', 'Total', rows)],
    chart: 'bar',
  };
};

const STEPS: readonly SanctionStep[] = ['reduction_initiale', 'reduction_moitie', 'suspension_totale', 'radiation'];

const epSanctions: Build = (sqlite, s) => {
  // The furthest step each sanction running in the period reached by the period's end.
  const reached = statSanctions(sqlite, s).flatMap((x) => {
    const lines = (JSON.parse(x.scheduleJson) as { lines: { month: string; step: SanctionStep }[] }).lines;
    const upTo = lines.filter((l) => l.month <= s.to);
    if (upTo.length === 0 || !lines.some((l) => l.month.slice(0, 7) >= s.from.slice(0, 7))) return [];
    const step = STEPS[Math.max(...upTo.map((l) => STEPS.indexOf(l.step)))]!;
    return [{ kind: x.kind, step }];
  });
  const n = (step: string | null, kind: string | null) => reached.filter((r) => (step === null || r.step === step) && (kind === null || r.kind === kind)).length;
  const line = (key: string, label: string, step: string | null) => row(key, label, [...SANCTION_KINDS.map((k) => count(n(step, k))), count(n(step, null))]);
  return {
    title: 'Sanctions par étape atteinte',
    definition:
      'Sanctions décidées par le Président qui courent pendant la période (un mois de leur échéancier dans la période), selon l’étape la plus avancée atteinte à la fin de la période.',
    rowHeader: 'Étape atteinte',
    columns: [...SANCTION_KINDS.map((k) => col(k, SANCTION_KIND_LABELS[k])), col('total', 'Total')],
    rows: [...STEPS.map((st) => line(st, SANCTION_STEP_LABELS[st], st)), line('total', 'Total', null)],
    chart: 'stacked',
  };
};

const ITEMS = DEFAULT_EDE_GRID.data.items;
const PALIERS = [1, 2, 3, 4, 5, 6] as const;

const edePaliers: Build = (sqlite, s) => {
  const rows = statEdePaliers(sqlite, s);
  return {
    title: 'Répartition des paliers par item de l’EDE',
    definition:
      'Dernière EDE de chaque personne datée de la période : nombre de personnes par palier (1 : aucun frein, 6 : frein majeur) de chaque item, et palier moyen (la courbe moyenne).',
    rowHeader: 'Item',
    columns: [...PALIERS.map((p) => col(`p${p}`, `Palier ${p}`)), col('moyen', 'Palier moyen', 'mean')],
    rows: ITEMS.map((item) => {
      const of = rows.filter((r) => r.item === item.key);
      const persons = of.reduce((t, r) => t + r.n, 0);
      const mean = persons === 0 ? null : of.reduce((t, r) => t + r.palier * r.n, 0) / persons;
      return row(item.key, `${item.number}. ${item.label}`, [
        ...PALIERS.map((p) => count(of.find((r) => r.palier === p)?.n ?? 0)),
        overPersons(persons, round2(mean)),
      ]);
    }),
    chart: 'stacked',
  };
};

const edeEvolution: Build = (sqlite, s) => {
  const rows = new Map(statEdeEvolution(sqlite, s).map((r) => [r.item, r]));
  const line = (key: string, label: string) => {
    const r = rows.get(key);
    const n = r?.persons ?? 0;
    return row(key === '*' ? 'total' : key, label, [
      count(n),
      overPersons(n, round2(r?.first ?? null)),
      overPersons(n, round2(r?.latest ?? null)),
      overPersons(n, r ? round2(r.latest - r.first) : null),
      count(r?.better ?? 0),
      count(r?.same ?? 0),
      count(r?.worse ?? 0),
    ]);
  };
  return {
    title: 'Évolution entre la première et la dernière EDE des mêmes personnes',
    definition:
      'Personnes ayant au moins deux EDE jusqu’à la fin de la période, la dernière datée de la période : palier moyen de la première et de la dernière EDE par item (et total des points), écart moyen (négatif : les freins diminuent), personnes dont le palier a baissé, est resté le même, a monté.',
    rowHeader: 'Item',
    columns: [
      col('personnes', 'Personnes'),
      col('premiere', 'Première EDE (moyenne)', 'mean'),
      col('derniere', 'Dernière EDE (moyenne)', 'mean'),
      col('ecart', 'Écart moyen', 'mean'),
      col('amelioration', 'Amélioration'),
      col('stable', 'Stable'),
      col('degradation', 'Dégradation'),
    ],
    rows: [...ITEMS.map((item) => line(item.key, `${item.number}. ${item.label}`)), line('*', 'Total des points')],
    chart: 'line',
  };
};

const BUILDERS: Record<StatFigure, Build> = {
  file_active: fileActive,
  flux,
  orientations,
  delai_orientation: delaiOrientation,
  delai_contrat: delaiContrat,
  contrats_etat: contratsEtat,
  contrats_duree: contratsDuree,
  contrats_renouvellement: contratsRenouvellement,
  cers_12_mois: cers12,
  fiches,
  ep_saisines: epSaisines,
  ep_sanctions: epSanctions,
  ede_paliers: edePaliers,
  ede_evolution: edeEvolution,
};

/** One figure over the scope, small cells hidden. */
export const buildTable = (sqlite: Sqlite, scope: StatisticsScope, figure: StatFigure): StatTable => ({ figure, ...BUILDERS[figure](sqlite, scope) });
