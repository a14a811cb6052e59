/**
 * Since 1 January 2024 Pôle Emploi is called France Travail. Screens and new papers name it « France Travail
 * (ex-Pôle Emploi) »; the handbook's own texts (the reference texts, the Annexe 6 codification stored with
 * the contracts) keep the old name, and stored codes (`pole_emploi`, `professionnelle_pole_emploi`) do not change.
 */
export const FRANCE_TRAVAIL = 'France Travail (ex-Pôle Emploi)';

/** A text of the handbook naming « Pôle Emploi » (or « le Pôle Emploi »), as a screen shows it today. */
export function currentBodyName(text: string): string {
  return text.replace(/(?<!ex-)(?:le |du )?P[ôo]le [Ee]mploi/g, (m) => (m.startsWith('du ') ? `de ${FRANCE_TRAVAIL}` : FRANCE_TRAVAIL));
}
