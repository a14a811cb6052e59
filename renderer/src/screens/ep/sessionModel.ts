import type { EpSession, EpSessionItem } from '../../../../shared/api/ep';
import { checkSessionCancel, EP_SESSION_STATE_LABELS, EP_SESSION_STEPS, sessionAtLeast, type EpSessionState, type EpSessionStep } from '../../../../shared/domain/rules/ep-sessions';

export interface SessionStep {
  state: EpSessionStep;
  label: string;
  status: 'fait' | 'en_cours' | 'a_venir';
}

export interface NextStep {
  state: EpSessionState;
  /** Button text: « Passer à l’étape « Convocations envoyées » ». */
  action: string;
  blocked: boolean;
  blockers: string[];
}

/** What the session page lets the user do now (the API refuses the rest anyway). */
export interface SessionAbilities {
  /** Inscribe saisines, compute and change the time slots. */
  editAgenda: boolean;
  /** Postpone or withdraw a case. */
  removeItems: boolean;
  attendance: boolean;
  avis: boolean;
  decision: boolean;
  /** Convocations and session file exist once there is an ordre du jour. */
  documents: boolean;
  /** Cancel the session: before it is held, when no case is left on its ordre du jour. */
  cancel: boolean;
}

export interface SessionView {
  stateLabel: string;
  steps: SessionStep[];
  next: NextStep | null;
  can: SessionAbilities;
  activeItems: EpSessionItem[];
  removedItems: EpSessionItem[];
}

const ACTION_LABELS: Record<EpSessionStep, string> = {
  creee: 'Créer la séance',
  dossiers_inscrits: 'Arrêter l’ordre du jour',
  convocations_envoyees: 'Marquer les convocations comme envoyées',
  tenue: 'Déclarer la séance tenue',
  avis_rendus: 'Clore les avis',
  decisions_enregistrees: 'Valider les décisions enregistrées',
  close: 'Clore la séance',
};

/** The session page's view of a session: steps, next step (with its blockers), what may be done now. */
export function sessionView(session: Pick<EpSession, 'status' | 'items' | 'next'>, manager: boolean): SessionView {
  // A cancelled session shows no chain of steps.
  const index = (EP_SESSION_STEPS as readonly EpSessionState[]).indexOf(session.status);
  const steps = (index < 0 ? [] : EP_SESSION_STEPS).map((state, i) => ({
    state,
    label: EP_SESSION_STATE_LABELS[state],
    status: i < index ? 'fait' : i === index ? 'en_cours' : 'a_venir',
  })) satisfies SessionStep[];
  const next: NextStep | null = session.next
    ? {
        state: session.next.state,
        action: ACTION_LABELS[session.next.state as EpSessionStep],
        blocked: session.next.blockers.length > 0,
        blockers: session.next.blockers,
      }
    : null;
  const at = (...states: EpSessionState[]) => states.includes(session.status);
  const activeItems = session.items.filter((i) => i.status === 'inscrit');
  return {
    stateLabel: EP_SESSION_STATE_LABELS[session.status],
    steps,
    next: manager ? next : null,
    can: {
      editAgenda: manager && at('creee', 'dossiers_inscrits'),
      removeItems: manager && at('creee', 'dossiers_inscrits', 'convocations_envoyees', 'tenue'),
      attendance: manager && at('tenue'),
      avis: manager && at('tenue'),
      decision: manager && at('tenue', 'avis_rendus'),
      documents: activeItems.length > 0 && sessionAtLeast(session.status, 'creee'),
      cancel: manager && checkSessionCancel({ state: session.status, activeItems: activeItems.length }).ok,
    },
    activeItems,
    removedItems: session.items.filter((i) => i.status !== 'inscrit'),
  };
}

export type CaseStage = 'avis_attendu' | 'decision_attendue' | 'decide' | 'retire' | 'reporte';
export const CASE_STAGE_LABELS: Record<CaseStage, string> = {
  avis_attendu: 'Avis de l’EP attendu',
  decision_attendue: 'Décision du Président attendue',
  decide: 'Décidé par le Président',
  retire: 'Retiré de l’ordre du jour',
  reporte: 'Reporté',
};

/** Where a case of the ordre du jour stands. */
export function caseStage(item: Pick<EpSessionItem, 'status' | 'avis' | 'decision'>): CaseStage {
  if (item.status === 'retire') return 'retire';
  if (item.status === 'reporte') return 'reporte';
  return item.decision ? 'decide' : item.avis ? 'decision_attendue' : 'avis_attendu';
}
