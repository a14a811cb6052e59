/** `npm run bench`: runs every benchmark and prints Markdown tables (copied into docs/performance.md). */
import os from 'node:os';
import { runDossierBench } from './dossiers.bench';
import { runEpBench } from './ep.bench';
import { runDocumentsBench } from './documents.bench';
import { mib } from './stats';

const only = process.argv.slice(2);
const benches: [string, () => string | Promise<string>][] = [
  ['dossiers', runDossierBench],
  ['ep', runEpBench],
  ['documents', runDocumentsBench],
];

console.log(`# Parcours RSA — banc d’essai du ${new Date().toISOString().slice(0, 10)}`);
console.log(`Machine : ${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? '?'}), ${mib(os.totalmem())}, Node ${process.version}.\n`);
for (const [name, bench] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`## ${name}\n`);
  console.log(await bench());
  console.log(`\nMémoire : pic du processus (RSS max) ${mib(process.resourceUsage().maxRSS * 1024)}.\n`);
}
