/**
 * `npm run proof:crash [-- --kills 20 --backups 10 --keep]`: the long version of the crash proof (issue 13 §5; the
 * short one, 3 kills, runs in `npm test`: test/integration/crash/crash.test.ts).
 *
 * `--kills` rounds on one data folder: the writer (test/integration/crash/writer.ts) writes in parallel through the
 * API and is killed with SIGKILL at a random moment; `--backups` of them (every other round) also make backups and
 * are killed 0 to 300 ms after one started (during its copy, verification or rename, or just after). After each
 * kill, the folder is checked (check.ts); after the last, the app restarts on it, reads, writes and backs up. Prints one line per round and the figures (copied into
 * docs/performance.md « Preuve : arrêt brutal »); exits 1 if anything acknowledged was lost or any check failed.
 * `--keep` leaves the work folder in place (its path is printed).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { CrashProof, summarise, type RoundResult } from '../integration/crash/rounds';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '20' }, backups: { type: 'string', default: '10' }, keep: { type: 'boolean', default: false } },
});
const kills = Number(values.kills);
const backups = Math.min(Number(values.backups), kills);
if (!Number.isInteger(kills) || kills < 1 || !Number.isInteger(backups) || backups < 0) {
  console.error('usage : npm run proof:crash -- [--kills N] [--backups M] [--keep]');
  process.exit(2);
}

const proof = new CrashProof();
console.log(`# Preuve : arrêt brutal — ${new Date().toISOString().slice(0, 10)}`);
console.log(`Machine : ${os.cpus().length} cœurs, charge ${os.loadavg()[0]!.toFixed(1)}, Node ${process.version}. Dossier : ${proof.workDir}\n`);

const results: RoundResult[] = [];
let failed = false;
// Spread the rounds with a backup over the run (every other round while some are left).
const backupRound = (i: number) => Math.floor(((i + 1) * backups) / kills) > Math.floor((i * backups) / kills);
try {
  for (let i = 0; i < kills; i += 1) {
    const r = await proof.run({ withBackup: backupRound(i), backupKillWindowMs: 300 });
    results.push(r);
    const bad = !r.killed || r.refusals.length > 0 || r.check.problems.length > 0;
    failed ||= bad;
    console.log(
      `tour ${String(r.round).padStart(2)}${r.withBackup ? ' (sauvegarde)' : '             '} : ${r.newAcks} appels acquittés, arrêt ${(r.burstMs / 1000).toFixed(1)} s après le premier` +
        `${r.withBackup ? (r.check.killedDuringBackup ? ', pendant une sauvegarde' : ', hors sauvegarde') : ''}, perdus ${r.check.lost}, ${(r.ms / 1000).toFixed(1)} s${bad ? ' — ÉCHEC' : ''}`,
    );
    for (const line of [...r.refusals, ...r.check.problems]) console.log(`    ${line}`);
    if (!r.killed) console.log('    le rédacteur s’est arrêté de lui-même');
  }
  const after = await proof.restartAndUse();
  const final = await proof.check();
  for (const line of [...after, ...final.problems]) console.log(`    après redémarrage : ${line}`);
  failed ||= after.length > 0 || final.problems.length > 0;

  const s = summarise(results);
  console.log('\n| mesure | valeur |\n|---|---|');
  console.log(`| arrêts brutaux (SIGKILL) | ${s.kills} sur ${kills} |`);
  console.log(`| dont pendant l’écriture d’une sauvegarde | ${s.killsDuringBackup} sur ${results.filter((r) => r.withBackup).length} tours avec sauvegardes |`);
  console.log(`| appels d’écriture acquittés | ${s.acknowledged} |`);
  console.log(`| écritures acquittées perdues | ${s.lost} |`);
  console.log(`| autres anomalies (intégrité, clés étrangères, journal, échéancier, sauvegardes) | ${s.problems + s.refusals} |`);
  console.log(`| sauvegardes complètes vérifiées / dossiers temporaires laissés | ${final.backups.complete} / ${final.backups.temporary} |`);
  console.log(`| durée | ${s.seconds.toFixed(0)} s (${(s.seconds / kills).toFixed(1)} s par tour) |`);
  console.log(`\nAppels acquittés par méthode : ${Object.entries(final.acked).map(([m, n]) => `${m} ${n}`).join(', ')}.`);
  console.log(failed ? '\nÉCHEC' : '\nRÉUSSITE : aucune écriture acquittée perdue, aucune anomalie.');
} finally {
  if (!values.keep) proof.dispose();
}
process.exit(failed ? 1 : 0);
