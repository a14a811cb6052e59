import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Facts } from './common';

afterEach(cleanup);

/** The CSS emotion wrote for the page (jsdom lays nothing out: the rules are what can be checked). */
const pageCss = () =>
  [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n') +
  [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules].map((r) => r.cssText)).join('\n');

describe('Facts', () => {
  it('caps the terms’ column so that a long term leaves its value room (Droits et devoirs on the dossier)', () => {
    render(<Facts label="Éléments du calcul" rows={[['Ressources mensuelles du foyer', '1 234,56 € (connues au 01/03/2026)']]} />);
    expect(screen.getByRole('definition')).toHaveTextContent('1 234,56 €');
    const css = pageCss();
    expect(css).toContain('fit-content(40%)');
    expect(css).not.toMatch(/grid-template-columns:\s*max-content 1fr/);
  });
});
