import type { Locator, Page } from '@playwright/test';

/** The DSP wizard (`#/beneficiaires/:id/dsp/nouvelle`) and the DSP history / comparison page. */
export class DspWizardPage {
  constructor(private readonly page: Page) {}

  stepHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /^Étape \d+ sur 8/ });
  }

  /** Jumps to a step by its tab in the stepper ("Généralités", …, "Récapitulatif"). */
  async goToStep(label: string): Promise<void> {
    await this.page.getByRole('tablist', { name: 'Étapes de la DSP' }).getByRole('tab', { name: label, exact: true }).click();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }

  /** A yes/no or short code list (radio buttons). */
  async radio(question: string, answer: string): Promise<void> {
    await this.page.getByRole('radiogroup', { name: question, exact: true }).getByRole('radio', { name: answer, exact: true }).check();
  }

  radioButton(question: string, answer: string): Locator {
    return this.page.getByRole('radiogroup', { name: question, exact: true }).getByRole('radio', { name: answer, exact: true });
  }

  /** A longer code list (native select). */
  async select(question: string, answer: string): Promise<void> {
    await this.page.getByRole('combobox', { name: question, exact: true }).selectOption({ label: answer });
  }

  /** A « several answers » list (checkboxes). */
  async check(question: string, answer: string): Promise<void> {
    await this.page.getByRole('group', { name: question, exact: true }).getByRole('checkbox', { name: answer, exact: true }).check();
  }

  async text(label: string, value: string): Promise<void> {
    await this.page.getByRole('textbox', { name: label, exact: true }).fill(value);
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer la DSP' }).click();
  }
}

export class DspHistoryPage {
  constructor(private readonly page: Page) {}

  versions(): Locator {
    return this.page.getByRole('table', { name: 'Versions de la DSP' });
  }

  /** Picks the two versions ("Version 1 du …") and compares them. */
  async compare(from: number, to: number): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Choix des versions à comparer' });
    for (const [name, n] of [
      ['Version de départ', from],
      ['Version d’arrivée', to],
    ] as const) {
      const select = form.getByRole('combobox', { name, exact: true });
      await select.locator('option').first().waitFor({ state: 'attached' });
      const label = (await select.locator('option').allTextContents()).find((o) => o.startsWith(`Version ${n} du`));
      if (!label) throw new Error(`Version ${n} introuvable`);
      await select.selectOption({ label });
    }
    await form.getByRole('button', { name: 'Comparer' }).click();
  }

  comparison(): Locator {
    return this.page.getByRole('table', { name: /^Comparaison de la version \d+ et de la version \d+ de la DSP$/ });
  }

  /** The rows marked « Modifié ». */
  changedRows(): Locator {
    return this.comparison().getByRole('row').filter({ hasText: 'Modifié' });
  }
}
