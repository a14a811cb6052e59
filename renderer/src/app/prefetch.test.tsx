import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { createMemoryRouter } from 'react-router';
import { createFakeBackend } from '../../../test/renderer/fakeBackend';
import { App } from './App';

/** Which desk modules were loaded (a mocked module's factory runs when the module is first imported). */
const loaded = vi.hoisted(() => ({ routedApp: false, layout: false, beneficiaries: false }));
vi.mock('./RoutedApp', () => {
  loaded.routedApp = true;
  return { default: () => null };
});
vi.mock('./layout/AppLayout', () => {
  loaded.layout = true;
  return { AppLayout: () => null };
});
vi.mock('../screens/beneficiaries/BeneficiariesPage', () => {
  loaded.beneficiaries = true;
  return { BeneficiariesPage: () => null };
});

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('the desk is fetched while the login screen waits', () => {
  it('loads the router, the layout and the Bénéficiaires page before anyone logs in', async () => {
    const backend = createFakeBackend();
    render(<App transport={backend.transport} createRouter={(routes) => createMemoryRouter(routes)} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    await waitFor(() => expect(loaded).toEqual({ routedApp: true, layout: true, beneficiaries: true }));
    expect(backend.inputsOf('auth.login')).toEqual([]);
  });
});
