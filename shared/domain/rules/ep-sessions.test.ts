import { describe, expect, it } from 'vitest';
import {
  assignSlots,
  checkSessionCancel,
  checkSessionTransition,
  deadlineFlag,
  initialsOf,
  letterMotif,
  nextSessionState,
  quorum,
  sessionAtLeast,
  type SessionFacts,
  type SlotConfig,
} from './ep-sessions';

const config: SlotConfig = { startTime: '09:00', casesPerSlot: 2, slotMinutes: 30, lunchStart: '12:00', lunchEnd: '13:30' };
const slotsOf = (count: number, c = config) => {
  const r = assignSlots(count, c);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.slots;
};

describe('assignSlots', () => {
  it('groups the cases per slot and skips the lunch break', () => {
    expect(slotsOf(5)).toEqual(['09:00', '09:00', '09:30', '09:30', '10:00']);
    expect(slotsOf(3, { ...config, startTime: '11:00', casesPerSlot: 1, slotMinutes: 40 })).toEqual(['11:00', '13:30', '14:10']);
    expect(slotsOf(2, { ...config, casesPerSlot: 1, lunchStart: null, lunchEnd: null, startTime: '11:45' })).toEqual(['11:45', '12:15']);
  });
  it('refuses inconsistent settings and a day that overflows', () => {
    expect(assignSlots(1, { ...config, lunchEnd: '11:00' }).ok).toBe(false);
    expect(assignSlots(1, { ...config, lunchEnd: null }).ok).toBe(false);
    expect(assignSlots(1, { ...config, startTime: '25:00' }).ok).toBe(false);
    const overflow = assignSlots(100, { ...config, casesPerSlot: 1, slotMinutes: 240 });
    expect(overflow.ok).toBe(false);
  });
});

describe('quorum', () => {
  it('needs more than half of the members present or replaced', () => {
    expect(quorum(5, ['present', 'present', 'remplace', 'excuse', 'absent'])).toMatchObject({ counted: 3, required: 3, reached: true, warning: null });
    expect(quorum(4, ['present', 'remplace', 'excuse', 'absent'])).toMatchObject({ counted: 2, required: 3, reached: false });
    expect(quorum(4, ['present', 'remplace', 'excuse', 'absent']).warning).toMatch(/Quorum non atteint/);
    expect(quorum(0, []).reached).toBe(false);
  });
});

describe('session life cycle', () => {
  const facts: SessionFacts = {
    state: 'creee',
    date: '2026-03-02',
    today: '2026-03-02',
    activeItems: 2,
    itemsWithoutSlot: 0,
    attendanceRecorded: 5,
    members: 5,
    itemsWithAvis: 2,
    itemsWithDecision: 2,
  };
  it('moves one step at a time, never back', () => {
    expect(nextSessionState('creee')).toBe('dossiers_inscrits');
    expect(nextSessionState('close')).toBeNull();
    expect(checkSessionTransition(facts, 'dossiers_inscrits').ok).toBe(true);
    expect(checkSessionTransition(facts, 'tenue').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'tenue' }, 'convocations_envoyees').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'close' }, 'close').ok).toBe(false);
  });
  it('checks what each step needs', () => {
    expect(checkSessionTransition({ ...facts, activeItems: 0 }, 'dossiers_inscrits').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'dossiers_inscrits', itemsWithoutSlot: 1 }, 'convocations_envoyees').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'convocations_envoyees', date: '2026-03-03' }, 'tenue').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'tenue', itemsWithAvis: 1 }, 'avis_rendus').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'tenue', attendanceRecorded: 4 }, 'avis_rendus').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'avis_rendus', itemsWithDecision: 1 }, 'decisions_enregistrees').ok).toBe(false);
    expect(checkSessionTransition({ ...facts, state: 'decisions_enregistrees' }, 'close').ok).toBe(true);
  });
});

