import type { Locator, Page } from '@playwright/test';

export interface DossierData {
  cafNumber: string;
  situationFamiliale: string; // label, e.g. 'Célibataire'
  address: { line1: string; postalCode: string; city: string };
  person: { nomPatronymique: string; prenoms: string; sexe: 'Femme' | 'Homme'; dateNaissance: string /* jj/mm/aaaa */ };
}

/** Create / edit form of a dossier (regions Foyer, Personne, Conjoint). */
export class DossierFormPage {
  constructor(private readonly page: Page) {}

  region(name: 'Foyer' | 'Personne' | 'Conjoint'): Locator {
    return this.page.getByRole('region', { name, exact: true });
  }

  async typeDate(group: Locator, ddmmyyyy: string): Promise<void> {
    await group.getByRole('spinbutton').first().click();
    await this.page.keyboard.type(ddmmyyyy.replace(/\//g, ''));
  }

  async fill(data: DossierData): Promise<void> {
    const foyer = this.region('Foyer');
    await foyer.getByLabel('N° allocataire CAF', { exact: true }).fill(data.cafNumber);
    await foyer.getByLabel('Situation familiale', { exact: true }).selectOption({ label: data.situationFamiliale });
    await foyer.getByLabel('Adresse', { exact: true }).fill(data.address.line1);
    await foyer.getByLabel('Code postal', { exact: true }).fill(data.address.postalCode);
    await foyer.getByLabel('Commune', { exact: true }).fill(data.address.city);
    const person = this.region('Personne');
    await person.getByLabel('Nom patronymique', { exact: true }).fill(data.person.nomPatronymique);
    await person.getByLabel('Prénoms', { exact: true }).fill(data.person.prenoms);
    await person.getByRole('radio', { name: data.person.sexe, exact: true }).check();
    await this.typeDate(person.getByRole('group', { name: 'Date de naissance', exact: true }), data.person.dateNaissance);
  }

  async create(): Promise<void> {
    await this.page.getByRole('button', { name: 'Créer le dossier' }).click();
  }
}
