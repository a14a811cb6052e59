/**
 * Fonts of the printed documents: DejaVu Sans (regular, bold, oblique, bold oblique), embedded in every PDF.
 *
 * Why not Helvetica (react-pdf's default): the standard PDF fonts only know WinAnsi, and the fr-FR number
 * formatting emits U+202F (espace fine insécable) and U+00A0, which they cannot draw. DejaVu covers them,
 * every French accent and ligature (Œ, œ, É…).
 *
 * Where the files come from: the `dejavu-fonts-ttf` package in development and tests; in the packaged
 * application, a folder shipped beside the app (electron-builder `extraResources` → `<resources>/fonts`),
 * given through `configureDocumentFonts({ fontsDir })` before the first document is rendered.
 */
import path from 'node:path';
import { Font } from '@react-pdf/renderer';
import { configuredFontsDir, FONT_FAMILY, FONT_FILES, missingFontFiles, packagedFontsDir } from './font-files';

export { configureDocumentFonts, FONT_FAMILY, FONT_FILES, missingFontFiles, packagedFontsDir } from './font-files';

let registeredDir: string | undefined;

/** Longest token kept whole; longer ones (an e-mail address, a reference) may break every 16 characters. */
const LONG_TOKEN = 30;

/** French words never break (react-pdf's hyphenation is English); only very long tokens may, to fit a cell. */
export function hyphenate(word: string): string[] {
  if (word.length <= LONG_TOKEN) return [word];
  const parts: string[] = [];
  for (let i = 0; i < word.length; i += 16) parts.push(word.slice(i, i + 16));
  return parts;
}

/**
 * Registers DejaVu with react-pdf (once per folder; react-pdf's font store is global to the process) and
 * turns hyphenation off: react-pdf's English hyphenation cuts French words badly (« accompa-gnement »), so
 * words only break at spaces. Throws a French error when a file is missing.
 */
export function ensureDocumentFonts(): string {
  const dir = configuredFontsDir() ?? packagedFontsDir();
  if (registeredDir === dir) return dir;
  const missing = missingFontFiles(dir);
  if (missing.length > 0) {
    throw new Error(
      `Les polices des documents sont introuvables dans ${dir} (${missing.join(', ')}). Réinstallez l’application.`,
    );
  }
  if (registeredDir !== undefined) Font.clear();
  Font.register({
    family: FONT_FAMILY,
    fonts: [
      { src: path.join(dir, FONT_FILES.regular), fontWeight: 'normal', fontStyle: 'normal' },
      { src: path.join(dir, FONT_FILES.bold), fontWeight: 'bold', fontStyle: 'normal' },
      { src: path.join(dir, FONT_FILES.italic), fontWeight: 'normal', fontStyle: 'italic' },
      { src: path.join(dir, FONT_FILES.boldItalic), fontWeight: 'bold', fontStyle: 'italic' },
    ],
  });
  Font.registerHyphenationCallback(hyphenate);
  registeredDir = dir;
  return dir;
}

/** Glyph runs kept per font (one entry per distinct string); emptied when full, so memory stays bounded. */
const SHAPING_CACHE_SIZE = 20_000;

interface ShapingFont {
  layout(string: unknown, features?: unknown, script?: unknown, language?: unknown, direction?: unknown): unknown;
}

const shapingCaches = new WeakMap<object, Map<string, GlyphRun>>();

interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}

/** A glyph run its caller may change: pdfkit scales the positions in place (the glyphs are shared by fontkit anyway). */
function copyRun(run: GlyphRun): GlyphRun {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(run) as object) as GlyphRun, run);
  copy.glyphs = run.glyphs.slice();
  copy.positions = run.positions.map((p) => Object.assign(Object.create(Object.getPrototypeOf(p) as object) as object, p));
  return copy;
}

/**
 * Shaping (fontkit's `layout`: glyphs, ligatures, kerning) is deterministic: the same string with the same
 * features gives the same glyph run. react-pdf shapes every run of text again, in every document (labels,
 * legal text, headers); this keeps the glyph runs per font, and gives each caller its own copy of the
 * positions (pdfkit, which draws « page x / n », scales them in place).
 */
export function memoizeShaping(font: ShapingFont): void {
  if (shapingCaches.has(font)) return;
  const cache = new Map<string, GlyphRun>();
  shapingCaches.set(font, cache);
  const layout = font.layout;
  font.layout = function shaped(string, features, script, language, direction) {
    if (typeof string !== 'string' || script !== undefined || language !== undefined) return layout.call(this, string, features, script, language, direction);
    const key = `${String(direction)}\u0000${features === undefined ? '' : JSON.stringify(features)}\u0000${string}`;
    let run = cache.get(key);
    if (run === undefined) {
      run = layout.call(this, string, features, script, language, direction) as GlyphRun;
      if (cache.size >= SHAPING_CACHE_SIZE) cache.clear();
      cache.set(key, run);
    }
    return copyRun(run);
  };
}

/** Empties the shaping caches (the bench measures documents without them). */
export function clearShapingCaches(): void {
  for (const font of loadedFonts) shapingCaches.get(font)?.clear();
}

const loadedFonts = new Set<ShapingFont>();

/** Metrics textkit reads for every glyph; fontkit recomputes them from its tables on each read. */
const METRICS = ['unitsPerEm', 'ascent', 'descent', 'lineGap', 'capHeight', 'xHeight', 'underlinePosition', 'underlineThickness', 'italicAngle'] as const;

/** Keeps the font's (constant) metrics as plain values on the font object. */
function fixMetrics(font: object): void {
  for (const name of METRICS) {
    const value = (font as Record<string, unknown>)[name];
    if (typeof value === 'number') Object.defineProperty(font, name, { value, enumerable: false, writable: false, configurable: true });
  }
}
const VARIANTS = [
  { fontWeight: 'normal', fontStyle: 'normal' },
  { fontWeight: 'bold', fontStyle: 'normal' },
  { fontWeight: 'normal', fontStyle: 'italic' },
  { fontWeight: 'bold', fontStyle: 'italic' },
] as const;

/**
 * Registers (ensureDocumentFonts) and loads the four DejaVu files once per process, and memoizes their
 * shaping. Returns the folder used.
 */
export async function loadDocumentFonts(): Promise<string> {
  const dir = ensureDocumentFonts();
  for (const variant of VARIANTS) {
    const descriptor = { fontFamily: FONT_FAMILY, ...variant };
    await Font.load(descriptor);
    const data = Font.getFont(descriptor).data as ShapingFont | null;
    if (data && !loadedFonts.has(data)) {
      memoizeShaping(data);
      fixMetrics(data);
      loadedFonts.add(data);
    }
  }
  return dir;
}
