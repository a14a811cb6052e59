/**
 * The child of imports-crash.test.ts: `node --import tsx imports-crash-writer.ts DATA_DIR FILE LOGIN PASSWORD`.
 * Starts the real app on DATA_DIR, previews FILE (a CAF list) and applies it, printing `BATCH <id>` then
 * `PROGRESS <lines done>` as the batch goes, until the parent kills it with SIGKILL in the middle.
 */
import { readFileSync } from 'node:fs';
import { createApp } from '../../../main/app';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';

const [dataDir, file, login, password] = process.argv.slice(2);
if (!dataDir || !file || !login || !password) throw new Error('usage : imports-crash-writer.ts DONNEES FICHIER IDENTIFIANT MOT_DE_PASSE');
const app = createApp({ dataDir, appVersion: '9.9.9-crash', automaticBackups: false });

async function call<M extends MethodName>(method: M, input: MethodInput<M>, session?: string): Promise<MethodOutput<M>> {
  const response = await app.handle({ method, input, session });
  if (!response.ok) throw new Error(`${method} refusé : ${JSON.stringify(response.error)}`);
  return response.value as MethodOutput<M>;
}

const { session } = await call('auth.login', { login, password });
const content = readFileSync(file);
const preview = await call(
  'imports.preview',
  { kind: 'caf_nouveaux', source: 'CAF du Pas-de-Calais', fileName: 'gros.csv', contentBase64: content.toString('base64') },
  session,
);
const batchId = preview.batchId!;
console.log(`BATCH ${batchId}`);
const applying = call('imports.apply', { batchId }, session);
const timer = setInterval(() => {
  void call('imports.progress', { batchId }, session).then((p) => console.log(`PROGRESS ${p.done}`));
}, 2);
await applying;
clearInterval(timer);
console.log('APPLIED');
