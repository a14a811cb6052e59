import type { Page } from '@playwright/test';
import { addDays, addMonths, format, startOfMonth, subMonths } from 'date-fns';
import { LoginPage } from './login.page';
import { SetupPage } from './setup.page';

/**
 * Seeds what the EP screens need through the API of the running host (`POST <host>/api` with the page's launch
 * token): staff accounts, organismes, three dossiers and their EP saisines — a réorientation and a suspension
 * through the fiche de liaison flow (created, sent, accepted by the correspondent), and a CERS reaching 12 months
 * of solidarité follow-up (CERS of 6 months renewed once, dated a year back, terminated at its term).
 */
export class EpApi {
  constructor(
    private readonly page: Page,
    private readonly url: string,
  ) {}

  async call<T = unknown>(method: string, input: unknown, session?: string): Promise<T> {
    const token = (await this.page.locator('meta[name="parcours-launch-token"]').getAttribute('content')) ?? '';
    const response = await this.page.request.post(new URL('api', this.url).toString(), {
      headers: { 'x-parcours-token': token },
      data: { method, input, session },
    });
    const body = (await response.json()) as { ok: boolean; value?: unknown; error?: unknown };
    if (!body.ok) throw new Error(`${method} refusé : ${JSON.stringify(body.error)}`);
    return body.value as T;
  }

  async login(login: string, password: string): Promise<string> {
    return (await this.call<{ session: string }>('auth.login', { login, password })).session;
  }
}

export const PASSWORD = 'mot-de-passe-solide';
export const ADMIN = { login: 'admin', displayName: 'Camille Martin', structure: 'MDS de l’Arrageois' };
export const REFERENT = { login: 'r.durand', displayName: 'Romain Durand', structure: 'MDS de l’Arrageois' };
export const CORRESPONDANT = { login: 'c.petit', displayName: 'Claire Petit', structure: 'SLAI de l’Arrageois' };
export const SECRETAIRE = { login: 's.leroy', displayName: 'Sophie Leroy', structure: 'Secrétariat EP de l’Arrageois' };

const iso = (d: Date): string => format(d, 'yyyy-MM-dd');
export const todayIso = (): string => iso(new Date());
export const todayFr = (): string => format(new Date(), 'dd/MM/yyyy');

export interface EpSeed {
  api: EpApi;
  people: { reo: { personId: number; nom: string }; susp: { personId: number; nom: string }; cers: { personId: number; nom: string } };
}

const row = (actionCode: string, start: string, end: string) => ({
  theme: actionCode.charAt(0),
  actionCode,
  start,
  end,
  engagementReferent: `Le référent accompagne l’action ${actionCode}`,
  engagementBeneficiaire: `Le bénéficiaire s’engage sur l’action ${actionCode}`,
});

