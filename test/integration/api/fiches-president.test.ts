/**
 * « Partie réservée au Président » (Annexe 7) of a request for actions du Conseil Général and of an avenant: recorded
 * by the SLAI after the correspondent's favourable answer (accord, refus or ajournement with a reason, the structure
 * designated, the date, who signed by delegation); until the accord or the refus the fiche waits and does not close;
 * the Président's accord on an avenant makes the contract's new PAP version. The harness's today is 2026-03-02.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractView, PapRowInput } from '../../../shared/api/contracts';
import type { FichePresidentDecisionInput, FicheView } from '../../../shared/api/fiches';
import { cersInput, contractsWorld, expectNothingWritten, recordEde, row, sessions, type ContractsWorld } from './contracts-fixtures';
import { startHarness, type Harness } from './harness';

let h: Harness;
let w: ContractsWorld;
let s: ReturnType<typeof sessions>;
let contract: ContractView;

beforeAll(async () => {
  h = await startHarness();
  w = await contractsWorld(h);
  s = sessions(w.staff);
  // An EDE before the contract (required at signature).
  await recordEde(h, s.refA, w.dA.person.id, '2026-01-05', [5, 5, 5, 5, 5, 5, 5, 5]);
  let c = await h.ok(
    'contracts.create',
    cersInput(w.dA.person.id, [row('A.1.1', '2026-01-15', '2026-05-31'), row('D.3', '2026-02-01', '2026-07-14')], { start: '2026-01-15' }),
    s.refA,
  );
  c = await h.ok('contracts.sign', { contractId: c.id, version: c.version, referent: { nom: 'Rémi Référent', date: '2026-01-10' }, beneficiaire: { nom: 'Anne Martin', date: '2026-01-10' } }, s.refA);
  c = await h.ok('contracts.transmit', { contractId: c.id, version: c.version, date: '2026-01-12' }, s.refA);
  contract = await h.ok('contracts.validate', { contractId: c.id, version: c.version, date: '2026-01-14' }, s.corr);
});
afterAll(async () => {
  await h?.dispose();
});

const SIGNATORY = { signatoryName: 'Claire Delattre', signatoryFunction: 'Chef du Service Local Allocation Insertion', signatoryDelegation: 'Par délégation, le Chef du SLAI' };

/** An actions CG fiche of référent A's dossier, sent on 2026-02-10 and answered by the correspondent on 2026-02-12. */
async function answeredActionsCg(decision: 'acceptee' | 'refusee' = 'acceptee'): Promise<FicheView> {
  let f = await h.ok(
    'fiches.create',
    {
      personId: w.dA.person.id,
      type: 'actions_cg',
      date: '2026-02-10',
      actionsCg: [{ code: 'is_axe1_budget' }],
      structureSouhaitee: 'Centre social du Nord',
      signatures: { referent: '2026-02-10', beneficiaire: '2026-02-10' },
    },
    s.refA,
  );
  f = await h.ok('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-10' }, s.refA);
  return h.ok('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-12', decision, texte: 'Avis du correspondant' }, s.corr);
}

const decide = (f: FicheView, over: Partial<FichePresidentDecisionInput> & Pick<FichePresidentDecisionInput, 'decision'>): FichePresidentDecisionInput => ({
  ficheId: f.id,
  version: f.version,
  date: '2026-02-13',
  ...SIGNATORY,
  ...over,
});

