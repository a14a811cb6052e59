import { describe, expect, it } from 'vitest';
import { api, isMethodName } from '../../shared/api/contract';
import { dossierCreateInputSchema } from '../../shared/api/dossier';
import type { ApiRequest, ApiResponse } from '../../shared/api/transport';
import { DEMO_MDS, DEMO_PASSWORD, DemoSeedError, buildDemoFoyers, seedDemo } from './seed';

/**
 * A small fake App that enforces the real contract: each input goes through the method's zod schema,
 * non-public methods need a session, and logins check the password the account was created with.
 */
function contractApp(options: { initialized?: boolean } = {}) {
  const calls: ApiRequest[] = [];
  let initialized = options.initialized ?? false;
  let nextId = 1;
  const accounts = new Map<string, { id: number; password: string; role: string }>();
  const sessions = new Set<string>();
  const fail = (code: 'VALIDATION' | 'UNAUTHENTICATED' | 'UNKNOWN_METHOD' | 'ALREADY_INITIALIZED' | 'CONFLICT', message: string): ApiResponse => ({
    ok: false,
    error: { code, message },
  });
  const cafNumbers = new Set<string>();
  return {
    calls,
    accounts,
    async handle(request: ApiRequest): Promise<ApiResponse> {
      calls.push(structuredClone(request));
      if (!isMethodName(request.method)) return fail('UNKNOWN_METHOD', 'Méthode inconnue');
      const def = api[request.method];
      const parsed = def.input.safeParse(request.input);
      if (!parsed.success) return fail('VALIDATION', `Saisie invalide : ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join(', ')}`);
      if (def.access !== 'public' && (!request.session || !sessions.has(request.session))) return fail('UNAUTHENTICATED', 'Session absente');
      const input = parsed.data as Record<string, never>;
      switch (request.method) {
        case 'app.status':
          return { ok: true, value: { initialized, mds: null, appVersion: '0.0.0', schemaVersion: 1 } };
        case 'setup.create': {
          if (initialized) return fail('ALREADY_INITIALIZED', 'Déjà initialisée');
          initialized = true;
          const admin = (input as unknown as { admin: { login: string; password: string } }).admin;
          accounts.set(admin.login, { id: nextId++, password: admin.password, role: 'administrateur' });
          return { ok: true, value: { ok: true } };
        }
        case 'auth.login': {
          const { login, password } = input as unknown as { login: string; password: string };
          const account = accounts.get(login);
          if (!account || account.password !== password) return fail('UNAUTHENTICATED', 'Identifiants incorrects');
          const session = `s${nextId++}`;
          sessions.add(session);
          return { ok: true, value: { session, user: { id: account.id, login } } };
        }
        case 'auth.logout':
          sessions.delete(request.session!);
          return { ok: true, value: { ok: true } };
        case 'users.create': {
          const { login, password, role } = input as unknown as { login: string; password: string; role: string };
          if (accounts.has(login)) return fail('CONFLICT', 'Identifiant déjà pris');
          const id = nextId++;
          accounts.set(login, { id, password, role });
          return { ok: true, value: { id, login, role } };
        }
        case 'dossiers.create': {
          const caf = (input as unknown as { foyer: { cafNumber: string } }).foyer.cafNumber;
          if (cafNumbers.has(caf)) return fail('CONFLICT', 'N° CAF déjà utilisé');
          cafNumbers.add(caf);
          return { ok: true, value: { person: { id: nextId++ } } };
        }
        case 'organismes.create':
          return { ok: true, value: { id: nextId++, ...input, active: true } };
        case 'ep.save':
        case 'ep.addMember':
          return { ok: true, value: { id: 1 } };
        default:
          return fail('UNKNOWN_METHOD', `Non simulé : ${request.method}`);
      }
    },
  };
}

const dossierInputs = (calls: readonly ApiRequest[]) =>
  calls.filter((c) => c.method === 'dossiers.create').map((c) => dossierCreateInputSchema.parse(c.input));

