import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ApiError } from '../../../../shared/api/errors';
import { createFakeBackend } from '../../../../test/renderer/fakeBackend';
import { renderApp } from '../../../../test/renderer/renderApp';

afterEach(() => {
  cleanup();
  window.sessionStorage.clear();
});

describe('the MDS (administration)', () => {
  it('records its postal address and the commune its papers are made in', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({ handlers: { 'mds.update': (input) => ({ id: 1, territory: 'Lens-Hénin', ...input }) } });
    renderApp(backend.transport, { path: '/administration/mds' });
    expect(await screen.findByLabelText(/Commune/)).toHaveValue('');
    expect(screen.getByRole('heading', { level: 1, name: 'La MDS' })).toBeInTheDocument();
    expect(screen.getByText('Territoire : Lens-Hénin')).toBeInTheDocument();
    expect(screen.getByLabelText(/Adresse de la MDS/)).toHaveValue('1 rue de la Gare, 62300 Lens');
    await user.type(screen.getByLabelText(/Commune/), 'Lens');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Les informations de la MDS sont enregistrées.')).toBeInTheDocument();
    expect(backend.inputsOf('mds.update')).toEqual([{ name: 'MDS de Lens', address: '1 rue de la Gare, 62300 Lens', commune: 'Lens' }]);
  });

  it('shows the API’s refusal at the field', async () => {
    const user = userEvent.setup();
    const backend = createFakeBackend({
      handlers: {
        'mds.update': () => {
          throw new ApiError('VALIDATION', 'Saisie incomplète.', { commune: 'Commune : 120 caractères au plus' });
        },
      },
    });
    renderApp(backend.transport, { path: '/administration/mds' });
    await user.type(await screen.findByLabelText(/Commune/), 'Lens');
    await user.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Saisie incomplète.');
    expect(screen.getByText('Commune : 120 caractères au plus')).toBeInTheDocument();
  });
});
