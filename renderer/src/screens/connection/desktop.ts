/**
 * The desktop app's connection calls (shared/api/desktop.ts) over the preload's single `invoke`: present only in the
 * Electron app, absent in the browser (server or browser mode), where nothing of this screen is ever shown.
 */
import { DESKTOP_METHODS, type DesktopApi, type DesktopConnection } from '../../../../shared/api/desktop';
import { PRELOAD_GLOBAL, type ApiResponse, type PreloadApi } from '../../../../shared/api/transport';

const FAILED: ApiResponse<never> = {
  ok: false,
  error: { code: 'INTERNAL', message: 'La communication avec l’application a échoué. Réessayez ; si le problème persiste, redémarrez Parcours RSA.' },
};

export function readDesktopApi(win: Window): DesktopApi | undefined {
  const preload = (win as unknown as Record<string, unknown>)[PRELOAD_GLOBAL] as PreloadApi | undefined;
  if (!preload || typeof preload.invoke !== 'function') return undefined;
  const call = async <T>(method: string, input: unknown): Promise<ApiResponse<T>> => {
    try {
      return (await preload.invoke({ method, input })) as ApiResponse<T>;
    } catch {
      return FAILED;
    }
  };
  return {
    getConnection: () => call(DESKTOP_METHODS.getConnection, {}),
    probe: (url) => call(DESKTOP_METHODS.probe, { url }),
    choose: (choice) => call(DESKTOP_METHODS.choose, choice),
    acceptCertificate: (input) => call(DESKTOP_METHODS.acceptCertificate, input),
  };
}

/** The start-up shows the connection screen at first run and when the server's certificate changed, never otherwise. */
export const needsConnectionScreen = (connection: DesktopConnection): boolean =>
  connection.mode === 'none' || (connection.mode === 'serveur' && connection.certificateChanged !== undefined);
