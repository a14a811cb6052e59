/** Pieces of the contracts capability shared by its reads, drafts, life cycle and renewal (and by the fiches). */
import type { Actor } from '../context';

/**
 * The rules of contracts.ts number PAP rows as `pap.2.end`; the forms nest them as `pap.actions.2.end`
 * (also under a prefix: `previous.pap.0.bilan` → `previous.pap.actions.0.bilan`).
 */
export const papPath = (path: string): string => path.replace(/(^|\.)pap(?=$|\.\d)/, '$1pap.actions');

/** A staff member as the contract names them (référent's part). */
export const staffIdentity = (actor: Pick<Actor, 'id' | 'displayName' | 'structure'>) => ({
  id: actor.id,
  displayName: actor.displayName,
  structure: actor.structure,
});