describe('seedDemo', () => {
  it('sets up the fictitious MDS and the demo accounts, which can log in', async () => {
    const app = contractApp();
    const result = await seedDemo(app, { foyers: 20 });
    const setup = app.calls.find((c) => c.method === 'setup.create');
    expect(setup?.input).toMatchObject({ mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois' } });
    expect(DEMO_MDS.name).toBe('MDS de l’Arrageois');

    const byRole = (role: string) => result.accounts.filter((a) => a.role === role).length;
    expect(result.accounts).toHaveLength(8);
    expect([byRole('administrateur'), byRole('correspondant'), byRole('secretaire_ep'), byRole('referent')]).toEqual([1, 2, 1, 4]);
    expect(new Set(result.accounts.map((a) => a.login)).size).toBe(8);
    for (const account of result.accounts) {
      expect(account.password).toBe(DEMO_PASSWORD);
      const login = await app.handle({ method: 'auth.login', input: { login: account.login, password: account.password } });
      expect(login.ok, account.login).toBe(true);
      expect(app.accounts.get(account.login)?.role).toBe(account.role);
    }
    expect(result.foyers).toBe(20);
  });

  it('creates the foyers through the API with valid inputs, as the admin, then logs out', async () => {
    const app = contractApp();
    const result = await seedDemo(app, { foyers: 300 });
    const creates = app.calls.filter((c) => c.method === 'dossiers.create');
    expect(creates).toHaveLength(300);
    const adminSession = creates[0]!.session;
    expect(adminSession).toBeTruthy();
    expect(creates.every((c) => c.session === adminSession)).toBe(true);
    expect(app.calls.at(-1)).toMatchObject({ method: 'auth.logout', session: adminSession });
    const inputs = dossierInputs(app.calls);
    expect(result.persons).toBe(300 + inputs.filter((i) => i.conjoint).length);
  });

  it('produces realistic, varied data: unique CAF numbers, PE numbers, conjoints, children, accents, référents spread', async () => {
    const app = contractApp();
    await seedDemo(app, { foyers: 300 });
    const inputs = dossierInputs(app.calls);

    const caf = inputs.map((i) => i.foyer.cafNumber);
    expect(new Set(caf).size).toBe(300);
    expect(caf.every((n) => /^\d{7}$/.test(n))).toBe(true);
    expect(inputs.every((i) => /^\d{5}$/.test(i.foyer.address.postalCode))).toBe(true);

    const withPe = inputs.filter((i) => i.person.peNumber).length;
    expect(withPe).toBeGreaterThan(60);
    expect(withPe).toBeLessThan(240);
    expect(inputs.filter((i) => i.conjoint).length).toBeGreaterThan(30);
    expect(inputs.filter((i) => i.foyer.enfants.length > 0).length).toBeGreaterThan(60);
    expect(inputs.filter((i) => i.foyer.enfants.length === 0).length).toBeGreaterThan(30);

    const names = inputs.flatMap((i) => [i.person.nomPatronymique, i.person.prenoms, i.conjoint?.prenoms ?? '']).join(' ');
    expect(names).toMatch(/[éèêëàâïîôöûüçÉÈ]/);
    for (const name of ['Hélène', 'Lefèvre', 'Éloïse', 'Bénédicte']) {
      expect(names).toContain(name);
    }

    const referentIds = new Map<number, number>();
    for (const i of inputs) if (i.person.referentId) referentIds.set(i.person.referentId, (referentIds.get(i.person.referentId) ?? 0) + 1);
    expect(referentIds.size).toBe(4);
    for (const count of referentIds.values()) expect(count).toBeGreaterThan(30);
    expect(inputs.some((i) => i.person.referentId === null)).toBe(true);

    // Ages: adults of working age on the reference day; children born after the parent turned 18.
    for (const i of inputs) {
      const year = Number(i.person.dateNaissance.slice(0, 4));
      expect(2025 - year).toBeGreaterThanOrEqual(18);
      expect(2025 - year).toBeLessThanOrEqual(66);
      for (const child of i.foyer.enfants) expect(child.dateNaissance > i.person.dateNaissance).toBe(true);
    }
  });

  it('is deterministic for a seed and differs between seeds', async () => {
    const a = contractApp();
    const b = contractApp();
    const c = contractApp();
    await seedDemo(a, { seed: 7, foyers: 50 });
    await seedDemo(b, { seed: 7, foyers: 50 });
    await seedDemo(c, { seed: 8, foyers: 50 });
    const strip = (calls: ApiRequest[]) => calls.filter((x) => x.method === 'dossiers.create').map((x) => x.input);
    expect(strip(a.calls)).toEqual(strip(b.calls));
    expect(strip(a.calls)).not.toEqual(strip(c.calls));
    expect(buildDemoFoyers({ seed: 1, count: 5, referenceDate: new Date(Date.UTC(2025, 0, 1)), referentIds: [1], correspondantIds: [2] })).toEqual(
      buildDemoFoyers({ seed: 1, count: 5, referenceDate: new Date(Date.UTC(2025, 0, 1)), referentIds: [1], correspondantIds: [2] }),
    );
  });

  it('refuses an already set-up database and writes nothing', async () => {
    const app = contractApp({ initialized: true });
    await expect(seedDemo(app, { foyers: 10 })).rejects.toThrow(DemoSeedError);
    await expect(seedDemo(app, { foyers: 10 })).rejects.toThrow(/contient déjà une base.*Rien n’a été modifié/);
    expect(app.calls.map((c) => c.method)).toEqual(['app.status', 'app.status']);
  });

  it('stops with a French error naming the failing method when the API refuses a write', async () => {
    const app = contractApp();
    const failing = {
      handle: async (request: ApiRequest): Promise<ApiResponse> =>
        request.method === 'users.create' ? { ok: false, error: { code: 'FORBIDDEN', message: 'Action réservée.' } } : app.handle(request),
    };
    await expect(seedDemo(failing, { foyers: 5 })).rejects.toThrow('Création des données de démonstration interrompue (users.create) : Action réservée.');
    expect(app.calls.some((c) => c.method === 'dossiers.create')).toBe(false);
  });
});
