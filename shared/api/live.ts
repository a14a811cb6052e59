import { z } from 'zod';
import { def, type MethodDef } from './method';

/**
 * Live updates (issue 14 §4): after every committed write, the server tells the desks concerned that something
 * changed — only a sequence number and a short kind, never personal data; the screens read again what they show.
 */
export const LIVE_EVENT_KINDS = ['fiche', 'contrat', 'ep', 'rendez-vous', 'dossier', 'compte', 'autre'] as const;
export type LiveEventKind = (typeof LIVE_EVENT_KINDS)[number];

/** What travels to a desk (SSE `data:`): nothing else. */
export interface LiveWireEvent {
  seq: number;
  kind: LiveEventKind;
}

/** The method's capability (its prefix) → the kind of change announced. */
const KIND_BY_CAPABILITY: Readonly<Record<string, LiveEventKind>> = {
  fiches: 'fiche',
  attachments: 'fiche',
  contracts: 'contrat',
  ep: 'ep',
  epSaisines: 'ep',
  appointments: 'rendez-vous',
  dossiers: 'dossier',
  dsp: 'dossier',
  ede: 'dossier',
  orientation: 'dossier',
  droitsDevoirs: 'dossier',
  interview: 'dossier',
  merge: 'dossier',
  imports: 'dossier',
  rgpd: 'dossier',
  users: 'compte',
  mds: 'compte',
};

export function liveEventKind(method: string): LiveEventKind {
  const capability = method.slice(0, method.indexOf('.'));
  return Object.prototype.hasOwnProperty.call(KIND_BY_CAPABILITY, capability) ? KIND_BY_CAPABILITY[capability]! : 'autre';
}

/**
 * Writes that change nothing another desk reads: drafts (the user's unsaved input, saved every few seconds), the
 * visit recorded by « Mon activité » (`desk.mine`), and the journal line of « Se déconnecter partout ».
 */
export const WRITES_THAT_REFRESH_NOTHING: ReadonlySet<string> = new Set(['drafts.save', 'drafts.delete', 'desk.mine', 'auth.logoutEverywhere']);

export const liveMethods = {
  /** Polling fallback of the live events (every 2 s): the latest sequence number the caller may see. */
  'live.poll': def({
    input: z.object({ after: z.number().int().min(0) }),
    output: z.object({ seq: z.number().int().min(0) }),
    access: 'authenticated',
    writes: false,
  }),
} as const satisfies Record<string, MethodDef>;
