import { render } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { App } from '../app/App';
import { SESSION_STORAGE_KEY } from '../api/session';
import type { Transport } from '../../../shared/api/transport';
import { VALID_SESSION } from './fakeBackend';

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
