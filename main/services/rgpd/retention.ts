/**
 * The retention rule applied to the dossiers of an MDS: which are due for anonymisation today, why, and which are
 * blocked (a procedure in progress). Definitions: docs/rules.md « Issue 13 — RGPD ».
 */
import { ACTIVITY_SOURCES, retentionFacts, type ActivitySource, type RetentionFacts } from '../../../db/queries';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { PurgeCandidate } from '../../../shared/api/rgpd';
import { formatDate, personName, plural } from '../../../shared/domain/format';
import { dossierPurgeDate, dossierRetentionStage, RETENTION_REFERENTIAL, type RetentionStage } from '../../../shared/domain/referentials/retention';
import type { AuthedCall } from '../context';
import { todayOf } from '../kit';

export const PENDING_PROCEDURE =
  'Une saisine de l’équipe pluridisciplinaire attend la décision du Président : la procédure est en cours, le dossier ne s’anonymise pas.';

export interface Assessment {
  stage: RetentionStage;
  candidate: PurgeCandidate;
}

/** Where one dossier stands on `today` (its last activity, the end of the RSA if known, the day it is due). */
export function assess(f: RetentionFacts, today: string): Assessment {
  let what: ActivitySource = 'dossier';
  let last = '';
  for (const [source, date] of Object.entries(f.dates) as [ActivitySource, string | null][]) {
    if (date !== null && date > last) [what, last] = [source, date];
  }
  const reference = f.radiation !== null && f.radiation > last ? f.radiation : last;
  const dueSince = dossierPurgeDate(reference);
  const { activeYears, intermediateYears } = RETENTION_REFERENTIAL.data.dossier;
  const end = f.radiation !== null ? ` Fin du RSA connue : radiation au ${formatDate(f.radiation)}.` : '';
  const reason =
    `Aucune activité depuis le ${formatDate(last)} (${ACTIVITY_SOURCES[what]}).${end} ` +
    `${plural(activeYears, 'an', 'ans')} de base active et ${plural(intermediateYears, 'an', 'ans')} d’archivage intermédiaire écoulés le ${formatDate(dueSince)}.`;
  return {
    stage: dossierRetentionStage(reference, today),
    candidate: {
      personId: f.personId,
      name: personName(f),
      cafNumber: f.cafNumber,
      lastActivity: last,
      lastActivityWhat: ACTIVITY_SOURCES[what],
      rsaEnd: f.radiation,
      dueSince,
      reason,
      blocker: f.pendingSaisines > 0 ? PENDING_PROCEDURE : null,
    },
  };
}

export function retention(_input: MethodParsedInput<'rgpd.retention'>): MethodOutput<'rgpd.retention'> {
  const { version, validFrom, data } = RETENTION_REFERENTIAL;
  return {
    version,
    validFrom,
    rules: [
      {
        label: 'Dossier d’un bénéficiaire',
        duration: `${plural(data.dossier.activeYears, 'an', 'ans')} de base active puis ${plural(data.dossier.intermediateYears, 'an', 'ans')} d’archivage intermédiaire, à compter de ${data.dossier.startsFrom}`,
        action: data.dossier.action,
        basis: [...data.dossier.basis],
      },
      { label: 'Journal d’audit d’un dossier', duration: 'Celle du dossier', action: data.journal.action, basis: [...data.journal.basis] },
      {
        label: 'Brouillons de formulaires',
        duration: `${plural(data.drafts.maxAgeDays, 'jour', 'jours')} au plus, ${data.drafts.maxPerUser} par compte au plus`,
        action: data.drafts.action,
        basis: [...data.drafts.basis],
      },
      {
        label: 'Sauvegardes',
        duration: `${data.backups.dailies} quotidiennes et ${data.backups.weeklies} hebdomadaires`,
        action: data.backups.action,
        basis: [...data.backups.basis],
      },
    ],
  };
}

export function purgeCandidates(_input: MethodParsedInput<'rgpd.purgeCandidates'>, call: AuthedCall): MethodOutput<'rgpd.purgeCandidates'> {
  const today = todayOf(call);
  const assessed = retentionFacts(call.open.sqlite, call.actor.mdsId).map((f) => assess(f, today));
  return {
    today,
    candidates: assessed
      .filter((a) => a.stage === 'a_anonymiser')
      .map((a) => a.candidate)
      .sort((a, b) => (a.lastActivity < b.lastActivity ? -1 : a.lastActivity > b.lastActivity ? 1 : a.personId - b.personId)),
    inIntermediateArchive: assessed.filter((a) => a.stage === 'archivage_intermediaire').length,
  };
}
