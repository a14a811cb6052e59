import type { Page } from '@playwright/test';

/** Bénéficiaires: search as you type, results table, "Nouveau dossier". */
export class BeneficiariesPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Bénéficiaires' }).click();
  }

  /** Opens the page unless it is shown: after the login, the home page is « Mon activité ». */
  private async ensureOpen(): Promise<void> {
    if (!(await this.search().isVisible())) await this.open();
  }

  search() {
    return this.page.getByRole('searchbox', { name: 'Rechercher un bénéficiaire (nom, N° CAF, N° France Travail)' });
  }

  async type(query: string): Promise<void> {
    await this.ensureOpen();
    await this.search().fill('');
    await this.search().pressSequentially(query, { delay: 30 });
  }

  results() {
    return this.page.getByRole('table', { name: 'Résultats de la recherche' });
  }

  resultLink(name: string | RegExp) {
    return this.results().getByRole('link', { name });
  }

  async newDossier(): Promise<void> {
    await this.ensureOpen();
    await this.page.getByRole('link', { name: 'Nouveau dossier' }).click();
  }
}
