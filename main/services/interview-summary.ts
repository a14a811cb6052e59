/** The dossier page's view of the first interview, in one call (`interview.summary`). */
import { listEdeAssessments } from '../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../shared/api/contract';
import type { AuthedCall } from './context';
import { accessibleDossier } from './dossiers';
import { droitsDevoirsOf } from './interview-droits';
import { latestDspSummary } from './interview-dsp';
import { latestEdeSummary } from './interview-ede';
import { currentPeriod, proposalFor } from './interview-orientation';
import { todayOf } from './interview-common';

export function summary(input: MethodParsedInput<'interview.summary'>, call: AuthedCall): MethodOutput<'interview.summary'> {
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, call.actor, input.personId);
  const droits = droitsDevoirsOf(db, person, foyer, todayOf(call));
  return {
    personId: person.id,
    dsp: latestDspSummary(db, person.id)?.summary ?? null,
    ede: latestEdeSummary(db, person.id),
    edeCount: listEdeAssessments(db, person.id).length,
    orientation: currentPeriod(db, person.id),
    proposal: proposalFor(db, person.id),
    droitsDevoirs: { status: droits.status, missing: droits.missing },
  };
}
