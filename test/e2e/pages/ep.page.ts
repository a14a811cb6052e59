import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Serious or critical accessibility violations of the page as it is (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** « Équipes pluridisciplinaires »: sessions, saisines queue, link to the composition. */
export class EpHomePage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipes pluridisciplinaires' }).click();
    await this.page.getByRole('heading', { level: 1, name: 'Équipes pluridisciplinaires' }).waitFor();
  }

  queue(): Locator {
    return this.page.getByRole('table', { name: 'Saisines en attente, échéance la plus proche d’abord' });
  }

  sessions(): Locator {
    return this.page.getByRole('table', { name: 'Séances de l’équipe pluridisciplinaire' });
  }
}

/** « Composition de l’équipe »: name, members (dialog « Ajouter un membre »). */
export class EpTeamPage {
  constructor(private readonly page: Page) {}

  async name(name: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Nom de l’équipe' }).fill(name);
    await this.page.getByRole('button', { name: /Constituer l’équipe|Renommer l’équipe/ }).click();
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  async addMember(m: { name: string; function: string; organisation: string; president?: boolean; substitute?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter un membre' }).click();
    const d = this.dialog();
    await d.getByRole('textbox', { name: 'Nom du membre' }).fill(m.name);
    await d.getByRole('textbox', { name: 'Fonction', exact: true }).fill(m.function);
    await d.getByRole('combobox', { name: 'Organisme représenté' }).selectOption({ label: m.organisation });
    if (m.president) await d.getByRole('checkbox', { name: /Président de l’équipe/ }).check();
    if (m.substitute) await d.getByRole('textbox', { name: 'Suppléant', exact: true }).fill(m.substitute);
    await d.getByRole('button', { name: 'Ajouter le membre' }).click();
    await d.waitFor({ state: 'detached' });
  }

  members(): Locator {
    return this.page.getByRole('table', { name: 'Membres de l’équipe pluridisciplinaire' });
  }
}

/** « Nouvelle séance » form. */
export class EpSessionFormPage {
  constructor(private readonly page: Page) {}

  async fill(data: { date: string; place: string; startTime: string }): Promise<void> {
    await this.page.getByRole('group', { name: 'Date de la séance' }).getByRole('spinbutton').first().click();
    await this.page.keyboard.type(data.date.replace(/\//g, ''));
    await this.page.getByRole('textbox', { name: 'Lieu', exact: true }).fill(data.place);
    await this.page.getByLabel('Heure de début', { exact: true }).fill(data.startTime);
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer la séance' }).click();
  }
}

/** A session's page. */
export class EpSessionPage {
  constructor(private readonly page: Page) {}

  state(): Locator {
    return this.page.getByTestId('session-state');
  }

  async advance(action: string): Promise<void> {
    await this.page.getByRole('button', { name: action }).click();
  }

  blockers(): Locator {
    return this.page.getByRole('list', { name: 'Ce qui manque pour l’étape suivante' });
  }

  agenda(): Locator {
    return this.page.getByRole('table', { name: 'Dossiers inscrits à l’ordre du jour' });
  }

  async inscribe(names: RegExp[]): Promise<void> {
    await this.page.getByRole('button', { name: 'Inscrire des saisines' }).click();
    const d = this.page.getByRole('dialog', { name: 'Inscrire des saisines à l’ordre du jour' });
    for (const n of names) await d.getByRole('checkbox', { name: n }).check();
    await d.getByRole('button', { name: 'Inscrire la sélection' }).click();
    await d.waitFor({ state: 'detached' });
  }

  async downloadFile(anonymised: boolean): Promise<string> {
    const checkbox = this.page.getByRole('checkbox', { name: 'Dossier anonymisé (initiales)' });
    if (anonymised) await checkbox.check();
    else await checkbox.uncheck();
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Dossier de séance (PDF)' }).click();
    const file = await download;
    const target = await file.path();
    return target;
  }

  async attendance(member: string, status: 'Présent' | 'Excusé' | 'Remplacé' | 'Absent', replacedBy?: string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: `Présence de ${member}` }).getByRole('radio', { name: status, exact: true }).check();
    if (replacedBy) await this.page.getByRole('textbox', { name: `Remplaçant de ${member}` }).fill(replacedBy);
  }

  caseRegion(name: RegExp): Locator {
    return this.page.getByRole('region', { name });
  }

  async avis(name: RegExp, sens: 'Favorable' | 'Défavorable', motivation: string): Promise<void> {
    const r = this.caseRegion(name);
    await r.getByRole('radiogroup', { name: 'Sens de l’avis' }).getByRole('radio', { name: sens, exact: true }).check();
    await r.getByRole('textbox', { name: 'Avis motivé' }).fill(motivation);
    await r.getByRole('button', { name: 'Enregistrer l’avis' }).click();
    await r.getByRole('button', { name: 'Enregistrer l’avis' }).waitFor({ state: 'detached' });
  }
}
