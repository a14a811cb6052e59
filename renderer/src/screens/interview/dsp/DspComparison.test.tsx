import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { dspContentSchema, type DspContent } from '../../../../../shared/api/dsp';
import { diffDsp } from '../../../../../shared/domain/rules/dsp-diff';
import { addDspRevision, emptyState } from '../../../../../test/renderer/fakeInterview';
import { DspComparison } from './DspComparison';

afterEach(cleanup);

const FIRST: DspContent = dspContentSchema.parse({
  generalites: { sitpersdemrsa: '0107', topcouvsoc: 'oui', couvsoc: ['mutuelle'] },
  situationSociale: { difsoc: ['0402', '0405'] },
  mobilite: { topmoyloco: 'non', toppermicondub: 'non', natmob: '2501' },
  logement: { natlog: '0909', diflog: ['1001'] },
});

function revisions(second: DspContent) {
  const state = emptyState();
  const a = addDspRevision(state, FIRST);
  const b = addDspRevision(state, second);
  return { a, b, changed: diffDsp(FIRST, second).map((c) => c.path) };
}

const changedRows = () => screen.getAllByRole('row').filter((r) => within(r).queryByText('Modifié'));

describe('DSP comparison', () => {
  it('marks exactly the changed fields « Modifié », with both answers side by side', () => {
    const second = dspContentSchema.parse({
      ...FIRST,
      mobilite: { ...FIRST.mobilite, toppermicondub: 'oui' },
      logement: { ...FIRST.logement, natlog: '0901' },
    });
    const { a, b, changed } = revisions(second);
    expect(changed).toEqual(['mobilite.toppermicondub', 'logement.natlog']);
    render(<DspComparison from={a} to={b} changedPaths={changed} />);

    expect(screen.getByRole('status')).toHaveTextContent('2 champs modifiés entre la version 1 et la version 2.');
    const rows = changedRows();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Permis de conduire B' + 'Non' + 'Oui' + 'Modifié');
    expect(rows[1]).toHaveTextContent('Nature du logement' + 'Chez un parent ou un tiers' + 'Logement autonome individuel' + 'Modifié');
    expect(rows.every((r) => r.getAttribute('data-changed') === 'true')).toBe(true);

    // Unchanged answers are shown too, marked « Identique »; multi-select answers read as labels.
    const difsoc = screen.getByRole('rowheader', { name: 'Difficultés sociales' }).closest('tr')!;
    expect(difsoc).toHaveTextContent('Santé, Démarches administratives');
    expect(difsoc).toHaveTextContent('Identique');
    expect(difsoc).not.toHaveAttribute('data-changed');
    // Questions unanswered in both versions are left out.
    expect(screen.queryByRole('rowheader', { name: 'Niveau d’étude' })).not.toBeInTheDocument();
    // Section headings group the rows.
    expect(screen.getByRole('columnheader', { name: 'Mobilité' })).toBeInTheDocument();
  });

  it('can show only the changes; a multi-select compares as a set; two identical versions say so', async () => {
    const user = userEvent.setup();
    const reordered = dspContentSchema.parse({ ...FIRST, situationSociale: { difsoc: ['0405', '0402'] } });
    const same = revisions(reordered);
    expect(same.changed).toEqual([]);
    const { unmount } = render(<DspComparison from={same.a} to={same.b} changedPaths={same.changed} />);
    expect(screen.getByRole('status')).toHaveTextContent('Les deux versions sont identiques.');
    expect(changedRows()).toHaveLength(0);
    unmount();

    const second = dspContentSchema.parse({ ...FIRST, situationSociale: { difsoc: ['0401'] } });
    const { a, b, changed } = revisions(second);
    render(<DspComparison from={a} to={b} changedPaths={changed} />);
    await user.click(screen.getByRole('checkbox', { name: 'Afficher uniquement les champs modifiés' }));
    const body = screen.getAllByRole('rowgroup')[1]!;
    const dataRows = within(body).getAllByRole('row').filter((r) => within(r).queryByRole('rowheader'));
    expect(dataRows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Difficultés sociales']);
    expect(dataRows[0]).toHaveTextContent('Santé, Démarches administratives' + 'Aucune' + 'Modifié');
  });
});
