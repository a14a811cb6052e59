/**
 * Droits et devoirs (« L’ORIENTATION », double condition). Stored: the inputs only — per foyer the monthly
 * resources and the date they were known, per person the professional activity and the monthly net professional
 * income. The status is computed on every read, with today's date, by `evaluateDroitsDevoirs`, against the
 * montant forfaitaire in force today for the foyer (`montantForfaitaire`: couple when the foyer has a conjoint or
 * the family situation is a couple; dependants = the foyer's children under 25). The RSA majoré is not used:
 * the handbook compares with the « montant forfaitaire (= RSA socle) ».
 *
 * A save gives the foyer's resources and the income of EVERY person of the foyer (allocataire and conjoint), so
 * the status can always be computed for each of them.
 */
import {
  findFoyerResources,
  findPersonIncomes,
  listChildren,
  listFoyerPersons,
  recordInterviewAudit,
  upsertFoyerResources,
  upsertPersonIncome,
  userRefs,
  type DbOrTx,
} from '../../../db/queries';
import type { Foyer, Person } from '../../../db/schema';
import type { MethodOutput, MethodParsedInput } from '../../../shared/api/contract';
import type { DroitsDevoirs } from '../../../shared/api/interview';
import { montantForfaitaire, type Household } from '../../../shared/domain/referentials/rsa-amounts';
import { personName } from '../../../shared/domain/format';
import { addMonthsIso } from '../../../shared/domain/rules/dates';
import { evaluateDroitsDevoirs } from '../../../shared/domain/rules/droits-devoirs';
import { auditActor, type AuthedCall } from '../context';
import { accessibleDossier } from '../foundation';
import { fieldError, notAfterToday, todayOf, userRefOf } from '../kit';

const euroToCents = (euros: number): number => Math.round(euros * 100);
const centsToEuro = (cents: number): number => cents / 100;

const COUPLE_SITUATIONS: readonly Foyer['situationFamiliale'][] = ['marie', 'pacse', 'concubinage'];


/** The foyer as the montant forfaitaire counts it, on `today`. */
export function householdOf(db: DbOrTx, foyer: Foyer, members: readonly Person[], today: string): Household {
  const couple = members.some((p) => p.roleInFoyer === 'conjoint') || COUPLE_SITUATIONS.includes(foyer.situationFamiliale);
  const born25YearsAgo = addMonthsIso(today, -25 * 12);
  const dependants = listChildren(db, foyer.id).filter((c) => c.dateNaissance > born25YearsAgo).length;
  return { couple, dependants };
}

/** The droits et devoirs of the dossier of `person`, computed today from the stored inputs. */
export function droitsDevoirsOf(db: DbOrTx, person: Person, foyer: Foyer, today: string): DroitsDevoirs {
  const members = listFoyerPersons(db, foyer.id);
  const resources = findFoyerResources(db, foyer.id);
  const incomes = findPersonIncomes(
    db,
    members.map((m) => m.id),
  );
  const refs = userRefs(db, [...(resources ? [resources.updatedBy] : []), ...[...incomes.values()].map((i) => i.updatedBy)]);
  const household = householdOf(db, foyer, members, today);
  let mf: number | null = null;
  const missing: string[] = [];
  try {
    mf = montantForfaitaire(today, household);
  } catch (error) {
    missing.push(error instanceof Error ? error.message : 'Montant forfaitaire inconnu à cette date.');
  }
  if (!resources) missing.push('Ressources mensuelles du foyer');
  for (const m of members) {
    if (!incomes.has(m.id)) missing.push(`Activité et revenus professionnels de ${personName(m)}`);
  }

  const statuses = new Map<number, DroitsDevoirs['status']>();
  if (missing.length === 0 && resources && mf !== null) {
    const evaluated = evaluateDroitsDevoirs({
      date: today,
      householdResources: centsToEuro(resources.householdResourcesCents),
      montantForfaitaire: mf,
      persons: members.map((m) => {
        const income = incomes.get(m.id)!;
        return {
          role: m.roleInFoyer,
          hasProfessionalActivity: income.hasProfessionalActivity,
          monthlyProfessionalIncome: centsToEuro(income.monthlyIncomeCents),
        };
      }),
    });
    if (!evaluated.ok) {
      missing.push(...evaluated.errors.map((e) => e.message));
    } else {
      members.forEach((m, i) => {
        const d = evaluated.decisions[i]!;
        statuses.set(m.id, {
          accompanimentCompulsory: d.accompanimentCompulsory,
          conditions: d.conditions,
          rule: d.rule,
          explanation: d.explanation,
        });
      });
    }
  }

  return {
    date: today,
    household,
    montantForfaitaire: mf,
    foyer: resources
      ? {
          householdResources: centsToEuro(resources.householdResourcesCents),
          resourcesDate: resources.resourcesDate,
          updatedAt: resources.updatedAt,
          updatedBy: userRefOf(refs, resources.updatedBy),
        }
      : null,
    persons: members.map((m) => {
      const income = incomes.get(m.id);
      return {
        personId: m.id,
        role: m.roleInFoyer,
        name: personName(m),
        income: income
          ? {
              hasProfessionalActivity: income.hasProfessionalActivity,
              monthlyProfessionalIncome: centsToEuro(income.monthlyIncomeCents),
              updatedAt: income.updatedAt,
              updatedBy: userRefOf(refs, income.updatedBy),
            }
          : null,
        status: statuses.get(m.id) ?? null,
      };
    }),
    status: statuses.get(person.id) ?? null,
    missing,
  };
}

