/**
 * Every document the benchmark prints, built from fictitious, seeded data: the templates of the dossier
 * (test/fixtures/documents/data, the same data as the golden tests), the EP session file of 40 cases, and the
 * EP's letters. `documentCases()` lists them with their labels; `npm run bench -- snapshot` prints the
 * SHA-256 of each PDF (to prove an engine change leaves the bytes alone).
 */
import { fakerFR as faker } from '@faker-js/faker';
import type { EpConvocations, EpDecision, EpDecisionLetter, EpMinutes, EpSessionFile } from '../../shared/api/ep';
import { DEFAULT_EDE_GRID } from '../../shared/domain/referentials/ede-grid';
import { initialsOf } from '../../shared/domain/rules/ep-sessions';
import type { DocumentContext, RenderedPages } from '../../main/documents/model';
import { contractPages } from '../../main/documents/templates/contract';
import { dspPages } from '../../main/documents/templates/dsp';
import { edePages } from '../../main/documents/templates/ede';
import { ficheAnswerPages, fichePages } from '../../main/documents/templates/fiche';
import { convocationsPages, decisionLetterPages, informationsPages, minutesPages } from '../../main/documents/ep/letters';
import { sessionFilePages } from '../../main/documents/ep/session-file';
import { cerpView, cersView, documentContext, dspRevision, edeAssessment, etatCivil, ficheView } from '../fixtures/documents/data';

export const EP_CASES = Number(process.env.BENCH_EP_CASES ?? 40);

export const epContext: DocumentContext = { mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '10 rue de la Gare, 62000 Arras' } };

/** The session file as `sessionFileData` returns it: cover, ordre du jour, one fiche de synthèse per case. */
export function sessionFile(anonymised: boolean, count = EP_CASES): EpSessionFile {
  faker.seed(7);
  const origins = [
    ['fiche_reorientation', 'Demande de réorientation (fiche de liaison)'],
    ['fiche_suspension', 'Demande de suspension (fiche de liaison)'],
    ['cers_12_mois', 'Suivi solidarité arrivé à 12 mois (CERS)'],
  ] as const;
  const cases = Array.from({ length: count }, (_, i) => {
    const nom = faker.person.lastName().toUpperCase();
    const prenom = faker.person.firstName();
    const [origin, originLabel] = origins[i % 3]!;
    return {
      itemId: i + 1,
      slotStart: `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      identity: {
        name: anonymised ? initialsOf(prenom, nom) : `${prenom} ${nom}`,
        sexe: i % 2 ? 'Homme' : 'Femme',
        dateNaissance: anonymised ? null : '1984-05-12',
        cafNumber: anonymised ? null : String(1_000_000 + i),
        address: anonymised ? ['Arras'] : [faker.location.streetAddress(), '62000 Arras'],
        situationFamiliale: 'Célibataire',
        enfants: i % 3,
        referent: 'Rémi Référent',
      },
      saisine: { origin, originLabel, theme: faker.lorem.sentence(8), date: '2026-02-10', avisDeadline: '2026-03-10' },
      orientations: [
        { orientation: 'Sphère solidarité', start: '2024-01-05', end: '2025-12-31', organisme: 'MDS de l’Arrageois' },
        { orientation: 'Sphère professionnelle', start: '2026-01-01', end: null, organisme: 'PLIE de l’Arrageois' },
      ],
      contracts: [
        { type: 'CERS', status: 'Terminé', start: '2024-02-01', end: '2024-07-31' },
        { type: 'CERS', status: 'En cours', start: '2024-08-01', end: '2025-01-31' },
      ],
      pap: Array.from({ length: 6 }, () => ({
        theme: 'Le logement',
        action: `A.1 ${faker.lorem.words(6)}`,
        start: '2024-08-01',
        end: '2025-01-31',
        resultat: 'Partiellement atteint',
        bilan: faker.lorem.sentences(2),
      })),
      ede: origin === 'fiche_reorientation' ? { date: '2026-02-01', total: 24, proposal: 'À l’appréciation de l’équipe' } : null,
      fiche: origin === 'cers_12_mois' ? null : { type: originLabel, date: '2026-02-05', motif: 'Autres', precision: faker.lorem.sentence(), texte: faker.lorem.paragraph() },
    };
  });
  return {
    anonymised,
    cover: { epName: 'Équipe pluridisciplinaire de l’Arrageois', territory: 'Arrageois', president: 'Jean Conseiller', date: '2026-03-02', place: 'MDS de l’Arrageois', startTime: '09:00', cases: count },
    ordreDuJour: cases.map((c, i) => ({ position: i + 1, slotStart: c.slotStart, name: c.identity.name, originLabel: c.saisine.originLabel, theme: c.saisine.theme })),
    cases,
  };
}

const session = { date: '2026-03-02', place: 'MDS de l’Arrageois, salle du conseil', startTime: '09:00', territory: 'Arrageois', epName: 'Équipe pluridisciplinaire de l’Arrageois' };
const OBSERVATIONS =
  'Vous pouvez présenter vos observations à l’équipe pluridisciplinaire : par écrit avant la séance, ou en vous présentant à la séance à l’horaire indiqué, accompagné(e) si vous le souhaitez de la personne de votre choix.';

/** Convocations (`members` members) and information letters (`beneficiaries` beneficiaries) of a session of 12 cases. */
export function convocations(members: number, beneficiaries: number): EpConvocations {
  faker.seed(11);
  const ordre = Array.from({ length: 12 }, (_, i) => ({
    slotStart: `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
    label: `Dossier n° ${i + 1}`,
    theme: i % 2 ? 'Demande de suspension (fiche de liaison)' : 'Demande de réorientation (fiche de liaison)',
  }));
  return {
    session,
    ordreDuJour: ordre,
    members: Array.from({ length: members }, (_, i) => ({
      memberId: i + 1,
      name: faker.person.fullName(),
      function: i === 0 ? 'Conseiller départemental' : 'Conseillère d’insertion',
      organisationLabel: i % 2 ? 'Pôle emploi' : 'Conseil départemental',
      address: i % 3 ? `${faker.location.streetAddress()}, 62000 Arras` : null,
      substituteName: i % 2 ? faker.person.fullName() : null,
      text: `Vous êtes convoqué(e) à la séance de l’équipe pluridisciplinaire du territoire Arrageois, le 02/03/2026 à 09 h 00, ${session.place}. 12 dossier(s) sont inscrits à l’ordre du jour.`,
    })),
    beneficiaries: Array.from({ length: beneficiaries }, (_, i) => ({
      itemId: i + 1,
      personId: 100 + i,
      civilite: i % 2 ? 'Monsieur' : 'Madame',
      name: `${faker.person.firstName()} ${faker.person.lastName().toUpperCase()}`,
      address: [faker.location.streetAddress(), '62000 Arras'],
      date: session.date,
      time: ordre[i % ordre.length]!.slotStart,
      place: session.place,
      reason: `Demande de réorientation (fiche de liaison) : ${faker.lorem.sentence(8)}`,
      observations: OBSERVATIONS,
    })),
  };
}

