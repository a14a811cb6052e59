/**
 * The demo, seeded into a real app: a new user can take an orientation decision (organismes référents,
 * a France Travail one among them) and hold an EP session (an EP with a president and members).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemo } from '../../../main/demo/seed';
import { startHarness, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.dispose();
  h = undefined;
});

describe('demo data', () => {
  it('has organismes référents of every type, a France Travail one among them, and an EP with its members', async () => {
    h = await startHarness();
    await seedDemo(h.app, { foyers: 2 });
    const { session } = await h.ok('auth.login', { login: 'admin', password: DEMO_PASSWORD });
    expect(await h.ok('mds.get', {}, session)).toMatchObject({ address: '12 place des Héros, 62990 Arrageville', commune: 'Arrageville' });
    const organismes = await h.ok('organismes.list', {}, session);
    expect(new Set(organismes.map((o) => o.type))).toEqual(new Set(['pole_emploi', 'professionnel', 'solidarite']));
    expect(organismes.find((o) => o.type === 'pole_emploi')?.name).toMatch(/France Travail/);
    const ep = await h.ok('ep.get', {}, session);
    expect(ep?.president?.organisation).toBe('conseil_general');
    expect(ep?.members.length).toBeGreaterThanOrEqual(5);
    expect(new Set(ep?.members.map((m) => m.organisation))).toContain('pole_emploi');
  });
});
