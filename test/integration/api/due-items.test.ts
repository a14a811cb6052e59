/**
 * The échéancier's precomputed items through the real app: a write recomputes its dossier before COMMIT (a failed
 * write leaves nothing), and the first login of a new day recomputes every dossier in the background.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dossierInput, PASSWORDS, setupWithStaff, startHarness, storedState, type Harness, type Staff } from './harness';

let h: Harness;
let staff: Staff;

beforeEach(async () => {
  h = await startHarness();
  staff = await setupWithStaff(h);
});
afterEach(async () => {
  await h.dispose();
});

interface DueRow {
  person_id: number;
  kind: string;
  severity: string;
  title: string;
  referent_user_id: number | null;
  mds_id: number;
}
const dueRows = async () => (await storedState(h)).tables.due_items as DueRow[];
const day = async () => ((await storedState(h)).tables.desk_state as { key: string; value: string }[]).find((r) => r.key === 'due_items_day')?.value;

describe('due items of the échéancier', () => {
  it('are written with the dossier, in the same transaction; a refused write leaves none', async () => {
    expect(await day()).toBe('2026-03-02');
    const created = await h.ok('dossiers.create', dossierInput({ caf: '7654321' }), staff.referentA.session);
    const rows = await dueRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ person_id: created.person.id, kind: 'orientation_a_faire', severity: 'info', referent_user_id: staff.referentA.id });
    expect(rows[0]!.title).toMatch(/depuis le 01\/05\/2024 \(670 jours\)/);
    // Same CAF number: refused, nothing written (no due item either).
    await h.err('dossiers.create', dossierInput({ caf: '7654321' }), 'CONFLICT', staff.referentA.session);
    expect(await dueRows()).toHaveLength(1);
    expect((await storedState(h)).tables.due_dirty).toEqual([]);
  });

  it('move with the date: the first login of a new day recomputes every dossier', async () => {
    await h.ok('dossiers.create', dossierInput(), staff.referentA.session);
    await h.ok('dossiers.create', dossierInput(), staff.referentB.session);
    h.clock.advanceMinutes(24 * 60);
    // The first login of the next day (yesterday's sessions have expired).
    await h.ok('auth.login', { login: 'cora', password: PASSWORDS.correspondant });
    for (let i = 0; i < 100 && (await day()) !== '2026-03-03'; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await day()).toBe('2026-03-03');
    const titles = (await dueRows()).map((r) => r.title);
    expect(titles).toHaveLength(2);
    for (const t of titles) expect(t).toMatch(/\(671 jours\)/);
  });
});
