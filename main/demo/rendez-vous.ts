/**
 * The demo's rendez-vous (issue 12 §3), on the dossiers of the parcours: for every référent, a rendez-vous today and
 * others to come (with a convocation to print); for référent1, past ones too: one where the person came, an excused
 * absence, a dossier with two unexcused absences (the suspension fiche is proposed) and one whose two past
 * rendez-vous, their convocation letters printed, still await their presence (the end-to-end test records them).
 *
 * Past rendez-vous are planned (and their letters printed) 30 days ago: the demo's clock travels back
 * (main/demo/clock.ts); their presence is recorded today. Without a clock only the rendez-vous to come are made.
 */
import { addDaysIso } from '../../shared/domain/rules/dates';
import type { DemoCall } from './ep-cases';
import type { ParcoursScenario } from './parcours';

export interface DemoRendezVousOptions {
  today: string;
  /** Per référent (référent1 first): the person of each parcours scenario, and the référent's login. */
  byReferent: readonly Partial<Record<ParcoursScenario, number>>[];
  referents: readonly string[];
  password: string;
  travel?: (day: string | null) => void;
}

const PLACE = 'MDS de l’Arrageois, 12 place des Héros, 62990 Arrageville';

type Outcome = 'present' | 'absent_excuse' | 'absent_non_excuse';
interface PastRendezVous {
  personId: number;
  date: string;
  object: string;
  print: boolean;
  outcome: Outcome | null;
}

export async function seedDemoRendezVous(call: DemoCall, options: DemoRendezVousOptions): Promise<{ planned: number[] }> {
  const { today } = options;
  const day = (offset: number) => addDaysIso(today, offset);
  const planned: number[] = [];
  const sessions = new Map<string, string>();
  /** Logs these référents in (again: after a jump of the clock, the previous sessions have expired), then the others out. */
  const relog = async (logins: readonly string[]) => {
    const previous = [...sessions.values()];
    sessions.clear();
    for (const login of logins) sessions.set(login, (await call('auth.login', { login, password: options.password })).session);
    for (const session of previous) await call('auth.logout', {}, session).catch(() => undefined);
  };
  const plan = async (referent: string, personId: number, date: string, time: string, object: string) => {
    const a = await call('appointments.plan', { personId, date, time, place: PLACE, object, withConvocation: true }, sessions.get(referent)!);
    planned.push(a.id);
    return a;
  };
  const person = (index: number, scenario: ParcoursScenario) => {
    const id = options.byReferent[index]?.[scenario];
    if (id === undefined) throw new Error(`dossier « ${scenario} » manquant`);
    return id;
  };

  const first = options.referents[0]!;
  const toRecord: { id: number; version: number; outcome: Outcome }[] = [];
  if (options.travel) {
    const past: PastRendezVous[] = [
      { personId: person(0, 'fin_proche'), date: day(-20), object: 'Point d’étape du contrat', print: false, outcome: 'present' },
      { personId: person(0, 'transmis'), date: day(-10), object: 'Préparation du contrat', print: false, outcome: 'absent_excuse' },
      ...[day(-24), day(-10)].map((date) => ({ personId: person(0, 'echu_sans_renouvellement'), date, object: 'Renouvellement du contrat', print: true, outcome: 'absent_non_excuse' as const })),
      ...[day(-21), day(-7)].map((date) => ({ personId: person(0, 'pole_emploi_sans_ede'), date, object: 'Entretien préalable au PPAE', print: true, outcome: null })),
    ];
    // Planned 30 days ago, the letters printed then.
    options.travel(day(-30));
    await relog([first]);
    const session = () => sessions.get(first)!;
    const ids = new Map<PastRendezVous, { id: number; version: number }>();
    for (const r of past) {
      const a = await plan(first, r.personId, r.date, '09:30', r.object);
      if (!r.print) {
        ids.set(r, a);
        continue;
      }
      // Printing archives the letter on the rendez-vous (a new version).
      await call('appointments.printConvocation', { appointmentId: a.id }, session());
      const { upcoming } = await call('appointments.listForDossier', { personId: r.personId }, session());
      ids.set(r, upcoming.find((x) => x.id === a.id)!);
    }
    options.travel(null);
    for (const r of past.filter((x) => x.outcome).sort((a, b) => a.date.localeCompare(b.date))) toRecord.push({ ...ids.get(r)!, outcome: r.outcome! });
  }
  await relog(options.referents);
  // Back to today: the presences are recorded now, oldest first.
  for (const a of toRecord) await call('appointments.recordOutcome', { appointmentId: a.id, version: a.version, outcome: a.outcome }, sessions.get(first)!);
  for (const [i, referent] of options.referents.entries()) {
    await plan(referent, person(i, 'en_cours_avec_fiches'), today, '14:00', 'Suivi du contrat : recherche d’emploi');
    await plan(referent, person(i, 'fin_proche'), day(2), '10:00', 'Bilan du contrat et renouvellement');
    await plan(referent, person(i, 'en_cours_avec_fiches'), day(6), '11:00', 'Préparation de l’entretien d’embauche');
    await plan(referent, person(i, 'signature_en_retard'), day(16), '09:00', 'Signature du contrat');
  }
  await relog([]);
  return { planned };
}