export function get(input: MethodParsedInput<'droitsDevoirs.get'>, call: AuthedCall): MethodOutput<'droitsDevoirs.get'> {
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, call.actor, input.personId);
  return droitsDevoirsOf(db, person, foyer, todayOf(call));
}

export function save(input: MethodParsedInput<'droitsDevoirs.save'>, call: AuthedCall): MethodOutput<'droitsDevoirs.save'> {
  const { app, actor } = call;
  const db = call.open.db;
  const { person, foyer } = accessibleDossier(db, actor, input.personId);
  const today = todayOf(call);
  notAfterToday(input.resourcesDate, today, 'resourcesDate', 'La date des ressources');
  const members = listFoyerPersons(db, foyer.id);
  const memberIds = new Set(members.map((m) => m.id));
  input.persons.forEach((p, i) => {
    if (!memberIds.has(p.personId)) {
      throw fieldError('VALIDATION', `persons.${i}.personId`, 'Cette personne ne fait pas partie du foyer.');
    }
  });
  const given = new Set(input.persons.map((p) => p.personId));
  const forgotten = members.filter((m) => !given.has(m.id));
  if (forgotten.length > 0) {
    throw fieldError(
      'VALIDATION',
      'persons',
      `Renseignez l’activité et les revenus professionnels de chaque personne du foyer : il manque ${forgotten.map(personName).join(', ')}.`,
    );
  }

  const at = app.nowIso();
  const who = auditActor(actor);
  db.transaction((tx) => {
    const before = findFoyerResources(tx, foyer.id);
    const resources = { householdResourcesCents: euroToCents(input.householdResources), resourcesDate: input.resourcesDate };
    if (!before || before.householdResourcesCents !== resources.householdResourcesCents || before.resourcesDate !== resources.resourcesDate) {
      upsertFoyerResources(tx, { foyerId: foyer.id, ...resources, updatedAt: at, updatedBy: actor.id });
      recordInterviewAudit(tx, {
        actor: who,
        at,
        entity: 'foyer_resources',
        entityId: foyer.id,
        action: before ? 'update' : 'create',
        before: before ? { householdResources: centsToEuro(before.householdResourcesCents), resourcesDate: before.resourcesDate } : null,
        after: { householdResources: input.householdResources, resourcesDate: input.resourcesDate },
      });
    }
    const incomesBefore = findPersonIncomes(tx, [...given]);
    for (const p of input.persons) {
      const old = incomesBefore.get(p.personId);
      const cents = euroToCents(p.monthlyProfessionalIncome);
      if (old && old.hasProfessionalActivity === p.hasProfessionalActivity && old.monthlyIncomeCents === cents) continue;
      upsertPersonIncome(tx, {
        personId: p.personId,
        hasProfessionalActivity: p.hasProfessionalActivity,
        monthlyIncomeCents: cents,
        updatedAt: at,
        updatedBy: actor.id,
      });
      recordInterviewAudit(tx, {
        actor: who,
        at,
        entity: 'person_income',
        entityId: p.personId,
        action: old ? 'update' : 'create',
        before: old
          ? { hasProfessionalActivity: old.hasProfessionalActivity, monthlyProfessionalIncome: centsToEuro(old.monthlyIncomeCents) }
          : null,
        after: { hasProfessionalActivity: p.hasProfessionalActivity, monthlyProfessionalIncome: p.monthlyProfessionalIncome },
      });
    }
  });
  return droitsDevoirsOf(db, person, foyer, today);
}
