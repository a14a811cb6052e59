import { describe, expect, it } from 'vitest';
import { csvCell, csvDate, csvFileName, parseCsv, toCsv, type CsvColumn } from './csv';

interface Row {
  name: string;
  date: string | null;
  amount: number | null;
  note?: string;
}
const columns: CsvColumn<Row>[] = [
  { header: 'Bénéficiaire', value: (r) => r.name },
  { header: 'Date', value: (r) => csvDate(r.date) },
  { header: 'Montant', value: (r) => r.amount },
  { header: 'Détail', value: (r) => r.note },
];

describe('CSV for Excel', () => {
  it('starts with the BOM, separates with `;`, ends every line with CRLF, writes dates dd/mm/yyyy and decimals with a comma', () => {
    const csv = toCsv(columns, [{ name: 'DURAND Élise', date: '2026-12-03', amount: 607.75 }]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFBénéficiaire;Date;Montant;Détail\r\nDURAND Élise;03/12/2026;607,75;\r\n');
  });

  it('quotes cells holding `;`, quotes or line breaks, doubling the quotes, and parses back to the same cells', () => {
    const rows: Row[] = [
      { name: 'MARTIN; Paul', date: null, amount: 0, note: 'Il a dit « oui » puis "non"' },
      { name: 'LEROY Anne', date: '2026-01-31', amount: -12, note: 'ligne 1\r\nligne 2\nligne 3' },
    ];
    const csv = toCsv(columns, rows);
    expect(csv).toContain('"MARTIN; Paul"');
    expect(csv).toContain('"Il a dit « oui » puis ""non"""');
    expect(parseCsv(csv)).toEqual([
      ['Bénéficiaire', 'Date', 'Montant', 'Détail'],
      ['MARTIN; Paul', '', '0', 'Il a dit « oui » puis "non"'],
      ['LEROY Anne', '31/01/2026', '-12', 'ligne 1\r\nligne 2\nligne 3'],
    ]);
  });

  it('keeps Excel from computing a text that looks like a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('+33 6 00')).toBe("'+33 6 00");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
  });

  it('an empty list is the header line alone; file names carry the day', () => {
    expect(parseCsv(toCsv(columns, []))).toEqual([['Bénéficiaire', 'Date', 'Montant', 'Détail']]);
    expect(csvFileName('echeancier', '2026-12-03')).toBe('echeancier-2026-12-03.csv');
  });
});
