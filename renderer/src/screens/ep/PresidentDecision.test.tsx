/** The Président's decision on the dossier: its own date and who signed it (the decision form: SessionPage.test.tsx). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { EpOutcome } from '../../../../shared/api/ep';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const DELEGATION = 'Par délégation, le Chef du Service Local Allocation Insertion';

describe('the Président’s decision on the dossier', () => {
  it('shows on the dossier the decision’s own date and its signatory, the session only as where the case was examined', async () => {
    const outcome: EpOutcome = {
      saisineId: 21,
      origin: 'fiche_suspension',
      originLabel: 'Demande de suspension (fiche de liaison)',
      theme: 'Suspension',
      date: '2026-11-20',
      avisDeadline: '2026-12-20',
      stage: 'decidee',
      stageLabel: 'Décidée par le Président',
      session: { date: '2026-12-01', place: 'Salle du conseil', slotStart: '14:00' },
      avis: { date: '2026-12-01', sens: 'favorable', motivation: 'Contrat non signé.', proposedSanction: null, late: false },
      decision: {
        id: 5,
        date: '2026-12-02',
        sens: 'favorable',
        commentaire: null,
        effect: 'aucun',
        effectLabel: 'Aucun',
        orientation: null,
        organismeName: null,
        correspondantName: null,
        orientationId: null,
        contractDeadline: null,
        sanction: null,
        signatory: { name: 'Claire Delattre', function: 'Chef du Service Local Allocation Insertion', delegation: DELEGATION },
        recordedAt: '2026-12-03T08:20:00.000Z',
      },
    };
    const backend = createFakeBackend({ handlers: { 'ep.outcomesForDossier': () => [outcome], 'ep.sanctionsForDossier': () => [] } });
    renderApp(backend.transport, { path: '/beneficiaires/10' });
    const section = await screen.findByRole('region', { name: 'Équipes pluridisciplinaires' });
    expect(await within(section).findByText(/Décidée par le Président le 02\/12\/2026 — examinée en séance du 01\/12\/2026 à 14:00, Salle du conseil\./)).toBeInTheDocument();
    expect(within(section).getByText(`Signée par Claire Delattre, Chef du Service Local Allocation Insertion (${DELEGATION}).`)).toBeInTheDocument();
  });
});
