/**
 * A fiche de liaison as `fiches.get` returns it, for the renderer's tests: a request for actions du Conseil Général,
 * sent and accepted by the correspondent, agreed by the Président (by delegation) with the structure designated.
 */
import type { FicheView } from '../../shared/api/fiches';
import { CORRESPONDANT, REFERENT, SAMPLE_DOSSIER } from './fakeBackend';

/** The fiche's administrative part (MDS de Lens, référent Romain Durand, the sample dossier's person). */
export const FICHE_ADMINISTRATIF: FicheView['administratif'] = {
  mds: 'MDS de Lens',
  correspondant: CORRESPONDANT.displayName,
  referent: { displayName: REFERENT.displayName, structure: REFERENT.structure },
  organisme: 'MDS de Lens – Solidarité',
  beneficiaire: {
    nomPatronymique: 'Dupont',
    nomUsage: 'Martin',
    prenoms: 'Marie Louise',
    sexe: 'F',
    dateNaissance: '1985-03-15',
    address: { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens' },
    cafNumber: '1234567',
    situationFamiliale: 'celibataire',
  },
  contrat: null,
};

export const DESIGNATED_STRUCTURE = 'Centre social Léo-Lagrange, 4 place de l’Église, 62000 Arras';

export function agreedActionsCg(over: Partial<FicheView> = {}): FicheView {
  return {
    id: 9,
    personId: SAMPLE_DOSSIER.person.id,
    typeLabel: 'Actions Conseil Général',
    status: 'acceptee',
    statusLabel: 'Acceptée par le correspondant',
    fiche: {
      type: 'actions_cg',
      date: '2027-01-10',
      contractId: null,
      texte: null,
      lieu: null,
      remarquesBeneficiaire: null,
      parCourriel: false,
      motif: null,
      motifPrecision: null,
      cible: null,
      actionsCg: [{ code: 'is_axe1_budget', label: 'Gestion du budget et consommation', precision: null }],
      structureSouhaitee: 'Centre social Léo-Lagrange',
      pap: null,
      contrat: null,
      signatures: { referent: '2027-01-10', beneficiaire: '2027-01-10' },
    },
    administratif: FICHE_ADMINISTRATIF,
    edeId: null,
    attachments: [],
    missing: ['Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche'],
    missingFields: {},
    papFlags: [],
    sentOn: '2027-01-10',
    answer: { decision: 'acceptee', date: '2027-01-14', texte: 'Demande transmise au Président.', auteur: 'Claire Petit' },
    closedOn: null,
    president: {
      decision: 'accord',
      decisionLabel: 'Accord',
      reason: null,
      structure: DESIGNATED_STRUCTURE,
      date: '2027-01-20',
      signatoryName: 'Claire Delattre',
      signatoryFunction: 'Chef du Service Local Allocation Insertion',
      signatoryDelegation: 'Par délégation',
      recordedBy: 'Claire Petit',
      recordedAt: '2027-01-20T10:00:00.000Z',
    },
    awaitingPresident: false,
    structureFeedback: null,
    epSaisineId: null,
    avenantPapVersion: null,
    allowedActions: ['retour_structure'],
    version: 4,
    createdAt: '2027-01-10T08:00:00.000Z',
    updatedAt: '2027-01-20T10:00:00.000Z',
    ...over,
  };
}
