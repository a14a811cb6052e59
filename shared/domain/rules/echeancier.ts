/**
 * The échéancier of a dossier: from its state and today, every due and overdue item with its date, its severity
 * and the rule behind it — contract to sign after an orientation, contract ending within 30 days, contract
 * ended without renewal, CERS at 12 months, EP avis due, Président's decision pending, sanction steps, next
 * appointments, end of the minimum accompaniment after the 500 € threshold. Sorted by date.
 */
import { addDaysIso, contractEndDate, daysBetween, isIsoDate, startOfMonthIso, type IsoDate } from './dates';
import { CERS_MAX_MONTHS, type ContractStatus } from './contracts';
import { avisDeadline, type Saisine } from './ep';
import { contractDeadline, orientationAt, ORIENTATION_LABELS, type Orientation } from './orientation';
import { failure, prefixErrors, ruleError, type RuleError, type RuleResult } from './result';
import { evaluateIncomeThreshold } from './revenus';
import { SANCTION_KIND_LABELS, sanctionSchedule, type SanctionScheduleInput } from './sanctions';
import { formatDate } from '../format';

export interface EcheancierOrientation {
  /** Date of the decision. */
  date: IsoDate;
  orientation: Orientation;
  start: IsoDate;
  end: IsoDate | null;
}

export interface EcheancierContract {
  id?: number | null;
  /** PPAE: signed with Pôle Emploi (recorded for the deadline only). */
  type: 'CERS' | 'CERP' | 'PPAE';
  status: ContractStatus;
  orientationDate: IsoDate;
  start: IsoDate;
  durationMonths: number;
  signedOn?: IsoDate | null;
}

export interface EcheancierAppointment {
  date: IsoDate;
  /** e.g. "Point d’étape avec le référent". */
  label: string;
}

export interface DossierState {
  orientations: readonly EcheancierOrientation[];
  contracts: readonly EcheancierContract[];
  saisines: readonly Saisine[];
  sanctions: readonly SanctionScheduleInput[];
  appointments: readonly EcheancierAppointment[];
  /**
   * The day the person has been waiting for an orientation since (RSA start, else the dossier's creation): with no
   * orientation decision at all, the échéancier shows the orientation to make. Optional.
   */
  awaitingOrientationSince?: IsoDate | null;
  /** Monthly activity incomes (fiche J.1), optional. */
  incomes?: readonly { month: IsoDate; amount: number }[];
  /**
   * The person's last France Travail event is a radiation (issue 15, imported lists), and no demande de
   * réorientation was written since: the fiche de liaison to send. Optional.
   */
  ftRadiation?: { date: IsoDate; motif: string | null } | null;
}

export const ECHEANCE_KINDS = [
  'orientation_a_faire',
  'contrat_a_signer',
  'contrat_fin_proche',
  'contrat_echu_sans_renouvellement',
  'cers_12_mois',
  'avis_ep',
  'decision_president',
  'sanction',
  'radiation',
  'radiation_france_travail',
  'rendez_vous',
  'fin_maintien_revenus',
] as const;
export type EcheanceKind = (typeof ECHEANCE_KINDS)[number];
export const ECHEANCE_KIND_LABELS: Record<EcheanceKind, string> = {
  orientation_a_faire: 'Orientation à décider',
  contrat_a_signer: 'Contrat à signer',
  contrat_fin_proche: 'Contrat se terminant',
  contrat_echu_sans_renouvellement: 'Contrat échu sans renouvellement',
  cers_12_mois: 'CERS à 12 mois',
  avis_ep: 'Avis de l’EP attendu',
  decision_president: 'Décision du Président attendue',
  sanction: 'Sanction',
  radiation: 'Radiation',
  radiation_france_travail: 'Radiation de France Travail',
  rendez_vous: 'Rendez-vous',
  fin_maintien_revenus: 'Fin du maintien de l’accompagnement',
};

