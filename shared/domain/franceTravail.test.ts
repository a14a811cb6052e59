import { describe, expect, it } from 'vitest';
import { FRANCE_TRAVAIL, currentBodyName } from './franceTravail';
import { ORIENTATION_LABELS, CONTRACT_KIND_LABELS } from './rules/orientation';
import { EDE_PROPOSAL_LABELS } from './rules/ede';
import { REORIENTATION_MOTIF_LABELS, SUSPENSION_MOTIF_LABELS } from './rules/fiche-liaison';
import { ORGANISME_TYPE_LABELS } from '../api/interview';
import { EP_ORGANISATION_LABELS } from '../api/ep';
import { INSCRIPTION_LABELS } from '../api/contracts';
import { DOSSIER_FIELD_LABELS } from '../api/labels';
import { DSP_REFERENTIAL } from './referentials/dsp';

const OLD_NAME = /P[ôo]le [Ee]mploi/;

/** Every label a screen or a paper shows from these maps. */
function labels(): [string, string][] {
  const maps: Record<string, Record<string, string>> = {
    ORIENTATION_LABELS,
    CONTRACT_KIND_LABELS,
    EDE_PROPOSAL_LABELS,
    REORIENTATION_MOTIF_LABELS,
    SUSPENSION_MOTIF_LABELS,
    ORGANISME_TYPE_LABELS,
    EP_ORGANISATION_LABELS,
    INSCRIPTION_LABELS,
    DOSSIER_FIELD_LABELS,
  };
  const out = Object.entries(maps).flatMap(([map, m]) => Object.entries(m).map(([k, v]): [string, string] => [`${map}.${k}`, v]));
  for (const [name, list] of Object.entries(DSP_REFERENTIAL.data.lists)) {
    for (const c of list.codes) out.push([`DSP ${name}.${c.code}`, c.label]);
  }
  return out;
}

describe('the body’s current name', () => {
  it('no label of a screen or a paper says « Pôle Emploi » without « France Travail »', () => {
    const all = labels();
    expect(all.length).toBeGreaterThan(50);
    const stale = all.filter(([, text]) => OLD_NAME.test(text) && !text.includes('France Travail'));
    expect(stale).toEqual([]);
    // The stored codes do not change, only the words.
    expect(ORIENTATION_LABELS.professionnelle_pole_emploi).toBe(`Orientation professionnelle ${FRANCE_TRAVAIL}`);
    expect(ORGANISME_TYPE_LABELS.pole_emploi).toBe(FRANCE_TRAVAIL);
  });

  it('says today’s name for a handbook text, once', () => {
    expect(currentBodyName('Action réservée à l’échange informatique avec Pôle Emploi.')).toBe(`Action réservée à l’échange informatique avec ${FRANCE_TRAVAIL}.`);
    expect(currentBodyName('l’orientation prioritaire est le Pôle Emploi')).toBe(`l’orientation prioritaire est ${FRANCE_TRAVAIL}`);
    expect(currentBodyName('Suivi du Pôle emploi')).toBe(`Suivi de ${FRANCE_TRAVAIL}`);
    expect(currentBodyName(FRANCE_TRAVAIL)).toBe(FRANCE_TRAVAIL);
    expect(currentBodyName('CAF')).toBe('CAF');
  });
});
