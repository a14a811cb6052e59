/** Contracts: the reads (prefill, lists, a contract, a PAP version, outcomes at term, the pickers). */
import { contractsAwaitingDecision, contractsOfPerson, findPapVersion, findUserById, upcomingAppointmentDates } from '../../../db/queries';
import { latestEdeOf, orientationInForce } from '../../../db/queries/contracts-interview';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import { ApiError } from '../../../shared/api/errors';
import { findRomeDomain, findTheme, searchRome } from '../../../shared/domain/referentials';
import {
  actionsForPicker,
  CONTRACT_DURATIONS,
  contractDeadline,
  contractKindFor,
  contractOutcomesAtTerm,
  ORIENTATION_LABELS,
  sphereOfOrientation,
} from '../../../shared/domain/rules';
import type { AuthedCall } from '../context';
import { accessibleDossier, etatCivilOf } from '../foundation';
import { todayOf } from '../kit';
import { accessibleContract, ACTIONS, coreOf, historyOf, NO_ORIENTATION, referentIdentityFor } from './model';
import { papPath } from './support';
import { contractView, papViewOf, summaryOf } from './views';
import { personName } from '../../../shared/domain/format';

export function prefill(input: MethodParsedInput<'contracts.prefill'>, call: AuthedCall): MethodOutput<'contracts.prefill'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const today = todayOf(call);
  const orientation = orientationInForce(db, person.id);
  const ede = latestEdeOf(db, person.id);
  const kind = orientation ? contractKindFor(orientation.orientation) : null;
  const type = kind === 'CERS' || kind === 'CERP' ? kind : null;
  const blockers: string[] = [];
  if (!orientation) blockers.push(NO_ORIENTATION);
  else if (kind === 'PPAE') {
    blockers.push(`${ORIENTATION_LABELS[orientation.orientation]} : le bénéficiaire signe un PPAE avec France Travail (ex-Pôle Emploi), pas un contrat d’engagements réciproques.`);
  }
  const deadline = orientation ? contractDeadline({ date: orientation.date, orientation: orientation.orientation }) : null;
  return {
    personId: person.id,
    etatCivil: etatCivilOf(db, person.id),
    referentIdentity: referentIdentityFor(db, person, call.actor),
    orientation:
      orientation && deadline
        ? {
            id: orientation.id,
            date: orientation.date,
            orientation: orientation.orientation,
            sphere: sphereOfOrientation(orientation.orientation),
            contractKind: deadline.contractKind,
            deadline: deadline.deadline,
            deadlineRule: deadline.rule,
          }
        : null,
    type,
    allowedDurations: type ? [...CONTRACT_DURATIONS[type]] : [],
    defaultStart: orientation && orientation.date > today ? orientation.date : today,
    latestEde: ede ? { id: ede.id, date: ede.date, themes: ede.themes } : null,
    suggestedThemes: (ede?.themes ?? []).map((code) => ({ code, label: findTheme(code)?.label ?? code })),
    cerp:
      type === 'CERP'
        ? {
            situationProfessionnelle: { rqth: false, niveauFormation: person.niveauFormation ?? undefined, permisConduire: false },
            situationEmploi: { inscriptions: { poleEmploi: person.peNumber !== null, plie: false, maisonEmploi: false, ett: false }, experiences: [] },
          }
        : null,
    blockers,
    prochainsRendezVous: upcomingAppointmentDates(db, person.id, today),
  };
}

export function listForDossier(input: MethodParsedInput<'contracts.listForDossier'>, call: AuthedCall): MethodOutput<'contracts.listForDossier'> {
  const db = call.open.db;
  const { person } = accessibleDossier(db, call.actor, input.personId);
  const referent = person.referentId === null ? null : (findUserById(db, person.referentId)?.displayName ?? null);
  const rows = contractsOfPerson(db, person.id);
  const renewedBy = new Map(rows.filter((c) => c.renewalOfId !== null && c.status !== 'rejete').map((c) => [c.renewalOfId, c.id]));
  return rows.map((c) => ({ ...summaryOf(c, { beneficiaire: personName(person), referent }), renewedById: renewedBy.get(c.id) ?? null }));
}

export function get(input: MethodParsedInput<'contracts.get'>, call: AuthedCall): MethodOutput<'contracts.get'> {
  const db = call.open.db;
  return contractView(db, call.actor, accessibleContract(db, call.actor, input.contractId), todayOf(call));
}

export function papVersion(input: MethodParsedInput<'contracts.papVersion'>, call: AuthedCall): MethodOutput<'contracts.papVersion'> {
  const db = call.open.db;
  const { row } = accessibleContract(db, call.actor, input.contractId);
  const version = findPapVersion(db, row.id, input.papVersion);
  if (!version) throw new ApiError('NOT_FOUND', `Ce contrat n’a pas de version ${input.papVersion} du plan d’accompagnement.`);
  return papViewOf(version, row);
}

export function outcomes(input: MethodParsedInput<'contracts.outcomes'>, call: AuthedCall): MethodOutput<'contracts.outcomes'> {
  const db = call.open.db;
  const l = accessibleContract(db, call.actor, input.contractId);
  const result = contractOutcomesAtTerm(coreOf(l), historyOf(db, l.row.personId, l.row.id));
  return {
    end: result.end,
    solidarityMonths: result.solidarityMonths,
    outcomes: result.outcomes.map((o) => ({ ...o, blockers: o.blockers.map((b) => (b.path === undefined ? b : { ...b, path: papPath(b.path) })) })),
  };
}

export function awaitingDecision(_input: MethodParsedInput<'contracts.awaitingDecision'>, call: AuthedCall): MethodOutput<'contracts.awaitingDecision'> {
  return contractsAwaitingDecision(call.open.db, call.actor.mdsId).map((r) =>
    summaryOf(r.contract, { beneficiaire: personName(r), referent: r.referentName }),
  );
}

export function papActions(input: MethodParsedInput<'contracts.papActions'>): MethodOutput<'contracts.papActions'> {
  return actionsForPicker(ACTIONS, input.theme, input.type).map((a) => ({
    code: a.code,
    label: a.label,
    theme: a.theme,
    services: [...a.services],
    definition: a.definition,
    notes: [...a.notes],
    notAlone: a.notAlone,
    notAloneWarning: a.notAloneWarning === true,
    requiresDerogation: a.requiresDerogation === true,
  }));
}

export function romeSearch(input: MethodParsedInput<'rome.search'>): MethodOutput<'rome.search'> {
  return searchRome(input.query, input.limit).map((c) => {
    const domain = findRomeDomain(c.domain);
    return { code: c.code, label: c.label, domaine: { letter: c.domain, label: domain?.label ?? '' } };
  });
}
