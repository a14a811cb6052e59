import { expect, type Download, type Locator, type Page } from '@playwright/test';

/** Administration › Protection des données (`#/administration/donnees-personnelles`). */
export class RgpdPage {
  constructor(private readonly page: Page) {}

  /** From the navigation, as an administrator. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Protection des données', exact: true }).click();
    await expect(this.page.getByRole('heading', { level: 1 })).toHaveText('Protection des données');
    await this.retentionTable().waitFor();
  }

  retentionTable(): Locator {
    return this.page.getByRole('table', { name: 'Durées de conservation et leur fondement' });
  }

  retentionRow(label: string): Locator {
    return this.retentionTable().getByRole('row', { name: new RegExp(`^${label}`) });
  }

  candidates(): Locator {
    return this.page.getByRole('region', { name: 'Dossiers à anonymiser' });
  }
}

/** The dossier page's « Exporter les données de la personne »: clicks it and returns the files the browser saved. */
export async function exportPersonData(page: Page, expected = 2): Promise<Download[]> {
  const downloads: Download[] = [];
  const onDownload = (d: Download) => downloads.push(d);
  page.on('download', onDownload);
  try {
    await page.getByRole('button', { name: 'Exporter les données de la personne' }).click();
    await expect.poll(() => downloads.length).toBe(expected);
  } finally {
    page.off('download', onDownload);
  }
  return downloads;
}
