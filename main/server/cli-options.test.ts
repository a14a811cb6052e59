import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { parseEnrolArgs, parseListen, parseServerArgs, publicOriginOf } from './cli-options';

const base = ['--data-dir', 'srv', '--listen', '127.0.0.1:8443'];

describe('parseServerArgs', () => {
  it('reads the data folder, the address, TLS and the session tuning', () => {
    const parsed = parseServerArgs([...base, '--tls-self-signed', '--session-idle-minutes', '0.05', '--log-file', 'x.log']);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        dataDir: path.resolve('srv'),
        listen: { host: '127.0.0.1', port: 8443 },
        tls: { kind: 'self-signed' },
        publicOrigin: undefined,
        serviceKeyFile: undefined,
        logFile: path.resolve('x.log'),
        sessionIdleMinutes: 0.05,
        sessionMaxHours: undefined,
        demo: false,
        demoFoyers: 300,
        demoSeed: 42,
        rendererDir: undefined,
      },
    });
    const files = parseServerArgs(['--data-dir', 'srv', '--listen', '0.0.0.0:443', '--tls-cert', 'c.pem', '--tls-key', 'k.pem', '--public-name', 'Parcours.MDS.local']);
    expect(files.kind === 'run' && files.options.tls).toEqual({ kind: 'files', certFile: path.resolve('c.pem'), keyFile: path.resolve('k.pem') });
    expect(files.kind === 'run' && files.options.publicOrigin).toBe('https://parcours.mds.local');
  });

  it.each([
    [['--listen', '127.0.0.1:8443', '--tls-self-signed'], /--data-dir est obligatoire/],
    [['--data-dir', 'srv', '--tls-self-signed'], /--listen HÔTE:PORT est obligatoire/],
    [base, /n’écoute qu’en HTTPS/],
    [[...base, '--tls-cert', 'c.pem'], /--tls-cert et --tls-key vont ensemble/],
    [[...base, '--tls-self-signed', '--tls-cert', 'c', '--tls-key', 'k'], /l’un ou l’autre/],
    [['--data-dir', 'srv', '--listen', '0.0.0.0:8443', '--tls-self-signed'], /donnez --public-name/],
    [[...base, '--tls-self-signed', '--session-idle-minutes', '0'], /--session-idle-minutes attend un nombre positif/],
    [[...base, '--tls-self-signed', '--service-passphrase', 'secret'], /Option inconnue : --service-passphrase/],
    [[...base, '--tls-self-signed', '--demo-foyers', '3'], /qu’avec --demo/],
  ])('refuses %j in one French line', (argv, message) => {
    const parsed = parseServerArgs(argv);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' ? parsed.message : '').toMatch(message);
  });

  it('parses addresses and public names', () => {
    expect(parseListen('[::1]:8443')).toEqual({ host: '::1', port: 8443 });
    expect(parseListen('0.0.0.0:0')).toEqual({ host: '0.0.0.0', port: 0 });
    expect(parseListen('8443')).toMatch(/HÔTE:PORT/);
    expect(parseListen('[nope]:1')).toMatch(/IPv6/);
    expect(publicOriginOf('mds.local', 8443)).toBe('https://mds.local:8443');
    expect(publicOriginOf('mds.local:443', 8443)).toBe('https://mds.local');
    expect(publicOriginOf('mds.local', 0)).toEqual({ error: expect.stringMatching(/précisez le port/) });
    expect(publicOriginOf('https://mds.local', 443)).toEqual({ error: expect.stringMatching(/nom de machine/) });
  });
});

describe('parseEnrolArgs', () => {
  it('needs the data folder and never takes the passphrase itself', () => {
    expect(parseEnrolArgs(['--data-dir', 'srv'])).toEqual({ kind: 'run', dataDir: path.resolve('srv'), serviceKeyFile: undefined });
    expect(parseEnrolArgs([])).toEqual({ kind: 'error', message: '--data-dir est obligatoire.' });
    expect(parseEnrolArgs(['--data-dir', 'srv', '--passphrase', 'x']).kind).toBe('error');
  });
});
