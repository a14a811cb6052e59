/**
 * The demo's équipe d’orientation (issue 11): three dossiers whose EDE lies between the thresholds (the EP/EO
 * decides). Two are examined by the EO in one batch; one decision follows its préconisation, the other differs from
 * it with its « motif de l’écart »; the third still awaits its préconisation (listed on « Équipe d’orientation »).
 * Created through the API, as the demo's staff would.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract';
import type { DossierCreateInput } from '../../shared/api/dossier';
import { addDaysIso } from '../../shared/domain/rules/dates';

type Call = <M extends MethodName>(method: M, input: MethodInput<M>, session?: string) => Promise<MethodOutput<M>>;

export const DEMO_EO_TEAM = 'Équipe d’orientation de l’Arrageois';

/** Paliers giving 28 points with the default grid: between the thresholds (18 to 35). */
const MIDDLE_BAND = [3, 3, 3, 3, 3, 3, 2, 2];

export async function seedDemoOrientationTeam(
  call: Call,
  options: { today: string; dossiers: readonly DossierCreateInput[]; password: string },
): Promise<{ personIds: number[]; batchId: string }> {
  const day = (offset: number) => addDaysIso(options.today, offset);
  const [d1, d2, d3] = options.dossiers;
  if (!d1 || !d2 || !d3) throw new Error('trois dossiers attendus');
  const referent = (await call('auth.login', { login: 'referent1', password: options.password })).session;
  const correspondant = (await call('auth.login', { login: 'correspondant1', password: options.password })).session;
  const grid = await call('ede.grid', {}, referent);
  const personIds: number[] = [];
  for (const input of [d1, d2, d3]) {
    const { person } = await call('dossiers.create', input, referent);
    const paliers = Object.fromEntries(grid.items.map((item, i) => [item.key, MIDDLE_BAND[i] ?? 3]));
    await call('ede.create', { personId: person.id, date: day(-30), gridVersion: grid.version, paliers }, referent);
    personIds.push(person.id);
  }
  const [p1, p2] = personIds as [number, number, number];
  const { batchId } = await call(
    'orientation.preconisations.record',
    {
      date: day(-20),
      team: DEMO_EO_TEAM,
      comment: 'Séance mensuelle : diagnostic socioprofessionnel et échelles de distance à l’emploi examinés.',
      items: [
        { personId: p1, preconisation: 'professionnelle_autre' },
        { personId: p2, preconisation: 'professionnelle_autre' },
      ],
    },
    correspondant,
  );
  const organismes = await call('organismes.list', {}, correspondant);
  const byType = (type: 'professionnel' | 'solidarite') => organismes.find((o) => o.type === type)!.id;
  const correspondantId = d1.person.correspondantId!;
  await call(
    'orientation.decide',
    { personId: p1, date: day(-10), orientation: 'professionnelle_autre', organismeReferentId: byType('professionnel'), correspondantId, motif: 'Suit la préconisation de l’équipe d’orientation' },
    correspondant,
  );
  await call(
    'orientation.decide',
    {
      personId: p2,
      date: day(-10),
      orientation: 'solidarite',
      organismeReferentId: byType('solidarite'),
      correspondantId,
      motif: 'Entretien avec le correspondant',
      divergenceReason: 'Hébergement précaire depuis la séance : la situation sociale est à stabiliser avant un parcours professionnel.',
    },
    correspondant,
  );
  for (const session of [referent, correspondant]) await call('auth.logout', {}, session);
  return { personIds, batchId };
}