/** The procès-verbal of a session of `cases` cases (10 members, quorum reached, 2 cases postponed). */
export function minutes(cases: number): EpMinutes {
  faker.seed(13);
  const statuses = ['present', 'present', 'excuse', 'remplace', 'absent'] as const;
  return {
    session: { ...session, president: 'Jean Conseiller' },
    attendance: Array.from({ length: 10 }, (_, i) => ({
      memberId: i + 1,
      name: faker.person.fullName(),
      function: i === 0 ? 'Conseiller départemental' : 'Conseillère d’insertion',
      organisationLabel: i % 2 ? 'Pôle emploi' : 'Conseil départemental',
      isPresident: i === 0,
      status: statuses[i % statuses.length]!,
      replacedBy: statuses[i % statuses.length] === 'remplace' ? faker.person.fullName() : null,
    })),
    quorum: { members: 10, counted: 6, required: 6, reached: true, warning: null },
    cases: Array.from({ length: cases }, (_, i) => ({
      itemId: i + 1,
      name: `${faker.person.firstName()} ${faker.person.lastName().toUpperCase()}`,
      originLabel: 'Demande de réorientation (fiche de liaison)',
      theme: faker.lorem.sentence(6),
      avis: {
        date: session.date,
        sens: i % 4 ? 'favorable' : 'defavorable',
        motivation: faker.lorem.sentences(2),
        proposedSanction: i % 4 === 1 ? 'non_respect' : null,
        late: i % 7 === 0,
        recordedBy: 'Sarah Secrétaire',
      },
    })),
    postponed: [
      { name: 'Paul MARTIN', status: 'Reporté', reason: 'Absent excusé, demande de report.' },
      { name: 'Lina PETIT', status: 'Retiré', reason: 'Situation régularisée avant la séance.' },
    ],
  };
}

const letter: EpDecisionLetter = {
  itemId: 3,
  personId: 103,
  civilite: 'Madame',
  name: 'Hélène DUPRÉ',
  address: ['12 rue des Érables', 'Résidence Les Tilleuls, bât. C', '62000 Arras'],
  date: '2026-03-09',
  objet: 'Demande de suspension (fiche de liaison) — décision du Président du Conseil Général',
  avis: { date: '2026-03-02', sens: 'favorable', motivation: 'Absence répétée aux rendez-vous sans motif légitime malgré deux relances.' },
  decision: { date: '2026-03-09', sens: 'favorable', commentaire: 'Manquement constaté, aucune observation présentée.' },
  effectText: [],
  signature: 'Le Président du Conseil Général, par délégation, le Chef du Service Local Allocation Insertion',
  signatoryName: null,
};

