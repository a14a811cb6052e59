import { DOSSIER_SECTIONS } from '../../app/dossierSections';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { ADMIN, REFERENT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { ageFromIsoDate } from '../../kit/format';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const AUDIT = [
  {
    id: 7,
    at: '2026-03-12T13:05:00.000Z',
    user: 'Alice Martin',
    entity: 'person',
    entityId: '10',
    action: 'update' as const,
    before: { portable: null, nomUsage: 'Martin' },
    after: { portable: '0612345678', nomUsage: 'Martin' },
  },
];

describe('dossier page', () => {
  it('shows the identity header, the sections to come and, for an administrator, the audit trail', async () => {
    const backend = createFakeBackend({ user: ADMIN, handlers: { 'audit.forDossier': () => AUDIT } });
    renderApp(backend.transport, { path: '/beneficiaires/10' });
    const heading = await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    await waitFor(() => expect(heading).toHaveFocus());
    // The title is set in an effect after the page renders: wait for it.
    await waitFor(() => expect(document.title).toBe('Dossier de DUPONT (nom d’usage MARTIN) Marie Louise — Parcours RSA'));
    const identity = screen.getByRole('region', { name: 'Identité et foyer' });
    expect(identity).toHaveTextContent(`15/03/1985 (${ageFromIsoDate('1985-03-15')} ans)`);
    expect(identity).toHaveTextContent('N° allocataire CAF1234567');
    expect(identity).toHaveTextContent('N° France Travail (ex-Pôle Emploi)1234567A');
    expect(identity).toHaveTextContent('RéférentRomain Durand');
    expect(identity).toHaveTextContent('CorrespondantNon désigné');
    expect(identity).toHaveTextContent('MDSMDS de Lens');
    expect(screen.getByRole('list', { name: 'Statut du dossier' })).toHaveTextContent('Allocataire');
    // Every section of the parcours has its region, titled (each capability fills its own; see sections.tsx).
    for (const section of DOSSIER_SECTIONS) expect(screen.getByRole('region', { name: section.title })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Modifier' })).toHaveAttribute('href', `/beneficiaires/${SAMPLE_DOSSIER.person.id}/modifier`);

    const audit = screen.getByRole('region', { name: 'Journal des modifications' });
    const row = (await within(audit).findByRole('cell', { name: 'Alice Martin' })).closest('tr')!;
    expect(row).toHaveTextContent('Modification — Personne');
    expect(row).toHaveTextContent('Portable : (vide) → 0612345678');
    expect(row).not.toHaveTextContent('Nom d’usage');
  });

  it('has no audit trail for a référent', async () => {
    const backend = createFakeBackend({ user: REFERENT });
    renderApp(backend.transport, { path: '/beneficiaires/10' });
    await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(screen.queryByRole('region', { name: 'Journal des modifications' })).not.toBeInTheDocument();
    expect(backend.inputsOf('audit.forDossier')).toEqual([]);
  });

  it('opens at the section its address names (?section=…): its heading is scrolled to and focused', async () => {
    const scrolled: string[] = [];
    const scrollIntoView = vi.fn(function (this: HTMLElement) {
      scrolled.push(this.id);
    });
    Object.defineProperty(HTMLElement.prototype, 'scrollIntoView', { value: scrollIntoView, configurable: true });
    try {
      renderApp(createFakeBackend({ user: REFERENT }).transport, { path: '/beneficiaires/10?section=fiches' });
      const heading = await screen.findByRole('heading', { level: 3, name: 'Fiches de liaison' });
      await waitFor(() => expect(heading).toHaveFocus());
      expect(scrolled).toEqual(['section-fiches']);
    } finally {
      delete (HTMLElement.prototype as { scrollIntoView?: unknown }).scrollIntoView;
    }
  });

  it('says so when the dossier does not exist', async () => {
    renderApp(createFakeBackend().transport, { path: '/beneficiaires/999' });
    expect(await screen.findByRole('alert')).toHaveTextContent('Ce dossier n’existe pas.');
  });
});
