import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROME_REFERENTIAL, findRome, findRomeDomain, isRomeCodeShape, romeCodesOfDomain, searchRome } from './rome';
import { normalizeSpaces } from './util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const handbook = readFileSync(path.resolve(repoRoot, '../shared/reference/livret-referent-rsa.txt'), 'utf8');

/**
 * Annexe 4 parsed from the handbook text. A line « X1234 label » starts a code; a line with a lone letter or
 * a letter and an upper-case title starts a domain (its title may wrap on upper-case lines); any other line
 * continues the label of the current code (H2603's label sits on the two lines after the code).
 */
function handbookRome(): { codes: Map<string, string>; domains: Map<string, string> } {
  const from = handbook.indexOf('ANNEXE 4- LES CODES ROME');
  const to = handbook.indexOf('ANNEXE 5 - LES CONTRATS', from);
  const codes = new Map<string, string>();
  const domains = new Map<string, string>();
  let code: string | null = null;
  let domain: string | null = null;
  for (const raw of handbook.slice(from, to).split('\n').slice(1)) {
    const line = normalizeSpaces(raw);
    if (line === '') continue;
    const c = /^([A-N]\d{4})\b ?(.*)$/.exec(line);
    if (c) {
      code = c[1] as string;
      domain = null;
      codes.set(code, c[2] as string);
      continue;
    }
    const d = /^([A-N])(?: (.*))?$/.exec(line);
    if (d && (d[2] === undefined || d[2] === d[2].toUpperCase())) {
      domain = d[1] as string;
      code = null;
      domains.set(domain, d[2] ?? '');
      continue;
    }
    if (domain && line === line.toUpperCase()) {
      domains.set(domain, normalizeSpaces(`${domains.get(domain)} ${line}`));
    } else if (code) {
      codes.set(code, normalizeSpaces(`${codes.get(code)} ${line}`));
    } else {
      throw new Error(`ligne non reconnue : ${line}`);
    }
  }
  return { codes, domains };
}

describe('référentiel ROME — fidèle à l’Annexe 4', () => {
  const { codes, domains } = handbookRome();

  it('contient chaque code de l’Annexe 4 avec son libellé, et rien d’autre', () => {
    expect(codes.size).toBe(521);
    const data = ROME_REFERENTIAL.data.codes;
    expect(data.map((c) => c.code)).toEqual([...codes.keys()]);
    for (const [code, label] of codes) {
      const entry = findRome(code);
      expect(entry, code).toBeDefined();
      expect(normalizeSpaces(entry?.label ?? ''), code).toBe(normalizeSpaces(label));
      expect(entry?.domain).toBe(code.charAt(0));
    }
  });

  it('rejoint les libellés coupés sur plusieurs lignes (H2603)', () => {
    expect(findRome('H2603')?.label).toBe(
      "Conduite d'installation automatisée de production électrique, électronique et microélectronique",
    );
  });

  it('reprend les 14 domaines A–N avec leurs intitulés', () => {
    expect(domains.size).toBe(14);
    expect(ROME_REFERENTIAL.data.domains.map((d) => [d.letter, d.label])).toEqual([...domains.entries()]);
    expect(findRomeDomain('g')?.label).toBe('HÔTELLERIE- RESTAURATION TOURISME LOISIRS ET ANIMATION');
    expect(romeCodesOfDomain('B')).toHaveLength(19);
    for (const c of ROME_REFERENTIAL.data.codes) expect(findRomeDomain(c.domain), c.code).toBeDefined();
  });
});

describe('findRome et searchRome', () => {
  it('trouve un code quelle que soit la casse et les espaces', () => {
    expect(findRome(' k1206 ')?.label).toBe('Intervention socioculturelle');
    expect(findRome('Z9999')).toBeUndefined();
    expect(isRomeCodeShape('n4402')).toBe(true);
    expect(isRomeCodeShape('O1234')).toBe(false);
  });

  it('cherche par début de code', () => {
    const k12 = searchRome('K12', 100);
    expect(k12.length).toBeGreaterThan(0);
    expect(k12.every((c) => c.code.startsWith('K12'))).toBe(true);
    expect(searchRome('h2603').map((c) => c.code)).toEqual(['H2603']);
    expect(searchRome('a', 3).map((c) => c.code)).toEqual(['A1101', 'A1201', 'A1202']);
  });

  it('cherche par mots, sans tenir compte des accents ni de la casse', () => {
    const elevage = searchRome('ELEVAGE', 50).map((c) => c.code);
    expect(elevage).toEqual(expect.arrayContaining(['A1407', 'A1408', 'A1409', 'A1410', 'A1411']));
    expect(searchRome('élevage porc').map((c) => c.code)).toEqual(['A1411']);
    expect(searchRome('microelectronique').map((c) => c.code)).toEqual(['H2603']);
    const soins = searchRome('soins inf', 50);
    expect(soins.length).toBeGreaterThanOrEqual(5);
    expect(soins.every((c) => c.code.startsWith('J15'))).toBe(true);
    expect(searchRome('manoeuvre engins').map((c) => c.code)).toEqual(['N1104']);
    // Labels starting with the first word come first, then the others in the handbook's order.
    const conduite = searchRome('conduite', 200).map((c) => c.label);
    const firstOther = conduite.findIndex((l) => !l.startsWith('Conduite'));
    expect(firstOther).toBeGreaterThan(5);
    expect(conduite.slice(firstOther).every((l) => !l.startsWith('Conduite'))).toBe(true);
    expect(conduite.slice(firstOther)).toEqual(
      expect.arrayContaining(['Formation en conduite de véhicules', "Manœuvre et conduite d'engins lourds de manutention"]),
    );
    expect(searchRome('zzzz')).toEqual([]);
    expect(searchRome('   ')).toEqual([]);
  });

  it('respecte la limite et refuse une limite absurde en français', () => {
    expect(searchRome('de', 7)).toHaveLength(7);
    expect(() => searchRome('de', 0)).toThrow(/nombre de résultats entier et positif/);
    expect(() => searchRome('de', 2.5)).toThrow(RangeError);
  });
});
