import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter } from 'react-router';
import type { DesktopApi, DesktopConnection } from '../../../../shared/api/desktop';
import type { ApiResponse } from '../../../../shared/api/transport';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { App } from '../../app/App';
import { SESSION_STORAGE_KEY } from '../../api/session';
import { readDesktopApi } from './desktop';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const PINNED = Array.from({ length: 32 }, () => 'AA').join(':');
const NEW = Array.from({ length: 32 }, () => '5B').join(':');
const URL_ = 'https://mds.example.org:8443/';

/** A fake of main's side of the connection: a first run (or a changed certificate) until the user settles it. */
function fakeDesktop(initial: DesktopConnection) {
  let connection = initial;
  const calls: { method: string; input: unknown }[] = [];
  const ok = <T,>(value: T): ApiResponse<T> => ({ ok: true, value });
  const no = (code: 'VALIDATION' | 'FORBIDDEN', message: string): ApiResponse<never> => ({ ok: false, error: { code, message } });
  const desktop: DesktopApi = {
    getConnection: vi.fn(async () => {
      calls.push({ method: 'getConnection', input: {} });
      return ok(connection);
    }),
    probe: vi.fn(async (url: string) => {
      calls.push({ method: 'probe', input: url });
      if (url.startsWith('http:')) return no('VALIDATION', 'Adresse refusée : le serveur de la MDS ne se joint qu’en HTTPS (https://…).');
      return ok({ url: URL_, fingerprint: PINNED, subject: 'mds.example.org', issuer: 'mds.example.org', validTo: '2031-05-01T00:00:00.000Z' });
    }),
    choose: vi.fn(async (choice) => {
      calls.push({ method: 'choose', input: choice });
      connection = choice.mode === 'autonome' ? { mode: 'autonome' } : { ...choice, acceptedAt: '2026-12-03T10:00:00.000Z' };
      return ok(connection);
    }),
    acceptCertificate: vi.fn(async (input) => {
      calls.push({ method: 'acceptCertificate', input });
      if (input.login !== 'admin' || input.password !== 'bon') {
        return no('FORBIDDEN', 'Seul un compte administrateur du serveur peut accepter le nouveau certificat.');
      }
      connection = { mode: 'serveur', url: URL_, fingerprint: input.fingerprint, acceptedAt: '2026-12-03T10:00:00.000Z' };
      return ok(connection);
    }),
  };
  return { desktop, calls };
}

function renderDesktop(desktop: DesktopApi | undefined) {
  const backend = createFakeBackend();
  render(<App transport={backend.transport} desktop={desktop} createRouter={(routes) => createMemoryRouter(routes, { initialEntries: ['/'] })} />);
  return backend;
}

