import { describe, expect, it } from 'vitest';
import { DIPLOMA_LEVEL_CODES } from './diplomas';
import {
  DIFDISP_LOCAL_CODES,
  DSP_LIST_NAMES,
  DSP_REFERENTIAL,
  diplomaLevelToDspNivdipmaxobt,
  diplomaLevelToDspNivetu,
  dspAnswerProblems,
  dspLabel,
  dspList,
  dspNiveauToDiplomaLevel,
  natlogGroup,
} from './dsp';

const codesOf = (name: Parameters<typeof dspList>[0]) => dspList(name).codes.map((c) => c.code);

describe('listes de codes DSP (structure CNAF)', () => {
  it('contient toutes les listes avec des codes uniques et des libellés', () => {
    expect(Object.keys(DSP_REFERENTIAL.data.lists).sort()).toEqual([...DSP_LIST_NAMES].sort());
    for (const name of DSP_LIST_NAMES) {
      const list = dspList(name);
      expect(list.name).toBe(name);
      expect(list.label.trim()).not.toBe('');
      expect(new Set(list.codes.map((c) => c.code)).size, name).toBe(list.codes.length);
      for (const c of list.codes) expect(c.label.trim(), `${name} ${c.code}`).not.toBe('');
      if (list.noneCode) expect(codesOf(name)).toContain(list.noneCode);
      for (const code of list.withText ?? []) expect(codesOf(name)).toContain(code);
    }
  });

  it('reprend les codes de domain-notes §2', () => {
    expect(codesOf('sitpersdemrsa')).toEqual(['0101', '0102', '0103', '0104', '0105', '0106', '0107', '0108', '0109']);
    expect(codesOf('nataccosocfam')).toEqual(['0410', '0411', '0412', '0413']);
    expect(codesOf('nataccosocindi')).toEqual(['0416', '0417', '0418', '0419', '0420']);
    expect(codesOf('difsoc')).toEqual(['0401', '0402', '0403', '0404', '0405', '0406', '0407']);
    expect(codesOf('difdisp')).toEqual(
      ['0501', '0502', '0503', '0504', '0505', '0506', '0507', '0508', '0509', '0510', '0511', '0512', '0513'],
    );
    expect(DIFDISP_LOCAL_CODES).toEqual(['0507', '0508', '0509', '0510', '0511', '0512', '0513']);
    expect(codesOf('nivetu')).toEqual(['1201', '1202', '1203', '1204', '1205', '1206', '1207']);
    expect(codesOf('nivdipmaxobt')).toEqual(['2601', '2602', '2603', '2604', '2605', '2606']);
    expect(codesOf('hispro')).toEqual(['1901', '1902', '1903', '1904']);
    expect(codesOf('cessderact')).toEqual(['2701', '2702']);
    expect(codesOf('duractdomi')).toEqual(['2104', '2105', '2106', '2107']);
    expect(codesOf('inscdememploi')).toEqual(['4301', '4302', '4303', '4304']);
    expect(codesOf('accoemploi')).toEqual(['1801', '1802', '1803']);
    expect(codesOf('natmob')).toEqual(['2501', '2502', '2503', '2504']);
    expect(codesOf('natlog')).toHaveLength(13);
    expect(codesOf('demarlog')).toEqual(['1101', '1102', '1103']);
    expect(codesOf('diflog')).toEqual(['1001', '1002', '1003', '1004', '1005', '1006', '1007', '1008', '1009']);
    expect(dspLabel('difsoc', '0403')).toBe('Reconnaissance de travailleur handicapé');
    expect(dspLabel('difsoc', '9999')).toBeUndefined();
  });

  it('marque les questions à réponses multiples', () => {
    const multiple = DSP_LIST_NAMES.filter((n) => dspList(n).multiple);
    expect(multiple.sort()).toEqual(['difdisp', 'diflog', 'difsoc', 'nataccosocfam', 'nataccosocindi']);
  });

  it('groupe la nature du logement : urgence, temporaire, précaire', () => {
    expect(['0901', '0902'].map(natlogGroup)).toEqual(['autonome', 'autonome']);
    expect(['0903', '0904', '0905', '0906'].map(natlogGroup)).toEqual(Array(4).fill('urgence'));
    expect(['0907', '0908', '0909'].map(natlogGroup)).toEqual(Array(3).fill('temporaire'));
    expect(['0910', '0911', '0912', '0913'].map(natlogGroup)).toEqual(Array(4).fill('precaire'));
    expect(natlogGroup('0999')).toBeUndefined();
  });

  it('signale en français les réponses invalides', () => {
    expect(dspAnswerProblems('difsoc', ['0402', '0404'])).toEqual([]);
    expect(dspAnswerProblems('difsoc', ['0401', '0402'])).toEqual([
      'Difficultés sociales : « Aucune » ne se combine pas avec une autre réponse.',
    ]);
    expect(dspAnswerProblems('natlog', ['0901', '0902'])).toEqual(['Nature du logement : une seule réponse est possible.']);
    expect(dspAnswerProblems('diflog', ['1002', '1002'])).toEqual(['Difficultés liées au logement : une réponse est cochée deux fois.']);
    expect(dspAnswerProblems('hispro', ['1999'])).toEqual(['Parcours professionnel : code inconnu « 1999 ».']);
  });
});

describe('correspondance niveaux DSP ↔ Annexe 1', () => {
  it('couvre chaque code nivetu et nivdipmaxobt vers un niveau de l’Annexe 1', () => {
    for (const code of [...codesOf('nivetu'), ...codesOf('nivdipmaxobt')]) {
      expect(DIPLOMA_LEVEL_CODES, code).toContain(dspNiveauToDiplomaLevel(code));
    }
    expect(dspNiveauToDiplomaLevel('1202')).toBe('III');
    expect(dspNiveauToDiplomaLevel('2603')).toBe('IV');
    expect(dspNiveauToDiplomaLevel('1204')).toBe('V');
    expect(dspNiveauToDiplomaLevel('1207')).toBe('AUCUNE');
    expect(dspNiveauToDiplomaLevel('2605')).toBe('AUCUNE');
    expect(dspNiveauToDiplomaLevel('2601')).toBe('I');
  });

  it('refuse un code inconnu avec un message français', () => {
    expect(() => dspNiveauToDiplomaLevel('0101')).toThrow(/Code de niveau DSP inconnu : « 0101 »/);
  });

  it('donne un code DSP par défaut pour un niveau de l’Annexe 1, cohérent aller-retour', () => {
    for (const level of DIPLOMA_LEVEL_CODES) {
      const nivdip = diplomaLevelToDspNivdipmaxobt(level);
      if (nivdip !== null) {
        expect(codesOf('nivdipmaxobt')).toContain(nivdip);
        const back = dspNiveauToDiplomaLevel(nivdip);
        // I and II share the DSP code 2601; every other level comes back as itself.
        expect(back, level).toBe(level === 'II' ? 'I' : level);
      }
      const nivetu = diplomaLevelToDspNivetu(level);
      if (nivetu !== null) {
        expect(codesOf('nivetu')).toContain(nivetu);
        expect(dspNiveauToDiplomaLevel(nivetu), level).toBe(level === 'II' ? 'I' : level);
      }
    }
    expect(diplomaLevelToDspNivdipmaxobt('FORMATION_COURTE')).toBeNull();
    expect(diplomaLevelToDspNivdipmaxobt('AUCUNE')).toBe('2606');
    expect(diplomaLevelToDspNivetu('AUCUNE')).toBeNull();
  });
});
