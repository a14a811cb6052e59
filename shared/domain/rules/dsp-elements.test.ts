import { describe, expect, it } from 'vitest';
import { dspContentSchema, EMPTY_DSP } from '../../api/dsp';
import { dspOrientationElements } from './dsp-elements';

describe('dspOrientationElements', () => {
  it('an empty DSP gives no element', () => {
    expect(dspOrientationElements(EMPTY_DSP)).toEqual([]);
  });

  it('lists the obstacles first (social difficulties, availability, precarious housing), then the points d’appui', () => {
    const content = dspContentSchema.parse({
      situationSociale: { difsoc: ['0402', '0406'] },
      disponibilite: { difdisp: ['0502'], topengdemarechemploi: 'non' },
      situationProfessionnelle: { inscdememploi: '4303', accoemploi: '1802', topprojpro: 'oui', libemploirech: 'Aide-soignante' },
      mobilite: { natmob: '2504', toppermicondub: 'oui' },
      logement: { natlog: '0904', diflog: ['1002'] },
    });
    expect(dspOrientationElements(content)).toEqual([
      { kind: 'frein', path: 'situationSociale.difsoc', text: 'Difficultés sociales : Santé, Endettement.' },
      { kind: 'frein', path: 'disponibilite.difdisp', text: 'Obstacles à une recherche d’emploi : Garde d’enfant(s) de moins de 6 ans.' },
      { kind: 'frein', path: 'disponibilite.topengdemarechemploi', text: 'N’est pas prêt(e) à engager rapidement une recherche d’emploi.' },
      { kind: 'frein', path: 'mobilite.natmob', text: 'Rayon de mobilité : aucune mobilité.' },
      { kind: 'frein', path: 'logement.natlog', text: 'Nature du logement : CHRS (hébergement d’urgence).' },
      { kind: 'frein', path: 'logement.diflog', text: 'Difficultés liées au logement : Impayés de loyer ou de charges.' },
      { kind: 'appui', path: 'situationProfessionnelle.inscdememploi', text: 'Inscription comme demandeur d’emploi : Inscrit depuis 1 à 5 ans.' },
      { kind: 'appui', path: 'situationProfessionnelle.accoemploi', text: 'Accompagnement dans la recherche d’emploi : France Travail (ex-Pôle Emploi).' },
      { kind: 'appui', path: 'situationProfessionnelle.topprojpro', text: 'A un projet professionnel : Aide-soignante.' },
      { kind: 'appui', path: 'mobilite', text: 'Mobilité : permis B.' },
    ]);
  });

  it('« aucune » answers, autonomous housing and a non-registration are not elements', () => {
    const content = dspContentSchema.parse({
      situationSociale: { difsoc: ['0401'] },
      disponibilite: { difdisp: ['0501'] },
      situationProfessionnelle: { inscdememploi: '4301', accoemploi: '1801' },
      logement: { natlog: '0901', diflog: ['1001'] },
    });
    expect(dspOrientationElements(content)).toEqual([]);
  });
});
