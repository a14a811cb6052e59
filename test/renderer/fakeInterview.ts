/**
 * A small in-memory main for the interview screens' tests: the fake backend's handlers for the DSP, EDE,
 * orientation, droits et devoirs and reference-data methods, computed with the same shared rules as main.
 * Inputs are checked against the contract by `createFakeBackend` before they reach these handlers.
 */
import { EMPTY_DSP, type DspContent } from '../../shared/api/dsp';
import { ApiError } from '../../shared/api/errors';
import type {
  AwaitingOrientation,
  DroitsDevoirs,
  DspRevision,
  EdeAssessment,
  EdeGridOutput,
  Organisme,
  OrientationPeriodOutput,
  Preconisation,
  Referent,
} from '../../shared/api/interview';
import { DEFAULT_EDE_GRID } from '../../shared/domain/referentials/ede-grid';
import { diffDsp } from '../../shared/domain/rules/dsp-diff';
import { dspOrientationElements } from '../../shared/domain/rules/dsp-elements';
import { evaluateDroitsDevoirs } from '../../shared/domain/rules/droits-devoirs';
import { compareEde, scoreEde, type EdeScore } from '../../shared/domain/rules/ede';
import { contractDeadline, proposeOrientation } from '../../shared/domain/rules/orientation';
import { checkDecisionAgainstReference, decisionReference, preconisationFollowsEde } from '../../shared/domain/rules/preconisation';
import { CORRESPONDANT, SAMPLE_DOSSIER, type FakeHandlers } from './fakeBackend';

export const PERSON_ID = SAMPLE_DOSSIER.person.id;
const AUTHOR = { id: 1, displayName: 'Alice Martin' };

export const GRID: EdeGridOutput = {
  version: DEFAULT_EDE_GRID.version,
  validFrom: DEFAULT_EDE_GRID.validFrom,
  items: DEFAULT_EDE_GRID.data.items.map((i) => ({ ...i, themes: [...i.themes], paliers: i.paliers.map((p) => ({ ...p })) })),
  thresholds: { ...DEFAULT_EDE_GRID.data.thresholds },
};

export interface InterviewState {
  dsp: DspRevision[];
  ede: { assessment: EdeAssessment; score: EdeScore }[];
  periods: OrientationPeriodOutput[];
  /** Préconisations of the équipe d’orientation (of PERSON_ID), oldest first. */
  preconisations: Preconisation[];
  /** Other dossiers awaiting their orientation (`orientation.awaiting` lists PERSON_ID first while it has none). */
  awaitingOthers: AwaitingOrientation[];
  organismes: Organisme[];
  referents: Referent[];
  foyer: { householdResources: number; resourcesDate: string } | null;
  income: { hasProfessionalActivity: boolean; monthlyProfessionalIncome: number } | null;
  /** 'Today' for the droits et devoirs. */
  today: string;
}

export function emptyState(): InterviewState {
  return { dsp: [], ede: [], periods: [], preconisations: [], awaitingOthers: [], organismes: [], referents: [], foyer: null, income: null, today: '2026-03-16' };
}

let clock = Date.parse('2026-03-16T09:00:00.000Z');
const now = () => new Date((clock += 60_000)).toISOString();

/** A stored DSP revision (as `dsp.save` would have made it). */
export function addDspRevision(state: InterviewState, content: DspContent): DspRevision {
  const previous = state.dsp.at(-1);
  const revision: DspRevision = {
    id: 100 + state.dsp.length,
    personId: PERSON_ID,
    number: state.dsp.length + 1,
    createdAt: now(),
    createdBy: AUTHOR,
    referentialVersion: 1,
    changedCount: diffDsp(previous ? (previous.content as DspContent) : null, content).length,
    content,
  };
  state.dsp.push(revision);
  return revision;
}

