// Lint rules, including the architecture's import boundaries (see docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3-multiple-ciphers', 'drizzle-orm', 'drizzle-orm/*', 'drizzle-kit', '@react-pdf/*', 'electron-updater', 'electron-builder'];
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
  // renderer/: only shared/ and itself; reaches main through the typed API.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: [...nodeBuiltins, 'electron'].map((name) => ({ name, message: 'renderer/ n’importe que shared/ et lui-même (API typée).' })),
        patterns: [
          { group: ['electron/*', ...nodeOnlyPackages], message: 'renderer/ n’importe que shared/ et lui-même (API typée).' },
          { regex: '^(\\.\\./)+(db|main|test)(/|$)', message: 'renderer/ n’importe que shared/ et lui-même (API typée).' },
        ],
      }],
    },
  },
);
