/**
 * Where the desktop app's data lives (issue 14 §3), behind the one IPC channel: the local App (« Poste autonome », today's
 * behaviour) or the MDS server through main/client (certificate pinned). Answers the connection screen's `desktop.*`
 * envelopes itself, every field checked with zod; no electron import (unit-tested directly and through bootstrap).
 */
import { z } from 'zod';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { App } from '../app';
import { readClientConfig, writeClientConfig, type ClientConfig } from '../client/config';
import { certificateChangedMessage, createRemoteApp, parseServerUrl, probeServer, type RemoteApp, type RemoteAppOptions } from '../client/remote';
import { DATABASE_FILE_NAME, KEY_FILE_NAME } from '../../db/keyslots';
import { DESKTOP_METHODS, FINGERPRINT_PATTERN, type DesktopConnection, type ServerCertificate } from '../../shared/api/desktop';
import type { ApiErrorCode } from '../../shared/api/errors';
import type { ApiRequest, ApiResponse } from '../../shared/api/transport';

/** What the IPC channel forwards to: the local App or the remote one. */
export type ApiHandler = Pick<App, 'handle' | 'close'>;

export interface ConnectionDeps {
  /** Electron's userData folder, where parcours.client.json lives. */
  userDataDir: string;
  /** The local data folder (to recognise an installation that predates the choice). */
  dataDir: string;
  /** `--data-dir` given: the user wants this local folder, no question asked. */
  explicitDataDir: boolean;
  /** Opens the local App (may throw: the host shows why and quits). */
  openLocal: () => ApiHandler;
  createRemote?: (options: RemoteAppOptions) => RemoteApp;
  probe?: (url: string) => Promise<ApiResponse<ServerCertificate>>;
  now?: () => Date;
  log?: (message: string) => void;
}

export interface Connection {
  /** Where API envelopes go now (it changes when the user chooses the server or accepts a new certificate). */
  current(): ApiHandler;
  state(): DesktopConnection;
  /** A `desktop.*` envelope of the connection screen. */
  handleDesktop(request: ApiRequest): Promise<ApiResponse>;
  close(): Promise<void>;
}

const fingerprintSchema = z.string().trim().toUpperCase().regex(FINGERPRINT_PATTERN, 'Empreinte de certificat invalide.');
const urlSchema = z.string().trim().min(1, 'Saisissez l’adresse du serveur.').max(300);
const inputs = {
  [DESKTOP_METHODS.getConnection]: z.object({}).strict(),
  [DESKTOP_METHODS.probe]: z.object({ url: urlSchema }).strict(),
  [DESKTOP_METHODS.choose]: z.discriminatedUnion('mode', [
    z.object({ mode: z.literal('autonome') }).strict(),
    z.object({ mode: z.literal('serveur'), url: urlSchema, fingerprint: fingerprintSchema }).strict(),
  ]),
  [DESKTOP_METHODS.acceptCertificate]: z
    .object({ login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200), fingerprint: fingerprintSchema })
    .strict(),
};

const ALREADY_CHOSEN = 'Ce poste est déjà réglé : le choix du mode ne se fait qu’à la première utilisation.';
const NO_CHANGE = 'Le certificat du serveur n’a pas changé : rien à accepter.';
const STALE_FINGERPRINT = 'Le serveur présente maintenant un autre certificat que celui affiché : vérifiez-le de nouveau avant de confirmer.';
const ADMIN_ONLY = 'Seul un compte administrateur du serveur peut accepter le nouveau certificat.';
const PROBE_TIMEOUT_MS = 5_000;

const fail = (code: ApiErrorCode, message: string): ApiResponse => ({ ok: false, error: { code, message } });

/** The local folder already holds a database or its keys: an installation made before the choice existed. */
const hasLocalData = (dataDir: string): boolean =>
  existsSync(path.join(dataDir, DATABASE_FILE_NAME)) || existsSync(path.join(dataDir, KEY_FILE_NAME));

