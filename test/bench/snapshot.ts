/**
 * `node --import tsx test/bench/snapshot.ts [DIR]`: prints the SHA-256 of every document of the bench (and writes
 * the PDFs into DIR when given). Run it before and after a change of the engine: the same hashes prove the
 * output is unchanged, byte for byte (stronger than the golden texts of the tests). With BENCH_ENGINE=path (see
 * documents.bench.ts), the same with another copy of the engine: two runs compare two engines on the same templates.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderCase } from './documents.bench';
import { documentCases, sessionFileCases } from './fixtures';

const dir = process.argv[2];
if (dir) mkdirSync(dir, { recursive: true });
for (const c of [...documentCases(), ...sessionFileCases()]) {
  const pdf = await renderCase(c);
  const again = await renderCase(c);
  const hash = createHash('sha256').update(pdf).digest('hex');
  console.log(`${hash}  ${c.name}  ${pdf.length} o${Buffer.compare(pdf, again) === 0 ? '' : '  (DEUX RENDUS DIFFÉRENTS)'}`);
  if (dir) writeFileSync(path.join(dir, `${c.name}.pdf`), pdf);
}
