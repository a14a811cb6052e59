/** Contracts: the views sent to the screens (contract, PAP, summaries) and the actions each role may take. */
import { type DbOrTx, findUserById, papVersionsOf, renewalOfContract, saisineOfContract } from '../../../db/queries';
import type { Contract, ContractPap, ContractPapAction } from '../../../db/schema-contracts';
import type { CONTRACT_ACTIONS, ContractSummary, ContractView, EtatCivil, papViewSchema } from '../../../shared/api/contracts';
import { findAction, findRome, findRomeDomain } from '../../../shared/domain/referentials';
import { CONTRACT_STATUS_LABELS, validatePap } from '../../../shared/domain/rules';
import type { z } from 'zod';
import type { Actor } from '../context';
import { ACTIONS, formRowOf, type LoadedContract, ruleRow } from './model';
import { edeErrors } from './signature';

export type PapView = z.input<typeof papViewSchema>;

export function papViewOf(l: { pap: ContractPap; rows: ContractPapAction[] }, contract: Pick<Contract, 'type' | 'start' | 'end'>): PapView {
  const rows = l.rows.map(formRowOf);
  const check = validatePap({ actions: rows.map(ruleRow) }, { actions: ACTIONS, contract: { type: contract.type, start: contract.start, end: contract.end } });
  return {
    id: l.pap.id,
    version: l.pap.version,
    origin: l.pap.origin,
    date: l.pap.avenantDate,
    motif: l.pap.avenantMotif,
    ficheId: l.pap.ficheId,
    actionsReferentialVersion: l.pap.actionsReferentialVersion,
    createdAt: l.pap.createdAt,
    actions: l.rows.map((r) => ({
      ...formRowOf(r),
      actionLabel: findAction(r.actionCode)?.label ?? r.actionCode,
      resultat: r.resultat,
      bilan: r.bilan,
    })),
    flags: check.ok ? check.flags.map((f) => ({ ...f, path: `pap.${f.path}` })) : [],
  };
}

export interface StoredCerp {
  metiers?: { romeCode: string }[];
}

export function cerpViewOf(cerp: unknown): ContractView['cerp'] {
  if (!cerp) return null;
  const c = cerp as ContractView['cerp'] & StoredCerp;
  return {
    ...c,
    metiers: (c.metiers ?? []).map((m) => {
      const rome = findRome(m.romeCode);
      const domain = findRomeDomain(m.romeCode.charAt(0));
      return { ...m, romeLabel: rome?.label ?? m.romeCode, domaine: { letter: domain?.letter ?? m.romeCode.charAt(0), label: domain?.label ?? '' } };
    }),
  };
}

export type ContractAction = (typeof CONTRACT_ACTIONS)[number];

export function allowedActions(actor: Actor, row: Contract, renewed: boolean, today: string): ContractAction[] {
  if (actor.role === 'secretaire_ep') return [];
  const slai = actor.role === 'correspondant' || actor.role === 'administrateur';
  switch (row.status) {
    case 'brouillon':
      return ['modifier', 'supprimer', 'signer'];
    case 'signe':
      return ['bilan', 'transmettre'];
    case 'transmis_slai':
      return slai ? ['bilan', 'valider', 'rejeter'] : ['bilan'];
    case 'valide':
      return ['bilan', 'demarrer', 'avenant'];
    case 'en_cours':
      return ['bilan', 'avenant', ...(renewed ? [] : (['renouveler'] as const)), today > row.end ? 'echoir' : 'clore'];
    case 'echu':
      return renewed ? ['bilan'] : ['bilan', 'renouveler'];
    default:
      return [];
  }
}

export function contractView(db: DbOrTx, actor: Actor, l: LoadedContract, today: string): ContractView {
  const r = l.row;
  const content = r.content;
  const renewal = renewalOfContract(db, r.id);
  const saisine = saisineOfContract(db, r.id);
  const decidedBy = r.decidedById === null ? null : (findUserById(db, r.decidedById)?.displayName ?? null);
  return {
    id: r.id,
    personId: r.personId,
    type: r.type,
    status: r.status,
    statusLabel: CONTRACT_STATUS_LABELS[r.status],
    orientation: { id: r.orientationId, date: r.orientationDate, orientation: r.orientation },
    start: r.start,
    durationMonths: r.durationMonths,
    end: r.end,
    renewalOfId: r.renewalOfId,
    renewedById: renewal?.id ?? null,
    etatCivil: r.etatCivil as unknown as EtatCivil,
    referentIdentity: r.referentIdentity as unknown as ContractView['referentIdentity'],
    objectifs: content.objectifs,
    resultatsAttendus: content.resultatsAttendus,
    emploisRecherches: content.emploisRecherches,
    referent: content.referent,
    remarquesBeneficiaire: content.remarquesBeneficiaire,
    cerp: cerpViewOf(content.cerp),
    pap: papViewOf(l, r) as ContractView['pap'],
    papVersions: papVersionsOf(db, r.id).map((p) => ({
      version: p.version,
      origin: p.origin,
      date: p.avenantDate,
      motif: p.avenantMotif,
      ficheId: p.ficheId,
      actionsReferentialVersion: p.actionsReferentialVersion,
      createdAt: p.createdAt,
    })),
    suiviEmploi: r.suiviEmploi as ContractView['suiviEmploi'],
    signatures: {
      referent: r.signatureReferentNom && r.signatureReferentDate ? { nom: r.signatureReferentNom, date: r.signatureReferentDate } : null,
      beneficiaire:
        r.signatureBeneficiaireNom && r.signatureBeneficiaireDate ? { nom: r.signatureBeneficiaireNom, date: r.signatureBeneficiaireDate } : null,
    },
    signedOn: r.signedOn,
    edeWaiver: r.edeWaiverReason ? { reason: r.edeWaiverReason, byName: r.edeWaiverByName ?? '' } : null,
    edeBeforeSignature: r.status === 'brouillon' ? (edeErrors(db, r, today)[0]?.message ?? null) : null,
    transmittedOn: r.transmittedOn,
    decision:
      r.decidedOn && (r.status === 'rejete' || r.status === 'valide' || r.status === 'en_cours' || r.status === 'echu' || r.status === 'clos')
        ? { sens: r.status === 'rejete' ? 'rejete' : 'valide', date: r.decidedOn, motif: r.rejectionMotif, par: decidedBy }
        : null,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    closureMotif: r.closureMotif,
    bilanGeneral: r.bilanGeneral,
    epSaisineId: saisine?.id ?? null,
    referentials: r.referentials,
    readOnly: r.status !== 'brouillon',
    allowedActions: allowedActions(actor, r, renewal !== undefined, today),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export function summaryOf(row: Contract, names: { beneficiaire: string; referent: string | null }): ContractSummary {
  return {
    id: row.id,
    personId: row.personId,
    type: row.type,
    status: row.status,
    statusLabel: CONTRACT_STATUS_LABELS[row.status],
    start: row.start,
    end: row.end,
    durationMonths: row.durationMonths,
    papVersion: row.papVersion,
    renewalOfId: row.renewalOfId,
    renewedById: null,
    transmittedOn: row.transmittedOn,
    beneficiaire: names.beneficiaire,
    referent: names.referent ?? '',
    updatedAt: row.updatedAt,
  };
}
