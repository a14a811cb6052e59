import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ACTIONS_REFERENTIAL,
  actionsForTheme,
  childActions,
  findAction,
  getAction,
  isActionAllowedInSphere,
  selectableActions,
} from './actions';
import type { ActionDef, Sphere } from './types';
import { normalizeSpaces } from './util';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const handbook = readFileSync(path.resolve(repoRoot, '../shared/reference/livret-referent-rsa.txt'), 'utf8');

function section(start: string, end: string): string {
  const from = handbook.indexOf(start);
  const to = handbook.indexOf(end, from);
  if (from < 0 || to < 0) throw new Error(`section introuvable : ${start}`);
  return handbook.slice(from + start.length, to);
}

/** « LES DESCRIPTION D'ACTIONS » parsed from the handbook text: code → label (wrapped lines joined). */
function handbookActions(): Map<string, string> {
  const actions = new Map<string, string>();
  let current: string | null = null;
  for (const raw of section('LES DESCRIPTION D’ACTIONS', 'LA FICHE SYNTHETIQUE').split('\n')) {
    const line = normalizeSpaces(raw);
    if (line === '') continue;
    const code = /^([A-J](?:\.\d+)+)\.?\s*-?\s*(.*)$/.exec(line);
    if (code) {
      current = code[1] as string;
      actions.set(current, code[2] as string);
    } else if (/^[A-J] - /.test(line)) {
      current = null;
    } else if (current) {
      actions.set(current, `${actions.get(current)} ${line}`);
    } else {
      throw new Error(`ligne non reconnue : ${line}`);
    }
  }
  return actions;
}

/** « LES THEMES » of the handbook: letter → label. */
function handbookThemes(): Map<string, string> {
  const themes = new Map<string, string>();
  for (const raw of section('LES THEMES :', 'LES DESCRIPTION D’ACTIONS').split('\n')) {
    const m = /^([A-J]) - (.+)$/.exec(normalizeSpaces(raw));
    if (m) themes.set(m[1] as string, m[2] as string);
  }
  return themes;
}

const actions = ACTIONS_REFERENTIAL.data.actions;
const act = (code: string): ActionDef => getAction(code);

describe('référentiel des actions — fidèle au livret', () => {
  it('contient chaque code de « LES DESCRIPTION D’ACTIONS » avec le libellé exact, et rien d’autre', () => {
    const fromHandbook = handbookActions();
    expect(fromHandbook.size).toBe(60);
    expect(actions.map((a) => a.code)).toEqual([...fromHandbook.keys()]);
    for (const [code, label] of fromHandbook) {
      expect(normalizeSpaces(act(code).label), code).toBe(normalizeSpaces(label));
    }
    // The wrapped label of the handbook is joined.
    expect(act('F.2.2').label).toBe('Programme de réapprentissage des savoirs de base – lutte contre l’illettrisme');
  });

  it('reprend les 10 thèmes A–J avec leurs libellés', () => {
    const themes = handbookThemes();
    expect(themes.size).toBe(10);
    expect(ACTIONS_REFERENTIAL.data.themes.map((t) => [t.code, t.label])).toEqual([...themes.entries()]);
  });

  it('rattache chaque sous-action à son parent et à son thème', () => {
    for (const a of actions) {
      expect(a.theme).toBe(a.code.charAt(0));
      const expectedParent = a.code.split('.').length === 3 ? a.code.slice(0, a.code.lastIndexOf('.')) : null;
      expect(a.parent, a.code).toBe(expectedParent);
      if (a.parent) expect(findAction(a.parent), a.code).toBeDefined();
    }
    expect(childActions('A.1').map((a) => a.code)).toEqual(['A.1.1', 'A.1.2']);
    expect(childActions('J.1')).toEqual([]);
  });

  it('donne à chaque action une définition, des services et au moins une sphère', () => {
    for (const a of actions) {
      expect(a.definition.trim(), a.code).not.toBe('');
      expect(a.definition, a.code).not.toMatch(/ {2}|\n\n/);
      expect(a.services.length, a.code).toBeGreaterThan(0);
      expect(a.spheres.length, a.code).toBeGreaterThan(0);
    }
    // Definitions are the fiches' text, without the PDF line breaks.
    expect(act('A.1.1').definition).toContain(
      'Il doit être mis en œuvre lorsque les difficultés rencontrées par un ménage hypothèquent ses chances d’insertion',
    );
    expect(act('G.4.2').definition).toContain('en auto-formation');
    expect(act('H.1.3').definition.startsWith('2ème partie de la création d’entreprise')).toBe(true);
    // The fiches' text is in the handbook (whitespace aside).
    const annexe6 = normalizeSpaces(section('ANNEXE 6 - LES CODIFICATIONS D’ACTIONS D’INSERTION', 'ANNEXE 7'));
    for (const code of ['A.3', 'B.3', 'F.2.5', 'G.3.1', 'J.1']) {
      const firstLine = act(code).definition.split('\n')[0] as string;
      expect(annexe6, code).toContain(firstLine);
    }
  });

  it('hérite de la liste « Services ou organismes sollicités » de la fiche', () => {
    expect(act('A.1.1').services).toEqual(act('A.1.2').services);
    expect(act('A.1.1').services).toContain('Associations agréées au titre du FSL (PACT, CHRS, …)');
    expect(act('A.2').services).toContain('Le toit de l’Espoir');
    expect(act('H.3.2').services).toEqual(act('H.2.1').services);
    expect(act('G.1').services).toContain('CNFPT');
    expect(act('G.2.3').services).toContain('AFPA, GRETA');
    expect(act('J.1').services).toEqual(['Conseil Général', 'Caisse National d’Assurance Vieillesse', 'Mutuelle Sociale Agricole']);
  });
});

