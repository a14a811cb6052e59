/**
 * The demo's parcours (issue 12, « a demo that has a life »): for each référent, dossiers in every state of the
 * handbook's parcours, dated relative to today — DSP (some with two revisions), EDE (some with two), orientations
 * of the three kinds, CERS and CERP in each lifecycle state (draft, signed, transmitted, rejected, validated, in
 * progress, ended), renewals and an avenant, fiches de liaison of each type open and closed, and an EP session held
 * in the past (avis, the Président's decisions, sanctions). Their échéancier then shows every kind and severity the
 * data allows (référent1 has them all). Created through the API, as the demo's staff would.
 */
import type { PapRowInput } from '../../shared/api/contracts';
import type { DossierCreateInput } from '../../shared/api/dossier';
import { addDaysIso, addMonthsIso, contractEndDate, startOfMonthIso } from '../../shared/domain/rules/dates';
import type { Orientation } from '../../shared/domain/rules/orientation';
import { CONVOCATION_PDF, type DemoCall } from './ep-cases';

export interface DemoParcoursOptions {
  /** Today (yyyy-mm-dd) as the app sees it. */
  today: string;
  /** One dossier list per référent (référent1 first), each long enough for its scenarios (PARCOURS_PER_REFERENT). */
  dossiers: readonly (readonly DossierCreateInput[])[];
  /** The logins of the référents, in the same order. */
  referents: readonly string[];
  password: string;
}

type ContractType = 'CERS' | 'CERP';
type Stage = 'brouillon' | 'signe' | 'transmis_slai' | 'rejete' | 'valide' | 'en_cours' | 'echu';
const STAGES: readonly Stage[] = ['brouillon', 'signe', 'transmis_slai', 'valide', 'en_cours', 'echu'];

interface ContractSpec {
  type: ContractType;
  start: string;
  months: number;
  stage: Stage;
  /** Default: 5 days before the start (never after today). */
  signedOn?: string;
}

/** A PAP row of the demo's contracts and avenants, with both engagements written. */
export const demoPapRow = (actionCode: string, start: string, end: string, extra: Partial<PapRowInput> = {}): PapRowInput => ({
  theme: actionCode.charAt(0) as PapRowInput['theme'],
  actionCode,
  start,
  end,
  engagementReferent: `Le référent accompagne l’action ${actionCode}`,
  engagementBeneficiaire: `Le bénéficiaire s’engage sur l’action ${actionCode}`,
  ...extra,
});

const CERP_PART = {
  situationProfessionnelle: { rqth: false, niveauFormation: 'V', permisConduire: true, zoneGeographique: 'Arrageville et 30 km autour' },
  situationEmploi: {
    inscriptions: { poleEmploi: true, plie: false, maisonEmploi: false, ett: true },
    experiences: [{ emploi: 'Préparateur de commandes', typeContrat: 'interim' as const, duree: '18 mois', entreprise: 'Logis Nord' }],
  },
  metiers: [{ romeCode: 'N1103', caracteristiques: 'Travail en entrepôt, horaires postés', salaireAttendu: '1 450 € net', avisReferent: 'Réaliste' }],
  conclusion: 'Projet validé, recherche active à engager',
};

/** The SLAI signs the Président's decisions by delegation. */
const SIGNATORY = { signatoryName: 'Bénédicte Caron', signatoryFunction: 'Chef du Service Local Allocation Insertion', signatoryDelegation: 'Par délégation' };

/** The start of a contract of `months` months ending on `end`. */
export function startEndingOn(end: string, months: number): string {
  let start = addDaysIso(addMonthsIso(end, -months), 1);
  for (let i = 0; i < 6 && contractEndDate(start, months) !== end; i += 1) {
    start = addDaysIso(start, contractEndDate(start, months) < end ? 1 : -1);
  }
  return start;
}

