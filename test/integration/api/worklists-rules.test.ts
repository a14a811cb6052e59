/**
 * The work lists' rules (docs/rules.md, « Issue 12 — listes de travail ») on a real database seeded with raw SQL:
 * which dossiers each list holds, for whom (scope of each role), the rows' wording and links, paging, sorting and
 * the name / CAF filter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { refreshAllDueItems } from '../../../main/services/desk/due';
import { worklistRows, worklistTotal, type WorklistPageInput } from '../../../main/services/desk/worklists';
import { edeForContract } from '../../../main/services/interview/summary';
import type { Actor } from '../../../main/services/context';
import type { WorklistKind } from '../../../shared/api/desk';
import {
  addContract,
  addDsp,
  addEde,
  addEpDecision,
  addFiche,
  addOrientation,
  addPerson,
  addPreconisation,
  namedIn,
  worklistWorld,
  type WorklistWorld,
} from './worklists-fixtures';

const TODAY = '2026-03-02';
const PAGE: WorklistPageInput = { offset: 0, limit: 50, sort: 'date', direction: 'asc' };

let w: WorklistWorld;
beforeEach(() => {
  w = worklistWorld();
});
afterEach(() => w.close());

const rows = (actor: Actor, list: WorklistKind, page: Partial<WorklistPageInput> = {}) => worklistRows(w.sqlite, actor, list, TODAY, { ...PAGE, ...page });
const ids = (actor: Actor, list: WorklistKind, page: Partial<WorklistPageInput> = {}) => rows(actor, list, page).rows.map((r) => r.personId);

describe('scope: a référent their own dossiers, the other roles their MDS, never another MDS', () => {
  it('holds for every list', () => {
    const { refA, refB, corr, sec, admin, refOther } = w.actors;
    const a = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'AUBERT' });
    const b = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refB.id, nom: 'BLANC' });
    const none = addPerson(w.sqlite, { mdsId: w.mds1, referentId: null, nom: 'COLIN' });
    const other = addPerson(w.sqlite, { mdsId: w.mds2, referentId: refOther.id, nom: 'DUBOIS' });
    for (const p of [a, b, none, other]) {
      addContract(w.sqlite, p, corr.id, { status: 'transmis_slai', start: '2026-02-01', signedOn: '2026-01-20', transmittedOn: '2026-01-25' });
      addContract(w.sqlite, p, corr.id, { status: 'valide', start: '2025-06-01', decidedOn: '2026-02-20' });
    }
    // Fiches made by each dossier's référent (none: by the correspondent).
    addFiche(w.sqlite, a, refA.id, { status: 'envoyee', sentOn: '2026-02-10' });
    addFiche(w.sqlite, b, refB.id, { status: 'envoyee', sentOn: '2026-02-11' });
    addFiche(w.sqlite, none, corr.id, { status: 'envoyee', sentOn: '2026-02-12' });
    addFiche(w.sqlite, other, refOther.id, { status: 'envoyee', sentOn: '2026-02-13' });
    const lists: WorklistKind[] = ['dsp_manquante', 'ede_a_faire', 'orientation_a_proposer', 'contrats_a_valider', 'fiches_envoyees', 'validations_recues'];
    for (const list of lists) {
      expect(new Set(ids(refA, list)), list).toEqual(new Set([a]));
      expect(new Set(ids(refB, list)), list).toEqual(new Set([b]));
      for (const actor of [corr, sec, admin]) expect(new Set(ids(actor, list)), `${list} ${actor.role}`).toEqual(new Set([a, b, none]));
      expect(new Set(ids(refOther, list)), list).toEqual(new Set([other]));
      expect(worklistTotal(w.sqlite, corr, list, TODAY), list).toBe(3);
    }
  });

  it('a référent’s « fiches envoyées » are the fiches they made, even on their own dossier', () => {
    const { refA, corr } = w.actors;
    const a = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'AUBERT' });
    addFiche(w.sqlite, a, refA.id, { status: 'acceptee', sentOn: '2026-02-10', type: 'actions_cg' });
    addFiche(w.sqlite, a, corr.id, { status: 'envoyee', sentOn: '2026-02-11' });
    addFiche(w.sqlite, a, refA.id, { status: 'close', sentOn: '2026-01-10' });
    addFiche(w.sqlite, a, refA.id, { status: 'brouillon' });
    const mine = rows(refA, 'fiches_envoyees');
    expect(mine.total).toBe(1);
    expect(mine.rows[0]).toMatchObject({ date: '2026-02-10', days: 20, detail: 'Actions Conseil Général : acceptée, pas encore close.' });
    expect(mine.rows[0]!.link).toEqual({ to: 'dossier', personId: a, section: 'fiches' });
    expect(rows(corr, 'fiches_envoyees').rows.map((r) => r.date)).toEqual(['2026-02-10', '2026-02-11']);
  });
});

describe('DSP manquante', () => {
  it('lists the persons without any DSP revision, waiting since the RSA start (else the dossier’s creation)', () => {
    const { refA } = w.actors;
    const withDsp = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'AVEC' });
    addDsp(w.sqlite, withDsp, refA.id);
    const rsa = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'SANS', rsaDepuis: '2026-01-31' });
    const created = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'NEUF', rsaDepuis: null, createdAt: '2026-02-20T08:00:00.000Z' });
    const result = rows(refA, 'dsp_manquante');
    expect(result.rows.map((r) => [r.personId, r.date, r.days])).toEqual([
      [rsa, '2026-01-31', 30],
      [created, '2026-02-20', 10],
    ]);
    expect(result.rows[0]).toMatchObject({ personName: 'SANS Anne', referent: 'Rémi Référent', link: { to: 'dossier', personId: rsa, section: 'dsp' } });
  });
});

describe('EDE à faire: missing, or older than the contract it should prepare (the dossier’s warning)', () => {
  it('words each case and links to the EDE section', () => {
    const by = w.actors.refA.id;
    const p = namedIn(w, by);
    const noEde = p('AUCUNE');
    const noEdeContract = p('CONTRAT');
    addContract(w.sqlite, noEdeContract, by, { status: 'brouillon', start: '2026-03-15' });
    const fine = p('BONNE'); // one contract: the EDE that prepared the orientation is enough
    addEde(w.sqlite, fine, by, '2025-01-10');
    addContract(w.sqlite, fine, by, { status: 'en_cours', start: '2025-02-01', signedOn: '2025-01-20' });
    const atSignature = p('SIGNATURE');
    addEde(w.sqlite, atSignature, by, '2025-01-18');
    addContract(w.sqlite, atSignature, by, { status: 'echu', start: '2025-01-15', signedOn: '2025-01-20' });
    addContract(w.sqlite, atSignature, by, { status: 'brouillon', start: '2025-08-01' });
    const older = p('ANTERIEURE');
    addEde(w.sqlite, older, by, '2024-12-01');
    addContract(w.sqlite, older, by, { status: 'echu', start: '2025-02-01', signedOn: '2025-01-20' });
    addContract(w.sqlite, older, by, { status: 'signe', start: '2025-08-01', signedOn: '2025-07-25' });
    const renewed = p('RENOUVELEE'); // a new EDE during the previous contract: fine
    addEde(w.sqlite, renewed, by, '2024-12-01');
    addEde(w.sqlite, renewed, by, '2025-07-01');
    addContract(w.sqlite, renewed, by, { status: 'echu', start: '2025-02-01', signedOn: '2025-01-20' });
    addContract(w.sqlite, renewed, by, { status: 'signe', start: '2025-08-01', signedOn: '2025-07-25' });
    const rejectedAside = p('REJETE'); // the rejected contract is not a previous one
    addEde(w.sqlite, rejectedAside, by, '2024-12-01');
    addContract(w.sqlite, rejectedAside, by, { status: 'rejete', start: '2025-02-01', signedOn: '2025-01-20' });
    addContract(w.sqlite, rejectedAside, by, { status: 'brouillon', start: '2025-08-01' });

    const result = rows(w.actors.refA, 'ede_a_faire', { sort: 'person' });
    expect(result.rows.map((r) => [r.personName, r.date, r.detail])).toEqual([
      ['ANTERIEURE Anne', '2025-08-01', 'La dernière EDE (01/12/2024) est antérieure au contrat précédent (01/02/2025) : une nouvelle EDE est demandée pour le CERS du 01/08/2025.'],
      ['AUCUNE Anne', '2025-01-01', 'Aucune EDE n’est enregistrée : elle est à réaliser avec le bénéficiaire (aide à l’orientation, préalable au contrat).'],
      ['CONTRAT Anne', '2025-01-01', 'Aucune EDE n’est enregistrée : elle est à réaliser avant le CERS du 15/03/2026.'],
      [
        'SIGNATURE Anne',
        '2025-08-01',
        'La dernière EDE (18/01/2025) est celle de la signature du contrat précédent (20/01/2025) : une nouvelle EDE est demandée pour le CERS du 01/08/2025.',
      ],
    ]);
    expect(result.rows[1]!.link).toEqual({ to: 'dossier', personId: noEde, section: 'ede' });
  });

  it('holds exactly the dossiers the dossier page warns about, plus those without any EDE (random states)', () => {
    const { refA } = w.actors;
    const day = fc.integer({ min: 0, max: 700 }).map((n) => new Date(Date.UTC(2024, 0, 1 + n)).toISOString().slice(0, 10));
    const contractArb = fc.record({
      status: fc.constantFrom('brouillon', 'signe', 'transmis_slai', 'valide', 'rejete', 'en_cours', 'echu', 'clos'),
      start: day,
      signedOn: fc.option(day, { nil: null }),
    });
    const dossierArb = fc.record({ edes: fc.array(day, { maxLength: 3 }), contracts: fc.array(contractArb, { maxLength: 4 }) });
    fc.assert(
      fc.property(fc.array(dossierArb, { minLength: 1, maxLength: 8 }), (dossiers) => {
        w.sqlite.exec('DELETE FROM ede_assessments; DELETE FROM contracts; DELETE FROM due_items; DELETE FROM due_dirty;');
        w.sqlite.exec('DELETE FROM person_search_key; DELETE FROM persons; DELETE FROM foyers;');
        const expected = new Set<number>();
        for (const [i, d] of dossiers.entries()) {
          const id = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: `P${i}` });
          for (const e of d.edes) addEde(w.sqlite, id, refA.id, e);
          const stored = d.contracts.map((c) => ({ ...c, id: addContract(w.sqlite, id, refA.id, c), type: 'CERS' as const, end: c.start }));
          const latest = d.edes.length === 0 ? null : [...d.edes].sort().at(-1)!;
          if (latest === null || edeForContract(stored, latest).outdated) expected.add(id);
        }
        expect(new Set(ids(refA, 'ede_a_faire', { limit: 500 }))).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });
});

describe('orientation à proposer / à décider', () => {
  it('splits the dossiers without decision, and finds the decisions to make after one', () => {
    const { corr } = w.actors;
    const by = corr.id;
    const p = namedIn(w, null);
    const nothing = p('RIEN');
    const middle = p('MILIEU');
    addEde(w.sqlite, middle, by, '2026-01-10', 25, 'decision_ep_eo');
    const clear = p('CLAIRE');
    addEde(w.sqlite, clear, by, '2026-01-11', 12, 'professionnelle_pole_emploi');
    const preco = p('PRECO');
    addEde(w.sqlite, preco, by, '2026-01-10', 25, 'decision_ep_eo');
    addPreconisation(w.sqlite, preco, by, '2026-01-20', 'professionnelle_autre', 'EO Arras');
    const stalePreco = p('PERIMEE'); // a préconisation older than the latest EDE (between the thresholds) does not count
    addPreconisation(w.sqlite, stalePreco, by, '2026-01-05');
    addEde(w.sqlite, stalePreco, by, '2026-01-10', 25, 'decision_ep_eo');
    const decided = p('DECIDE');
    const used = addPreconisation(w.sqlite, decided, by, '2026-01-05');
    addOrientation(w.sqlite, w, decided, by, '2026-01-15', 'solidarite', used);
    const reprec = p('REPRECO'); // a new préconisation after the decision
    addOrientation(w.sqlite, w, reprec, by, '2025-06-01');
    addPreconisation(w.sqlite, reprec, by, '2026-02-01', 'professionnelle_pole_emploi');
    const sameEde = p('MEME'); // a new EDE after the decision proposing the current orientation: nothing to decide
    addOrientation(w.sqlite, w, sameEde, by, '2025-06-01', 'solidarite');
    addEde(w.sqlite, sameEde, by, '2026-01-10', 40, 'solidarite');
    const otherEde = p('AUTRE'); // … proposing another one: to decide
    addOrientation(w.sqlite, w, otherEde, by, '2025-06-01', 'solidarite');
    addEde(w.sqlite, otherEde, by, '2026-01-12', 10, 'professionnelle_pole_emploi');

    expect(rows(corr, 'orientation_a_proposer', { sort: 'person' }).rows.map((r) => [r.personId, r.detail])).toEqual([
      [middle, 'EDE du 10/01/2026 (25 points, entre les seuils) : la préconisation de l’équipe d’orientation est attendue.'],
      [stalePreco, 'EDE du 10/01/2026 (25 points, entre les seuils) : la préconisation de l’équipe d’orientation est attendue.'],
      [nothing, 'Ni EDE ni préconisation de l’équipe d’orientation : l’orientation est à proposer (sans élément, en solidarité pour un diagnostic).'],
    ]);
    const toDecide = rows(corr, 'orientation_a_decider', { sort: 'date' }).rows;
    expect(toDecide.map((r) => [r.personId, r.date, r.detail])).toEqual([
      [clear, '2026-01-11', 'Proposition de l’EDE (12 points) : Orientation professionnelle France Travail (ex-Pôle Emploi).'],
      [
        otherEde,
        '2026-01-12',
        'Proposition de l’EDE (10 points) : Orientation professionnelle France Travail (ex-Pôle Emploi). Orientation actuelle : Orientation solidarité.',
      ],
      [preco, '2026-01-20', 'Préconisation de l’équipe d’orientation (EO Arras) : Orientation professionnelle autre que France Travail (ex-Pôle Emploi).'],
      [
        reprec,
        '2026-02-01',
        'Préconisation de l’équipe d’orientation (EO Arrageois) : Orientation professionnelle France Travail (ex-Pôle Emploi). Orientation actuelle : Orientation solidarité.',
      ],
    ]);
    expect(toDecide[0]!.link).toEqual({ to: 'dossier', personId: clear, section: 'orientation' });

    // The dossiers without decision, split in two lists, are exactly the échéancier's « orientation à décider ».
    refreshAllDueItems(w.sqlite, TODAY);
    const due = w.sqlite.prepare(`SELECT person_id AS id FROM due_items WHERE kind = 'orientation_a_faire'`).all() as { id: number }[];
    expect(new Set(due.map((d) => d.id))).toEqual(new Set([nothing, middle, stalePreco, clear, preco]));
    expect(new Set([...ids(corr, 'orientation_a_proposer'), ...ids(corr, 'orientation_a_decider')].filter((id) => ![reprec, otherEde].includes(id)))).toEqual(
      new Set(due.map((d) => d.id)),
    );
  });
});

describe('contracts to validate, validations received', () => {
  it('lists the contracts transmitted to the SLAI, longest waiting first by days', () => {
    const { corr, refA } = w.actors;
    const a = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'UN' });
    const b = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'DEUX' });
    addContract(w.sqlite, a, corr.id, { type: 'CERP', status: 'transmis_slai', start: '2026-02-01', end: '2026-07-31', transmittedOn: '2026-02-20' });
    addContract(w.sqlite, b, corr.id, { status: 'transmis_slai', start: '2026-01-15', end: '2026-07-14', transmittedOn: '2026-01-10' });
    addContract(w.sqlite, b, corr.id, { status: 'signe', start: '2026-08-01', signedOn: '2026-02-01' });
    const result = rows(corr, 'contrats_a_valider', { sort: 'days', direction: 'desc' });
    expect(result.rows.map((r) => [r.personId, r.days, r.detail])).toEqual([
      [b, 51, 'CERS du 15/01/2026 au 14/07/2026 : décision du Président attendue.'],
      [a, 10, 'CERP du 01/02/2026 au 31/07/2026 : décision du Président attendue.'],
    ]);
    expect(result.rows[0]!.link).toEqual({ to: 'dossier', personId: b, section: 'contrats' });
  });

  it('gathers the Président’s decisions of the last 30 days: contracts, fiches, EP decisions', () => {
    const { refA, corr } = w.actors;
    const a = addPerson(w.sqlite, { mdsId: w.mds1, referentId: refA.id, nom: 'AUBERT' });
    addContract(w.sqlite, a, corr.id, { status: 'en_cours', start: '2026-01-01', decidedOn: '2026-01-31' }); // 30 days: in
    addContract(w.sqlite, a, corr.id, { status: 'valide', start: '2025-01-01', decidedOn: '2026-01-30' }); // 31 days: out
    addContract(w.sqlite, a, corr.id, { type: 'CERP', status: 'rejete', start: '2026-03-01', decidedOn: '2026-02-25', rejectionMotif: 'PAP incomplet' });
    addFiche(w.sqlite, a, refA.id, { type: 'avenant', status: 'acceptee', sentOn: '2026-02-01', presidentDecision: 'accord', presidentDate: '2026-02-10' });
    addFiche(w.sqlite, a, refA.id, { type: 'actions_cg', status: 'acceptee', sentOn: '2026-02-01', presidentDecision: 'ajournement', presidentDate: '2026-03-03' }); // future: out
    addEpDecision(w.sqlite, a, corr.id, '2026-02-27', 'defavorable');
    const result = rows(refA, 'validations_recues', { direction: 'desc' });
    expect(result.rows.map((r) => [r.date, r.detail, r.link])).toEqual([
      [
        '2026-02-27',
        'Décision du Président après l’équipe pluridisciplinaire (Demande de réorientation (fiche de liaison)) : défavorable.',
        { to: 'dossier', personId: a, section: 'ep' },
      ],
      ['2026-02-25', 'CERP du 01/03/2026 rejeté par le Président : PAP incomplet.', { to: 'dossier', personId: a, section: 'contrats' }],
      ['2026-02-10', 'Modification du PAP : avenant au contrat : accord du Président.', { to: 'dossier', personId: a, section: 'fiches' }],
      ['2026-01-31', 'CERS du 01/01/2026 validé par le Président.', { to: 'dossier', personId: a, section: 'contrats' }],
    ]);
    expect(worklistTotal(w.sqlite, refA, 'validations_recues', TODAY)).toBe(4);
  });
});

describe('paging, sorting and the name / CAF filter', () => {
  it('pages in SQL with a stable order, sorts by person, date or days, filters without accents', () => {
    const { corr } = w.actors;
    const names = [
      ['ÉLOI', 'Zoé', '2025-03-01', '7000001'],
      ['BÉRANGER', 'Éloïse', '2025-01-01', '7000002'],
      ['CARON', 'Luc', '2025-02-01', '7000003'],
      ['ADAM', 'Noël', '2025-05-01', '7000004'],
      ['DURAND', 'Lucie', '2025-04-01', '8000005'],
    ] as const;
    const id = Object.fromEntries(names.map(([nom, prenoms, rsaDepuis, caf]) => [nom, addPerson(w.sqlite, { mdsId: w.mds1, referentId: null, nom, prenoms, rsaDepuis, caf })]));
    const byPerson = ids(corr, 'dsp_manquante', { sort: 'person' });
    expect(byPerson).toEqual([id.ADAM, id['BÉRANGER'], id.CARON, id.DURAND, id['ÉLOI']]);
    expect(ids(corr, 'dsp_manquante', { sort: 'person', direction: 'desc' })).toEqual([...byPerson].reverse());
    const byDate = [id['BÉRANGER'], id.CARON, id['ÉLOI'], id.DURAND, id.ADAM];
    expect(ids(corr, 'dsp_manquante', { sort: 'date' })).toEqual(byDate);
    expect(ids(corr, 'dsp_manquante', { sort: 'days', direction: 'desc' })).toEqual(byDate);
    expect(ids(corr, 'dsp_manquante', { sort: 'days' })).toEqual([...byDate].reverse());
    // Pages: 2 + 2 + 1, the total each time.
    const pages = [0, 2, 4].map((offset) => rows(corr, 'dsp_manquante', { sort: 'date', offset, limit: 2 }));
    expect(pages.map((p) => p.total)).toEqual([5, 5, 5]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.personId))).toEqual(byDate);
    expect(rows(corr, 'dsp_manquante', { offset: 10 })).toEqual({ total: 5, rows: [] });
    // Filter: accents and case ignored, every word must match, the CAF number too; the total follows the filter.
    expect(ids(corr, 'dsp_manquante', { query: 'eloise' })).toEqual([id['BÉRANGER']]);
    expect(ids(corr, 'dsp_manquante', { query: 'ELOI', sort: 'person' })).toEqual([id['BÉRANGER'], id['ÉLOI']]);
    expect(ids(corr, 'dsp_manquante', { query: 'luc', sort: 'person' })).toEqual([id.CARON, id.DURAND]);
    expect(ids(corr, 'dsp_manquante', { query: 'luc durand' })).toEqual([id.DURAND]);
    expect(ids(corr, 'dsp_manquante', { query: '800000' })).toEqual([id.DURAND]);
    expect(rows(corr, 'dsp_manquante', { query: 'noel', limit: 1 }).total).toBe(1);
    expect(rows(corr, 'dsp_manquante', { query: 'personne' })).toEqual({ total: 0, rows: [] });
    expect(rows(corr, 'dsp_manquante', { query: '   ' }).total).toBe(5);
  });
});