describe('actions du Conseil Général', () => {
  let f: FicheView;

  it('accepted by the correspondent, the fiche waits for the Président: neither the structure’s feedback nor the closing yet', async () => {
    f = await answeredActionsCg();
    expect(f).toMatchObject({ status: 'acceptee', awaitingPresident: true, president: null });
    expect(f.missing).toEqual(['Décision du Président (partie réservée au Président)', 'Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche']);
    const inbox = await h.ok('fiches.inbox', {}, s.corr);
    expect(inbox.find((x) => x.id === f.id)).toMatchObject({ awaitingPresident: true });
    expect((await h.ok('fiches.get', { ficheId: f.id }, s.corr)).allowedActions).toEqual(['decision_president']);
    expect((await h.ok('fiches.get', { ficheId: f.id }, s.refA)).allowedActions).toEqual([]);
    await expectNothingWritten(h, async () => {
      const close = await h.err('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-14' }, 'RULE', s.corr);
      expect(close.message).toBe('En attente de la décision du Président : la fiche se clôt après l’accord ou le refus enregistré dans la partie réservée au Président.');
      const feedback = await h.err('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'X', outcome: 'commence' } }, 'RULE', s.refA);
      expect(feedback.message).toBe('Le retour de la structure suit l’accord du Président, qui désigne la structure (partie réservée au Président).');
    });
  });

  it('refuses bad input with French messages at the fields, and writes nothing', async () => {
    await expectNothingWritten(h, async () => {
      const refus = await h.err('fiches.presidentDecision', decide(f, { decision: 'refus' }), 'RULE', s.corr);
      expect(refus.fieldErrors).toEqual({ reason: 'Motivez le refus.' });
      const ajournement = await h.err('fiches.presidentDecision', decide(f, { decision: 'ajournement', reason: '  ' }), 'RULE', s.corr);
      expect(ajournement.fieldErrors).toEqual({ reason: 'Motivez l’ajournement.' });
      const noStructure = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord' }), 'RULE', s.corr);
      expect(noStructure.fieldErrors).toEqual({ structure: 'Indiquez la structure désignée pour l’inscription à l’action du Conseil Général.' });
      const future = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', date: '2026-03-03' }), 'RULE', s.corr);
      expect(future.fieldErrors).toEqual({ date: 'La date de la décision (03/03/2026) ne peut pas être postérieure à aujourd’hui (02/03/2026).' });
      const beforeSending = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', date: '2026-02-09' }), 'RULE', s.corr);
      expect(beforeSending.fieldErrors).toEqual({ date: 'La décision du Président ne peut pas précéder l’envoi de la fiche (10/02/2026).' });
      const beforeAnswer = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', date: '2026-02-11' }), 'RULE', s.corr);
      expect(beforeAnswer.fieldErrors).toEqual({ date: 'La décision du Président suit l’avis du correspondant (12/02/2026) : elle ne peut pas le précéder.' });
      const noFunction = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', signatoryFunction: '' }), 'VALIDATION', s.corr);
      expect(Object.keys(noFunction.fieldErrors ?? {})).toEqual(['signatoryFunction']);
      const unknown = await h.err('fiches.presidentDecision', decide(f, { decision: 'favorable' as never }), 'VALIDATION', s.corr);
      expect(unknown.fieldErrors).toEqual({ decision: 'Choisissez la décision du Président : accord, refus ou ajournement' });
      await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', version: f.version - 1 }), 'CONFLICT', s.corr);
      await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X' }), 'FORBIDDEN', s.refA);
      await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X' }), 'FORBIDDEN', s.sec);
    });
  });

  it('an ajournement keeps the fiche waiting; the later accord designates the structure, audited, shown to the référent', async () => {
    f = await h.ok('fiches.presidentDecision', decide(f, { decision: 'ajournement', reason: 'Pièces complémentaires attendues' }), s.corr);
    expect(f).toMatchObject({ awaitingPresident: true, president: { decision: 'ajournement', decisionLabel: 'Ajournement', reason: 'Pièces complémentaires attendues', date: '2026-02-13' } });
    await expectNothingWritten(h, async () => {
      const close = await h.err('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-14' }, 'RULE', s.corr);
      expect(close.message).toContain('(décision ajournée le 13/02/2026)');
      const early = await h.err('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'X', date: '2026-02-12' }), 'RULE', s.corr);
      expect(early.fieldErrors).toEqual({ date: 'La décision ne peut pas précéder l’ajournement du 13/02/2026.' });
    });
    f = await h.ok('fiches.presidentDecision', decide(f, { decision: 'accord', structure: 'Centre social du Nord, 3 rue Haute', date: '2026-02-20' }), s.admin);
    const seen = await h.ok('fiches.get', { ficheId: f.id }, s.refA);
    expect(seen).toMatchObject({
      awaitingPresident: false,
      president: {
        decision: 'accord',
        decisionLabel: 'Accord',
        reason: null,
        structure: 'Centre social du Nord, 3 rue Haute',
        date: '2026-02-20',
        signatoryName: 'Claire Delattre',
        signatoryFunction: 'Chef du Service Local Allocation Insertion',
        signatoryDelegation: 'Par délégation, le Chef du SLAI',
      },
      allowedActions: ['retour_structure'],
      missing: ['Retour de la structure (partie réservée à la structure)', 'Clôture de la fiche'],
    });
    expect(seen.president?.recordedBy).toBeTruthy();
    const journal = await h.ok('audit.forDossier', { personId: w.dA.person.id }, s.admin);
    const entry = journal.find((e) => e.entity === 'fiche_liaison' && e.entityId === String(f.id) && (e.after as { presidentDecision?: string } | null)?.presidentDecision === 'accord');
    expect(entry).toMatchObject({ action: 'update', before: { presidentDecision: 'ajournement' } });
    await expectNothingWritten(h, async () => {
      const again = await h.err('fiches.presidentDecision', decide(f, { decision: 'refus', reason: 'Non' }), 'RULE', s.corr);
      expect(again.message).toBe('La décision du Président est déjà enregistrée (accord du 20/02/2026).');
    });
    f = await h.ok('fiches.structureFeedback', { ficheId: f.id, version: f.version, feedback: { structure: 'Centre social du Nord', outcome: 'commence' } }, s.refA);
    f = await h.ok('fiches.close', { ficheId: f.id, version: f.version, date: '2026-02-21' }, s.corr);
    expect(f).toMatchObject({ status: 'close', president: { decision: 'accord' } });
  });

  it('refused by the correspondent, it goes no further and closes; other requests have no Président’s part', async () => {
    let refused = await answeredActionsCg('refusee');
    expect(refused).toMatchObject({ awaitingPresident: false, allowedActions: ['clore'] });
    await expectNothingWritten(h, async () => {
      const e = await h.err('fiches.presidentDecision', decide(refused, { decision: 'accord', structure: 'X' }), 'RULE', s.corr);
      expect(e.message).toBe('Le correspondant a refusé la demande : elle n’est pas soumise à la décision du Président.');
    });
    refused = await h.ok('fiches.close', { ficheId: refused.id, version: refused.version, date: '2026-02-12' }, s.corr);
    expect(refused.status).toBe('close');

    let appui = await h.ok('fiches.create', { personId: w.dA.person.id, type: 'appui', date: '2026-02-10', texte: 'Question' }, s.refA);
    appui = await h.ok('fiches.send', { ficheId: appui.id, version: appui.version, date: '2026-02-10' }, s.refA);
    await expectNothingWritten(h, async () => {
      const notConcerned = await h.err('fiches.presidentDecision', decide(appui, { decision: 'accord' }), 'RULE', s.corr);
      expect(notConcerned.message).toBe('La partie réservée au Président ne concerne qu’une demande d’actions du Conseil Général ou un avenant au contrat.');
    });
    appui = await h.ok('fiches.answer', { ficheId: appui.id, version: appui.version, date: '2026-02-11', decision: 'acceptee', texte: 'Réponse' }, s.corr);
    expect(appui).toMatchObject({ awaitingPresident: false, president: null, allowedActions: ['clore'] });
  });
});

