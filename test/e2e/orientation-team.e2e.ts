import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { seriousViolations } from './pages/contracts.page';
import { CORRESPONDANT, REFERENT, loginAs, logout, todayFr } from './pages/contracts-setup.page';
import { FichePage, FichesInboxPage } from './pages/fiches.page';
import { OrientationDecisionPage } from './pages/interview-orientation.page';
import { OrientationTeamPage, PresidentPartSection, seedOrientationTeamWorld, tabTo } from './pages/orientation-team.page';

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

const SOLIDARITE = 'Orientation solidarité';
const PLIE = 'Orientation professionnelle autre que France Travail (ex-Pôle Emploi)';

test('le correspondant enregistre les préconisations de l’équipe d’orientation pour deux dossiers, décide autrement pour l’un avec le motif de l’écart ; la partie réservée au Président d’une fiche d’actions CG', async ({
  page,
  host,
}) => {
  const world = await seedOrientationTeamWorld(page, host.url);
  const alice = world.people.a!;
  const hugo = world.people.b!;
  await loginAs(page, CORRESPONDANT.login);

  // The batch page, from the navigation: both dossiers wait, with their EDE between the thresholds.
  const team = new OrientationTeamPage(page);
  await team.open();
  await expect(team.row(alice.name)).toContainText('18 points');
  await expect(team.row(alice.name)).toContainText('Orientation à décider par l’Équipe pluridisciplinaire ou l’Équipe d’orientation');
  await expect(team.row(hugo.name)).toContainText('18 points');
  await expect(team.preconisation(alice.name)).toBeDisabled();
  await expectAccessible(page);

  // Without a préconisation, the decision page sends the correspondent back to the équipe d’orientation.
  await team.row(hugo.name).getByRole('link', { name: hugo.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Orientation de ${hugo.name}`);
  const eoRequired = page.getByTestId('eo-required');
  await expect(eoRequired).toContainText('renvoie l’orientation à l’équipe d’orientation : enregistrez d’abord sa préconisation.');
  await eoRequired.getByRole('link', { name: 'Équipe d’orientation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Équipe d’orientation');

  await team.meeting('Équipe d’orientation de l’Arrageois', 'Séance mensuelle du SLAI');
  await team.examineByKeyboard(alice.name, 'Orientation s');
  await expect(team.preconisation(alice.name)).toHaveValue('solidarite');
  await team.examineByKeyboard(hugo.name, 'Orientation s');
  await expect(team.preconisation(hugo.name)).toHaveValue('solidarite');
  await expect(page.getByRole('status').filter({ hasText: 'dossiers cochés' })).toHaveText('2 dossiers cochés');
  await expect(team.submitButton()).toHaveText('Enregistrer les préconisations (2)');
  await expectAccessible(page);
  await tabTo(page, team.submitButton());
  await page.keyboard.press('Enter');
  await expect(page.getByText('2 préconisations enregistrées : la décision peut être prise sur chaque dossier.')).toBeVisible();
  // The list is read again: the préconisations wait for the decisions.
  await expect(team.row(alice.name)).toContainText(`${SOLIDARITE} (${todayFr()})`);
  await expect(team.row(hugo.name)).toContainText(`${SOLIDARITE} (${todayFr()})`);
  await expect(team.submitButton()).toHaveText('Enregistrer les préconisations (0)');

  // The decision for Alice differs from the préconisation: the « Motif de l’écart » is required.
  await team.row(alice.name).getByRole('link', { name: alice.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Orientation de ${alice.name}`);
  const decision = new OrientationDecisionPage(page);
  await expect(decision.proposal()).toContainText(`${SOLIDARITE} — Équipe d’orientation de l’Arrageois, le ${todayFr()} (Séance mensuelle du SLAI)`);
  await expect(decision.form().getByRole('radio', { name: SOLIDARITE, exact: true })).toBeChecked();
  await decision.decide({ orientation: PLIE, organisme: 'PLIE de l’Arrageois', correspondant: /^Claire Petit/, motif: 'Projet professionnel construit avec le PLIE.' });
  const reason = decision.form().getByRole('textbox', { name: 'Motif de l’écart' });
  await expect(page.getByTestId('divergence-warning')).toContainText(`La décision choisie (${PLIE}) diffère de la référence`);
  await decision.save();
  const refused = `La décision (${PLIE}) diffère de la préconisation de l’équipe d’orientation (${SOLIDARITE}) : indiquez le motif de l’écart.`;
  await expect(reason).toHaveAccessibleDescription(new RegExp(refused.replace(/[()]/g, '\\$&')));
  await expect(reason).toBeFocused();
  await expect(page.getByRole('alert').filter({ hasText: refused }).first()).toBeVisible();
  await expectAccessible(page);
  await reason.fill('Inscription au PLIE déjà engagée par la bénéficiaire.');
  await decision.save();

  // The dossier’s Orientation card: the decision, the préconisation it departs from and why.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(alice.name);
  const card = page.getByRole('region', { name: 'Orientation', exact: true });
  await expect(card).toContainText(PLIE);
  await expect(card).toContainText(`Préconisation de l’EO${SOLIDARITE}`);
  await expect(card).toContainText('Équipe d’orientation de l’Arrageois');
  await expect(card).toContainText('Motif de l’écartInscription au PLIE déjà engagée par la bénéficiaire.');
  await expect(card.getByRole('link', { name: 'Réorienter' })).toBeVisible();
  await expectAccessible(page);

  // Back on the batch page, only Hugo still waits.
  await team.open();
  await expect(team.row(hugo.name)).toBeVisible();
  await expect(team.table().getByRole('rowheader', { name: alice.name })).toHaveCount(0);

  // The Président’s part of Hugo’s request for actions CG, once the correspondent has accepted it.
  const inbox = new FichesInboxPage(page);
  await inbox.open();
  await inbox.row(hugo.name).getByRole('link').first().click();
  const fiche = new FichePage(page);
  await expect(fiche.state()).toHaveText('État : Envoyée au correspondant');
  await fiche.answer('Accepter la demande', 'Accompagnement social pertinent.');
  await expect(fiche.state()).toHaveText('État : Acceptée par le correspondant');
  const president = new PresidentPartSection(page);
  await expect(president.section()).toContainText('En attente de la décision du Président');
  await president.decide('Accord');
  await president.structure().fill('');
  await president.save();
  await expect(president.structure()).toHaveAccessibleDescription(/structure désignée/i);
  await expectAccessible(page);
  await president.structure().fill('MDS de l’Arrageois, 10 rue de la Paix, Arras — Mme Leclerc, 03 21 00 00 00');
  await president.save();
  await expect(president.section()).toContainText(`Accord du ${todayFr()}`);
  await expect(president.section()).toContainText('Structure désignéeMDS de l’Arrageois, 10 rue de la Paix, Arras — Mme Leclerc, 03 21 00 00 00');
  await expect(president.section()).toContainText('Par délégation, Claire Petit, Chef du Service Local Allocation Insertion');
  await expect(president.form()).toHaveCount(0);
  await expect(president.section()).not.toContainText('En attente de la décision du Président');
  const ficheUrl = page.url();

  // The référent reads it, without the form.
  await logout(page);
  await loginAs(page, REFERENT.login);
  await page.goto(ficheUrl);
  await expect(president.section()).toContainText(`Accord du ${todayFr()}`);
  await expect(president.section()).toContainText('Structure désignéeMDS de l’Arrageois, 10 rue de la Paix, Arras — Mme Leclerc, 03 21 00 00 00');
  await expect(president.form()).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Enregistrer la décision du Président' })).toHaveCount(0);
  await expectAccessible(page);
});
