/** The administrator's desk shows the last successful backup; none, or one older than 2 days, is an alert (issue 13). */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, setupInput, startHarness, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('the last backup on the administrator’s desk', () => {
  it('is an alert without a backup, fine after one, an alert again after 2 days', async () => {
    h = await startHarness();
    await h.ok('setup.create', setupInput);
    const login = async () => (await h.ok('auth.login', { login: ADMIN.login, password: ADMIN.password })).session;
    let session = await login();
    const health = async () => (await h.ok('desk.mine', {}, session)).sections.find((s) => s.key === 'sante')!;

    let s = await health();
    expect(s.tone).toBe('error');
    expect(s.link).toEqual({ to: 'backups' });
    expect(s.rows[0]).toMatchObject({ label: 'Dernière sauvegarde', detail: 'aucune sauvegarde n’est encore faite', severity: 'en_retard' });

    await h.ok('backups.create', {}, session);
    s = await health();
    expect(s.tone).toBe('neutral');
    expect(s.rows[0]!.severity).toBeNull();
    expect(s.rows[0]!.detail).toMatch(/^\d{2}\/\d{2}\/\d{4} à \d{2}:\d{2}$/);

    h.clock.advanceMinutes(2 * 24 * 60 + 1);
    session = await login();
    s = await health();
    expect(s.tone).toBe('error');
    expect(s.rows[0]!.detail).toMatch(/plus de 2 jours/);
  });
});
