import type { Page } from '@playwright/test';

export interface SetupData {
  mds: { name: string; territory: string; address?: string };
  admin: { login: string; displayName: string; structure: string; password: string };
}

/** First run: the setup wizard (MDS, then first administrator, then summary). */
export class SetupPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { level: 1 });
  }

  async complete(data: SetupData): Promise<void> {
    const p = this.page;
    await p.getByLabel('Nom de la MDS', { exact: true }).fill(data.mds.name);
    await p.getByLabel('Territoire', { exact: true }).fill(data.mds.territory);
    if (data.mds.address) await p.getByLabel('Adresse de la MDS', { exact: true }).fill(data.mds.address);
    await p.getByRole('button', { name: 'Suivant' }).click();
    await p.getByLabel('Identifiant', { exact: true }).fill(data.admin.login);
    await p.getByLabel('Nom et prénom', { exact: true }).fill(data.admin.displayName);
    await p.getByLabel('Structure', { exact: true }).fill(data.admin.structure);
    await p.getByLabel('Mot de passe', { exact: true }).fill(data.admin.password);
    await p.getByLabel('Confirmation du mot de passe', { exact: true }).fill(data.admin.password);
    await p.getByRole('button', { name: 'Suivant' }).click();
    await p.getByRole('button', { name: 'Créer la MDS et le compte' }).click();
    // The recovery key, shown once: kept, then on to the login.
    await p.getByRole('checkbox', { name: /je la range au coffre/ }).check();
    await p.getByRole('button', { name: 'Continuer vers la connexion' }).click();
  }
}