/** The scenarios every référent gets; référent1 gets EXTRA_SCENARIOS too. */
export const CORE_SCENARIOS = [
  'a_proposer',
  'signature_en_retard',
  'transmis',
  'fin_proche',
  'cers_12_mois',
  'en_cours_avec_fiches',
  'sanction',
  'avis_sans_decision',
] as const;
export const EXTRA_SCENARIOS = [
  'pole_emploi_sans_ede',
  'solidarite_a_venir',
  'signe',
  'rejete_reorientation',
  'fin_proche_urgent',
  'echu_sans_renouvellement',
  'cers_12_mois_urgent',
  'cers_12_mois_en_retard',
  'reorientation_decidee',
] as const;
export type ParcoursScenario = (typeof CORE_SCENARIOS)[number] | (typeof EXTRA_SCENARIOS)[number];
/** Dossiers each référent needs (référent1: every scenario). */
export const PARCOURS_PER_REFERENT = CORE_SCENARIOS.length + EXTRA_SCENARIOS.length;

/** What the EP part needs from the scenarios: saisines to inscribe in the past session. */
interface PastSessionCase {
  saisineId: number;
  personId: number;
  correspondantId: number;
  decide: 'sanction_ce_mois' | 'sanction_mois_prochain' | 'reorientation' | 'aucune';
}

export interface DemoParcoursResult {
  personIds: number[];
  /** Per référent (référent1 first): the person of each scenario. */
  byReferent: Partial<Record<ParcoursScenario, number>>[];
  pastSessionId: number;
}

/** The CAF numbers of a référent's parcours dossiers (référent index from 0) start with this prefix (seed.ts). */
export const parcoursCafPrefix = (referentIndex: number): string => `9930${referentIndex + 1}`;
/** The CAF number of a référent's scenario dossier: the prefix, then 10, 11… in the order of the scenarios. */
export const demoParcoursCafNumber = (referentIndex: number, scenario: ParcoursScenario): string =>
  `${parcoursCafPrefix(referentIndex)}${[...CORE_SCENARIOS, ...EXTRA_SCENARIOS].indexOf(scenario) + 10}`;

