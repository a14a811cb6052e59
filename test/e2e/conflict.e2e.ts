/**
 * Several people on the same record (issue 14 §4): two browser contexts, the référent and the correspondent of the
 * same MDS, edit the same CERS draft. The référent saves first; the correspondent's save, based on the version she
 * opened, is refused: the notice names the référent and the time, lists the differences, and her input stays.
 * « Garder mes saisies » then saves knowingly over the new version.
 */
import { expect, test } from './fixtures';
import { editObjectifsAndSave, endAfter, openWizard } from './pages/conflict.page';
import { CORRESPONDANT, PASSWORD, REFERENT, loginAs, seedWorld, todayIso } from './pages/contracts-setup.page';

test('deux postes modifient le même CERS : le second voit qui l’a modifié, quand, les différences, et garde sa saisie', async ({ page, host, browser }) => {
  const world = await seedWorld(page, host.url, [{ key: 'cers', nom: 'Lefèvre', prenom: 'Hélène', caf: '1234567', orientation: 'solidarite' }]);
  const person = world.people.cers!;
  const start = todayIso();
  const end = endAfter(start, 6);
  const referentSession = await world.api.login(REFERENT.login, PASSWORD);
  const draft = await world.api.call<{ id: number }>(
    'contracts.create',
    {
      personId: person.personId,
      type: 'CERS',
      start,
      durationMonths: 6,
      objectifs: 'Objectif de départ',
      resultatsAttendus: 'Un bail signé avant la fin du contrat',
      pap: {
        actions: [
          {
            theme: 'A',
            actionCode: 'A.1.1',
            start,
            end,
            engagementReferent: 'Solliciter l’accompagnement social lié au logement',
            engagementBeneficiaire: 'Se rendre aux rendez-vous du FSL',
          },
        ],
      },
      referent: { lieuSuivi: 'MDS d’Arras', prochainsRendezVous: [] },
      cerp: null,
      suiviEmploi: [],
    },
    referentSession,
  );

  // Desk 1: the référent. Desk 2 (another browser context): the correspondent. Both open version n.
  await loginAs(page, REFERENT.login);
  const referentWizard = await openWizard(page, draft.id);
  const other = await browser.newContext();
  try {
    const page2 = await other.newPage();
    await page2.goto(host.url);
    await loginAs(page2, CORRESPONDANT.login);
    const correspondentWizard = await openWizard(page2, draft.id);

    await editObjectifsAndSave(page, referentWizard, 'Objectif fixé par le référent');
    await expect(page.getByRole('heading', { level: 1, name: `CERS de ${person.name}` })).toBeVisible();

    await editObjectifsAndSave(page2, correspondentWizard, 'Objectif proposé par la correspondante');
    const table = page2.getByRole('table', { name: 'Différences avec la version enregistrée' });
    await expect(table).toBeVisible();
    const notice = page2.getByRole('alert').filter({ has: table });
    await expect(notice).toContainText(new RegExp(`Modifié par ${REFERENT.displayName} à \\d{2}:\\d{2}\\.`));
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText('Objectif(s) de l’accompagnement');
    await expect(table.getByRole('row').nth(1)).toContainText('Objectif proposé par la correspondante');
    await expect(table.getByRole('row').nth(1)).toContainText('Objectif fixé par le référent');
    // Her input is kept: still on the recap, nothing reset; the saved contract still holds the référent's text.
    await expect(correspondentWizard.stepHeading()).toContainText('Étape 5 sur 5');
    const saved = await world.api.call<{ objectifs: string; version: number }>('contracts.get', { contractId: draft.id }, referentSession);
    expect(saved.objectifs).toBe('Objectif fixé par le référent');

    // « Garder mes saisies »: the next save overwrites knowingly.
    await notice.getByRole('button', { name: 'Garder mes saisies' }).click();
    await expect(table).toHaveCount(0);
    await page2.getByRole('button', { name: 'Enregistrer le contrat' }).click();
    await expect(page2.getByRole('heading', { level: 1, name: /^CERS de / })).toBeVisible();
    const after = await world.api.call<{ objectifs: string; version: number }>('contracts.get', { contractId: draft.id }, referentSession);
    expect(after).toMatchObject({ objectifs: 'Objectif proposé par la correspondante', version: saved.version + 1 });
  } finally {
    await other.close();
  }
});
