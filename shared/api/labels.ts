/**
 * French labels the screens (and anyone writing messages about these fields) need.
 * Keys are the dotted field paths used by the forms and by `ApiErrorBody.fieldErrors`.
 */

/** Labels of the dossier's fields, by path (array items: use the path without the index, e.g. 'foyer.enfants.prenom'). */
export const DOSSIER_FIELD_LABELS: Record<string, string> = {
  'foyer.cafNumber': 'N° allocataire CAF',
  'foyer.rsaDepuis': 'RSA depuis le',
  'foyer.situationFamiliale': 'Situation familiale',
  'foyer.address.line1': 'Adresse',
  'foyer.address.line2': 'Complément d’adresse',
  'foyer.address.postalCode': 'Code postal',
  'foyer.address.city': 'Commune',
  'foyer.enfants': 'Enfants à charge',
  'foyer.enfants.prenom': 'Prénom de l’enfant',
  'foyer.enfants.dateNaissance': 'Date de naissance de l’enfant',
  'person.nomPatronymique': 'Nom patronymique',
  'person.nomUsage': 'Nom d’usage',
  'person.prenoms': 'Prénom(s)',
  'person.sexe': 'Sexe',
  'person.dateNaissance': 'Date de naissance',
  'person.telephone': 'Téléphone',
  'person.portable': 'Portable',
  'person.email': 'Adresse e-mail',
  'person.peNumber': 'N° France Travail (ex-Pôle Emploi)',
  'person.niveauFormation': 'Niveau de formation',
  'person.referentId': 'Référent',
  'person.correspondantId': 'Correspondant',
  'conjoint.nomPatronymique': 'Nom patronymique du conjoint',
  'conjoint.nomUsage': 'Nom d’usage du conjoint',
  'conjoint.prenoms': 'Prénom(s) du conjoint',
  'conjoint.sexe': 'Sexe du conjoint',
  'conjoint.dateNaissance': 'Date de naissance du conjoint',
};

/** Label of a field path, indexes of arrays ignored ('foyer.enfants.0.prenom' → 'Prénom de l’enfant'). */
export function dossierFieldLabel(path: string): string | undefined {
  const withoutIndexes = path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('.');
  return DOSSIER_FIELD_LABELS[path] ?? DOSSIER_FIELD_LABELS[withoutIndexes];
}

export const AUDIT_ACTION_LABELS = {
  create: 'Création',
  update: 'Modification',
  delete: 'Suppression',
} as const;

export const ROLE_IN_FOYER_LABELS = {
  allocataire: 'Allocataire',
  conjoint: 'Conjoint',
} as const;