export function addEde(state: InterviewState, date: string, paliers: Record<string, number>, comments: Record<string, string> = {}): EdeAssessment {
  const result = scoreEde(DEFAULT_EDE_GRID, { gridVersion: GRID.version, paliers });
  if (!result.ok) throw new ApiError('VALIDATION', result.errors.map((e) => e.message).join(' '));
  const { ok: _ok, ...score } = result;
  const assessment: EdeAssessment = {
    id: 200 + state.ede.length,
    personId: PERSON_ID,
    date,
    gridVersion: GRID.version,
    total: score.total,
    proposal: score.proposal,
    createdAt: now(),
    createdBy: AUTHOR,
    reason: score.reason,
    items: score.items.map((i) => ({ ...i, comment: comments[i.key] ?? null })),
    flags: score.flags,
    themes: score.themes,
  };
  state.ede.push({ assessment, score });
  return assessment;
}

/** A préconisation of the équipe d’orientation for PERSON_ID (as `orientation.preconisations.record` makes it). */
export function addPreconisation(state: InterviewState, values: Pick<Preconisation, 'date' | 'team' | 'preconisation'> & { comment?: string | null }): Preconisation {
  const p: Preconisation = {
    id: 600 + state.preconisations.length,
    personId: PERSON_ID,
    date: values.date,
    team: values.team,
    preconisation: values.preconisation,
    comment: values.comment ?? null,
    ede: null,
    batchId: `lot-${state.preconisations.length + 1}`,
    recordedBy: AUTHOR,
    recordedAt: now(),
  };
  state.preconisations.push(p);
  return p;
}

/** The latest préconisation no decision relies on yet, when not older than the latest EDE (as main). */
function pendingPreconisation(state: InterviewState): Preconisation | null {
  const used = new Set(state.periods.map((p) => p.preconisation?.id));
  const latest = [...state.preconisations].reverse().find((p) => !used.has(p.id));
  const ede = latestEde(state)?.assessment ?? null;
  return latest && preconisationFollowsEde(latest, ede) ? latest : null;
}

const summaryOf = ({ reason: _r, items: _i, flags: _f, themes: _t, ...s }: EdeAssessment) => s;
const dspSummary = ({ content: _c, ...s }: DspRevision) => s;
const latestEde = (state: InterviewState) => [...state.ede].sort((a, b) => (a.assessment.date < b.assessment.date ? 1 : -1))[0];

function droits(state: InterviewState): DroitsDevoirs {
  const montant = 646.52;
  const missing = [
    ...(state.foyer ? [] : ['Ressources mensuelles du foyer']),
    ...(state.income ? [] : ['Activité et revenus professionnels de Marie Louise Martin']),
  ];
  const evaluated =
    state.foyer && state.income
      ? evaluateDroitsDevoirs({
          date: state.today,
          householdResources: state.foyer.householdResources,
          montantForfaitaire: montant,
          persons: [{ role: 'allocataire', ...state.income }],
        })
      : null;
  const decision = evaluated?.ok ? evaluated.decisions[0] : undefined;
  const status = decision
    ? { accompanimentCompulsory: decision.accompanimentCompulsory, conditions: decision.conditions, rule: decision.rule, explanation: decision.explanation }
    : null;
  return {
    date: state.today,
    household: { couple: false, dependants: 1 },
    montantForfaitaire: montant,
    foyer: state.foyer ? { ...state.foyer, updatedAt: '2026-03-16T09:00:00.000Z', updatedBy: AUTHOR } : null,
    persons: [
      {
        personId: PERSON_ID,
        role: 'allocataire',
        name: 'Marie Louise Martin',
        income: state.income ? { ...state.income, updatedAt: '2026-03-16T09:00:00.000Z', updatedBy: AUTHOR } : null,
        status,
      },
    ],
    status,
    missing,
  };
}