/** The current PAP as form rows, plus one new action. */
const modifiedPap = (c: ContractView, extra: PapRowInput[]) => ({
  actions: [...c.pap.actions.map(({ actionLabel: _l, ...r }) => ({ ...r, bilan: r.bilan ?? undefined })), ...extra],
});

describe('avenant', () => {
  it('the PAP does not change before the Président’s decision; a refus keeps it, closes the fiche; an accord makes the new version', async () => {
    const avenant = async () => {
      let f = await h.ok(
        'fiches.create',
        {
          personId: w.dA.person.id,
          type: 'avenant',
          date: '2026-02-16',
          contractId: contract.id,
          motif: 'Ajout d’une action mobilité',
          pap: modifiedPap(contract, [row('I.2', '2026-03-01', '2026-06-30')]),
          signatures: { referent: '2026-02-16', beneficiaire: '2026-02-16' },
        },
        s.refA,
      );
      f = await h.ok('fiches.send', { ficheId: f.id, version: f.version, date: '2026-02-16' }, s.refA);
      return h.ok('fiches.answer', { ficheId: f.id, version: f.version, date: '2026-02-17', decision: 'acceptee', texte: 'Avenant transmis' }, s.corr);
    };
    let refused = await avenant();
    expect(refused).toMatchObject({ awaitingPresident: true, avenantPapVersion: null });
    expect((await h.ok('contracts.get', { contractId: contract.id }, s.refA)).pap.version).toBe(1);
    refused = await h.ok('fiches.presidentDecision', decide(refused, { decision: 'refus', reason: 'Action non finançable', date: '2026-02-18' }), s.corr);
    expect(refused).toMatchObject({ awaitingPresident: false, avenantPapVersion: null, president: { decision: 'refus', reason: 'Action non finançable', structure: null } });
    expect((await h.ok('contracts.get', { contractId: contract.id }, s.refA)).pap.version).toBe(1);
    refused = await h.ok('fiches.close', { ficheId: refused.id, version: refused.version, date: '2026-02-18' }, s.corr);
    expect(refused.status).toBe('close');

    // An accord without a structure (optional for an avenant).
    let agreed = await avenant();
    agreed = await h.ok('fiches.presidentDecision', decide(agreed, { decision: 'accord', date: '2026-02-18', signatoryDelegation: '' }), s.corr);
    expect(agreed).toMatchObject({ awaitingPresident: false, avenantPapVersion: 2, president: { decision: 'accord', structure: null, signatoryDelegation: null } });
    const c = await h.ok('contracts.get', { contractId: contract.id }, s.refA);
    expect(c.pap.actions.map((a) => a.actionCode)).toEqual(['A.1.1', 'D.3', 'I.2']);
  });
});
