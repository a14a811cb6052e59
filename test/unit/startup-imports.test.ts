import { describe, expect, it } from 'vitest';
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';

/**
 * Start-up (issue 16): the PDF engine (@react-pdf, pdfkit, fontkit, the templates) is 40 % of the host's start.
 * It must not be in the static import graph of the application (main/app) nor of the Electron main process: the
 * documents capability loads it at its first call, or in the background once the first screen is served.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));

/** The modules an entry loads before it runs (static imports only), and those it may load later (dynamic). */
async function importGraph(entry: string): Promise<{ atStart: Set<string>; later: Set<string> }> {
  const outdir = mkdtempSync(path.join(os.tmpdir(), 'parcours-graph-'));
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      outdir,
      metafile: true,
      write: false,
      logLevel: 'silent',
      external: ['electron'],
    });
    const outputs = result.metafile.outputs;
    const entryOutput = Object.keys(outputs).find((o) => outputs[o]!.entryPoint === entry)!;
    const walk = (kinds: readonly string[]) => {
      const seen = new Set<string>();
      const modules = new Set<string>();
      const visit = (output: string) => {
        if (seen.has(output)) return;
        seen.add(output);
        const o: Metafile['outputs'][string] = outputs[output]!;
        for (const input of Object.keys(o.inputs)) modules.add(input);
        for (const imp of o.imports) {
          if (imp.external) {
            if (kinds.includes(imp.kind)) modules.add(imp.path);
          } else if (kinds.includes(imp.kind)) visit(imp.path);
        }
      };
      visit(entryOutput);
      return modules;
    };
    return { atStart: walk(['import-statement']), later: walk(['import-statement', 'dynamic-import']) };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const PDF_ENGINE = (m: string) => m.startsWith('@react-pdf/') || m === 'pdfkit' || m.startsWith('main/documents/engine') || m.startsWith('main/documents/templates/');

describe('start-up without the PDF engine', () => {
  it.each(['main/app/index.ts', 'main/electron/main.ts'])('%s loads the PDF engine only on demand', async (entry) => {
    const { atStart, later } = await importGraph(entry);
    expect([...atStart].filter(PDF_ENGINE)).toEqual([]);
    // It is still there, behind a dynamic import (the documents capability).
    expect([...later].filter(PDF_ENGINE)).toEqual(expect.arrayContaining(['@react-pdf/renderer', 'main/documents/engine.tsx']));
  }, 60_000);
});
