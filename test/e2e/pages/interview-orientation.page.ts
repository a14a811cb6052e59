import type { Locator, Page } from '@playwright/test';

/** The orientation decision (`#/beneficiaires/:id/orientation/decision`) and the droits et devoirs form. */
export class OrientationDecisionPage {
  constructor(private readonly page: Page) {}

  proposal(): Locator {
    return this.page.getByRole('region', { name: 'Proposition d’orientation' });
  }

  form(): Locator {
    return this.page.getByRole('region', { name: /^(Décision d’orientation|Nouvelle décision \(réorientation\))$/ });
  }

  deadlinePreview(): Locator {
    return this.page.getByTestId('deadline-preview');
  }

  async decide(data: { orientation: string; organisme: string; correspondant: RegExp | string; motif: string; referent?: string }): Promise<void> {
    const form = this.form();
    await form.getByRole('radio', { name: data.orientation, exact: true }).check();
    await form.getByRole('combobox', { name: 'Organisme référent', exact: true }).selectOption({ label: data.organisme });
    if (data.referent) await form.getByRole('combobox', { name: 'Référent', exact: true }).selectOption({ label: data.referent });
    const correspondant = form.getByRole('combobox', { name: 'Correspondant', exact: true });
    const options = await correspondant.locator('option').allTextContents();
    const label = options.find((o) => (typeof data.correspondant === 'string' ? o === data.correspondant : data.correspondant.test(o)));
    if (!label) throw new Error(`Correspondant introuvable parmi : ${options.join(', ')}`);
    await correspondant.selectOption({ label });
    await form.getByRole('textbox', { name: 'Motif de la décision', exact: true }).fill(data.motif);
  }

  async save(): Promise<void> {
    await this.form().getByRole('button', { name: 'Enregistrer la décision' }).click();
  }
}

export class DroitsDevoirsPage {
  constructor(private readonly page: Page) {}

  async fill(data: { resources: string; activity: 'Oui' | 'Non'; income?: string }): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Ressources mensuelles du foyer', exact: true }).fill(data.resources);
    await this.page.getByRole('radiogroup', { name: /^Activité professionnelle de / }).getByRole('radio', { name: data.activity, exact: true }).check();
    if (data.income !== undefined) {
      await this.page.getByRole('textbox', { name: /^Revenus professionnels nets mensuels de / }).fill(data.income);
    }
  }

  preview(): Locator {
    return this.page.getByTestId('droits-preview');
  }

  async save(): Promise<void> {
    await this.page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
  }
}
