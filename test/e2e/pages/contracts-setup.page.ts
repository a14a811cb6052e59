import type { Page } from '@playwright/test';
import { LoginPage } from './login.page';
import { SetupPage } from './setup.page';

/**
 * Sets up what the contract and fiche screens need, quickly, through the API of the running host (the same
 * `POST /api` the page uses, with its launch token): accounts, dossiers and orientation decisions.
 */
export class ApiSetup {
  constructor(private readonly page: Page) {}

  async call<T = unknown>(method: string, input: unknown, session?: string): Promise<T> {
    const response = await this.page.evaluate(
      async ({ method, input, session }) => {
        const token = document.querySelector<HTMLMetaElement>('meta[name="parcours-launch-token"]')?.content ?? '';
        const res = await fetch('/api', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-parcours-token': token },
          body: JSON.stringify({ method, input, session }),
        });
        return (await res.json()) as { ok: boolean; value?: unknown; error?: unknown };
      },
      { method, input, session },
    );
    if (!response.ok) throw new Error(`${method} refusé : ${JSON.stringify(response.error)}`);
    return response.value as T;
  }

  async login(login: string, password: string): Promise<string> {
    const out = await this.call<{ session: string }>('auth.login', { login, password });
    return out.session;
  }
}

export const PASSWORD = 'mot-de-passe-solide';
export const ADMIN = { login: 'admin', displayName: 'Camille Martin', structure: 'MDS de l’Arrageois' };
export const REFERENT = { login: 'r.durand', displayName: 'Romain Durand', structure: 'MDS de l’Arrageois – Solidarité' };
export const CORRESPONDANT = { login: 'c.petit', displayName: 'Claire Petit', structure: 'SLAI de l’Arrageois' };

export interface SeededPerson {
  personId: number;
  /** « NOM Prénom » as the screens show it. */
  name: string;
}

export interface World {
  api: ApiSetup;
  adminSession: string;
  referentId: number;
  correspondantId: number;
  people: Record<string, SeededPerson>;
}

export interface PersonSeed {
  key: string;
  nom: string;
  prenom: string;
  caf: string;
  /** Orientation decided today (none: no contract possible). */
  orientation?: 'solidarite' | 'professionnelle_autre';
}

/** Today in the host's (and the browser's) calendar, as 'YYYY-MM-DD'. */
export const todayIso = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};
export const todayFr = (): string => todayIso().split('-').reverse().join('/');

/** First run (setup wizard in the UI), then accounts, organismes, dossiers and orientations through the API. */
export async function seedWorld(page: Page, url: string, persons: PersonSeed[]): Promise<World> {
  await page.goto(url);
  await new SetupPage(page).complete({ mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois' }, admin: { ...ADMIN, password: PASSWORD } });
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
  const api = new ApiSetup(page);
  const adminSession = await api.login(ADMIN.login, PASSWORD);
  const referent = await api.call<{ id: number }>('users.create', { ...REFERENT, role: 'referent', password: PASSWORD }, adminSession);
  const correspondant = await api.call<{ id: number }>('users.create', { ...CORRESPONDANT, role: 'correspondant', password: PASSWORD }, adminSession);
  const organismes = {
    solidarite: await api.call<{ id: number }>('organismes.create', { name: 'MDS de l’Arrageois', type: 'solidarite' }, adminSession),
    professionnelle_autre: await api.call<{ id: number }>('organismes.create', { name: 'PLIE de l’Arrageois', type: 'professionnel' }, adminSession),
  };
  const people: Record<string, SeededPerson> = {};
  for (const p of persons) {
    const dossier = await api.call<{ person: { id: number } }>(
      'dossiers.create',
      {
        foyer: {
          cafNumber: p.caf,
          situationFamiliale: 'celibataire',
          address: { line1: '12 rue des Tilleuls', postalCode: '62000', city: 'Arras' },
          enfants: [],
        },
        person: {
          nomPatronymique: p.nom,
          prenoms: p.prenom,
          sexe: 'F',
          dateNaissance: '1985-03-15',
          niveauFormation: 'V',
          referentId: referent.id,
          correspondantId: correspondant.id,
        },
      },
      adminSession,
    );
    if (p.orientation) {
      await api.call(
        'orientation.decide',
        {
          personId: dossier.person.id,
          date: todayIso(),
          orientation: p.orientation,
          organismeReferentId: organismes[p.orientation].id,
          correspondantId: correspondant.id,
          motif: 'Décision de l’équipe d’orientation du territoire',
        },
        adminSession,
      );
    }
    people[p.key] = { personId: dossier.person.id, name: `${p.nom.toUpperCase()} ${p.prenom}` };
  }
  return { api, adminSession, referentId: referent.id, correspondantId: correspondant.id, people };
}

/** Logs in through the login screen (after a logout or on the first screen). */
export async function loginAs(page: Page, login: string): Promise<void> {
  await new LoginPage(page).login(login, PASSWORD);
  await page.getByRole('banner').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
  await page.getByRole('button', { name: 'Se connecter' }).waitFor();
}
