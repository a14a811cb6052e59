/** The dossier page's view of the first interview, in one call (`interview.summary`). */
import { contractsOfPerson, listEdeAssessments } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { droitsDevoirsOf } from './droits';
import { latestDspSummary } from './dsp';
import { latestEdeSummary } from './ede';
import { currentPeriod, proposalFor } from './orientation';
import { pendingPreconisation } from './preconisations';
import { todayOf } from '../kit';
import { formatDate } from '../../../shared/domain/format';

export function summary(input: MethodParsedInput<'interview.summary'>, call: AuthedCall): MethodOutput<'interview.summary'> {
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, call.actor, input.personId);
  const droits = droitsDevoirsOf(db, person, foyer, todayOf(call));
  const ede = latestEdeSummary(db, person.id);
  return {
    personId: person.id,
    dsp: latestDspSummary(db, person.id)?.summary ?? null,
    ede,
    edeCount: listEdeAssessments(db, person.id).length,
    orientation: currentPeriod(db, person.id),
    proposal: proposalFor(db, person.id),
    preconisation: pendingPreconisation(db, person.id),
    droitsDevoirs: { status: droits.status, missing: droits.missing },
    edeForContract: edeForContract(contractsOfPerson(db, person.id), ede?.date ?? null),
  };
}

/**
 * The EDE is made « au préalable, à l'élaboration du contrat » and « à chaque renouvellement de contrat »: for the
 * latest contract (rejected ones aside), an EDE must exist, and — when that contract follows another — be dated
 * on or after the start of the previous one and after its signature (made for the renewal, not the one that prepared
 * the previous contract: the rule `contracts.sign` applies, checkEdeBeforeContract). A first contract may rely on the
 * EDE that prepared the orientation.
 */
export function edeForContract(
  contracts: readonly { id: number; type: 'CERS' | 'CERP'; start: string; end: string; status: string; signedOn?: string | null }[],
  edeDate: string | null,
): MethodOutput<'interview.summary'>['edeForContract'] {
  const live = contracts.filter((c) => c.status !== 'rejete').sort((a, b) => a.start.localeCompare(b.start) || a.id - b.id);
  const current = live.at(-1);
  if (!current) return { currentContract: null, outdated: false, reason: null };
  const currentContract = { id: current.id, type: current.type, start: current.start, end: current.end };
  if (edeDate === null) {
    return { currentContract, outdated: true, reason: 'Aucune EDE n’est enregistrée : elle est à réaliser avant le contrat.' };
  }
  const previous = live.at(-2);
  if (previous?.signedOn && edeDate >= previous.start && edeDate <= previous.signedOn) {
    return {
      currentContract,
      outdated: true,
      reason: `La dernière EDE (${formatDate(edeDate)}) est celle de la signature du contrat précédent (${formatDate(previous.signedOn)}) : une nouvelle EDE est demandée à chaque renouvellement de contrat.`,
    };
  }
  if (previous && edeDate < previous.start) {
    return {
      currentContract,
      outdated: true,
      reason: `La dernière EDE (${formatDate(edeDate)}) est antérieure au contrat précédent (${formatDate(previous.start)}) : une EDE est demandée à chaque renouvellement de contrat.`,
    };
  }
  return { currentContract, outdated: false, reason: null };
}
