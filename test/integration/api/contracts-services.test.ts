/** PAP services: every service of an action's list may be ticked, however long the list. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAction } from '../../../shared/domain/referentials';
import { cersInput, contractsWorld, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
});
afterAll(async () => {
  await h?.dispose();
});

describe('PAP services', () => {
  it('a row may tick every service of a long list (D.1.1: over 500 characters joined)', async () => {
    const all = [...(findAction('D.1.1')?.services ?? [])];
    expect(all.join(' ; ').length).toBeGreaterThan(500);
    const created = await h.ok('contracts.create', cersInput(w.dA.person.id, [row('D.1.1', '2025-02-01', '2025-05-31', { services: all })]), s.refA);
    expect(created.pap.actions[0]?.services).toEqual(all);
  });
});
