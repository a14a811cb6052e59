import type { Locator, Page } from '@playwright/test';

/** « Mon activité » (the home page): one section per kind of work, each with its count linking to its list. */
export class DeskPage {
  constructor(private readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.goto(new URL('/', this.page.url()).toString());
    await this.heading().waitFor();
  }

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Mon activité' });
  }

  sections(): Locator {
    return this.page.locator('main section[aria-labelledby^="desk-"]');
  }

  section(title: string): Locator {
    return this.page.getByRole('region', { name: title, exact: true });
  }

  /** The titles of the sections, in order. */
  async titles(): Promise<string[]> {
    return this.sections().getByRole('heading', { level: 2 }).allInnerTexts();
  }

  /** The link of a section's count (« N voir la liste « titre » »). */
  countLink(title: string): Locator {
    return this.section(title).getByRole('link', { name: /voir la liste/ });
  }

  async count(title: string): Promise<number> {
    const text = (await this.countLink(title).textContent()) ?? '';
    return Number(/^\s*(\d+)/.exec(text)?.[1] ?? Number.NaN);
  }
}

/** The total a list page announces (« 12 échéances », « 3 dossiers »…) in its status line. */
export async function listTotal(page: Page): Promise<number> {
  const status = page.getByRole('status').filter({ hasText: /^\d+ / }).first();
  await status.waitFor();
  return Number(/^(\d+)/.exec(await status.innerText())?.[1] ?? Number.NaN);
}
