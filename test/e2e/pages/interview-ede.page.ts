import type { Locator, Page } from '@playwright/test';

/** The EDE wizard (`#/beneficiaires/:id/ede/nouvelle`): 8 items of 6 paliers, a live total, a summary. */
export class EdeWizardPage {
  constructor(private readonly page: Page) {}

  stepHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /^Étape \d+ sur 3/ });
  }

  /** The radio group of an item, named « Item N : label ». */
  item(number: number): Locator {
    return this.page.getByRole('radiogroup', { name: new RegExp(`^Item ${number} : `) });
  }

  palier(item: number, palier: number): Locator {
    return this.item(item).getByRole('radio', { name: new RegExp(`^Palier ${palier}\\b`) });
  }

  async choose(item: number, palier: number): Promise<void> {
    await this.palier(item, palier).check();
  }

  /** The live total and proposal (aria-live region). */
  liveScore(): Locator {
    return this.page.getByTestId('ede-live-score');
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer l’EDE' }).click();
  }

  /** Fills the 8 items with the given paliers (items 1–4, Suivant, items 5–8, Suivant → summary). */
  async fill(paliers: readonly number[]): Promise<void> {
    for (let i = 0; i < 4; i += 1) await this.choose(i + 1, paliers[i]!);
    await this.next();
    for (let i = 4; i < 8; i += 1) await this.choose(i + 1, paliers[i]!);
    await this.next();
  }

  /** On the EDE list: picks the two assessments whose labels contain the given texts, and compares them. */
  async compare(from: string, to: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Choix des évaluations à comparer' });
    for (const [name, text] of [
      ['Évaluation de départ', from],
      ['Évaluation d’arrivée', to],
    ] as const) {
      const select = form.getByRole('combobox', { name, exact: true });
      await select.locator('option').first().waitFor({ state: 'attached' });
      const label = (await select.locator('option').allTextContents()).find((o) => o.includes(text));
      if (!label) throw new Error(`Évaluation « ${text} » introuvable`);
      await select.selectOption({ label });
    }
    await form.getByRole('button', { name: 'Comparer' }).click();
  }

  /** The saved assessment's page: the « Résultat » region. */
  result(): Locator {
    return this.page.getByRole('region', { name: 'Résultat' });
  }
}