export async function seedEpWorld(page: Page, url: string): Promise<EpSeed> {
  await page.goto(url);
  await new SetupPage(page).complete({ mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois' }, admin: { ...ADMIN, password: PASSWORD } });
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
  const api = new EpApi(page, url);
  const admin = await api.login(ADMIN.login, PASSWORD);
  const referent = await api.call<{ id: number }>('users.create', { ...REFERENT, role: 'referent', password: PASSWORD }, admin);
  const correspondant = await api.call<{ id: number }>('users.create', { ...CORRESPONDANT, role: 'correspondant', password: PASSWORD }, admin);
  await api.call('users.create', { ...SECRETAIRE, role: 'secretaire_ep', password: PASSWORD }, admin);
  const mds = await api.call<{ id: number }>('organismes.create', { name: 'MDS de l’Arrageois', type: 'solidarite' }, admin);
  await api.call('organismes.create', { name: 'PLIE de l’Arrageois', type: 'professionnel' }, admin);
  const ref = await api.login(REFERENT.login, PASSWORD);
  const corr = await api.login(CORRESPONDANT.login, PASSWORD);

  const today = new Date();
  const dossier = async (nom: string, prenoms: string, caf: string, orientationDate: string) => {
    const d = await api.call<{ person: { id: number } }>(
      'dossiers.create',
      {
        foyer: { cafNumber: caf, situationFamiliale: 'celibataire', address: { line1: '12 rue des Tilleuls', postalCode: '62000', city: 'Arras' }, enfants: [] },
        person: { nomPatronymique: nom, prenoms, sexe: 'F', dateNaissance: '1985-03-15', niveauFormation: 'V', referentId: referent.id, correspondantId: correspondant.id },
      },
      admin,
    );
    await api.call(
      'orientation.decide',
      { personId: d.person.id, date: orientationDate, orientation: 'solidarite', organismeReferentId: mds.id, correspondantId: correspondant.id, motif: 'Première orientation' },
      admin,
    );
    return d.person.id;
  };
  const recent = iso(addDays(today, -20));
  const reoId = await dossier('Lebrun', 'Lucie', '1111111', recent);
  const suspId = await dossier('Fontaine', 'Marc', '2222222', recent);
  const m0 = subMonths(startOfMonth(today), 13);
  const cersId = await dossier('Girard', 'Nina', '3333333', iso(addDays(m0, -10)));

  // Réorientation: an EDE, then the fiche (created, sent, accepted).
  const grid = await api.call<{ version: number; items: { key: string }[] }>('ede.grid', {}, ref);
  const ede = await api.call<{ id: number }>(
    'ede.create',
    { personId: reoId, date: recent, gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, 1])) },
    ref,
  );
  const accept = async (fiche: { id: number; version: number }) => {
    const sent = await api.call<{ id: number; version: number }>('fiches.send', { ficheId: fiche.id, version: fiche.version, date: todayIso() }, ref);
    const answered = await api.call<{ epSaisineId: number | null }>(
      'fiches.answer',
      { ficheId: sent.id, version: sent.version, date: todayIso(), decision: 'acceptee', texte: 'Demande transmise à l’équipe pluridisciplinaire.' },
      corr,
    );
    if (answered.epSaisineId === null) throw new Error('La fiche acceptée n’a pas saisi l’EP');
  };
  const reo = await api.call<{ id: number; version: number }>(
    'fiches.create',
    { personId: reoId, date: todayIso(), type: 'reorientation', motif: 'autres', motifPrecision: 'Projet professionnel construit', cible: 'professionnelle_autre', edeId: ede.id, texte: 'Demande de passage vers le PLIE' },
    ref,
  );
  await accept(reo);

  // Suspension: the fiche with the convocation letters attached.
  const susp = await api.call<{ id: number; version: number }>(
    'fiches.create',
    { personId: suspId, date: todayIso(), type: 'suspension', motif: 'non_signature', motifPrecision: 'Trois rendez-vous manqués', signatures: { referent: todayIso() } },
    ref,
  );
  for (const days of [15, 8]) {
    const day = iso(addDays(today, -days));
    await api.call(
      'attachments.upload',
      {
        owner: { type: 'fiche', id: susp.id },
        kind: 'convocation',
        fileName: `convocation-${day}.pdf`,
        mime: 'application/pdf',
        contentBase64: Buffer.from('%PDF-1.4\n% convocation\n%%EOF\n').toString('base64'),
        documentDate: day,
        label: `Convocation du ${format(addDays(today, -days), 'dd/MM/yyyy')}`,
      },
      ref,
    );
  }
  await accept(susp);

  // CERS at 12 months: a 6-month CERS started 13 months ago, renewed once, both terminated at term.
  const start1 = iso(m0);
  const end1 = iso(addDays(addMonths(m0, 6), -1));
  const signed = iso(addDays(m0, -1));
  type C = { id: number; version: number; pap: { actions: { resultat: string | null; bilan: string | null }[] } };
  let c1 = await api.call<C>(
    'contracts.create',
    {
      personId: cersId,
      type: 'CERS',
      start: start1,
      durationMonths: 6,
      objectifs: 'Stabiliser la situation de logement',
      resultatsAttendus: 'Un logement adapté',
      pap: { actions: [row('A.1.1', start1, end1)] },
      referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: [] },
    },
    ref,
  );
  const runLife = async (c: C, signDate: string, startDate: string): Promise<C> => {
    let x = await api.call<C>('contracts.sign', { contractId: c.id, version: c.version, referent: { nom: REFERENT.displayName, date: signDate }, beneficiaire: { nom: 'Nina Girard', date: signDate } }, ref);
    x = await api.call<C>('contracts.transmit', { contractId: x.id, version: x.version, date: signDate }, ref);
    x = await api.call<C>('contracts.validate', { contractId: x.id, version: x.version, date: signDate }, corr);
    x = await api.call<C>('contracts.start', { contractId: x.id, version: x.version, date: startDate }, ref);
    return api.call<C>('contracts.saveBilan', { contractId: x.id, version: x.version, pap: { actions: x.pap.actions.map(() => ({ resultat: 'partiellement_atteint', bilan: 'Démarches engagées' })) } }, ref);
  };
  // The EDE made with the beneficiary before each contract (required at signature).
  const edeOn = (date: string) =>
    api.call('ede.create', { personId: cersId, date, gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, 4])) }, ref);
  await edeOn(iso(addDays(m0, -5)));
  c1 = await runLife(c1, signed, start1);
  const renewal = await api.call<C>('contracts.renew', { contractId: c1.id, version: c1.version, durationMonths: 6, newActions: [] }, ref);
  c1 = await api.call<C>('contracts.get', { contractId: c1.id }, ref);
  await api.call('contracts.terminate', { contractId: c1.id, version: c1.version, date: iso(addMonths(m0, 6)), bilanGeneral: 'Premier semestre' }, ref);
  await edeOn(iso(addMonths(m0, 5)));
  const c2 = await runLife(renewal, iso(addDays(addMonths(m0, 6), -1)), iso(addMonths(m0, 6)));
  const ended = await api.call<{ epSaisineId: number | null }>('contracts.terminate', { contractId: c2.id, version: c2.version, date: iso(addMonths(m0, 12)), bilanGeneral: 'Suivi de 12 mois' }, ref);
  if (ended.epSaisineId === null) throw new Error('Le CERS à 12 mois n’a pas saisi l’EP');

  return {
    api,
    people: { reo: { personId: reoId, nom: 'LEBRUN' }, susp: { personId: suspId, nom: 'FONTAINE' }, cers: { personId: cersId, nom: 'GIRARD' } },
  };
}

export async function loginAs(page: Page, login: string): Promise<void> {
  await new LoginPage(page).login(login, PASSWORD);
  await page.getByRole('banner').waitFor();
}
