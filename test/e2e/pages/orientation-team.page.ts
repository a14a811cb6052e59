import { expect, type Locator, type Page } from '@playwright/test';
import { PASSWORD, REFERENT, seedWorld, todayIso, type World } from './contracts-setup.page';

/**
 * Seeds the équipe d’orientation’s world through the API: two dossiers with no orientation decided yet, each with
 * an EDE of 18 points (between the thresholds: the équipe d’orientation préconises), and, on the second, a request
 * for actions du Conseil Général (fiche de liaison) created and sent by the référent.
 */
export async function seedOrientationTeamWorld(page: Page, url: string): Promise<World & { ficheId: number }> {
  const world = await seedWorld(page, url, [
    { key: 'a', nom: 'Moreau', prenom: 'Alice', caf: '5550001' },
    { key: 'b', nom: 'Bernard', prenom: 'Hugo', caf: '5550002' },
  ]);
  const { api } = world;
  const referent = await api.login(REFERENT.login, PASSWORD);
  const grid = await api.call<{ version: number; items: { key: string }[] }>('ede.grid', {}, referent);
  // Paliers 3, 3, 3, 1, 1, 1, 1, 2: 18 points (the EDE screen's own example), the lower threshold of the EP/EO.
  const paliers = Object.fromEntries(grid.items.map((item, i) => [item.key, [3, 3, 3, 1, 1, 1, 1, 2][i] ?? 1]));
  for (const person of Object.values(world.people)) {
    const ede = await api.call<{ total: number }>('ede.create', { personId: person.personId, date: todayIso(), gridVersion: grid.version, paliers }, referent);
    if (ede.total < 18 || ede.total > 35) throw new Error(`EDE de ${ede.total} points : hors de la plage 18–35`);
  }
  const fiche = await api.call<{ id: number; version: number }>(
    'fiches.create',
    {
      personId: world.people.b!.personId,
      date: todayIso(),
      type: 'actions_cg',
      actionsCg: [{ code: 'dc_accompagnement_social_mds' }],
      structureSouhaitee: 'MDS de l’Arrageois',
      signatures: { referent: todayIso(), beneficiaire: todayIso() },
    },
    referent,
  );
  await api.call('fiches.send', { ficheId: fiche.id, version: fiche.version, date: todayIso() }, referent);
  return { ...world, ficheId: fiche.id };
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab until `target` has the focus (at most `max` times). */
export async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max && !(await isFocused(target)); i += 1) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

/** « Équipe d’orientation » (`#/orientation/equipe`): one meeting, several dossiers préconised at once. */
export class OrientationTeamPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipe d’orientation', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Équipe d’orientation');
  }

  form(): Locator {
    return this.page.getByRole('region', { name: 'Séance de l’équipe d’orientation' });
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Dossiers en attente d’orientation' });
  }

  row(name: string): Locator {
    return this.table().getByRole('row').filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  preconisation(name: string): Locator {
    return this.table().getByRole('combobox', { name: `Préconisation pour ${name}` });
  }

  /** Keyboard only: Tab to the row’s checkbox, Space ticks it, Tab to its préconisation, type its first letters. */
  async examineByKeyboard(name: string, typed: string): Promise<void> {
    const checkbox = this.table().getByRole('checkbox', { name: `Examiner le dossier de ${name}` });
    await tabTo(this.page, checkbox);
    await this.page.keyboard.press('Space');
    await expect(checkbox).toBeChecked();
    await tabTo(this.page, this.preconisation(name), 5);
    await this.page.keyboard.type(typed);
  }

  async meeting(team: string, comment: string): Promise<void> {
    await this.form().getByRole('textbox', { name: 'Équipe d’orientation', exact: true }).fill(team);
    await this.form().getByRole('textbox', { name: 'Commentaire', exact: true }).fill(comment);
  }

  submitButton(): Locator {
    return this.form().getByRole('button', { name: /^Enregistrer les préconisations/ });
  }
}

/** « Partie réservée au Président » of an actions CG or avenant fiche. */
export class PresidentPartSection {
  constructor(private readonly page: Page) {}

  section(): Locator {
    return this.page.getByRole('region', { name: 'Partie réservée au Président' });
  }

  form(): Locator {
    return this.section().getByRole('form', { name: 'Décision du Président' });
  }

  async decide(decision: 'Accord' | 'Refus' | 'Ajournement'): Promise<void> {
    await this.form().getByRole('radiogroup', { name: /^Décision du Président/ }).getByRole('radio', { name: decision, exact: true }).check();
  }

  structure(): Locator {
    return this.form().getByRole('textbox', { name: /^Structure désignée pour l’inscription à une action CG/ });
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Enregistrer la décision du Président' }).click();
  }
}
