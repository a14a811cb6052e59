import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { DeskSection } from '../../../../shared/api/desk';
import { ApiError } from '../../../../shared/api/errors';
import { CORRESPONDANT, REFERENT, createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const REFERENT_SECTIONS: DeskSection[] = [
  {
    key: 'echeances',
    title: 'Mes dossiers et leur prochaine échéance',
    count: 3,
    tone: 'error',
    link: { to: 'echeancier', filter: { severities: ['en_retard', 'urgent'], referentId: REFERENT.id } },
    rows: [
      {
        label: 'DUPONT Marie',
        detail: 'Contrat à signer',
        date: '2026-11-28',
        severity: 'en_retard',
        link: { to: 'dossier', personId: 10, section: 'contrats' },
      },
      {
        label: 'MARTIN Paul',
        detail: 'Rendez-vous',
        date: '2026-12-04',
        severity: 'urgent',
        link: { to: 'dossier', personId: 11, section: 'rendez-vous' },
      },
    ],
    empty: 'Aucune échéance.',
  },
  {
    key: 'fiches',
    title: 'Mes fiches de liaison envoyées',
    count: 0,
    tone: 'info',
    link: { to: 'worklist', list: 'fiches_envoyees' },
    rows: [],
    empty: 'Vous n’avez envoyé aucune fiche de liaison en cours.',
  },
];

const CORRESPONDANT_SECTIONS: DeskSection[] = [
  {
    key: 'sans-orientation',
    title: 'Nouveaux bénéficiaires sans orientation',
    count: 42,
    tone: 'warning',
    link: { to: 'worklist', list: 'orientation_a_proposer' },
    rows: [{ label: 'BERNARD Luc', detail: 'En attente depuis 12 jours', date: '2026-11-21', severity: null, link: { to: 'dossier', personId: 12, section: 'orientation' } }],
    empty: 'Aucun nouveau bénéficiaire en attente.',
  },
  {
    key: 'fiches-a-traiter',
    title: 'Fiches de liaison à traiter',
    count: 2,
    tone: 'neutral',
    link: { to: 'fiches' },
    rows: [{ label: 'Fiche n° 7', detail: 'Demande de suspension', date: null, severity: null, link: { to: 'fiche', ficheId: 7 } }],
    empty: 'Aucune fiche à traiter.',
  },
];

function desk(sections: DeskSection[]) {
  return () => ({ today: '2026-12-03', previousVisitAt: '2026-12-02T16:30:00.000Z', sections });
}

describe('« Mon activité »', () => {
  it('is the home page: a référent’s sections, each count a link to the list it counts, each row to its dossier section', async () => {
    const backend = createFakeBackend({ user: REFERENT, handlers: { 'desk.mine': desk(REFERENT_SECTIONS) } });
    renderApp(backend.transport, { path: '/' });
    expect(await screen.findByText(/Aujourd’hui, 3 décembre 2026/)).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1, name: 'Mon activité' })).toHaveFocus();
    const nav = screen.getByRole('navigation', { name: 'Navigation principale' });
    expect(within(nav).getByRole('link', { name: /Mon activité/ })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: /Bénéficiaires/ })).not.toHaveAttribute('aria-current');

    const echeances = screen.getByRole('region', { name: 'Mes dossiers et leur prochaine échéance' });
    expect(within(echeances).getByRole('heading', { level: 2 })).toHaveTextContent('Mes dossiers et leur prochaine échéance');
    const count = within(echeances).getByRole('link', { name: /^3\s*voir la liste\s*« Mes dossiers et leur prochaine échéance »$/ });
    expect(count).toHaveAttribute('href', '/echeancier?gravite=en_retard,urgent&referent=2');
    // The tone in words, not by its colour alone.
    expect(within(echeances).getByText('À traiter en priorité')).toBeInTheDocument();
    const rows = within(within(echeances).getByRole('list', { name: 'Mes dossiers et leur prochaine échéance' })).getAllByRole('link');
    expect(rows.map((r) => r.getAttribute('href'))).toEqual(['/beneficiaires/10?section=contrats', '/beneficiaires/11?section=rendez-vous']);
    expect(rows[0]).toHaveTextContent('DUPONT Marie');
    expect(rows[0]).toHaveTextContent('Contrat à signer');
    expect(rows[0]).toHaveTextContent('28/11/2026');
    expect(rows[0]).toHaveTextContent('En retard');
    expect(rows[1]).toHaveTextContent('Urgent');

    const fiches = screen.getByRole('region', { name: 'Mes fiches de liaison envoyées' });
    expect(within(fiches).getByRole('link', { name: /^0 voir la liste/ })).toHaveAttribute('href', '/listes/fiches_envoyees');
    expect(within(fiches).getByText('Vous n’avez envoyé aucune fiche de liaison en cours.')).toBeInTheDocument();
    expect(within(fiches).queryByRole('list')).not.toBeInTheDocument();
    expect(within(fiches).queryByText('À suivre')).not.toBeInTheDocument();
    expect(backend.inputsOf('desk.mine')).toHaveLength(1);
  });

  it('shows a correspondent’s own sections, reachable with the keyboard', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ user: CORRESPONDANT, handlers: { 'desk.mine': desk(CORRESPONDANT_SECTIONS) } });
    renderApp(backend.transport, { path: '/' });
    await screen.findByRole('region', { name: 'Fiches de liaison à traiter' });
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Nouveaux bénéficiaires sans orientation',
      'Fiches de liaison à traiter',
    ]);
    const waiting = screen.getByRole('region', { name: 'Nouveaux bénéficiaires sans orientation' });
    const count = within(waiting).getByRole('link', { name: /^42 voir la liste/ });
    expect(count).toHaveAttribute('href', '/listes/orientation_a_proposer');
    expect(within(waiting).getByText('À surveiller')).toBeInTheDocument();
    expect(within(waiting).getByRole('link', { name: /BERNARD Luc/ })).toHaveAttribute('href', '/beneficiaires/12?section=orientation');
    const fiches = screen.getByRole('region', { name: 'Fiches de liaison à traiter' });
    expect(within(fiches).getByRole('link', { name: /^2 voir la liste/ })).toHaveAttribute('href', '/fiches-de-liaison');
    expect(within(fiches).getByRole('link', { name: /Fiche n° 7/ })).toHaveAttribute('href', '/fiches-de-liaison/7');

    // From the heading, Tab reaches the first count, then its row.
    await user.tab();
    expect(count).toHaveFocus();
    await user.tab();
    expect(within(waiting).getByRole('link', { name: /BERNARD Luc/ })).toHaveFocus();
  });

  it('says so when the desk cannot be read, with a way to try again', async () => {
    const user = userEvent.setup();
    let calls = 0;
    const backend = createFakeBackend({
      user: REFERENT,
      handlers: {
        'desk.mine': () => {
          calls += 1;
          if (calls === 1) throw new ApiError('INTERNAL', 'Une erreur inattendue est survenue. Réessayez.');
          return desk(REFERENT_SECTIONS)();
        },
      },
    });
    renderApp(backend.transport, { path: '/' });
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByRole('region', { name: 'Mes dossiers et leur prochaine échéance' })).toBeInTheDocument();
  });
});
