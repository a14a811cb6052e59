/**
 * Benchmark of the EP session file: the PDF of a session of 40 cases (cover, ordre du jour, 40 fiches de synthèse
 * with orientations, contracts and a PAP of 6 actions each), full and anonymised. Target: < 10 s per file.
 * The data is built as `sessionFileData` returns it (fictitious, seeded); the measure is the layout and rendering.
 */
import { fakerFR as faker } from '@faker-js/faker';
import type { EpSessionFile } from '../../shared/api/ep';
import { renderSessionFile, sessionFilePages } from '../../main/documents/ep/session-file';
import { initialsOf } from '../../shared/domain/rules/ep-sessions';
import { mib, ms, stats } from './stats';

const CASES = Number(process.env.BENCH_EP_CASES ?? 40);
const RUNS = Number(process.env.BENCH_EP_RUNS ?? 5);

function sessionFile(anonymised: boolean): EpSessionFile {
  faker.seed(7);
  const origins = [
    ['fiche_reorientation', 'Demande de réorientation (fiche de liaison)'],
    ['fiche_suspension', 'Demande de suspension (fiche de liaison)'],
    ['cers_12_mois', 'Suivi solidarité arrivé à 12 mois (CERS)'],
  ] as const;
  const cases = Array.from({ length: CASES }, (_, i) => {
    const nom = faker.person.lastName().toUpperCase();
    const prenom = faker.person.firstName();
    const [origin, originLabel] = origins[i % 3]!;
    return {
      itemId: i + 1,
      slotStart: `${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`,
      identity: {
        name: anonymised ? initialsOf(prenom, nom) : `${prenom} ${nom}`,
        sexe: i % 2 ? 'Homme' : 'Femme',
        dateNaissance: anonymised ? null : '1984-05-12',
        cafNumber: anonymised ? null : String(1_000_000 + i),
        address: anonymised ? ['Arras'] : [faker.location.streetAddress(), '62000 Arras'],
        situationFamiliale: 'Célibataire',
        enfants: i % 3,
        referent: 'Rémi Référent',
      },
      saisine: { origin, originLabel, theme: faker.lorem.sentence(8), date: '2026-02-10', avisDeadline: '2026-03-10' },
      orientations: [
        { orientation: 'Sphère solidarité', start: '2024-01-05', end: '2025-12-31', organisme: 'MDS de l’Arrageois' },
        { orientation: 'Sphère professionnelle', start: '2026-01-01', end: null, organisme: 'PLIE de l’Arrageois' },
      ],
      contracts: [
        { type: 'CERS', status: 'Terminé', start: '2024-02-01', end: '2024-07-31' },
        { type: 'CERS', status: 'En cours', start: '2024-08-01', end: '2025-01-31' },
      ],
      pap: Array.from({ length: 6 }, () => ({
        theme: 'Le logement',
        action: `A.1 ${faker.lorem.words(6)}`,
        start: '2024-08-01',
        end: '2025-01-31',
        resultat: 'Partiellement atteint',
        bilan: faker.lorem.sentences(2),
      })),
      ede: origin === 'fiche_reorientation' ? { date: '2026-02-01', total: 24, proposal: 'À l’appréciation de l’équipe' } : null,
      fiche: origin === 'cers_12_mois' ? null : { type: originLabel, date: '2026-02-05', motif: 'Autres', precision: faker.lorem.sentence(), texte: faker.lorem.paragraph() },
    };
  });
  return {
    anonymised,
    cover: { epName: 'Équipe pluridisciplinaire de l’Arrageois', territory: 'Arrageois', president: 'Jean Conseiller', date: '2026-03-02', place: 'MDS de l’Arrageois', startTime: '09:00', cases: CASES },
    ordreDuJour: cases.map((c, i) => ({ position: i + 1, slotStart: c.slotStart, name: c.identity.name, originLabel: c.saisine.originLabel, theme: c.saisine.theme })),
    cases,
  };
}

export async function runEpBench(): Promise<string> {
  const ctx = { mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '10 rue de la Gare, 62000 Arras' } };
  const lines = ['| dossier de séance | cas | exécutions | médiane | max (1re exécution comprise) | taille | cible |', '|---|---|---|---|---|---|---|'];
  for (const anonymised of [false, true]) {
    const data = sessionFile(anonymised);
    const samples: number[] = [];
    let size = 0;
    for (let run = 0; run < RUNS; run += 1) {
      const start = performance.now();
      const pdf = await renderSessionFile(sessionFilePages(data, ctx));
      samples.push(performance.now() - start);
      size = pdf.length;
    }
    const s = stats(samples);
    lines.push(
      `| ${anonymised ? 'anonymisé' : 'nominatif'} | ${CASES} | ${s.n} | ${ms(s.median)} | ${ms(s.max)} | ${mib(size)} (${size} o) | médiane < 10 s : ${s.median < 10_000 ? 'tenue' : 'NON TENUE'} |`,
    );
  }
  return lines.join('\n');
}
