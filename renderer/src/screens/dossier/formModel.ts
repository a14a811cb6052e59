import type { Dossier } from '../../../../shared/api/dossier';
import { SITUATIONS_FAMILIALES } from '../../../../shared/api/dossier';
import { DIPLOMA_LEVEL_CODES, type DiplomaLevelCode } from '../../../../shared/domain/referentials/diplomas';

/** What the dossier form holds: strings for every input ('' when empty), ids or null for the staff. */
export interface IdentityValues {
  nomPatronymique: string;
  nomUsage: string;
  prenoms: string;
  sexe: '' | 'F' | 'M';
  /** '' or 'YYYY-MM-DD' */
  dateNaissance: string;
}

export interface ChildValues {
  prenom: string;
  dateNaissance: string;
}

export type SituationFamiliale = keyof typeof SITUATIONS_FAMILIALES;

export interface DossierFormValues {
  /** Edit only: the dossier and the version read (not shown). */
  personId?: number;
  version?: number;
  foyer: {
    cafNumber: string;
    rsaDepuis: string;
    situationFamiliale: '' | SituationFamiliale;
    address: { line1: string; line2: string; postalCode: string; city: string };
    enfants: ChildValues[];
  };
  person: IdentityValues & {
    telephone: string;
    portable: string;
    email: string;
    peNumber: string;
    niveauFormation: '' | DiplomaLevelCode;
    referentId: number | null;
    correspondantId: number | null;
  };
  /** Create only: null when the foyer has no conjoint. */
  conjoint: IdentityValues | null;
}

export const emptyIdentity = (): IdentityValues => ({ nomPatronymique: '', nomUsage: '', prenoms: '', sexe: '', dateNaissance: '' });
export const emptyChild = (): ChildValues => ({ prenom: '', dateNaissance: '' });

export function emptyDossierValues(): DossierFormValues {
  return {
    foyer: {
      cafNumber: '',
      rsaDepuis: '',
      situationFamiliale: '',
      address: { line1: '', line2: '', postalCode: '', city: '' },
      enfants: [],
    },
    person: {
      ...emptyIdentity(),
      telephone: '',
      portable: '',
      email: '',
      peNumber: '',
      niveauFormation: '',
      referentId: null,
      correspondantId: null,
    },
    conjoint: null,
  };
}

/** The form's values for an existing dossier. */
export function valuesFromDossier(d: Dossier): DossierFormValues {
  const p = d.person;
  return {
    personId: p.id,
    version: d.version,
    foyer: {
      cafNumber: d.foyer.cafNumber,
      rsaDepuis: d.foyer.rsaDepuis ?? '',
      situationFamiliale: d.foyer.situationFamiliale,
      address: {
        line1: d.foyer.address.line1,
        line2: d.foyer.address.line2 ?? '',
        postalCode: d.foyer.address.postalCode,
        city: d.foyer.address.city,
      },
      enfants: d.foyer.enfants.map((c) => ({ prenom: c.prenom, dateNaissance: c.dateNaissance })),
    },
    person: {
      nomPatronymique: p.nomPatronymique,
      nomUsage: p.nomUsage ?? '',
      prenoms: p.prenoms,
      sexe: p.sexe,
      dateNaissance: p.dateNaissance,
      telephone: p.telephone ?? '',
      portable: p.portable ?? '',
      email: p.email ?? '',
      peNumber: p.peNumber ?? '',
      niveauFormation: p.niveauFormation ?? '',
      referentId: p.referent?.id ?? null,
      correspondantId: p.correspondant?.id ?? null,
    },
    conjoint: null,
  };
}

// ---- Drafts: what comes back from storage is untrusted; keep only what fits the form's shape. ----

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v.slice(0, 500) : fallback);
const idOrNull = (v: unknown, fallback: number | null): number | null =>
  v === null ? null : typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
const oneOf = <T extends string>(v: unknown, allowed: readonly T[], fallback: T | ''): T | '' =>
  typeof v === 'string' && (allowed as readonly string[]).includes(v) ? (v as T) : fallback;

function identityFrom(data: unknown, base: IdentityValues): IdentityValues {
  const d = isRecord(data) ? data : {};
  return {
    nomPatronymique: str(d.nomPatronymique, base.nomPatronymique),
    nomUsage: str(d.nomUsage, base.nomUsage),
    prenoms: str(d.prenoms, base.prenoms),
    sexe: oneOf(d.sexe, ['F', 'M'] as const, base.sexe),
    dateNaissance: str(d.dateNaissance, base.dateNaissance),
  };
}

/** Draft data (unknown) laid over the form's base values, field by field. */
export function mergeDraft(base: DossierFormValues, data: unknown): DossierFormValues {
  if (!isRecord(data)) return base;
  const foyer = isRecord(data.foyer) ? data.foyer : {};
  const address = isRecord(foyer.address) ? foyer.address : {};
  const person = isRecord(data.person) ? data.person : {};
  const enfants = Array.isArray(foyer.enfants)
    ? foyer.enfants.slice(0, 20).map((c) => {
        const child = isRecord(c) ? c : {};
        return { prenom: str(child.prenom, ''), dateNaissance: str(child.dateNaissance, '') };
      })
    : base.foyer.enfants;
  const situations = Object.keys(SITUATIONS_FAMILIALES) as SituationFamiliale[];
  return {
    ...(base.personId !== undefined ? { personId: base.personId } : {}),
    ...(base.version !== undefined
      ? { version: typeof data.version === 'number' && Number.isInteger(data.version) ? data.version : base.version }
      : {}),
    foyer: {
      cafNumber: str(foyer.cafNumber, base.foyer.cafNumber),
      rsaDepuis: str(foyer.rsaDepuis, base.foyer.rsaDepuis),
      situationFamiliale: oneOf(foyer.situationFamiliale, situations, base.foyer.situationFamiliale),
      address: {
        line1: str(address.line1, base.foyer.address.line1),
        line2: str(address.line2, base.foyer.address.line2),
        postalCode: str(address.postalCode, base.foyer.address.postalCode),
        city: str(address.city, base.foyer.address.city),
      },
      enfants,
    },
    person: {
      ...identityFrom(person, base.person),
      telephone: str(person.telephone, base.person.telephone),
      portable: str(person.portable, base.person.portable),
      email: str(person.email, base.person.email),
      peNumber: str(person.peNumber, base.person.peNumber),
      niveauFormation: oneOf(person.niveauFormation, DIPLOMA_LEVEL_CODES, base.person.niveauFormation),
      referentId: idOrNull(person.referentId, base.person.referentId),
      correspondantId: idOrNull(person.correspondantId, base.person.correspondantId),
    },
    conjoint: base.personId !== undefined ? null : data.conjoint === null || data.conjoint === undefined ? null : identityFrom(data.conjoint, emptyIdentity()),
  };
}

/** Draft keys: one per new dossier being typed and one per dossier being edited. */
export const dossierDraftKey = (personId?: number): string => (personId === undefined ? 'dossier:new' : `dossier:edit:${personId}`);
