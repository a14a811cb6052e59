import { api, isMethodName, type MethodName, type MethodOutput, type MethodParsedInput, type User } from '../../shared/api/contract';
import type { Dossier, DossierSearchHit } from '../../shared/api/dossier';
import { ApiError } from '../../shared/api/errors';
import type { ApiRequest, ApiResponse, Transport } from '../../shared/api/transport';

// A fake main for the renderer's tests: checks each input against the contract (like the real
// dispatcher), answers from small in-memory state, and records every request.

export type FakeHandler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  request: ApiRequest,
) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type FakeHandlers = { [M in MethodName]?: FakeHandler<M> };

export interface FakeBackend {
  transport: Transport;
  /** Every request received, in order. */
  requests: ApiRequest[];
  /** Inputs received by one method. */
  inputsOf: (method: MethodName) => unknown[];
  /** Replace or add handlers. */
  handle: (handlers: FakeHandlers) => void;
  drafts: Map<string, { data: unknown; updatedAt: string }>;
  /** From now on, the session token is refused (as after an inactivity timeout). */
  expireSession: () => void;
}

export const ADMIN: User = {
  id: 1,
  login: 'admin',
  displayName: 'Alice Martin',
  role: 'administrateur',
  structure: 'MDS de Lens',
  mdsId: 1,
  active: true,
};
export const REFERENT: User = {
  id: 2,
  login: 'r.durand',
  displayName: 'Romain Durand',
  role: 'referent',
  structure: 'MDS de Lens – Solidarité',
  mdsId: 1,
  active: true,
};
export const CORRESPONDANT: User = {
  id: 3,
  login: 'c.petit',
  displayName: 'Claire Petit',
  role: 'correspondant',
  structure: 'SLAI de Lens',
  mdsId: 1,
  active: true,
};

export const MDS = { id: 1, name: 'MDS de Lens', territory: 'Lens-Hénin', address: '1 rue de la Gare, 62300 Lens' };

export const SAMPLE_DOSSIER: Dossier = {
  person: {
    id: 10,
    foyerId: 5,
    roleInFoyer: 'allocataire',
    nomPatronymique: 'Dupont',
    nomUsage: 'Martin',
    prenoms: 'Marie Louise',
    sexe: 'F',
    dateNaissance: '1985-03-15',
    telephone: '0321000000',
    peNumber: '1234567A',
    niveauFormation: 'IV',
    referent: { id: REFERENT.id, displayName: REFERENT.displayName },
    correspondant: null,
  },
  foyer: {
    id: 5,
    cafNumber: '1234567',
    rsaDepuis: '2024-01-01',
    situationFamiliale: 'celibataire',
    address: { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens' },
    enfants: [{ prenom: 'Léo', dateNaissance: '2015-06-01' }],
    mds: { id: 1, name: MDS.name, territory: MDS.territory },
  },
  others: [],
  version: 3,
  createdAt: '2025-01-10T09:00:00.000Z',
  updatedAt: '2025-02-10T09:00:00.000Z',
};

export const SAMPLE_HIT: DossierSearchHit = {
  personId: 10,
  nomPatronymique: 'Dupont',
  nomUsage: 'Martin',
  prenoms: 'Marie Louise',
  dateNaissance: '1985-03-15',
  cafNumber: '1234567',
  peNumber: '1234567A',
  city: 'Lens',
  referent: 'Romain Durand',
};

export interface FakeBackendOptions {
  initialized?: boolean;
  /** The user logged in by the session token 'session-ok'. */
  user?: User;
  handlers?: FakeHandlers;
}

export const VALID_SESSION = 'session-ok';

export function createFakeBackend(options: FakeBackendOptions = {}): FakeBackend {
  const requests: ApiRequest[] = [];
  const drafts = new Map<string, { data: unknown; updatedAt: string }>();
  const user = options.user ?? ADMIN;
  let sessionValid = true;
  const handlers: FakeHandlers = {
    // Like main: the MDS is only told to a logged-in caller.
    'app.status': (_input, request) => ({
      initialized: options.initialized ?? true,
      mds: options.initialized !== false && request.session === VALID_SESSION && sessionValid ? MDS : null,
      appVersion: '0.1.0',
      schemaVersion: 1,
    }),
    'auth.login': (input) => {
      sessionValid = true;
      if (input.login !== user.login || input.password !== 'motdepasse-correct') {
        throw new ApiError('UNAUTHENTICATED', 'Identifiant ou mot de passe incorrect');
      }
      return { session: VALID_SESSION, user };
    },
    'auth.me': () => user,
    'auth.logout': () => ({ ok: true }),
    'users.staff': () => [REFERENT, CORRESPONDANT].map(({ id, displayName, role, structure }) => ({ id, displayName, role, structure })),
    'users.list': () => [ADMIN, REFERENT, CORRESPONDANT],
    'mds.get': () => MDS,
    'dossiers.search': () => [],
    'dossiers.get': (input) => {
      if (input.personId !== SAMPLE_DOSSIER.person.id) throw new ApiError('NOT_FOUND', 'Ce dossier n’existe pas.');
      return SAMPLE_DOSSIER;
    },
    'audit.forDossier': () => [],
    // Live updates (renderer/src/app/LiveUpdates.tsx) poll it every 2 s: nothing ever changes elsewhere.
    'live.poll': () => ({ seq: 0 }),
    'drafts.get': (input) => drafts.get(input.key) ?? null,
    'drafts.save': (input) => {
      drafts.set(input.key, { data: input.data, updatedAt: new Date().toISOString() });
      return { ok: true };
    },
    'drafts.delete': (input) => {
      drafts.delete(input.key);
      return { ok: true };
    },
    ...options.handlers,
  };

  const transport: Transport = async (request) => {
    requests.push(structuredClone(request));
    if (!isMethodName(request.method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Méthode inconnue : ${request.method}` } };
    }
    const method = request.method;
    const parsed = api[method].input.safeParse(request.input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string> = {};
      for (const issue of parsed.error.issues) fieldErrors[issue.path.join('.')] ??= issue.message;
      return { ok: false, error: { code: 'VALIDATION', message: 'Données invalides (faux service)', fieldErrors } };
    }
    if (api[method].access !== 'public' && (request.session !== VALID_SESSION || !sessionValid)) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Session expirée : reconnectez-vous.' } };
    }
    const handler = handlers[method] as FakeHandler<typeof method> | undefined;
    if (!handler) return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `Pas de réponse prévue pour ${method}` } };
    try {
      const value = await handler(parsed.data as never, request);
      return { ok: true, value: structuredClone(value) } satisfies ApiResponse;
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toBody() };
      throw error;
    }
  };

  return {
    transport,
    requests,
    inputsOf: (method) => requests.filter((r) => r.method === method).map((r) => r.input),
    handle: (more) => Object.assign(handlers, more),
    drafts,
    expireSession: () => {
      sessionValid = false;
    },
  };
}
