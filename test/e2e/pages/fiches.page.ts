import type { Locator, Page } from '@playwright/test';

/** The fiche de liaison wizard: 1 administrative part and request, 2 the request's parts, 3 files and sending. */
export class FicheWizardPage {
  constructor(private readonly page: Page) {}

  stepHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /^Étape \d+ sur 3/ });
  }

  async chooseRequest(label: string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: 'Objet de la demande' }).getByRole('radio', { name: label }).check();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }

  async saveAndContinue(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer et continuer' }).click();
  }

  async typeDate(groupName: string, ddmmyyyy: string): Promise<void> {
    await this.page.getByRole('group', { name: groupName, exact: true }).getByRole('spinbutton').first().click();
    await this.page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
  }

  missing(): Locator {
    return this.page.getByRole('list', { name: 'Éléments manquants' });
  }

  async attach(kind: string, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Type de document' }).selectOption({ label: kind });
    await this.page.getByLabel('Fichier', { exact: true }).setInputFiles(file);
    await this.page.getByRole('button', { name: 'Joindre le fichier' }).click();
  }

  async send(): Promise<void> {
    await this.page.getByRole('button', { name: 'Envoyer au correspondant' }).click();
  }
}

/** The correspondent's inbox (nav « Fiches de liaison »). */
export class FichesInboxPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Fiches de liaison' }).click();
  }

  table(): Locator {
    return this.page.getByRole('table', { name: 'Fiches de liaison à traiter' });
  }

  row(text: string | RegExp): Locator {
    return this.table().getByRole('row').filter({ hasText: text });
  }
}

/** A fiche's page: état, answer form (correspondent). */
export class FichePage {
  constructor(private readonly page: Page) {}

  state(): Locator {
    return this.page.getByRole('list', { name: 'État de la fiche' }).getByRole('listitem').first();
  }

  async answer(decision: 'Accepter la demande' | 'Refuser la demande', text: string): Promise<void> {
    const section = this.page.getByRole('region', { name: 'Réponse au référent' });
    await section.getByRole('radio', { name: decision }).check();
    await section.getByRole('textbox', { name: 'Réponse au référent' }).fill(text);
    await section.getByRole('button', { name: 'Enregistrer la réponse' }).click();
  }
}
