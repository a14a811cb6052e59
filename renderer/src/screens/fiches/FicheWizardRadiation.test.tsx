/**
 * Issue 15: a radiation from France Travail on the référent's desk opens, in one click, a new fiche de liaison
 * « demande de réorientation » with the motif « Radiation France Travail (ex-Pôle Emploi) » already chosen.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { REFERENT, SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';
import { FICHE_ADMINISTRATIF } from '../../../../test/renderer/fakeFiches';
import { deskLinkPath } from '../../kit/deskLinks';
import type { FichePrefill } from './ficheFormModel';

vi.setConfig({ testTimeout: 90_000 });
afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const PERSON = SAMPLE_DOSSIER.person.id;
const PREFILL: FichePrefill = { administratif: FICHE_ADMINISTRATIF, latestEde: null, avenantContract: null };

describe('the desk’s link for a radiation from France Travail', () => {
  it('opens a new demande de réorientation with its motif chosen', async () => {
    const path = deskLinkPath({ to: 'newFiche', personId: PERSON, type: 'reorientation', motif: 'radiation_pole_emploi' });
    expect(path).toBe(`/beneficiaires/${PERSON}/fiches/nouvelle?type=reorientation&motif=radiation_pole_emploi`);
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({ 'fiches.prefill': () => PREFILL });
    const user = userEvent.setup();
    renderApp(backend.transport, { path });
    await screen.findByRole('heading', { level: 1, name: /^Nouvelle fiche de liaison/ });
    expect(await screen.findByRole('radio', { name: 'Passage en équipe pluridisciplinaire : réorientation' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Étape 2 sur 3 : La demande' })).toBeInTheDocument());
    expect(screen.getByRole('radio', { name: 'Radiation France Travail (ex-Pôle Emploi)' })).toBeChecked();
  });

  it('ignores a motif that is not a réorientation’s', async () => {
    const backend = createFakeBackend({ user: REFERENT });
    backend.handle({ 'fiches.prefill': () => PREFILL });
    const user = userEvent.setup();
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON}/fiches/nouvelle?type=reorientation&motif=inconnu` });
    expect(await screen.findByRole('radio', { name: 'Passage en équipe pluridisciplinaire : réorientation' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Suivant' }));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2, name: 'Étape 2 sur 3 : La demande' })).toBeInTheDocument());
    expect(screen.getByRole('radio', { name: 'Radiation France Travail (ex-Pôle Emploi)' })).not.toBeChecked();
  });
});
