import { describe, expect, it, vi } from 'vitest';
import { resolveUpdateUrl, startUpdater, type UpdaterLike } from './updater';

const noConfig = () => null;
const CONFIG = '/u/config.json';

describe('resolveUpdateUrl', () => {
  it('is off when nothing is configured', () => {
    expect(resolveUpdateUrl({}, noConfig, CONFIG)).toEqual({ url: null, reason: expect.stringMatching(/Aucune adresse de mise à jour/) });
    expect(resolveUpdateUrl({ PARCOURS_UPDATE_URL: '  ' }, noConfig, CONFIG).url).toBeNull();
    expect(resolveUpdateUrl({}, () => '{}', CONFIG).url).toBeNull();
  });
  it('takes the environment first, then the config file', () => {
    expect(resolveUpdateUrl({ PARCOURS_UPDATE_URL: 'https://a.example/maj' }, () => '{"updateUrl":"https://b.example/"}', CONFIG)).toEqual({
      url: 'https://a.example/maj',
      source: 'PARCOURS_UPDATE_URL',
    });
    expect(resolveUpdateUrl({}, () => '{"updateUrl":"https://b.example/"}', CONFIG)).toEqual({ url: 'https://b.example/', source: CONFIG });
  });
  it('stays off, with a French reason, for anything but an https URL or a readable JSON', () => {
    for (const [env, config] of [
      [{ PARCOURS_UPDATE_URL: 'http://a.example/' }, noConfig],
      [{ PARCOURS_UPDATE_URL: 'file:///tmp/maj' }, noConfig],
      [{ PARCOURS_UPDATE_URL: 'pas une url' }, noConfig],
      [{}, () => '{"updateUrl": 42}'],
      [{}, () => '{"updateUrl": "ftp://b.example/"}'],
      [{}, () => '{ pas du json'],
      [{}, () => {
        throw new Error('EACCES');
      }],
    ] as const) {
      const resolution = resolveUpdateUrl(env, config, CONFIG);
      expect(resolution.url).toBeNull();
      expect(resolution.url === null ? resolution.reason : '').toMatch(/mises à jour automatiques désactivées/);
    }
  });
});

describe('startUpdater', () => {
  it('points electron-updater to the generic provider and checks once; a failure is only logged', async () => {
    const updater: UpdaterLike = {
      autoDownload: false,
      setFeedURL: vi.fn(),
      checkForUpdatesAndNotify: vi.fn(async () => {
        throw new Error('hors ligne');
      }),
    };
    const logs: string[] = [];
    await startUpdater(updater, 'https://maj.example/', (m) => logs.push(m));
    expect(updater.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'https://maj.example/' });
    expect(updater.autoDownload).toBe(true);
    expect(updater.checkForUpdatesAndNotify).toHaveBeenCalledWith({ title: expect.stringContaining('Mise à jour'), body: expect.stringContaining('{version}') });
    expect(logs).toEqual(['Vérification des mises à jour impossible : hors ligne']);
  });
});
