import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { seriousViolations } from './pages/contracts.page';
import { ADMIN, CORRESPONDANT, loginAs, logout, seedWorld } from './pages/contracts-setup.page';
import { DeskPage } from './pages/desk.page';
import { ImportsPage } from './pages/imports.page';

const HEADER = 'N° allocataire;Nom;Prénoms;Date de naissance;Sexe;Adresse;Code postal;Commune;Situation familiale;Enfants à charge;RSA depuis le';
/** Two new foyers, and a line naming the seeded « Féraud-Lécuyer Jeanne » without accents nor hyphen: a possible duplicate. */
const CAF_FILE = [
  HEADER,
  '7100001;DUPRÉ;Hélène;03/05/1990;F;12 rue des Écoles;62000;Arras;Célibataire;0;01/11/2026',
  '7100002;MOREAU;Karim;15/07/1982;M;5 place d’Armes;62000;ARRAS;Célibataire;0;15/11/2026',
  '7100003;FERAUD LECUYER;Jeanne;15/03/1985;F;3 rue Haute;62000;Arras;Célibataire;0;01/11/2026',
].join('\n');

test('le correspondant importe une liste CAF : aperçu avec un doublon possible, import, nouveaux dossiers sur « Mon activité »', async ({ page, host }) => {
  await seedWorld(page, host.url, [{ key: 'jeanne', nom: 'Féraud-Lécuyer', prenom: 'Jeanne', caf: '5570001' }]);
  const imports = new ImportsPage(page);

  // The administrator lists the MDS's communes (a CAF line is routed by its commune).
  await loginAs(page, ADMIN.login);
  await imports.addCommunes('62041;62000;Arras');
  expect(await seriousViolations(page)).toEqual([]);
  await logout(page);

  await loginAs(page, CORRESPONDANT.login);
  await imports.open();
  await imports.previewFile('Nouveaux bénéficiaires (liste CAF)', 'CAF du Pas-de-Calais', { name: 'caf-novembre.csv', text: CAF_FILE });
  await expect(page.getByText('3 lignes : 2 nouveaux dossiers, 0 mise à jour, 1 doublon possible, 0 ligne rejetée, 0 ligne inchangée.')).toBeVisible();
  await expect(imports.previewRows().getByRole('row', { name: /FERAUD LECUYER/ })).toContainText('Doublon possible');
  await expect(imports.previewRows().getByRole('row', { name: /DUPRÉ/ })).toContainText('Nouveau');
  expect(await seriousViolations(page)).toEqual([]);

  const result = await imports.apply(3);
  await expect(result).toHaveText('Import terminé : 2 dossiers créés, 0 mis à jour, 1 doublon possible à vérifier, 0 ligne rejetée.');
  expect(await seriousViolations(page)).toEqual([]);

  // The new foyers wait for their orientation on the correspondent's desk.
  await page.getByRole('list', { name: 'Après l’import' }).getByRole('link', { name: 'Mon activité' }).click();
  const desk = new DeskPage(page);
  await desk.heading().waitFor();
  await expect(desk.section('Nouveaux bénéficiaires sans orientation')).toContainText(/DUPRÉ Hélène/i);
  await expect(desk.section('Nouveaux bénéficiaires sans orientation')).toContainText(/MOREAU Karim/i);

  // The possible duplicate is checked: not the same person, so its dossier is created.
  await page.goto(new URL('/#/doublons', page.url()).toString());
  const line = page.getByRole('article', { name: /Ligne 4 du fichier « caf-novembre\.csv »/ });
  await expect(line).toContainText(/Féraud-Lécuyer|FÉRAUD-LÉCUYER/i);
  expect(await seriousViolations(page)).toEqual([]);
  await line.getByRole('button', { name: 'Ce n’est pas la même personne' }).click();
  await expect(page.getByText('Aucune ligne d’import n’attend de réponse.')).toBeVisible();

  // The work list « Orientation à proposer » goes out to Excel's CSV and reads back with the three new dossiers.
  await page.goto(new URL('/#/listes/orientation_a_proposer', page.url()).toString());
  await page.getByRole('button', { name: 'Exporter' }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: /CSV/ }).click()]);
  const bytes = await readFile((await download.path())!);
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const lines = bytes.toString('utf8').slice(1).split('\r\n').filter((l) => l !== '');
  expect(lines[0]).toContain(';');
  for (const name of [/DUPRÉ/, /MOREAU/, /FERAUD LECUYER|FÉRAUD/]) expect(lines.some((l) => name.test(l)), String(name)).toBe(true);
});
