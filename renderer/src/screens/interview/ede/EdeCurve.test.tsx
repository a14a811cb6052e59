import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { GRID } from '../../../../../test/renderer/fakeInterview';
import { CURVE_LAYOUT, EdeCurve, itemY, palierX } from './EdeCurve';

afterEach(cleanup);

const PALIERS = { logement: 3, sante: 1, famille: 6, budget: 2, vie_sociale: 4, competences: 5, projet_emploi: 1, mobilite: 2 };

function marks(svg: Element, series: number): Element[] {
  return [...svg.querySelectorAll(`g[data-series="${series}"] [data-item]`)];
}

describe('EDE curve', () => {
  it('geometry: palier 1..6 from left to right, items from top to bottom', () => {
    expect(palierX(1)).toBe(CURVE_LAYOUT.labelWidth + CURVE_LAYOUT.colWidth / 2);
    expect(palierX(6) - palierX(1)).toBe(5 * CURVE_LAYOUT.colWidth);
    expect(itemY(0)).toBe(CURVE_LAYOUT.top + CURVE_LAYOUT.rowHeight / 2);
    expect(itemY(7) - itemY(0)).toBe(7 * CURVE_LAYOUT.rowHeight);
  });

  it('draws each chosen palier at its column, in its item’s row, joined in item order', () => {
    render(<EdeCurve items={GRID.items} series={[{ label: 'EDE du 16/03/2026', paliers: PALIERS }]} title="Courbe de test" />);
    const svg = screen.getByRole('img', { name: 'Courbe de test' });
    const points = marks(svg, 0);
    expect(points).toHaveLength(8);
    GRID.items.forEach((item, index) => {
      const mark = svg.querySelector(`g[data-series="0"] circle[data-item="${item.key}"]`)!;
      const level = PALIERS[item.key as keyof typeof PALIERS];
      expect(mark.getAttribute('data-palier')).toBe(String(level));
      expect(Number(mark.getAttribute('cx'))).toBe(palierX(level));
      expect(Number(mark.getAttribute('cy'))).toBe(itemY(index));
    });
    // Concretely: « Logement » (first row) at palier 3, « Contraintes familiales » (third row) at palier 6.
    const logement = svg.querySelector('circle[data-item="logement"]')!;
    expect([Number(logement.getAttribute('cx')), Number(logement.getAttribute('cy'))]).toEqual([300 + 2.5 * 72, 58 + 0.5 * 42]);
    const famille = svg.querySelector('circle[data-item="famille"]')!;
    expect([Number(famille.getAttribute('cx')), Number(famille.getAttribute('cy'))]).toEqual([300 + 5.5 * 72, 58 + 2.5 * 42]);

    const line = screen.getByTestId('ede-curve-line-0');
    const segments = line.getAttribute('d')!.split('M').filter(Boolean);
    expect(segments).toHaveLength(7);
    expect(segments[0]).toBe(`${palierX(3)} ${itemY(0)}L${palierX(1)} ${itemY(1)}`);
    expect(segments[6]).toBe(`${palierX(1)} ${itemY(6)}L${palierX(2)} ${itemY(7)}`);
    expect(line).not.toHaveAttribute('stroke-dasharray');
  });

  it('fills each cell with its palier’s colour pattern and names the colours in words', () => {
    render(<EdeCurve items={GRID.items} series={[{ label: 'EDE', paliers: PALIERS }]} title="Courbe" />);
    const svg = screen.getByRole('img', { name: 'Courbe' });
    const cells = [...svg.querySelectorAll('rect[data-colour]')];
    expect(cells).toHaveLength(8 * 6);
    const column = (level: number) => cells.filter((c) => Number(c.getAttribute('x')) === CURVE_LAYOUT.labelWidth + (level - 1) * CURVE_LAYOUT.colWidth);
    expect(new Set(column(1).map((c) => c.getAttribute('data-colour')))).toEqual(new Set(['aucune']));
    expect(new Set(column(3).map((c) => c.getAttribute('data-colour')))).toEqual(new Set(['vert']));
    expect(new Set(column(4).map((c) => c.getAttribute('data-colour')))).toEqual(new Set(['rose']));
    expect(new Set(column(6).map((c) => c.getAttribute('data-colour')))).toEqual(new Set(['bleu']));
    expect(column(6)[0]!.getAttribute('fill')).toMatch(/^url\(#.+-bleu\)$/);
    // Readable without colour: the column headings say the colour, the legend explains each pattern.
    expect(svg).toHaveTextContent('vert');
    expect(svg).toHaveTextContent('bleu');
    const legend = screen.getByRole('list', { name: 'Légende de la courbe' });
    expect(legend).toHaveTextContent('Bleu : réel frein à l’emploi');
  });

  it('gives the same data as a table (text alternative)', () => {
    render(<EdeCurve items={GRID.items} series={[{ label: 'EDE', paliers: { ...PALIERS, mobilite: null } }]} title="Courbe" />);
    const table = screen.getByRole('table', { name: 'Courbe (tableau)' });
    const logement = within(table).getByRole('rowheader', { name: '1. Logement' }).closest('tr')!;
    expect(logement).toHaveTextContent('1. Logement34 points, vert');
    const mobilite = within(table).getByRole('rowheader', { name: '8. Mobilité' }).closest('tr')!;
    expect(mobilite).toHaveTextContent('Non renseigné');
    // A missing palier has no mark and breaks the line.
    const svg = screen.getByRole('img', { name: 'Courbe' });
    expect(marks(svg, 0)).toHaveLength(7);
    expect(screen.getByTestId('ede-curve-line-0').getAttribute('d')!.split('M').filter(Boolean)).toHaveLength(6);
  });

  it('overlays a second assessment dashed with square marks, and a legend telling them apart without colour', () => {
    const later = { ...PALIERS, famille: 4, competences: 3 };
    render(
      <EdeCurve
        items={GRID.items}
        series={[
          { label: 'EDE du 01/09/2025', paliers: PALIERS },
          { label: 'EDE du 16/03/2026', paliers: later },
        ]}
        title="Évolution"
      />,
    );
    const svg = screen.getByRole('img', { name: 'Évolution' });
    const squares = [...svg.querySelectorAll('g[data-series="1"] rect[data-item]')];
    expect(squares).toHaveLength(8);
    const famille = svg.querySelector('g[data-series="1"] rect[data-item="famille"]')!;
    expect(Number(famille.getAttribute('x')) + 7).toBe(palierX(4));
    expect(Number(famille.getAttribute('y')) + 7).toBe(itemY(2));
    expect(screen.getByTestId('ede-curve-line-1')).toHaveAttribute('stroke-dasharray', '7 5');
    const legend = screen.getByRole('list', { name: 'Légende de la courbe' });
    expect(legend).toHaveTextContent('EDE du 01/09/2025 (trait plein, ronds)');
    expect(legend).toHaveTextContent('EDE du 16/03/2026 (pointillés, carrés)');
  });
});
