import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../shared/api/client';
import { ApiProvider, useDataRefresh } from '../api/ApiContext';
import { recordPage, type RecordProps } from './RecordPage';

afterEach(cleanup);

interface FakeFiche {
  id: number;
  version: number;
  statusLabel: string;
}

function Details({ record, onChange }: RecordProps<FakeFiche>) {
  const { refresh } = useDataRefresh();
  return (
    <>
      <p data-testid="shown">{`${record.statusLabel} (v${record.version})`}</p>
      <button type="button" onClick={() => onChange({ ...record, version: 5, statusLabel: 'Clôturée' })}>
        action
      </button>
      <button type="button" onClick={refresh}>
        relire
      </button>
    </>
  );
}

const Page = recordPage(
  { param: 'ficheId', method: 'fiches.get', input: (id) => ({ ficheId: id }), title: 'Fiche', what: 'de la fiche' },
  { title: 'Fiche', message: 'Cette fiche n’existe pas.' },
  Details as never,
);

describe('recordPage', () => {
  it('takes the record read again (another desk’s change, live updates), never an older version than the one held', async () => {
    const server = { fiche: { id: 7, version: 1, statusLabel: 'Envoyée au correspondant' } as FakeFiche };
    const client: ApiClient = {
      call: (async () => structuredClone(server.fiche)) as unknown as ApiClient['call'],
      setSession: () => undefined,
      getSession: () => 's',
    };
    render(
      <ApiProvider client={client}>
        <MemoryRouter initialEntries={['/fiches/7']}>
          <Routes>
            <Route path="/fiches/:ficheId" element={<Page />} />
          </Routes>
        </MemoryRouter>
      </ApiProvider>,
    );
    expect(await screen.findByText('Envoyée au correspondant (v1)')).toBeInTheDocument();

    server.fiche = { id: 7, version: 2, statusLabel: 'Acceptée par le correspondant' };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'relire' })));
    expect(await screen.findByText('Acceptée par le correspondant (v2)')).toBeInTheDocument();

    // An action of the page answered with version 5; a read still at 3 does not take it back.
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'action' })));
    expect(screen.getByTestId('shown')).toHaveTextContent('Clôturée (v5)');
    server.fiche = { id: 7, version: 3, statusLabel: 'Acceptée par le correspondant' };
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'relire' })));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(screen.getByTestId('shown')).toHaveTextContent('Clôturée (v5)');
  });
});