const sanctionDecision: EpDecision = {
  id: 5,
  date: '2026-03-09',
  sens: 'favorable',
  commentaire: letter.decision.commentaire,
  effect: 'demarrer_sanction',
  effectLabel: 'Réduction du RSA',
  orientation: null,
  organismeName: null,
  correspondantName: null,
  orientationId: null,
  contractDeadline: null,
  sanction: {
    id: 2,
    kind: 'non_respect',
    kindLabel: 'Non-respect des engagements du contrat',
    start: '2026-04-01',
    household: { couple: false, dependants: 1 },
    resources: 0,
    personAlone: false,
    lines: Array.from({ length: 6 }, (_, i) => ({
      month: `2026-0${4 + i}-01`,
      step: i < 2 ? 'etape_1' : 'etape_2',
      label: i < 2 ? 'Première étape : réduction de 100 €' : 'Deuxième étape : réduction de 50 %',
      montantForfaitaire: 915.88,
      allowance: 915.88,
      reduction: i < 2 ? 100 : 457.94,
      amountPaid: i < 2 ? 815.88 : 457.94,
      totalSuspension: false,
    })),
    stoppedBy: 'aucun',
    radiation: null,
    rsaAmountsVersion: 1,
    recomputation: null,
  },
  signatory: null,
  recordedBy: 'Jean Conseiller',
  recordedAt: '2026-03-09T10:00:00.000Z',
};

const orientationDecision: EpDecision = {
  ...sanctionDecision,
  effect: 'ouvrir_orientation',
  effectLabel: 'Nouvelle orientation',
  orientation: 'professionnelle_autre',
  organismeName: 'PLIE de l’Arrageois',
  correspondantName: 'Cora Correspondante',
  orientationId: 8,
  contractDeadline: { kind: 'CERP', deadline: '2026-05-08' },
  sanction: null,
};

export interface DocumentCase {
  /** Short name (snapshot lines, `npm run bench -- documents:<name>`). */
  name: string;
  label: string;
  make: () => RenderedPages;
  /** 'letters': numbered per letter; 'document': across the file (session file); default: per section. */
  numbering?: 'section' | 'document';
}

/** Every template of the application, as the bench prints it (the CERP first). */
export function documentCases(): DocumentCase[] {
  const cerp = cerpView({ papCount: 15, suiviCount: 10 });
  const cers = cersView({ status: 'brouillon' });
  const dsp = dspRevision();
  const ede = edeAssessment();
  const fiche = ficheView('actions_cg');
  const answered = ficheView('reorientation');
  const conv = convocations(1, 1);
  const pv = minutes(12);
  return [
    { name: 'cerp', label: 'CERP, 15 actions du PAP, 10 lignes de suivi emploi, 2 exemplaires originaux', make: () => contractPages(cerp, documentContext) },
    { name: 'cers', label: 'CERS en projet (filigrane), 6 actions, 2 exemplaires', make: () => contractPages(cers, documentContext) },
    { name: 'dsp', label: 'DSP complète', make: () => dspPages(dsp, etatCivil, documentContext) },
    { name: 'ede', label: 'EDE (grille, courbe, total)', make: () => edePages(ede, DEFAULT_EDE_GRID, etatCivil, documentContext) },
    { name: 'fiche', label: 'Fiche de liaison (actions CG, partie structure)', make: () => fichePages(fiche, documentContext) },
    { name: 'reponse', label: 'Réponse du correspondant à une fiche de liaison', make: () => ficheAnswerPages(answered, documentContext) },
    { name: 'convocation', label: 'Convocation d’un membre (ordre du jour de 12 dossiers)', make: () => convocationsPages(conv, epContext) },
    { name: 'information', label: 'Lettre d’information d’un bénéficiaire', make: () => informationsPages(conv, epContext) },
    { name: 'pv', label: 'Procès-verbal de séance (12 dossiers, 10 membres)', make: () => minutesPages(pv, epContext) },
    {
      name: 'decision-beneficiaire',
      label: 'Courrier de décision au bénéficiaire (réduction, échéancier de 6 mois)',
      make: () => decisionLetterPages({ letter, decision: sanctionDecision, referent: 'Rémi Référent', territory: 'Arrageois' }, 'beneficiaire', epContext),
    },
    {
      name: 'decision-referent',
      label: 'Courrier de décision au référent (nouvelle orientation)',
      make: () => decisionLetterPages({ letter, decision: orientationDecision, referent: 'Rémi Référent', territory: 'Arrageois' }, 'referent', epContext),
    },
  ];
}

/** The EP session files (full and anonymised). */
export function sessionFileCases(count = EP_CASES): DocumentCase[] {
  const full = sessionFile(false, count);
  const anonymised = sessionFile(true, count);
  return [
    { name: 'seance', label: `Dossier de séance, ${count} cas`, make: () => sessionFilePages(full, epContext), numbering: 'document' },
    { name: 'seance-anonymise', label: `Dossier de séance anonymisé, ${count} cas`, make: () => sessionFilePages(anonymised, epContext), numbering: 'document' },
  ];
}
