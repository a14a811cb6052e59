import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { addMonths, format } from 'date-fns';
import { expect, test } from './fixtures';
import type { BrowserHost } from './host';
import { BeneficiariesPage } from './pages/beneficiaries.page';
import { DossierFormPage } from './pages/dossier-form.page';
import { OrganismesAdminPage, UsersAdminPage } from './pages/interview-admin.page';
import { DspHistoryPage, DspWizardPage } from './pages/interview-dsp.page';
import { EdeWizardPage } from './pages/interview-ede.page';
import { DroitsDevoirsPage, OrientationDecisionPage } from './pages/interview-orientation.page';
import { LoginPage } from './pages/login.page';
import { SetupPage } from './pages/setup.page';

const admin = { login: 'admin', displayName: 'Camille Martin', structure: 'MDS de l’Arrageois', password: 'mot-de-passe-solide' };

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

/** First run, administrator logged in, one dossier created: ends on the dossier page. */
async function startWithDossier(page: Page, host: BrowserHost): Promise<void> {
  await page.goto(host.url);
  await new SetupPage(page).complete({ mds: { name: 'MDS de l’Arrageois', territory: 'Arrageois' }, admin });
  await new LoginPage(page).login(admin.login, admin.password);
  await expect(page.getByRole('banner')).toContainText('Camille Martin');
  await new BeneficiariesPage(page).newDossier();
  const form = new DossierFormPage(page);
  await form.fill({
    cafNumber: '1234567',
    situationFamiliale: 'Célibataire',
    address: { line1: '12 rue des Tilleuls', postalCode: '62000', city: 'Arras' },
    person: { nomPatronymique: 'LEFÈVRE', prenoms: 'Hélène', sexe: 'Femme', dateNaissance: '15/03/1985' },
  });
  await form.create();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LEFÈVRE Hélène');
}

const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => el === document.activeElement).catch(() => false);
}

/** Presses Tab until `target` has the focus (at most `max` times). */
async function tabTo(page: Page, target: Locator, max = 40): Promise<void> {
  for (let i = 0; i < max && !(await isFocused(target)); i += 1) await page.keyboard.press('Tab');
  await expect(target).toBeFocused();
}

