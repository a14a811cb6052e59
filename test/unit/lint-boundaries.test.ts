import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

/**
 * The architecture's import boundaries are lint rules (eslint.config.js). A deliberate violation must fail:
 * each case lints a snippet as if it were a file of that folder and expects a no-restricted-imports error.
 */
const cwd = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd });

async function messagesOf(filePath: string, code: string, rules: readonly string[]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId !== null && rules.includes(m.ruleId)).map((m) => m.message);
}

const restrictedImports = (filePath: string, code: string) => messagesOf(filePath, code, ['no-restricted-imports', 'no-restricted-globals']);
const restrictedPaths = (filePath: string, code: string) => messagesOf(filePath, code, ['import-x/no-restricted-paths']);
const cycles = (filePath: string, code: string) => messagesOf(filePath, code, ['import-x/no-cycle']);

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
    ['renderer/src/kit/x.ts', "import { renderApp } from '../../../test/renderer/renderApp';\nexport const a = renderApp;\n"],
    ['renderer/src/kit/x.test.ts', "import { helper } from '../../../test/integration/helper';\nexport const a = helper;\n"],
  ])('%s refuse : %s', async (file, code) => {
    const messages = await restrictedImports(file, code);
    expect(messages.length).toBeGreaterThan(0);
  });

  it.each([
    ['shared/domain/x.ts', "import { z } from 'zod';\nexport const a = z;\n"],
    ['main/electron/x.ts', "import { app } from 'electron';\nexport const a = app;\n"],
    ['main/services/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n"],
    ['renderer/src/x.ts', "import { api } from '../../shared/api/contract';\nexport const a = api;\n"],
    ['renderer/src/kit/x.test.ts', "import { renderApp } from '../../../test/renderer/renderApp';\nexport const a = renderApp;\n"],
  ])('%s autorisé : %s', async (file, code) => {
    expect(await restrictedImports(file, code)).toEqual([]);
  });

  // Screens are features: none imports another (a subfolder is part of its screen); what they share lives
  // in renderer/src/kit/, which imports no screen and not the shell (app/).
  it.each([
    ['renderer/src/screens/fiches/x.tsx', "import { ContractPage } from '../contracts/ContractPage';\nexport const a = ContractPage;\n"],
    ['renderer/src/screens/interview/dsp/x.tsx', "import { ContractPage } from '../../contracts/ContractPage';\nexport const a = ContractPage;\n"],
    ['renderer/src/screens/ep/x.tsx', "import { DspSection } from '../interview/dsp/DspSection';\nexport const a = DspSection;\n"],
    ['renderer/src/kit/x.tsx', "import { ContractPage } from '../screens/contracts/ContractPage';\nexport const a = ContractPage;\n"],
    ['renderer/src/kit/x.tsx', "import { appRoutes } from '../app/routes';\nexport const a = appRoutes;\n"],
    ['renderer/src/screens/dossier/x.tsx', "import { DOSSIER_SECTIONS } from '../../app/dossierSections';\nexport const a = DOSSIER_SECTIONS;\n"],
  ])('%s refuse : %s', async (file, code) => {
    expect((await restrictedPaths(file, code)).length).toBeGreaterThan(0);
  });

  it.each([
    ['renderer/src/screens/interview/dsp/x.tsx', "import { PersonScreen } from '../common';\nexport const a = PersonScreen;\n"],
    ['renderer/src/screens/interview/dsp/x.tsx', "import { EdeSection } from '../ede/EdeSection';\nexport const a = EdeSection;\n"],
    ['renderer/src/screens/fiches/x.tsx', "import { PapEditor } from '../../kit/pap/PapEditor';\nimport { contractPaths } from '../../kit/paths';\nexport const a = [PapEditor, contractPaths];\n"],
    ['renderer/src/app/x.tsx', "import { ContractPage } from '../screens/contracts/ContractPage';\nexport const a = ContractPage;\n"],
  ])('%s autorisé : %s', async (file, code) => {
    expect(await restrictedPaths(file, code)).toEqual([]);
  });

  // A container that scrolls must be reachable by keyboard and named: only kit/ScrollRegion.tsx sets overflow.
  const scrolling = (filePath: string, code: string) => messagesOf(filePath, code, ['no-restricted-syntax']);
  it.each([
    ['renderer/src/screens/contracts/x.tsx', "import Box from '@mui/material/Box';\nexport const a = <Box sx={{ overflowX: 'auto' }} />;\n"],
    ['renderer/src/kit/x.tsx', "export const a = { overflow: 'scroll' };\n"],
    ['renderer/src/screens/ep/x.tsx', "import TableContainer from '@mui/material/TableContainer';\nexport const a = TableContainer;\n"],
  ])('%s refuse la zone défilante sans ScrollRegion : %s', async (file, code) => {
    expect((await scrolling(file, code)).length).toBeGreaterThan(0);
  });

  it('ScrollRegion et overflow: hidden sont autorisés', async () => {
    expect(await scrolling('renderer/src/screens/ep/x.tsx', "import { ScrollRegion } from '../../kit/ScrollRegion';\nexport const a = [ScrollRegion, { overflow: 'hidden' }];\n")).toEqual([]);
  });

  // No import cycle anywhere: a module that imports (directly or not) a module importing it back fails.
  it.each([
    ['shared/api/errors.ts', "import { createApiClient } from './client';\nexport const a = createApiClient;\n"],
    ['renderer/src/kit/paths.ts', "import { EtatCivilList } from './EtatCivil';\nexport const a = EtatCivilList;\n"],
    ['renderer/src/kit/Page.tsx', "import { Loaded } from './status';\nexport const a = Loaded;\n"],
  ])('%s refuse le cycle : %s', async (file, code) => {
    expect((await cycles(file, code)).length).toBeGreaterThan(0);
  });

  it('sans cycle, rien à signaler', async () => {
    expect(await cycles('renderer/src/kit/x.ts', "import { Loaded } from './status';\nexport const a = Loaded;\n")).toEqual([]);
  });
});
