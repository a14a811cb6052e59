/**
 * Benchmark of the statistics (issue 15 §3) at the scale of a département: the desk bench's 50,000 foyers and parcours
 * (orientations, contracts, saisines, fiches), plus EDEs (one for 40 % of the persons, a second for half of those),
 * avis, decisions and sanctions, on the encrypted database. Each figure is asked alone through the service as the
 * dispatcher calls it (input checked, handler, output checked), for the correspondants of the 4 MDS over the last
 * twelve months, then with a référent's filter, then all figures at once, then the « rapport d’activité » (PDF).
 * Target: every figure under 1 s (max).
 */
import path from 'node:path';
import type { z } from 'zod';
import { createDrizzle, generateDatabaseKey, openDatabase, type Sqlite } from '../../db';
import { makeTempDir, removeTempDir } from '../../db/testing';
import type { AuthedCall } from '../../main/services/context';
import { statisticsHandlers } from '../../main/services/statistics';
import { api, type MethodName } from '../../shared/api/contract';
import { STAT_FIGURES } from '../../shared/api/statistics';
import { DEFAULT_EDE_GRID } from '../../shared/domain/referentials/ede-grid';
import { addDaysIso } from '../../shared/domain/rules/dates';
import { actorsOf, lcg, seedParcours } from './desk.bench';
import { fixture, seed } from './dossiers.bench';
import { machineLine, mib, ms, stats, verdict, type Stats } from './stats';

const TODAY = '2026-12-03';
const CALLS = Number(process.env.BENCH_STAT_CALLS ?? 20);
const KEYS = DEFAULT_EDE_GRID.data.items.map((i) => i.key);
const POINTS = [0, 1, 2, 4, 8, 14, 20];

/** EDEs, avis, decisions and sanctions over the desk bench's parcours. */
export function seedEvaluation(sqlite: Sqlite): { edes: number; avis: number; sanctions: number } {
  const rand = lcg(7);
  const counts = { edes: 0, avis: 0, sanctions: 0 };
  sqlite.transaction(() => {
    const ede = sqlite.prepare(
      `INSERT INTO ede_assessments (person_id, date, grid_version, answers_json, total, proposal, score_json, created_by) VALUES (?, ?, 1, ?, ?, 'decision_ep_eo', '{}', 1)`,
    );
    const persons = sqlite.prepare('SELECT id FROM persons ORDER BY id').all() as { id: number }[];
    for (const { id } of persons) {
      if (rand() >= 0.4) continue;
      const visits = rand() < 0.5 ? 2 : 1;
      let date = addDaysIso(TODAY, -Math.floor(rand() * 700));
      for (let v = 0; v < visits; v += 1) {
        const levels = KEYS.map(() => 1 + Math.floor(rand() * 6));
        ede.run(id, date, JSON.stringify({ paliers: Object.fromEntries(KEYS.map((k, i) => [k, levels[i]])), comments: {} }), levels.reduce((t, l) => t + POINTS[l]!, 0));
        counts.edes += 1;
        date = addDaysIso(date, 60 + Math.floor(rand() * 200));
        if (date > TODAY) break;
      }
    }
    const session = (sqlite.prepare('SELECT id FROM ep_sessions ORDER BY id LIMIT 1').get() as { id: number }).id;
    const item = sqlite.prepare('INSERT INTO ep_session_items (session_id, saisine_id, position, created_by) VALUES (?, ?, ?, 1)');
    const avis = sqlite.prepare(`INSERT INTO ep_avis (item_id, saisine_id, date, sens, motivation, late, recorded_by) VALUES (?, ?, ?, 'favorable', 'Avis', ?, 1)`);
    const decision = sqlite.prepare(`INSERT INTO ep_decisions (item_id, saisine_id, date, sens, effect, recorded_by, recorded_by_name) VALUES (?, ?, ?, 'favorable', 'aucun', 1, 'Admin')`);
    const sanction = sqlite.prepare(
      `INSERT INTO ep_sanctions (decision_id, person_id, kind, start, couple, dependants, schedule_json, rsa_amounts_version) VALUES (?, ?, ?, ?, 0, 0, ?, 1)`,
    );
    const saisines = sqlite.prepare('SELECT id, person_id AS personId, origin, date, avis_deadline AS deadline FROM ep_saisines ORDER BY id').all() as {
      id: number;
      personId: number;
      origin: string;
      date: string;
      deadline: string;
    }[];
    saisines.forEach((s, i) => {
      if (rand() < 0.3) return;
      const itemId = Number(item.run(session, s.id, i + 1).lastInsertRowid);
      const day = addDaysIso(s.date, Math.floor(rand() * 40));
      avis.run(itemId, s.id, day, day > s.deadline ? 1 : 0);
      counts.avis += 1;
      const decisionId = Number(decision.run(itemId, s.id, day).lastInsertRowid);
      if (s.origin !== 'fiche_suspension') return;
      const steps = ['reduction_initiale', 'reduction_moitie', 'suspension_totale'].slice(0, 1 + Math.floor(rand() * 3));
      const start = `${day.slice(0, 7)}-01`;
      const lines = steps.map((step, k) => ({ index: k, month: addDaysIso(start, 31 * k).slice(0, 7) + '-01', step }));
      sanction.run(decisionId, s.personId, rand() < 0.5 ? 'non_conclusion' : 'non_respect', start, JSON.stringify({ lines }));
      counts.sanctions += 1;
    });
  })();
  return counts;
}

interface Measure {
  label: string;
  stats: Stats;
  /** CPU time of the process (user + system) per call: what a loaded machine does not inflate. */
  cpu: Stats;
}

