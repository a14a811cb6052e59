import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { BeneficiariesPage } from './pages/beneficiaries.page';
import { DossierFormPage } from './pages/dossier-form.page';
import { LoginPage } from './pages/login.page';
import { SetupPage } from './pages/setup.page';

const admin = { login: 'admin', displayName: 'Camille Martin', structure: 'MDS de l’Arrageois', password: 'mot-de-passe-solide' };

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('premier lancement → installation → connexion → nouveau dossier → recherche sans accent → redémarrage → toujours là', async ({ page, host }) => {
  await page.goto(host.url);
  const setup = new SetupPage(page);
  await expect(setup.heading()).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await setup.complete({ mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois', address: '1 rue de la Paix, 62000 Arras' }, admin });

  const login = new LoginPage(page);
  await login.login(admin.login, 'pas-le-bon-mot-de-passe');
  await expect(login.error()).toContainText('Identifiant ou mot de passe incorrect');
  await login.login(admin.login, admin.password);
  await expect(page.getByRole('banner')).toContainText('MDS de l’Arrageois');

  const beneficiaries = new BeneficiariesPage(page);
  await beneficiaries.newDossier();
  const form = new DossierFormPage(page);
  await form.fill({
    cafNumber: '1234567',
    situationFamiliale: 'Célibataire',
    address: { line1: '12 rue des Tilleuls', postalCode: '62000', city: 'Arras' },
    person: { nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène', sexe: 'Femme', dateNaissance: '15/03/1985' },
  });
  expect(await seriousViolations(page)).toEqual([]);
  await form.create();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('LEFÈVRE');
  expect(await seriousViolations(page)).toEqual([]);

  await beneficiaries.open();
  await beneficiaries.type('lefev');
  await expect(beneficiaries.resultLink(/LEFÈVRE.*Hélène/)).toBeVisible();
  await beneficiaries.type('helene');
  await expect(beneficiaries.resultLink(/LEFÈVRE.*Hélène/)).toBeVisible();

  await host.restart();
  await page.goto(host.url);
  await new LoginPage(page).login(admin.login, admin.password);
  await beneficiaries.type('lefevre');
  await beneficiaries.resultLink(/LEFÈVRE.*Hélène/).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('LEFÈVRE');
  await expect(page.getByRole('region', { name: 'Identité et foyer' })).toContainText('1234567');
});

test('un formulaire à moitié rempli survit à un rechargement (brouillon)', async ({ page, host }) => {
  await page.goto(host.url);
  await new SetupPage(page).complete({ mds: { name: 'MDS du Ternois', territory: 'Ternois' }, admin });
  await new LoginPage(page).login(admin.login, admin.password);
  await new BeneficiariesPage(page).newDossier();
  const form = new DossierFormPage(page);
  await form.region('Personne').getByLabel('Nom patronymique', { exact: true }).fill('DUBOIS');
  await form.region('Foyer').getByLabel('N° allocataire CAF', { exact: true }).fill('7654321');
  // Saved as you type (debounced): wait until the draft has reached main, then reload.
  await expect.poll(async () => {
    return page.evaluate(() => sessionStorage.length);
  }).toBeGreaterThan(0);
  await page.waitForTimeout(1500);
  await page.reload();
  await expect(page.getByText(/Un brouillon du \d{2}\/\d{2}\/\d{4} à \d{2}:\d{2} a été retrouvé/)).toBeVisible();
  await page.getByRole('button', { name: 'Reprendre' }).click();
  await expect(form.region('Personne').getByLabel('Nom patronymique', { exact: true })).toHaveValue('DUBOIS');
  await expect(form.region('Foyer').getByLabel('N° allocataire CAF', { exact: true })).toHaveValue('7654321');
});

test('l’interface se parcourt au clavier : connexion sans souris', async ({ page, host }) => {
  await page.goto(host.url);
  await new SetupPage(page).complete({ mds: { name: 'MDS du Montreuillois', territory: 'Montreuillois' }, admin });
  await page.getByLabel('Identifiant', { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+A'); // prefilled with the login just created
  await page.keyboard.type(admin.login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(admin.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Camille Martin');
  // Arriving on a page puts the focus on its heading: on « Mon activité », Shift+Tab goes back to the navigation.
  await expect(page.getByRole('heading', { level: 1, name: 'Mon activité' })).toBeFocused();
  const beneficiaries = page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Bénéficiaires' });
  for (let i = 0; i < 20 && !(await beneficiaries.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Shift+Tab');
  }
  await expect(beneficiaries).toBeFocused();
  await page.keyboard.press('Enter');
  // On Bénéficiaires, the heading has the focus again; Tab then walks the page to "Nouveau dossier".
  await expect(page.getByRole('heading', { level: 1, name: 'Bénéficiaires' })).toBeFocused();
  const newDossier = page.getByRole('link', { name: 'Nouveau dossier' });
  for (let i = 0; i < 20 && !(await newDossier.evaluate((el) => el === document.activeElement)); i += 1) {
    await page.keyboard.press('Tab');
  }
  await expect(newDossier).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Foyer', exact: true })).toBeVisible();
  // The skip link takes the keyboard straight to the content.
  await page.getByRole('link', { name: 'Aller au contenu' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
});
