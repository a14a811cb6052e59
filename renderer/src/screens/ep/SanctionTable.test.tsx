import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import type { EpSanction } from '../../../../shared/api/ep';
import { SanctionTable } from './SanctionTable';

afterEach(cleanup);

const line = (month: string) => ({
  month,
  step: 'reduction_moitie',
  label: 'Réduction de la moitié du montant forfaitaire applicable au foyer, jusqu’à la signature du contrat.',
  montantForfaitaire: 977.54,
  allowance: 977.54,
  reduction: 488.77,
  amountPaid: 488.77,
  totalSuspension: false,
});

const sanction = (over: Partial<EpSanction> = {}): EpSanction => ({
  id: 1,
  kind: 'non_conclusion',
  kindLabel: 'Non-conclusion du contrat',
  start: '2026-04-01',
  household: { couple: false, dependants: 1 },
  resources: null,
  personAlone: false,
  lines: [line('2026-04-01'), line('2026-05-01')],
  stoppedBy: 'signature',
  radiation: null,
  rsaAmountsVersion: 1,
  recomputation: null,
  ...over,
});

describe('SanctionTable', () => {
  it('shows the change when the contract’s signature recomputed the schedule', () => {
    const text =
      'Échéancier recalculé le 16/05/2026 à 10:00 : le contrat signé le 15/05/2026 met fin à la sanction au 01/06/2026, soit 2 mois de sanction (avant : 24 mois de sanction, sans fin prévue avant la signature du contrat).';
    render(<SanctionTable sanction={sanction({ recomputation: { at: '2026-05-16T08:00:00.000Z', contractSignedOn: '2026-05-15', text } })} />);
    expect(screen.getByRole('table', { name: 'Échéancier de la sanction : Non-conclusion du contrat' })).toBeInTheDocument();
    expect(screen.getByText(text)).toBeInTheDocument();
    expect(screen.getByText('La sanction prend fin à la signature du contrat.')).toBeInTheDocument();
  });

  it('says nothing of a recomputation that did not happen', () => {
    render(<SanctionTable sanction={sanction({ stoppedBy: 'horizon' })} />);
    expect(screen.queryByText(/Échéancier recalculé/)).not.toBeInTheDocument();
  });
});
