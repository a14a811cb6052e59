/**
 * Issue 12 end to end, on the demo (node main/host/cli.ts --demo): each role's desk shows real work whose counts
 * match the lists they open; a référent plans a rendez-vous and prints its convocation, records two absences, accepts
 * the proposed suspension fiche and sends it; the correspondent finds it among the « Fiches de liaison à traiter ».
 * axe-core finds nothing serious on the desk, the échéancier and a work list.
 */
import type { Page } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { DEMO_PASSWORD } from '../../main/demo/seed';
import { demoParcoursCafNumber } from '../../main/demo/parcours';
import { addDaysIso } from '../../shared/domain/rules/dates';
import { BrowserHost } from './host';
import { seriousViolations } from './pages/contracts.page';
import { todayIso } from './pages/contracts-setup.page';
import { DeskPage, listTotal } from './pages/desk.page';
import { AppointmentsSectionPage } from './pages/desk-appointments.page';
import { FichesInboxPage, FicheWizardPage } from './pages/fiches.page';
import { LoginPage } from './pages/login.page';

/** One demo host for the whole file (its seed takes a few seconds), on a data folder of its own. */
const test = base.extend<object, { demo: BrowserHost }>({
  demo: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const host = new BrowserHost();
      await host.start(['--demo', '--demo-foyers', '40']);
      await use(host);
      await host.stop();
      host.dispose();
    },
    { scope: 'worker', timeout: 120_000 },
  ],
});

const ROLES = ['correspondant1', 'secretaire', 'referent1', 'referent2', 'admin'] as const;
const fr = (iso: string) => iso.split('-').reverse().join('/');

async function loginAs(page: Page, url: string, login: string): Promise<DeskPage> {
  await page.goto(url);
  await new LoginPage(page).login(login, DEMO_PASSWORD);
  const desk = new DeskPage(page);
  await expect(desk.heading()).toBeVisible();
  return desk;
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter', exact: true }).click();
}

for (const login of ROLES) {
  test(`${login} : le bureau montre du travail, chaque compte correspond à la liste qu’il ouvre`, async ({ page, demo }) => {
    const desk = await loginAs(page, demo.url, login);
    const titles = await desk.titles();
    expect(titles.length).toBeGreaterThan(0);
    for (const title of titles) expect(await desk.count(title), title).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    // Lists with a total (échéancier, work lists): the count is the list's total.
    for (const title of titles) {
      const href = (await desk.countLink(title).getAttribute('href')) ?? '';
      if (!href.startsWith('/echeancier') && !href.startsWith('/listes/')) continue;
      const count = await desk.count(title);
      await desk.countLink(title).click();
      expect(await listTotal(page), title).toBe(count);
      expect(await seriousViolations(page), href).toEqual([]);
      await desk.open();
    }
  });
}

test('le référent planifie un rendez-vous, imprime la convocation, note deux absences et envoie la demande de suspension proposée ; le correspondant la voit sur son bureau', async ({ page, demo }) => {
  const today = todayIso();
  await loginAs(page, demo.url, 'referent1');
  const rdv = new AppointmentsSectionPage(page);
  await rdv.openDossierByCaf(demoParcoursCafNumber(0, 'pole_emploi_sans_ede'));
  const person = await page.getByRole('heading', { level: 1 }).innerText();

  // A rendez-vous in a week, with its convocation letter, archived.
  const next = addDaysIso(today, 7);
  await rdv.plan({ dateFr: fr(next), time: '10:30', place: 'MDS de l’Arrageois', object: 'Signature du PPAE' });
  await expect(rdv.upcoming()).toContainText('Signature du PPAE');
  await rdv.printConvocation(`${fr(next)} à 10 h 30`);
  await expect(rdv.archivedConvocation(`${fr(next)} à 10 h 30`)).toBeVisible();

  // The two past rendez-vous of the demo, their letters printed then: two unexcused absences.
  for (const offset of [-21, -7]) await rdv.recordOutcome(new RegExp(`^Enregistrer la présence au rendez-vous du ${fr(addDaysIso(today, offset))}`));
  await expect(rdv.past()).toContainText('Absent non excusé');
  await expect(rdv.suspensionButton()).toBeVisible();
  await expect(page.getByText(/2 courriers de convocation joints/)).toBeVisible();
  await rdv.suspensionButton().click();

  // The draft fiche, pre-filled: the référent signs and sends it.
  await page.getByRole('link', { name: 'Modifier la fiche' }).click();
  const wizard = new FicheWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 3 : Informations administratives');
  await wizard.next();
  await wizard.typeDate('Signature du référent (date)', fr(today));
  await wizard.saveAndContinue();
  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 3 : Pièces jointes et envoi');
  await wizard.send();
  await expect(page.getByText('Envoyée au correspondant').first()).toBeVisible();
  await logout(page);

  // The correspondent's desk lists it among the fiches to process.
  const desk = await loginAs(page, demo.url, 'correspondant1');
  await expect(desk.section('Fiches de liaison à traiter')).toContainText(/suspension/i);
  expect(await seriousViolations(page)).toEqual([]);
  // The desk shows the oldest ten; its count opens the whole list, where the new one waits, sent today.
  await desk.countLink('Fiches de liaison à traiter').click();
  const row = new FichesInboxPage(page).row(person);
  await expect(row).toContainText(/suspension/i);
  await expect(row).toContainText('Envoyée au correspondant');
  expect(await seriousViolations(page)).toEqual([]);
});
