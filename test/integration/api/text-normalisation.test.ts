/**
 * Free text is normalised at the API: NFC, no NUL nor other control characters (line breaks and tabs kept), no lone
 * UTF-16 surrogates — whatever the renderer sends.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dossierInput, setupWithStaff, startHarness, storedState, type Harness } from './harness';

let h: Harness;
afterEach(async () => {
  await h?.dispose();
});

describe('text at the API', () => {
  it('stores names and addresses in NFC, without control characters nor lone surrogates', async () => {
    h = await startHarness();
    const staff = await setupWithStaff(h);
    const input = dossierInput({ nom: 'FE\u0301RAUD\u0000', prenoms: 'Le\u0301a\uD800' });
    input.foyer.address.line1 = '3 rue des\u0007 Lilas\r\nBâtiment\tB';
    const created = await h.ok('dossiers.create', input, staff.referentA.session);
    expect(created.person.nomPatronymique).toBe('FÉRAUD');
    expect(created.person.prenoms).toBe('Léa\uFFFD');
    expect(created.foyer.address.line1).toBe('3 rue des Lilas\r\nBâtiment\tB');
    const row = ((await storedState(h)).tables.persons as { id: number; nom_patronymique: string }[]).find((p) => p.id === created.person.id)!;
    expect(row.nom_patronymique).toBe('FÉRAUD');
    expect(row.nom_patronymique.length).toBe(6);
    // Found by the search typed in composed form.
    const hits = await h.ok('dossiers.search', { query: 'féraud' }, staff.referentA.session);
    expect(hits.map((x) => x.personId)).toContain(created.person.id);
  });
});
