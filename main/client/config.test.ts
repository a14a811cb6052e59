import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CLIENT_CONFIG_FILE_NAME, DAMAGED_CONFIG_MESSAGE, readClientConfig, writeClientConfig } from './config';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i * 7).toString(16).padStart(2, '0').toUpperCase()).join(':');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'prsa-client-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('parcours.client.json', () => {
  it('is missing at first run', async () => {
    expect(await readClientConfig(dir)).toEqual({ kind: 'missing' });
  });

  it('is written atomically, readable by its owner only, and read back', async () => {
    const config = { mode: 'serveur' as const, url: 'https://mds.example.org:8443/', fingerprint: FINGERPRINT, acceptedAt: '2026-12-03T10:00:00.000Z' };
    await writeClientConfig(dir, config);
    expect(await readClientConfig(dir)).toEqual({ kind: 'ok', config });
    const file = path.join(dir, CLIENT_CONFIG_FILE_NAME);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual([CLIENT_CONFIG_FILE_NAME]); // no temporary file left
    await writeClientConfig(dir, { mode: 'autonome' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ mode: 'autonome' });
  });

  it('refuses to write what it could not read back', async () => {
    await expect(writeClientConfig(dir, { mode: 'serveur', url: 'http://mds.example.org/', fingerprint: FINGERPRINT, acceptedAt: '2026-12-03T10:00:00.000Z' })).rejects.toThrow();
    await expect(writeClientConfig(dir, { mode: 'serveur', url: 'https://mds.example.org/', fingerprint: 'AB:CD', acceptedAt: '2026-12-03T10:00:00.000Z' })).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([
    ['not JSON', '{"mode": "serv'],
    ['an unknown mode', '{"mode":"cloud"}'],
    ['a server without fingerprint', '{"mode":"serveur","url":"https://mds.example.org/","acceptedAt":"2026-12-03T10:00:00.000Z"}'],
    ['a plain HTTP server', `{"mode":"serveur","url":"http://mds.example.org/","fingerprint":"${FINGERPRINT}","acceptedAt":"2026-12-03T10:00:00.000Z"}`],
  ])('sends a damaged file (%s) back to the first-run choice with a message', async (_name, text) => {
    writeFileSync(path.join(dir, CLIENT_CONFIG_FILE_NAME), text);
    expect(await readClientConfig(dir)).toEqual({ kind: 'damaged', message: DAMAGED_CONFIG_MESSAGE });
  });
});
