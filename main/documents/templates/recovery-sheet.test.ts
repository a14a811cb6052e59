/**
 * The recovery key's sheet: the MDS, the date, the key in large monospace, what it is for and how to use it; one page,
 * the same bytes from the same content.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { documentContext } from '../../../test/fixtures/documents/data';
import { missingValues, pdfInfo, pdfPages, pdfText } from '../../../test/fixtures/documents/pdf-tools';
import { renderDocument } from '../index';
import { RECOVERY_SHEET_TITLE, recoverySheetPages, type RecoverySheetData } from './recovery-sheet';

const data: RecoverySheetData = {
  mds: { ...documentContext.mds, commune: 'Arras' },
  recoveryKey: 'ABCDE-FGHJK-LMNPQ-RSTUV-WXYZ2-34567',
  createdAt: '2027-01-02T09:15:00.000Z',
};

describe('Feuille de la clé de secours', () => {
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderDocument(recoverySheetPages(data));
  }, 120_000);

  it('prints the MDS, the key in groups, what it is for and how to use it, on one page', () => {
    expect(pdfPages(pdf)).toHaveLength(1);
    expect(
      missingValues(pdf, [
        documentContext.mds.name,
        'CLÉ DE SECOURS — À CONSERVER AU COFFRE',
        data.recoveryKey,
        'reconstruire le fichier des clés',
        'nouveau mot de passe',
        'Sur l’écran de connexion de Parcours RSA, choisissez « Clé de secours »',
        'Rangez cette feuille au coffre',
        'l’ancienne n’ouvre alors plus rien',
      ]),
    ).toEqual([]);
    expect(pdfText(pdf)).toMatch(/Établie le 02\/01\/2027 à \d\d:15/);
    expect(pdfInfo(pdf).Title).toBe(RECOVERY_SHEET_TITLE);
  });

  it('embeds the monospace font for the key', () => {
    expect(pdf.toString('latin1')).toMatch(/DejaVuSansMono-Bold/);
  });

  it('renders the same bytes from the same content', async () => {
    const again = await renderDocument(recoverySheetPages(data));
    expect(again.equals(pdf)).toBe(true);
  });
});
