// Lint rules, including the architecture's import boundaries (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import { builtinModules } from 'node:module';
import { readdirSync } from 'node:fs';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3-multiple-ciphers', 'drizzle-orm', 'drizzle-orm/*', 'drizzle-kit', '@react-pdf/*', 'electron-updater', 'electron-builder'];
// The feature folders of the renderer (renderer/src/screens/<feature>/): none imports another.
const screens = readdirSync(new URL('./renderer/src/screens', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);
const rendererImports = (forbidden) => {
  const message = 'renderer/ n’importe que shared/ et lui-même (API typée).';
  return {
    paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message })),
    patterns: [{ group: ['electron/*', ...nodeOnlyPackages], message }, { regex: `^(\\.\\./)+${forbidden}`, message }],
  };
};
const up = (folder) => ({ regex: `^(\\.\\./)+${folder}(/|$)`, message: `Frontière d’architecture : ce dossier n’importe pas ${folder}/.` });

export default tseslint.config(
  { ignores: ['dist/**', '.tsbuild/**', 'node_modules/**', 'test-output/**', 'release/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // No import cycle anywhere (main, db, shared, renderer, test): a module and what it imports form a tree.
  // Type-only imports are erased at build time and not followed by import-x (keep types in leaf modules anyway).
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.mjs', '**/*.js'],
    // A test file is imported by nothing: it cannot close a cycle (and skipping it halves the rule's time).
    ignores: ['**/*.test.ts', '**/*.test.tsx', '**/*.e2e.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.mts', '.mjs', '.js', '.json'] })],
      'import-x/extensions': ['.ts', '.tsx', '.mts', '.mjs', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  // renderer/src: app/ (the shell) → screens/<feature>/ → kit/ (the shared layer) → api/. A screen never
  // imports another screen (subfolders of a screen are part of it); it links to it through kit/paths.ts.
  // The kit imports no screen and not the shell; screens do not import the shell either.
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      'import-x/no-restricted-paths': ['error', {
        zones: [
          ...screens.map((name) => ({
            target: `./renderer/src/screens/${name}`,
            from: './renderer/src/screens',
            except: [`./${name}`],
            message: `Un écran n’importe pas un autre écran : ce qui est partagé va dans renderer/src/kit/ (les liens passent par kit/paths.ts).`,
          })),
          { target: './renderer/src/kit', from: ['./renderer/src/screens', './renderer/src/app'], message: 'kit/ est sous les écrans : il n’importe ni un écran ni app/.' },
          { target: './renderer/src/screens', from: './renderer/src/app', message: 'Un écran n’importe pas app/ (le shell) : ce qui est partagé va dans renderer/src/kit/.' },
        ],
      }],
    },
  },
  // Anything that may scroll goes through kit/ScrollRegion.tsx (focusable, named: RGAA, axe
  // scrollable-region-focusable): no bare `overflow: auto|scroll` in an sx/style, no MUI TableContainer.
  {
    files: ['renderer/src/**/*.tsx', 'renderer/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test.tsx', 'renderer/src/kit/ScrollRegion.tsx'],
    rules: {
      'no-restricted-syntax': ['error',
        {
          selector: "Property[key.name=/^overflow[XY]?$/][value.value=/^(auto|scroll)$/]",
          message: 'Une zone qui défile passe par ScrollRegion (kit/ScrollRegion.tsx) : focusable au clavier et nommée.',
        },
        {
          selector: "ImportDeclaration[source.value=/TableContainer/]",
          message: 'Pas de TableContainer : ScrollTable ou ScrollRegion (kit/ScrollRegion.tsx) rendent le défilement accessible au clavier.',
        },
      ],
    },
  },
  // shared/: pure TypeScript. No Node, no Electron, no DOM, no UI, nothing from the other folders.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron', 'react', 'react-dom'].map((name) => ({ name, message: 'shared/ reste pur : ni Node, ni Electron, ni DOM.' })),
        patterns: [
          { group: ['electron/*', 'react/*', 'react-dom/*', '@mui/*', ...nodeOnlyPackages], message: 'shared/ reste pur : ni Node, ni Electron, ni DOM.' },
          up('db'), up('main'), up('renderer'), up('test'),
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'process', 'Buffer', 'require'],
    },
  },
  // db/: no Electron, nothing from main/ or renderer/.
  {
    files: ['db/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Seul main/electron/ importe electron.' }],
        patterns: [{ group: ['electron/*'], message: 'Seul main/electron/ importe electron.' }, up('main'), up('renderer')],
      }],
    },
  },
  // main/ outside main/electron/: never Electron.
  {
    files: ['main/**/*.ts', 'main/**/*.tsx'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'electron', message: 'Seul main/electron/ importe electron.' }],
        patterns: [{ group: ['electron/*'], message: 'Seul main/electron/ importe electron.' }, up('renderer')],
      }],
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [up('renderer')] }] },
  },
  // renderer/: only shared/ and itself; reaches main through the typed API. Its tests also use the fakes
  // of test/renderer/ (kept out of the shipped tree).
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', rendererImports('(db|main|test)(/|$)')] },
  },
  {
    files: ['renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    rules: { 'no-restricted-imports': ['error', rendererImports('(db|main|test/(?!renderer/))')] },
  },
);
