/**
 * Automatic updates (electron-updater, generic provider). OFF unless an update URL is configured:
 * environment PARCOURS_UPDATE_URL, else "updateUrl" in <userData>/config.json. https only.
 */
export const UPDATE_URL_ENV = 'PARCOURS_UPDATE_URL';
export const CONFIG_FILE_NAME = 'config.json';

export type UpdateUrlResolution = { url: string; source: string } | { url: null; reason: string };

/** The part of electron-updater's AppUpdater we use (lets tests pass a fake). */
export interface UpdaterLike {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(notification?: { title: string; body: string }): Promise<unknown>;
  autoDownload: boolean;
}

function validUpdateUrl(raw: string): string | null {
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Reads the update URL from the environment, then from the config file (readConfig returns its
 * text, or null when it does not exist). Never throws: a bad setting leaves updates off, with a reason.
 */
export function resolveUpdateUrl(
  env: Record<string, string | undefined>,
  readConfig: () => string | null,
  configPath: string,
): UpdateUrlResolution {
  const fromEnv = env[UPDATE_URL_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const url = validUpdateUrl(fromEnv);
    return url
      ? { url, source: UPDATE_URL_ENV }
      : { url: null, reason: `${UPDATE_URL_ENV} n’est pas une adresse https valide : mises à jour automatiques désactivées.` };
  }
  let text: string | null;
  try {
    text = readConfig();
  } catch {
    return { url: null, reason: `${configPath} illisible : mises à jour automatiques désactivées.` };
  }
  if (text === null) return { url: null, reason: 'Aucune adresse de mise à jour configurée : mises à jour automatiques désactivées.' };
  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return { url: null, reason: `${configPath} n’est pas un JSON valide : mises à jour automatiques désactivées.` };
  }
  const raw = typeof config === 'object' && config !== null ? (config as Record<string, unknown>).updateUrl : undefined;
  if (raw === undefined || raw === null || raw === '') {
    return { url: null, reason: 'Aucune adresse de mise à jour configurée : mises à jour automatiques désactivées.' };
  }
  const url = typeof raw === 'string' ? validUpdateUrl(raw) : null;
  return url
    ? { url, source: configPath }
    : { url: null, reason: `updateUrl de ${configPath} n’est pas une adresse https valide : mises à jour automatiques désactivées.` };
}

/** Points the updater at the URL and checks once (download in background, install at quit). */
export async function startUpdater(updater: UpdaterLike, url: string, log: (message: string) => void): Promise<void> {
  updater.autoDownload = true;
  updater.setFeedURL({ provider: 'generic', url });
  try {
    await updater.checkForUpdatesAndNotify({
      title: 'Mise à jour de Parcours RSA',
      body: '{appName} {version} a été téléchargé et sera installé à la fermeture de l’application.',
    });
  } catch (error) {
    log(`Vérification des mises à jour impossible : ${error instanceof Error ? error.message : String(error)}`);
  }
}
