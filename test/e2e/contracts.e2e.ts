import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ContractPage, ContractWizardPage, seriousViolations } from './pages/contracts.page';
import { CORRESPONDANT, PASSWORD, REFERENT, loginAs, logout, seedWorld, todayFr, todayIso, type World } from './pages/contracts-setup.page';
import { FichePage, FicheWizardPage, FichesInboxPage } from './pages/fiches.page';

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

async function openDossier(page: Page, personId: number): Promise<void> {
  await page.goto(`${page.url().split('#')[0]}#/beneficiaires/${personId}`);
  await expect(page.getByRole('region', { name: 'Identité et foyer' })).toBeVisible();
}

/** The EDE made with the beneficiary, recorded through the API as the référent (today). */
async function recordEde(world: World, personId: number): Promise<void> {
  const session = await world.api.login(REFERENT.login, PASSWORD);
  const grid = await world.api.call<{ version: number; items: { key: string }[] }>('ede.grid', {}, session);
  await world.api.call('ede.create', { personId, date: todayIso(), gridVersion: grid.version, paliers: Object.fromEntries(grid.items.map((i) => [i.key, 4])) }, session);
}

const NOT_ALONE_ROW = 'Ligne 1 : cette action ne peut être la seule action du plan d’accompagnement.';

test('CERS : un PAP fait seulement d’actions « pas seules » est refusé à la ligne, corrigé, signé, validé par le correspondant, renouvelé avec ses actions', async ({
  page,
  host,
}) => {
  const world = await seedWorld(page, host.url, [{ key: 'cers', nom: 'Lefèvre', prenom: 'Hélène', caf: '1234567', orientation: 'solidarite' }]);
  const person = world.people.cers!;
  await loginAs(page, REFERENT.login);
  await openDossier(page, person.personId);
  const section = page.getByRole('region', { name: 'Contrats (CER)' });
  await section.getByRole('link', { name: 'Nouveau CERS' }).click();

  const wizard = new ContractWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 5 : Bénéficiaire et durée');
  await expect(page.getByRole('region', { name: 'État civil' })).toContainText('LEFÈVRE Hélène');
  await expect(page.getByRole('link', { name: 'Modifier le dossier' })).toBeVisible();
  await expect(wizard.contractEnd()).toContainText(/Fin du contrat : \d{2}\/\d{2}\/\d{4}/);
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 2 sur 5 : Objectifs');
  await wizard.next();
  await expect(wizard.textbox('Objectif(s) de l’accompagnement solidarité')).toHaveAccessibleDescription(/ce champ est obligatoire/);
  await wizard.textbox('Objectif(s) de l’accompagnement solidarité').fill('Accéder à un logement autonome');
  await wizard.textbox('Résultats escomptés').fill('Un bail signé avant la fin du contrat');
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 5 : Plan d’accompagnement');
  await wizard.addAction();
  await wizard.fillPapRow(1, {
    theme: 'A — Le logement',
    action: 'A.2 — Démarches Administratives',
    engagementReferent: 'Aider à constituer le dossier de demande de logement',
    engagementBeneficiaire: 'Réunir les pièces justificatives',
  });
  // The rule runs as the user types: the message sits at the row's action.
  await expect(wizard.actionField(1)).toHaveAccessibleDescription(NOT_ALONE_ROW);
  await expect(wizard.papRow(1)).toContainText('Cette action ne peut être la seule action du plan d’accompagnement.');
  await expectAccessible(page);
  await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 5 : Plan d’accompagnement');
  await expect(page.getByText(/ne peut pas se composer uniquement d’actions/)).toBeVisible();
  await expect(wizard.actionField(1)).toBeFocused();

  // Fixed: a second action, allowed alone.
  await wizard.addAction();
  await wizard.fillPapRow(2, {
    theme: 'A — Le logement',
    action: 'A.1.1 — ',
    engagementReferent: 'Solliciter l’accompagnement social lié au logement',
    engagementBeneficiaire: 'Se rendre aux rendez-vous du FSL',
  });
  await expect(wizard.actionField(1)).not.toHaveAccessibleDescription(NOT_ALONE_ROW);
  await expect(page.getByText(/ne peut pas se composer uniquement d’actions/)).toHaveCount(0);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 4 sur 5 : Référent et bénéficiaire');
  await wizard.textbox('Lieu du suivi').fill('MDS d’Arras');
  await expectAccessible(page);
  await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 5 sur 5 : Récapitulatif');
  await expectAccessible(page);
  await wizard.create();

  const contract = new ContractPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CERS de LEFÈVRE Hélène');
  await expect(contract.state()).toHaveText('État : Brouillon');
  await expectAccessible(page);
  // No EDE yet: the signature waits for it (« Au préalable, à l’élaboration du contrat »).
  await expect(page.getByText(/Avant la signature : Aucune échelle de distance à l’emploi/)).toBeVisible();
  await contract.button('Signer le contrat').click();
  await expect(contract.dialog().getByRole('alert')).toContainText('Réalisez l’échelle de distance à l’emploi avec le bénéficiaire avant la signature.');
  await expectAccessible(page);
  await contract.dialog().getByRole('button', { name: 'Annuler' }).click();
  await recordEde(world, person.personId);
  await page.reload();
  await expect(contract.state()).toHaveText('État : Brouillon');
  await expect(page.getByText(/Avant la signature/)).toHaveCount(0);
  await contract.button('Signer le contrat').click();
  await expect(contract.dialog().getByRole('textbox', { name: 'Nom du référent signataire' })).toHaveValue(REFERENT.displayName);
  await expect(contract.dialog().getByRole('alert')).toHaveCount(0);
  await expectAccessible(page);
  await contract.dialog().getByRole('button', { name: 'Signer le contrat' }).click();
  await expect(contract.state()).toHaveText('État : Signé');
  await expect(page.getByText('Contrat signé : il ne se modifie plus que par un avenant')).toBeVisible();
  await expect(contract.button('Modifier le brouillon')).toHaveCount(0);
  await contract.runAction('Transmettre au SLAI');
  await expect(contract.state()).toHaveText('État : Transmis au SLAI');
  await expect(contract.button('Valider le contrat')).toHaveCount(0);
  const contractUrl = page.url();

  await logout(page);
  await loginAs(page, CORRESPONDANT.login);
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Contrats' }).click();
  const awaiting = page.getByRole('table', { name: 'Contrats transmis au SLAI en attente de décision' });
  await expectAccessible(page);
  await awaiting.getByRole('link', { name: /Lefèvre Hélène/i }).click();
  await contract.runAction('Valider le contrat');
  await expect(contract.state()).toHaveText('État : Validé par le Président');

  await logout(page);
  await loginAs(page, REFERENT.login);
  await page.goto(contractUrl);
  await contract.runAction('Mettre en cours');
  await expect(contract.state()).toHaveText('État : En cours');
  await contract.button('Saisir le bilan').click();
  const bilan = page.getByRole('region', { name: 'Saisir le bilan' });
  for (const [n, text] of [
    [1, 'Dossier de demande déposé'],
    [2, 'Accompagnement FSL suivi'],
  ] as const) {
    const row = bilan.getByRole('region', { name: new RegExp(`^Action ${n} :`) });
    await row.getByRole('combobox', { name: 'Résultat' }).selectOption({ label: 'Atteint' });
    await row.getByRole('textbox', { name: 'Bilan-commentaires' }).fill(text);
  }
  await expectAccessible(page);
  await bilan.getByRole('button', { name: 'Enregistrer le bilan' }).click();
  await expect(page.getByRole('region', { name: 'Saisir le bilan' })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Actions du plan d’accompagnement' })).toContainText('Dossier de demande déposé');

  await contract.runAction('Renouveler le contrat');
  // The renewal is a new draft in the wizard, with the previous actions carried over with their bilan.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Renouvellement du CERS de LEFÈVRE Hélène');
  for (let i = 0; i < 2; i += 1) await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 5 : Plan d’accompagnement');
  await expect(wizard.papRow(1)).toContainText('A.2 — Démarches Administratives');
  await expect(wizard.papRow(1)).toContainText('Reprise du contrat précédent');
  await expect(wizard.papRow(1)).toContainText('Dossier de demande déposé');
  await expect(wizard.papRow(2)).toContainText('Accompagnement FSL suivi');
  await expectAccessible(page);
});

test('CERP : deux métiers ROME ; une offre « non atteint » sans motif est refusée à la ligne', async ({ page, host }) => {
  const world = await seedWorld(page, host.url, [
    { key: 'cerp', nom: 'Moreau', prenom: 'Julien', caf: '2345678', orientation: 'professionnelle_autre' },
  ]);
  const person = world.people.cerp!;
  await loginAs(page, REFERENT.login);
  await openDossier(page, person.personId);
  await page.getByRole('region', { name: 'Contrats (CER)' }).getByRole('link', { name: 'Nouveau CERP' }).click();
  const wizard = new ContractWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 8 : Bénéficiaire et durée');
  await page.getByRole('combobox', { name: 'Durée du contrat' }).selectOption({ label: '6 mois' });
  await expect(wizard.contractEnd()).toContainText(/Fin du contrat : \d{2}\/\d{2}\/\d{4}/);
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 2 sur 8 : Situation professionnelle');
  await page.getByRole('checkbox', { name: 'Reconnu(e) travailleur handicapé (RQTH)' }).check();
  await page.getByRole('checkbox', { name: 'Permis de conduire (B)' }).check();
  await wizard.textbox('Zone géographique privilégiée').fill('Arras et 20 km autour');
  await page.getByRole('button', { name: 'Ajouter une expérience' }).click();
  await wizard.textbox('Emploi ou formation').fill('Agent d’entretien');
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 8 : Métiers recherchés');
  await wizard.pickRome('Code ROME du métier 1', 'nettoyage loc', /^K2204 — /);
  await expect(page.getByText(/Domaine : K — SERVICES A LA PERSONNE/)).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter un second métier recherché' }).click();
  await wizard.pickRome('Code ROME du métier 2', 'k1302', /^K1302 — /);
  await wizard.textbox('Salaire attendu').first().fill('SMIC');
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 4 sur 8 : Objectifs');
  await wizard.textbox('Objectif(s) de l’accompagnement').fill('Retrouver un emploi durable');
  await wizard.textbox('Résultats escomptés').fill('Un contrat de travail de plus de 6 mois');
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 5 sur 8 : Plan d’accompagnement');
  await wizard.addAction();
  await wizard.fillPapRow(1, {
    theme: 'H — Accès et maintien dans l’emploi',
    action: 'H.1.1 — ',
    engagementReferent: 'Transmettre des offres correspondant aux métiers recherchés',
    engagementBeneficiaire: 'Postuler à deux offres par semaine',
  });
  await expectAccessible(page);
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 6 sur 8 : Fiche de suivi emploi');
  await page.getByRole('button', { name: 'Ajouter une offre d’emploi' }).click();
  const offre = wizard.region('Offre 1');
  await offre.getByRole('textbox', { name: 'Offre d’emploi proposée' }).fill('Agent de propreté, Arras, CDD 6 mois');
  await offre.getByRole('combobox', { name: 'Domaine d’activité' }).selectOption({ label: 'K — SERVICES A LA PERSONNE ET A LA COLLECTIVITE' });
  await offre.getByRole('textbox', { name: 'Moyens mobilisés' }).fill('Candidature envoyée par le référent');
  await offre.getByRole('combobox', { name: 'Résultat' }).selectOption({ label: 'Non atteint' });
  await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 6 sur 8 : Fiche de suivi emploi');
  await expect(offre.getByRole('textbox', { name: 'Motif' })).toHaveAccessibleDescription('Résultat « non atteint » : indiquez le motif');
  await expect(page.getByRole('alert')).toContainText('indiquez le motif');
  await expectAccessible(page);
  await offre.getByRole('textbox', { name: 'Motif' }).fill('Pas de réponse du recruteur');
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 7 sur 8 : Référent et bénéficiaire');
  await wizard.textbox('Lieu du suivi').fill('PLIE d’Arras');
  await expectAccessible(page);
  await wizard.next();
  await expectAccessible(page);
  await wizard.create();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('CERP de MOREAU Julien');
  const cerp = page.getByRole('region', { name: 'Situation professionnelle et métiers recherchés' });
  await expect(cerp).toContainText('K2204');
  await expect(cerp).toContainText('K1302');
  await expect(page.getByRole('table', { name: 'Offres d’emploi proposées' })).toContainText('Pas de réponse du recruteur');
  await expectAccessible(page);
});

test('fiche de liaison de suspension : sans courrier de convocation elle ne part pas ; avec, elle arrive chez le correspondant qui l’accepte et saisit l’EP', async ({
  page,
  host,
}) => {
  const world = await seedWorld(page, host.url, [{ key: 'susp', nom: 'Girard', prenom: 'Paul', caf: '3456789', orientation: 'solidarite' }]);
  const person = world.people.susp!;
  await loginAs(page, REFERENT.login);
  await openDossier(page, person.personId);
  await page.getByRole('region', { name: 'Fiches de liaison' }).getByRole('link', { name: 'Nouvelle fiche de liaison' }).click();

  const wizard = new FicheWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 3 : Informations administratives');
  await expect(page.getByRole('region', { name: 'Informations administratives' })).toContainText(CORRESPONDANT.displayName);
  await expectAccessible(page);
  await wizard.next();
  await expect(page.getByRole('radiogroup', { name: 'Objet de la demande' })).toHaveAccessibleDescription('Choisissez l’objet de la demande');
  await wizard.chooseRequest('Passage en équipe pluridisciplinaire : suspension');
  await wizard.next();

  await expect(wizard.stepHeading()).toHaveText('Étape 2 sur 3 : La demande');
  await page.getByRole('radiogroup', { name: 'Motif de la suspension' }).getByRole('radio', { name: 'Non respect du PPAE ou du contrat d’engagement' }).check();
  await page.getByRole('textbox', { name: 'Motif de la demande', exact: true }).fill('Absent aux trois derniers rendez-vous sans justification');
  await wizard.typeDate('Signature du référent (date)', todayFr());
  await expectAccessible(page);
  await wizard.saveAndContinue();

  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 3 : Pièces jointes et envoi');
  await expect(wizard.missing()).toContainText('Joignez les différents courriers de convocation');
  await expectAccessible(page);
  await wizard.send();
  await expect(page.getByRole('alert')).toContainText('La fiche ne peut pas être envoyée');
  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 3 : Pièces jointes et envoi');

  // A wrong file type is refused before anything is sent.
  await page.getByLabel('Fichier', { exact: true }).setInputFiles({ name: 'convocation.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') });
  await expect(page.getByLabel('Fichier', { exact: true })).toHaveAccessibleDescription(/Type de fichier refusé/);

  await wizard.attach('Courrier de convocation', {
    name: 'convocation-1.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n'),
  });
  await expect(page.getByRole('list', { name: 'Pièces jointes de la fiche' })).toContainText('convocation-1.pdf');
  await expect(wizard.missing()).toHaveCount(0);
  await wizard.send();

  const fiche = new FichePage(page);
  await expect(fiche.state()).toHaveText('État : Envoyée au correspondant');
  await expectAccessible(page);

  await logout(page);
  await loginAs(page, CORRESPONDANT.login);
  const inbox = new FichesInboxPage(page);
  await inbox.open();
  const row = inbox.row(/Girard Paul/i);
  await expect(row).toContainText('À faire : Réponse du correspondant au référent');
  await expectAccessible(page);
  await row.getByRole('link').click();
  await expect(fiche.state()).toHaveText('État : Envoyée au correspondant');
  await fiche.answer('Accepter la demande', 'Demande transmise à l’équipe pluridisciplinaire de mars.');
  await expect(fiche.state()).toHaveText('État : Acceptée par le correspondant');
  await expect(page.getByText(/Équipe pluridisciplinaire saisie le \d{2}\/\d{2}\/\d{4}/)).toBeVisible();
  await expectAccessible(page);
});

