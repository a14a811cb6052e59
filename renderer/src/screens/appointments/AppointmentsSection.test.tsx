/**
 * The dossier's « Rendez-vous » section over a fake main: the lists, the « Planifier un rendez-vous » dialog (French
 * errors at the fields, keyboard only), the présence, and the banner after two unexcused absences that prepares the
 * draft fiche « demande de suspension » and opens it.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { type UserEvent } from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppointmentView, SuspensionProposal } from '../../../../shared/api/appointments';
import { createApiClient } from '../../../../shared/api/client';
import type { User } from '../../../../shared/api/contract';
import { ApiProvider } from '../../api/ApiContext';
import { NotificationsProvider } from '../../kit/notifications';
import { SessionProvider } from '../../kit/session';
import { createFakeBackend, MDS, REFERENT, VALID_SESSION, type FakeBackend } from '../../../../test/renderer/fakeBackend';
import { AppointmentsSection, SUSPENSION_BANNER_TITLE } from './AppointmentsSection';

vi.setConfig({ testTimeout: 60_000 });
afterEach(cleanup);

const PERSON = 3;
const TODAY = '2026-03-12';

const view = (over: Partial<AppointmentView>): AppointmentView => ({
  id: 1,
  personId: PERSON,
  date: '2026-03-20',
  time: '09:30',
  place: 'MDS de Lens',
  object: 'Point d’étape',
  withConvocation: true,
  referent: { id: REFERENT.id, displayName: REFERENT.displayName },
  outcome: null,
  outcomeLabel: null,
  outcomeNote: null,
  outcomeRecordedAt: null,
  cancelledAt: null,
  cancelReason: null,
  convocationDocumentId: null,
  suspensionFicheId: null,
  allowedActions: ['modifier', 'annuler', 'convocation'],
  version: 0,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

const upcoming = view({});
const held = view({ id: 2, date: '2026-03-12', time: '14:00', object: 'Bilan', allowedActions: ['presence'] });
const absent = view({ id: 3, date: '2026-03-05', outcome: 'absent_non_excuse', outcomeLabel: 'Absent non excusé', convocationDocumentId: 40, allowedActions: ['presence'] });

const proposal: NonNullable<SuspensionProposal> = {
  absences: [
    { appointmentId: 5, date: '2026-02-26', time: '09:30', object: 'Point d’étape' },
    { appointmentId: 3, date: '2026-03-05', time: '09:30', object: 'Point d’étape' },
  ],
  fiche: { type: 'suspension', date: TODAY, motif: 'autres', motifLabel: 'Autres', motifPrecision: '…' },
  convocations: [
    { appointmentId: 5, documentId: 39, fileName: 'Convocation A.pdf', letterDate: '2026-02-20' },
    { appointmentId: 3, documentId: 40, fileName: 'Convocation B.pdf', letterDate: '2026-02-27' },
  ],
  withoutConvocation: [],
};

function setup(options: { user?: User; proposal?: SuspensionProposal } = {}): FakeBackend {
  const user = options.user ?? REFERENT;
  const backend = createFakeBackend({
    user,
    handlers: {
      'appointments.listForDossier': () => ({ today: TODAY, upcoming: [upcoming, held], past: [absent] }),
      'appointments.suspensionProposal': () => options.proposal ?? null,
      'appointments.plan': (input) => view({ id: 9, ...input }),
      'appointments.recordOutcome': (input) => view({ ...held, outcome: input.outcome }),
      'appointments.acceptSuspension': () => ({ ficheId: 77 }),
    },
  });
  render(
    <ApiProvider client={createApiClient(backend.transport, VALID_SESSION)}>
      <SessionProvider value={{ user, mds: MDS, logout: () => Promise.resolve() }}>
        <NotificationsProvider>
          <MemoryRouter initialEntries={['/dossier']}>
            <Routes>
              <Route path="/dossier" element={<AppointmentsSection personId={PERSON} />} />
              <Route path="/fiches-de-liaison/:id" element={<p>Fiche ouverte</p>} />
            </Routes>
          </MemoryRouter>
        </NotificationsProvider>
      </SessionProvider>
    </ApiProvider>,
  );
  return backend;
}

async function typeDate(user: UserEvent, dialog: HTMLElement, ddmmyyyy: string) {
  const [day] = within(within(dialog).getByRole('group', { name: /Date du rendez-vous/ })).getAllByRole('spinbutton');
  await user.click(day!);
  await user.keyboard(ddmmyyyy);
}

describe('AppointmentsSection', () => {
  it('lists the rendez-vous to come and those held, with their présence', async () => {
    setup();
    const toCome = await screen.findByRole('list', { name: 'À venir' });
    expect(within(toCome).getByText('20/03/2026 à 09 h 30')).toBeInTheDocument();
    expect(within(toCome).getByRole('button', { name: 'Imprimer la convocation du 20/03/2026 à 09 h 30' })).toBeInTheDocument();
    expect(within(toCome).getByText('Présence à enregistrer')).toBeInTheDocument();
    const pastList = screen.getByRole('list', { name: 'Passés et annulés' });
    expect(within(pastList).getByText('Absent non excusé')).toBeInTheDocument();
    expect(within(pastList).getByRole('link', { name: 'Voir la convocation archivée du 05/03/2026 à 09 h 30' })).toHaveAttribute('href', '/beneficiaires/3/documents/40');
    expect(screen.queryByText(SUSPENSION_BANNER_TITLE)).toBeNull();
  });

  it('plan dialog: French errors at the fields for an empty form, nothing sent; then plans with the keyboard', async () => {
    const user = userEvent.setup();
    const backend = setup();
    await user.click(await screen.findByRole('button', { name: 'Planifier un rendez-vous' }));
    const dialog = await screen.findByRole('dialog', { name: 'Planifier un rendez-vous' });
    // The place starts with the MDS.
    expect(within(dialog).getByRole('textbox', { name: 'Lieu' })).toHaveValue(`${MDS.name}, ${MDS.address}`);
    await user.click(within(dialog).getByRole('button', { name: 'Planifier' }));
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Heure' })).toHaveAttribute('aria-invalid', 'true'));
    expect(within(dialog).getByRole('textbox', { name: 'Heure' })).toHaveAccessibleDescription('Heure : ce champ est obligatoire');
    expect(within(dialog).getByRole('textbox', { name: 'Objet' })).toHaveAccessibleDescription('Objet : ce champ est obligatoire');
    expect(within(dialog).getByRole('group', { name: /Date du rendez-vous/ })).toHaveAccessibleDescription('Date invalide (jj/mm/aaaa attendu)');
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Le formulaire contient 3 erreurs');

    // A day before today, an impossible hour: refused before anything is sent.
    await typeDate(user, dialog, '11/03/2026');
    await user.type(within(dialog).getByRole('textbox', { name: 'Heure' }), '9h30');
    await user.type(within(dialog).getByRole('textbox', { name: 'Objet' }), 'Signature du contrat');
    await user.click(within(dialog).getByRole('button', { name: 'Planifier' }));
    await waitFor(() => expect(within(dialog).getByRole('group', { name: /Date du rendez-vous/ })).toHaveAccessibleDescription('Le rendez-vous ne peut pas être fixé avant aujourd’hui (12/03/2026).'));
    expect(within(dialog).getByRole('textbox', { name: 'Heure' })).toHaveAccessibleDescription('Heure invalide (hh:mm attendu, par exemple 09:30)');
    expect(backend.inputsOf('appointments.plan')).toEqual([]);

    await typeDate(user, dialog, '19/03/2026');
    await user.clear(within(dialog).getByRole('textbox', { name: 'Heure' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Heure' }), '09:30{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.inputsOf('appointments.plan')).toEqual([
      { personId: PERSON, date: '2026-03-19', time: '09:30', place: `${MDS.name}, ${MDS.address}`, object: 'Signature du contrat', withConvocation: true },
    ]);
    expect(await screen.findByText('Rendez-vous planifié le 19/03/2026 à 09 h 30.')).toBeInTheDocument();
  });

  it('records the présence of a rendez-vous held today', async () => {
    const user = userEvent.setup();
    const backend = setup();
    await user.click(await screen.findByRole('button', { name: 'Enregistrer la présence au rendez-vous du 12/03/2026 à 14 h 00' }));
    const dialog = await screen.findByRole('dialog', { name: 'Présence au rendez-vous du 12/03/2026 à 14 h 00' });
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer la présence' }));
    await waitFor(() => expect(within(dialog).getByRole('radiogroup', { name: /Le bénéficiaire était/ })).toHaveAccessibleDescription('Choisissez : présent, absent excusé ou absent non excusé'));
    await user.click(within(dialog).getByRole('radio', { name: 'Absent non excusé' }));
    await user.click(within(dialog).getByRole('button', { name: 'Enregistrer la présence' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(backend.inputsOf('appointments.recordOutcome')).toEqual([{ appointmentId: 2, version: 0, outcome: 'absent_non_excuse' }]);
  });

  it('after two unexcused absences, prepares the draft fiche « demande de suspension » and opens it', async () => {
    const user = userEvent.setup();
    const backend = setup({ proposal });
    const banner = (await screen.findByText(SUSPENSION_BANNER_TITLE)).closest('[role="alert"]') as HTMLElement;
    expect(banner).toHaveTextContent('Absences non excusées aux rendez-vous du 26/02/2026 à 09 h 30 et du 05/03/2026 à 09 h 30.');
    expect(banner).toHaveTextContent('2 courriers de convocation joints');
    await user.click(within(banner).getByRole('button', { name: 'Préparer la demande de suspension' }));
    expect(await screen.findByText('Fiche ouverte')).toBeInTheDocument();
    expect(backend.inputsOf('appointments.acceptSuspension')).toEqual([{ personId: PERSON, appointmentIds: [5, 3] }]);
  });

  it('the EP secretary reads without any action', async () => {
    setup({ user: { ...REFERENT, role: 'secretaire_ep' }, proposal });
    await screen.findByRole('list', { name: 'À venir' });
    expect(screen.queryByRole('button', { name: 'Planifier un rendez-vous' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Préparer la demande de suspension' })).toBeNull();
  });
});
