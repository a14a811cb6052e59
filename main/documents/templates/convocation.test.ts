/**
 * Convocation to a rendez-vous with the référent: letterhead, addressee, object, date / time / place, the handbook's
 * « obligation de répondre aux convocations » and what an absence without excuse leads to; same bytes every time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext, etatCivil } from '../../../test/fixtures/documents/data';
import { expectGolden, missingValues, pdfInfo } from '../../../test/fixtures/documents/pdf-tools';
import { renderDocument } from '../index';
import { CONVOCATION_DUTY, convocationPages, type ConvocationData } from './convocation';

const data: ConvocationData = {
  appointment: { id: 7, date: '2027-01-12', time: '09:30', place: 'MDS de l’Arrageois, 10 rue de la Gare, bureau 2', object: 'Point d’étape du contrat' },
  etatCivil,
  referent: { displayName: 'Rémi Référent', structure: 'MDS de l’Arrageois' },
  letterDate: '2027-01-02',
};

describe('Convocation à un rendez-vous', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(convocationPages(data, { mds: { ...documentContext.mds, commune: 'Arras' } }));
  }, 120_000);

  it('prints the letterhead, the addressee, the rendez-vous, the duty and the consequences of not coming', () => {
    expect(
      missingValues(pdf, [
        'MDS de l’Arrageois',
        'Madame LEFÈVRE (nom d’usage DUPRÉ) Hélène Françoise',
        '12 rue des Érables',
        '62000 Arras',
        'Arras, le 2 janvier 2027',
        'Objet : Convocation à un rendez-vous avec votre référent – revenu de solidarité active',
        'le 12 janvier 2027 à 09 h 30',
        'Point d’étape du contrat',
        `« ${CONVOCATION_DUTY} »`,
        'Une absence sans motif est un manquement à vos devoirs',
        'la suspension de votre allocation',
        'équipe pluridisciplinaire',
        'Rémi Référent',
      ]),
    ).toEqual([]);
    expect(pdfInfo(pdf).Title).toBe('Convocation au rendez-vous du 12/01/2027 – LEFÈVRE (nom d’usage DUPRÉ) Hélène Françoise');
  });

  it('renders the same bytes from the same content', async () => {
    const again = await renderDocument(convocationPages(data, { mds: { ...documentContext.mds, commune: 'Arras' } }));
    expect(again.equals(pdf)).toBe(true);
  });

  it('matches the reference text (layout)', () => {
    expectGolden(pdf, 'convocation');
  });
});