describe('sphères, actions non seules et restrictions (fiches de l’Annexe 6)', () => {
  const spheres = (code: string): Sphere[] => act(code).spheres;

  it('suit les encadrés « Les actions concernent »', () => {
    expect(spheres('A.1.1')).toEqual(['solidarite']);
    expect(spheres('A.1.2')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('A.2')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('A.3')).toEqual(['solidarite']);
    expect(spheres('B.1')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('B.2')).toEqual(['solidarite']);
    expect(spheres('C.2')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('C.3')).toEqual(['solidarite']);
    expect(spheres('D.1.1')).toEqual(['solidarite']);
    expect(spheres('D.3')).toEqual(['solidarite', 'professionnelle']);
    for (const a of actionsForTheme('E')) expect(a.spheres, a.code).toEqual(['solidarite']);
    expect(spheres('F.1.2')).toEqual(['solidarite']);
    expect(spheres('F.2.5')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('H.1.2')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('H.1.3')).toEqual(['professionnelle']);
    expect(spheres('H.2.1')).toEqual(['professionnelle']);
    expect(spheres('H.2.2')).toEqual(['professionnelle']);
    expect(spheres('J.1')).toEqual(['solidarite', 'professionnelle']);
    // A parent covers its children's spheres.
    expect(spheres('A.1')).toEqual(['solidarite', 'professionnelle']);
    expect(spheres('D.1')).toEqual(['solidarite']);
  });

  it('réserve H.3.x à la sphère professionnelle et à l’échange avec Pôle Emploi', () => {
    for (const code of ['H.3.1', 'H.3.2', 'H.3.3']) {
      expect(spheres(code)).toEqual(['professionnelle']);
      expect(act(code).restricted, code).toBe(true);
      expect(act(code).notes.join(' '), code).toMatch(/Pôle Emploi/);
    }
    expect(actions.filter((a) => a.restricted).map((a) => a.code)).toEqual(['H.3', 'H.3.1', 'H.3.2', 'H.3.3']);
  });

  it('demande une dérogation du Président pour G.4.5 seulement', () => {
    expect(act('G.4.5').requiresDerogation).toBe(true);
    expect(act('G.4.5').notes.join(' ')).toMatch(/dérogation du Président du Conseil Général/);
    expect(actions.filter((a) => a.requiresDerogation).map((a) => a.code)).toEqual(['G.4.5']);
  });

  it('marque « ne peut être la seule action » comme dans les fiches, B.1 en simple avertissement', () => {
    const annexe6 = normalizeSpaces(section('ANNEXE 6 - LES CODIFICATIONS D’ACTIONS D’INSERTION', 'ANNEXE 7'));
    const warnings = annexe6.match(/ne peut être (la seule action|une action seule)/g) ?? [];
    const notAlone = actions.filter((a) => a.notAlone).map((a) => a.code);
    expect(notAlone).toEqual(['A.2', 'D.2', 'G.1', 'G.2.2', 'G.4.4', 'I.1']);
    expect(act('B.1').notAlone).toBe(false);
    expect(act('B.1').notAloneWarning).toBe(true);
    expect(warnings.length).toBe(notAlone.length + 1);
    expect(act('E.1.2').notes.join(' ')).toMatch(/très éloignées de l’emploi/);
  });

  it('isActionAllowedInSphere accepte un code ou une action, et refuse un code inconnu en français', () => {
    expect(isActionAllowedInSphere('A.1.1', 'professionnelle')).toBe(false);
    expect(isActionAllowedInSphere('a.1.1.', 'solidarite')).toBe(true);
    expect(isActionAllowedInSphere(act('H.2.1'), 'solidarite')).toBe(false);
    expect(() => isActionAllowedInSphere('Z.9', 'solidarite')).toThrow(/Code d’action inconnu : « Z\.9 »/);
  });
});

describe('selectableActions', () => {
  it('ne propose que des actions sans sous-action, autorisées dans la sphère et non réservées', () => {
    for (const sphere of ['solidarite', 'professionnelle'] as const) {
      const list = selectableActions(sphere);
      for (const a of list) {
        expect(childActions(a.code), a.code).toEqual([]);
        expect(a.spheres).toContain(sphere);
        expect(a.restricted).not.toBe(true);
      }
    }
    const sol = selectableActions('solidarite').map((a) => a.code);
    const pro = selectableActions('professionnelle').map((a) => a.code);
    expect(sol).toContain('A.1.1');
    expect(sol).not.toContain('A.1');
    expect(sol).not.toContain('H.2.1');
    expect(sol).toContain('J.1');
    expect(pro).not.toContain('A.1.1');
    expect(pro).toContain('H.1.3');
    expect(pro).not.toContain('H.3.1');
    expect(pro).toContain('G.4.5');
    expect(pro.some((c) => c.startsWith('E.'))).toBe(false);
  });

  it('lit le référentiel qu’on lui passe (version)', () => {
    const edited = {
      ...ACTIONS_REFERENTIAL,
      version: 2,
      data: {
        ...ACTIONS_REFERENTIAL.data,
        actions: ACTIONS_REFERENTIAL.data.actions.map((a) => (a.code === 'A.3' ? { ...a, spheres: ['professionnelle' as const] } : a)),
      },
    };
    expect(selectableActions('professionnelle', edited).map((a) => a.code)).toContain('A.3');
    expect(selectableActions('professionnelle').map((a) => a.code)).not.toContain('A.3');
  });

  it('le référentiel publié ne peut pas être modifié', () => {
    expect(Object.isFrozen(ACTIONS_REFERENTIAL.data.actions)).toBe(true);
    expect(() => {
      (act('A.1.1').spheres as Sphere[]).push('professionnelle');
    }).toThrow();
    expect(act('A.1.1').spheres).toEqual(['solidarite']);
  });
});
