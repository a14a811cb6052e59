import { describe, expect, it } from 'vitest';
import {
  ACTIONS_CG_BY_CODE,
  ACTIONS_CG_LISTS,
  awaitsPresidentDecision,
  checkPresidentDecision,
  ficheChannel,
  transitionFiche,
  validateFicheForSending,
  type FicheDeLiaison,
  type PresidentDecisionContext,
  type PresidentDecisionInput,
} from './fiche-liaison';
import { FIXTURE_ACTIONS, papRow } from './testing';

const fiche = (over: Partial<FicheDeLiaison>): FicheDeLiaison => ({ type: 'appui', status: 'brouillon', date: '2026-03-02', ...over });
const errorsOf = (r: { ok: true } | { ok: false; errors: { path?: string; message: string }[] }) => (r.ok ? [] : r.errors);
const both = { referent: '2026-03-02', beneficiaire: '2026-03-02' };

describe('Annexe 7 lists of actions du Conseil Général', () => {
  it('has the three lists with the handbook’s groups and labels', () => {
    expect(ACTIONS_CG_LISTS.map((l) => l.code)).toEqual(['droit_commun', 'insertion_sociale', 'insertion_professionnelle']);
    const sociale = ACTIONS_CG_LISTS[1]!;
    expect(sociale.groups.map((g) => g.label)).toEqual([
      'Axe 1 Dynamisation et Mobilisation des compétences',
      'Axe 2 Développement et Validation des compétences',
      'Axe transversal complémentaire',
      'Autres actions et dispositifs',
    ]);
    expect(ACTIONS_CG_BY_CODE.get('dc_masp')?.label).toBe('Mesure d’Accompagnement Social Personnalisé (MASP)');
    expect(ACTIONS_CG_BY_CODE.get('ip_iae_cui_non_marchand')?.requiresCv).toBe(true);
    const codes = ACTIONS_CG_LISTS.flatMap((l) => l.groups.flatMap((g) => g.options.map((o) => o.code)));
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toHaveLength(ACTIONS_CG_BY_CODE.size);
  });
});

