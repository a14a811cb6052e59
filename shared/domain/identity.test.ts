import { describe, expect, it } from 'vitest';
import { firstPrenom, identityKey, identityKeys, normalizeName, sameIdentity } from './identity';

describe('normalizeName: a family name without accents, case, separators or particles', () => {
  it('reads « FÉRAUD-LÉCUYER », « Feraud Lecuyer » and « FERAUDLECUYER » the same', () => {
    expect(normalizeName('FÉRAUD-LÉCUYER')).toBe('feraudlecuyer');
    expect(normalizeName('Feraud Lecuyer')).toBe('feraudlecuyer');
    expect(normalizeName('  feraud   lécuyer ')).toBe('feraudlecuyer');
    expect(normalizeName('FERAUDLECUYER')).toBe('feraudlecuyer');
  });

  it('removes the particles standing as words: « de la Fontaine » ~ « LA FONTAINE » ~ « Fontaine »', () => {
    expect(normalizeName('de la Fontaine')).toBe('fontaine');
    expect(normalizeName('LA FONTAINE')).toBe('fontaine');
    expect(normalizeName('D’ARTOIS')).toBe('artois');
    expect(normalizeName("d'Artois")).toBe('artois');
    expect(normalizeName('Van der Berg')).toBe('berg');
    expect(normalizeName('DI MARIA')).toBe('maria');
  });

  it('keeps a particle glued inside a word, and a name made only of particles', () => {
    expect(normalizeName('DUPONT')).toBe('dupont');
    expect(normalizeName('Delacroix')).toBe('delacroix');
    expect(normalizeName('LE')).toBe('le');
    expect(normalizeName('Da')).toBe('da');
  });

  it('writes out ligatures and « St »', () => {
    expect(normalizeName('CŒUR')).toBe('coeur');
    expect(normalizeName('LÆTITIA')).toBe('laetitia');
    expect(normalizeName('ST-JEAN')).toBe(normalizeName('Saint Jean'));
  });

  it('is empty for an empty name', () => {
    expect(normalizeName('')).toBe('');
    expect(normalizeName(null)).toBe('');
    expect(normalizeName(' - ')).toBe('');
  });
});

describe('identityKey and sameIdentity', () => {
  it('takes the first word of the first names', () => {
    expect(firstPrenom('Anne-Marie Louise')).toBe('anne');
    expect(firstPrenom('ANNE MARIE')).toBe('anne');
    expect(firstPrenom('Élodie')).toBe('elodie');
  });

  it('builds nom|prénom|date, or null when a part is missing', () => {
    expect(identityKey('FÉRAUD-LÉCUYER', 'Hélène Françoise', '1985-03-12')).toBe('feraudlecuyer|helene|1985-03-12');
    expect(identityKey('Feraud Lecuyer', 'HELENE', '1985-03-12')).toBe('feraudlecuyer|helene|1985-03-12');
    expect(identityKey('', 'Hélène', '1985-03-12')).toBeNull();
    expect(identityKey('Martin', '', '1985-03-12')).toBeNull();
    expect(identityKey('Martin', 'Anne', null)).toBeNull();
  });

  it('finds the same person across accents, hyphens, case and particles', () => {
    const a = { nomPatronymique: 'FÉRAUD-LÉCUYER', prenoms: 'Hélène', dateNaissance: '1985-03-12' };
    const b = { nomPatronymique: 'Feraud Lecuyer', prenoms: 'HELENE Marie', dateNaissance: '1985-03-12' };
    expect(sameIdentity(a, b)).toBe(true);
    expect(sameIdentity({ nomPatronymique: 'de la Fontaine', prenoms: 'Jean', dateNaissance: '1970-01-01' }, { nomPatronymique: 'LA FONTAINE', prenoms: 'jean', dateNaissance: '1970-01-01' })).toBe(true);
  });

  it('does not match another birth date, another first name or another name', () => {
    const a = { nomPatronymique: 'FÉRAUD-LÉCUYER', prenoms: 'Hélène', dateNaissance: '1985-03-12' };
    expect(sameIdentity(a, { ...a, dateNaissance: '1985-03-13' })).toBe(false);
    expect(sameIdentity(a, { ...a, prenoms: 'Hélèna' })).toBe(false);
    expect(sameIdentity(a, { ...a, nomPatronymique: 'FÉRAUD' })).toBe(false);
    expect(sameIdentity(a, { ...a, dateNaissance: null })).toBe(false);
  });

  it('matches a usage name against a birth name, both ways', () => {
    const dossier = { nomPatronymique: 'LEFÈVRE', nomUsage: 'DUPRÉ', prenoms: 'Hélène', dateNaissance: '1985-03-12' };
    expect(identityKeys(dossier)).toEqual(['lefevre|helene|1985-03-12', 'dupre|helene|1985-03-12']);
    expect(sameIdentity(dossier, { nomPatronymique: 'Dupre', prenoms: 'Helene', dateNaissance: '1985-03-12' })).toBe(true);
    expect(sameIdentity({ nomPatronymique: 'Lefevre', prenoms: 'Helene', dateNaissance: '1985-03-12' }, dossier)).toBe(true);
    expect(identityKeys({ ...dossier, nomUsage: 'Lefevre' })).toEqual(['lefevre|helene|1985-03-12']);
  });
});
