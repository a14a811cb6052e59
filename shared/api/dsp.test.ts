import { describe, expect, it } from 'vitest';
import { DSP_LIST_NAMES, dspList } from '../domain/referentials/dsp';
import {
  DSP_FIELDS,
  DSP_SECTIONS,
  dspContentSchema,
  dspFieldLabel,
  dspFieldOptions,
  dspStoredContentSchema,
  EMPTY_DSP,
  type DspContentInput,
} from './dsp';

const issues = (input: DspContentInput) => {
  const r = dspContentSchema.safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('DSP structure', () => {
  it('covers the seven sections and uses every code list of the referential', () => {
    expect(new Set(DSP_FIELDS.map((f) => f.section))).toEqual(new Set(DSP_SECTIONS));
    const used = new Set(DSP_FIELDS.flatMap((f) => (f.list ? [f.list] : [])));
    expect(DSP_LIST_NAMES.filter((n) => !used.has(n))).toEqual([]);
    for (const f of DSP_FIELDS) {
      expect(f.path).toBe(`${f.section}.${f.key}`);
      if (f.kind === 'code' || f.kind === 'codes') {
        expect(dspFieldOptions(f).length, f.path).toBeGreaterThan(1);
        if (f.list !== 'couvsoc') expect(f.kind === 'codes', f.path).toBe(dspList(f.list!).multiple);
      }
      if (f.when) expect(DSP_FIELDS.some((g) => g.path === f.when!.path), f.path).toBe(true);
    }
    // Every field of the schema has a description, and the reverse.
    const schemaPaths = Object.entries(EMPTY_DSP).flatMap(([s, fields]) => Object.keys(fields).map((k) => `${s}.${k}`));
    expect(schemaPaths.sort()).toEqual(DSP_FIELDS.map((f) => f.path).sort());
    expect(dspFieldLabel('logement.natlog')).toBe('Nature du logement');
  });

  it('an empty DSP is valid: every field null or [], so two DSPs compare field by field', () => {
    expect(EMPTY_DSP.logement).toEqual({ natlog: null, demarlog: null, diflog: [], libautrdiflog: null });
    expect(dspContentSchema.parse({ logement: { natlog: '', diflog: undefined, libautrdiflog: '  ' } }).logement).toEqual(EMPTY_DSP.logement);
  });

  it('refuses codes unknown to the referential, two answers to a single question, « aucune » with another answer', () => {
    expect(issues({ logement: { natlog: '0999' }, situationSociale: { difsoc: ['0401', '0402'] } })).toEqual({
      'logement.natlog': 'Nature du logement : code inconnu « 0999 ».',
      'situationSociale.difsoc': 'Difficultés sociales : « Aucune » ne se combine pas avec une autre réponse.',
    });
    expect(issues({ disponibilite: { difdisp: ['0502', '0502'] } })).toEqual({
      'disponibilite.difdisp': 'Obstacles à une recherche d’emploi : une réponse est cochée deux fois.',
    });
    expect(issues({ generalites: { topcouvsoc: 'oui', couvsoc: ['cmu', 'ame'] } })).toEqual({
      'generalites.couvsoc': 'Couverture sociale : code inconnu « ame ».',
    });
    expect(issues({ mobilite: { toppermicondub: 'peut-être' as never } })['mobilite.toppermicondub']).toMatch(/Réponse invalide/);
  });

  it('requires the « Autres (précisez) » text when « Autres » is ticked, and refuses it otherwise', () => {
    expect(issues({ situationSociale: { difsoc: ['0407'] } })).toEqual({
      'situationSociale.libautrdifsoc':
        'Autres difficultés sociales (précisez) : ce champ est obligatoire d’après la réponse à « Difficultés sociales ».',
    });
    expect(issues({ situationSociale: { difsoc: ['0407'], libautrdifsoc: 'Isolement' } })).toEqual({});
    expect(Object.keys(issues({ situationSociale: { difsoc: ['0402'], libautrdifsoc: 'Isolement' } }))).toEqual([
      'situationSociale.libautrdifsoc',
    ]);
    expect(Object.keys(issues({ situationProfessionnelle: { accoemploi: '1803' } }))).toEqual(['situationProfessionnelle.libcooraccoemploi']);
  });

  it('answers that depend on another one only when it applies (last job for someone who has worked)', () => {
    expect(Object.keys(issues({ situationProfessionnelle: { hispro: '1904', libderact: 'Vendeur', cessderact: '2701' } }))).toEqual([
      'situationProfessionnelle.libderact',
      'situationProfessionnelle.cessderact',
    ]);
    expect(issues({ situationProfessionnelle: { hispro: '1901', libderact: 'Vendeur', cessderact: '2701' } })).toEqual({});
    expect(Object.keys(issues({ generalites: { topdrorsarmiant: 'non', drorsarmianta2: 'oui' } }))).toEqual(['generalites.drorsarmianta2']);
    expect(Object.keys(issues({ niveauEtude: { nivdipmaxobt: '2606', annobtnivdipmax: 2001 } }))).toEqual(['niveauEtude.annobtnivdipmax']);
  });

  it('the stored shape reads back codes the current referential no longer knows', () => {
    const stored = { ...EMPTY_DSP, logement: { ...EMPTY_DSP.logement, natlog: '0999' } };
    expect(dspStoredContentSchema.parse(stored).logement.natlog).toBe('0999');
    expect(dspContentSchema.safeParse(stored).success).toBe(false);
  });
});
