import type { Locator, Page } from '@playwright/test';
import { BeneficiariesPage } from './beneficiaries.page';

/**
 * The « Rendez-vous » section of a dossier page (renderer/src/screens/appointments/): plan, print the convocation,
 * record the presence, the suspension proposal. Rendez-vous are named « jj/mm/aaaa à hh h mm » on their buttons.
 */
export class AppointmentsSectionPage {
  constructor(private readonly page: Page) {}

  /** Finds the dossier through the Bénéficiaires search, opens it and shows its « Rendez-vous » section. */
  async openDossierByCaf(caf: string): Promise<void> {
    const beneficiaries = new BeneficiariesPage(this.page);
    await beneficiaries.type(caf);
    await beneficiaries.results().getByRole('row').filter({ hasText: caf }).getByRole('link').first().click();
    await this.section().scrollIntoViewIfNeeded();
  }

  section(): Locator {
    return this.page.getByRole('region', { name: 'Rendez-vous', exact: true });
  }

  upcoming(): Locator {
    return this.section().getByRole('region', { name: 'À venir', exact: true });
  }

  past(): Locator {
    return this.section().getByRole('region', { name: 'Passés et annulés', exact: true });
  }

  async plan(o: { dateFr: string; time: string; place: string; object: string }): Promise<void> {
    await this.section().getByRole('button', { name: 'Planifier un rendez-vous' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Planifier un rendez-vous' });
    await dialog.getByRole('group', { name: /^Date du rendez-vous/ }).getByRole('spinbutton').first().click();
    await this.page.keyboard.type(o.dateFr.replace(/\//g, ''));
    await dialog.getByRole('textbox', { name: 'Heure' }).fill(o.time);
    await dialog.getByRole('textbox', { name: 'Lieu' }).fill(o.place);
    await dialog.getByRole('textbox', { name: 'Objet' }).fill(o.object);
    await dialog.getByRole('button', { name: 'Planifier', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  /** Prints (archives) the convocation, shown in the document viewer, then comes back to the section. */
  async printConvocation(whenFr: string): Promise<void> {
    const dossierUrl = this.page.url();
    await this.section().getByRole('button', { name: `Imprimer la convocation du ${whenFr}` }).click();
    await this.page.waitForURL((url) => url.toString() !== dossierUrl && /\/documents\/\d+/.test(url.hash));
    await this.page.goBack();
    await this.section().scrollIntoViewIfNeeded();
  }

  archivedConvocation(whenFr: string): Locator {
    return this.section().getByRole('link', { name: `Voir la convocation archivée du ${whenFr}` });
  }

  /** Records « Absent non excusé » (or another outcome) for the rendez-vous whose button names `whenFr`. */
  async recordOutcome(whenFr: RegExp | string, outcome = 'Absent non excusé'): Promise<void> {
    await this.section()
      .getByRole('button', { name: typeof whenFr === 'string' ? `Enregistrer la présence au rendez-vous du ${whenFr}` : whenFr })
      .first()
      .click();
    const dialog = this.page.getByRole('dialog', { name: /^Présence au rendez-vous du/ });
    await dialog.getByRole('radio', { name: outcome, exact: true }).check();
    await dialog.getByRole('button', { name: 'Enregistrer la présence' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }

  suspensionButton(): Locator {
    return this.section().getByRole('button', { name: 'Préparer la demande de suspension' });
  }
}