export async function runStatisticsBench(): Promise<string> {
  const dir = makeTempDir('parcours-bench-stat-');
  try {
    const { rows } = fixture();
    const opened = openDatabase({ file: path.join(dir, 'statistiques.db'), key: generateDatabaseKey(), create: true });
    const { sqlite } = opened;
    const t0 = performance.now();
    seed(sqlite, rows);
    const shares = seedParcours(sqlite);
    const evaluation = seedEvaluation(sqlite);
    const seedSeconds = (performance.now() - t0) / 1000;

    const db = createDrizzle(sqlite);
    const now = new Date(`${TODAY}T09:00:00.000Z`);
    const app = { options: { now: () => now }, nowIso: () => now.toISOString() } as unknown as AuthedCall['app'];
    const callOf = (actor: AuthedCall['actor']): AuthedCall => ({ app, actor, session: 'bench', open: { ...opened, db } as AuthedCall['open'] });
    const run = async <M extends MethodName>(method: M, input: unknown, actor: AuthedCall['actor']) => {
      const def = api[method];
      const handler = statisticsHandlers[method as keyof typeof statisticsHandlers] as unknown as (i: unknown, c: AuthedCall) => unknown;
      (def.output as z.ZodType).parse(await handler(def.input.parse(input), callOf(actor)));
    };
    const correspondants = actorsOf(sqlite, 'correspondant');
    const referentOf = (mdsId: number) => (sqlite.prepare("SELECT id FROM users WHERE role = 'referent' AND mds_id = ? ORDER BY id LIMIT 1").get(mdsId) as { id: number }).id;
    const measure = async (label: string, input: (actor: AuthedCall['actor']) => unknown, calls = CALLS): Promise<Measure> => {
      await run('statistics.get', input(correspondants[0]!), correspondants[0]!);
      const samples: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < calls; i += 1) {
        const actor = correspondants[i % correspondants.length]!;
        const start = performance.now();
        const startCpu = process.cpuUsage();
        await run('statistics.get', input(actor), actor);
        const used = process.cpuUsage(startCpu);
        samples.push(performance.now() - start);
        cpu.push((used.user + used.system) / 1000);
      }
      return { label, stats: stats(samples), cpu: stats(cpu) };
    };

    const figures: Measure[] = [];
    for (const figure of STAT_FIGURES) figures.push(await measure(figure, () => ({ figures: [figure] })));
    const filtered: Measure[] = [];
    for (const figure of STAT_FIGURES) filtered.push(await measure(`${figure} (un référent)`, (a) => ({ figures: [figure], filter: { referentId: referentOf(a.mdsId) } })));
    const everything = await measure('les 14 figures en un appel', () => ({}), 8);
    const reportSamples: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const start = performance.now();
      await run('statistics.report', {}, correspondants[i % correspondants.length]!);
      reportSamples.push(performance.now() - start);
    }
    const report = stats(reportSamples);
    opened.close();

    const persons = rows.reduce((t, r) => t + r.persons.length, 0);
    const worst = Math.max(...[...figures, ...filtered].map((m) => m.stats.max));
    const worstCpu = Math.max(...[...figures, ...filtered].map((m) => m.cpu.max));
    const line = (m: Measure) =>
      `| ${m.label} | ${ms(m.stats.median)} | ${ms(m.stats.p95)} | ${ms(m.stats.max)} | ${ms(m.cpu.median)} / ${ms(m.cpu.max)} | ${verdict(m.stats.max < 1000)} |`;
    return [
      machineLine(),
      `Statistiques : ${rows.length.toLocaleString('fr-FR')} foyers, ${persons.toLocaleString('fr-FR')} personnes (4 MDS), base chiffrée (chargement : ${seedSeconds.toFixed(1)} s) ; ${shares.orientations.toLocaleString('fr-FR')} orientations, ${shares.contracts.toLocaleString('fr-FR')} contrats, ${shares.saisines.toLocaleString('fr-FR')} saisines, ${shares.fiches.toLocaleString('fr-FR')} fiches de liaison, ${evaluation.edes.toLocaleString('fr-FR')} EDE, ${evaluation.avis.toLocaleString('fr-FR')} avis et décisions, ${evaluation.sanctions.toLocaleString('fr-FR')} sanctions.`,
      '',
      `\`statistics.get\` comme le répartiteur l’appelle (entrée validée, service, sortie vérifiée), une figure par appel, ${CALLS} appels par figure en alternant les correspondants des 4 MDS, période des douze derniers mois :`,
      '',
      '| figure | médiane | p95 | max | CPU médiane / max | cible < 1 s (max) |',
      '|---|---|---|---|---|---|',
      ...figures.map(line),
      ...filtered.map(line),
      `| ${everything.label} | ${ms(everything.stats.median)} | ${ms(everything.stats.p95)} | ${ms(everything.stats.max)} | ${ms(everything.cpu.median)} / ${ms(everything.cpu.max)} | pour information |`,
      `| rapport d’activité (PDF, 14 figures, moteur déjà chargé après le 1er) | ${ms(report.median)} | – | ${ms(report.max)} | – | pour information |`,
      '',
      `Figure la plus lente : ${ms(worst)} (${verdict(worst < 1000)}) ; en temps CPU : ${ms(worstCpu)}. Pic de mémoire du processus (RSS max) : ${mib(process.resourceUsage().maxRSS * 1024)}.`,
    ].join('\n');
  } finally {
    removeTempDir(dir);
  }
}
