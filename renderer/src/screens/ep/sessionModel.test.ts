import { describe, expect, it } from 'vitest';
import type { EpSession, EpSessionItem } from '../../../../shared/api/ep';
import { caseStage, sessionView } from './sessionModel';

const item = (over: Partial<EpSessionItem> = {}): EpSessionItem => ({
  itemId: 1,
  saisineId: 1,
  position: 1,
  slotStart: '09:00',
  status: 'inscrit',
  removalReason: null,
  person: { personId: 1, nomPatronymique: 'Durand', nomUsage: null, prenoms: 'Claire', cafNumber: '1234567' },
  origin: 'fiche_reorientation',
  originLabel: 'Demande de réorientation (fiche de liaison)',
  theme: 'Réorientation',
  saisineDate: '2026-11-01',
  avisDeadline: '2026-12-01',
  avis: null,
  decision: null,
  ...over,
});

const session = (status: EpSession['status'], items: EpSessionItem[], next: EpSession['next']): Pick<EpSession, 'status' | 'items' | 'next'> => ({ status, items, next });

describe('session page: state and next step', () => {
  it('a new session: the next step is blocked with the API’s reasons, the agenda is editable, no attendance yet', () => {
    const v = sessionView(session('creee', [], { state: 'dossiers_inscrits', label: 'Dossiers inscrits', blockers: ['Inscrivez au moins un dossier à l’ordre du jour.'] }), true);
    expect(v.stateLabel).toBe('Créée');
    expect(v.steps.map((s) => s.status)).toEqual(['en_cours', 'a_venir', 'a_venir', 'a_venir', 'a_venir', 'a_venir', 'a_venir']);
    expect(v.next).toEqual({ state: 'dossiers_inscrits', action: 'Arrêter l’ordre du jour', blocked: true, blockers: ['Inscrivez au moins un dossier à l’ordre du jour.'] });
    expect(v.can).toMatchObject({ editAgenda: true, removeItems: true, attendance: false, avis: false, decision: false, documents: false });
  });

  it('a held session: steps before are done, attendance and avis open, agenda frozen, postponed cases apart', () => {
    const v = sessionView(
      session('tenue', [item(), item({ itemId: 2, status: 'reporte', removalReason: 'Bénéficiaire hospitalisé' })], { state: 'avis_rendus', label: 'Avis rendus', blockers: [] }),
      true,
    );
    expect(v.steps.filter((s) => s.status === 'fait').map((s) => s.state)).toEqual(['creee', 'dossiers_inscrits', 'convocations_envoyees']);
    expect(v.next).toMatchObject({ state: 'avis_rendus', action: 'Clore les avis', blocked: false });
    expect(v.can).toMatchObject({ editAgenda: false, removeItems: true, attendance: true, avis: true, decision: true, documents: true });
    expect(v.activeItems.map((i) => i.itemId)).toEqual([1]);
    expect(v.removedItems.map((i) => i.itemId)).toEqual([2]);
  });

  it('after the avis only decisions remain; a closed session has no next step', () => {
    expect(sessionView(session('avis_rendus', [item()], null), true).can).toMatchObject({ avis: false, decision: true, removeItems: false, attendance: false });
    const closed = sessionView(session('close', [item()], null), true);
    expect(closed.next).toBeNull();
    expect(closed.steps.every((s) => s.status !== 'a_venir')).toBe(true);
  });

  it('a correspondent reads: no next step button, nothing editable', () => {
    const v = sessionView(session('tenue', [item()], { state: 'avis_rendus', label: 'Avis rendus', blockers: [] }), false);
    expect(v.next).toBeNull();
    expect(v.can).toMatchObject({ editAgenda: false, removeItems: false, attendance: false, avis: false, decision: false, documents: true });
  });

  it('the stage of a case follows its avis and decision', () => {
    const avis = { date: '2026-11-20', sens: 'favorable' as const, motivation: 'x', proposedSanction: null, late: false, recordedBy: 'S' };
    expect(caseStage(item())).toBe('avis_attendu');
    expect(caseStage(item({ avis }))).toBe('decision_attendue');
    expect(caseStage(item({ status: 'retire' }))).toBe('retire');
  });
});
