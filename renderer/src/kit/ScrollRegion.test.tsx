import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ScrollRegion, ScrollTable } from './ScrollRegion';

describe('ScrollRegion', () => {
  afterEach(cleanup);

  it('is a region named by its label, reached with Tab before what it holds', async () => {
    render(
      <>
        <button type="button">Avant</button>
        <ScrollRegion aria-label="Actions du plan">
          <table aria-label="Actions">
            <tbody>
              <tr>
                <td>A.2</td>
              </tr>
            </tbody>
          </table>
        </ScrollRegion>
      </>,
    );
    const region = screen.getByRole('region', { name: 'Actions du plan' });
    expect(region).toHaveAttribute('tabindex', '0');
    expect(region).toContainElement(screen.getByRole('table', { name: 'Actions' }));
    screen.getByRole('button', { name: 'Avant' }).focus();
    await userEvent.tab();
    expect(region).toHaveFocus();
  });

  it('may be named by a visible heading, and keeps the outlined surface of a table', () => {
    render(
      <>
        <h2 id="titre">Historique</h2>
        <ScrollRegion aria-labelledby="titre" variant="outlined">
          contenu
        </ScrollRegion>
      </>,
    );
    const region = screen.getByRole('region', { name: 'Historique' });
    expect(region).toHaveClass('MuiPaper-outlined');
    expect(region).toHaveAttribute('tabindex', '0');
  });

  it('as a navigation, stays a named navigation landmark and focusable', () => {
    render(
      <ScrollRegion component="nav" aria-label="Navigation principale">
        <a href="#a">Accueil</a>
      </ScrollRegion>,
    );
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.getByRole('navigation', { name: 'Navigation principale' })).toHaveAttribute('tabindex', '0');
  });

  it('ScrollTable names the table and its scrolling region once; a visible heading may name the table', () => {
    render(
      <>
        <h2 id="t">Contrats transmis au SLAI</h2>
        <ScrollTable label="Contrats en attente" tableLabelledBy="t">
          <tbody>
            <tr>
              <td>CERS</td>
            </tr>
          </tbody>
        </ScrollTable>
        <ScrollTable label="Séances">
          <tbody>
            <tr>
              <td>12/03</td>
            </tr>
          </tbody>
        </ScrollTable>
      </>,
    );
    expect(screen.getByRole('region', { name: 'Contrats en attente' })).toContainElement(screen.getByRole('table', { name: 'Contrats transmis au SLAI' }));
    expect(screen.getByRole('region', { name: 'Séances' })).toContainElement(screen.getByRole('table', { name: 'Séances' }));
    expect(screen.getByRole('region', { name: 'Séances' })).toHaveAttribute('tabindex', '0');
  });
});
