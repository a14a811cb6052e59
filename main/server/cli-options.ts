/** Options of the server's command lines (main/server/cli.ts, main/server/enrol.ts). Pure. */
import { isIP } from 'node:net';
import path from 'node:path';
import { DEFAULT_DEMO_FOYERS, DEFAULT_DEMO_SEED, SHARED_OPTIONS, parseDemoOptions, parseInteger, parseStrict } from '../host/cli-options';

export interface ServerCliOptions {
  dataDir: string;
  listen: { host: string; port: number };
  tls: { kind: 'files'; certFile: string; keyFile: string } | { kind: 'self-signed' };
  /** `https://name[:port]` built from --public-name. */
  publicOrigin: string | undefined;
  serviceKeyFile: string | undefined;
  logFile: string | undefined;
  sessionIdleMinutes: number | undefined;
  sessionMaxHours: number | undefined;
  demo: boolean;
  demoFoyers: number;
  demoSeed: number;
  rendererDir: string | undefined;
}

export type ServerCliParse = { kind: 'run'; options: ServerCliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const SERVER_USAGE = `Usage : npm run start:server -- --data-dir DOSSIER --listen HÔTE:PORT (--tls-cert FICHIER --tls-key FICHIER | --tls-self-signed) [options]
  (ou : node --import tsx main/server/cli.ts …)

Lance Parcours RSA en mode serveur (HTTPS uniquement) pour les postes et les navigateurs de la MDS.
La phrase secrète du service se lit dans --service-key-file, la variable PARCOURS_SERVICE_PASSPHRASE ou l’identifiant
systemd « parcours-service-key » ; jamais sur la ligne de commande. Voir docs/deployment.md.

Options :
  --data-dir DOSSIER        dossier des données (obligatoire)
  --listen HÔTE:PORT        adresse et port d’écoute, p. ex. 127.0.0.1:8443, 0.0.0.0:443 ou [::1]:8443 (port 0 : un port libre)
  --tls-cert FICHIER        certificat du serveur (PEM), avec --tls-key
  --tls-key FICHIER         clé privée du certificat (PEM)
  --tls-self-signed         crée une fois un certificat auto-signé dans DOSSIER/tls et affiche son empreinte SHA-256
  --public-name NOM[:PORT]  nom sous lequel les postes joignent le serveur (obligatoire à l’écoute de 0.0.0.0 ou ::)
  --service-key-file FICHIER  fichier de la phrase secrète du service (droits 600, propriétaire : le compte du service)
  --log-file FICHIER        journal technique (JSON, une ligne par appel, sans donnée personnelle) ; par défaut la sortie standard
  --session-idle-minutes N  une session inutilisée N minutes se termine (par défaut 30 ; décimales admises)
  --session-max-hours N     durée maximale d’une session, même active (par défaut 12)
  --demo                    crée une base de démonstration (fictive) et sa clé de service ; refusé si le dossier contient déjà une base
  --demo-foyers N           nombre de foyers fictifs avec --demo (par défaut ${DEFAULT_DEMO_FOYERS})
  --demo-seed N             graine des données de démonstration (par défaut ${DEFAULT_DEMO_SEED})
  --renderer-dir DOSSIER    interface construite à servir (par défaut : dist/renderer)
  -h, --help                affiche cette aide`;

export const ENROL_USAGE = `Usage : npm run server:enrol -- --data-dir DOSSIER [--service-key-file FICHIER]

Donne au serveur sa clé de service : un administrateur saisit son identifiant et son mot de passe, la phrase secrète du
service est lue comme au démarrage (--service-key-file, PARCOURS_SERVICE_PASSPHRASE ou l’identifiant systemd).`;

/** `HOST:PORT`, `[IPv6]:PORT`. */
export function parseListen(value: string): { host: string; port: number } | string {
  const match = /^(?:\[([^\]]+)\]|([^:[\]]+)):(\d+)$/.exec(value.trim());
  if (!match) return `--listen attend HÔTE:PORT, p. ex. 127.0.0.1:8443 ou [::1]:8443 (reçu : « ${value} »).`;
  const host = match[1] ?? match[2]!;
  if (match[1] !== undefined && isIP(host) !== 6) return `--listen : « ${host} » n’est pas une adresse IPv6.`;
  const port = parseInteger(match[3]!, '--listen (port)', 0, 65535);
  if (typeof port === 'string') return port;
  return { host, port };
}

/** `NAME[:PORT]` → `https://NAME:PORT` (the listen port when absent). */
export function publicOriginOf(name: string, listenPort: number): string | { error: string } {
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d+))?$/.exec(name.trim());
  if (!match) return { error: `--public-name attend un nom de machine, éventuellement suivi de :PORT (reçu : « ${name} »).` };
  const port = match[2] !== undefined ? parseInteger(match[2], '--public-name (port)', 1, 65535) : listenPort;
  if (typeof port === 'string') return { error: port };
  if (port === 0) return { error: '--public-name : précisez le port (NOM:PORT) quand --listen choisit un port libre.' };
  return `https://${match[1]!.toLowerCase()}${port === 443 ? '' : `:${port}`}`;
}

