import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * The architecture's import boundaries are lint rules (eslint.config.js). A deliberate violation must fail:
 * each case lints a snippet as if it were a file of that folder and expects a no-restricted-imports error.
 */
const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('frontières d’architecture (ESLint)', () => {
  it.each([
    ['shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['shared/domain/x.ts', "import fs from 'fs';\nexport const a = fs;\n"],
    ['shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['shared/api/x.ts', "import { openDatabase } from '../../db/open';\nexport const a = openDatabase;\n"],
    ['shared/api/x.ts', 'export const a = () => window.location.href;\n'],
    ['db/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/services/x.ts', "import { ipcMain } from 'electron';\nexport const a = ipcMain;\n"],
    ['main/host/x.ts', "import type { BrowserWindow } from 'electron';\nexport type A = BrowserWindow;\n"],
    ['renderer/src/x.ts', "import { createApp } from '../../main/app';\nexport const a = createApp;\n"],
    ['renderer/src/x.ts', "import { openDatabase } from '../../db/open';\nexport const a = openDatabase;\n"],
    ['renderer/src/x.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n"],
    ['renderer/src/x.ts', "import path from 'node:path';\nexport const a = path;\n"],
    ['renderer/src/x.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nexport const a = Database;\n"],
  ])('%s refuse : %s', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['renderer/src/x.ts', "import { api } from '../../shared/api/contract';\nexport const a = api;\n"],
  ])('%s autorisé : %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });
});
