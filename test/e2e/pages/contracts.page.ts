import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Serious or critical accessibility violations of the page as it is (axe-core). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

export interface PapRowData {
  /** Option label, e.g. 'A — Le logement'. */
  theme: string;
  /** Option label start, e.g. 'A.2 — Démarches administratives'. */
  action: string;
  engagementReferent: string;
  engagementBeneficiaire: string;
}

/** The CERS / CERP wizard (Stepper; one h2 per step « Étape N sur M : … »). */
export class ContractWizardPage {
  constructor(private readonly page: Page) {}

  stepHeading(): Locator {
    return this.page.getByRole('heading', { level: 2, name: /^Étape \d+ sur \d+/ });
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant', exact: true }).click();
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer le contrat (brouillon)' }).click();
  }

  contractEnd(): Locator {
    return this.page.getByTestId('contract-end');
  }

  /** Row N of the PAP editor (a region named « Action N… »). */
  papRow(n: number): Locator {
    return this.page.getByRole('region', { name: new RegExp(`^Action ${n}\\b`) });
  }

  async addAction(): Promise<void> {
    await this.page.getByRole('button', { name: 'Ajouter une action', exact: true }).click();
  }

  async fillPapRow(n: number, data: PapRowData): Promise<void> {
    const row = this.papRow(n);
    await row.getByRole('combobox', { name: 'Thème' }).selectOption({ label: data.theme });
    const action = row.getByRole('combobox', { name: 'Action' });
    const label = await action.locator('option', { hasText: data.action }).first().textContent();
    await action.selectOption({ label: label ?? data.action });
    await row.getByRole('textbox', { name: 'Engagement du référent' }).fill(data.engagementReferent);
    await row.getByRole('textbox', { name: 'Engagement du bénéficiaire' }).fill(data.engagementBeneficiaire);
  }

  actionField(n: number): Locator {
    return this.papRow(n).getByRole('combobox', { name: 'Action' });
  }

  textbox(name: string): Locator {
    return this.page.getByRole('textbox', { name, exact: true });
  }

  /** A ROME code picked by searching (code or words) in the autocomplete, then choosing the option. */
  async pickRome(fieldName: string, query: string, option: RegExp): Promise<void> {
    const field = this.page.getByRole('combobox', { name: fieldName });
    await field.fill(query);
    await this.page.getByRole('option', { name: option }).click();
  }

  region(name: string | RegExp): Locator {
    return this.page.getByRole('region', { name });
  }
}

/** The contract page: état chip, life-cycle buttons and their dialogs. */
export class ContractPage {
  constructor(private readonly page: Page) {}

  state(): Locator {
    return this.page.getByRole('list', { name: 'État du contrat' }).getByRole('listitem').first();
  }

  button(name: string): Locator {
    return this.page.getByRole('main').getByRole('button', { name, exact: true });
  }

  dialog(): Locator {
    return this.page.getByRole('dialog');
  }

  /** Opens a life-cycle action's dialog and confirms it with its default values (today, names from the contract). */
  async runAction(name: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
    await this.button(name).click();
    const dialog = this.dialog();
    await dialog.waitFor();
    if (fill) await fill(dialog);
    await dialog.getByRole('button', { name, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
  }
}
