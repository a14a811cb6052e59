import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { dspContentSchema } from '../../../../../shared/api/dsp';
import { createFakeBackend } from '../../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../../test/renderer/renderApp';
import { addDspRevision, emptyState, interviewHandlers, PERSON_ID } from '../../../../../test/renderer/fakeInterview';

vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const stepHeading = (text: RegExp) => screen.findByRole('heading', { level: 2, name: text });
const next = (user: UserEvent) => user.click(screen.getByRole('button', { name: 'Suivant' }));

function setup(prepare?: (state: ReturnType<typeof emptyState>) => void) {
  const state = emptyState();
  prepare?.(state);
  const backend = createFakeBackend({ handlers: interviewHandlers(state) });
  renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/dsp/nouvelle` });
  return { state, backend };
}

describe('DSP wizard', () => {
  it('goes through the sections: code lists, exclusive « aucune », conditional fields; saves a first revision', async () => {
    const user = userEvent.setup();
    const { backend } = setup();
    await screen.findByRole('heading', { level: 1, name: 'Première DSP de DUPONT (nom d’usage MARTIN) Marie Louise' });
    await stepHeading(/Étape 1 sur 8 : Généralités/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Situation à la demande de RSA' }), 'Faibles ressources');
    expect(screen.queryByRole('group', { name: 'Couverture sociale' })).not.toBeInTheDocument();
    await user.click(within(screen.getByRole('radiogroup', { name: 'Dispose d’une couverture sociale' })).getByRole('radio', { name: 'Oui' }));
    await user.click(within(screen.getByRole('group', { name: 'Couverture sociale' })).getByRole('checkbox', { name: 'Mutuelle' }));
    await next(user);

    await stepHeading(/Étape 2 sur 8 : Situation sociale/);
    const difsoc = screen.getByRole('group', { name: 'Difficultés sociales' });
    const box = (name: string) => within(difsoc).getByRole('checkbox', { name });
    await user.click(box('Santé'));
    await user.click(box('Endettement'));
    await user.click(box('Aucune'));
    expect(box('Aucune')).toBeChecked();
    expect(box('Santé')).not.toBeChecked();
    expect(box('Endettement')).not.toBeChecked();
    await user.click(box('Autres'));
    expect(box('Aucune')).not.toBeChecked();
    // « Autres » asks what: required, with a French message at the field.
    const other = screen.getByRole('textbox', { name: 'Autres difficultés sociales (précisez)' });
    await next(user);
    await waitFor(() => expect(other).toHaveAttribute('aria-invalid', 'true'));
    expect(other).toHaveAccessibleDescription(/ce champ est obligatoire/);
    expect(other).toHaveFocus();
    await user.type(other, 'Isolement après un déménagement');
    await next(user);

    await stepHeading(/Étape 3 sur 8 : Disponibilité/);
    await user.click(screen.getByRole('tab', { name: 'Logement' }));
    await stepHeading(/Étape 7 sur 8 : Logement/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Nature du logement' }), 'Chez un parent ou un tiers');
    await next(user);

    await stepHeading(/Étape 8 sur 8 : vérifiez avant d’enregistrer/);
    expect(screen.getByRole('region', { name: 'Réponses saisies' })).toHaveTextContent('6 réponses saisies.');
    expect(screen.getByRole('region', { name: 'Situation sociale' })).toHaveTextContent('Difficultés socialesAutres');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la DSP' }));

    await screen.findByRole('heading', { level: 1, name: 'Historique de la DSP de DUPONT (nom d’usage MARTIN) Marie Louise' });
    const [input] = backend.inputsOf('dsp.save') as { basedOnRevisionId: number | null; content: Record<string, Record<string, unknown>> }[];
    expect(input!.basedOnRevisionId).toBeNull();
    expect(input!.content.generalites).toMatchObject({ sitpersdemrsa: '0107', topcouvsoc: 'oui', couvsoc: ['mutuelle'] });
    expect(input!.content.situationSociale).toMatchObject({ difsoc: ['0407'], libautrdifsoc: 'Isolement après un déménagement' });
    expect(input!.content.logement).toMatchObject({ natlog: '0909' });
    expect(await screen.findByRole('table', { name: 'Versions de la DSP' })).toHaveTextContent('Version 1');
  });

  it('starts from the previous revision and shows what changed before saving', async () => {
    const user = userEvent.setup();
    const { backend } = setup((state) =>
      addDspRevision(state, dspContentSchema.parse({ logement: { natlog: '0909' }, mobilite: { toppermicondub: 'non' } })),
    );
    await screen.findByRole('heading', { level: 1, name: 'Mise à jour de la DSP de DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(screen.getByText(/La saisie part de la version 1 du/)).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Mobilité' }));
    const permis = within(await screen.findByRole('radiogroup', { name: 'Permis de conduire B' }));
    expect(permis.getByRole('radio', { name: 'Non' })).toBeChecked();
    await user.click(permis.getByRole('radio', { name: 'Oui' }));
    await user.click(screen.getByRole('tab', { name: 'Logement' }));
    const natlog = await screen.findByRole('combobox', { name: 'Nature du logement' });
    expect(natlog).toHaveValue('0909');
    await user.selectOptions(natlog, 'Logement autonome individuel');
    await user.click(screen.getByRole('tab', { name: 'Récapitulatif' }));
    const changes = await screen.findByRole('region', { name: 'Changements par rapport à la version 1' });
    expect(changes).toHaveTextContent('2 champs modifiés : Permis de conduire B, Nature du logement.');
    expect(screen.getByRole('region', { name: 'Logement' })).toHaveTextContent('Logement autonome individuel (modifié)');
    await user.click(screen.getByRole('button', { name: 'Enregistrer la DSP' }));
    await screen.findByRole('heading', { level: 1, name: /Historique de la DSP/ });
    expect(backend.inputsOf('dsp.save')).toMatchObject([{ basedOnRevisionId: 100 }]);
  });

  it('offers the draft saved while typing when coming back', async () => {
    const user = userEvent.setup();
    const first = setup();
    await stepHeading(/Étape 1 sur 8/);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Situation à la demande de RSA' }), 'Fin d’études');
    await waitFor(() => expect(first.backend.drafts.get(`dsp:${PERSON_ID}`)).toBeDefined(), { timeout: 5000 });
    cleanup();

    const backend = createFakeBackend({ handlers: interviewHandlers(emptyState()) });
    backend.drafts.set(`dsp:${PERSON_ID}`, first.backend.drafts.get(`dsp:${PERSON_ID}`)!);
    renderApp(backend.transport, { path: `/beneficiaires/${PERSON_ID}/dsp/nouvelle` });
    await screen.findByText(/Un brouillon du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} a été retrouvé/);
    await user.click(screen.getByRole('button', { name: 'Reprendre' }));
    expect(screen.getByRole('combobox', { name: 'Situation à la demande de RSA' })).toHaveValue('0109');
  });
});