export async function openConnection(deps: ConnectionDeps): Promise<Connection> {
  const createRemote = deps.createRemote ?? createRemoteApp;
  const probe = deps.probe ?? ((url: string) => probeServer(url, { timeoutMs: PROBE_TIMEOUT_MS }));
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);

  let state: DesktopConnection;
  let api: ApiHandler;

  const remoteFor = (config: Extract<ClientConfig, { mode: 'serveur' }>): RemoteApp =>
    createRemote({
      url: config.url,
      fingerprint: config.fingerprint,
      onCertificateChanged: (presented) => {
        if (state.mode !== 'serveur' || state.fingerprint !== config.fingerprint) return;
        log(`Certificat du serveur changé : ${presented} au lieu de ${config.fingerprint}.`);
        state = { ...state, certificateChanged: { pinned: config.fingerprint, presented, message: certificateChangedMessage(presented) } };
      },
    });
  const useServer = async (config: Extract<ClientConfig, { mode: 'serveur' }>) => {
    const previous = api;
    state = { mode: 'serveur', url: config.url, fingerprint: config.fingerprint, acceptedAt: config.acceptedAt };
    api = remoteFor(config);
    await previous.close().catch((error: unknown) => log(`Fermeture : ${String(error)}`));
  };

  const read = await readClientConfig(deps.userDataDir);
  if (read.kind === 'ok' && read.config.mode === 'serveur') {
    state = { mode: 'serveur', url: read.config.url, fingerprint: read.config.fingerprint, acceptedAt: read.config.acceptedAt };
    api = remoteFor(read.config);
  } else {
    // Today's behaviour: the local App, opened now (it touches no file before the first call).
    api = deps.openLocal();
    if (read.kind === 'ok' || deps.explicitDataDir || (read.kind === 'missing' && hasLocalData(deps.dataDir))) state = { mode: 'autonome' };
    else state = read.kind === 'damaged' ? { mode: 'none', notice: read.message } : { mode: 'none' };
  }

  /** The server's certificate is checked at each start of the connection screen's questions. */
  const refreshCertificate = async (): Promise<void> => {
    if (state.mode !== 'serveur' || state.certificateChanged) return;
    const seen = await probe(state.url);
    if (!seen.ok || seen.value.fingerprint === state.fingerprint) return;
    state = {
      ...state,
      certificateChanged: { pinned: state.fingerprint, presented: seen.value.fingerprint, message: certificateChangedMessage(seen.value.fingerprint) },
    };
  };

  const choose = async (input: z.output<(typeof inputs)['desktop.choose']>): Promise<ApiResponse> => {
    if (state.mode !== 'none') return fail('FORBIDDEN', ALREADY_CHOSEN);
    if (input.mode === 'autonome') {
      await writeClientConfig(deps.userDataDir, { mode: 'autonome' });
      state = { mode: 'autonome' };
      return { ok: true, value: state };
    }
    const parsed = parseServerUrl(input.url);
    if (!parsed.ok) return fail('VALIDATION', parsed.message);
    // What is pinned is what the user saw and confirmed: the server must still show it.
    const seen = await probe(parsed.url);
    if (!seen.ok) return seen;
    if (seen.value.fingerprint !== input.fingerprint) return fail('VALIDATION', STALE_FINGERPRINT);
    const config = { mode: 'serveur' as const, url: parsed.url, fingerprint: input.fingerprint, acceptedAt: now().toISOString() };
    await writeClientConfig(deps.userDataDir, config);
    await useServer(config);
    return { ok: true, value: state };
  };

  const acceptCertificate = async (input: z.output<(typeof inputs)['desktop.acceptCertificate']>): Promise<ApiResponse> => {
    if (state.mode !== 'serveur' || !state.certificateChanged) return fail('FORBIDDEN', NO_CHANGE);
    if (input.fingerprint !== state.certificateChanged.presented) return fail('VALIDATION', STALE_FINGERPRINT);
    const url = state.url;
    // The administrator signs in to the server through a connection pinned to the NEW certificate, then signs out.
    const trial = createRemote({ url, fingerprint: input.fingerprint });
    try {
      const login = await trial.handle({ method: 'auth.login', input: { login: input.login, password: input.password } });
      if (!login.ok) return login;
      const { session, user } = login.value as { session: string; user: { role: string } };
      await trial.handle({ method: 'auth.logout', input: {}, session });
      if (user.role !== 'administrateur') return fail('FORBIDDEN', ADMIN_ONLY);
    } finally {
      await trial.close();
    }
    const config = { mode: 'serveur' as const, url, fingerprint: input.fingerprint, acceptedAt: now().toISOString() };
    await writeClientConfig(deps.userDataDir, config);
    log(`Nouveau certificat du serveur accepté par ${input.login} : ${input.fingerprint}.`);
    await useServer(config);
    return { ok: true, value: state };
  };

  return {
    current: () => api,
    state: () => state,
    async handleDesktop(request) {
      const schema = (inputs as Record<string, z.ZodType | undefined>)[request.method];
      if (!schema) return fail('UNKNOWN_METHOD', `Méthode inconnue : ${request.method}.`);
      const parsed = schema.safeParse(request.input);
      if (!parsed.success) return fail('VALIDATION', parsed.error.issues[0]?.message ?? 'Requête invalide.');
      switch (request.method) {
        case DESKTOP_METHODS.getConnection:
          await refreshCertificate();
          return { ok: true, value: state };
        case DESKTOP_METHODS.probe:
          return probe((parsed.data as { url: string }).url);
        case DESKTOP_METHODS.choose:
          return choose(parsed.data as z.output<(typeof inputs)['desktop.choose']>);
        default:
          return acceptCertificate(parsed.data as z.output<(typeof inputs)['desktop.acceptCertificate']>);
      }
    },
    close: () => api.close(),
  };
}
