import type { Locator, Page } from '@playwright/test';

/** The « Rendez-vous » section of a dossier: plan, print the convocation, record the presence, the suspension proposal. */
export class AppointmentsSectionPage {
  constructor(private readonly page: Page) {}

  async openDossierByCaf(caf: string): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Bénéficiaires' }).click();
    await this.page.getByRole('searchbox').fill(caf);
    await this.page.getByRole('link', { name: new RegExp(caf) }).or(this.page.getByRole('row').filter({ hasText: caf }).getByRole('link')).first().click();
    await this.page.getByRole('tab', { name: 'Rendez-vous' }).or(this.page.getByRole('link', { name: 'Rendez-vous', exact: true })).first().click();
  }

  upcoming(): Locator {
    return this.page.getByRole('region', { name: 'À venir', exact: true });
  }

  past(): Locator {
    return this.page.getByRole('region', { name: 'Passés et annulés', exact: true });
  }

  async plan(o: { dateFr: string; time: string; place: string; object: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'Planifier un rendez-vous' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Planifier un rendez-vous' });
    await dialog.getByRole('group', { name: 'Date du rendez-vous' }).getByRole('spinbutton').first().click();
    await this.page.keyboard.type(o.dateFr.replace(/\//g, ''));
    await dialog.getByLabel('Heure').fill(o.time);
    await dialog.getByLabel('Lieu').fill(o.place);
    await dialog.getByLabel('Objet').fill(o.object);
    await dialog.getByRole('button', { name: 'Planifier' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  async printConvocation(whenFr: string): Promise<void> {
    await this.page.getByRole('button', { name: `Imprimer la convocation du ${whenFr}` }).click();
  }

  archivedConvocation(whenFr: string): Locator {
    return this.page.getByRole('link', { name: `Voir la convocation archivée du ${whenFr}` });
  }

  /** Records « Absent non excusé » (or another outcome) for the rendez-vous whose button names `whenFr`. */
  async recordOutcome(whenFr: RegExp | string, outcome = 'Absent non excusé'): Promise<void> {
    await this.page.getByRole('button', { name: typeof whenFr === 'string' ? `Enregistrer la présence au rendez-vous du ${whenFr}` : whenFr }).first().click();
    const dialog = this.page.getByRole('dialog', { name: /^Présence au rendez-vous du/ });
    await dialog.getByRole('radio', { name: outcome, exact: true }).check();
    await dialog.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  suspensionButton(): Locator {
    return this.page.getByRole('button', { name: 'Préparer la demande de suspension' });
  }
}