function parsePositive(value: string, name: string, max: number): number | string {
  const n = Number(value.trim().replace(',', '.'));
  if (!/^\d+([.,]\d+)?$/.test(value.trim()) || !Number.isFinite(n) || n <= 0 || n > max) {
    return `${name} attend un nombre positif d’au plus ${max} (reçu : « ${value} »).`;
  }
  return n;
}

const nonEmpty = (value: string | undefined, name: string): string | undefined | { error: string } =>
  value === undefined ? undefined : value.trim() === '' ? { error: `${name} attend un nom de fichier ou de dossier.` } : path.resolve(value);

export function parseServerArgs(argv: readonly string[]): ServerCliParse {
  const parsed = parseStrict(argv, {
    'data-dir': { type: 'string' },
    listen: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'tls-self-signed': { type: 'boolean' },
    'public-name': { type: 'string' },
    'service-key-file': { type: 'string' },
    'log-file': { type: 'string' },
    'session-idle-minutes': { type: 'string' },
    'session-max-hours': { type: 'string' },
    ...SHARED_OPTIONS,
  });
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const error = (message: string): ServerCliParse => ({ kind: 'error', message });

  const paths: Record<string, string | undefined> = {};
  for (const name of ['data-dir', 'tls-cert', 'tls-key', 'service-key-file', 'log-file', 'renderer-dir'] as const) {
    const resolved = nonEmpty(values[name], `--${name}`);
    if (typeof resolved === 'object') return error(resolved.error);
    paths[name] = resolved;
  }
  const dataDir = paths['data-dir'];
  if (dataDir === undefined) return error('--data-dir est obligatoire : le serveur ne choisit pas seul où sont les données.');
  if (values.listen === undefined) return error('--listen HÔTE:PORT est obligatoire (p. ex. --listen 0.0.0.0:8443 --public-name parcours.mds.local).');
  const listen = parseListen(values.listen);
  if (typeof listen === 'string') return error(listen);

  const certFile = paths['tls-cert'];
  const keyFile = paths['tls-key'];
  const selfSigned = values['tls-self-signed'] ?? false;
  if (selfSigned && (certFile !== undefined || keyFile !== undefined)) {
    return error('--tls-self-signed ne s’emploie pas avec --tls-cert / --tls-key : choisissez l’un ou l’autre.');
  }
  if ((certFile === undefined) !== (keyFile === undefined)) return error('--tls-cert et --tls-key vont ensemble : donnez le certificat et sa clé.');
  if (!selfSigned && certFile === undefined) {
    return error('Le serveur n’écoute qu’en HTTPS : donnez --tls-cert FICHIER --tls-key FICHIER, ou --tls-self-signed.');
  }
  const tls: ServerCliOptions['tls'] = selfSigned ? { kind: 'self-signed' } : { kind: 'files', certFile: certFile!, keyFile: keyFile! };

  let publicOrigin: string | undefined;
  if (values['public-name'] !== undefined) {
    const origin = publicOriginOf(values['public-name'], listen.port);
    if (typeof origin === 'object') return error(origin.error);
    publicOrigin = origin;
  } else if (listen.host === '0.0.0.0' || listen.host === '::') {
    return error(`À l’écoute de ${listen.host}, donnez --public-name NOM : le nom sous lequel les postes joignent le serveur.`);
  }

  let sessionIdleMinutes: number | undefined;
  if (values['session-idle-minutes'] !== undefined) {
    const n = parsePositive(values['session-idle-minutes'], '--session-idle-minutes', 24 * 60);
    if (typeof n === 'string') return error(n);
    sessionIdleMinutes = n;
  }
  let sessionMaxHours: number | undefined;
  if (values['session-max-hours'] !== undefined) {
    const n = parsePositive(values['session-max-hours'], '--session-max-hours', 24 * 7);
    if (typeof n === 'string') return error(n);
    sessionMaxHours = n;
  }
  const demo = parseDemoOptions(values);
  if (typeof demo === 'string') return error(demo);

  return {
    kind: 'run',
    options: {
      dataDir,
      listen,
      tls,
      publicOrigin,
      serviceKeyFile: paths['service-key-file'],
      logFile: paths['log-file'],
      sessionIdleMinutes,
      sessionMaxHours,
      ...demo,
      rendererDir: paths['renderer-dir'],
    },
  };
}

export type EnrolParse = { kind: 'run'; dataDir: string; serviceKeyFile: string | undefined } | { kind: 'help' } | { kind: 'error'; message: string };

export function parseEnrolArgs(argv: readonly string[]): EnrolParse {
  const parsed = parseStrict(argv, { 'data-dir': { type: 'string' }, 'service-key-file': { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  const { values } = parsed;
  if (values.help) return { kind: 'help' };
  const dataDir = nonEmpty(values['data-dir'], '--data-dir');
  const serviceKeyFile = nonEmpty(values['service-key-file'], '--service-key-file');
  if (typeof dataDir === 'object') return { kind: 'error', message: dataDir.error };
  if (typeof serviceKeyFile === 'object') return { kind: 'error', message: serviceKeyFile.error };
  if (dataDir === undefined) return { kind: 'error', message: '--data-dir est obligatoire.' };
  return { kind: 'run', dataDir, serviceKeyFile };
}
