import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen, within } from '@testing-library/react';
import type { Organisme } from '../../../../shared/api/interview';
import type { Ep } from '../../../../shared/api/ep';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

const organisme = (id: number, type: Organisme['type'], name: string): Organisme => ({
  id,
  name,
  type,
  address: null,
  telephone: null,
  email: null,
  active: true,
  updatedAt: '2026-01-05T10:00:00.000Z',
});

describe('first steps (administration)', () => {
  it('lists what is missing, with links to where to enter it', async () => {
    renderApp(createFakeBackend({ handlers: { 'organismes.list': () => [], 'ep.get': () => null } }).transport, { path: '/administration/premiers-pas' });
    const list = await screen.findByRole('list', { name: 'Ce qu’il faut saisir d’abord' });
    expect(screen.getByText('À saisir avant la première décision d’orientation et la première séance d’EP.')).toBeInTheDocument();
    expect(within(list).getAllByTitle('À faire')).toHaveLength(3);
    expect(within(list).getByRole('link', { name: 'Compléter les informations de la MDS' })).toHaveAttribute('href', '/administration/mds');
    expect(within(list).getByRole('link', { name: 'Saisir les organismes référents' })).toHaveAttribute('href', '/administration/organismes');
    expect(within(list).getByRole('link', { name: 'Composer l’équipe pluridisciplinaire' })).toHaveAttribute('href', '/equipes-pluridisciplinaires/equipe');
    expect(within(list).getByRole('link', { name: 'Créer les comptes' })).toHaveAttribute('href', '/administration/comptes');
  });

  it('says all is in place once organismes of every type and an EP with its president exist', async () => {
    const organismes = [organisme(1, 'pole_emploi', 'France Travail Arras'), organisme(2, 'professionnel', 'Tremplin'), organisme(3, 'solidarite', 'CCAS')];
    const president = { id: 1, name: 'M. Vasseur', function: 'Conseiller général', organisation: 'conseil_general', isPresident: true, substituteName: null, substituteFunction: null, address: null };
    const ep = { id: 1, territory: 'Artois', name: 'EP', president, members: [president, { ...president, id: 2, isPresident: false, organisation: 'caf' }], version: 1 } as unknown as Ep;
    renderApp(createFakeBackend({ handlers: { 'organismes.list': () => organismes, 'ep.get': () => ep, 'mds.get': () => ({ id: 1, name: 'MDS', territory: 'Artois', address: '3 rue Gambetta, 62000 Arras', commune: 'Arras' }) } }).transport, { path: '/administration/premiers-pas' });
    expect(await screen.findByText(/Tout est en place/)).toBeInTheDocument();
    expect(screen.queryByTitle('À faire')).not.toBeInTheDocument();
  });
});
