import { test as base } from '@playwright/test';
import { BrowserHost } from './host';

/** `host`: a fresh browser-mode host on an empty data folder, stopped and removed after the test. */
export const test = base.extend<{ host: BrowserHost }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their dependencies by destructuring
  host: async ({}, use) => {
    const host = new BrowserHost();
    await host.start();
    await use(host);
    await host.stop();
    host.dispose();
  },
});
export { expect } from '@playwright/test';
