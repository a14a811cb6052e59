/**
 * The demo's EP cases, so that a new user can run an EP session end to end: saisines waiting in the queue (a
 * suspension with its two convocation letters, a réorientation with its EDE), a session with cases inscribed, and a
 * session held whose avis awaits the Président's decision. Created through the API, as the demo's staff would.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { DossierCreateInput } from '../../shared/api/dossier';
import { addDaysIso } from '../../shared/domain/rules/dates';

/** Calls the API (as seed.ts does: a refusal stops the demo with a French error). */
export type DemoCall = <M extends MethodName>(method: M, input: MethodInput<M>, session?: string) => Promise<MethodOutput<M>>;

export interface DemoEpCasesOptions {
  /** Today (yyyy-mm-dd) as the app sees it: facts are dated before it, the next session after it. */
  today: string;
  /** Dossier inputs of the persons seized (at least 5), already naming the demo référent and correspondant. */
  dossiers: readonly DossierCreateInput[];
  password: string;
}

/** A stand-in convocation letter (the demo's fiches attach it). */
export const CONVOCATION_PDF = Buffer.from('%PDF-1.4\n% courrier de convocation (démonstration)\n%%EOF\n').toString('base64');

/** Creates the EP cases of the demo; returns the ids of the saisines and sessions made. */
export async function seedDemoEpCases(call: DemoCall, options: DemoEpCasesOptions): Promise<{ saisines: number[]; sessions: number[] }> {
  const { today } = options;
  const day = (offset: number) => addDaysIso(today, offset);
  const login = async (name: string) => (await call('auth.login', { login: name, password: options.password })).session;
  const referent = await login('referent1');
  const correspondant = await login('correspondant1');
  const secretaire = await login('secretaire');
  const organismes = await call('organismes.list', {}, correspondant);
  const solidarite = organismes.find((o) => o.type === 'solidarite')!;
  const grid = await call('ede.grid', {}, referent);

  /** A dossier oriented in solidarité, then a fiche accepted by the correspondent: the saisine of the EP. */
  const seize = async (input: DossierCreateInput, fiche: 'suspension' | 'reorientation'): Promise<number> => {
    const dossier = await call('dossiers.create', input, referent);
    const personId = dossier.person.id;
    await call(
      'orientation.decide',
      { personId, date: day(-60), orientation: 'solidarite', organismeReferentId: solidarite.id, correspondantId: input.person.correspondantId!, motif: 'Première orientation (démonstration)' },
      correspondant,
    );
    const date = day(-10);
    const created =
      fiche === 'suspension'
        ? await call('fiches.create', { personId, date, type: 'suspension', motif: 'non_signature', motifPrecision: 'Deux rendez-vous manqués sans excuse', signatures: { referent: date } }, referent)
        : await call(
            'fiches.create',
            {
              personId,
              date,
              type: 'reorientation',
              motif: 'changement_situation',
              motifPrecision: 'Projet professionnel construit',
              cible: 'professionnelle_autre',
              edeId: (await call('ede.create', { personId, date, gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, 1])) }, referent)).id,
              texte: 'Demande de passage vers un accompagnement professionnel',
              // The input schema takes the EDE of a réorientation (its inferred input type does not name it).
            } as MethodInput<'fiches.create'>,
            referent,
          );
    if (fiche === 'suspension') {
      for (const offset of [-40, -25]) {
        await call(
          'attachments.upload',
          { owner: { type: 'fiche', id: created.id }, kind: 'convocation', fileName: `convocation-${day(offset)}.pdf`, mime: 'application/pdf', contentBase64: CONVOCATION_PDF, documentDate: day(offset), label: `Convocation du ${day(offset)}` },
          referent,
        );
      }
    }
    const sent = await call('fiches.send', { ficheId: created.id, version: created.version, date }, referent);
    const answered = await call('fiches.answer', { ficheId: sent.id, version: sent.version, date, decision: 'acceptee', texte: 'Demande transmise à l’équipe pluridisciplinaire.' }, correspondant);
    return answered.epSaisineId!;
  };

  const [d1, d2, d3, d4, d5] = options.dossiers;
  if (!d5) throw new Error('cinq dossiers attendus');
  const saisines = [await seize(d1!, 'suspension'), await seize(d2!, 'reorientation'), await seize(d3!, 'suspension'), await seize(d4!, 'reorientation'), await seize(d5, 'suspension')];
  const slots = { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' };

  // A session to come, its ordre du jour arrêté.
  const next = await call('ep.sessions.create', { date: day(21), place: 'MDS de l’Arrageois, salle du conseil', ...slots }, secretaire);
  await call('ep.sessions.addSaisines', { sessionId: next.id, saisineIds: [saisines[2]!, saisines[3]!] }, secretaire);
  await call('ep.sessions.advance', { sessionId: next.id, to: 'dossiers_inscrits' }, secretaire);

  // A session held today: the avis is given, the Président's decision awaits.
  let held = await call('ep.sessions.create', { date: today, place: 'MDS de l’Arrageois, salle du conseil', ...slots }, secretaire);
  held = await call('ep.sessions.addSaisines', { sessionId: held.id, saisineIds: [saisines[4]!] }, secretaire);
  for (const to of ['dossiers_inscrits', 'convocations_envoyees', 'tenue'] as const) held = await call('ep.sessions.advance', { sessionId: held.id, to, date: today }, secretaire);
  held = await call('ep.sessions.recordAttendance', { sessionId: held.id, attendance: held.attendance.map((a) => ({ memberId: a.memberId, status: 'present' as const })) }, secretaire);
  const item = held.items[0]!;
  await call('ep.sessions.recordAvis', { sessionId: held.id, itemId: item.itemId, date: today, sens: 'favorable', motivation: 'Contrat non signé malgré deux convocations ; aucune excuse présentée.' }, secretaire);
  await call('ep.sessions.advance', { sessionId: held.id, to: 'avis_rendus', date: today }, secretaire);

  for (const session of [referent, correspondant, secretaire]) await call('auth.logout', {}, session);
  return { saisines: saisines.slice(0, 2), sessions: [next.id, held.id] };
}
