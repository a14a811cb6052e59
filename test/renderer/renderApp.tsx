import { render } from '@testing-library/react';
import { createMemoryRouter, type RouteObject } from 'react-router';
import { App } from '../../renderer/src/app/App';
import { SESSION_STORAGE_KEY } from '../../renderer/src/api/session';
import type { Transport } from '../../shared/api/transport';
import { appRoutes } from '../../renderer/src/app/routes';
import { VALID_SESSION } from './fakeBackend';

/**
 * The app loads each screen when its route is first opened (lazy routes). Tests load them all with this
 * module, as a test file imports what it tests: a test's waits then measure the screen, not the loading
 * (and transforming) of its modules.
 */
async function loadScreens(routes: readonly RouteObject[]): Promise<void> {
  await Promise.all(routes.map(async (route) => {
    if (typeof route.lazy === 'function') await route.lazy();
    if (route.children) await loadScreens(route.children);
  }));
}
await Promise.all([loadScreens(appRoutes), import('../../renderer/src/app/RoutedApp'), import('../../renderer/src/screens/setup/SetupWizard')]);

export interface RenderAppOptions {
  /** Path of the screen to open (memory router). */
  path?: string;
  /** Start logged in (a session token already in sessionStorage, as after a reload). */
  loggedIn?: boolean;
}

/** Renders the whole renderer over a transport, on a memory router. */
export function renderApp(transport: Transport, { path = '/beneficiaires', loggedIn = true }: RenderAppOptions = {}) {
  if (loggedIn) window.sessionStorage.setItem(SESSION_STORAGE_KEY, VALID_SESSION);
  else window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
  return render(<App transport={transport} createRouter={(routes) => createMemoryRouter(routes, { initialEntries: [path] })} />);
}
