/**
 * The MDS server over TLS (issue 14): the REAL server process (`main/server/cli.ts --demo --tls-self-signed`),
 * browsers on it (cookie session + CSRF), two desks of the same MDS. A fiche de liaison sent by the référent
 * appears on the correspondent's screen without a reload, and the answer comes back the same way (live updates:
 * server-sent events); « Se déconnecter partout » ends the user's other session.
 */
import { test as base, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../main/demo/seed';
import { parcoursCafPrefix } from '../../main/demo/parcours';
import { postApi, startServerProcess } from '../server-process';
import { LoginPage } from './pages/login.page';
import { FichePage, FichesInboxPage, FicheWizardPage } from './pages/fiches.page';
import { editObjectifsAndSave, openWizard } from './pages/conflict.page';
import { DeskPage } from './pages/desk.page';

const PASSPHRASE = 'phrase-secrete-du-service-e2e';

interface RunningServer {
  url: string;
  fingerprint: string;
  /** The server's own certificate: the API calls of the test trust it alone (pinned). */
  ca: Buffer;
}

/** One server per worker: `--demo --demo-foyers 40`, self-signed, a free port of 127.0.0.1; stopped after the file. */
const test = base.extend<object, { server: RunningServer }>({
  server: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
    async ({}, use) => {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'parcours-e2e-serveur-'));
      const started = await startServerProcess({
        args: ['--data-dir', dataDir, '--listen', '127.0.0.1:0', '--tls-self-signed', '--demo', '--demo-foyers', '40'],
        passphrase: PASSPHRASE,
        timeoutMs: 150_000,
      });
      await use({ url: started.url, fingerprint: started.fingerprint, ca: readFileSync(path.join(dataDir, 'tls', 'server.crt')) });
      await started.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    { scope: 'worker', timeout: 200_000 },
  ],
});

/** An API call as the desktop client makes it (bearer session), trusting the server's own certificate only. */
const api = <T>(server: RunningServer, method: string, input: unknown, token?: string) => postApi<T>(server.url, { ca: server.ca }, method, input, token);

interface Person {
  id: number;
  nomPatronymique: string;
  prenoms: string;
  correspondant: { id: number } | null;
}

/** A desk: its own browser context (its own cookies), logged in. */
async function desk(browser: Browser, server: RunningServer, login: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ ignoreHTTPSErrors: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await new LoginPage(page).login(login, DEMO_PASSWORD);
  await expect(page.getByRole('navigation', { name: 'Navigation principale' })).toBeVisible();
  // Set once: still there at the end means the page was never reloaded.
  await page.evaluate(() => ((window as unknown as Record<string, unknown>).pasDeRechargement = true));
  return { context, page };
}

const notReloaded = (page: Page) => page.evaluate(() => (window as unknown as Record<string, unknown>).pasDeRechargement === true);

/** Waits for `check` and says how long it took (the design's target: 2 s). */
async function timed(label: string, check: () => Promise<void>): Promise<number> {
  const t0 = Date.now();
  await check();
  const ms = Date.now() - t0;
  console.log(`[mise à jour en direct] ${label} : ${ms} ms`);
  return ms;
}

test('une fiche envoyée par le référent apparaît chez le correspondant sans rechargement, et sa réponse revient de même', async ({ browser, server }) => {
  // A dossier of referent1 followed by correspondant1 (the demo's parcours), and a fiche « appui » ready to send.
  const referent = await api<{ session: string; user: { id: number } }>(server, 'auth.login', { login: 'referent1', password: DEMO_PASSWORD });
  const correspondant = await api<{ session: string; user: { id: number } }>(server, 'auth.login', { login: 'correspondant1', password: DEMO_PASSWORD });
  const hits = await api<{ personId: number }[]>(server, 'dossiers.search', { query: parcoursCafPrefix(0), limit: 50 }, referent.session);
  let person: Person | undefined;
  for (const hit of hits) {
    const dossier = await api<{ person: Person }>(server, 'dossiers.get', { personId: hit.personId }, referent.session);
    if (dossier.person.correspondant?.id === correspondant.user.id) {
      person = dossier.person;
      break;
    }
  }
  expect(person, 'un dossier de referent1 suivi par correspondant1').toBeDefined();
  const today = new Date().toISOString().slice(0, 10);
  const texte = `Aide à la mobilité demandée le ${today} (test en direct)`;
  const fiche = await api<{ id: number }>(server, 'fiches.create', { personId: person!.id, type: 'appui', texte, date: today }, referent.session);
  await api(server, 'auth.logout', {}, referent.session);
  await api(server, 'auth.logout', {}, correspondant.session);

  const ref = await desk(browser, server, 'referent1');
  const cor = await desk(browser, server, 'correspondant1');
  // The correspondent's « Mon activité » in a second window: its count of fiches to process moves too.
  const corDesk = await desk(browser, server, 'correspondant1');
  try {
    const deskPage = new DeskPage(corDesk.page);
    await expect(deskPage.heading()).toBeVisible();
    const toProcess = await deskPage.count('Fiches de liaison à traiter');
    const inbox = new FichesInboxPage(cor.page);
    await inbox.open();
    await expect(inbox.table()).toBeVisible();
    const rows = inbox.table().getByRole('row').filter({ hasText: new RegExp(person!.nomPatronymique, 'i') });
    const before = await rows.count();

    await ref.page.goto(`${server.url}#/fiches-de-liaison/${fiche.id}/modifier?etape=3`);
    const wizard = new FicheWizardPage(ref.page);
    await expect(wizard.stepHeading()).toHaveText('Étape 3 sur 3 : Pièces jointes et envoi');
    await wizard.send();
    const referentFiche = new FichePage(ref.page);
    await expect(referentFiche.state()).toHaveText('État : Envoyée au correspondant');

    const sent = await timed('fiche envoyée → liste du correspondant', () => expect(rows).toHaveCount(before + 1));
    expect(await notReloaded(cor.page)).toBe(true);
    await timed('fiche envoyée → « Mon activité » du correspondant', () =>
      expect(deskPage.countLink('Fiches de liaison à traiter')).toHaveText(new RegExp(`^\\s*${toProcess + 1}\\b`)),
    );
    expect(await notReloaded(corDesk.page)).toBe(true);

    await rows.filter({ hasText: 'À faire' }).first().getByRole('link').click();
    const correspondentFiche = new FichePage(cor.page);
    await expect(correspondentFiche.state()).toHaveText('État : Envoyée au correspondant');
    await correspondentFiche.answer('Accepter la demande', 'Accord : un bon de transport est proposé.');
    await expect(correspondentFiche.state()).toHaveText('État : Acceptée par le correspondant');

    const answered = await timed('réponse du correspondant → fiche du référent', () => expect(referentFiche.state()).toHaveText('État : Acceptée par le correspondant'));
    expect(await notReloaded(ref.page)).toBe(true);
    // The design's target is 2 s; the assertion leaves room for a loaded machine (expect's 10 s).
    expect(sent).toBeLessThan(10_000);
    expect(answered).toBeLessThan(10_000);
  } finally {
    await ref.context.close();
    await cor.context.close();
    await corDesk.context.close();
  }
});

