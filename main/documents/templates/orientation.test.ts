/**
 * Décision d’orientation: the EDE and the équipe d’orientation’s préconisation it relied on, the decision, and the
 * reason of a difference (« motif de l’écart »).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { OrientationPeriodOutput } from '../../../shared/api/interview';
import { contractDeadline } from '../../../shared/domain/rules/orientation';
import { documentContext, etatCivil } from '../../../test/fixtures/documents/data';
import { expectGolden, missingValues, pdfText, squash } from '../../../test/fixtures/documents/pdf-tools';
import { renderDocument } from '../index';
import { divergenceText, orientationPages, type DecisionEde } from './orientation';

const ede: DecisionEde = { date: '2026-10-02', total: 28, proposal: 'decision_ep_eo' };
const period: OrientationPeriodOutput = {
  id: 12,
  personId: 3,
  date: '2026-10-20',
  orientation: 'solidarite',
  start: '2026-10-20',
  end: null,
  organismeReferent: { id: 2, name: 'MDS de l’Arrageois', type: 'solidarite' },
  referent: { id: 4, name: 'Rémi Référent', userId: 5 },
  correspondant: { id: 6, displayName: 'Claire Petit' },
  motif: 'Orientation en commission',
  preconisation: {
    id: 9,
    personId: 3,
    date: '2026-10-15',
    team: 'Équipe d’orientation de l’Arrageois',
    preconisation: 'professionnelle_autre',
    comment: 'Projet de formation à confirmer',
    ede: { id: 41, ...ede },
    batchId: 'lot-1',
    recordedBy: { id: 6, displayName: 'Claire Petit' },
    recordedAt: '2026-10-15T10:00:00.000Z',
  },
  divergenceReason: 'Hébergement précaire : la situation sociale est à stabiliser avant un parcours professionnel.',
  contract: contractDeadline({ date: '2026-10-20', orientation: 'solidarite' }),
  createdAt: '2026-10-20T09:00:00.000Z',
  createdBy: { id: 6, displayName: 'Claire Petit' },
};

describe('Décision d’orientation', () => {
  let pdf: Buffer;
  let followed: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(orientationPages({ period, ede, etatCivil }, documentContext));
    followed = await renderDocument(
      orientationPages({ period: { ...period, orientation: 'professionnelle_autre', divergenceReason: null }, ede, etatCivil }, documentContext),
    );
  }, 120_000);

  it('prints the EDE, the préconisation, the decision and the reason of the difference', () => {
    expect(
      missingValues(pdf, [
        'Décision d’orientation',
        'du 02/10/2026 : 28 points – Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation',
        'Orientation professionnelle autre que France Travail (ex-Pôle Emploi) – Équipe d’orientation de l’Arrageois, le 15/10/2026',
        'Projet de formation à confirmer',
        'Orientation solidarité',
        'MDS de l’Arrageois',
        'Rémi Référent',
        'Claire Petit',
        'Orientation en commission',
        'La décision diffère de la préconisation de l’équipe d’orientation (Orientation professionnelle autre que France Travail (ex-Pôle Emploi)).',
        'Motif de l’écart',
        period.divergenceReason!,
        'à conclure au plus tard le 20/12/2026',
        'LEFÈVRE',
      ]),
    ).toEqual([]);
  });

  it('a decision that follows the préconisation prints no reason', () => {
    const text = squash(pdfText(followed));
    expect(text).toContain('La décision suit la préconisation de l’équipe d’orientation (Orientation professionnelle autre que France Travail (ex-Pôle Emploi)).');
    expect(text).not.toContain('Motif de l’écart');
  });

  it('without préconisation, names the EDE’s clear proposal, or nothing to follow', () => {
    const noPreco = { ...period, preconisation: null, divergenceReason: null };
    expect(divergenceText(noPreco, { ...ede, proposal: 'solidarite' })).toBe(
      'La décision suit la proposition de l’échelle de distance à l’emploi (Orientation vers la sphère solidarité).',
    );
    expect(divergenceText(noPreco, null)).toMatch(/^Ni préconisation/);
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'orientation');
  });
});
