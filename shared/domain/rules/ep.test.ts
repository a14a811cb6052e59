import { describe, expect, it } from 'vitest';
import type { ContractCore } from './contracts';
import { avisDeadline, recordEpAvis, recordPresidentDecision, saisineFromCers12Months, saisineFromFiche, saisineStage, type Saisine } from './ep';
import { papRow } from './testing';
import type { OrientationPeriodInput } from './orientation';

const reo: Saisine = { origin: 'fiche_reorientation', date: '2026-03-10', ficheId: 4, cible: 'professionnelle_autre' };
const avis = { date: '2026-04-02', sens: 'favorable' as const, motivation: 'Freins levés, projet professionnel défini' };
const withAvis = (s: Saisine): Saisine => {
  const r = recordEpAvis(s, avis);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.saisine;
};
const periods: OrientationPeriodInput[] = [
  { date: '2025-09-01', orientation: 'solidarite', organismeReferent: 'MDS', correspondant: 'Mme Durand', start: '2025-09-01', end: null },
];

describe('saisine of the EP', () => {
  it('comes from a fiche of réorientation or suspension, not from another fiche', () => {
    expect(saisineFromFiche({ id: 4, type: 'reorientation', cible: 'solidarite' }, '2026-03-10')).toMatchObject({ ok: true, saisine: { origin: 'fiche_reorientation', ficheId: 4, cible: 'solidarite' } });
    expect(saisineFromFiche({ id: 5, type: 'suspension', motif: 'non_respect' }, '2026-03-10')).toMatchObject({ ok: true, saisine: { origin: 'fiche_suspension', suspensionMotif: 'non_respect' } });
    expect(saisineFromFiche({ type: 'appui' }, '2026-03-10').ok).toBe(false);
  });

  it('comes from a CERS reaching 12 months, not before', () => {
    const first: ContractCore = { id: 1, type: 'CERS', status: 'echu', orientationDate: '2026-01-20', start: '2026-02-01', durationMonths: 6, pap: [papRow()] };
    const second: ContractCore = { ...first, id: 2, status: 'en_cours', start: '2026-08-01' };
    const r = saisineFromCers12Months(second, [first, second], '2027-01-05');
    expect(r.ok && r.saisine).toEqual({ origin: 'cers_12_mois', date: '2027-01-05', ficheId: null, contractEnd: '2027-01-31' });
    const early = saisineFromCers12Months(first, [first], '2026-07-01');
    expect(!early.ok && early.errors[0]?.message).toMatch(/6 mois.*à 12 mois/);
    expect(saisineFromCers12Months({ ...second, type: 'CERP' }, [], '2027-01-05').ok).toBe(false);
  });

  it('the EP gives its avis within one month (31 January → 28 February)', () => {
    expect(avisDeadline(reo)).toBe('2026-04-10');
    expect(avisDeadline({ date: '2026-01-31' })).toBe('2026-02-28');
    const onTime = recordEpAvis(reo, { ...avis, date: '2026-04-10' });
    expect(onTime.ok && onTime.late).toBe(false);
    const late = recordEpAvis(reo, { ...avis, date: '2026-04-11' });
    expect(late.ok && late.late).toBe(true);
  });

  it('refuses an avis before the saisine, without motivation, or a second avis', () => {
    expect(recordEpAvis(reo, { ...avis, date: '2026-03-09' }).ok).toBe(false);
    const r = recordEpAvis(reo, { ...avis, motivation: '' });
    expect(!r.ok && r.errors).toEqual([{ path: 'motivation', message: 'Avis motivé : ce champ est obligatoire' }]);
    expect(recordEpAvis(withAvis(reo), avis).ok).toBe(false);
  });
});

describe('Président’s decision', () => {
  const decision = { date: '2026-04-15', sens: 'favorable' as const, organismeReferent: 'PLIE de Lens', correspondant: 'M. Martin' };

  it('needs the avis first and cannot precede it', () => {
    const none = recordPresidentDecision(reo, decision);
    expect(!none.ok && none.errors[0]?.message).toMatch(/l’avis manque/);
    const early = recordPresidentDecision(withAvis(reo), { ...decision, date: '2026-04-01' });
    expect(!early.ok && early.errors).toEqual([{ path: 'date', message: expect.stringMatching(/ne peut pas précéder l’avis/) }]);
    const sameDay = recordPresidentDecision(withAvis(reo), { ...decision, date: '2026-04-02' });
    expect(sameDay.ok).toBe(true);
  });

  it('a favourable réorientation opens a new orientation (closing the current one the day before)', () => {
    const r = recordPresidentDecision(withAvis(reo), decision, { periods });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.effect).toEqual({
      type: 'ouvrir_orientation',
      decision: { date: '2026-04-15', orientation: 'professionnelle_autre', organismeReferent: 'PLIE de Lens', correspondant: 'M. Martin' },
    });
    expect(r.periods?.map((p) => [p.orientation, p.start, p.end])).toEqual([
      ['solidarite', '2025-09-01', '2026-04-14'],
      ['professionnelle_autre', '2026-04-15', null],
    ]);
    expect(saisineStage(r.saisine)).toBe('decidee');
  });

  it('a favourable réorientation needs the organisme référent and the correspondant', () => {
    const r = recordPresidentDecision(withAvis(reo), { date: '2026-04-15', sens: 'favorable' });
    expect(!r.ok && r.errors.map((e) => e.path)).toEqual(['organismeReferent', 'correspondant']);
  });

  it('an unfavourable decision changes nothing', () => {
    const r = recordPresidentDecision(withAvis(reo), { date: '2026-04-15', sens: 'defavorable' }, { periods });
    expect(r.ok && r.effect.type).toBe('aucun');
    expect(r.ok && r.periods).toBeUndefined();
  });

  it('a favourable suspension starts a sanction the 1st of the next month (kind from the motif)', () => {
    const susp = withAvis({ origin: 'fiche_suspension', date: '2026-03-10', suspensionMotif: 'non_signature' });
    const r = recordPresidentDecision(susp, { date: '2026-04-15', sens: 'favorable' });
    expect(r.ok && r.effect).toEqual({ type: 'demarrer_sanction', kind: 'non_conclusion', start: '2026-05-01' });
    const other = withAvis({ origin: 'fiche_suspension', date: '2026-03-10', suspensionMotif: 'refus_controle' });
    expect(recordPresidentDecision(other, { date: '2026-04-15', sens: 'favorable' }).ok).toBe(false);
    const explicit = recordPresidentDecision(other, { date: '2026-04-15', sens: 'favorable', sanctionKind: 'non_respect', sanctionStart: '2026-06-01' });
    expect(explicit.ok && explicit.effect).toEqual({ type: 'demarrer_sanction', kind: 'non_respect', start: '2026-06-01' });
    const midMonth = recordPresidentDecision(other, { date: '2026-04-15', sens: 'favorable', sanctionKind: 'non_respect', sanctionStart: '2026-06-15' });
    expect(!midMonth.ok && midMonth.errors[0]?.path).toBe('sanctionStart');
  });

  it('after a CERS at 12 months, the decision sets the next orientation', () => {
    const s = withAvis({ origin: 'cers_12_mois', date: '2026-03-10' });
    const r = recordPresidentDecision(s, { ...decision, orientation: 'solidarite' }, { periods });
    expect(r.ok && r.effect.type).toBe('ouvrir_orientation');
    const missing = recordPresidentDecision(s, decision);
    expect(!missing.ok && missing.errors[0]?.path).toBe('orientation');
  });
});