test('le PAP se remplit au clavier seul', async ({ page, host }) => {
  const world = await seedWorld(page, host.url, [{ key: 'kbd', nom: 'Petit', prenom: 'Louise', caf: '4567890', orientation: 'solidarite' }]);
  await loginAs(page, REFERENT.login);
  await page.goto(`${page.url().split('#')[0]}#/beneficiaires/${world.people.kbd!.personId}/contrats/nouveau`);
  const wizard = new ContractWizardPage(page);
  await expect(wizard.stepHeading()).toHaveText('Étape 1 sur 5 : Bénéficiaire et durée');
  await wizard.next();
  await wizard.textbox('Objectif(s) de l’accompagnement solidarité').fill('Prendre soin de sa santé');
  await wizard.textbox('Résultats escomptés').fill('Un suivi médical régulier');
  await wizard.next();
  await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 5 : Plan d’accompagnement');
  await expect(wizard.stepHeading()).toBeFocused();

  const tabTo = async (target: ReturnType<Page['getByRole']>, max = 60) => {
    for (let i = 0; i < max && !(await target.evaluate((el) => el === document.activeElement)); i += 1) await page.keyboard.press('Tab');
    await expect(target).toBeFocused();
  };
  await tabTo(page.getByRole('button', { name: 'Ajouter une action', exact: true }));
  await page.keyboard.press('Enter');
  const row = wizard.papRow(1);
  await expect(row.getByRole('combobox', { name: 'Thème' })).toBeFocused();
  await page.keyboard.type('B');
  await expect(row.getByRole('combobox', { name: 'Thème' })).toHaveValue('B');
  await page.keyboard.press('Tab');
  await expect(row.getByRole('combobox', { name: 'Action' })).toBeFocused();
  await page.keyboard.type('B.1');
  await expect(row.getByRole('combobox', { name: 'Action' })).toHaveValue('B.1');
  await expect(row.getByRole('complementary', { name: 'Définition de l’action' })).toContainText('B.1');
  await page.keyboard.press('Tab');
  // The services of the action: Space ticks the focused one.
  const firstService = row.getByRole('group', { name: 'Services ou organismes sollicités' }).getByRole('checkbox').first();
  await expect(firstService).toBeFocused();
  await page.keyboard.press('Space');
  await expect(firstService).toBeChecked();
  await tabTo(row.getByRole('textbox', { name: 'Engagement du référent' }));
  await page.keyboard.type('Orienter vers le centre d’examens de santé');
  await page.keyboard.press('Tab');
  await expect(row.getByRole('textbox', { name: 'Engagement du bénéficiaire' })).toBeFocused();
  await page.keyboard.type('Prendre rendez-vous et s’y rendre');
  await page.keyboard.press('Tab');
  await expect(row.getByRole('combobox', { name: 'Résultat' })).toBeFocused();
  await tabTo(page.getByRole('button', { name: 'Suivant', exact: true }));
  await page.keyboard.press('Enter');
  await expect(wizard.stepHeading()).toHaveText('Étape 4 sur 5 : Référent et bénéficiaire');
  await expect(wizard.stepHeading()).toBeFocused();
});
