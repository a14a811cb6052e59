import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { seriousViolations } from './pages/contracts.page';
import { ADMIN, CORRESPONDANT, REFERENT, loginAs, logout, seedWorld, todayFr, todayIso } from './pages/contracts-setup.page';
import { RgpdPage, exportPersonData } from './pages/rgpd.page';

test('l’administrateur consulte les durées de conservation et les dossiers à anonymiser ; le droit d’accès s’exerce depuis le dossier (PDF et JSON), pas par le référent', async ({
  page,
  host,
}) => {
  const world = await seedWorld(page, host.url, [{ key: 'julie', nom: 'Lefebvre', prenom: 'Julie', caf: '5560001', orientation: 'solidarite' }]);
  const julie = world.people.julie!;
  const base = host.url.split('#')[0];

  // The page, from the navigation: each duration with its legal basis; nothing is due in a new database.
  await loginAs(page, ADMIN.login);
  const rgpd = new RgpdPage(page);
  await rgpd.open();
  await expect(rgpd.retentionRow('Dossier d’un bénéficiaire')).toContainText('2 ans de base active puis 3 ans d’archivage intermédiaire');
  await expect(rgpd.retentionRow('Dossier d’un bénéficiaire')).toContainText('CNIL, délibération n° 2023-095');
  await expect(rgpd.retentionRow('Sauvegardes')).toContainText('RGPD, art. 32.1.c');
  await expect(page.getByText(`Aucun dossier n’est à anonymiser au ${todayFr()}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: /Anonymiser la sélection/ })).toHaveCount(0);
  expect(await seriousViolations(page)).toEqual([]);

  // Right of access, by the administrator: one PDF and one JSON file holding the dossier.
  await page.goto(`${base}#/beneficiaires/${julie.personId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(julie.name);
  expect(await seriousViolations(page)).toEqual([]);
  const [pdf, json] = await exportPersonData(page);
  expect(pdf!.suggestedFilename()).toBe(`Données personnelles ${julie.personId} ${todayIso()}.pdf`);
  expect(json!.suggestedFilename()).toBe(`Données personnelles ${julie.personId} ${todayIso()}.json`);
  expect((await readFile((await pdf!.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const file = JSON.parse(await readFile((await json!.path())!, 'utf8')) as { personId: number; data: { identite: { personne: { nomPatronymique: string } } } };
  expect(file.personId).toBe(julie.personId);
  expect(file.data.identite.personne.nomPatronymique).toBe('Lefebvre');
  await expect(page.getByText(/^Données de la personne exportées/)).toBeVisible();

  // The correspondent may export too (their MDS); the référent may not: no button.
  await logout(page);
  await loginAs(page, CORRESPONDANT.login);
  await page.goto(`${base}#/beneficiaires/${julie.personId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(julie.name);
  await expect(page.getByRole('button', { name: 'Exporter les données de la personne' })).toBeVisible();
  await logout(page);
  await loginAs(page, REFERENT.login);
  await page.goto(`${base}#/beneficiaires/${julie.personId}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(julie.name);
  await expect(page.getByRole('button', { name: 'Exporter les données de la personne' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Protection des données' })).toHaveCount(0);
});
