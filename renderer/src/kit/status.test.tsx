import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../shared/api/errors';
import { LoadError } from './status';

function renderAt(error: ApiError, onRetry = vi.fn()) {
  render(
    <MemoryRouter initialEntries={['/precedente', '/refusee']} initialIndex={1}>
      <Routes>
        <Route path="/" element={<p>Accueil</p>} />
        <Route path="/precedente" element={<p>Page d’avant</p>} />
        <Route path="/refusee" element={<LoadError error={error} onRetry={onRetry} />} />
      </Routes>
    </MemoryRouter>,
  );
  return onRetry;
}

describe('LoadError', () => {
  afterEach(cleanup);

  it('offers « Réessayer » for a failure that may pass', async () => {
    const onRetry = renderAt(new ApiError('INTERNAL', 'Erreur interne.'));
    await userEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('offers a way back, not « Réessayer », when access is refused', async () => {
    renderAt(new ApiError('FORBIDDEN', 'Ce dossier ne vous est pas attribué.'));
    expect(screen.getByRole('alert')).toHaveTextContent('Ce dossier ne vous est pas attribué.');
    expect(screen.queryByRole('button', { name: 'Réessayer' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Page précédente' }));
    expect(screen.getByText('Page d’avant')).toBeInTheDocument();
  });

  it('links to the home page when the record is gone', async () => {
    renderAt(new ApiError('NOT_FOUND', 'Dossier introuvable.'));
    await userEvent.click(screen.getByRole('link', { name: 'Retour à l’accueil' }));
    expect(screen.getByText('Accueil')).toBeInTheDocument();
  });
});
