import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { defaultDataDir, parseCliArgs, type CliEnvironment } from './cli-options';

const linux: CliEnvironment = { platform: 'linux', env: {}, homedir: '/home/alice' };

describe('defaultDataDir', () => {
  it('follows each system’s per-user application-data folder', () => {
    expect(defaultDataDir(linux)).toBe('/home/alice/.local/share/parcours-rsa');
    expect(defaultDataDir({ ...linux, env: { XDG_DATA_HOME: '/data/alice' } })).toBe('/data/alice/parcours-rsa');
    expect(defaultDataDir({ ...linux, env: { XDG_DATA_HOME: 'relative/path' } })).toBe('/home/alice/.local/share/parcours-rsa');
    expect(defaultDataDir({ platform: 'win32', env: { APPDATA: 'C:\\Users\\Alice\\AppData\\Roaming' }, homedir: 'C:\\Users\\Alice' })).toBe(
      'C:\\Users\\Alice\\AppData\\Roaming\\Parcours RSA',
    );
    expect(defaultDataDir({ platform: 'win32', env: {}, homedir: 'C:\\Users\\Alice' })).toBe('C:\\Users\\Alice\\AppData\\Roaming\\Parcours RSA');
    expect(defaultDataDir({ platform: 'darwin', env: {}, homedir: '/Users/alice' })).toBe('/Users/alice/Library/Application Support/Parcours RSA');
  });
});

describe('parseCliArgs', () => {
  it('defaults to a random port, the user data folder and no demo', () => {
    expect(parseCliArgs([], linux)).toEqual({
      kind: 'run',
      options: { dataDir: '/home/alice/.local/share/parcours-rsa', port: 0, demo: false, demoFoyers: 300, demoSeed: 42, rendererDir: undefined },
    });
  });

  it('reads --data-dir, --port, --demo and the demo tuning options', () => {
    const parsed = parseCliArgs(['--data-dir', 'tmp/données', '--port=8123', '--demo', '--demo-foyers', '25', '--demo-seed', '7'], linux);
    expect(parsed).toEqual({
      kind: 'run',
      options: { dataDir: path.resolve('tmp/données'), port: 8123, demo: true, demoFoyers: 25, demoSeed: 7, rendererDir: undefined },
    });
  });

  it('asks for help with -h / --help', () => {
    expect(parseCliArgs(['-h'], linux)).toEqual({ kind: 'help' });
    expect(parseCliArgs(['--help'], linux)).toEqual({ kind: 'help' });
  });

  it.each([
    [['--port', 'abc'], /--port attend un nombre entier/],
    [['--port', '70000'], /--port doit être compris entre 0 et 65535/],
    [['--port', '-1'], /Valeur manquante ou incorrecte pour l’option --port|--port attend un nombre entier/],
    [['--port'], /Valeur manquante ou incorrecte pour l’option --port\./],
    [['--inconnue'], /Option inconnue : --inconnue\./],
    [['serveur'], /Argument inattendu : serveur\./],
    [['--demo=oui'], /Valeur manquante ou incorrecte pour l’option --demo\./],
    [['--data-dir', ' '], /--data-dir attend un nom de dossier/],
    [['--demo-foyers', '10'], /ne s’emploient qu’avec --demo/],
    [['--demo', '--demo-foyers', '1.5'], /--demo-foyers attend un nombre entier/],
  ])('refuses %j with a French message', (argv, message) => {
    const parsed = parseCliArgs(argv, linux);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toMatch(message);
  });
});