describe('validateFicheForSending', () => {
  it('appui: free text only, may go as an e-mail without signature', () => {
    expect(validateFicheForSending(fiche({ texte: 'Question sur une aide au permis' })).ok).toBe(true);
    expect(errorsOf(validateFicheForSending(fiche({ texte: '  ' })))).toEqual([{ path: 'texte', message: 'Objet de la demande d’appui : ce champ est obligatoire' }]);
    expect(ficheChannel('appui')).toBe('courriel_possible');
    expect(ficheChannel('suspension')).toBe('fiche_signee');
  });

  it('réorientation: motif, target orientation and the EDE attached', () => {
    const ok = fiche({ type: 'reorientation', motif: 'changement_situation', cible: 'professionnelle_autre', edeId: 12 });
    expect(validateFicheForSending(ok).ok).toBe(true);
    const missing = errorsOf(validateFicheForSending(fiche({ type: 'reorientation' })));
    expect(missing.map((e) => e.path).sort()).toEqual(['cible', 'edeId', 'motif']);
    expect(missing.find((e) => e.path === 'edeId')?.message).toMatch(/échelle de distance à l’emploi/);
    const autres = errorsOf(validateFicheForSending({ ...ok, motif: 'autres' }));
    expect(autres).toEqual([{ path: 'motifPrecision', message: expect.stringMatching(/précisez/) }]);
  });

  it('suspension: motif, the référent’s signature and the convocation letters', () => {
    const ok = fiche({
      type: 'suspension',
      motif: 'non_signature',
      motifPrecision: 'Trois convocations sans réponse',
      convocations: [{ date: '2026-01-10' }, { date: '2026-02-10' }],
      signatures: { referent: '2026-03-02' },
    });
    expect(validateFicheForSending(ok).ok).toBe(true);
    const errs = errorsOf(validateFicheForSending({ ...ok, convocations: [], signatures: { referent: null } }));
    expect(errs.map((e) => e.path)).toEqual(['convocations', 'signatures.referent']);
    expect(errs[0]?.message).toMatch(/courriers de convocation/);
    expect(errs[1]?.message).toBe('Signature du référent obligatoire');
    expect(errorsOf(validateFicheForSending({ ...ok, signatures: undefined }))[0]?.path).toBe('signatures');
  });

  it('actions CG: chosen in the lists, precision where asked, CV for a CUI, both signatures', () => {
    const ok = fiche({ type: 'actions_cg', actionsCg: [{ code: 'is_axe1_budget' }], signatures: both });
    expect(validateFicheForSending(ok).ok).toBe(true);
    expect(errorsOf(validateFicheForSending({ ...ok, actionsCg: [] }))[0]).toEqual({ path: 'actionsCg', message: 'Cochez au moins une action du Conseil Général' });
    expect(errorsOf(validateFicheForSending({ ...ok, actionsCg: [{ code: 'inconnue' }] }))[0]?.path).toBe('actionsCg.0.code');
    expect(errorsOf(validateFicheForSending({ ...ok, actionsCg: [{ code: 'is_autres' }] }))[0]?.path).toBe('actionsCg.0.precision');
    expect(validateFicheForSending({ ...ok, actionsCg: [{ code: 'is_autres', precision: 'Atelier cuisine, CCAS' }] }).ok).toBe(true);
    expect(errorsOf(validateFicheForSending({ ...ok, actionsCg: [{ code: 'ip_iae_cui_non_marchand' }] }))).toEqual([{ path: 'cvJoint', message: 'Positionnement sur un CUI : joignez le CV.' }]);
    expect(errorsOf(validateFicheForSending({ ...ok, signatures: { referent: '2026-03-02' } })).map((e) => e.path)).toEqual(['signatures.beneficiaire']);
    expect(errorsOf(validateFicheForSending({ ...ok, signatures: { ...both, referent: '2026-03-01' } })).map((e) => e.path)).toEqual(['signatures.referent']);
  });

  it('avenant: reason, the modified PAP and both signatures; the duration does not change', () => {
    const contract = { type: 'CERS' as const, start: '2026-02-01', durationMonths: 6 };
    const ok = fiche({ type: 'avenant', motif: 'Annulation d’une action', contrat: { start: '2026-02-01', end: '2026-07-31' }, pap: [papRow()], signatures: both });
    expect(validateFicheForSending(ok, { contract, actions: FIXTURE_ACTIONS }).ok).toBe(true);
    const longer = errorsOf(validateFicheForSending({ ...ok, contrat: { start: '2026-02-01', end: '2026-12-31' } }, { contract }));
    expect(longer).toEqual([{ path: 'contrat', message: expect.stringMatching(/ne modifie pas la durée/) }]);
    const noPap = errorsOf(validateFicheForSending({ ...ok, pap: [], signatures: { referent: '2026-03-02' } }));
    expect(noPap.map((e) => e.path)).toEqual(['pap', 'signatures.beneficiaire']);
    const badRow = errorsOf(validateFicheForSending({ ...ok, pap: [papRow({ end: '2026-09-30' })] }, { contract, actions: FIXTURE_ACTIONS }));
    expect(badRow.map((e) => e.path)).toEqual(['pap.0.end']);
  });

  it('refuses an unknown request type', () => {
    const r = validateFicheForSending(fiche({ type: 'autre' as never }));
    expect(!r.ok && r.errors[0]?.message).toBe('Choisissez l’objet de la demande');
  });
});

describe('transitionFiche', () => {
  const appui = fiche({ texte: 'Question' });
  it('sends a complete fiche, closes it only with the correspondent’s answer', () => {
    const sent = transitionFiche(appui, 'envoyer', { date: '2026-03-03' });
    expect(sent.ok && sent.fiche).toMatchObject({ status: 'envoyee', sentOn: '2026-03-03' });
    if (!sent.ok) return;
    const noAnswer = transitionFiche(sent.fiche, 'repondre', { date: '2026-03-05' });
    expect(!noAnswer.ok && noAnswer.errors.map((e) => e.path)).toEqual(['reponse.texte', 'reponse.auteur']);
    const closed = transitionFiche(sent.fiche, 'repondre', { date: '2026-03-05', reponse: { texte: 'Voir le CCAS', auteur: 'Mme Durand' } });
    expect(closed.ok && closed.fiche).toMatchObject({ status: 'close', closedOn: '2026-03-05', reponse: { texte: 'Voir le CCAS', auteur: 'Mme Durand', date: '2026-03-05' } });
    if (closed.ok) expect(transitionFiche(closed.fiche, 'repondre', { date: '2026-03-06', reponse: { texte: 'x', auteur: 'y' } }).ok).toBe(false);
  });

  it('refuses to send an incomplete fiche, to answer a draft, to send twice', () => {
    const incomplete = transitionFiche(fiche({}), 'envoyer', { date: '2026-03-03' });
    expect(!incomplete.ok && incomplete.errors[0]?.path).toBe('texte');
    const draftAnswer = transitionFiche(appui, 'repondre', { date: '2026-03-03', reponse: { texte: 'x', auteur: 'y' } });
    expect(!draftAnswer.ok && draftAnswer.errors[0]?.message).toMatch(/pas encore été envoyée/);
    expect(transitionFiche({ ...appui, status: 'envoyee' }, 'envoyer', { date: '2026-03-03' }).ok).toBe(false);
  });

  it('only réorientation and suspension go to the EP', () => {
    const reo = fiche({ type: 'reorientation', status: 'envoyee', motif: 'changement_situation', cible: 'solidarite', edeId: 1 });
    const inEp = transitionFiche(reo, 'saisir_ep', { date: '2026-03-10' });
    expect(inEp.ok && inEp.fiche.status).toBe('en_ep');
    const appuiEp = transitionFiche({ ...appui, status: 'envoyee' }, 'saisir_ep', { date: '2026-03-10' });
    expect(!appuiEp.ok && appuiEp.errors[0]?.message).toMatch(/réorientation ou de suspension/);
  });
});

