import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { ApiError } from '../../../../shared/api/errors';
import { SAMPLE_DOSSIER, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

// MUI in jsdom is slow to type into: whole-form flows need more than the default 5 s.
vi.setConfig({ testTimeout: 60_000 });

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const textbox = (name: string) => screen.getByRole('textbox', { name });
const dateGroup = (name: string) => screen.getByRole('group', { name });

async function typeDate(user: UserEvent, name: string, ddmmyyyy: string) {
  const [day] = within(dateGroup(name)).getAllByRole('spinbutton');
  await user.click(day!);
  await user.keyboard(ddmmyyyy);
}

async function fillValidDossier(user: UserEvent) {
  await user.type(textbox('N° allocataire CAF'), '1234567');
  await user.selectOptions(screen.getByRole('combobox', { name: 'Situation familiale' }), 'Célibataire');
  await user.type(textbox('Adresse'), '3 rue des Lilas');
  await user.type(textbox('Code postal'), '62300');
  await user.type(textbox('Commune'), 'Lens');
  await user.type(textbox('Nom patronymique'), 'Dupont');
  await user.type(textbox('Prénoms'), 'Marie');
  await user.click(screen.getByRole('radio', { name: 'Femme' }));
  await typeDate(user, 'Date de naissance', '15/03/1985');
  await user.type(textbox('Téléphone'), '03 21 00 00 00');
}

describe('dossier form', () => {
  it('shows French errors at the fields for an empty submit, and sends nothing', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });

    await user.click(screen.getByRole('button', { name: 'Créer le dossier' }));

    const caf = textbox('N° allocataire CAF');
    await waitFor(() => expect(caf).toHaveAttribute('aria-invalid', 'true'));
    expect(caf).toHaveAccessibleDescription('Le N° allocataire CAF compte 7 chiffres');
    expect(caf).toHaveFocus();
    expect(textbox('Nom patronymique')).toHaveAccessibleDescription('Nom patronymique : ce champ est obligatoire');
    expect(textbox('Prénoms')).toHaveAccessibleDescription('Prénom(s) : ce champ est obligatoire');
    expect(textbox('Adresse')).toHaveAccessibleDescription('Adresse : ce champ est obligatoire');
    expect(textbox('Code postal')).toHaveAccessibleDescription('Le code postal compte 5 chiffres');
    expect(screen.getByRole('combobox', { name: 'Situation familiale' })).toHaveAccessibleDescription('Choisissez la situation familiale');
    expect(screen.getByRole('radiogroup', { name: 'Sexe' })).toHaveAccessibleDescription('Choisissez le sexe');
    expect(dateGroup('Date de naissance')).toHaveAccessibleDescription('Date invalide (jj/mm/aaaa attendu)');
    // Optional fields left empty are not errors.
    expect(textbox('Téléphone')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByRole('alert')).toHaveTextContent(/Le formulaire contient \d+ erreurs/);
    expect(backend.inputsOf('dossiers.create')).toEqual([]);
  });

  it('submits with Enter from a date field too', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    const [day] = within(dateGroup('Date de naissance')).getAllByRole('spinbutton');
    await user.click(day!);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(textbox('N° allocataire CAF')).toHaveAttribute('aria-invalid', 'true'));
    expect(textbox('N° allocataire CAF')).toHaveFocus();
  });

  it('maps the API’s fieldErrors (CAF number already used) onto the field', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: {
        'dossiers.create': () => {
          throw new ApiError('CONFLICT', 'Ce N° allocataire CAF est déjà utilisé.', {
            'foyer.cafNumber': 'Ce N° allocataire CAF est déjà celui du foyer de DURAND Paul',
          });
        },
      },
    });
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    await fillValidDossier(user);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Référent' }), 'Romain Durand — MDS de Lens – Solidarité');
    await user.click(screen.getByRole('button', { name: 'Créer le dossier' }));

    const caf = textbox('N° allocataire CAF');
    await waitFor(() => expect(caf).toHaveAccessibleDescription('Ce N° allocataire CAF est déjà celui du foyer de DURAND Paul'));
    expect(caf).toHaveAttribute('aria-invalid', 'true');
    expect(caf).toHaveFocus();
    expect(screen.getByRole('alert')).toHaveTextContent('Ce N° allocataire CAF est déjà utilisé.');
    // What was sent passed the contract's schema (the fake main checks it) and is what was typed.
    expect(backend.inputsOf('dossiers.create')).toEqual([
      {
        foyer: {
          cafNumber: '1234567',
          situationFamiliale: 'celibataire',
          address: { line1: '3 rue des Lilas', postalCode: '62300', city: 'Lens' },
          enfants: [],
        },
        person: {
          nomPatronymique: 'Dupont',
          prenoms: 'Marie',
          sexe: 'F',
          dateNaissance: '1985-03-15',
          telephone: '0321000000',
          referentId: 2,
          correspondantId: null,
        },
        conjoint: null,
      },
    ]);

    // Fixed and saved: the dossier page opens and the draft is gone.
    backend.handle({ 'dossiers.create': () => SAMPLE_DOSSIER });
    await user.clear(caf);
    await user.type(caf, '7654321');
    await user.click(screen.getByRole('button', { name: 'Créer le dossier' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'DUPONT (nom d’usage MARTIN) Marie Louise' })).toBeInTheDocument();
    expect(backend.inputsOf('drafts.delete')).toContainEqual({ key: 'dossier:new' });
    expect(backend.drafts.has('dossier:new')).toBe(false);
  });

  it('saves a draft as you type and offers it again after a reload', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    await user.type(textbox('Nom patronymique'), 'Lefebvre');
    await user.type(textbox('N° allocataire CAF'), '42');

    await waitFor(
      () => {
        const saved = backend.inputsOf('drafts.save').at(-1) as { key: string; data: { person: { nomPatronymique: string }; foyer: { cafNumber: string } } };
        expect(saved.key).toBe('dossier:new');
        expect(saved.data.person.nomPatronymique).toBe('Lefebvre');
        expect(saved.data.foyer.cafNumber).toBe('42');
      },
      { timeout: 3000 },
    );
    // Debounced: far fewer saves than keystrokes.
    expect(backend.inputsOf('drafts.save').length).toBeLessThan(3);
    await waitFor(() => expect(screen.getByTestId('draft-status')).toHaveTextContent(/Brouillon enregistré à \d\d:\d\d/));

    // "Reload": a new app over the same main.
    cleanup();
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    const offer = await screen.findByText(/Un brouillon du \d\d\/\d\d\/\d{4} à \d\d:\d\d a été retrouvé\./);
    expect(textbox('Nom patronymique')).toHaveValue('');
    await user.click(within(offer.closest('[role="status"]') as HTMLElement).getByRole('button', { name: 'Reprendre' }));
    expect(textbox('Nom patronymique')).toHaveValue('Lefebvre');
    expect(textbox('N° allocataire CAF')).toHaveValue('42');
    expect(screen.queryByText(/Un brouillon du/)).not.toBeInTheDocument();
  });

  it('drops the draft on "Abandonner"', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    backend.drafts.set('dossier:new', { data: { person: { nomPatronymique: 'Ancien' } }, updatedAt: '2026-03-12T13:05:00.000Z' });
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    await screen.findByText(/Un brouillon du 12\/03\/2026 à \d\d:05 a été retrouvé\./);
    await user.click(screen.getByRole('button', { name: 'Abandonner' }));
    await waitFor(() => expect(backend.drafts.has('dossier:new')).toBe(false));
    expect(textbox('Nom patronymique')).toHaveValue('');
  });

  it('asks before leaving with unsaved changes', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend();
    renderApp(backend.transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    await user.type(textbox('Nom patronymique'), 'X');
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    await user.click(within(nav).getByRole('link', { name: /Bénéficiaires/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Quitter sans enregistrer ?' });
    await user.keyboard('{Escape}');
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(screen.getByRole('heading', { level: 1, name: 'Nouveau dossier' })).toBeInTheDocument();
    await user.click(within(nav).getByRole('link', { name: /Bénéficiaires/ }));
    await user.click(await screen.findByRole('button', { name: 'Quitter la page' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Bénéficiaires' })).toBeInTheDocument();
  });

  it('adds and removes children, with their own labels', async () => {
    const user = userEvent.setup();
    renderApp(createFakeBackend().transport, { path: '/beneficiaires/nouveau' });
    await screen.findByRole('heading', { level: 1, name: 'Nouveau dossier' });
    await user.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    expect(textbox('Prénom de l’enfant 1')).toHaveFocus();
    await user.type(textbox('Prénom de l’enfant 1'), 'Léo');
    await user.click(screen.getByRole('button', { name: 'Ajouter un enfant' }));
    await user.type(textbox('Prénom de l’enfant 2'), 'Zoé');
    await user.click(screen.getByRole('button', { name: 'Retirer l’enfant 1' }));
    expect(textbox('Prénom de l’enfant 1')).toHaveValue('Zoé');
    expect(screen.queryByRole('textbox', { name: 'Prénom de l’enfant 2' })).not.toBeInTheDocument();
  });

  it('edits a dossier and explains a conflict (stale version) with a reload', async () => {
    const user = userEvent.setup();
    let version = SAMPLE_DOSSIER.version;
    const backend = createFakeBackend({
      handlers: {
        'dossiers.get': () => ({ ...SAMPLE_DOSSIER, version }),
        'dossiers.update': () => {
          throw new ApiError('CONFLICT', 'Ce dossier a été modifié par ailleurs.');
        },
      },
    });
    renderApp(backend.transport, { path: '/beneficiaires/10/modifier' });
    await screen.findByRole('heading', { level: 1, name: 'Modifier le dossier de DUPONT (nom d’usage MARTIN) Marie Louise' });
    expect(textbox('Nom patronymique')).toHaveValue('Dupont');
    expect(screen.getByRole('combobox', { name: 'Référent' })).toHaveValue('2');
    expect(screen.getByRole('radio', { name: 'Femme' })).toBeChecked();
    expect(within(dateGroup('Date de naissance')).getAllByRole('spinbutton').map((s) => s.textContent)).toEqual(['15', '03', '1985']);
    await user.clear(textbox('Portable'));
    await user.type(textbox('Portable'), '0612345678');
    await waitFor(() => expect(backend.drafts.has('dossier:edit:10')).toBe(true));
    await user.click(screen.getByRole('button', { name: 'Enregistrer les modifications' }));

    const dialog = await screen.findByRole('dialog', { name: 'Dossier modifié entre-temps' });
    const sent = backend.inputsOf('dossiers.update')[0] as { personId: number; version: number; person: { portable: string } };
    expect(sent).toMatchObject({ personId: 10, version: 3, person: { portable: '0612345678' } });
    expect(sent).not.toHaveProperty('conjoint');
    version = 4;
    await user.click(within(dialog).getByRole('button', { name: 'Recharger le dossier' }));
    await waitFor(() => expect(backend.inputsOf('dossiers.get')).toHaveLength(2));
    await waitFor(() => expect(textbox('Portable')).toHaveValue(''));
    // Reloading dropped the draft: it is not offered over the new version.
    expect(backend.drafts.has('dossier:edit:10')).toBe(false);
    await new Promise((r) => setTimeout(r, 100));
    expect(screen.queryByText(/Un brouillon du/)).not.toBeInTheDocument();
  });
});
