import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures';
import { CORRESPONDANT, loginAs, seedWorld } from './pages/contracts-setup.page';

/**
 * Documents in the browser: the dossier lists what it can print; « Aperçu » shows the PDF with pdf.js
 * (react-pdf, which cannot run under vitest: it is tested here, in Chromium); the final version is archived
 * and its download is the very file archived.
 */
test('aperçu d’une DSP (pdf.js), navigation, zoom, archivage et téléchargement', async ({ page, host }) => {
  const world = await seedWorld(page, host.url, [{ key: 'a', nom: 'Lefèvre', prenom: 'Hélène', caf: '1234567', orientation: 'solidarite' }]);
  const person = world.people.a!;
  await world.api.call('dsp.save', { personId: person.personId, basedOnRevisionId: null, content: {} }, world.adminSession);

  await loginAs(page, CORRESPONDANT.login);
  await page.goto(`${host.url}#/beneficiaires/${person.personId}`);
  const section = page.getByRole('region', { name: 'Documents', exact: true });
  const toPrint = section.getByRole('table', { name: 'Documents à imprimer' });
  await expect(toPrint).toBeVisible();
  await toPrint.getByRole('button', { name: /^Aperçu : .*DSP|^Aperçu : .*socio/i }).first().click();

  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText(/Page 1 sur \d+/)).toBeVisible({ timeout: 30_000 });
  await expect(dialog.locator('canvas').first()).toBeVisible();
  const total = Number((await dialog.getByText(/Page 1 sur \d+/).textContent())!.match(/sur (\d+)/)![1]);
  if (total > 1) {
    await dialog.getByRole('button', { name: 'Page suivante' }).click();
    await expect(dialog.getByText(`Page 2 sur ${total}`)).toBeVisible();
  }
  // The canvas is redrawn on each page or zoom change: measure whichever is there.
  const canvasWidth = async () => (await dialog.locator('canvas').first().boundingBox())?.width ?? 0;
  await expect.poll(canvasWidth).toBeGreaterThan(0);
  const before = await canvasWidth();
  await dialog.getByRole('button', { name: 'Zoom avant' }).click();
  await expect.poll(canvasWidth).toBeGreaterThan(before);
  const violations = (await new AxeBuilder({ page }).analyze()).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Final version: archived, then downloaded; the file is a PDF whose text names the beneficiary.
  await toPrint.getByRole('button', { name: /^Archiver la version définitive/ }).first().click();
  const archived = section.getByRole('table', { name: 'Documents archivés' });
  await expect(archived.getByRole('row')).toHaveCount(2); // header + one document
  const [download] = await Promise.all([page.waitForEvent('download'), archived.getByRole('button', { name: /^Télécharger/ }).first().click()]);
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'parcours-dl-')), 'document.pdf');
  await download.saveAs(file);
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
  expect(text).toMatch(/LEF[ÈE]VRE/i);
  expect(text).toContain('Hélène');
  writeFileSync(`${file}.txt`, text);
});
