import { expect, type Locator, type Page } from '@playwright/test';

const nav = (page: Page) => page.getByRole('navigation', { name: 'Navigation principale' });

/** Imports › the guided import (`#/imports`) and Administration › Communes de la MDS. */
export class ImportsPage {
  constructor(private readonly page: Page) {}

  /** From the navigation, as a correspondent or an administrator. */
  async open(): Promise<void> {
    await nav(this.page).getByRole('link', { name: 'Imports', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Importer un fichier');
  }

  /** Administration › Communes de la MDS: pastes « insee;code postal;nom » lines and adds them. */
  async addCommunes(lines: string): Promise<void> {
    await nav(this.page).getByRole('link', { name: 'Communes de la MDS', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Communes de la MDS');
    await this.page.getByRole('textbox', { name: 'Communes à ajouter' }).fill(lines);
    await this.page.getByRole('button', { name: 'Ajouter les communes' }).click();
    await expect(this.page.getByText(/^\d+ communes? ajoutées?, \d+ mises? à jour, 0 ligne refusée\.$/)).toBeVisible();
  }

  heading(step: number, label: string): Locator {
    return this.page.getByRole('heading', { level: 2, name: `Étape ${step} sur 5 : ${label}` });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }

  /** Steps 1 to 3 with the columns main proposes; ends on the preview (step 4). */
  async previewFile(kind: string, source: string, file: { name: string; text: string }): Promise<void> {
    await this.page.getByRole('radio', { name: kind }).check();
    await this.page.getByRole('combobox', { name: 'Source du fichier' }).fill(source);
    await this.next();
    await this.heading(2, 'Fichier').waitFor();
    await this.page.getByLabel('Fichier à importer').setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: Buffer.from(file.text, 'utf8') });
    await this.next();
    await this.heading(3, 'Colonnes').waitFor();
    await this.next();
    await this.heading(4, 'Aperçu').waitFor();
  }

  previewRows(): Locator {
    return this.page.getByRole('table', { name: 'Lignes du fichier et leur verdict' });
  }

  /** Step 5: imports, and waits for the result. */
  async apply(lines: number): Promise<Locator> {
    await this.next();
    await this.heading(5, 'Import').waitFor();
    await this.page.getByRole('button', { name: `Importer les ${lines} lignes` }).click();
    const result = this.page.getByText(/^Import terminé :/);
    await result.waitFor({ timeout: 60_000 });
    return result;
  }
}
