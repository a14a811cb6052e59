import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DspContentInput } from '../../../shared/api/dsp';
import { dossierInput, startHarness, type Harness } from './harness';
import { allTablesState, interviewWorld, type InterviewWorld } from './interview-fixtures';

let h: Harness;
let w: InterviewWorld;
let s: string; // référent A
let personId: number;

const first: DspContentInput = {
  generalites: { sitpersdemrsa: '0107', topdrorsarmiant: 'non' },
  situationSociale: { difsoc: ['0402'] },
  disponibilite: { difdisp: ['0502'], topengdemarechemploi: 'oui' },
  niveauEtude: { nivetu: '1204', nivdipmaxobt: '2604', annobtnivdipmax: 2006 },
  situationProfessionnelle: { hispro: '1902', libderact: 'Caissière', cessderact: '2702', accoemploi: '1802' },
  mobilite: { toppermicondub: 'non', natmob: '2501' },
  logement: { natlog: '0909', demarlog: '1101', diflog: ['1002'] },
};

beforeAll(async () => {
  h = await startHarness();
  w = await interviewWorld(h);
  s = w.staff.referentA.session;
  personId = w.dA.person.id;
});
afterAll(async () => {
  await h?.dispose();
});

describe('DSP revisions', () => {
  it('a first DSP starts empty, or from the diploma level the dossier knows', async () => {
    const none = await h.ok('dsp.latest', { personId }, s);
    expect(none.revision).toBeNull();
    expect(none.prefill.logement).toEqual({ natlog: null, demarlog: null, diflog: [], libautrdiflog: null });
    expect(none.prefill.niveauEtude.nivdipmaxobt).toBeNull();

    const input = dossierInput({ nom: 'NIVEAU', prenoms: 'Quatre' });
    const withLevel = await h.ok('dossiers.create', { ...input, person: { ...input.person, niveauFormation: 'IV' } }, s);
    const prefill = (await h.ok('dsp.latest', { personId: withLevel.person.id }, s)).prefill;
    expect(prefill.niveauEtude).toMatchObject({ nivetu: '1203', nivdipmaxobt: '2603' });
  });

  it('every save is a revision with who and when; the next one starts from the latest', async () => {
    const saved = await h.ok('dsp.save', { personId, basedOnRevisionId: null, content: first }, s);
    expect(saved.revision).toMatchObject({
      personId,
      number: 1,
      createdAt: '2026-03-02T09:00:00.000Z',
      createdBy: { id: w.staff.referentA.id, displayName: 'Rémi Référent' },
      referentialVersion: 1,
    });
    expect(saved.revision.content.logement).toEqual({ natlog: '0909', demarlog: '1101', diflog: ['1002'], libautrdiflog: null });
    // First revision: the changes are the answered fields.
    expect(saved.changes.length).toBe(saved.revision.changedCount);
    expect(saved.changes.length).toBe(17);

    const latest = await h.ok('dsp.latest', { personId }, w.staff.correspondant.session);
    expect(latest.revision?.id).toBe(saved.revision.id);
    expect(latest.prefill).toEqual(saved.revision.content);

    // Journal.
    const audit = (await allTablesState(h)).audit_log as { entity: string; entity_id: string; action: string; after_json: string }[];
    const entry = audit.find((e) => e.entity === 'dsp_revision' && e.entity_id === String(saved.revision.id));
    expect(entry?.action).toBe('create');
    expect(JSON.parse(entry!.after_json)).toMatchObject({ personId, number: 1, content: { logement: { natlog: '0909' } } });
  });

  it('saved again with two answers changed, the comparison lists exactly those two', async () => {
    h.clock.advanceMinutes(30);
    const latest = await h.ok('dsp.latest', { personId }, s);
    const content = structuredClone(latest.prefill);
    content.mobilite.toppermicondub = 'oui';
    content.logement.natlog = '0901';
    const saved = await h.ok('dsp.save', { personId, basedOnRevisionId: latest.revision!.id, content }, w.staff.correspondant.session);
    expect(saved.revision).toMatchObject({ number: 2, createdBy: { displayName: 'Cora Correspondante' }, createdAt: '2026-03-02T09:30:00.000Z' });
    const expected = [
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
    ];
    expect(saved.changes).toEqual(expected);

    const compared = await h.ok('dsp.compare', { fromRevisionId: latest.revision!.id, toRevisionId: saved.revision.id }, s);
    expect(compared.changes).toEqual(expected);
    expect([compared.from.number, compared.to.number]).toEqual([1, 2]);
    // Backwards, the same fields with before and after swapped.
    const back = await h.ok('dsp.compare', { fromRevisionId: saved.revision.id, toRevisionId: latest.revision!.id }, s);
    expect(back.changes.map((c) => [c.path, c.before, c.after])).toEqual([
      ['mobilite.toppermicondub', 'oui', 'non'],
      ['logement.natlog', '0901', '0909'],
    ]);

    const history = await h.ok('dsp.history', { personId }, w.staff.secretaire.session);
    expect(history.map((r) => [r.number, r.changedCount, r.createdBy.displayName])).toEqual([
      [2, 2, 'Cora Correspondante'],
      [1, 17, 'Rémi Référent'],
    ]);
    const old = await h.ok('dsp.get', { revisionId: latest.revision!.id }, s);
    expect(old.content.logement.natlog).toBe('0909');
  });

  it('a save started from an older revision is a CONFLICT, and nothing is written', async () => {
    const history = await h.ok('dsp.history', { personId }, s);
    const before = await allTablesState(h);
    const stale = await h.err('dsp.save', { personId, basedOnRevisionId: history.at(-1)!.id, content: first }, 'CONFLICT', s);
    expect(stale.message).toMatch(/enregistrée entre-temps \(version 2\)/);
    await h.err('dsp.save', { personId, basedOnRevisionId: null, content: first }, 'CONFLICT', s);
    expect(await allTablesState(h)).toEqual(before);
  });

  it('refuses codes outside the referential and inconsistent answers, at their fields, writing nothing', async () => {
    const basedOnRevisionId = (await h.ok('dsp.history', { personId }, s))[0]!.id;
    const before = await allTablesState(h);
    const bad = await h.err(
      'dsp.save',
      {
        personId,
        basedOnRevisionId,
        content: { logement: { natlog: '0999' }, situationSociale: { difsoc: ['0401', '0407'] }, situationProfessionnelle: { accoemploi: '1803' } },
      },
      'VALIDATION',
      s,
    );
    expect(bad.fieldErrors).toEqual({
      'content.logement.natlog': 'Nature du logement : code inconnu « 0999 ».',
      'content.situationSociale.difsoc': 'Difficultés sociales : « Aucune » ne se combine pas avec une autre réponse.',
      'content.situationSociale.libautrdifsoc':
        'Autres difficultés sociales (précisez) : ce champ est obligatoire d’après la réponse à « Difficultés sociales ».',
      'content.situationProfessionnelle.libcooraccoemploi':
        'Autre organisme d’accompagnement (précisez) : ce champ est obligatoire d’après la réponse à « Accompagnement dans la recherche d’emploi ».',
    });
    const future = await h.err(
      'dsp.save',
      { personId, basedOnRevisionId, content: { niveauEtude: { nivdipmaxobt: '2603', annobtnivdipmax: 2027 } } },
      'VALIDATION',
      s,
    );
    expect(future.fieldErrors).toEqual({
      'content.niveauEtude.annobtnivdipmax': 'L’année d’obtention du diplôme (2027) ne peut pas être postérieure à l’année en cours (2026).',
    });
    expect(await allTablesState(h)).toEqual(before);
  });

  it('compares only revisions of the same person', async () => {
    const other = await h.ok('dsp.save', { personId: w.dB.person.id, basedOnRevisionId: null, content: {} }, w.staff.referentB.session);
    const mine = (await h.ok('dsp.history', { personId }, w.staff.correspondant.session))[0]!;
    const error = await h.err('dsp.compare', { fromRevisionId: mine.id, toRevisionId: other.revision.id }, 'VALIDATION', w.staff.correspondant.session);
    expect(error.fieldErrors).toEqual({ toRevisionId: 'Les deux versions comparées doivent être des DSP de la même personne.' });
    expect(other.changes).toEqual([]);
  });
});