/** Creates the parcours; returns the persons created and the past EP session. */
export async function seedDemoParcours(call: DemoCall, options: DemoParcoursOptions): Promise<DemoParcoursResult> {
  const { today } = options;
  const day = (offset: number) => addDaysIso(today, offset);
  const login = async (name: string) => (await call('auth.login', { login: name, password: options.password })).session;
  const correspondant = await login('correspondant1');
  const secretaire = await login('secretaire');
  const organismes = await call('organismes.list', {}, correspondant);
  const organismeFor = (o: Orientation) =>
    organismes.find((x) => x.type === (o === 'solidarite' ? 'solidarite' : o === 'professionnelle_pole_emploi' ? 'pole_emploi' : 'professionnel'))!.id;
  const personIds: number[] = [];
  const pastCases: PastSessionCase[] = [];
  const byReferent: Partial<Record<ParcoursScenario, number>>[] = [];

  for (const [index, referentLogin] of options.referents.entries()) {
    const referent = await login(referentLogin);
    const grid = await call('ede.grid', {}, referent);
    const inputs = [...(options.dossiers[index] ?? [])];
    const scenarios: readonly ParcoursScenario[] = index === 0 ? [...CORE_SCENARIOS, ...EXTRA_SCENARIOS] : CORE_SCENARIOS;
    if (inputs.length < scenarios.length) throw new Error(`${scenarios.length} dossiers attendus pour ${referentLogin}`);

    /** A new dossier of this référent (a person alone when `alone`: the sanction then reaches the radiation). */
    const dossier = async (alone = false): Promise<{ personId: number; input: DossierCreateInput }> => {
      const base = inputs.shift()!;
      const input: DossierCreateInput = alone
        ? { ...base, conjoint: null, foyer: { ...base.foyer, situationFamiliale: 'celibataire', enfants: [] } }
        : base;
      const personId = (await call('dossiers.create', input, referent)).person.id;
      personIds.push(personId);
      return { personId, input };
    };
    /** The DSP, in one or two revisions (the second: the social cover obtained, housing found). */
    const dsp = async (personId: number, revisions: 1 | 2) => {
      const first = await call(
        'dsp.save',
        { personId, basedOnRevisionId: null, content: { generalites: { sitpersdemrsa: '0107', topcouvsoc: 'non' }, logement: { natlog: '0909' } } },
        referent,
      );
      if (revisions === 2) {
        await call(
          'dsp.save',
          { personId, basedOnRevisionId: first.revision.id, content: { generalites: { sitpersdemrsa: '0107', topcouvsoc: 'oui', couvsoc: ['cmu_c'] }, logement: { natlog: '0901' } } },
          referent,
        );
      }
    };
    /** An EDE: `level` 1 → close to employment (professional proposal), 5 → far from it (solidarité). */
    const ede = async (personId: number, date: string, level: number) =>
      (await call('ede.create', { personId, date, gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, level])) }, referent)).id;
    const orient = async (personId: number, input: DossierCreateInput, date: string, orientation: Orientation) =>
      call(
        'orientation.decide',
        {
          personId,
          date,
          orientation,
          organismeReferentId: organismeFor(orientation),
          correspondantId: input.person.correspondantId!,
          motif: 'Décision du correspondant SLAI (démonstration)',
          // The EDE proposes France Travail for those close to employment; a PLIE follow-up is chosen instead.
          ...(orientation === 'professionnelle_autre' ? { divergenceReason: 'Accompagnement renforcé du PLIE plus adapté au projet.' } : {}),
        },
        correspondant,
      );

    /** A contract taken to `stage` through its life cycle (signature 5 days before the start, then a day per step). */
    const contract = async (personId: number, spec: ContractSpec) => {
      const end = contractEndDate(spec.start, spec.months);
      const mid = addDaysIso(spec.start, 45);
      const actions =
        spec.type === 'CERS'
          ? [demoPapRow('A.1.1', spec.start, mid), demoPapRow('D.3', addDaysIso(spec.start, 30), end)]
          : [demoPapRow('H.1.1', spec.start, mid), demoPapRow('G.3.1', addDaysIso(spec.start, 15), end, { services: ['Pôle Emploi'] })];
      const c = await call(
        'contracts.create',
        {
          personId,
          type: spec.type,
          start: spec.start,
          durationMonths: spec.months,
          objectifs: spec.type === 'CERS' ? 'Stabiliser la situation de logement et de budget' : 'Retour à l’emploi dans la logistique',
          resultatsAttendus: spec.type === 'CERS' ? 'Un logement adapté et un budget équilibré' : 'Un contrat de six mois au moins',
          pap: { actions },
          referent: { lieuSuivi: 'MDS de l’Arrageois', prochainsRendezVous: [] },
          ...(spec.type === 'CERP' ? { cerp: CERP_PART } : {}),
        },
        referent,
      );
      const last = await advance(c.id, c.version, { ...spec, end, rows: actions.length });
      return last ?? { id: c.id, version: c.version };
    };
    /** Takes a draft (id, version) to `spec.stage`; returns the last view. */
    const advance = async (contractId: number, version: number, spec: ContractSpec & { end: string; rows: number }) => {
      const reached = (s: Stage) => (spec.stage === 'rejete' ? ['signe', 'transmis_slai', 'rejete'].includes(s) : STAGES.indexOf(s) <= STAGES.indexOf(spec.stage));
      const signedOn = spec.signedOn ?? addDaysIso(spec.start, -5);
      let c: { id: number; version: number } | undefined;
      let v = version;
      const step = async <T extends { id: number; version: number }>(p: Promise<T>) => {
        const r = await p;
        c = r;
        v = r.version;
        return r;
      };
      if (reached('signe')) {
        await step(call('contracts.sign', { contractId, version: v, referent: { nom: 'Le référent', date: signedOn }, beneficiaire: { nom: 'Le bénéficiaire', date: signedOn } }, referent));
      }
      if (reached('transmis_slai')) await step(call('contracts.transmit', { contractId, version: v, date: addDaysIso(signedOn, 1) }, referent));
      if (spec.stage === 'rejete') {
        await step(call('contracts.reject', { contractId, version: v, date: addDaysIso(signedOn, 3), motif: 'Plan d’action trop vague : précisez les démarches.' }, correspondant));
      }
      if (reached('valide')) await step(call('contracts.validate', { contractId, version: v, date: addDaysIso(signedOn, 3) }, correspondant));
      if (reached('en_cours')) {
        const started = addDaysIso(signedOn, 3) > spec.start ? addDaysIso(signedOn, 3) : spec.start;
        await step(call('contracts.start', { contractId, version: v, date: started }, referent));
      }
      if (reached('echu')) {
        await bilan(contractId, v, spec.rows).then((r) => ((c = r), (v = r.version)));
        await step(call('contracts.terminate', { contractId, version: v, date: addDaysIso(spec.end, 5), bilanGeneral: 'Objectifs atteints pour l’essentiel.' }, referent));
      }
      return c;
    };
    const bilan = (contractId: number, version: number, rows: number) =>
      call(
        'contracts.saveBilan',
        { contractId, version, pap: { actions: Array.from({ length: rows }, () => ({ resultat: 'atteint' as const, bilan: 'Action menée à son terme.' })) } },
        referent,
      );
    /** A CERS of 6 months renewed once (a new EDE during the first), the renewal in progress and ending on `end2`. */
    const cersRenewed = async (personId: number, input: DossierCreateInput, end2: string) => {
      const start2 = startEndingOn(end2, 6);
      const end1 = addDaysIso(start2, -1);
      const start1 = startEndingOn(end1, 6);
      await orient(personId, input, addDaysIso(start1, -25), 'solidarite');
      await ede(personId, addDaysIso(start1, -20), 5);
      const first = await contract(personId, { type: 'CERS', start: start1, months: 6, stage: 'en_cours' });
      await ede(personId, addDaysIso(end1, -15), 4);
      // At term with its bilan (6 months of solidarité: no EP yet), then renewed.
      const withBilan = await bilan(first.id, first.version, 2).then((b) =>
        call('contracts.terminate', { contractId: b.id, version: b.version, date: addDaysIso(end1, 1), bilanGeneral: 'Budget stabilisé ; logement à consolider.' }, referent),
      );
      const renewal = await call(
        'contracts.renew',
        { contractId: withBilan.id, version: withBilan.version, durationMonths: 6, newActions: [demoPapRow('A.1.1', start2, addDaysIso(start2, 60))] },
        referent,
      );
      return advance(renewal.id, renewal.version, { type: 'CERS', start: start2, months: 6, stage: 'en_cours', signedOn: addDaysIso(end1, -10), end: end2, rows: renewal.pap.actions.length });
    };
    /** A fiche created, sent, and answered (then closed) by the correspondent as asked. */
    const fiche = async (
      input: Record<string, unknown>,
      o: { date: string; answer?: 'acceptee' | 'refusee'; answeredOn?: string; close?: boolean; convocations?: boolean },
    ) => {
      let f = await call('fiches.create', { date: o.date, ...input } as never, referent);
      if (o.convocations) {
        for (const offset of [-30, -15]) {
          const d = addDaysIso(o.date, offset);
          await call(
            'attachments.upload',
            { owner: { type: 'fiche', id: f.id }, kind: 'convocation', fileName: `convocation-${d}.pdf`, mime: 'application/pdf', contentBase64: CONVOCATION_PDF, documentDate: d, label: `Convocation du ${d}` },
            referent,
          );
        }
      }
      f = await call('fiches.send', { ficheId: f.id, version: f.version, date: o.date }, referent);
      if (!o.answer) return f;
      const texte = o.answer === 'acceptee' ? 'Demande acceptée et transmise.' : 'Demande refusée : un entretien tripartite est proposé d’abord.';
      f = await call('fiches.answer', { ficheId: f.id, version: f.version, date: o.answeredOn ?? o.date, decision: o.answer, texte }, correspondant);
      if (o.close) f = await call('fiches.close', { ficheId: f.id, version: f.version, date: o.answeredOn ?? o.date }, correspondant);
      return f;
    };
    const suspension = (personId: number, date: string, answer: 'acceptee' | 'refusee' = 'acceptee') =>
      fiche(
        { personId, type: 'suspension', motif: 'non_signature', motifPrecision: 'Deux convocations restées sans réponse', signatures: { referent: date } },
        { date, answer, convocations: true, close: answer === 'refusee' },
      );

    const mine: Partial<Record<ParcoursScenario, number>> = {};
    byReferent.push(mine);
    for (const scenario of scenarios) {
      mine[scenario] = personIds.length;
      switch (scenario) {
        case 'a_proposer': {
          // DSP in two revisions, two EDE (far from employment, then closer): the proposal awaits the decision.
          const { personId } = await dossier();
          await dsp(personId, 2);
          await ede(personId, day(-120), 5);
          await ede(personId, day(-12), 1);
          break;
        }
        case 'signature_en_retard': {
          // Orientation professionnelle 45 days ago (deadline passed), CERP still a draft; then the suspension the EP examines.
          const { personId, input } = await dossier();
          await dsp(personId, 1);
          await ede(personId, day(-50), 1);
          await orient(personId, input, day(-45), 'professionnelle_autre');
          await contract(personId, { type: 'CERP', start: day(10), months: 6, stage: 'brouillon' });
          await suspension(personId, day(-40));
          break;
        }
        case 'pole_emploi_sans_ede': {
          // Orientation France Travail 26 days ago: the PPAE is due within days; no EDE yet.
          const { personId, input } = await dossier();
          await orient(personId, input, day(-26), 'professionnelle_pole_emploi');
          break;
        }
        case 'solidarite_a_venir': {
          const { personId, input } = await dossier();
          await dsp(personId, 1);
          await ede(personId, day(-25), 5);
          await orient(personId, input, day(-20), 'solidarite');
          await contract(personId, { type: 'CERS', start: day(15), months: 6, stage: 'brouillon' });
          // An earlier request for suspension, refused (the person came to the third convocation) and closed.
          await suspension(personId, day(-8), 'refusee');
          break;
        }
        case 'transmis': {
          const { personId, input } = await dossier();
          await dsp(personId, 1);
          await ede(personId, day(-55), 5);
          await orient(personId, input, day(-50), 'solidarite');
          await contract(personId, { type: 'CERS', start: day(-2), months: 6, stage: 'transmis_slai', signedOn: day(-4) });
          break;
        }
        case 'signe': {
          const { personId, input } = await dossier();
          const edeId = await ede(personId, day(-22), 1);
          await orient(personId, input, day(-20), 'professionnelle_autre');
          await contract(personId, { type: 'CERP', start: day(5), months: 6, stage: 'signe', signedOn: day(-2) });
          // A réorientation asked before the contract, refused by the correspondent and closed.
          await fiche(
            { personId, type: 'reorientation', motif: 'autres', motifPrecision: 'Souhait d’un accompagnement social', cible: 'solidarite', edeId },
            { date: day(-15), answer: 'refusee', answeredOn: day(-14), close: true },
          );
          break;
        }
        case 'rejete_reorientation': {
          // CERP rejected by the Président; the référent asks for a réorientation, which awaits the EP's avis (urgent).
          const { personId, input } = await dossier();
          const edeId = await ede(personId, day(-62), 1);
          await orient(personId, input, day(-60), 'professionnelle_autre');
          await contract(personId, { type: 'CERP', start: day(-35), months: 6, stage: 'rejete', signedOn: day(-40) });
          await fiche(
            { personId, type: 'reorientation', motif: 'orientation_initiale_inadaptee', motifPrecision: 'Problèmes de santé apparus', cible: 'solidarite', edeId },
            { date: day(-28), answer: 'acceptee', answeredOn: day(-27) },
          );
          break;
        }
        case 'fin_proche':
        case 'fin_proche_urgent': {
          // A CERP ending in 20 days (4 for the urgent one); its avenant agreed by the Président.
          const urgent = scenario === 'fin_proche_urgent';
          const { personId, input } = await dossier();
          const months = urgent ? 3 : 6;
          const start = startEndingOn(day(urgent ? 4 : 20), months);
          await ede(personId, addDaysIso(start, -30), 1);
          await orient(personId, input, addDaysIso(start, -25), 'professionnelle_autre');
          const c = await contract(personId, { type: 'CERP', start, months, stage: 'en_cours' });
          if (!urgent) {
            const view = await call('contracts.get', { contractId: c.id }, referent);
            const pap = view.pap.actions.map(({ actionLabel: _label, ...r }) => ({ ...r, bilan: r.bilan ?? undefined }));
            const date = day(-20);
            const f = await fiche(
              {
                personId,
                type: 'avenant',
                contractId: c.id,
                motif: 'Ajout d’une formation courte (CACES)',
                pap: { actions: [...pap, demoPapRow('H.1.1', day(-10), day(15))] },
                signatures: { referent: date, beneficiaire: date },
              },
              { date, answer: 'acceptee', answeredOn: day(-18) },
            );
            const decided = await call(
              'fiches.presidentDecision',
              { ficheId: f.id, version: f.version, decision: 'accord', date: day(-15), ...SIGNATORY },
              correspondant,
            );
            await call('fiches.close', { ficheId: decided.id, version: decided.version, date: day(-15) }, correspondant);
          }
          break;
        }
        case 'echu_sans_renouvellement': {
          const { personId, input } = await dossier();
          const start = startEndingOn(day(-20), 3);
          await ede(personId, addDaysIso(start, -30), 1);
          await orient(personId, input, addDaysIso(start, -25), 'professionnelle_autre');
          await contract(personId, { type: 'CERP', start, months: 3, stage: 'echu' });
          break;
        }
        case 'cers_12_mois':
        case 'cers_12_mois_urgent':
        case 'cers_12_mois_en_retard': {
          const { personId, input } = await dossier();
          await dsp(personId, 2);
          await cersRenewed(personId, input, day(scenario === 'cers_12_mois' ? 20 : scenario === 'cers_12_mois_urgent' ? 3 : -10));
          break;
        }
        case 'en_cours_avec_fiches': {
          // A CERP of 12 months validated a few days ago; an appui sent (open), one answered and closed, actions CG agreed.
          const { personId, input } = await dossier();
          await dsp(personId, 1);
          await ede(personId, day(-40), 1);
          await orient(personId, input, day(-35), 'professionnelle_autre');
          await contract(personId, { type: 'CERP', start: day(-6), months: 12, stage: 'en_cours', signedOn: day(-8) });
          await fiche({ personId, type: 'appui', texte: 'Quelles aides pour financer le permis de conduire ?', parCourriel: true }, { date: day(-2) });
          await fiche({ personId, type: 'appui', texte: 'Une garde d’enfants pour les horaires postés ?' }, { date: day(-30), answer: 'acceptee', answeredOn: day(-28), close: true });
          const cg = await fiche(
            { personId, type: 'actions_cg', actionsCg: [{ code: 'is_transversal_mobilite' }], structureSouhaitee: 'Centre social Les Tilleuls', signatures: { referent: day(-9), beneficiaire: day(-9) } },
            { date: day(-9), answer: 'acceptee', answeredOn: day(-7) },
          );
          const agreed = await call(
            'fiches.presidentDecision',
            { ficheId: cg.id, version: cg.version, decision: 'accord', structure: 'Centre social Les Tilleuls, 8 rue des Écoles, 62990 Arrageville', date: day(-5), ...SIGNATORY },
            correspondant,
          );
          await call('fiches.close', { ficheId: agreed.id, version: agreed.version, date: day(-5) }, correspondant);
          break;
        }
        case 'sanction': {
          // Orientation solidarité, no contract signed: a suspension examined by the past EP session, a sanction decided.
          const { personId, input } = await dossier(true);
          await ede(personId, day(-130), 5);
          await orient(personId, input, day(-125), 'solidarite');
          const f = await suspension(personId, day(-60));
          pastCases.push({ saisineId: f.epSaisineId!, personId, correspondantId: input.person.correspondantId!, decide: index % 2 === 0 ? 'sanction_ce_mois' : 'sanction_mois_prochain' });
          break;
        }
        case 'avis_sans_decision':
        case 'reorientation_decidee': {
          // A réorientation examined by the past EP session: its avis awaits the Président (or was decided: new orientation).
          const { personId, input } = await dossier();
          await ede(personId, day(-100), 5);
          await orient(personId, input, day(-95), 'solidarite');
          const edeId = await ede(personId, day(-65), 1);
          const f = await fiche(
            { personId, type: 'reorientation', motif: 'changement_situation', motifPrecision: 'Projet professionnel construit', cible: 'professionnelle_autre', edeId },
            { date: day(-62), answer: 'acceptee', answeredOn: day(-60) },
          );
          pastCases.push({ saisineId: f.epSaisineId!, personId, correspondantId: input.person.correspondantId!, decide: scenario === 'avis_sans_decision' ? 'aucune' : 'reorientation' });
          break;
        }
      }
      mine[scenario] = personIds[mine[scenario]!];
    }
    await call('auth.logout', {}, referent);
  }

  // The past EP session, 35 days ago: avis on every case, the Président's decisions on most of them.
  const slots = { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' };
  const held = day(-35);
  let session = await call('ep.sessions.create', { date: held, place: 'MDS de l’Arrageois, salle du conseil', ...slots }, secretaire);
  session = await call('ep.sessions.addSaisines', { sessionId: session.id, saisineIds: pastCases.map((c) => c.saisineId) }, secretaire);
  for (const [to, date] of [['dossiers_inscrits', day(-50)], ['convocations_envoyees', day(-48)], ['tenue', held]] as const) {
    session = await call('ep.sessions.advance', { sessionId: session.id, to, date }, secretaire);
  }
  session = await call('ep.sessions.recordAttendance', { sessionId: session.id, attendance: session.attendance.map((a) => ({ memberId: a.memberId, status: 'present' as const })) }, secretaire);
  const itemOf = (saisineId: number) => session.items.find((i) => i.saisineId === saisineId)!;
  for (const c of pastCases) {
    const motivation = c.decide === 'reorientation' || c.decide === 'aucune' ? 'Le projet professionnel est construit : réorientation justifiée.' : 'Deux convocations sans réponse ni excuse.';
    session = await call('ep.sessions.recordAvis', { sessionId: session.id, itemId: itemOf(c.saisineId).itemId, date: held, sens: 'favorable', motivation }, secretaire);
  }
  session = await call('ep.sessions.advance', { sessionId: session.id, to: 'avis_rendus', date: held }, secretaire);
  for (const c of pastCases.filter((x) => x.decide !== 'aucune')) {
    const itemId = itemOf(c.saisineId).itemId;
    const decision =
      c.decide === 'reorientation'
        ? { orientation: 'professionnelle_autre' as const, organismeReferentId: organismeFor('professionnelle_autre'), correspondantId: c.correspondantId }
        : { sanctionStart: c.decide === 'sanction_ce_mois' ? startOfMonthIso(today) : addMonthsIso(startOfMonthIso(today), 1) };
    session = await call('ep.sessions.recordDecision', { sessionId: session.id, itemId, date: day(-30), sens: 'favorable', ...decision, ...SIGNATORY }, secretaire);
  }
  for (const s of [correspondant, secretaire]) await call('auth.logout', {}, s);
  return { personIds, byReferent, pastSessionId: session.id };
}
