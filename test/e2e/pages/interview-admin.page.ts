import type { Page } from '@playwright/test';

/** Administration → Organismes référents (organismes and their référents), and user accounts. */
export class OrganismesAdminPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Organismes référents' }).click();
  }

  async addOrganisme(data: { name: string; type: string; address?: string; telephone?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter un organisme' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Ajouter un organisme référent' });
    await dialog.getByRole('textbox', { name: 'Nom de l’organisme', exact: true }).fill(data.name);
    await dialog.getByRole('combobox', { name: 'Type d’organisme', exact: true }).selectOption({ label: data.type });
    if (data.address) await dialog.getByRole('textbox', { name: 'Adresse', exact: true }).fill(data.address);
    if (data.telephone) await dialog.getByRole('textbox', { name: 'Téléphone', exact: true }).fill(data.telephone);
    await dialog.getByRole('button', { name: 'Ajouter l’organisme' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async addReferent(data: { name: string; organisme: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter un référent' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Ajouter un référent' });
    await dialog.getByRole('textbox', { name: 'Nom du référent', exact: true }).fill(data.name);
    const select = dialog.getByRole('combobox', { name: 'Organisme', exact: true });
    const options = await select.locator('option').allTextContents();
    await select.selectOption({ label: options.find((o) => o.startsWith(data.organisme))! });
    await dialog.getByRole('button', { name: 'Ajouter le référent' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}

export class UsersAdminPage {
  constructor(private readonly page: Page) {}

  async createAccount(data: { login: string; displayName: string; role: string; structure: string; password: string }): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Comptes utilisateurs' }).click();
    await this.page.getByRole('button', { name: 'Créer un compte' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Créer un compte' });
    await dialog.getByLabel('Identifiant', { exact: true }).fill(data.login);
    await dialog.getByLabel('Nom et prénom', { exact: true }).fill(data.displayName);
    await dialog.getByRole('combobox', { name: 'Rôle', exact: true }).selectOption({ label: data.role });
    await dialog.getByLabel('Structure', { exact: true }).fill(data.structure);
    await dialog.getByLabel('Mot de passe initial', { exact: true }).fill(data.password);
    await dialog.getByLabel('Confirmation du mot de passe', { exact: true }).fill(data.password);
    await dialog.getByRole('button', { name: 'Créer le compte' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }
}