/** Handlers of the interview methods over `state` (mutated by the writes). */
export function interviewHandlers(state: InterviewState): FakeHandlers {
  const dspById = (id: number) => {
    const r = state.dsp.find((x) => x.id === id);
    if (!r) throw new ApiError('NOT_FOUND', 'Cette version de la DSP est introuvable.');
    return r;
  };
  const edeById = (id: number) => {
    const e = state.ede.find((x) => x.assessment.id === id);
    if (!e) throw new ApiError('NOT_FOUND', 'Cette évaluation est introuvable.');
    return e;
  };
  const proposal = () => proposeOrientation({ ede: latestEde(state)?.assessment ?? null });
  return {
    'dsp.latest': () => {
      const revision = state.dsp.at(-1) ?? null;
      return { revision, prefill: revision ? revision.content : EMPTY_DSP };
    },
    'dsp.save': (input) => {
      const latest = state.dsp.at(-1);
      if ((latest?.id ?? null) !== input.basedOnRevisionId) {
        throw new ApiError('CONFLICT', 'La DSP a été enregistrée entre-temps : rechargez-la.', { basedOnRevisionId: 'Version dépassée' });
      }
      const revision = addDspRevision(state, input.content);
      return { revision, changes: diffDsp(latest ? (latest.content as DspContent) : null, input.content) };
    },
    'dsp.history': () => [...state.dsp].reverse().map(dspSummary),
    'dsp.get': (input) => dspById(input.revisionId),
    'dsp.compare': (input) => {
      const from = dspById(input.fromRevisionId);
      const to = dspById(input.toRevisionId);
      return { from: dspSummary(from), to: dspSummary(to), changes: diffDsp(from.content as DspContent, to.content as DspContent) };
    },
    'ede.grid': () => GRID,
    'ede.create': (input) => {
      if (input.gridVersion !== GRID.version) throw new ApiError('VALIDATION', 'La grille a changé.', { gridVersion: 'Grille dépassée' });
      const comments = Object.fromEntries(Object.entries(input.comments ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
      return addEde(state, input.date, input.paliers, comments);
    },
    'ede.list': () =>
      [...state.ede]
        .sort((a, b) => (a.assessment.date < b.assessment.date ? 1 : -1))
        .map((e) => summaryOf(e.assessment)),
    'ede.get': (input) => edeById(input.edeId).assessment,
    'ede.compare': (input) => {
      const a = edeById(input.fromEdeId);
      const b = edeById(input.toEdeId);
      return { from: summaryOf(a.assessment), to: summaryOf(b.assessment), comparison: compareEde(a.score, b.score) };
    },
    'orientation.proposal': () => {
      const latest = state.dsp.at(-1);
      const ede = latestEde(state);
      return {
        ...proposal(),
        ede: ede ? summaryOf(ede.assessment) : null,
        dsp: latest ? dspSummary(latest) : null,
        elements: latest ? dspOrientationElements(latest.content as DspContent) : [],
        preconisation: pendingPreconisation(state),
      };
    },
    'orientation.preconisations.record': (input) => {
      const batch = input.items.map((item) => addPreconisation(state, { date: input.date, team: input.team, preconisation: item.preconisation, comment: input.comment ?? null }));
      return { batchId: batch[0]!.batchId!, preconisations: batch };
    },
    'orientation.preconisations.list': () => [...state.preconisations].reverse(),
    'orientation.awaiting': () => {
      const ede = latestEde(state)?.assessment;
      const mine: AwaitingOrientation = {
        personId: PERSON_ID,
        name: 'DUPONT (nom d’usage MARTIN) Marie Louise',
        cafNumber: '1234567',
        referent: null,
        ede: ede ? { id: ede.id, date: ede.date, total: ede.total, proposal: ede.proposal } : null,
        proposal: ede && ede.proposal !== 'decision_ep_eo' ? ede.proposal : null,
        preconisation: pendingPreconisation(state),
      };
      return [...(state.periods.some((p) => p.end === null) ? [] : [mine]), ...state.awaitingOthers];
    },
    'orientation.decide': (input) => {
      const ede = [...state.ede].map((e) => e.assessment).filter((e) => e.date <= input.date).sort((a, b) => (a.date < b.date ? 1 : -1))[0] ?? null;
      const pending = pendingPreconisation(state);
      const checked = checkDecisionAgainstReference(decisionReference({ date: input.date, ede, preconisation: pending }), input);
      if (!checked.ok) {
        const e = checked.errors[0]!;
        throw new ApiError('RULE', e.message, e.path ? { [e.path]: e.message } : undefined);
      }
      const organisme = state.organismes.find((o) => o.id === input.organismeReferentId);
      if (!organisme) throw new ApiError('VALIDATION', 'Organisme inconnu', { organismeReferentId: 'L’organisme référent choisi n’existe pas.' });
      const referent = state.referents.find((r) => r.id === input.referentId) ?? null;
      const current = state.periods.find((p) => p.end === null);
      if (current) current.end = input.date;
      const period: OrientationPeriodOutput = {
        id: 300 + state.periods.length,
        personId: PERSON_ID,
        date: input.date,
        orientation: input.orientation,
        start: input.date,
        end: null,
        organismeReferent: { id: organisme.id, name: organisme.name, type: organisme.type },
        referent: referent ? { id: referent.id, name: referent.name, userId: referent.user?.id ?? null } : null,
        correspondant: { id: input.correspondantId, displayName: CORRESPONDANT.displayName },
        motif: input.motif,
        preconisation: state.preconisations.find((p) => p.id === checked.preconisationId) ?? null,
        divergenceReason: checked.divergenceReason,
        contract: contractDeadline({ date: input.date, orientation: input.orientation }),
        createdAt: now(),
        createdBy: AUTHOR,
      };
      state.periods.push(period);
      return { period, closed: current ?? null, dossierReferent: null };
    },
    'orientation.current': () => state.periods.find((p) => p.end === null) ?? null,
    'orientation.history': () => [...state.periods].reverse(),
    'droitsDevoirs.get': () => droits(state),
    'droitsDevoirs.save': (input) => {
      const person = input.persons[0]!;
      state.foyer = { householdResources: input.householdResources, resourcesDate: input.resourcesDate };
      state.income = { hasProfessionalActivity: person.hasProfessionalActivity, monthlyProfessionalIncome: person.monthlyProfessionalIncome };
      return droits(state);
    },
    'organismes.list': (input) => state.organismes.filter((o) => input.includeInactive || o.active),
    'organismes.create': (input) => {
      const o: Organisme = {
        id: 400 + state.organismes.length,
        name: input.name,
        type: input.type,
        address: input.address ?? null,
        telephone: input.telephone ?? null,
        email: input.email ?? null,
        active: true,
        updatedAt: now(),
      };
      state.organismes.push(o);
      return o;
    },
    'organismes.update': (input) => {
      const o = state.organismes.find((x) => x.id === input.id);
      if (!o) throw new ApiError('NOT_FOUND', 'Organisme introuvable.');
      Object.assign(o, { name: input.name, type: input.type, address: input.address ?? null, telephone: input.telephone ?? null, email: input.email ?? null, active: input.active });
      return o;
    },
    'organismes.remove': (input) => {
      state.organismes = state.organismes.filter((o) => o.id !== input.id);
      return { outcome: 'supprime' };
    },
    'referents.list': (input) =>
      state.referents.filter((r) => (input.includeInactive || r.active) && (input.organismeId === undefined || r.organismeId === input.organismeId)),
    'referents.create': (input) => {
      const organisme = state.organismes.find((o) => o.id === input.organismeId);
      if (!organisme) throw new ApiError('VALIDATION', 'Organisme inconnu', { organismeId: 'Choisissez l’organisme du référent' });
      const r: Referent = {
        id: 500 + state.referents.length,
        organismeId: organisme.id,
        organismeName: organisme.name,
        name: input.name,
        telephone: input.telephone ?? null,
        email: input.email ?? null,
        user: null,
        active: true,
        updatedAt: now(),
      };
      state.referents.push(r);
      return r;
    },
    'referents.update': (input) => {
      const r = state.referents.find((x) => x.id === input.id);
      if (!r) throw new ApiError('NOT_FOUND', 'Référent introuvable.');
      Object.assign(r, { name: input.name, telephone: input.telephone ?? null, email: input.email ?? null, active: input.active });
      return r;
    },
    'referents.remove': (input) => {
      state.referents = state.referents.filter((r) => r.id !== input.id);
      return { outcome: 'supprime' };
    },
    'interview.summary': () => {
      const latest = state.dsp.at(-1);
      const ede = latestEde(state);
      const d = droits(state);
      return {
        personId: PERSON_ID,
        dsp: latest ? dspSummary(latest) : null,
        ede: ede ? summaryOf(ede.assessment) : null,
        edeCount: state.ede.length,
        orientation: state.periods.find((p) => p.end === null) ?? null,
        proposal: proposal(),
        preconisation: pendingPreconisation(state),
        droitsDevoirs: { status: d.status, missing: d.missing },
        edeForContract: { currentContract: null, outdated: false, reason: null },
      };
    },
  };
}
