/**
 * The équipe d’orientation: its préconisations recorded in a batch, shown on the dossier instead of « à décider par
 * l’EP ou l’EO »; the decision page warns and asks for the « Motif de l’écart » when the decision differs.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ORIENTATION_LABELS } from '../../../../../shared/domain/rules/orientation';
import { CORRESPONDANT, REFERENT, createFakeBackend } from '../../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../../test/renderer/renderApp';
import { toIsoDate } from '../../../kit/format';
import { addEde, addPreconisation, emptyState, interviewHandlers, PERSON_ID } from '../../../../../test/renderer/fakeInterview';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

/** 28 points: between the thresholds, the EP/EO decides. */
const EDE_28 = { logement: 3, sante: 3, famille: 3, budget: 3, vie_sociale: 3, competences: 3, projet_emploi: 2, mobilite: 2 };
const OTHER = {
  personId: 77,
  name: 'LEROY Paul',
  cafNumber: '7654321',
  referent: null,
  ede: { id: 900, date: '2026-02-01', total: 12, proposal: 'professionnelle_pole_emploi' as const },
  proposal: 'professionnelle_pole_emploi' as const,
  preconisation: null,
};

describe('the équipe d’orientation’s batch page', () => {
  it('records several dossiers at once with one date, team and comment, a préconisation each', async () => {
    const user = userEvent.setup();
    const state = emptyState();
    addEde(state, '2026-03-02', EDE_28);
    state.awaitingOthers.push(OTHER);
    const backend = createFakeBackend({ user: CORRESPONDANT, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: '/orientation/equipe' });
    await screen.findByRole('heading', { level: 1, name: 'Équipe d’orientation' });
    const table = await screen.findByRole('table', { name: 'Dossiers en attente d’orientation' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('region', { name: 'Dossiers en attente d’orientation' })).toHaveAttribute('tabindex', '0');

    // Nothing chosen: refused on the page, nothing sent.
    await user.type(screen.getByRole('textbox', { name: /Équipe d’orientation/ }), 'EO de Lens');
    await user.click(screen.getByRole('button', { name: /Enregistrer les préconisations/ }));
    expect(await screen.findByText('Cochez au moins un dossier.')).toBeInTheDocument();

    // A dossier between the thresholds needs a choice; the other one is preselected from its EDE.
    await user.click(screen.getByRole('checkbox', { name: 'Examiner le dossier de DUPONT (nom d’usage MARTIN) Marie Louise' }));
    await user.click(screen.getByRole('checkbox', { name: 'Examiner le dossier de LEROY Paul' }));
    expect(screen.getByRole('combobox', { name: /Préconisation pour LEROY Paul/ })).toHaveValue('professionnelle_pole_emploi');
    await user.click(screen.getByRole('button', { name: /Enregistrer les préconisations \(2\)/ }));
    expect(await screen.findAllByText(/DUPONT \(nom d’usage MARTIN\) Marie Louise : choisissez la préconisation\./)).not.toHaveLength(0);
    expect(backend.inputsOf('orientation.preconisations.record')).toEqual([]);

    await user.selectOptions(screen.getByRole('combobox', { name: /Préconisation pour DUPONT/ }), 'solidarite');
    await user.type(screen.getByRole('textbox', { name: 'Commentaire' }), 'Séance de mars');
    await user.click(screen.getByRole('button', { name: /Enregistrer les préconisations \(2\)/ }));
    await waitFor(() => expect(backend.inputsOf('orientation.preconisations.record')).toHaveLength(1));
    expect(backend.inputsOf('orientation.preconisations.record')[0]).toEqual({
      date: toIsoDate(new Date()),
      team: 'EO de Lens',
      comment: 'Séance de mars',
      items: [
        { personId: PERSON_ID, preconisation: 'solidarite', edeId: 200 },
        { personId: 77, preconisation: 'professionnelle_pole_emploi', edeId: 900 },
      ],
    });
    expect(await screen.findByText(/2 préconisations enregistrées/)).toBeInTheDocument();
  });

  it('is not offered to a référent', async () => {
    const backend = createFakeBackend({ user: REFERENT, handlers: interviewHandlers(emptyState()) });
    renderApp(backend.transport, { path: '/orientation/equipe' });
    expect(await screen.findByText(/Cette page est réservée|n’est pas accessible|réservée/)).toBeInTheDocument();
    expect(backend.inputsOf('orientation.awaiting')).toEqual([]);
  });
});

describe('the dossier and the decision after the équipe d’orientation', () => {
  it('the card shows the préconisation, the decision asks for the « Motif de l’écart » when it differs, and prints it', async () => {
    const user = userEvent.setup();
    const state = emptyState();
    state.organismes.push(
      { id: 402, name: 'CCAS de Lens', type: 'solidarite', address: null, telephone: null, email: null, active: true, updatedAt: '2026-01-01T00:00:00Z' },
      { id: 403, name: 'PLIE de Lens', type: 'professionnel', address: null, telephone: null, email: null, active: true, updatedAt: '2026-01-01T00:00:00Z' },
    );
    addEde(state, '2026-03-02', EDE_28);
    addPreconisation(state, { date: '2026-03-05', team: 'EO de Lens', preconisation: 'professionnelle_autre', comment: 'Projet de formation' });
    const backend = createFakeBackend({ user: CORRESPONDANT, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}` });
    const card = await screen.findByRole('region', { name: 'Orientation' });
    const preconisation = await within(card).findByTestId('preconisation');
    expect(preconisation).toHaveTextContent(`Préconisation de l’équipe d’orientation : ${ORIENTATION_LABELS.professionnelle_autre}`);
    expect(preconisation).toHaveTextContent('EO de Lens, le 05/03/2026 — Projet de formation');
    expect(card).not.toHaveTextContent('à décider par l’EP ou l’EO');

    await user.click(within(card).getByRole('link', { name: 'Décider de l’orientation' }));
    const form = await screen.findByRole('region', { name: 'Décision d’orientation' });
    // The préconisation is preselected: no warning, no reason asked.
    expect(within(form).getByRole('radio', { name: ORIENTATION_LABELS.professionnelle_autre })).toBeChecked();
    expect(within(form).queryByRole('textbox', { name: /Motif de l’écart/ })).toBeNull();
    await user.click(within(form).getByRole('radio', { name: ORIENTATION_LABELS.solidarite }));
    expect(within(form).getByTestId('divergence-warning')).toHaveTextContent('diffère de la référence : Préconisation de l’équipe d’orientation (EO de Lens) du 05/03/2026');
    const reason = within(form).getByRole('textbox', { name: /Motif de l’écart/ });
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Organisme référent' }), 'CCAS de Lens');
    await user.type(within(form).getByRole('textbox', { name: 'Motif de la décision' }), 'Situation sociale à stabiliser');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));
    await waitFor(() => expect(reason).toHaveAttribute('aria-invalid', 'true'));
    expect(reason).toHaveAccessibleDescription(/diffère de la préconisation de l’équipe d’orientation .* indiquez le motif de l’écart\./);
    expect(backend.inputsOf('orientation.decide')).toEqual([]);

    await user.type(reason, 'Hébergement précaire');
    await user.click(within(form).getByRole('button', { name: 'Enregistrer la décision' }));
    await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(backend.inputsOf('orientation.decide')[0]).toMatchObject({ orientation: 'solidarite', divergenceReason: 'Hébergement précaire' });
    const after = await screen.findByRole('region', { name: 'Orientation' });
    await waitFor(() => expect(after).toHaveTextContent('Motif de l’écartHébergement précaire'));
    expect(after).toHaveTextContent('Préconisation de l’EO');
    expect(within(after).queryByTestId('preconisation')).toBeNull();
    expect(within(after).getByRole('button', { name: 'Imprimer la décision' })).toBeInTheDocument();
  });

  it('an EDE between the thresholds without préconisation: the decision page says the EO must préconise first', async () => {
    const state = emptyState();
    addEde(state, '2026-03-02', EDE_28);
    const backend = createFakeBackend({ user: CORRESPONDANT, handlers: interviewHandlers(state) });
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/orientation/decision` });
    const warning = await screen.findByTestId('eo-required');
    expect(warning).toHaveTextContent('renvoie l’orientation à l’équipe d’orientation : enregistrez d’abord sa préconisation.');
    expect(within(warning).getByRole('link', { name: 'Équipe d’orientation' })).toHaveAttribute('href', '/orientation/equipe');
  });
});
