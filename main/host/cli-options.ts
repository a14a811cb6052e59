/** Options of the browser-mode command line (main/host/cli.ts). Pure: the environment is passed in. */
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export interface CliOptions {
  dataDir: string;
  port: number;
  demo: boolean;
  demoFoyers: number;
  demoSeed: number;
  rendererDir: string | undefined;
}

export type CliParse = { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export interface CliEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
}

export const DEFAULT_DEMO_FOYERS = 300;
export const DEFAULT_DEMO_SEED = 42;

export const USAGE = `Usage : node --import tsx main/host/cli.ts [options]
  (ou : npm run start:browser -- [options])

Lance Parcours RSA en mode navigateur, sur http://127.0.0.1 uniquement.

Options :
  --data-dir DOSSIER   dossier des données (par défaut : dossier de données de l’utilisateur)
  --port N             port d’écoute, de 0 à 65535 (par défaut 0 : un port libre au hasard)
  --demo               crée une base de démonstration (fictive) ; refusé si le dossier contient déjà une base
  --demo-foyers N      nombre de foyers fictifs créés avec --demo (par défaut ${DEFAULT_DEMO_FOYERS})
  --demo-seed N        graine des données de démonstration (par défaut ${DEFAULT_DEMO_SEED})
  --renderer-dir DOSSIER  interface construite à servir (par défaut : dist/renderer)
  -h, --help           affiche cette aide`;

/** The per-user application-data folder of browser mode. */
export function defaultDataDir({ platform, env, homedir }: CliEnvironment): string {
  if (platform === 'win32') {
    const appData = env.APPDATA && env.APPDATA.trim() !== '' ? env.APPDATA : path.win32.join(homedir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Parcours RSA');
  }
  if (platform === 'darwin') {
    return path.posix.join(homedir, 'Library', 'Application Support', 'Parcours RSA');
  }
  const xdg = env.XDG_DATA_HOME;
  const base = xdg && path.posix.isAbsolute(xdg) ? xdg : path.posix.join(homedir, '.local', 'share');
  return path.posix.join(base, 'parcours-rsa');
}

export function parseInteger(value: string, name: string, min: number, max: number): number | string {
  if (!/^\d+$/.test(value.trim())) return `${name} attend un nombre entier (reçu : « ${value} »).`;
  const n = Number(value);
  if (n < min || n > max) return `${name} doit être compris entre ${min} et ${max} (reçu : ${n}).`;
  return n;
}

/** node:util parseArgs's error, in French. */
export function parseArgsErrorMessage(error: unknown): string {
  const code = (error as { code?: string }).code;
  const detail = error instanceof Error ? error.message : String(error);
  const arg = /'([^']+)'/.exec(detail)?.[1]?.split(' ')[0];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Option inconnue : ${arg ?? detail}.`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `Argument inattendu : ${arg ?? detail}.`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return `Valeur manquante ou incorrecte pour l’option ${arg ?? '?'}.`;
  return `Options incorrectes : ${detail}`;
}

/** `--demo`, `--demo-foyers N`, `--demo-seed N` (the latter two only with --demo); a French message when wrong. */
export function parseDemoOptions(values: {
  demo?: boolean | undefined;
  'demo-foyers'?: string | undefined;
  'demo-seed'?: string | undefined;
}): { demo: boolean; demoFoyers: number; demoSeed: number } | string {
  let demoFoyers = DEFAULT_DEMO_FOYERS;
  if (values['demo-foyers'] !== undefined) {
    const parsed = parseInteger(values['demo-foyers'], '--demo-foyers', 0, 5000);
    if (typeof parsed === 'string') return parsed;
    demoFoyers = parsed;
  }
  let demoSeed = DEFAULT_DEMO_SEED;
  if (values['demo-seed'] !== undefined) {
    const parsed = parseInteger(values['demo-seed'], '--demo-seed', 0, 2 ** 31 - 1);
    if (typeof parsed === 'string') return parsed;
    demoSeed = parsed;
  }
  const demo = values.demo ?? false;
  if (!demo && (values['demo-foyers'] !== undefined || values['demo-seed'] !== undefined)) {
    return '--demo-foyers et --demo-seed ne s’emploient qu’avec --demo.';
  }
  return { demo, demoFoyers, demoSeed };
}

/** Strict parsing (no positionals, no unknown option): the values, or the French message. */
/** The options both command lines take (demo, renderer, help). */
export const SHARED_OPTIONS = {
  demo: { type: 'boolean' },
  'demo-foyers': { type: 'string' },
  'demo-seed': { type: 'string' },
  'renderer-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;
type StrictValues<O extends OptionsConfig> = ReturnType<typeof parseArgs<{ args: string[]; strict: true; allowPositionals: false; options: O }>>['values'];

export function parseStrict<O extends OptionsConfig>(argv: readonly string[], options: O): { values: StrictValues<O> } | { error: string } {
  try {
    return { values: parseArgs({ args: [...argv], strict: true, allowPositionals: false, options }).values };
  } catch (error) {
    return { error: parseArgsErrorMessage(error) };
  }
}

export function parseCliArgs(argv: readonly string[], environment: CliEnvironment): CliParse {
  const parsed = parseStrict(argv, {
    'data-dir': { type: 'string' },
    port: { type: 'string' },
    ...SHARED_OPTIONS,
  });
  if ('error' in parsed) return { kind: 'error', message: parsed.error };
  const { values } = parsed;
  if (values.help) return { kind: 'help' };

  let port = 0;
  if (values.port !== undefined) {
    const parsed = parseInteger(values.port, '--port', 0, 65535);
    if (typeof parsed === 'string') return { kind: 'error', message: parsed };
    port = parsed;
  }
  const demoOptions = parseDemoOptions(values);
  if (typeof demoOptions === 'string') return { kind: 'error', message: demoOptions };
  const { demo, demoFoyers, demoSeed } = demoOptions;
  const dataDir = values['data-dir'];
  if (dataDir !== undefined && dataDir.trim() === '') {
    return { kind: 'error', message: '--data-dir attend un nom de dossier.' };
  }
  const rendererDir = values['renderer-dir'];
  if (rendererDir !== undefined && rendererDir.trim() === '') {
    return { kind: 'error', message: '--renderer-dir attend un nom de dossier.' };
  }
  return {
    kind: 'run',
    options: {
      dataDir: dataDir !== undefined ? path.resolve(dataDir) : defaultDataDir(environment),
      port,
      demo,
      demoFoyers,
      demoSeed,
      rendererDir: rendererDir !== undefined ? path.resolve(rendererDir) : undefined,
    },
  };
}