describe('the Président’s part (actions CG, avenant)', () => {
  const ctx: PresidentDecisionContext = {
    type: 'actions_cg',
    sentOn: '2026-03-02',
    answer: { decision: 'acceptee', date: '2026-03-04' },
    previous: null,
    today: '2026-03-10',
  };
  const input: PresidentDecisionInput = { decision: 'accord', structure: 'Centre social', date: '2026-03-05', signatoryName: 'C. Delattre', signatoryFunction: 'Chef du SLAI' };

  it('follows the correspondent’s favourable answer, for actions CG and avenant only', () => {
    expect(checkPresidentDecision(input, ctx)).toEqual({ ok: true, final: true });
    expect(errorsOf(checkPresidentDecision(input, { ...ctx, type: 'appui' }))[0]!.path).toBe('status');
    expect(errorsOf(checkPresidentDecision(input, { ...ctx, answer: null }))).toEqual([
      { path: 'status', message: 'Le Président décide après l’avis du correspondant : enregistrez d’abord sa réponse.' },
    ]);
    expect(errorsOf(checkPresidentDecision(input, { ...ctx, answer: { decision: 'refusee', date: '2026-03-04' } }))[0]!.message).toContain('refusé');
    expect(awaitsPresidentDecision('avenant', 'acceptee', null)).toBe(true);
    expect(awaitsPresidentDecision('avenant', 'acceptee', 'ajournement')).toBe(true);
    expect(awaitsPresidentDecision('avenant', 'acceptee', 'refus')).toBe(false);
    expect(awaitsPresidentDecision('actions_cg', 'refusee', null)).toBe(false);
    expect(awaitsPresidentDecision('suspension', 'acceptee', null)).toBe(false);
  });

  it('needs a reason for a refus or an ajournement, the structure for an accord on actions CG (not on an avenant)', () => {
    expect(errorsOf(checkPresidentDecision({ ...input, decision: 'refus' }, ctx))).toEqual([{ path: 'reason', message: 'Motivez le refus.' }]);
    expect(errorsOf(checkPresidentDecision({ ...input, decision: 'ajournement', reason: ' ' }, ctx))).toEqual([{ path: 'reason', message: 'Motivez l’ajournement.' }]);
    expect(checkPresidentDecision({ ...input, decision: 'ajournement', reason: 'Pièces' }, ctx)).toEqual({ ok: true, final: false });
    expect(errorsOf(checkPresidentDecision({ ...input, structure: null }, ctx)).map((e) => e.path)).toEqual(['structure']);
    expect(checkPresidentDecision({ ...input, structure: null }, { ...ctx, type: 'avenant' }).ok).toBe(true);
    expect(errorsOf(checkPresidentDecision({ ...input, signatoryName: ' ', signatoryFunction: '' }, ctx)).map((e) => e.path)).toEqual(['signatoryName', 'signatoryFunction']);
  });

  it('is dated neither in the future nor before the sending, the answer or an ajournement; decided once', () => {
    const dateError = (date: string, over: Partial<PresidentDecisionContext> = {}) => errorsOf(checkPresidentDecision({ ...input, date }, { ...ctx, ...over }))[0]?.message;
    expect(dateError('2026-03-11')).toBe('La date de la décision (11/03/2026) ne peut pas être postérieure à aujourd’hui (10/03/2026).');
    expect(dateError('2026-03-01')).toBe('La décision du Président ne peut pas précéder l’envoi de la fiche (02/03/2026).');
    expect(dateError('2026-03-03')).toBe('La décision du Président suit l’avis du correspondant (04/03/2026) : elle ne peut pas le précéder.');
    expect(dateError('2026-03-05', { previous: { decision: 'ajournement', date: '2026-03-06' } })).toBe('La décision ne peut pas précéder l’ajournement du 06/03/2026.');
    expect(dateError('2026-03-07', { previous: { decision: 'ajournement', date: '2026-03-06' } })).toBeUndefined();
    expect(dateError('2026-03-07', { previous: { decision: 'accord', date: '2026-03-06' } })).toBe('La décision du Président est déjà enregistrée (accord du 06/03/2026).');
  });
});
