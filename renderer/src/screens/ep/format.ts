import type { EpSanction } from '../../../../shared/api/ep';
import { formatDate } from '../../../../shared/domain/format';

const euro = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

/** An amount in euros, French style: « 1 234,56 € » (the thin spaces of fr-FR normalised to plain spaces). */
export function formatEuro(amount: number): string {
  return euro.format(amount).replace(/[\u202f\u00a0]/g, ' ');
}

export interface SanctionRow {
  key: string;
  month: string;
  label: string;
  allowance: string;
  reduction: string;
  amountPaid: string;
  /** Text (not colour) telling the month is fully suspended or the radiation. */
  flag: string | null;
}

/** The month-by-month schedule of a sanction, formatted for its table. */
export function sanctionRows(sanction: Pick<EpSanction, 'lines'>): SanctionRow[] {
  return sanction.lines.map((line) => ({
    key: line.month,
    month: formatDate(line.month, 'month'),
    label: line.label,
    allowance: formatEuro(line.allowance),
    reduction: formatEuro(line.reduction),
    amountPaid: formatEuro(line.amountPaid),
    flag: line.step === 'radiation' ? 'Radiation' : line.totalSuspension ? 'Suspension totale' : null,
  }));
}

/** What stopped the schedule, in French. */
export function sanctionEnd(sanction: Pick<EpSanction, 'stoppedBy' | 'radiation' | 'lines'>): string {
  switch (sanction.stoppedBy) {
    case 'signature':
      return 'La sanction prend fin à la signature du contrat.';
    case 'fin_manquement':
      return 'La sanction prend fin avec le manquement.';
    case 'radiation':
      return sanction.radiation ? `Radiation du dispositif au ${formatDate(sanction.radiation)}.` : 'Radiation du dispositif.';
    default:
      return `Échéancier calculé sur ${sanction.lines.length} mois : la sanction se poursuit jusqu’à la signature du contrat ou la fin du manquement.`;
  }
}
