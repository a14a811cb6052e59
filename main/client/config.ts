/**
 * `parcours.client.json` in the user data folder: where the desktop app's data lives — on this computer
 * (« Poste autonome ») or on the MDS server, with the server's pinned certificate fingerprint.
 * Written atomically (temporary file, fsync, rename), readable by the user only (0600); read back through zod:
 * a damaged file sends the user back to the first-run choice with a message, it never guesses.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../db/keyslots';
import { FINGERPRINT_PATTERN } from '../../shared/api/desktop';
import { parseServerUrl } from './remote';

export const CLIENT_CONFIG_FILE_NAME = 'parcours.client.json';

const serverUrlSchema = z.string().refine((url) => {
  const parsed = parseServerUrl(url);
  return parsed.ok && parsed.url === url;
}, 'Adresse du serveur invalide.');

export const clientConfigSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('autonome') }),
  z.object({
    mode: z.literal('serveur'),
    url: serverUrlSchema,
    fingerprint: z.string().regex(FINGERPRINT_PATTERN),
    acceptedAt: z.iso.datetime(),
  }),
]);
export type ClientConfig = z.infer<typeof clientConfigSchema>;

export type ClientConfigRead = { kind: 'missing' } | { kind: 'ok'; config: ClientConfig } | { kind: 'damaged'; message: string };

export const DAMAGED_CONFIG_MESSAGE =
  'Le réglage de connexion de ce poste (parcours.client.json) est illisible : choisissez de nouveau comment ce poste travaille.';

export const clientConfigPath = (userDataDir: string): string => path.join(userDataDir, CLIENT_CONFIG_FILE_NAME);

export async function readClientConfig(userDataDir: string): Promise<ClientConfigRead> {
  let text: string;
  try {
    text = await fsp.readFile(clientConfigPath(userDataDir), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    return { kind: 'damaged', message: DAMAGED_CONFIG_MESSAGE };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'damaged', message: DAMAGED_CONFIG_MESSAGE };
  }
  const parsed = clientConfigSchema.safeParse(json);
  return parsed.success ? { kind: 'ok', config: parsed.data } : { kind: 'damaged', message: DAMAGED_CONFIG_MESSAGE };
}

/** Replaces the file in one step: a crash leaves the old file or the new one, never half of one. */
export async function writeClientConfig(userDataDir: string, config: ClientConfig): Promise<void> {
  const checked = clientConfigSchema.parse(config);
  await fsp.mkdir(userDataDir, { recursive: true });
  await writeFileAtomic(clientConfigPath(userDataDir), `${JSON.stringify(checked, null, 2)}\n`);
}
