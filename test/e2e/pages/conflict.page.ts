/** The contract wizard as two desks use it on the same contract (conflict.e2e.ts, server.e2e.ts). */
import { expect, type Page } from '@playwright/test';
import { ContractWizardPage } from './contracts.page';

const OBJECTIFS = 'Objectif(s) de l’accompagnement solidarité';

/** In 'YYYY-MM-DD', `months` months after `iso`, minus one day (a contract's last day). */
export function endAfter(iso: string, months: number): string {
  const d = new Date(`${iso}T12:00:00`);
  d.setMonth(d.getMonth() + months);
  d.setDate(d.getDate() - 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function openWizard(page: Page, contractId: number): Promise<ContractWizardPage> {
  await page.goto(`${page.url().split('#')[0]}#/contrats/${contractId}/modifier`);
  const wizard = new ContractWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 5 : Bénéficiaire et durée');
  return wizard;
}

/** Changes the objectifs (step 2), then goes to the recap and saves. */
export async function editObjectifsAndSave(page: Page, wizard: ContractWizardPage, objectifs: string): Promise<void> {
  await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 2 sur 5 : Objectifs');
  await page.getByRole('textbox', { name: OBJECTIFS }).fill(objectifs);
  for (const step of ['Étape 3 sur 5', 'Étape 4 sur 5', 'Étape 5 sur 5']) {
    await wizard.next();
    await expect(wizard.stepHeading()).toContainText(step);
  }
  await page.getByRole('button', { name: 'Enregistrer le contrat' }).click();
}

