/** Electron entry point (bundled to dist/main/electron/main.cjs by scripts/build-main.mjs). */
import { app, dialog } from 'electron';
import { createApp } from '../app';
import { startElectron } from './bootstrap';

startElectron({ createApp }).catch((error: unknown) => {
  dialog.showErrorBox('Parcours RSA', `Erreur au démarrage : ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
