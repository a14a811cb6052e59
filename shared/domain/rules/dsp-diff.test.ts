import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DSP_FIELDS, dspContentSchema, EMPTY_DSP, type DspContent, type DspContentInput } from '../../api/dsp';
import { diffDsp, dspAnsweredCount, dspValueText, DSP_NOT_ANSWERED } from './dsp-diff';

const dsp = (input: DspContentInput): DspContent => dspContentSchema.parse(input);

const base = dsp({
  generalites: { sitpersdemrsa: '0107', topdrorsarmiant: 'oui', drorsarmianta2: 'non' },
  situationSociale: { difsoc: ['0402', '0405'] },
  disponibilite: { difdisp: ['0502'], topengdemarechemploi: 'oui' },
  niveauEtude: { nivetu: '1204', nivdipmaxobt: '2604', annobtnivdipmax: 2005 },
  situationProfessionnelle: { hispro: '1902', libderact: 'Caissière', accoemploi: '1802' },
  mobilite: { toppermicondub: 'non', natmob: '2501' },
  logement: { natlog: '0909', diflog: ['1002'] },
});

describe('diffDsp', () => {
  it('lists exactly the changed fields, with path, label, before and after (codes and labels)', () => {
    const next = dsp({
      ...base,
      mobilite: { ...base.mobilite, toppermicondub: 'oui' },
      logement: { ...base.logement, natlog: '0901' },
    });
    expect(diffDsp(base, next)).toEqual([
      {
        path: 'mobilite.toppermicondub',
        section: 'mobilite',
        sectionLabel: 'Mobilité',
        label: 'Permis de conduire B',
        before: 'non',
        after: 'oui',
        beforeText: 'Non',
        afterText: 'Oui',
      },
      {
        path: 'logement.natlog',
        section: 'logement',
        sectionLabel: 'Logement',
        label: 'Nature du logement',
        before: '0909',
        after: '0901',
        beforeText: 'Chez un parent ou un tiers',
        afterText: 'Logement autonome individuel',
      },
    ]);
  });

  it('identical DSPs have no change; multi-select answers compare as sets', () => {
    expect(diffDsp(base, base)).toEqual([]);
    const reordered = { ...base, situationSociale: { ...base.situationSociale, difsoc: ['0405', '0402'] } };
    expect(diffDsp(base, reordered)).toEqual([]);
  });

  it('a multi-select change shows every label, and an emptied answer reads « Non renseigné »', () => {
    const next = dsp({ ...base, situationSociale: { difsoc: ['0402', '0406'] }, disponibilite: { difdisp: [] } });
    const changes = diffDsp(base, next);
    expect(changes.map((c) => c.path)).toEqual(['situationSociale.difsoc', 'disponibilite.difdisp', 'disponibilite.topengdemarechemploi']);
    expect(changes[0]).toMatchObject({
      before: ['0402', '0405'],
      after: ['0402', '0406'],
      beforeText: 'Santé, Démarches administratives',
      afterText: 'Santé, Endettement',
    });
    expect(changes[1]).toMatchObject({ after: [], afterText: DSP_NOT_ANSWERED });
    expect(changes[2]).toMatchObject({ before: 'oui', after: null, afterText: 'Non renseigné' });
  });

  it('the first revision (no previous one) lists the answered fields', () => {
    const changes = diffDsp(null, base);
    expect(changes).toHaveLength(dspAnsweredCount(base));
    expect(changes.every((c) => c.beforeText === DSP_NOT_ANSWERED)).toBe(true);
    expect(changes.find((c) => c.path === 'niveauEtude.annobtnivdipmax')).toMatchObject({ before: null, after: 2005, afterText: '2005' });
  });

  it('shows a code the current referential does not know (older version) without failing', () => {
    const field = DSP_FIELDS.find((f) => f.path === 'logement.natlog')!;
    expect(dspValueText(field, '0999')).toBe('code inconnu « 0999 »');
  });

  it('property: changing n distinct single-answer fields gives exactly those n changes', () => {
    const yesNoFields = DSP_FIELDS.filter((f) => f.kind === 'yesno' && !f.when);
    fc.assert(
      fc.property(fc.subarray(yesNoFields, { minLength: 0 }), (chosen) => {
        const next = structuredClone(EMPTY_DSP) as unknown as Record<string, Record<string, unknown>>;
        for (const f of chosen) next[f.section]![f.key] = 'ne_sait_pas';
        const changes = diffDsp(EMPTY_DSP, dsp(next as DspContentInput));
        expect(changes.map((c) => c.path).sort()).toEqual(chosen.map((f) => f.path).sort());
      }),
    );
  });
});
