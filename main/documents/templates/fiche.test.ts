/**
 * Fiche de liaison (Annexe 7's pages, the structure's part included) and the correspondent's answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext, ficheView } from '../../../test/fixtures/documents/data';
import { expectGolden, missingValues, pdfPages, pdfText, squash, writePageImages } from '../../../test/fixtures/documents/pdf-tools';
import { ACTIONS_CG_BY_CODE } from '../../../shared/domain/rules/fiche-liaison';
import { renderDocument } from '../index';
import { ficheAnswerPages, fichePages } from './fiche';

const COMMON = [
  'MDS de l’Arrageois',
  'Cora Correspondante',
  'Rémi Référent',
  'Association Réussir l’Insertion',
  '4561237',
  '01/05/2024',
  '1234567A',
  'Niveau V : CAP/BEP',
  'LEFÈVRE',
  'Hélène Françoise',
  '12 rue des Érables, Résidence Les Tilleuls, bât. C, 62000 Arras',
  '29/02/1984',
  'Célibataire',
  '0321456789',
  '0612345678',
  'helene.dupre@exemple.fr',
  'Date de début : 01/12/2026',
  'Date de fin : 31/05/2027',
  'Fait à Arras, le 10 janvier 2027',
  'Je souhaite commencer l’action en février.',
];

describe('fiche de liaison: demande d’actions CG', () => {
  const view = ficheView('actions_cg');
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(fichePages(view, documentContext));
    writePageImages(pdf, 'fiche-actions-cg');
  }, 120_000);

  it('lays out Annexe 7’s pages, from the administrative part to the structure’s part', () => {
    const pages = pdfPages(pdf);
    const order = [
      'FICHE DE LIAISON RÉFÉRENT – CONSEIL DÉPARTEMENTAL',
      'DEMANDE D’ÉTUDE EN ÉQUIPE PLURIDISCIPLINAIRE',
      'SIGNATURE DU RÉFÉRENT ET DU BÉNÉFICIAIRE',
      'OBSERVATION / AVIS DU CORRESPONDANT',
      'PARTIE RÉSERVÉE À LA STRUCTURE POUR UNE DEMANDE D’ACTION CG',
    ];
    const pageOf = order.map((title) => pages.findIndex((p) => p.includes(title)));
    expect(pageOf.every((i) => i >= 0)).toBe(true);
    expect([...pageOf].sort((a, b) => a - b)).toEqual(pageOf);
    expect(new Set(pageOf).size).toBe(order.length);
    expect(pages.join('')).toContain('PARTIE RÉSERVÉE AU PRÉSIDENT DU CONSEIL DÉPARTEMENTAL');
  });

  it('prints every filled value and ticks the actions asked for', () => {
    expect(
      missingValues(pdf, [
        ...COMMON,
        '☒ Actions Conseil Général',
        '☒ Dispositifs d’accompagnement du FSL',
        `☒ ${ACTIONS_CG_BY_CODE.get('is_autres')!.label} : Atelier « Parentalité », Centre social Léo-Lagrange`,
        '☒ Positionnement sur un Contrat Unique d’Insertion non Marchand ³',
        'Structure souhaitée pour l’action : Centre social Léo-Lagrange d’Arras',
        // The correspondent's answer and the structure's feedback.
        view.answer!.texte,
        'Avis : Demande acceptée',
        'Nom de la structure : Centre social Léo-Lagrange',
        'Nom de l’intervenant : Jérôme Müller',
        '4 place de l’Église, 62000 Arras',
        'Date du 1er rendez-vous : 03/02/2027',
        '☒ La personne ne s’est pas présentée au rendez-vous (autre date de rendez-vous) : autre date de rendez-vous : 17/02/2027',
        'Premier rendez-vous manqué (enfant malade), nouveau rendez-vous fixé.',
        'Curriculum vitæ du 08/01/2027 (CV Hélène DUPRÉ.pdf)',
      ]),
    ).toEqual([]);
    const text = squash(pdfText(pdf));
    expect(text).toContain('☐ Réorientation');
    expect(text).toContain('☐ DEMANDE D’APPUI');
    // The five of the request, then the Président's accord and « avenant : non ».
    expect(text.match(/☒/g)!.length).toBe(7);
  });

  it('prints the Président’s decision: accord, structure designated, date, signed by delegation', () => {
    expect(
      missingValues(pdf, [
        'Décision : ☒ Accord ☐ Refus ☐ Ajournement',
        'Structure désignée pour l’inscription à une action CG : Centre social Léo-Lagrange, 4 place de l’Église, 62000 Arras',
        'Le : 20/01/2027',
        'Par délégation, Claire Delattre, Chef du Service Local Allocation Insertion',
      ]),
    ).toEqual([]);
    expect(squash(pdfText(pdf))).not.toContain('Animateur');
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'fiche-actions-cg');
  });
});

describe('fiche de liaison: réorientation, suspension, avenant, appui', () => {
  it('ticks the request and its motif; an avenant prints its modified PAP', async () => {
    const reo = await renderDocument(fichePages(ficheView('reorientation'), documentContext));
    expect(
      missingValues(reo, [
        ...COMMON,
        '☒ Passage en Équipe Pluridisciplinaire',
        '☒ Réorientation ¹',
        '☒ Emploi',
        '☒ Changement de situation de la personne',
        'Orientation demandée : Orientation professionnelle autre que France Travail (ex-Pôle Emploi)',
        'Reprise d’un emploi à temps partiel, orientation professionnelle souhaitée.',
        '(EDE n° 41 jointe)',
      ]),
    ).toEqual([]);

    const sus = await renderDocument(fichePages(ficheView('suspension'), documentContext));
    expect(missingValues(sus, ['☒ Suspension', '☒ Non respect du PPAE ou du contrat d’engagement'])).toEqual([]);

    const avenant = fichePages(ficheView('avenant'), documentContext);
    const av = await renderDocument(avenant);
    writePageImages(av, 'fiche-avenant');
    const rows = ficheView('avenant').fiche.pap!.actions;
    expect(
      missingValues(av, [
        '☒ Modification du PAP',
        'MODIFICATION DU PAP : AVENANT AU CONTRAT D’ENGAGEMENTS RÉCIPROQUES',
        'Raisons de la modification du PAP : Ajout d’une formation qualifiante',
        'Période du contrat (inchangée) : du 01/12/2026 au 31/05/2027',
        ...rows.flatMap((r) => [`${r.actionCode} – ${r.actionLabel}`, r.engagementReferent]),
      ]),
    ).toEqual([]);

    expect(missingValues(av, ['Décision : ☒ Accord ☐ Refus ☐ Ajournement', 'initialement signé : ☒ oui ☐ non', 'Par délégation, Claire Delattre'])).toEqual([]);

    // A refus prints its reason; not yet decided, the Président's part is the blank form.
    const refus = await renderDocument(
      fichePages({ ...ficheView('avenant'), president: { ...ficheView('avenant').president!, decision: 'refus', reason: 'Formation non finançable cette année', signatoryDelegation: null } }, documentContext),
    );
    expect(missingValues(refus, ['Décision : ☐ Accord ☒ Refus ☐ Ajournement', 'Motif du refus : Formation non finançable cette année', 'Claire Delattre, Chef du Service Local Allocation Insertion'])).toEqual([]);
    const waiting = squash(pdfText(await renderDocument(fichePages({ ...ficheView('actions_cg'), president: null, awaitingPresident: true }, documentContext))));
    expect(waiting).toContain('☐ Avis favorable ☐ Avis défavorable');
    expect(waiting).toContain('Animateur');

    const appui = await renderDocument(fichePages(ficheView('appui'), documentContext));
    expect(missingValues(appui, ['☒ DEMANDE D’APPUI', 'Objet de la demande d’appui : Besoin d’informations sur les aides à la garde d’enfant du Département.'])).toEqual([]);
  }, 120_000);
});

describe('the correspondent’s answer', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(ficheAnswerPages(ficheView('reorientation'), documentContext));
    writePageImages(pdf, 'reponse-fiche');
  }, 120_000);

  it('prints the request, the decision, the answer and what follows, dated in French', () => {
    const view = ficheView('reorientation');
    expect(
      missingValues(pdf, [
        'RÉPONSE DU CORRESPONDANT',
        'Le 14 janvier 2027',
        'Destinataire : Rémi Référent',
        'Fiche n° 9 du 10/01/2027 : Passage en équipe pluridisciplinaire : réorientation',
        'Motif : Changement de situation de la personne',
        '☒ Demande acceptée ☐ Demande refusée',
        view.answer!.texte,
        'L’équipe pluridisciplinaire est saisie (saisine n° 15).',
        'LEFÈVRE',
        'Hélène Françoise',
        'Fait à ……………………………, le 14 janvier 2027',
      ]),
    ).toEqual([]);
    expect(pdfPages(pdf)).toHaveLength(1);
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'reponse-fiche');
  });
});
