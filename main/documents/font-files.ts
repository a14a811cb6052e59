/**
 * Where the documents' fonts are (no PDF engine here): the Electron main process chooses the folder at start
 * without loading @react-pdf, which the documents capability loads at its first use (see fonts.ts).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The family name every document style uses. */
export const FONT_FAMILY = 'DejaVu Sans';

/** The four files needed, by react-pdf variant. */
export const FONT_FILES = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
} as const;

/** `node_modules/dejavu-fonts-ttf/ttf` (development, tests, browser mode). */
export function packagedFontsDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

let configuredDir: string | undefined;

/**
 * Chooses the fonts folder (the packaged app passes `<resources>/fonts`); without it, the npm package's.
 * Takes effect at the next rendering.
 */
export function configureDocumentFonts(options: { fontsDir?: string | undefined }): void {
  configuredDir = options.fontsDir ? path.resolve(options.fontsDir) : undefined;
}

/** The folder chosen by configureDocumentFonts (undefined: the npm package's). */
export function configuredFontsDir(): string | undefined {
  return configuredDir;
}

export function missingFontFiles(dir: string): string[] {
  return Object.values(FONT_FILES).filter((file) => !existsSync(path.join(dir, file)));
}

