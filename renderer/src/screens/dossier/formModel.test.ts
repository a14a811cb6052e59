import { describe, expect, it } from 'vitest';
import { dossierCreateInputSchema } from '../../../../shared/api/dossier';
import { SAMPLE_DOSSIER } from '../../../../test/renderer/fakeBackend';
import { dossierDraftKey, emptyDossierValues, mergeDraft, valuesFromDossier } from './formModel';

describe('dossier form model', () => {
  it('lays a draft over the base values and keeps only what fits', () => {
    const merged = mergeDraft(emptyDossierValues(), {
      foyer: { cafNumber: '1234567', situationFamiliale: 'inconnue', enfants: [{ prenom: 'Léo', dateNaissance: 12 }, 'x'], address: 'pas un objet' },
      person: { nomPatronymique: 'Dupont', sexe: 'X', referentId: 'deux', correspondantId: 3, niveauFormation: 'IV' },
      conjoint: { prenoms: 'Paul', sexe: 'M' },
      personId: 99,
    });
    expect(merged.foyer.cafNumber).toBe('1234567');
    expect(merged.foyer.situationFamiliale).toBe('');
    expect(merged.foyer.address).toEqual({ line1: '', line2: '', postalCode: '', city: '' });
    expect(merged.foyer.enfants).toEqual([
      { prenom: 'Léo', dateNaissance: '' },
      { prenom: '', dateNaissance: '' },
    ]);
    expect(merged.person).toMatchObject({ nomPatronymique: 'Dupont', sexe: '', referentId: null, correspondantId: 3, niveauFormation: 'IV' });
    expect(merged.conjoint).toEqual({ nomPatronymique: '', nomUsage: '', prenoms: 'Paul', sexe: 'M', dateNaissance: '' });
    // A draft cannot point the form at another dossier.
    expect(merged.personId).toBeUndefined();
  });

  it('ignores a draft that is not an object', () => {
    const base = emptyDossierValues();
    expect(mergeDraft(base, 'n’importe quoi')).toBe(base);
    expect(mergeDraft(base, null)).toBe(base);
  });

  it('keeps the edited dossier’s id, and never a conjoint, in edit mode', () => {
    const base = valuesFromDossier(SAMPLE_DOSSIER);
    const merged = mergeDraft(base, { personId: 1, version: 2, conjoint: { prenoms: 'X' }, person: { portable: '0612345678' } });
    expect(merged.personId).toBe(10);
    expect(merged.version).toBe(2);
    expect(merged.conjoint).toBeNull();
    expect(merged.person.portable).toBe('0612345678');
    expect(merged.person.nomPatronymique).toBe('Dupont');
  });

  it('gives values of an existing dossier that pass the create schema', () => {
    const values = valuesFromDossier(SAMPLE_DOSSIER);
    const parsed = dossierCreateInputSchema.safeParse(values);
    expect(parsed.success).toBe(true);
    expect(values.person.referentId).toBe(2);
    expect(values.foyer.address.line2).toBe('');
  });

  it('names drafts per form', () => {
    expect(dossierDraftKey()).toBe('dossier:new');
    expect(dossierDraftKey(12)).toBe('dossier:edit:12');
  });
});
