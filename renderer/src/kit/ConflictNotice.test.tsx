import { afterEach, describe, expect, it } from 'vitest';
import { useState } from 'react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../shared/api/errors';
import { conflictDifferences, conflictLabel, ConflictNotice, flattenValues, useConflict } from './ConflictNotice';

afterEach(cleanup);

const LABELS = { objectifs: 'Objectifs', 'pap.actions.actionCode': 'Action', 'pap.actions.start': 'Début', 'referent.rdv': 'Rendez-vous', signe: 'Signé' };
const MESSAGE = 'Ce contrat a été modifié entre-temps. Modifié par Anne Martin à 14:05. Vos saisies sont conservées : comparez-les avec la version enregistrée, puis enregistrez à nouveau.';

describe('flat records and their differences', () => {
  it('flattens nested values, rows of objects by index, lists of values joined, dates and yes/no in French', () => {
    expect(
      flattenValues({ objectifs: ' Logement ', pap: { actions: [{ actionCode: 'A.1', start: '2026-01-05' }] }, referent: { rdv: ['2026-02-01', '2026-03-01'] }, signe: true, vide: null }),
    ).toEqual({
      objectifs: 'Logement',
      'pap.actions.0.actionCode': 'A.1',
      'pap.actions.0.start': '05/01/2026',
      'referent.rdv': '01/02/2026, 01/03/2026',
      signe: 'Oui',
      vide: '',
    });
  });

  it('labels a row’s field with its line; an unlabelled path is left out', () => {
    expect(conflictLabel('pap.actions.1.actionCode', LABELS)).toBe('Action (ligne 2)');
    expect(conflictLabel('objectifs', LABELS)).toBe('Objectifs');
    expect(conflictLabel('version', LABELS)).toBeNull();
  });

  it('lists only the labelled fields whose values differ, a row present on one side only included', () => {
    const mine = flattenValues({ version: 1, objectifs: 'A', pap: { actions: [{ actionCode: 'A.1', start: '2026-01-05' }] }, signe: false });
    const saved = flattenValues({ version: 2, objectifs: 'B', pap: { actions: [{ actionCode: 'A.1', start: '2026-01-05' }, { actionCode: 'B.2', start: '' }] }, signe: false });
    expect(conflictDifferences(mine, saved, LABELS)).toEqual([
      { path: 'objectifs', label: 'Objectifs', mine: 'A', saved: 'B' },
      { path: 'pap.actions.1.actionCode', label: 'Action (ligne 2)', mine: '', saved: 'B.2' },
    ]);
  });
});

describe('ConflictNotice', () => {
  it('announces the message and shows « Votre saisie » against « Version enregistrée »', async () => {
    const user = userEvent.setup();
    const taken: string[] = [];
    render(<ConflictNotice message={MESSAGE} mine={{ objectifs: 'A' }} saved={{ objectifs: '' }} labels={LABELS} onTake={() => taken.push('take')} onKeep={() => taken.push('keep')} />);
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('Modifié par Anne Martin à 14:05');
    const table = within(alert).getByRole('table', { name: 'Différences avec la version enregistrée' });
    expect([...table.querySelectorAll('tr')].map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent))).toEqual([
      ['Champ', 'Votre saisie', 'Version enregistrée'],
      ['Objectifs', 'A', '(vide)'],
    ]);
    await user.click(screen.getByRole('button', { name: 'Reprendre la version enregistrée' }));
    await user.click(screen.getByRole('button', { name: 'Garder mes saisies' }));
    expect(taken).toEqual(['take', 'keep']);
  });

  it('waits for the saved version before offering the choices', () => {
    render(<ConflictNotice message={MESSAGE} mine={{}} saved={null} labels={LABELS} onTake={() => undefined} onKeep={() => undefined} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Lecture de la version enregistrée…');
    expect(screen.getByRole('button', { name: 'Garder mes saisies' })).toBeDisabled();
  });
});

interface Rec {
  version: number;
  objectifs: string;
}

/** A form of one field over useConflict: the save fails while the version sent is not the stored one. */
function Harness({ stored, sent }: { stored: Rec; sent: number[] }) {
  const [value, setValue] = useState('Ma saisie');
  const conflict = useConflict<Rec, { objectifs: string }>({
    version: 1,
    load: () => Promise.resolve(stored),
    valuesOf: (r) => ({ objectifs: r.objectifs }),
    versionOf: (r) => r.version,
    onTake: (v) => setValue(v.objectifs),
  });
  const save = () => {
    sent.push(conflict.version!);
    if (conflict.version !== stored.version) conflict.detect(new ApiError('CONFLICT', MESSAGE, undefined, { by: 'Anne Martin', at: '2026-03-02T13:05:00.000Z' }), { objectifs: value });
  };
  return (
    <>
      <label>
        Objectifs
        <input value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button onClick={save}>Enregistrer</button>
      {conflict.notice ? <ConflictNotice {...conflict.notice} labels={LABELS} /> : null}
    </>
  );
}

describe('useConflict', () => {
  it('ignores other errors', () => {
    let detected: boolean | undefined;
    function Probe() {
      const c = useConflict<Rec, object>({ version: 1, load: () => Promise.reject(new Error('x')), valuesOf: () => ({}), versionOf: () => 1, onTake: () => undefined });
      detected ??= c.detect(new ApiError('RULE', 'Refusé'), {});
      return null;
    }
    render(<Probe />);
    expect(detected).toBe(false);
  });

  it('« Garder mes saisies »: the input stays and the next save carries the saved version', async () => {
    const user = userEvent.setup();
    const sent: number[] = [];
    render(<Harness stored={{ version: 2, objectifs: 'Version d’Anne' }} sent={sent} />);
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByRole('cell', { name: 'Version d’Anne' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'Ma saisie' })).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Objectifs' })).toHaveValue('Ma saisie');
    await user.click(screen.getByRole('button', { name: 'Garder mes saisies' }));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Objectifs' })).toHaveValue('Ma saisie');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(sent).toEqual([1, 2]);
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('« Reprendre la version enregistrée »: the form takes the saved values and version', async () => {
    const user = userEvent.setup();
    const sent: number[] = [];
    render(<Harness stored={{ version: 2, objectifs: 'Version d’Anne' }} sent={sent} />);
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    const take = await screen.findByRole('button', { name: 'Reprendre la version enregistrée' });
    await waitFor(() => expect(take).toBeEnabled());
    await user.click(take);
    expect(screen.getByRole('textbox', { name: 'Objectifs' })).toHaveValue('Version d’Anne');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(sent).toEqual([1, 2]);
  });
});