test('DSP complète, puis une seconde version qui change deux réponses : la comparaison montre exactement ces deux champs', async ({ page, host }) => {
  await startWithDossier(page, host);
  await expect(section(page, 'Données socio-professionnelles (DSP)')).toContainText('Aucune DSP n’est encore saisie');
  expect(await seriousViolations(page)).toEqual([]);

  await section(page, 'Données socio-professionnelles (DSP)').getByRole('link', { name: 'Saisir la DSP' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Première DSP de LEFÈVRE Hélène');
  const dsp = new DspWizardPage(page);

  await expect(dsp.stepHeading()).toHaveText('Étape 1 sur 8 : Généralités');
  await dsp.select('Situation à la demande de RSA', 'Faibles ressources');
  await dsp.radio('Personne isolée enceinte ou avec enfant(s) à charge', 'Oui');
  await dsp.radio('A déjà bénéficié du RMI ou du RSA', 'Non');
  await dsp.radio('Dispose d’une couverture sociale', 'Oui');
  await dsp.check('Couverture sociale', 'CMU complémentaire');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 2 sur 8 : Situation sociale');
  await dsp.check('Difficultés sociales', 'Santé');
  await dsp.radio('Aide de la famille ou de l’entourage dans les démarches', 'Oui');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 3 sur 8 : Disponibilité');
  await dsp.check('Obstacles à une recherche d’emploi', 'Mobilité');
  await dsp.radio('Prêt(e) à engager rapidement une recherche d’emploi', 'Oui');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 4 sur 8 : Niveau d’étude');
  await dsp.select('Niveau d’étude', 'Niveau V : année de CAP/BEP');
  await dsp.select('Diplôme le plus élevé obtenu', 'Niveau V : CAP/BEP');
  await dsp.text('Année d’obtention du diplôme le plus élevé', '2003');
  await dsp.radio('Dispose d’une qualification professionnelle', 'Oui');
  await dsp.text('Qualification professionnelle (précisez)', 'CAP cuisine');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 5 sur 8 : Situation professionnelle');
  await dsp.radio('Parcours professionnel', 'A travaillé par intermittence');
  await dsp.text('Dernier emploi occupé', 'Commis de cuisine');
  await dsp.radio('Arrêt de la dernière activité', 'Arrêt depuis plus d’un an');
  await dsp.radio('Inscription comme demandeur d’emploi', 'Inscrit depuis 1 à 5 ans');
  await dsp.radio('Accompagnement dans la recherche d’emploi', 'France Travail (ex-Pôle Emploi)');
  await dsp.radio('A un projet professionnel', 'Oui');
  await dsp.text('Emploi recherché', 'Cuisinier');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 6 sur 8 : Mobilité');
  await dsp.radio('Dispose d’un moyen de transport', 'Non');
  await dsp.radio('Permis de conduire B', 'Non');
  await dsp.radio('Rayon de mobilité', 'Dans le département');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 7 sur 8 : Logement');
  await dsp.select('Nature du logement', 'Chez un parent ou un tiers');
  await dsp.radio('Démarches de logement en cours', 'Accès à un logement');
  await dsp.check('Difficultés liées au logement', 'Aucune');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.next();

  await expect(dsp.stepHeading()).toHaveText('Étape 8 sur 8 : vérifiez avant d’enregistrer');
  await expect(page.getByRole('region', { name: 'Réponses saisies' })).toContainText('27 réponses saisies.');
  expect(await seriousViolations(page)).toEqual([]);
  await dsp.save();

  const history = new DspHistoryPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Historique de la DSP de LEFÈVRE Hélène');
  await expect(history.versions()).toContainText('Version 1');

  // A new DSP starts from the previous one: change two answers only.
  await page.getByRole('link', { name: 'Mettre à jour la DSP' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mise à jour de la DSP de LEFÈVRE Hélène');
  await dsp.goToStep('Mobilité');
  await expect(dsp.radioButton('Permis de conduire B', 'Non')).toBeChecked();
  await dsp.radio('Permis de conduire B', 'Oui');
  await dsp.goToStep('Logement');
  await expect(page.getByRole('combobox', { name: 'Nature du logement', exact: true })).toHaveValue('0909');
  await dsp.select('Nature du logement', 'Logement autonome individuel');
  await dsp.goToStep('Récapitulatif');
  await expect(page.getByRole('region', { name: 'Changements par rapport à la version 1' })).toContainText(
    '2 champs modifiés : Permis de conduire B, Nature du logement.',
  );
  await dsp.save();

  await expect(history.versions().getByRole('row')).toHaveCount(3);
  await history.compare(1, 2);
  await expect(history.comparison()).toBeVisible();
  await expect(history.changedRows()).toHaveCount(2);
  await expect(history.changedRows().nth(0)).toContainText('Permis de conduire B');
  await expect(history.changedRows().nth(0)).toContainText('NonOui');
  await expect(history.changedRows().nth(1)).toContainText('Nature du logement');
  await expect(history.changedRows().nth(1)).toContainText('Chez un parent ou un tiersLogement autonome individuel');
  await expect(page.getByText('2 champs modifiés entre la version 1 et la version 2.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'LEFÈVRE Hélène' }).click();
  await expect(section(page, 'Données socio-professionnelles (DSP)')).toContainText('Version 2 enregistrée le');
  expect(await seriousViolations(page)).toEqual([]);
});

test('EDE au clavier seul : 18 points proposent la décision de l’EP/EO ; 17 points proposent le Pôle Emploi ; évolution', async ({ page, host }) => {
  await startWithDossier(page, host);
  await expect(section(page, 'Échelle de distance à l’emploi (EDE)')).toContainText('EDE manquante');
  await section(page, 'Échelle de distance à l’emploi (EDE)').getByRole('link', { name: 'Nouvelle EDE' }).click();
  const ede = new EdeWizardPage(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouvelle EDE de LEFÈVRE Hélène');
  await expect(ede.item(1)).toBeVisible();

  // Keyboard only: Tab into each item's paliers, Space picks palier 1, the arrows move to the palier wanted.
  const paliers18 = [3, 3, 3, 1, 1, 1, 1, 2];
  const chooseByKeyboard = async (item: number, palier: number) => {
    await tabTo(page, ede.palier(item, 1));
    await page.keyboard.press('Space');
    for (let p = 1; p < palier; p += 1) await page.keyboard.press('ArrowRight');
    await expect(ede.palier(item, palier)).toBeChecked();
  };
  for (let i = 1; i <= 4; i += 1) await chooseByKeyboard(i, paliers18[i - 1]!);
  await expect(ede.liveScore()).toContainText('Total provisoire : 13 points (4 items renseignés sur 8)');
  await tabTo(page, page.getByRole('button', { name: 'Suivant', exact: true }));
  await page.keyboard.press('Enter');
  await expect(ede.stepHeading()).toHaveText('Étape 2 sur 3 : items 5 à 8');
  await expect(ede.stepHeading()).toBeFocused();
  for (let i = 5; i <= 8; i += 1) await chooseByKeyboard(i, paliers18[i - 1]!);
  await expect(ede.liveScore()).toContainText(
    'Total : 18 points — Proposition : Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation',
  );
  await tabTo(page, page.getByRole('button', { name: 'Suivant', exact: true }));
  await page.keyboard.press('Enter');
  await expect(ede.stepHeading()).toHaveText('Étape 3 sur 3 : synthèse et enregistrement');
  await expect(page.getByRole('img', { name: 'Courbe de l’EDE en cours de saisie' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Enregistrer l’EDE' }), 60);
  await page.keyboard.press('Enter');
  await expect(ede.result()).toContainText('Total18 points');
  await expect(ede.result()).toContainText('Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation');

  // A second assessment, with the mouse, giving 17 points: axe on each step.
  await page.getByRole('link', { name: 'LEFÈVRE Hélène' }).click();
  await expect(section(page, 'Échelle de distance à l’emploi (EDE)')).toContainText('18 points');
  await section(page, 'Échelle de distance à l’emploi (EDE)').getByRole('link', { name: 'Nouvelle EDE' }).click();
  await expect(ede.item(1)).toBeVisible();
  const paliers17 = [3, 3, 3, 1, 1, 1, 1, 1];
  for (let i = 0; i < 4; i += 1) await ede.choose(i + 1, paliers17[i]!);
  expect(await seriousViolations(page)).toEqual([]);
  await ede.next();
  await expect(ede.stepHeading()).toHaveText('Étape 2 sur 3 : items 5 à 8');
  for (let i = 4; i < 8; i += 1) await ede.choose(i + 1, paliers17[i]!);
  await expect(ede.liveScore()).toContainText('Total : 17 points — Proposition : Orientation professionnelle France Travail (ex-Pôle Emploi)');
  expect(await seriousViolations(page)).toEqual([]);
  await ede.next();
  await expect(page.getByRole('region', { name: 'Items en couleur et thèmes du plan d’action' })).toContainText(
    'Thèmes à travailler dans le contrat : A – Le logement, B – La santé, C – La parentalité.',
  );
  expect(await seriousViolations(page)).toEqual([]);
  await ede.save();
  await expect(ede.result()).toContainText('Total17 points');
  await expect(ede.result()).toContainText('PropositionOrientation professionnelle France Travail (ex-Pôle Emploi)');
  expect(await seriousViolations(page)).toEqual([]);

  // Evolution between the two: the curves overlaid, the deltas per item and in total.
  await page.getByRole('link', { name: 'Toutes les EDE et leur évolution' }).click();
  await ede.compare('(18 points)', '(17 points)');
  const deltas = page.getByRole('table', { name: 'Écarts par item entre les deux évaluations' });
  await expect(deltas.getByRole('row').filter({ hasText: 'Mobilité' })).toContainText('2121−1Amélioration');
  await expect(deltas.getByRole('row').filter({ hasText: 'Total' })).toContainText('1817−1Amélioration');
  await expect(page.getByRole('list', { name: 'Légende de la courbe' })).toContainText('(pointillés, carrés)');
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'LEFÈVRE Hélène' }).click();
  await expect(section(page, 'Échelle de distance à l’emploi (EDE)')).toContainText('17 points');
  await expect(section(page, 'Orientation')).toContainText('Proposition : Orientation professionnelle France Travail (ex-Pôle Emploi)');
  expect(await seriousViolations(page)).toEqual([]);
});

test('une orientation professionnelle fait apparaître sur le dossier l’échéance du contrat un mois plus tard ; droits et devoirs', async ({ page, host }) => {
  await startWithDossier(page, host);
  // Reference data and a correspondent, by the administrator.
  await new UsersAdminPage(page).createAccount({
    login: 'c.petit',
    displayName: 'Claire Petit',
    role: 'Correspondant SLAI',
    structure: 'SLAI d’Arras',
    password: 'mot-de-passe-solide',
  });
  const organismes = new OrganismesAdminPage(page);
  await organismes.open();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Organismes référents et référents');
  await organismes.addOrganisme({ name: 'Pôle Emploi Arras', type: 'France Travail (ex-Pôle Emploi)', address: '5 place de la Gare, 62000 Arras', telephone: '03 21 11 22 33' });
  await organismes.addOrganisme({ name: 'CCAS d’Arras', type: 'Organisme de la sphère solidarité' });
  await organismes.addReferent({ name: 'Paul Conseiller', organisme: 'Pôle Emploi Arras' });
  await expect(page.getByRole('table', { name: 'Organismes référents' })).toContainText('Pôle Emploi Arras');
  await expect(page.getByRole('table', { name: 'Référents', exact: true })).toContainText('Paul Conseiller');
  expect(await seriousViolations(page)).toEqual([]);

  await new BeneficiariesPage(page).open();
  await new BeneficiariesPage(page).type('lefevre');
  await new BeneficiariesPage(page).resultLink(/LEFÈVRE.*Hélène/).click();
  await section(page, 'Orientation').getByRole('link', { name: 'Décider de l’orientation' }).click();
  const decision = new OrientationDecisionPage(page);
  await expect(decision.proposal()).toContainText('Orientation solidarité');
  await expect(decision.proposal()).toContainText('En l’absence d’élément');
  expect(await seriousViolations(page)).toEqual([]);

  const deadline = format(addMonths(new Date(), 1), 'dd/MM/yyyy');
  await decision.decide({
    orientation: 'Orientation professionnelle France Travail (ex-Pôle Emploi)',
    organisme: 'Pôle Emploi Arras',
    referent: 'Paul Conseiller',
    correspondant: /^Claire Petit/,
    motif: 'Projet professionnel défini, recherche d’emploi active.',
  });
  await expect(decision.deadlinePreview()).toContainText(`à conclure au plus tard le ${deadline} (1 mois après la décision)`);
  expect(await seriousViolations(page)).toEqual([]);
  await decision.save();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('LEFÈVRE Hélène');
  const orientation = section(page, 'Orientation');
  await expect(orientation.getByTestId('contract-deadline')).toContainText(`Contrat à conclure au plus tard le ${deadline}`);
  await expect(orientation.getByTestId('contract-deadline')).toContainText('Projet personnalisé d’accès à l’emploi (PPAE)');
  await expect(orientation.getByRole('list', { name: 'Périodes d’orientation' })).toContainText(
    `Depuis le ${format(new Date(), 'dd/MM/yyyy')} : Orientation professionnelle France Travail (ex-Pôle Emploi) — Pôle Emploi Arras (en cours)`,
  );
  expect(await seriousViolations(page)).toEqual([]);

  // Droits et devoirs: the inputs, the live status, then the dossier shows the status, the inputs and the rule.
  await orientation.getByRole('link', { name: 'Modifier les ressources et les revenus' }).click();
  const droits = new DroitsDevoirsPage(page);
  await droits.fill({ resources: '320,00', activity: 'Oui', income: '150' });
  await expect(droits.preview()).toContainText('accompagnement obligatoire (soumis aux droits et devoirs)');
  expect(await seriousViolations(page)).toEqual([]);
  await droits.save();
  const status = section(page, 'Orientation').getByRole('region', { name: 'Droits et devoirs' });
  await expect(status.getByTestId('droits-devoirs-status')).toHaveText('Soumis aux droits et devoirs : accompagnement obligatoire.');
  await expect(status).toContainText('320,00 €');
  await expect(status).toContainText('Activité professionnelle, 150,00 € nets par mois');
  await expect(status).toContainText('Règle appliquée');
});
