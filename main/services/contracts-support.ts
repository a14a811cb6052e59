/**
 * Helpers shared by the contracts, fiches and attachments services: today's date, rule failures → ApiError with
 * the form's field paths, the dossier's état civil, optimistic versions.
 */
import { format } from 'date-fns';
import { loadDossier, type DbOrTx } from '../../db/queries';
import type { EtatCivil } from '../../shared/api/contracts';
import { ApiError } from '../../shared/api/errors';
import { formatFr } from '../../shared/domain/rules/dates';
import type { RuleError } from '../../shared/domain/rules/result';
import type { Actor, AuthedCall } from './context';

/** Key of fieldErrors for a message about the whole record (as main/app/validation.ts). */
export const ROOT_FIELD = '_';

/** Today as 'YYYY-MM-DD' in local time (the app's clock). */
export const todayOf = (call: AuthedCall): string => format(call.app.options.now(), 'yyyy-MM-dd');

/**
 * The rules of contracts.ts number PAP rows as `pap.2.end`; the forms nest them as `pap.actions.2.end`
 * (also under a prefix: `previous.pap.0.bilan` → `previous.pap.actions.0.bilan`).
 */
export const papPath = (path: string): string => path.replace(/(^|\.)pap(?=$|\.\d)/, '$1pap.actions');

/** French rule errors → one ApiError ('RULE' by default) whose fieldErrors use the form's paths. */
export function ruleFailure(
  errors: readonly RuleError[],
  options: { code?: 'RULE' | 'VALIDATION'; mapPath?: (path: string) => string } = {},
): ApiError {
  const map = options.mapPath ?? ((p: string) => p);
  const fieldErrors: Record<string, string> = {};
  for (const e of errors) {
    const key = e.path === undefined ? ROOT_FIELD : map(e.path);
    if (!(key in fieldErrors)) fieldErrors[key] = e.message;
  }
  const messages = [...new Set(errors.map((e) => e.message))];
  const first = messages[0] ?? 'Opération refusée.';
  const more = messages.length - 1;
  const message = more <= 0 ? first : `${first} (et ${more} autre${more > 1 ? 's' : ''} point${more > 1 ? 's' : ''} à corriger)`;
  return new ApiError(options.code ?? 'RULE', message, fieldErrors);
}

/** Throws the rule failure when there are errors. */
export function throwIfErrors(errors: readonly RuleError[], options?: Parameters<typeof ruleFailure>[1]): void {
  if (errors.length > 0) throw ruleFailure(errors, options);
}

/** A fact (signature, decision, sending…) cannot be dated after today. */
export function notInFuture(date: string, today: string, path: string): RuleError[] {
  return date > today ? [{ path, message: `La date (${formatFr(date)}) ne peut pas être postérieure à aujourd’hui (${formatFr(today)}).` }] : [];
}

export function checkVersion(stored: number, given: number, what: 'contrat' | 'fiche'): void {
  if (stored !== given) {
    throw new ApiError(
      'CONFLICT',
      what === 'contrat'
        ? 'Ce contrat a été modifié entre-temps par quelqu’un d’autre : rechargez-le, puis refaites vos changements.'
        : 'Cette fiche a été modifiée entre-temps par quelqu’un d’autre : rechargez-la, puis refaites vos changements.',
    );
  }
}

/** Partie état civil, from the dossier (« déjà rempli dans le cadre du DUI »). */
export function etatCivilOf(db: DbOrTx, personId: number): EtatCivil {
  const d = loadDossier(db, personId);
  if (!d) throw new ApiError('NOT_FOUND', 'Ce dossier est introuvable.');
  const p = d.person;
  const f = d.foyer;
  return {
    nomPatronymique: p.nomPatronymique,
    nomUsage: p.nomUsage,
    prenoms: p.prenoms,
    sexe: p.sexe,
    dateNaissance: p.dateNaissance,
    address: f.address,
    telephone: p.telephone,
    portable: p.portable,
    email: p.email,
    cafNumber: f.cafNumber,
    rsaDepuis: f.rsaDepuis,
    peNumber: p.peNumber,
    situationFamiliale: f.situationFamiliale,
    niveauFormation: p.niveauFormation,
  };
}

/** Drops undefined values (JSON columns and snapshots keep only what is there). */
export const compact = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export const staffIdentity = (actor: Pick<Actor, 'id' | 'displayName' | 'structure'>) => ({
  id: actor.id,
  displayName: actor.displayName,
  structure: actor.structure,
});

/** « NOM Prénoms » of a beneficiary for lists (nom d’usage when there is one). */
export const displayName = (p: { nomPatronymique: string; nomUsage: string | null; prenoms: string }): string =>
  `${p.nomUsage ?? p.nomPatronymique} ${p.prenoms}`;