describe('connection screen (desktop app only)', () => {
  it('first run: « Se connecter au serveur de la MDS », the certificate read and shown, confirmed, then the login', async () => {
    const user = userEvent.setup();
    const { desktop, calls } = fakeDesktop({ mode: 'none' });
    const backend = renderDesktop(desktop);
    expect(await screen.findByRole('heading', { level: 1, name: 'Bienvenue dans Parcours RSA' })).toBeInTheDocument();
    expect(backend.requests).toEqual([]); // nothing asked of the API before the choice
    const group = screen.getByRole('radiogroup');
    expect(within(group).getByRole('radio', { name: 'Poste autonome (base locale chiffrée)' })).toBeInTheDocument();
    await user.click(within(group).getByRole('radio', { name: 'Se connecter au serveur de la MDS' }));

    // An empty address, then plain HTTP: the field says why, and keeps the focus.
    await user.click(screen.getByRole('button', { name: 'Vérifier le serveur' }));
    const address = screen.getByRole('textbox', { name: /Adresse du serveur/ });
    expect(address).toHaveAccessibleDescription('Saisissez l’adresse du serveur de la MDS.');
    expect(address).toHaveAttribute('aria-invalid', 'true');
    expect(address).toHaveFocus();
    await user.type(address, 'http://mds.example.org{Enter}');
    expect(await screen.findByText(/ne se joint qu’en HTTPS/)).toBeInTheDocument();
    expect(address).toHaveFocus();

    await user.clear(address);
    await user.type(address, 'mds.example.org:8443{Enter}');
    const heading = await screen.findByRole('heading', { level: 2, name: 'Certificat du serveur' });
    expect(heading).toHaveFocus();
    const section = screen.getByRole('region', { name: 'Certificat du serveur' });
    expect(within(section).getByText(PINNED)).toBeInTheDocument();
    expect(within(section).getByText('1er mai 2031')).toBeInTheDocument();
    await user.click(within(section).getByRole('button', { name: /L’empreinte est la bonne/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'choose')).toEqual([{ method: 'choose', input: { mode: 'serveur', url: URL_, fingerprint: PINNED } }]);
    expect(backend.requests.map((r) => r.method)).toContain('app.status');
  });

  it('first run: « Poste autonome » keeps today’s start-up, and a damaged settings file is explained', async () => {
    const user = userEvent.setup();
    const { desktop, calls } = fakeDesktop({ mode: 'none', notice: 'Le réglage de connexion de ce poste (parcours.client.json) est illisible.' });
    renderDesktop(desktop);
    await screen.findByRole('heading', { level: 1, name: 'Bienvenue dans Parcours RSA' });
    expect(screen.getByRole('status')).toHaveTextContent('illisible');
    await user.click(screen.getByRole('radio', { name: 'Poste autonome (base locale chiffrée)' }));
    await user.click(screen.getByRole('button', { name: 'Utiliser ce poste en autonome' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'choose')).toEqual([{ method: 'choose', input: { mode: 'autonome' } }]);
  });

  it('a changed certificate: both fingerprints, and only an administrator’s sign-in accepts it', async () => {
    const user = userEvent.setup();
    const message = `Le certificat du serveur a changé (empreinte ${NEW}) : connexion refusée. Un administrateur peut accepter le nouveau certificat depuis l’écran de connexion.`;
    const { desktop, calls } = fakeDesktop({
      mode: 'serveur',
      url: URL_,
      fingerprint: PINNED,
      acceptedAt: '2026-12-01T08:00:00.000Z',
      certificateChanged: { pinned: PINNED, presented: NEW, message },
    });
    renderDesktop(desktop);
    expect(await screen.findByRole('heading', { level: 1, name: 'Le certificat du serveur a changé' })).toBeInTheDocument();
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent(message);
    expect(screen.getByText('Empreinte enregistrée').nextElementSibling).toHaveTextContent(PINNED);
    expect(screen.getByText('Empreinte présentée par le serveur').nextElementSibling).toHaveTextContent(NEW);

    const form = screen.getByRole('form', { name: 'Accepter le nouveau certificat' });
    await user.type(within(form).getByLabelText(/Identifiant administrateur/), 'remi');
    await user.type(within(form).getByLabelText(/Mot de passe/), 'bon{Enter}');
    expect(await within(form).findByRole('alert')).toHaveTextContent('Seul un compte administrateur du serveur');
    expect(within(form).getByLabelText(/Mot de passe/)).toHaveValue('');
    expect(within(form).getByLabelText(/Mot de passe/)).toHaveFocus();

    await user.clear(within(form).getByLabelText(/Identifiant administrateur/));
    await user.type(within(form).getByLabelText(/Identifiant administrateur/), 'admin');
    await user.type(within(form).getByLabelText(/Mot de passe/), 'bon{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(calls.filter((c) => c.method === 'acceptCertificate').map((c) => c.input)).toEqual([
      { login: 'remi', password: 'bon', fingerprint: NEW },
      { login: 'admin', password: 'bon', fingerprint: NEW },
    ]);
  });

  it('a desktop already set up, and the browser (no desktop API), go straight to the usual start-up', async () => {
    const { desktop } = fakeDesktop({ mode: 'serveur', url: URL_, fingerprint: PINNED, acceptedAt: '2026-12-01T08:00:00.000Z' });
    renderDesktop(desktop);
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    cleanup();
    window.sessionStorage.removeItem(SESSION_STORAGE_KEY);
    renderDesktop(undefined);
    expect(await screen.findByRole('heading', { level: 1, name: 'Connexion' })).toBeInTheDocument();
    expect(screen.queryByRole('radiogroup')).toBeNull();
  });
});

describe('readDesktopApi', () => {
  it('exists only with the Electron preload, and sends desktop.* envelopes through its single invoke', async () => {
    expect(readDesktopApi(window)).toBeUndefined();
    const invoke = vi.fn(async (request: unknown) => ({ ok: true, value: request }));
    const win = { parcoursApi: { invoke } } as unknown as Window;
    const desktop = readDesktopApi(win)!;
    await desktop.probe(URL_);
    await desktop.acceptCertificate({ login: 'admin', password: 'x', fingerprint: NEW });
    expect(invoke.mock.calls.map(([r]) => r)).toEqual([
      { method: 'desktop.probe', input: { url: URL_ } },
      { method: 'desktop.acceptCertificate', input: { login: 'admin', password: 'x', fingerprint: NEW } },
    ]);
    invoke.mockRejectedValueOnce(new Error('ipc'));
    expect(await desktop.getConnection()).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });
});