describe('cancelling a session', () => {
  it('is outside the chain of steps and final: no step follows it, none leads to it', () => {
    expect(nextSessionState('close')).toBeNull();
    expect(nextSessionState('annulee')).toBeNull();
    expect(sessionAtLeast('annulee', 'creee')).toBe(false);
    const facts: SessionFacts = { state: 'annulee', date: '2026-03-02', today: '2026-03-02', activeItems: 0, itemsWithoutSlot: 0, attendanceRecorded: 0, members: 5, itemsWithAvis: 0, itemsWithDecision: 0 };
    const refused = checkSessionTransition(facts, 'tenue');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]!.message).toBe('La séance est annulée : plus aucune étape ne suit.');
    expect(checkSessionTransition({ ...facts, state: 'convocations_envoyees' }, 'annulee').ok).toBe(false);
  });
  it('is possible before the session is held, once its ordre du jour has no active case', () => {
    for (const state of ['creee', 'dossiers_inscrits', 'convocations_envoyees'] as const) {
      expect(checkSessionCancel({ state, activeItems: 0 })).toEqual({ ok: true, to: 'annulee' });
    }
    for (const state of ['tenue', 'avis_rendus', 'decisions_enregistrees', 'close', 'annulee'] as const) {
      expect(checkSessionCancel({ state, activeItems: 0 }).ok).toBe(false);
    }
  });
  it('with cases still inscribed, says to postpone or withdraw them first (agreeing with their number)', () => {
    const one = checkSessionCancel({ state: 'convocations_envoyees', activeItems: 1 });
    expect(one.ok).toBe(false);
    if (!one.ok) expect(one.errors[0]!.message).toBe('1 dossier est encore inscrit à l’ordre du jour : reportez-le ou retirez-le d’abord, puis annulez la séance.');
    const two = checkSessionCancel({ state: 'creee', activeItems: 2 });
    if (!two.ok) expect(two.errors[0]!.message).toMatch(/^2 dossiers sont encore inscrits .* reportez-les ou retirez-les/);
    else throw new Error('annulation acceptée avec deux dossiers inscrits');
  });
});

describe('the motif told to the beneficiary', () => {
  it('says it once, in the words of a letter, without the app’s internal words', () => {
    const motifs = [
      letterMotif({ origin: 'fiche_suspension', suspensionMotif: 'non_respect', cible: null }),
      letterMotif({ origin: 'fiche_suspension', suspensionMotif: null, cible: null }),
      letterMotif({ origin: 'fiche_reorientation', suspensionMotif: null, cible: 'professionnelle_pole_emploi' }),
      letterMotif({ origin: 'fiche_reorientation', suspensionMotif: null, cible: null }),
      letterMotif({ origin: 'cers_12_mois', suspensionMotif: null, cible: null }),
    ];
    expect(motifs[0]).toBe(
      'Réduction ou suspension de votre allocation envisagée, car les engagements de votre projet personnalisé d’accès à l’emploi (PPAE) ou de votre contrat d’engagement ne sont pas respectés',
    );
    expect(motifs[2]).toBe('Examen d’une réorientation de votre parcours vers un accompagnement professionnel par France Travail (ex-Pôle Emploi)');
    for (const m of motifs) {
      expect(m).not.toMatch(/fiche de liaison|Demande de/);
      expect(m.match(/suspension|réorientation|parcours/gi)?.length ?? 0).toBeLessThanOrEqual(2);
    }
  });
});

describe('deadlines and initials', () => {
  it('flags overdue and soon-due avis', () => {
    expect(deadlineFlag('2026-03-01', '2026-03-02')).toBe('en_retard');
    expect(deadlineFlag('2026-03-02', '2026-03-02')).toBe('bientot');
    expect(deadlineFlag('2026-03-09', '2026-03-02')).toBe('bientot');
    expect(deadlineFlag('2026-03-10', '2026-03-02')).toBe('dans_les_temps');
  });
  it('gives initials', () => {
    expect(initialsOf('Claire', 'DURAND')).toBe('C. D.');
    expect(initialsOf('élodie', 'ÉTIENNE')).toBe('É. É.');
  });
});
