import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SAMPLE_HIT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { emptyState, interviewHandlers } from '../../../../test/renderer/fakeInterview';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('DSP / EDE / Orientation modules of the navigation', () => {
  it.each([
    ['DSP', 'Données socio-professionnelles (DSP)', 'DSP de DUPONT (nom d’usage MARTIN) Marie Louise', '/beneficiaires/10/dsp'],
    ['EDE', 'Échelle de distance à l’emploi (EDE)', 'EDE de DUPONT (nom d’usage MARTIN) Marie Louise', '/beneficiaires/10/ede'],
    ['Orientation', 'Orientation', 'Orientation de DUPONT (nom d’usage MARTIN) Marie Louise', '/beneficiaires/10/orientation/decision'],
  ])('%s explains the module and leads to a beneficiary’s screen', async (link, title, result, href) => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ handlers: { ...interviewHandlers(emptyState()), 'dossiers.search': () => [SAMPLE_HIT] } });
    renderApp(backend.transport);
    await user.click(await screen.findByRole('link', { name: link }));
    await screen.findByRole('heading', { level: 1, name: title });
    await user.type(screen.getByRole('searchbox', { name: 'Rechercher un bénéficiaire (nom, N° CAF, N° France Travail)' }), 'mart');
    expect(await screen.findByRole('link', { name: result })).toHaveAttribute('href', href);
    expect(backend.inputsOf('dossiers.search')).toContainEqual({ query: 'mart', limit: 20 });
  });
});