export const SEVERITIES = ['en_retard', 'urgent', 'a_venir', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_LABELS: Record<Severity, string> = {
  en_retard: 'En retard',
  urgent: 'Urgent',
  a_venir: 'À venir',
  info: 'Pour information',
};

export interface EcheanceItem {
  date: IsoDate;
  kind: EcheanceKind;
  severity: Severity;
  title: string;
  /** The rule behind the item (handbook section and its content), French. */
  rule: string;
  /** Index of the record in the state it comes from. */
  source?: { contract?: number; saisine?: number; sanction?: number; appointment?: number; orientation?: number };
}

/** Days before a due date from which an item is urgent. */
export const URGENT_WITHIN_DAYS = 7;
/** A contract ending within this many days shows up. */
export const ENDING_WITHIN_DAYS = 30;

const dueSeverity = (date: IsoDate, today: IsoDate): Severity => {
  const days = daysBetween(today, date);
  return days < 0 ? 'en_retard' : days <= URGENT_WITHIN_DAYS ? 'urgent' : 'a_venir';
};

const SIGNED: readonly ContractStatus[] = ['signe', 'transmis_slai', 'valide', 'en_cours', 'echu', 'clos'];
const RUNNING: readonly ContractStatus[] = ['signe', 'transmis_slai', 'valide', 'en_cours'];

/** Computes the échéancier of a dossier at `today`. Parts that cannot be computed come back as warnings. */
export function echeancier(state: DossierState, today: IsoDate): RuleResult<{ items: EcheanceItem[]; warnings: RuleError[] }> {
  if (!isIsoDate(today)) return failure([ruleError('Date du jour invalide.', 'today')]);
  const items: EcheanceItem[] = [];
  const warnings: RuleError[] = [];
  const current = orientationAt(state.orientations, today);
  const currentIndex = current ? state.orientations.indexOf(current) : -1;
  const contracts = state.contracts.map((c, index) => ({ ...c, index, end: contractEndDate(c.start, c.durationMonths) }));
  const under = (o: EcheancierOrientation) => contracts.filter((c) => c.orientationDate === o.date);

  // A new beneficiary without any orientation decision: the orientation to make (no deadline in the handbook).
  if (state.orientations.length === 0 && state.awaitingOrientationSince && isIsoDate(state.awaitingOrientationSince)) {
    const since = state.awaitingOrientationSince;
    const days = Math.max(0, daysBetween(since, today));
    items.push({
      date: since,
      kind: 'orientation_a_faire',
      severity: 'info',
      title: `Orientation à décider : en attente depuis le ${formatDate(since)} (${days} jour${days > 1 ? 's' : ''})`,
      rule: 'L’orientation : la décision d’orientation, avec désignation de l’organisme référent et du correspondant, est le point de départ du délai pour réaliser les contrats.',
    });
  }

  // Contract to sign after the current orientation decision.
  if (current) {
    const signed = under(current).filter((c) => SIGNED.includes(c.status));
    if (signed.length === 0) {
      const d = contractDeadline({ date: current.date, orientation: current.orientation });
      items.push({
        date: d.deadline,
        kind: 'contrat_a_signer',
        severity: dueSeverity(d.deadline, today),
        title: `${d.contractKind} à signer au plus tard le ${formatDate(d.deadline)} (${ORIENTATION_LABELS[current.orientation]})`,
        rule: d.rule,
        source: { orientation: currentIndex },
      });
    }
  }

  // Contracts ending soon, ended without renewal, CERS at 12 months.
  for (const c of contracts) {
    if (!SIGNED.includes(c.status) || c.status === 'clos') continue;
    const successor = contracts.some((o) => o !== c && o.orientationDate === c.orientationDate && o.start > c.end && SIGNED.includes(o.status));
    if (successor) continue;
    const sameOrientation = current !== undefined && current.date === c.orientationDate;
    const cersMonths =
      c.type === 'CERS'
        ? contracts
            .filter((o) => o.type === 'CERS' && o.orientationDate === c.orientationDate && SIGNED.includes(o.status) && o.start <= c.start)
            .reduce((sum, o) => sum + o.durationMonths, 0)
        : 0;
    const untilEnd = daysBetween(today, c.end);
    if (c.type === 'CERS' && cersMonths >= CERS_MAX_MONTHS) {
      const seized = state.saisines.some((s) => s.origin === 'cers_12_mois' && s.date >= c.start);
      if (!seized && sameOrientation && untilEnd <= ENDING_WITHIN_DAYS) {
        items.push({
          date: c.end,
          kind: 'cers_12_mois',
          severity: dueSeverity(c.end, today),
          title: `Suivi solidarité à 12 mois le ${formatDate(c.end)} : envoyer le parcours avec le bilan à l’équipe pluridisciplinaire`,
          rule: 'Le contrat d’engagements réciproques – solidarité, Cas 3 : le suivi solidarité arrive à échéance des douze mois ; envoi du parcours personnel avec le bilan afin que l’équipe pluridisciplinaire statue sur la suite à donner.',
          source: { contract: c.index },
        });
      }
      continue;
    }
    if (RUNNING.includes(c.status) && untilEnd >= 0 && untilEnd <= ENDING_WITHIN_DAYS) {
      items.push({
        date: c.end,
        kind: 'contrat_fin_proche',
        severity: untilEnd <= URGENT_WITHIN_DAYS ? 'urgent' : 'a_venir',
        title: `Le ${c.type} se termine le ${formatDate(c.end)} : bilan, renouvellement ou fin du suivi`,
        rule: 'Les contrats d’engagements réciproques : à l’échéance, le suivi prend fin avec le bilan, ou le contrat est renouvelé (obligation de renouveler son contrat à échéance du précédent).',
        source: { contract: c.index },
      });
    } else if (untilEnd < 0 && sameOrientation && c.type !== 'PPAE') {
      const day = addDaysIso(c.end, 1);
      items.push({
        date: day,
        kind: 'contrat_echu_sans_renouvellement',
        severity: 'en_retard',
        title: `${c.type} échu le ${formatDate(c.end)} sans renouvellement`,
        rule: 'Droits et devoirs : obligation de renouveler son contrat à échéance du précédent ; à défaut, la non-conclusion ou le non-renouvellement peut être sanctionné.',
        source: { contract: c.index },
      });
    }
  }

  // EP: avis within a month, then the Président's decision.
  state.saisines.forEach((s, index) => {
    if (!s.avis) {
      const deadline = avisDeadline(s);
      items.push({
        date: deadline,
        kind: 'avis_ep',
        severity: dueSeverity(deadline, today),
        title: `Avis de l’équipe pluridisciplinaire attendu au plus tard le ${formatDate(deadline)} (saisine du ${formatDate(s.date)})`,
        rule: 'Les instances : les équipes pluridisciplinaires ont un mois pour rendre leur recommandation auprès du Président du Conseil Général.',
        source: { saisine: index },
      });
    } else if (!s.decision) {
      items.push({
        date: s.avis.date,
        kind: 'decision_president',
        severity: 'a_venir',
        title: `Décision du Président attendue (avis ${s.avis.sens === 'favorable' ? 'favorable' : 'défavorable'} de l’EP du ${formatDate(s.avis.date)})`,
        rule: 'Fiche de liaison, partie réservée au Président du Conseil Général : la décision suit l’avis de l’équipe pluridisciplinaire.',
        source: { saisine: index },
      });
    }
  });

  // Sanction steps from the current month on.
  const thisMonth = startOfMonthIso(today);
  state.sanctions.forEach((input, index) => {
    const schedule = sanctionSchedule(input);
    if (!schedule.ok) {
      warnings.push(...prefixErrors(`sanctions.${index}`, schedule.errors));
      return;
    }
    schedule.lines.forEach((line, i) => {
      const previous = schedule.lines[i - 1];
      if (line.month < thisMonth || (previous && previous.step === line.step && line.step !== 'radiation')) return;
      const radiation = line.step === 'radiation';
      items.push({
        date: line.month,
        kind: radiation ? 'radiation' : 'sanction',
        severity: line.month <= today ? 'info' : radiation ? 'urgent' : 'a_venir',
        title: radiation ? line.label : `${line.label} À partir du ${formatDate(line.month)} : ${line.amountPaid} € versés.`,
        rule: `Droits et devoirs – Les sanctions (${SANCTION_KIND_LABELS[input.kind]}).`,
        source: { sanction: index },
      });
    });
  });

  // Next appointments.
  state.appointments.forEach((a, index) => {
    if (!isIsoDate(a.date) || a.date < today) return;
    items.push({
      date: a.date,
      kind: 'rendez_vous',
      severity: a.date === today ? 'urgent' : 'a_venir',
      title: `Rendez-vous le ${formatDate(a.date)} : ${a.label}`,
      rule: 'Droits et devoirs : obligation de répondre aux convocations de son référent.',
      source: { appointment: index },
    });
  });

  // Fiche J.1: minimum accompaniment after the 500 € threshold.
  if (state.incomes && state.incomes.length > 0) {
    const j1 = evaluateIncomeThreshold({ today, incomes: [...state.incomes] });
    if (!j1.ok) warnings.push(...prefixErrors('incomes', j1.errors));
    else if (j1.status === 'accompagnement_maintenu' && j1.maintainedUntil) {
      items.push({
        date: j1.maintainedUntil,
        kind: 'fin_maintien_revenus',
        severity: 'info',
        title: `Revenus d’activité au-dessus de 500 € : fin d’accompagnement possible à partir du ${formatDate(j1.maintainedUntil)}`,
        rule: 'Fiche J.1, l’orientation en continu : l’accompagnement se poursuit au minimum 6 mois après le passage au-dessus de 500 € de revenus d’activité.',
      });
    }
  }

  // Radiated from France Travail: the fiche de liaison « demande de réorientation » to send.
  if (state.ftRadiation && isIsoDate(state.ftRadiation.date)) {
    const r = state.ftRadiation;
    items.push({
      date: r.date,
      kind: 'radiation_france_travail',
      severity: 'urgent',
      title: `Radié(e) de France Travail le ${formatDate(r.date)}${r.motif ? ` (${r.motif})` : ''} : demande de réorientation à faire`,
      rule: 'Fiche de liaison référent – Conseil Général, demande de réorientation : premier motif, « Radiation Pôle Emploi » (aujourd’hui France Travail).',
    });
  }

  const order = (s: Severity) => SEVERITIES.indexOf(s);
  items.sort((a, b) => a.date.localeCompare(b.date) || order(a.severity) - order(b.severity) || a.kind.localeCompare(b.kind));
  return { ok: true, items, warnings };
}
