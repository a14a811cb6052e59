import type { Page } from '@playwright/test';

export class LoginPage {
  constructor(private readonly page: Page) {}

  async login(login: string, password: string): Promise<void> {
    await this.page.getByLabel('Identifiant', { exact: true }).fill(login);
    await this.page.getByLabel('Mot de passe', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
  }

  error() {
    return this.page.getByRole('alert');
  }
}
