/**
 * The demo's fiches de liaison with a « Partie réservée au Président »: a request for actions du Conseil Général
 * agreed by the Président (by delegation), with the structure designated; and an avenant accepted by the
 * correspondent, awaiting the Président's decision. Created through the API, as the demo's staff would.
 */
import type { DossierCreateInput } from '../../shared/api/dossier';
import { addDaysIso, contractEndDate } from '../../shared/domain/rules/dates';
import type { DemoCall } from './ep-cases';
import { demoPapRow } from './parcours';

export interface DemoFicheCasesOptions {
  /** Today (yyyy-mm-dd) as the app sees it: every fact is dated before it. */
  today: string;
  /** Two dossier inputs, already naming the demo référent and correspondant. */
  dossiers: readonly DossierCreateInput[];
  password: string;
}

export const DEMO_DESIGNATED_STRUCTURE = 'Centre social Les Tilleuls, 8 rue des Écoles, 62990 Arrageville (animatrice : Mme Carpentier, 03 21 00 40 40)';

/** Creates the two fiches; returns their ids. */
export async function seedDemoFicheCases(call: DemoCall, options: DemoFicheCasesOptions): Promise<{ actionsCg: number; avenant: number }> {
  const day = (offset: number) => addDaysIso(options.today, offset);
  const login = async (name: string) => (await call('auth.login', { login: name, password: options.password })).session;
  const referent = await login('referent1');
  const correspondant = await login('correspondant1');
  const [first, second] = options.dossiers;
  if (!first || !second) throw new Error('deux dossiers attendus');
  const solidarite = (await call('organismes.list', {}, correspondant)).find((o) => o.type === 'solidarite')!;
  const grid = await call('ede.grid', {}, referent);

  /** A dossier oriented in solidarité 60 days ago, with an EDE 50 days ago. */
  const oriented = async (input: DossierCreateInput): Promise<number> => {
    const personId = (await call('dossiers.create', input, referent)).person.id;
    await call(
      'orientation.decide',
      { personId, date: day(-60), orientation: 'solidarite', organismeReferentId: solidarite.id, correspondantId: input.person.correspondantId!, motif: 'Freins sociaux à lever (démonstration)' },
      correspondant,
    );
    await call('ede.create', { personId, date: day(-50), gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, 5])) }, referent);
    return personId;
  };

  // Actions du Conseil Général: sent, accepted, agreed by the Président with the structure designated.
  const cgPerson = await oriented(first);
  const signed = { referent: day(-12), beneficiaire: day(-12) };
  let cg = await call(
    'fiches.create',
    { personId: cgPerson, type: 'actions_cg', date: day(-12), actionsCg: [{ code: 'is_axe1_budget' }, { code: 'is_transversal_mobilite' }], structureSouhaitee: 'Centre social Les Tilleuls', signatures: signed },
    referent,
  );
  cg = await call('fiches.send', { ficheId: cg.id, version: cg.version, date: day(-12) }, referent);
  cg = await call('fiches.answer', { ficheId: cg.id, version: cg.version, date: day(-10), decision: 'acceptee', texte: 'Demande transmise pour décision du Président.' }, correspondant);
  cg = await call(
    'fiches.presidentDecision',
    {
      ficheId: cg.id,
      version: cg.version,
      decision: 'accord',
      structure: DEMO_DESIGNATED_STRUCTURE,
      date: day(-8),
      signatoryName: 'Bénédicte Caron',
      signatoryFunction: 'Chef du Service Local Allocation Insertion',
      signatoryDelegation: 'Par délégation',
    },
    correspondant,
  );

  // Avenant to a CERS in force: accepted by the correspondent, awaiting the Président.
  const avPerson = await oriented(second);
  const start = day(-30);
  const end = contractEndDate(start, 6);
  let contract = await call(
    'contracts.create',
    {
      personId: avPerson,
      type: 'CERS',
      start,
      durationMonths: 6,
      objectifs: 'Stabiliser le budget et préparer la mobilité',
      resultatsAttendus: 'Un budget équilibré et un moyen de transport',
      pap: { actions: [demoPapRow('A.1.1', start, day(60)), demoPapRow('D.3', day(-20), end)] },
      referent: { lieuSuivi: 'MDS de l’Arrageois', prochainsRendezVous: [day(14)] },
    },
    referent,
  );
  contract = await call('contracts.sign', { contractId: contract.id, version: contract.version, referent: { nom: 'Jérôme Dubois', date: day(-35) }, beneficiaire: { nom: second.person.prenoms, date: day(-35) } }, referent);
  contract = await call('contracts.transmit', { contractId: contract.id, version: contract.version, date: day(-34) }, referent);
  contract = await call('contracts.validate', { contractId: contract.id, version: contract.version, date: day(-33) }, correspondant);
  const pap = contract.pap.actions.map(({ actionLabel: _label, ...r }) => ({ ...r, bilan: r.bilan ?? undefined }));
  let avenant = await call(
    'fiches.create',
    {
      personId: avPerson,
      type: 'avenant',
      date: day(-5),
      contractId: contract.id,
      motif: 'Ajout d’une action mobilité (permis de conduire)',
      pap: { actions: [...pap, demoPapRow('I.2', day(1), day(90))] },
      signatures: { referent: day(-5), beneficiaire: day(-5) },
    },
    referent,
  );
  avenant = await call('fiches.send', { ficheId: avenant.id, version: avenant.version, date: day(-5) }, referent);
  avenant = await call('fiches.answer', { ficheId: avenant.id, version: avenant.version, date: day(-3), decision: 'acceptee', texte: 'Avenant transmis pour décision du Président.' }, correspondant);

  for (const session of [referent, correspondant]) await call('auth.logout', {}, session);
  return { actionsCg: cg.id, avenant: avenant.id };
}
