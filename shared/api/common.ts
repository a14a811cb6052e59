import { z } from 'zod';

/** French messages for every zod schema (zod ships the locale). */
z.config(z.locales.fr());

export const ROLES = ['administrateur', 'correspondant', 'secretaire_ep', 'referent'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;
export const ROLE_LABELS: Record<Role, string> = {
  administrateur: 'Administrateur',
  correspondant: 'Correspondant SLAI',
  secretaire_ep: 'Secrétaire EP',
  referent: 'Référent',
};

export const idSchema = z.number().int().positive();

/** A calendar date as 'YYYY-MM-DD' (no time zone). Shown to users as dd/mm/yyyy. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Date invalide (jj/mm/aaaa attendu)')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'Cette date n’existe pas');
export type IsoDate = z.infer<typeof isoDateSchema>;

/** An instant, ISO 8601 with time zone, as produced by Date#toISOString. */
export const isoDateTimeSchema = z.string();

const trimmed = (max: number) => z.string().trim().max(max, `${max} caractères au plus`);
/** '' and whitespace become undefined, so optional fields can come straight from a form. */
export const emptyToUndefined = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() === '' ? undefined : v;

export const requiredText = (label: string, max = 120) =>
  trimmed(max).min(1, `${label} : ce champ est obligatoire`);
export const optionalText = (max = 200) => z.preprocess(emptyToUndefined, trimmed(max).optional());

export const loginSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'L’identifiant compte au moins 2 caractères')
  .max(40, 'L’identifiant compte 40 caractères au plus')
  .regex(/^[a-z0-9._-]+$/, 'L’identifiant ne contient que des lettres sans accent, chiffres, points, tirets');

/** New passwords: long enough to protect a key slot. */
export const newPasswordSchema = z
  .string()
  .min(10, 'Le mot de passe compte au moins 10 caractères')
  .max(200, 'Le mot de passe compte 200 caractères au plus');

export const phoneSchema = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .transform((s) => s.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(/^(\+33|0)[1-9]\d{8}$/, 'Numéro de téléphone invalide (10 chiffres)'))
    .optional(),
);

export const emailSchema = z.preprocess(
  emptyToUndefined,
  z.string().trim().email('Adresse e-mail invalide').max(200).optional(),
);
