/** Labels of stored codes, for print (unknown codes print as they are: an old record still reads). */
import { SITUATIONS_FAMILIALES } from '../../shared/api/dossier';
import { findTheme } from '../../shared/domain/referentials/actions';
import { DIPLOMA_LEVELS } from '../../shared/domain/referentials/diplomas';
import { ORIENTATION_LABELS, type Orientation } from '../../shared/domain/rules/orientation';
import { RESULTAT_LABELS, type Resultat } from '../../shared/domain/rules/pap';
import { amountFr } from './format';

const lookup = <T extends Record<string, string>>(table: T, code: string | null | undefined): string =>
  code ? ((table as Record<string, string>)[code] ?? code) : '';

export const situationFamilialeLabel = (code: string | null | undefined) => lookup(SITUATIONS_FAMILIALES, code);

export const niveauFormationLabel = (code: string | null | undefined): string =>
  code ? (DIPLOMA_LEVELS.find((l) => l.code === code)?.label ?? code) : '';

export const orientationLabel = (code: Orientation | string | null | undefined) => lookup(ORIENTATION_LABELS, code);

export const resultatLabel = (code: Resultat | string | null | undefined) => lookup(RESULTAT_LABELS, code);

/** « A – Le logement ». */
export const themeLabel = (code: string): string => {
  const theme = findTheme(code);
  return theme ? `${theme.code} – ${theme.label}` : code;
};

/**
 * A free-text amount typed as a bare number (« 1800 », « 1650,50 ») prints as euros (« 1 800,00 € »); any
 * other text (« SMIC », « 1 800 € brut ») prints as typed.
 */
export function moneyText(value: string | null | undefined): string {
  const t = (value ?? '').trim();
  if (!/^\d{1,7}(?:[.,]\d{1,2})?$/.test(t)) return t;
  return amountFr(Number(t.replace(',', '.')));
}
