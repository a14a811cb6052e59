import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { EpHomePage, EpSessionFormPage, EpSessionPage, EpTeamPage, seriousViolations } from './pages/ep.page';
import { SECRETAIRE, loginAs, seedEpWorld, todayFr } from './pages/ep-setup.page';

async function expectAccessible(page: Page): Promise<void> {
  expect(await seriousViolations(page)).toEqual([]);
}

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });

test('une secrétaire d’EP constitue l’équipe, prépare la séance (trois saisines), imprime le dossier, relève la présence, les avis et les décisions ; les dossiers en montrent l’effet', async ({
  page,
  host,
}) => {
  test.setTimeout(240_000);
  const world = await seedEpWorld(page, host.url);
  await loginAs(page, SECRETAIRE.login);

  // The EP of the territory.
  const home = new EpHomePage(page);
  await home.open();
  await expect(page.getByText(/pas encore constituée/)).toBeVisible();
  await expect(home.queue().getByRole('row')).toHaveCount(4);
  await expect(home.queue()).toContainText('Demande de réorientation (fiche de liaison)');
  await expect(home.queue()).toContainText('Demande de suspension (fiche de liaison)');
  await expect(home.queue()).toContainText('Suivi solidarité arrivé à 12 mois (CERS)');
  // The CERS saisine is the oldest: its deadline comes first and is flagged in words.
  await expect(home.queue().getByRole('row').nth(1)).toContainText('GIRARD');
  await expect(home.queue().getByRole('row').nth(1)).toContainText(/Délai d’avis dépassé|Avis à rendre sous 7 jours|Dans les temps/);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Composition de l’équipe' }).click();
  const team = new EpTeamPage(page);
  await team.name('Équipe pluridisciplinaire de l’Arrageois');
  await expect(page.getByRole('button', { name: 'Ajouter un membre' })).toBeVisible();
  await page.getByRole('button', { name: 'Ajouter un membre' }).click();
  await team.dialog().getByRole('button', { name: 'Ajouter le membre' }).click();
  await expect(team.dialog().getByRole('textbox', { name: 'Nom du membre' })).toHaveAccessibleDescription(/ce champ est obligatoire/);
  await expectAccessible(page);
  await team.dialog().getByRole('button', { name: 'Annuler' }).click();
  await team.addMember({ name: 'Jean Conseiller', function: 'Conseiller général', organisation: 'Conseil général', president: true });
  await team.addMember({ name: 'Marie Solidarité', function: 'Responsable de MDS', organisation: 'Maison du Département Solidarité (MDS)' });
  await team.addMember({ name: 'Claude Caf', function: 'Conseiller CAF', organisation: 'CAF', substitute: 'Dominique Suppléant' });
  await expect(team.members().getByRole('row')).toHaveCount(4);
  await expect(team.members()).toContainText('Président de l’équipe');
  await expectAccessible(page);

  // A new session.
  await home.open();
  await page.getByRole('link', { name: 'Nouvelle séance' }).click();
  const form = new EpSessionFormPage(page);
  await form.create();
  await expect(page.getByRole('textbox', { name: 'Lieu', exact: true })).toHaveAccessibleDescription(/ce champ est obligatoire/);
  await form.fill({ date: todayFr(), place: 'Salle du conseil, MDS d’Arras', startTime: '09:00' });
  await expectAccessible(page);
  await form.create();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Séance du ${todayFr()}`);
  const session = new EpSessionPage(page);
  await expect(session.state()).toHaveText('État : Créée');
  await expect(session.blockers()).toContainText('Inscrivez au moins un dossier');
  await expect(page.getByRole('button', { name: 'Arrêter l’ordre du jour' })).toBeDisabled();
  await expectAccessible(page);

  await session.inscribe([/^Inscrire LEBRUN Lucie/, /^Inscrire FONTAINE Marc/, /^Inscrire GIRARD Nina/]);
  const agenda = session.agenda();
  await expect(agenda.getByRole('row')).toHaveCount(4);
  // Two cases per 30-minute slot from 09:00.
  await expect(agenda.getByRole('textbox', { name: 'Horaire de passage de GIRARD Nina' }).or(agenda.getByLabel('Horaire de passage de GIRARD Nina'))).toHaveValue('09:00');
  await expect(agenda.getByLabel(/Horaire de passage de/)).toHaveCount(3);
  const slots = await agenda.getByLabel(/Horaire de passage de/).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
  expect(slots.sort()).toEqual(['09:00', '09:00', '09:30']);
  await expectAccessible(page);
  await session.advance('Arrêter l’ordre du jour');
  await expect(session.state()).toHaveText('État : Dossiers inscrits');

  // Convocations and the session file.
  await page.getByRole('button', { name: 'Afficher les convocations' }).click();
  await expect(page.getByRole('article', { name: 'Convocation de Jean Conseiller' })).toBeVisible();
  await expect(page.getByRole('article', { name: /Lettre d’information de .*FONTAINE/i })).toBeVisible();
  await expectAccessible(page);
  const full = pdfText(await session.downloadFile(false));
  expect(full.toUpperCase()).toContain('ORDRE DU JOUR');
  for (const nom of ['LEBRUN', 'FONTAINE', 'GIRARD']) expect(full.toUpperCase()).toContain(nom);
  expect(full.toUpperCase()).toContain('DOSSIER N° 3');
  const anonymised = pdfText(await session.downloadFile(true));
  expect(anonymised.toUpperCase()).toContain('ORDRE DU JOUR');
  for (const nom of ['LEBRUN', 'FONTAINE', 'GIRARD']) expect(anonymised.toUpperCase()).not.toContain(nom);

  await session.advance('Marquer les convocations comme envoyées');
  await expect(session.state()).toHaveText('État : Convocations envoyées');
  await session.advance('Déclarer la séance tenue');
  await expect(session.state()).toHaveText('État : Tenue');

  // Attendance with the quorum.
  await session.attendance('Jean Conseiller', 'Présent');
  await session.attendance('Marie Solidarité', 'Excusé');
  await expect(page.getByText(/Quorum non atteint : 1 membre présent/)).toBeVisible();
  await session.attendance('Claude Caf', 'Remplacé', 'Dominique Suppléant');
  await expect(page.getByText(/Quorum atteint : 2 membres présents/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Enregistrer la présence' }).click();
  await expect(page.getByText('Présence enregistrée.')).toBeVisible();

  // Avis.
  await expect(page.getByRole('button', { name: 'Clore les avis' })).toBeDisabled();
  await expect(session.blockers()).toContainText('3 dossiers sans avis');
  await session.avis(/LEBRUN Lucie/, 'Favorable', 'Projet professionnel construit : orientation vers le PLIE.');
  await session.avis(/FONTAINE Marc/, 'Favorable', 'Absences répétées sans justification.');
  await session.avis(/GIRARD Nina/, 'Favorable', 'Douze mois de suivi solidarité : orientation professionnelle.');
  await expectAccessible(page);
  await session.advance('Clore les avis');
  await expect(session.state()).toHaveText('État : Avis rendus');

  // The Président's decisions.
  const reo = session.caseRegion(/LEBRUN Lucie/);
  await reo.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(reo.getByRole('combobox', { name: 'Organisme référent' })).toHaveAccessibleDescription(/organisme référent/i);
  await reo.getByRole('combobox', { name: 'Organisme référent' }).selectOption({ label: 'PLIE de l’Arrageois' });
  await reo.getByRole('combobox', { name: 'Correspondant' }).selectOption({ label: 'Claire Petit (SLAI de l’Arrageois)' });
  await expectAccessible(page);
  await reo.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(reo).toContainText('Nouvelle orientation : Orientation professionnelle autre que France Travail (ex-Pôle Emploi)');
  await expect(reo).toContainText(/à conclure avant le \d{2}\/\d{2}\/\d{4}/);

  const cers = session.caseRegion(/GIRARD Nina/);
  await cers.getByRole('combobox', { name: 'Orientation décidée' }).selectOption({ label: 'Orientation professionnelle autre que France Travail (ex-Pôle Emploi)' });
  await cers.getByRole('combobox', { name: 'Organisme référent' }).selectOption({ label: 'PLIE de l’Arrageois' });
  await cers.getByRole('combobox', { name: 'Correspondant' }).selectOption({ label: 'Claire Petit (SLAI de l’Arrageois)' });
  await cers.getByRole('button', { name: 'Enregistrer la décision' }).click();
  await expect(cers).toContainText('Nouvelle orientation : Orientation professionnelle autre que France Travail (ex-Pôle Emploi)');

  const susp = session.caseRegion(/FONTAINE Marc/);
  await susp.getByRole('button', { name: 'Enregistrer la décision' }).click();
  const schedule = susp.getByRole('table', { name: /Échéancier de la sanction/ });
  await expect(schedule).toBeVisible();
  await expect(schedule.getByRole('row').nth(1)).toContainText('100,00 €');
  await expect(schedule).toContainText('Suspension totale');
  await expectAccessible(page);
  await session.advance('Valider les décisions enregistrées');
  await expect(session.state()).toHaveText('État : Décisions enregistrées');

  // The dossiers show the outcome.
  const base = page.url().split('#')[0];
  await page.goto(`${base}#/beneficiaires/${world.people.reo.personId}`);
  const reoSection = page.getByRole('region', { name: 'Équipes pluridisciplinaires' });
  await expect(reoSection).toContainText('Nouvelle orientation : Orientation professionnelle autre que France Travail (ex-Pôle Emploi)');
  await expect(reoSection).toContainText('Décidée par le Président');
  await expect(reoSection).toContainText(/à conclure avant le \d{2}\/\d{2}\/\d{4}/);
  // The new orientation is the dossier's current one.
  await expect(page.getByRole('region', { name: 'Orientation', exact: true })).toContainText('Orientation professionnelle autre que France Travail (ex-Pôle Emploi)');
  await expectAccessible(page);
  await page.goto(`${base}#/beneficiaires/${world.people.susp.personId}`);
  const suspSection = page.getByRole('region', { name: 'Équipes pluridisciplinaires' });
  const suspSchedule = suspSection.getByRole('table', { name: /Échéancier de la sanction/ });
  await expect(suspSchedule).toBeVisible();
  await expect(suspSchedule.getByRole('row').nth(1)).toContainText('100,00 €');
  await expectAccessible(page);
});