test('« Se déconnecter partout » dans un navigateur termine la session du même utilisateur dans l’autre', async ({ browser, server }) => {
  const first = await desk(browser, server, 'referent2');
  const second = await desk(browser, server, 'referent2');
  try {
    await first.page.getByRole('button', { name: 'Se déconnecter partout' }).click();
    await first.page.getByRole('dialog', { name: 'Se déconnecter partout ?' }).getByRole('button', { name: 'Se déconnecter partout' }).click();
    await expect(first.page.getByRole('button', { name: 'Se connecter' })).toBeVisible();

    // The other browser learns it from its event stream (ended with the session) or its next call: the login again.
    await timed('déconnexion partout → écran de connexion de l’autre navigateur', () =>
      expect(second.page.getByRole('button', { name: 'Se connecter' })).toBeVisible({ timeout: 10_000 }),
    );
    await expect(second.page.getByText(/Votre session a pris fin/)).toBeVisible();
  } finally {
    await first.context.close();
    await second.context.close();
  }
});

test('deux navigateurs modifient le même contrat sur le serveur : le second voit le conflit, garde sa saisie', async ({ browser, server }) => {
  // A CERS draft of referent1 (the demo's parcours have drafts), its dossier in correspondant1's MDS.
  const referent = await api<{ session: string }>(server, 'auth.login', { login: 'referent1', password: DEMO_PASSWORD });
  const hits = await api<{ personId: number }[]>(server, 'dossiers.search', { query: parcoursCafPrefix(0), limit: 50 }, referent.session);
  let draftId: number | undefined;
  for (const hit of hits) {
    const contracts = await api<{ id: number; type: string; status: string }[]>(server, 'contracts.listForDossier', { personId: hit.personId }, referent.session);
    draftId = contracts.find((c) => c.type === 'CERS' && c.status === 'brouillon')?.id;
    if (draftId !== undefined) break;
  }
  expect(draftId, 'un CERS en brouillon de referent1').toBeDefined();

  const ref = await desk(browser, server, 'referent1');
  const cor = await desk(browser, server, 'correspondant1');
  try {
    const referentWizard = await openWizard(ref.page, draftId!);
    const correspondentWizard = await openWizard(cor.page, draftId!);
    await editObjectifsAndSave(ref.page, referentWizard, 'Objectif fixé par le référent (serveur)');
    await expect(ref.page.getByRole('heading', { level: 1, name: /^CERS de / })).toBeVisible();

    await editObjectifsAndSave(cor.page, correspondentWizard, 'Objectif proposé par la correspondante (serveur)');
    const table = cor.page.getByRole('table', { name: 'Différences avec la version enregistrée' });
    await expect(table).toBeVisible();
    await expect(cor.page.getByRole('alert').filter({ has: table })).toContainText(/Modifié par Jérôme Dubois à \d{2}:\d{2}\./);
    await expect(table.getByRole('row').nth(1)).toContainText('Objectif proposé par la correspondante (serveur)');
    await expect(table.getByRole('row').nth(1)).toContainText('Objectif fixé par le référent (serveur)');
    // Her input stays where it was (the recap), and the saved contract is the référent's.
    await expect(correspondentWizard.stepHeading()).toContainText('Étape 5 sur 5');
    const saved = await api<{ objectifs: string }>(server, 'contracts.get', { contractId: draftId }, referent.session);
    expect(saved.objectifs).toBe('Objectif fixé par le référent (serveur)');
  } finally {
    await ref.context.close();
    await cor.context.close();
    await api(server, 'auth.logout', {}, referent.session);
  }
});

