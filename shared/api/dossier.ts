import { z } from 'zod';
import { DIPLOMA_LEVEL_CODES } from '../domain/referentials/diplomas';
import {
  emailSchema,
  idSchema,
  isoDateSchema,
  isoDateTimeSchema,
  optionalText,
  phoneSchema,
  requiredText,
  emptyToUndefined,
} from './common';

export const SITUATIONS_FAMILIALES = {
  celibataire: 'Célibataire',
  marie: 'Marié(e)',
  pacse: 'Pacsé(e)',
  concubinage: 'En concubinage',
  divorce: 'Divorcé(e)',
  separe: 'Séparé(e)',
  veuf: 'Veuf, veuve',
} as const;
export const situationFamilialeSchema = z.enum(
  Object.keys(SITUATIONS_FAMILIALES) as [keyof typeof SITUATIONS_FAMILIALES, ...(keyof typeof SITUATIONS_FAMILIALES)[]],
  { error: 'Choisissez la situation familiale' },
);

export const SEXES = { F: 'Femme', M: 'Homme' } as const;
export const sexeSchema = z.enum(['F', 'M'], { error: 'Choisissez le sexe' });

/** N° allocataire CAF: 7 digits. One foyer per number. */
export const cafNumberSchema = z
  .string()
  .trim()
  .regex(/^\d{7}$/, 'Le N° allocataire CAF compte 7 chiffres');

/** Identifiant Pôle Emploi: 7 digits and one digit or letter; France Travail's lists add 3 digits (1234567A123). */
export const peNumberSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^\d{7}[0-9A-Z](\d{3})?$/, 'Le N° France Travail (ex-Pôle Emploi) compte 7 chiffres suivis d’un chiffre ou d’une lettre (et de 3 chiffres dans sa forme longue, ex. 1234567A123)')
    .optional(),
);

export const postalCodeSchema = z.string().trim().regex(/^\d{5}$/, 'Le code postal compte 5 chiffres');

export const addressSchema = z.object({
  line1: requiredText('Adresse', 200),
  line2: optionalText(200),
  postalCode: postalCodeSchema,
  city: requiredText('Commune', 120),
});
export type Address = z.output<typeof addressSchema>;

export const childSchema = z.object({
  prenom: requiredText('Prénom de l’enfant', 80),
  dateNaissance: isoDateSchema,
});

/** Identity of a person of the foyer, as the handbook's forms ask for it. */
export const personIdentitySchema = z.object({
  nomPatronymique: requiredText('Nom patronymique', 80),
  nomUsage: optionalText(80),
  prenoms: requiredText('Prénom(s)', 120),
  sexe: sexeSchema,
  dateNaissance: isoDateSchema,
});

export const personInputSchema = personIdentitySchema.extend({
  telephone: phoneSchema,
  portable: phoneSchema,
  email: emailSchema,
  peNumber: peNumberSchema,
  niveauFormation: z.preprocess(emptyToUndefined, z.enum(DIPLOMA_LEVEL_CODES).optional()),
  /** User ids (role référent / correspondant) named on the dossier. */
  referentId: idSchema.nullable().optional(),
  correspondantId: idSchema.nullable().optional(),
});
export type PersonInput = z.input<typeof personInputSchema>;

export const foyerInputSchema = z.object({
  cafNumber: cafNumberSchema,
  rsaDepuis: z.preprocess(emptyToUndefined, isoDateSchema.optional()),
  situationFamiliale: situationFamilialeSchema,
  address: addressSchema,
  enfants: z.array(childSchema).max(20, '20 enfants au plus'),
});
export type FoyerInput = z.input<typeof foyerInputSchema>;

export const dossierCreateInputSchema = z.object({
  foyer: foyerInputSchema,
  person: personInputSchema,
  /** Optional conjoint: identity only; they get a dossier of their own in the same foyer. */
  conjoint: personIdentitySchema.nullable().optional(),
});
export type DossierCreateInput = z.input<typeof dossierCreateInputSchema>;

export const dossierUpdateInputSchema = z.object({
  personId: idSchema,
  /** The version read; a stale one gets a CONFLICT error and changes nothing. */
  version: z.number().int().nonnegative(),
  foyer: foyerInputSchema,
  person: personInputSchema,
});
export type DossierUpdateInput = z.input<typeof dossierUpdateInputSchema>;

export const userRefSchema = z.object({ id: idSchema, displayName: z.string() });

export const personSchema = personIdentitySchema.extend({
  id: idSchema,
  foyerId: idSchema,
  roleInFoyer: z.enum(['allocataire', 'conjoint']),
  telephone: z.string().optional(),
  portable: z.string().optional(),
  email: z.string().optional(),
  peNumber: z.string().optional(),
  niveauFormation: z.enum(DIPLOMA_LEVEL_CODES).optional(),
  referent: userRefSchema.nullable(),
  correspondant: userRefSchema.nullable(),
});

export const dossierSchema = z.object({
  person: personSchema,
  foyer: z.object({
    id: idSchema,
    cafNumber: z.string(),
    rsaDepuis: z.string().optional(),
    situationFamiliale: situationFamilialeSchema,
    address: addressSchema,
    enfants: z.array(childSchema),
    mds: z.object({ id: idSchema, name: z.string(), territory: z.string() }),
  }),
  /** Other persons of the foyer (the conjoint), identity only. */
  others: z.array(personIdentitySchema.extend({ id: idSchema, roleInFoyer: z.enum(['allocataire', 'conjoint']) })),
  version: z.number().int().nonnegative(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
});
export type Dossier = z.output<typeof dossierSchema>;

export const dossierSearchInputSchema = z.object({
  query: z.string().max(100, '100 caractères au plus'),
  limit: z.number().int().min(1).max(100).default(20),
});
export const dossierSearchHitSchema = z.object({
  personId: idSchema,
  nomPatronymique: z.string(),
  nomUsage: z.string().optional(),
  prenoms: z.string(),
  dateNaissance: z.string(),
  cafNumber: z.string(),
  peNumber: z.string().optional(),
  city: z.string(),
  referent: z.string().nullable(),
});
export type DossierSearchHit = z.output<typeof dossierSearchHitSchema>;
